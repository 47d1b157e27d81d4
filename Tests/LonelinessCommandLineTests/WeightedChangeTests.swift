import Foundation
import LonelinessCommandLine
import LonelinessToolkit
import TestSupport
import Testing

/// `change --weight`: agreement with R's survey package on a copy of the provider-outcomes example
/// with an invented weight column (Tests/SurveyReportsTests/Fixtures/change-weighted.csv, written
/// by Scripts/reference/weighted_comparisons_reference.R), golden files and errors.
@Suite struct WeightedChangeTests {
  static let file = fixturesFolder(of: "SurveyReportsTests")
    .appendingPathComponent("change-weighted.csv").path
  // The file as a path from the package's folder (the commands' working folder here), so that
  // the golden files do not depend on where the package is checked out.
  static let arguments = [
    "change", "Tests/SurveyReportsTests/Fixtures/change-weighted.csv", "-i", "ons-loneliness", "-i",
    "swemwbs", "--id", "client_id", "--wave",
    "wave", "--baseline", "baseline", "--followup", "12 weeks", "--weight", "weight",
  ]

  static func reference() throws -> [String: Any] {
    let url = fixturesFolder(of: "SurveyReportsTests")
      .appendingPathComponent("change-weighted-reference.json")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    )
  }

  static func measure(_ id: String) throws -> [String: Any] {
    let measures = try #require(try reference()["measures"] as? [String: Any])
    return try #require(measures[id] as? [String: Any])
  }

  static func number(_ object: [String: Any], _ key: String) throws -> Double {
    try #require((object[key] as? NSNumber)?.doubleValue, "\(key)")
  }

  /// The change report through the library, as an app would make it.
  static func libraryChange() throws -> ChangeReport {
    let survey = try Survey(
      reading: .file(path: file),
      options: SurveyReadingOptions(
        instruments: .named(
          try ["ons-loneliness", "swemwbs"].map {
            try InstrumentCatalogue.builtIn.instrument(named: $0)
          }
        ),
        columns: [
          ColumnRequest("client_id", role: .respondentID), ColumnRequest("wave", role: .wave),
          ColumnRequest("weight", role: .weight),
        ]
      )
    )
    return try SurveyAnalysis.change(
      .column(survey, wave: "wave", baseline: "baseline", followUp: "12 weeks"),
      idColumn: "client_id",
      options: ChangeOptions(suppression: .none, weightColumn: "weight")
    )
  }

  @Test func `the library's weighted change agrees with R's survey package`() throws {
    let change = try Self.libraryChange()
    let weighting = try #require(change.metadata.weighting)
    #expect(weighting.column == "weight")
    for id in ["ons-loneliness.ucla3", "swemwbs.raw"] {
      let score = try #require(change.scores.first { $0.id == id }, "\(id)")
      let expected = try Self.measure(id)
      #expect(score.pairsUsed == (expected["pairs"] as? Int))
      #expect(
        abs(try #require(score.baselineMean) - (try Self.number(expected, "baselineMean"))) < 1e-9
      )
      #expect(
        abs(try #require(score.followUpMean) - (try Self.number(expected, "followUpMean"))) < 1e-9
      )
      #expect(abs(try #require(score.meanChange) - (try Self.number(expected, "change"))) < 1e-9)
      #expect(
        abs(try #require(score.tStatistic) - (try Self.number(expected, "tStatistic"))) < 1e-8
      )
      #expect(score.degreesOfFreedom == (try Self.number(expected, "degreesOfFreedom")))
      #expect(abs(try #require(score.pValue) - (try Self.number(expected, "pValue"))) < 1e-9)
      let interval = try #require(score.interval)
      #expect(abs(interval.lower - (try Self.number(expected, "lower"))) < 1e-9)
      #expect(abs(interval.upper - (try Self.number(expected, "upper"))) < 1e-9)
      #expect(score.wilcoxonPValue == nil)
      #expect(score.standardizedChange == nil)
      let shares = try #require(expected["shares"] as? [String: [String: Any]])
      for (share, key) in zip(score.shares, ["up", "same", "down"]) {
        let reference = try #require(shares[key])
        #expect(
          abs(try #require(share.count.percent) - (try Self.number(reference, "percent"))) < 1e-6
        )
        let interval = try #require(share.interval)
        #expect(abs(interval.lower - (try Self.number(reference, "lower"))) < 1e-6)
        #expect(abs(interval.upper - (try Self.number(reference, "upper"))) < 1e-6)
      }
    }
    let indicator = try #require(change.indicators.first { $0.id == "ons-loneliness.often-always" })
    let expected = try Self.measure("ons-loneliness.often-always")
    #expect(indicator.pairsUsed == (expected["pairs"] as? Int))
    #expect(
      abs(try #require(indicator.baselinePercent) - (try Self.number(expected, "baselineMean")))
        < 1e-9
    )
    #expect(
      abs(try #require(indicator.followUpPercent) - (try Self.number(expected, "followUpMean")))
        < 1e-9
    )
    #expect(
      abs(try #require(indicator.statistic) - (try Self.number(expected, "tStatistic"))) < 1e-8
    )
    #expect(abs(try #require(indicator.pValue) - (try Self.number(expected, "pValue"))) < 1e-9)
  }

  @Test
  func `the weighting note's effective sample size is Kish's over the pairs' baseline weights`()
    throws
  {
    // The reference gives it over the pairs with the UCLA-3 score at both waves; the note is over
    // every pair, so it is checked here from the fixture's own weights against that bound.
    let change = try Self.libraryChange()
    let weighting = try #require(change.metadata.weighting)
    let reference = try Self.number(try Self.reference(), "effectiveSampleSize")
    #expect(weighting.effectiveSampleSize >= reference)
    #expect(weighting.effectiveSampleSize <= Double(change.pairing.paired))
    #expect(
      abs(weighting.designEffect - Double(change.pairing.paired) / weighting.effectiveSampleSize)
        < 1e-12
    )
  }

  @Test func `the command line's JSON agrees with R's survey package to its rounding`() throws {
    let result = run(Self.arguments + ["--format", "json", "--no-suppression"])
    #expect(result.exitCode == .success)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    )
    let metadata = try #require(json["metadata"] as? [String: Any])
    #expect((metadata["weighting"] as? [String: Any])?["column"] as? String == "weight")
    let scores = try #require(json["scores"] as? [[String: Any]])
    let ucla = try #require(scores.first { $0["measure"] as? String == "ons-loneliness.ucla3" })
    let change = try #require(ucla["change"] as? [String: Any])
    let expected = try Self.measure("ons-loneliness.ucla3")
    #expect(
      abs(try Self.number(change, "mean") - (try Self.number(expected, "change"))) <= 0.005 + 1e-9
    )
    #expect(abs(try Self.number(change, "p_value") - (try Self.number(expected, "pValue"))) < 1e-12)
    #expect(change["dz"] is NSNull)
    let indicators = try #require(json["indicators"] as? [[String: Any]])
    let often = try #require(
      indicators.first { $0["measure"] as? String == "ons-loneliness.often-always" }
    )
    #expect(often["mcnemar"] is NSNull)
    let test = try #require(often["weighted_test"] as? [String: Any])
    #expect(
      abs(
        try Self.number(test, "p_value")
          - (try Self.number(try Self.measure("ons-loneliness.often-always"), "pValue"))
      )
        < 1e-12
    )
  }

  @Test func `a weighted change matches the golden text and CSV`() {
    let text = run(Self.arguments)
    #expect(text.exitCode == .success)
    expectSnapshot(text.output, named: "change-weighted.txt")
    let csv = run(Self.arguments + ["--format", "csv", "--decimals", "0"])
    #expect(csv.exitCode == .success)
    expectSnapshot(csv.output, named: "change-weighted-0dp.csv")
  }

  @Test func `a weight column the file does not have is refused`() {
    let result = run(Self.arguments.dropLast() + ["wieght"])
    #expect(result.exitCode == .usage || result.exitCode == .dataError)
    #expect(result.errors.contains("wieght"))
    #expect(result.output.isEmpty)
  }

  @Test func `pairs whose baseline weight is unusable are left out and listed`() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("weighted-change-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = try String(contentsOf: URL(fileURLWithPath: Self.file), encoding: .utf8)
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Line 3 (LW-0034, baseline, with no follow-up) and line 4 (LW-0092, baseline, paired) lose
    // their weights; so does a follow-up row, whose weight is not used.
    lines[2] = lines[2].replacingOccurrences(
      of: #",[0-9.]+$"#,
      with: ",",
      options: .regularExpression
    )
    lines[3] = lines[3].replacingOccurrences(
      of: #",[0-9.]+$"#,
      with: ",0",
      options: .regularExpression
    )
    let last = lines.lastIndex { !$0.isEmpty } ?? lines.count - 1
    lines[last] = lines[last].replacingOccurrences(
      of: #",[0-9.]+$"#,
      with: ",x",
      options: .regularExpression
    )
    let file = folder.appendingPathComponent("outcomes.csv")
    try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    var arguments = Self.arguments
    arguments[1] = file.path
    let result = run(arguments + ["--format", "json"])
    #expect(result.exitCode == .success)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    )
    let metadata = try #require(json["metadata"] as? [String: Any])
    let exclusions = try #require(metadata["exclusions"] as? [[String: Any]])
    #expect(
      exclusions.compactMap { $0["reason"] as? String } == [
        "pairs whose baseline row has a weight that is zero or negative in column 'weight'"
      ]
    )
    let notes = try #require(metadata["notes"] as? [String])
    #expect(
      notes.contains {
        $0.hasPrefix(
          "Pairs left out, their baseline row having a weight that is zero or negative: LW-0092 ("
        )
      }
    )
    let scores = try #require(json["scores"] as? [[String: Any]])
    let ucla = try #require(scores.first { $0["measure"] as? String == "ons-loneliness.ucla3" })
    let missing = try #require(ucla["missing"] as? [[String: Any]])
    #expect(missing.contains { ($0["reason"] as? String) == "baseline weight is zero or negative" })
  }

  @Test func `weighted figures of a hidden count are hidden`() throws {
    let result = run(Self.arguments + ["--format", "json"])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    )
    var hiddenSeen = 0
    for score in try #require(json["scores"] as? [[String: Any]]) {
      for share in try #require(score["shares"] as? [[String: Any]]) where share["count"] is NSNull
      {
        hiddenSeen += 1
        #expect(share["percent"] is NSNull)
        #expect(share["ci_lower"] is NSNull)
      }
    }
    for indicator in try #require(json["indicators"] as? [[String: Any]]) {
      let table = try #require(indicator["table"] as? [String: [String: Any]])
      if table["yes_no"]?["count"] is NSNull || table["no_yes"]?["count"] is NSNull {
        hiddenSeen += 1
        #expect(indicator["weighted_test"] is NSNull)
      }
    }
    #expect(hiddenSeen >= 2)
  }

  @Test func `no usable weight at all is a data error`() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("weighted-change-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("long.csv")
    try """
    client_id,wave,weight,How often do you feel lonely?
    A,baseline,,Never
    A,follow-up,,Often/always
    B,baseline,none,Never
    B,follow-up,none,Never
    """.write(to: file, atomically: true, encoding: .utf8)
    let result = run([
      "change", file.path, "-i", "ons-loneliness", "--id", "client_id", "--wave", "wave",
      "--weight", "weight",
    ])
    #expect(result.exitCode == .dataError)
    #expect(result.errors.contains("every row of"))
    #expect(result.errors.contains("2 no weight in column 'weight'"))
    #expect(result.output.isEmpty)
  }
}
