import Foundation
import LonelinessCommandLine
import Testing

@Suite struct ChangeCommandTests {
  static let long = [
    "change", "Examples/provider-outcomes/outcomes-long.csv", "-i", "ons-loneliness", "-i",
    "swemwbs", "--id",
    "client_id", "--wave", "wave", "--baseline", "baseline", "--followup", "12 weeks",
  ]
  static let files = [
    "change", "Examples/provider-outcomes/baseline.csv", "Examples/provider-outcomes/followup.csv",
    "-i",
    "ons-loneliness", "-i", "swemwbs", "--id", "client_id",
  ]
  static let baselineOnly = [
    "LW-0002", "LW-0005", "LW-0007", "LW-0015", "LW-0018", "LW-0023", "LW-0027", "LW-0034",
    "LW-0041", "LW-0048",
    "LW-0050", "LW-0061", "LW-0068", "LW-0070", "LW-0081", "LW-0088", "LW-0099", "LW-0106",
    "LW-0109", "LW-0110",
  ]

  @Test func `long file with a wave column matches the golden text`() {
    let result = run(Self.long)
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "change-long.txt")
    #expect(
      result.errors.hasPrefix(
        "note: 1 problem reading Examples/provider-outcomes/outcomes-long.csv"
      )
    )
    #expect(
      result.output.replacingOccurrences(of: "\n    ", with: " ").contains(
        "1 problem reading Examples/provider-outcomes/outcomes-long.csv: 1 repeated respondent id, every record read."
      ),
      "the report's notes say what the problem was"
    )
  }

  @Test(arguments: ["text", "markdown", "json", "csv", "html"])
  func `the SWEMWBS licence notice is on the change report in every format`(format: String) throws {
    let result = run(Self.long + ["--format", format])
    #expect(result.exitCode == .success)
    let notice =
      "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, "
      + "University of Warwick and University of Edinburgh, 2008, all rights reserved."
    // Plain text wraps the notice at the terminal's width.
    let output = result.output.replacingOccurrences(of: "\n    ", with: " ")
    #expect(output.contains(notice))
    if format == "csv" {
      // The first row after the header, with kind and statistic `notice` and the text in note.
      let lines = result.output.split(separator: "\n")
      let row = try #require(lines.dropFirst().first)
      #expect(row.hasPrefix(",notice,,,notice,,,,,,,,"))
      #expect(row.contains(notice))
    }
  }

  @Test func `long file matches the golden JSON`() {
    let result = run(Self.long + ["--format", "json"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "change-long.json")
  }

  @Test func `the README's pairing is pinned: 98 paired, unpaired both ways, LW-0006 listed`()
    throws
  {
    for arguments in [Self.long, Self.files] {
      let json = try parse(run(arguments + ["--format", "json"]).output)
      let pairing = try #require(json["pairing"] as? [String: Any])
      #expect(pairing["paired"] as? Int == 98)
      #expect(pairing["baseline_ids"] as? Int == 118)
      #expect(pairing["follow_up_ids"] as? Int == 100)
      #expect(pairing["baseline_only"] as? [String] == Self.baselineOnly)
      #expect(pairing["follow_up_only"] as? [String] == ["LW-0010", "LW-0057"])
      let duplicates = try #require(pairing["duplicates"] as? [[String: Any]])
      #expect(duplicates.count == 1)
      #expect(duplicates.first?["id"] as? String == "LW-0006")
      #expect(duplicates.first?["resolution"] as? String == "identical-used-once")
      #expect((duplicates.first?["locations"] as? [String])?.count == 2)
    }
    let text = run(Self.files).output
    #expect(
      text.replacingOccurrences(of: "\n    ", with: " ").contains(
        "Duplicate id LW-0006: 2 rows at baseline (Examples/provider-outcomes/baseline.csv:39, Examples/provider-outcomes/baseline.csv:45)"
      )
    )
    expectSnapshot(text, named: "change-files.txt")
  }

  @Test func `the README's change figures are pinned`() throws {
    let json = try parse(run(Self.long + ["--format", "json", "--no-suppression"]).output)
    let scores = try #require(json["scores"] as? [[String: Any]])
    func score(_ id: String) throws -> [String: Any] {
      try #require(scores.first { $0["measure"] as? String == id })
    }
    func shares(_ score: [String: Any]) -> [String: Int] {
      Dictionary(
        uniqueKeysWithValues: (score["shares"] as? [[String: Any]] ?? []).map {
          ($0["movement"] as? String ?? "", $0["count"] as? Int ?? -1)
        }
      )
    }
    let raw = try score("swemwbs.raw")
    #expect(raw["pairs_used"] as? Int == 95)
    #expect(
      ((raw["change"] as? [String: Any])?["mean"] as? Double).map { abs($0 - 250.0 / 95) < 0.01 }
        == true
    )
    #expect(shares(raw) == ["up": 71, "down": 20, "same": 4])
    let ucla = try score("ons-loneliness.ucla3")
    #expect(ucla["pairs_used"] as? Int == 96)
    #expect(((ucla["change"] as? [String: Any])?["mean"] as? Double) == -0.75)
    #expect(shares(ucla) == ["down": 47, "up": 22, "same": 27])
  }

  @Test func `pairs missing a measure are counted with the reason at each wave`() throws {
    let json = try parse(run(Self.long + ["--format", "json", "--no-suppression"]).output)
    let scores = try #require(json["scores"] as? [[String: Any]])
    let ucla = try #require(scores.first { $0["measure"] as? String == "ons-loneliness.ucla3" })
    let missing = try #require(ucla["missing"] as? [[String: Any]])
    #expect(missing.count == 1)
    #expect(missing.first?["reason"] as? String == "missing at follow-up")
    #expect(missing.first?["count"] as? Int == 2)
    let details = try #require(missing.first?["details"] as? [String])
    #expect(
      details.contains { $0.contains("(left-out)") }
        && details.contains { $0.contains("(isolated)") }
    )
    let raw = try #require(scores.first { $0["measure"] as? String == "swemwbs.raw" })
    let rawMissing = try #require(raw["missing"] as? [[String: Any]])
    #expect(rawMissing.map { $0["reason"] as? String } == ["missing at baseline"])
    #expect(rawMissing.first?["count"] as? Int == 3)
    let indicators = try #require(json["indicators"] as? [[String: Any]])
    let often = try #require(
      indicators.first { $0["measure"] as? String == "ons-loneliness.often-always" }
    )
    #expect(often["pairs_used"] as? Int == 97)
    let oftenMissing = try #require(often["missing"] as? [[String: Any]])
    #expect(oftenMissing.first?["details"] as? [String] == ["item lonely not answered"])
  }

  @Test
  func `the instrument's threshold is used with its source, and --meaningful-change overrides it`()
    throws
  {
    let json = try parse(run(Self.long + ["--format", "json"]).output)
    let scores = try #require(json["scores"] as? [[String: Any]])
    let metric = try #require(scores.first { $0["measure"] as? String == "swemwbs.metric" })
    let threshold = try #require(metric["threshold"] as? [String: Any])
    #expect(threshold["points"] as? Double == 2.87)
    #expect((threshold["source"] as? String)?.contains("Shah") == true)
    let ucla = try #require(scores.first { $0["measure"] as? String == "ons-loneliness.ucla3" })
    #expect(ucla["threshold"] is NSNull)

    let overridden = try parse(
      run(Self.long + ["--format", "json", "--meaningful-change", "ons-loneliness.ucla3=2"]).output
    )
    let scores2 = try #require(overridden["scores"] as? [[String: Any]])
    let ucla2 = try #require(scores2.first { $0["measure"] as? String == "ons-loneliness.ucla3" })
    let threshold2 = try #require(ucla2["threshold"] as? [String: Any])
    #expect(threshold2["points"] as? Double == 2)
    #expect((threshold2["source"] as? String)?.contains("--meaningful-change") == true)
    let movements = (ucla2["shares"] as? [[String: Any]])?.compactMap { $0["movement"] as? String }
    #expect(movements == ["improved", "unchanged", "worse"])
  }

  @Test func `excluding duplicates leaves LW-0006 out of pairing`() throws {
    let json = try parse(run(Self.long + ["--format", "json", "--exclude-duplicates"]).output)
    let pairing = try #require(json["pairing"] as? [String: Any])
    #expect(pairing["paired"] as? Int == 97)
    #expect(
      (pairing["duplicates"] as? [[String: Any]])?.first?["resolution"] as? String == "excluded"
    )
  }

  @Test func `waves are inferred when one is called baseline`() throws {
    let arguments = Array(Self.long.prefix(10))
    let json = try parse(run(arguments + ["--format", "json"]).output)
    let metadata = try #require(json["metadata"] as? [String: Any])
    #expect(metadata["baseline"] as? String == "baseline")
    #expect(metadata["follow_up"] as? String == "12 weeks")
  }

  @Test func `every format is written`() {
    for (format, start) in [
      ("markdown", "# Change from baseline"), ("csv", "measure,kind,comparison,cohort,statistic"),
      ("html", "<!DOCTYPE html>"),
    ] {
      let result = run(Self.long + ["--format", format])
      #expect(result.exitCode == .success)
      #expect(result.output.hasPrefix(start), "\(format)")
    }
  }

  @Test(arguments: [
    (
      [
        "change", "Examples/provider-outcomes/outcomes-long.csv", "-i", "swemwbs", "--wave", "wave",
      ], "error: 'change' needs --id COLUMN"
    ),
    (
      [
        "change", "Examples/provider-outcomes/outcomes-long.csv", "-i", "swemwbs", "--id",
        "client_id",
      ], "error: one file needs --wave COLUMN"
    ),
    (
      Array(long.prefix(10)) + ["--followup", "12 weeks"],
      "error: give both --baseline and --followup, or neither"
    ),
    (
      Array(long.dropLast()) + ["12 week"],
      "error: --followup names the wave '12 week', which column 'wave' does not have\nhint: did you mean '12 weeks'?"
    ),
    (
      long + ["--meaningful-change", "swemwbs.metrc=3"],
      "error: --meaningful-change names the score 'swemwbs.metrc'"
    ),
    (
      long + ["--meaningful-change", "lots"],
      "error: --meaningful-change expects SCORE=POINTS or POINTS"
    ),
  ])
  func `command-line mistakes exit 64 with a message`(arguments: [String], message: String) {
    let result = run(arguments)
    #expect(result.exitCode == .usage)
    #expect(result.errors.contains(message), "\(result.errors)")
  }

  func parse(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
  }
}

@Suite struct ExportOptionsOnEveryCommandTests {
  @Test(arguments: ["score", "report", "compare", "change", "inspect"])
  func `every command that reads an export takes the same options`(command: String) {
    let help = run([command, "--help"]).output
    for option in ["--instrument", "--from", "--delimiter", "--column", "--map", "--strict"] {
      #expect(help.contains(option), "\(command) --help does not mention \(option)")
    }
  }

  @Test func `strict reading stops change on the duplicated client`() {
    let result = run([
      "change", "Examples/provider-outcomes/outcomes-long.csv", "-i", "ons-loneliness", "--id",
      "client_id", "--wave", "wave",
      "--strict",
    ])
    #expect(result.exitCode == .dataError)
    #expect(result.output.isEmpty)
    #expect(
      result.errors.hasPrefix(
        "error: 1 problem reading Examples/provider-outcomes/outcomes-long.csv (--strict)"
      )
    )
  }
}
