import Foundation
import LonelinessCommandLine
import LonelinessToolkit
import SurveyPlatform
import TestSupport
import Testing

/// A file of `rows` respondents answering the ONS loneliness questions, with an `id` column (one
/// value per row) and an `area` column of `areas` values.
private func groupedExport(rows: Int, areas: Int) throws -> URL {
  let answers = ["Hardly ever or never", "Some of the time", "Often"]
  let direct = ["Never", "Hardly ever", "Occasionally", "Some of the time", "Often/always"]
  var text =
    "id,area,How often do you feel that you lack companionship?,How often do you feel left out?,How often do you feel isolated from others?,How often do you feel lonely?\n"
  for row in 0..<rows {
    text +=
      "R\(row),A\(row % areas),\(answers[row % 3]),\(answers[(row / 3) % 3]),\(answers[(row / 9) % 3]),\(direct[row % 5])\n"
  }
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "groups-\(UUID().uuidString).csv"
  )
  try text.write(to: url, atomically: true, encoding: .utf8)
  return url
}

@Suite struct GroupLimitTests {
  @Test func `a breakdown by an id column is refused, naming the option that allows it`() throws {
    let file = try groupedExport(rows: 300, areas: 3)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = run(["report", file.path, "--by", "id"])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors == """
        error: the column 'id' has 300 distinct values and 300 of them belong to one respondent each: it looks like an id, not a grouping
        hint: break down by a column that groups respondents; --max-groups 300 allows it

        """
    )
    #expect(result.output.isEmpty)
    let allowed = run(["report", file.path, "--by", "id", "--max-groups", "300", "--format", "csv"])
    #expect(allowed.exitCode == .success)
    #expect(allowed.output.contains(",R299,"))
  }

  @Test func `more than 1,000 groups are refused unless --max-groups allows them`() throws {
    let file = try groupedExport(rows: 2_004, areas: 1_002)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = run(["report", file.path, "--by", "area"])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors.hasPrefix(
        "error: the column 'area' has 1002 distinct values, more groups than a report can show (at most 1000)\nhint: break down by a column with fewer values (an area or an age band); --max-groups 1002 allows this many\n"
      ),
      "\(result.errors)"
    )
    let tooFew = run(["report", file.path, "--by", "area", "--max-groups", "1001"])
    #expect(tooFew.exitCode == .usage)
    #expect(tooFew.errors.contains("(at most 1001)"))
    let allowed = run([
      "report", file.path, "--by", "area", "--max-groups", "1002", "--format", "json",
    ])
    #expect(allowed.exitCode == .success, "\(allowed.errors)")
  }

  @Test func `a report of many pieces is the same through -o, standard output and the library`()
    throws
  {
    let file = try groupedExport(rows: 2_004, areas: 1_002)
    defer { try? FileManager.default.removeItem(at: file) }
    let survey = try Survey(
      reading: .file(path: file.path),
      options: SurveyReadingOptions(columns: [ColumnRequest("area", role: .breakdown)])
    )
    var options = ReportOptions(groupBy: ["area"])
    options.maximumGroups = 1_002
    let report = try SurveyAnalysis.report(survey, options: options)
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pieces-\(UUID().uuidString)"
    )
    defer { try? FileManager.default.removeItem(at: output) }
    for format in ReportFormat.allCases {
      let arguments = [
        "report", file.path, "--by", "area", "--max-groups", "1002", "--format", format.rawValue,
      ]
      let written = run(arguments + ["-o", output.path])
      #expect(written.exitCode == .success, "\(written.errors)")
      let printed = run(arguments)
      let inFile = try String(contentsOf: output, encoding: .utf8)
      #expect(inFile == printed.output, "\(format): -o and standard output differ")
      if format == .json || format == .csv {
        // Text is laid out to the console's width and names the file as given; JSON and CSV
        // do not depend on either.
        #expect(inFile.count > 1 << 20, "\(format): more than one piece")
        #expect(inFile == report.rendered(as: format), "\(format): command and library differ")
      }
    }
  }

  @Test func `a report held a measure at a time renders as the report held whole`() throws {
    let survey = try Survey(
      reading: .file(path: examplePath("residents-survey/survey.csv")),
      options: SurveyReadingOptions(
        columns: [
          ColumnRequest("ward", role: .breakdown), ColumnRequest("age_band", role: .breakdown),
          ColumnRequest("weight", role: .weight), ColumnRequest("sex", role: .tally),
        ]
      )
    )
    var options = ReportOptions(
      groupBy: ["ward", "age_band"],
      weightColumn: "weight",
      tallies: ["sex"],
      suppression: .none
    )
    let whole = try SurveyAnalysis.report(survey, options: options)
    // Every measure is held as an outline and worked out again when it is written.
    options.countsHeldInMemory = 1
    let outlined = try SurveyAnalysis.report(survey, options: options)
    #expect(whole.measuresHeldWhole == whole.measures.count)
    #expect(outlined.measuresHeldWhole == 0)
    for format in ReportFormat.allCases {
      #expect(
        outlined.rendered(as: format) == whole.rendered(as: format),
        "\(format) differs when measures are worked out again"
      )
    }
    #expect(
      outlined.measures.map { $0.breakdowns.map(\.groups.count) }
        == whole.measures.map { $0.breakdowns.map(\.groups.count) }
    )
    // Under a policy, a report not held whole is protected table by table, and says so.
    options.suppression = .threshold(5)
    let protected = try SurveyAnalysis.report(survey, options: options)
    #expect(protected.metadata.notes.contains { $0.contains("too many to check together") })
    #expect(
      protected.rendered(as: .csv).contains(",hidden,"),
      "tables of measures worked out again keep their own suppression"
    )
  }

  @Test func `a chunked stream hands on whole strings and keeps the first error`() {
    var pieces: [String] = []
    var output = ChunkedTextOutput(chunkSize: 8, transform: { $0.uppercased() }) {
      pieces.append(String(decoding: $0, as: UTF8.self))
    }
    for word in ["abc", "défghi", "jk", "l"] { output.write(word) }
    #expect(pieces == ["ABCDÉFGHI"], "a piece ends where a written string ends")
    #expect(throws: Never.self) { try output.finish() }
    #expect(pieces == ["ABCDÉFGHI", "JKL"])
    struct Full: Error {}
    var calls = 0
    var failing = ChunkedTextOutput(chunkSize: 1) { _ in
      calls += 1
      throw Full()
    }
    failing.write("a")
    failing.write("b")
    #expect(calls == 1, "nothing more is handed on after an error")
    #expect(throws: Full.self) { try failing.finish() }
  }

  @Test func `compare refuses an id column as cohorts`() throws {
    let file = try groupedExport(rows: 100, areas: 2)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = run(["compare", file.path, "--cohort", "id"])
    #expect(result.exitCode == .usage)
    #expect(result.errors.contains("it looks like an id, not a grouping"))
    #expect(run(["compare", file.path, "--cohort", "area"]).exitCode == .success)
  }

  @Test func `--max-groups takes a positive whole number`() throws {
    let file = try groupedExport(rows: 10, areas: 2)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = run(["report", file.path, "--by", "area", "--max-groups", "lots"])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors.hasPrefix("error: --max-groups needs a whole number of 1 or more, not 'lots'")
    )
  }
}

@Suite struct RawGroupValueTests {
  @Test func `groups are the values as exported, never merged by trimming or neutralising`() throws
  {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "raw-\(UUID().uuidString).csv"
    )
    try
      "g,How often do you feel lonely?\n\"\t=1\",Often/always\n\"\r=1\",Never\n=1,Never\n\" =1\",Never\n=1 ,Never\n=1,Never\n"
      .write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let result = run(["report", url.path, "--by", "g", "--no-suppression", "--format", "json"])
    #expect(result.exitCode == .success)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    )
    let measures = try #require(json["measures"] as? [[String: Any]])
    let lonely = try #require(
      measures.first { $0["measure"] as? String == "ons-loneliness.lonely" }
    )
    let breakdowns = try #require(lonely["breakdowns"] as? [[String: Any]])
    let groups = try #require(breakdowns.last?["groups"] as? [[String: Any]])
    let bases = Dictionary(
      uniqueKeysWithValues: groups.compactMap { group -> (String, Int)? in
        guard let label = group["group"] as? String, let base = group["base"] as? Int else {
          return nil
        }
        return (label, base)
      }
    )
    #expect(bases == ["\t=1": 1, "\r=1": 1, "=1": 2, " =1": 1, "=1 ": 1])
    let text = run(["report", url.path, "--by", "g", "--no-suppression"])
    #expect(
      text.output.contains("some values differ only in spaces or invisible characters"),
      "the reader is told which groups look alike"
    )
  }
}
