import Foundation
import LonelinessCommandLine
import Testing

/// Runs `loneliness` with `arguments` in-process in `folder`.
private func run(_ arguments: [String], in folder: String) -> CommandRun {
  let console = Console.capturing(width: 100, workingDirectory: folder)
  let code = CommandLineTool.run(arguments, console: console)
  return CommandRun(exitCode: code, output: console.capturedOutput, errors: console.capturedError)
}

private let onsHeaderLine = onsHeader.joined(separator: ",")

@Suite struct FormCommandTests {
  @Test func `form writes one HTML page, and --print the paper questionnaire`() throws {
    let folder = try makeCaptureFolder()
    let form = run(
      ["form", "-i", "ons-loneliness,swemwbs", "--set", "worker=AB", "-o", "visit-form.html"],
      in: folder
    )
    #expect(form.exitCode == .success)
    #expect(
      form.errors == "Wrote an offline form for ons-loneliness, swemwbs to visit-form.html.\n"
    )
    let page = try String(contentsOfFile: folder + "/visit-form.html", encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.contains("\"fileStem\":\"visit-form\""))
    #expect(page.contains("<body class=\"one-per-screen\">"))
    let paper = run(["form", "-i", "ons-loneliness", "--print", "-o", "paper.html"], in: folder)
    #expect(paper.exitCode == .success)
    let printed = try String(contentsOfFile: folder + "/paper.html", encoding: .utf8)
    #expect(printed.contains("<span class=\"box\"") && !printed.contains("<script"))
    let onePage = run(["form", "-i", "ons-loneliness", "--one-page", "-o", "-"], in: folder)
    #expect(onePage.output.contains("<body class=\"one-page\">"))
  }

  @Test(arguments: [
    (["form", "-o", "f.html"], "form needs at least one instrument"),
    (["form", "-i", "ons-loneliness"], "form needs -o FILE"),
    (
      ["form", "-i", "ons-loneliness", "--one-page", "--one-per-screen", "-o", "f.html"],
      "each choose a layout"
    ),
    (
      ["form", "-i", "ons-loneliness", "--print", "--one-page", "-o", "f.html"],
      "--print makes a paper"
    ),
    (
      ["form", "-i", "ons-loneliness", "--set", "worker", "-o", "f.html"],
      "--set needs COLUMN=VALUE"
    ),
    (
      ["form", "-i", "ons-loneliness", "--set", "status=x", "-o", "f.html"],
      "a column the capture fills itself"
    ),
    (["form", "-i", "no-such", "-o", "f.html"], "no-such"),
    (["form", "extra", "-i", "ons-loneliness", "-o", "f.html"], "unexpected argument 'extra'"),
  ])
  func `a wrong form command line is a usage error`(arguments: [String], message: String) throws {
    let folder = try makeCaptureFolder()
    let result = run(arguments, in: folder)
    #expect(result.exitCode == .usage)
    #expect(result.errors.contains(message), "\(result.errors)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/f.html"))
  }

  @Test func `merge adds the rows, says what it did, and adds nothing the second time`() throws {
    let folder = try makeCaptureFolder()
    let download =
      onsHeaderLine + "\n" + "R1,2025-03-07T14:05:09Z,1,2,Prefer not to say,3,complete\n"
      + "R2,2025-03-07T15:05:09Z,,,,,complete\n"
    try download.write(toFile: folder + "/download.csv", atomically: true, encoding: .utf8)
    let first = run(["capture", "--merge", "download.csv", "--to", "visits.csv"], in: folder)
    #expect(first.exitCode == .success)
    #expect(
      first.output
        == "Merged download.csv into visits.csv: 2 rows added.\n"
        + "  added line 2: respondent R1, captured 2025-03-07T14:05:09Z\n"
        + "  added line 3: respondent R2, captured 2025-03-07T15:05:09Z\n"
    )
    #expect(try String(contentsOfFile: folder + "/visits.csv", encoding: .utf8) == download)
    let second = run(["capture", "--merge", "download.csv", "--to", "visits.csv"], in: folder)
    #expect(second.exitCode == .success)
    #expect(
      second.output
        == "Merged download.csv into visits.csv: 0 rows added, 2 skipped (2 already in visits.csv).\n"
        + "  skipped line 2: respondent R1, captured 2025-03-07T14:05:09Z, is line 2 of visits.csv\n"
        + "  skipped line 3: respondent R2, captured 2025-03-07T15:05:09Z, is line 3 of visits.csv\n"
    )
    // What was merged reads as a capture file: the report counts both respondents.
    let report = run(["report", "visits.csv"], in: folder)
    #expect(report.exitCode == .success)
    #expect(report.output.contains("2 rows read"))
  }

  @Test func `bad rows are listed with their lines and nothing is merged (exit 65)`() throws {
    let folder = try makeCaptureFolder()
    try
      (onsHeaderLine + "\nR1,2025-03-07T14:05:09Z,1,2,9,3,complete\nR2,yesterday,1,1,1,1,complete\n")
      .write(toFile: folder + "/download.csv", atomically: true, encoding: .utf8)
    let result = run(["capture", "--merge", "download.csv", "--to", "visits.csv"], in: folder)
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors.hasPrefix(
        "error: 2 rows of download.csv cannot be merged, so nothing was merged:\n"
      )
    )
    #expect(
      result.errors.contains("  download.csv line 2, column 'ons-loneliness.isolated': '9' is not")
    )
    #expect(
      result.errors.contains("  download.csv line 3, column 'captured_at': 'yesterday' is not")
    )
    #expect(!FileManager.default.fileExists(atPath: folder + "/visits.csv"))
  }

  @Test func `merge refuses what it cannot do with the exit codes of capture`() throws {
    let folder = try makeCaptureFolder()
    try (onsHeaderLine + "\n").write(
      toFile: folder + "/empty.csv",
      atomically: true,
      encoding: .utf8
    )
    try "a,b\n1,2\n".write(toFile: folder + "/other.csv", atomically: true, encoding: .utf8)
    let missing = run(["capture", "--merge", "nothing.csv", "--to", "visits.csv"], in: folder)
    #expect(missing.exitCode == .noInput)
    let same = run(["capture", "--merge", "empty.csv", "--to", "./empty.csv"], in: folder)
    #expect(same.exitCode == .usage)
    let withInstrument = run(
      ["capture", "--merge", "empty.csv", "--to", "visits.csv", "-i", "ons-loneliness"],
      in: folder
    )
    #expect(withInstrument.exitCode == .usage)
    let notCapture = run(["capture", "--merge", "other.csv", "--to", "visits.csv"], in: folder)
    #expect(notCapture.exitCode == .dataError)
    #expect(
      notCapture.errors.contains("has no 'respondent_id' column, so it is not a capture file")
    )
    let empty = run(["capture", "--merge", "empty.csv", "--to", "visits.csv"], in: folder)
    #expect(empty.exitCode == .success)
    #expect(
      empty.output == "Nothing to merge: empty.csv has no rows. visits.csv was not changed.\n"
    )
    #expect(!FileManager.default.fileExists(atPath: folder + "/visits.csv"))
  }
}
