import Foundation
import LonelinessCommandLine
import SurveyCSV
import TestSupport
import Testing

/// Runs `loneliness capture` in-process in a fresh folder, with `input` as its standard input.
func capture(
  _ arguments: [String],
  input: [InputLine],
  in folder: String? = nil
) throws -> (run: CommandRun, folder: String) {
  let folder = try folder ?? makeCaptureFolder()
  let console = Console.capturing(width: 100, workingDirectory: folder, input: input)
  let code = CommandLineTool.run(["capture"] + arguments, console: console)
  return (
    CommandRun(exitCode: code, output: console.capturedOutput, errors: console.capturedError),
    folder
  )
}

func makeCaptureFolder() throws -> String {
  try temporaryFolder("capture-command").path
}

func lines(_ replies: String...) -> [InputLine] { replies.map { .line($0) } }

func readCSV(_ path: String) throws -> [[String]] { try CSVReader(contentsOfFile: path).readAll() }

let onsHeader = [
  "respondent_id", "captured_at", "ons-loneliness.companionship", "ons-loneliness.left-out",
  "ons-loneliness.isolated", "ons-loneliness.lonely", "status",
]

@Suite struct CaptureCommandTests {
  @Test func `a scripted session by number and label, with skip, back and prefer not to say`()
    throws
  {
    let (run, folder) = try capture(
      [
        "-i", "ons-loneliness", "--to", "responses.csv", "--respondent", "R1", "--set",
        "site=Ashford",
      ],
      input: lines("2", "sometimes", "some of the time", "p", "b", "", "s", "y")
    )
    #expect(run.exitCode == .success)
    #expect(
      run.output
        == "Saved respondent R1 to responses.csv (2 of 4 questions answered, 1 with a missing answer, 1 skipped).\n"
    )
    expectSnapshot(run.errors, named: "capture-ons-session.txt")
    let rows = try readCSV(folder + "/responses.csv")
    #expect(rows.count == 2)
    #expect(rows[0] == ["respondent_id", "captured_at", "site"] + onsHeader.dropFirst(2))
    #expect(rows[1][0] == "R1")
    #expect(rows[1][1].wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
    #expect(Array(rows[1][2...]) == ["Ashford", "2", "2", "Prefer not to say", "", "complete"])
  }

  @Test func `an invalid answer is asked again with the valid answers and the nearest`() throws {
    let (run, _) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1"],
      input: lines("7", "hardly", "1", "1", "1", "1", "y")
    )
    #expect(run.exitCode == .success)
    #expect(
      run.errors.contains(
        """
        Answer: 7
          error: '7' is not a code of an answer to this question
          hint: answer 1 Hardly ever or never, 2 Some of the time, 3 Often, d Don't know or p Prefer not to say; s skips, b goes back
        Answer: hardly
          error: 'hardly' is not one of the answers to this question
          hint: did you mean 'Hardly ever or never'? answer 1 Hardly ever or never, 2 Some of the time, 3 Often, d Don't know or p Prefer not to say; s skips, b goes back
        Answer: 1

        """
      )
    )
  }

  @Test func `several instruments in a row, asking licensed items by key phrase`() throws {
    let (run, folder) = try capture(
      ["-i", "ons-loneliness,swemwbs", "--to", "r.csv", "--respondent", "R2"],
      input: lines(
        "1",
        "1",
        "1",
        "never",
        "5",
        "4",
        "3",
        "b",
        "b",
        "2",
        "",
        "3",
        "3",
        "2",
        "1",
        "y"
      )
    )
    #expect(run.exitCode == .success)
    #expect(
      run.errors.contains("Note: The licensed wording of the 7 items of Short Warwick-Edinburgh")
    )
    #expect(run.errors.contains("\"extends\": \"swemwbs\""))
    #expect(
      run.errors.contains(
        """
        Question 5 of 11 (swemwbs 1/7)
          Key phrase: optimistic
          (licensed wording not installed: read item 1 from your licensed copy)
          1  None of the time
        """
      )
    )
    let rows = try readCSV(folder + "/r.csv")
    #expect(rows[0].count == 2 + 11 + 1)
    #expect(
      Array(rows[1][2...]) == ["1", "1", "1", "5", "5", "2", "3", "3", "3", "2", "1", "complete"]
    )
  }

  @Test func `the end of input before the summary abandons the session and saves nothing`() throws {
    let (run, folder) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1"],
      input: lines("1", "2")
    )
    #expect(run.exitCode == .dataError)
    #expect(
      run.errors.hasSuffix(
        "Session abandoned (the input ended at question 3 of 4): nothing was saved to r.csv.\n"
          + "hint: --keep-partial saves the answers so far as a partial row\n"
      )
    )
    #expect(!FileManager.default.fileExists(atPath: folder + "/r.csv"))
  }

  @Test func `an interrupt with keep-partial saves the answers so far as partial`() throws {
    let (run, folder) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R9", "--keep-partial"],
      input: [.line("3"), .line("p"), .interrupted]
    )
    #expect(run.exitCode == .dataError)
    #expect(
      run.errors.hasSuffix(
        "Session abandoned: the answers so far were saved to r.csv as a partial row "
          + "(respondent R9, 1 of 4 questions answered, 1 with a missing answer, 2 not reached).\n"
      )
    )
    let rows = try readCSV(folder + "/r.csv")
    #expect(Array(rows[1].dropFirst(2)) == ["3", "Prefer not to say", "", "", "partial"])
  }

  @Test func `an interrupt without keep-partial saves nothing`() throws {
    let (run, folder) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R9"],
      input: [.line("3"), .interrupted]
    )
    #expect(run.exitCode == .dataError)
    #expect(
      run.errors.contains("Session abandoned (interrupted at question 2 of 4): nothing was saved")
    )
    #expect(!FileManager.default.fileExists(atPath: folder + "/r.csv"))
  }

  @Test func `n at the summary discards the answers`() throws {
    let (run, folder) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1"],
      input: lines("1", "1", "1", "1", "n")
    )
    #expect(run.exitCode == .success)
    #expect(run.output == "Not saved: the answers were discarded.\n")
    #expect(!FileManager.default.fileExists(atPath: folder + "/r.csv"))
  }

  @Test func `a question number at the summary changes that answer and returns to the summary`()
    throws
  {
    let (run, folder) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1"],
      input: lines("1", "1", "1", "1", "2", "often", "y")
    )
    #expect(run.exitCode == .success)
    #expect(
      Array(try readCSV(folder + "/r.csv")[1].dropFirst(2)) == ["1", "3", "1", "1", "complete"]
    )
  }

  @Test func `a second capture appends a row under the same header`() throws {
    let first = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1"],
      input: lines("1", "1", "1", "1", "y")
    )
    let second = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R2"],
      input: lines("2", "2", "2", "2", "y"),
      in: first.folder
    )
    #expect(second.run.exitCode == .success)
    let rows = try readCSV(first.folder + "/r.csv")
    #expect(rows.map { $0[0] } == ["respondent_id", "R1", "R2"])
  }

  @Test func `a file with another header is refused before any question with exit 65`() throws {
    let folder = try makeCaptureFolder()
    let original =
      "respondent_id,captured_at,site,ons-loneliness.lonely,status\nR0,x,A,1,complete\n"
    try original.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
    let (run, _) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1"],
      input: lines("1"),
      in: folder
    )
    #expect(run.exitCode == .dataError)
    #expect(
      run.errors
        == "error: the header of 'r.csv' does not match this capture; this capture writes columns "
        + "the file lacks: 'ons-loneliness.companionship', 'ons-loneliness.left-out', "
        + "'ons-loneliness.isolated'; the file has columns this capture does not write: 'site'\n"
        + "hint: a capture may add columns to a file but not leave any out: give at least the -i "
        + "instruments and --set columns of the file's earlier captures, or capture into a new file\n"
    )
    #expect(try String(contentsOfFile: folder + "/r.csv", encoding: .utf8) == original)
  }

  @Test
  func
    `a capture that adds an instrument and a column extends the header, and the file reads cleanly`()
    throws
  {
    let first = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1"],
      input: lines("1", "2", "3", "4", "y")
    )
    let before = try String(contentsOfFile: first.folder + "/r.csv", encoding: .utf8)
    let second = try capture(
      [
        "-i", "swemwbs", "-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R2", "--set",
        "wave=baseline",
      ],
      input: lines("5", "5", "5", "5", "5", "5", "5", "3", "3", "3", "2", "y"),
      in: first.folder
    )
    #expect(second.run.exitCode == .success)
    let added =
      "the columns 'wave', 'swemwbs.optimistic', 'swemwbs.useful', 'swemwbs.relaxed', "
      + "'swemwbs.dealing-with-problems', 'swemwbs.thinking-clearly', 'swemwbs.close-to-others', "
      + "'swemwbs.own-mind'"
    #expect(
      second.run.errors.contains(
        "r.csv lacks \(added); saving adds them to its header. Its earlier rows are kept as they "
          + "are and read as blank there.\n"
      )
    )
    #expect(
      second.run.output.hasPrefix("Added \(added) to the header of r.csv.\nSaved respondent R2")
    )
    let after = try String(contentsOfFile: first.folder + "/r.csv", encoding: .utf8)
    let oldRow = try #require(before.split(separator: "\n").last)
    #expect(after.split(separator: "\n")[1] == oldRow, "the first row is kept byte for byte")
    let rows = try readCSV(first.folder + "/r.csv")
    #expect(rows[0].count == onsHeader.count + 8 && rows[1].count == onsHeader.count)
    let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[2]))
    #expect(row["respondent_id"] == "R2" && row["wave"] == "baseline")
    #expect(row["ons-loneliness.lonely"] == "2" && row["swemwbs.own-mind"] == "5")

    let inspect = run(["inspect", first.folder + "/r.csv", "-i", "ons-loneliness", "-i", "swemwbs"])
    #expect(inspect.exitCode == .success)
    #expect(!inspect.output.contains("Ragged"), "the shorter first row is not a problem")
    // A row cut short before its status is a problem, even in a capture file.
    let torn = first.folder + "/torn.csv"
    try (after + "R9,2026-01-01T00:00:00Z,1\n").write(
      toFile: torn,
      atomically: true,
      encoding: .utf8
    )
    let tornInspect = run(["inspect", torn, "-i", "ons-loneliness"])
    #expect(tornInspect.output.contains("Ragged rows (1)"))
    #expect(tornInspect.output.contains("torn.csv:4: the record has 3 fields"))
    let score = run(["score", first.folder + "/r.csv", "-i", "swemwbs", "--strict"])
    #expect(score.exitCode == .success, "\(score.errors)")
    let scored = try CSVReader(bytes: Array(score.output.utf8)).readAll()
    let raw = try #require(scored[0].firstIndex(of: "swemwbs.raw"))
    let reason = try #require(scored[0].firstIndex(of: "swemwbs.raw.reason"))
    #expect(scored[1][raw] == "" && scored[1][reason] == "none of the 7 items answered")
    #expect(scored[2][raw] == "35")
  }

  @Test func `a respondent id already in the file with the same --set values gets a note`() throws {
    let arguments = ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1"]
    let first = try capture(
      arguments + ["--set", "wave=baseline"],
      input: lines("1", "1", "1", "1", "y")
    )
    #expect(!first.run.errors.contains("Note:"), "a new file has no earlier rows")
    let again = try capture(
      arguments + ["--set", "wave=baseline"],
      input: lines("2", "2", "2", "2", "y"),
      in: first.folder
    )
    #expect(again.run.exitCode == .success, "a note, not a refusal")
    #expect(
      again.run.errors.contains(
        "Note: r.csv already has a row (line 2) for respondent R1 with the same wave=baseline. "
          + "Saving adds another, which inspect and change list as a duplicate respondent id. "
          + "Check the id; n at the summary discards.\n"
      )
    )
    let followUp = try capture(
      arguments + ["--set", "wave=followup"],
      input: lines("3", "3", "3", "3", "y"),
      in: first.folder
    )
    #expect(!followUp.run.errors.contains("Note:"), "another wave is not a repeat")
    let third = try capture(
      arguments + ["--set", "wave=baseline"],
      input: lines("n"),
      in: first.folder
    )
    #expect(third.run.errors.contains("already has 2 rows (lines 2, 3) for respondent R1"))
  }

  @Test func `a generated respondent id is announced and written`() throws {
    let (run, folder) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv"],
      input: lines("1", "1", "1", "1", "y")
    )
    let id = try #require(try readCSV(folder + "/r.csv")[1].first)
    #expect(id.wholeMatch(of: /\d{8}-\d{6}-[a-z2-9]{4}/) != nil)
    #expect(
      run.errors.hasPrefix(
        "Respondent \(id) (an id made from the date, time and a random suffix; "
          + "give --respondent to choose one).\n"
      )
    )
  }

  @Test func `show-scores prints the respondent's scores, bands and indicators`() throws {
    let (run, _) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1", "--show-scores"],
      input: lines("3", "2", "3", "1", "y")
    )
    #expect(
      run.output.hasSuffix(
        """
        Scores
          ons-loneliness.ucla3: 8 (Lonely (6-9))
          ons-loneliness.often-always: yes (Lonely often/always)
          ons-loneliness.some-of-the-time-or-more: yes (Lonely always, often or some of the time)
          ons-loneliness.never: no (Never lonely)
          ons-loneliness.ucla-lonely: yes (Lonely on the UCLA 3-item score (6 or more))

        """
      )
    )
  }

  @Test func `show-scores says why a score is absent`() throws {
    let (run, _) = try capture(
      ["-i", "ons-loneliness", "--to", "r.csv", "--respondent", "R1", "--show-scores"],
      input: lines("3", "s", "3", "p", "y")
    )
    #expect(
      run.output.contains(
        "  ons-loneliness.ucla3: not scored (1 of 3 items missing (left-out); ons-loneliness.ucla3 allows none)\n"
      )
    )
    #expect(
      run.output.contains(
        "  ons-loneliness.often-always: not known (item lonely answered 'Prefer not to say')\n"
      )
    )
  }

  @Test(arguments: [
    (["--to", "r.csv"], "error: capture needs at least one instrument"),
    (
      ["-i", "ons-loneliness"], "error: capture needs --to FILE, the CSV file to append the row to"
    ),
    (
      ["-i", "ons-loneliness", "--to", "r.csv", "--set", "site"],
      "error: --set needs COLUMN=VALUE, found 'site'"
    ),
    (
      ["-i", "ons-loneliness", "--to", "r.csv", "--set", "status=x"],
      "error: --set: 'status' is a column the capture fills itself"
    ),
    (["-i", "ons-lonelyness", "--to", "r.csv"], "unknown instrument"),
    (["-i", "ons-loneliness", "--to", "r.csv", "swemwbs"], "error: unexpected argument 'swemwbs'"),
  ])
  func `command-line mistakes exit 64 before any question`(
    arguments: [String],
    message: String
  ) throws {
    let (run, folder) = try capture(arguments, input: [])
    #expect(run.exitCode == .usage)
    #expect(run.errors.contains(message))
    #expect(!FileManager.default.fileExists(atPath: folder + "/r.csv"))
  }

  @Test func `a missing folder is refused before any question`() throws {
    let (run, _) = try capture(
      ["-i", "ons-loneliness", "--to", "no-such-folder/r.csv"],
      input: lines("1")
    )
    #expect(run.exitCode == .cannotCreate)
    #expect(
      run.errors.hasPrefix(
        "error: the folder that would hold 'no-such-folder/r.csv' does not exist\n"
      )
    )
  }

  @Test func `capture is listed in the main help`() {
    let result = run(["--help"])
    #expect(result.output.contains("  capture       Ask one respondent the questions"))
  }
}

@Suite struct CapturedFilesTests {
  @Test func `a captured file is read by inspect, score and report with no mapping`() throws {
    let arguments = [
      "-i", "ons-loneliness", "-i", "swemwbs", "--to", "visits.csv", "--set", "worker=AB",
    ]
    let (first, folder) = try capture(
      arguments + ["--respondent", "LW-1"],
      input: lines("1", "2", "3", "1", "2", "3", "4", "5", "4", "3", "2", "y")
    )
    #expect(first.exitCode == .success)
    let (second, _) = try capture(
      arguments + ["--respondent", "LW-2"],
      input: lines("3", "3", "3", "p", "5", "5", "5", "5", "5", "5", "5", "y"),
      in: folder
    )
    #expect(second.exitCode == .success)
    let file = folder + "/visits.csv"

    let inspect = run(["inspect", file, "--format", "json"])
    #expect(inspect.exitCode == .success)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(inspect.output.utf8)) as? [String: Any]
    )
    #expect((json["problems"] as? [Any])?.isEmpty == true, "no problems reading a captured file")
    let columns = try #require(json["columns"] as? [[String: Any]])
    let matched = columns.flatMap {
      ($0["matches"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }
    #expect(matched.count == 11, "every item column matched")
    #expect(Set(matched) == ["instrument-item-id"], "by its INSTRUMENT.ITEM header")

    let score = run(["score", file])
    #expect(score.exitCode == .success)
    let scored = try CSVReader(bytes: Array(score.output.utf8)).readAll()
    let header = try #require(scored.first)
    let raw = try #require(header.firstIndex(of: "swemwbs.raw"))
    let metric = try #require(header.firstIndex(of: "swemwbs.metric"))
    let ucla = try #require(header.firstIndex(of: "ons-loneliness.ucla3"))
    #expect(
      scored[1][raw] == "23" && scored[1][metric] == "20.73",
      "2+3+4+5+4+3+2 = 23, metric 20.73"
    )
    #expect(scored[2][raw] == "35" && scored[2][metric] == "35.00")
    #expect(scored[1][ucla] == "6" && scored[2][ucla] == "9")
    #expect(
      header.first == "respondent_id" && scored[1].first == "LW-1",
      "the input's columns come first, unchanged"
    )

    let report = run(["report", file, "--no-suppression", "--format", "csv"])
    #expect(report.exitCode == .success)
    #expect(
      report.output.contains(
        "ons-loneliness.lonely,item,How often do you feel lonely?,,,missing,Prefer not to say,1,"
      )
    )
  }
}
