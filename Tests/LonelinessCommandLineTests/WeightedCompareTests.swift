import Foundation
import LonelinessCommandLine
import LonelinessToolkit
import TestSupport
import Testing

/// `compare --weight`: agreement with R's survey package on the residents' survey example
/// (Scripts/reference/weighted_comparisons_reference.R), golden files and errors.
@Suite struct WeightedCompareTests {
  static let wards = [
    "compare", "Examples/residents-survey/survey.csv", "-i", "ons-loneliness", "-i", "ons4",
    "--cohort", "ward", "--weight", "weight",
  ]

  /// The committed reference of R's survey package.
  static func reference() throws -> [String: Any] {
    let url = fixturesFolder(of: "SurveyReportsTests")
      .appendingPathComponent("weighted-compare-residents.json")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    )
  }

  /// The expected figures of one measure: each cohort's, and each difference's.
  static func expected(
    _ measure: String
  ) throws -> (
    cohorts: [[String: Any]], differences: [[String: Any]]
  ) {
    let measures = try #require(try reference()["measures"] as? [String: Any])
    let entry = try #require(measures[measure] as? [String: Any])
    return (
      try #require(entry["cohorts"] as? [[String: Any]]),
      try #require(entry["differences"] as? [[String: Any]])
    )
  }

  static func number(_ object: [String: Any], _ key: String) throws -> Double {
    try #require((object[key] as? NSNumber)?.doubleValue)
  }

  @Test func `the library's weighted comparison agrees with R's survey package`() throws {
    let survey = try Survey(
      reading: .file(path: examplePath("residents-survey/survey.csv")),
      options: SurveyReadingOptions(
        instruments: .named(
          try ["ons-loneliness", "ons4"].map {
            try InstrumentCatalogue.builtIn.instrument(named: $0)
          }
        ),
        columns: [ColumnRequest("ward", role: .cohort), ColumnRequest("weight", role: .weight)]
      )
    )
    let comparison = try SurveyAnalysis.compare(
      .column(survey, "ward"),
      options: ComparisonOptions(suppression: .none, weightColumn: "weight")
    )
    let reference = try Self.reference()
    #expect(comparison.reference == reference["reference"] as? String)
    let weighting = try #require(comparison.metadata.weighting)
    #expect(weighting.column == "weight")
    #expect(
      abs(weighting.effectiveSampleSize - (try Self.number(reference, "effectiveSampleSize")))
        < 1e-9
    )
    #expect(abs(weighting.designEffect - (try Self.number(reference, "designEffect"))) < 1e-9)

    let indicator = try #require(
      comparison.indicators.first { $0.id == "ons-loneliness.often-always" }
    )
    let often = try Self.expected("ons-loneliness.often-always")
    for (cohort, expected) in zip(indicator.cohorts, often.cohorts) {
      #expect(cohort.cohort == expected["cohort"] as? String)
      #expect(cohort.base.count == (expected["n"] as? Int))
      #expect(
        abs(try #require(cohort.successes.percent) - (try Self.number(expected, "estimate"))) < 1e-6
      )
      let interval = try #require(cohort.interval)
      #expect(abs(interval.lower - (try Self.number(expected, "lower"))) < 1e-6)
      #expect(abs(interval.upper - (try Self.number(expected, "upper"))) < 1e-6)
    }
    for (difference, expected) in zip(indicator.comparisons, often.differences) {
      #expect(difference.cohort == expected["cohort"] as? String)
      #expect(
        abs(try #require(difference.difference) - (try Self.number(expected, "difference"))) < 1e-6
      )
      let interval = try #require(difference.interval)
      #expect(abs(interval.lower - (try Self.number(expected, "lower"))) < 1e-6)
      #expect(abs(interval.upper - (try Self.number(expected, "upper"))) < 1e-6)
      #expect(abs(try #require(difference.pValue) - (try Self.number(expected, "pValue"))) < 1e-9)
      #expect(
        abs(try #require(difference.adjustedPValue) - (try Self.number(expected, "holm"))) < 1e-9
      )
    }
    for id in ["ons-loneliness.ucla3", "ons4.life-satisfaction"] {
      let score = try #require(comparison.scores.first { $0.id == id }, "\(id)")
      let expected = try Self.expected(id)
      for (cohort, reference) in zip(score.cohorts, expected.cohorts) {
        #expect(cohort.cohort == reference["cohort"] as? String)
        #expect(cohort.count.count == (reference["n"] as? Int))
        #expect(abs(try #require(cohort.mean) - (try Self.number(reference, "estimate"))) < 1e-9)
        let interval = try #require(cohort.interval)
        #expect(abs(interval.lower - (try Self.number(reference, "lower"))) < 1e-9)
        #expect(abs(interval.upper - (try Self.number(reference, "upper"))) < 1e-9)
      }
      for (difference, reference) in zip(score.comparisons, expected.differences) {
        #expect(difference.cohort == reference["cohort"] as? String)
        #expect(
          abs(try #require(difference.difference) - (try Self.number(reference, "difference")))
            < 1e-9
        )
        let interval = try #require(difference.interval)
        #expect(abs(interval.lower - (try Self.number(reference, "lower"))) < 1e-9)
        #expect(abs(interval.upper - (try Self.number(reference, "upper"))) < 1e-9)
        #expect(
          difference.degreesOfFreedom == (try Self.number(reference, "degreesOfFreedom"))
        )
        #expect(
          abs(try #require(difference.pValue) - (try Self.number(reference, "pValue"))) < 1e-9
        )
        #expect(difference.hedgesG == nil)
      }
    }
  }

  @Test func `the command line's JSON agrees with R's survey package to its rounding`() throws {
    let result = run(Self.wards + ["--format", "json", "--no-suppression"])
    #expect(result.exitCode == .success)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    )
    let metadata = try #require(json["metadata"] as? [String: Any])
    let weighting = try #require(metadata["weighting"] as? [String: Any])
    #expect(weighting["column"] as? String == "weight")
    let reference = try Self.reference()
    #expect(
      abs(
        try Self.number(weighting, "design_effect") - (try Self.number(reference, "designEffect"))
      )
        < 0.00005
    )
    let indicators = try #require(json["indicators"] as? [[String: Any]])
    let often = try #require(
      indicators.first { $0["measure"] as? String == "ons-loneliness.often-always" }
    )
    let expected = try Self.expected("ons-loneliness.often-always")
    for (cohort, reference) in zip(
      try #require(often["cohorts"] as? [[String: Any]]),
      expected.cohorts
    ) {
      #expect(
        abs(try Self.number(cohort, "percent") - (try Self.number(reference, "estimate"))) <= 0.05
          + 1e-9
      )
      #expect(
        abs(try Self.number(cohort, "ci_lower") - (try Self.number(reference, "lower"))) <= 0.05
          + 1e-9
      )
    }
    let comparisons = try #require(often["comparisons"] as? [[String: Any]])
    for (difference, reference) in zip(comparisons, expected.differences) {
      #expect(difference["test"] as? String == "weighted-t")
      #expect(
        abs(
          try Self.number(difference, "difference_pp") - (try Self.number(reference, "difference"))
        )
          <= 0.05 + 1e-9
      )
      #expect(
        abs(try Self.number(difference, "p_value") - (try Self.number(reference, "pValue"))) < 1e-9
      )
    }
  }

  @Test func `a weighted comparison matches the golden text and CSV`() {
    let text = run(Self.wards)
    #expect(text.exitCode == .success)
    expectSnapshot(text.output, named: "compare-weighted.txt")
    let csv = run(Self.wards + ["--format", "csv", "--decimals", "0"])
    #expect(csv.exitCode == .success)
    expectSnapshot(csv.output, named: "compare-weighted-0dp.csv")
    let markdown = run(Self.wards + ["--format", "markdown"])
    #expect(
      markdown.output.contains(
        "Kish effective sample size 427.7; design effect due to weighting 1.50."
      )
    )
  }

  @Test func `a weight column the file does not have is refused`() {
    let result = run(Self.wards.dropLast() + ["wieght"])
    #expect(result.exitCode == .usage || result.exitCode == .dataError)
    #expect(result.errors.contains("wieght"))
    #expect(result.output.isEmpty)
  }

  @Test func `--decimals takes 0 or 1`() {
    let result = run(Self.wards + ["--decimals", "2"])
    #expect(result.exitCode == .usage)
    #expect(result.errors.contains("--decimals takes 0 or 1, not '2'"))
  }

  @Test func `rows with unusable weights are left out and listed`() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("weighted-compare-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = try String(
      contentsOf: URL(fileURLWithPath: examplePath("residents-survey/survey.csv")),
      encoding: .utf8
    )
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Data lines 2, 3 and 4 get a blank, a negative and a non-numeric weight (the 5th column).
    for (line, weight) in [(1, ""), (2, "-1"), (3, "heavy")] {
      var fields = lines[line].split(separator: ",", omittingEmptySubsequences: false).map(
        String.init
      )
      fields[4] = weight
      lines[line] = fields.joined(separator: ",")
    }
    let file = folder.appendingPathComponent("survey.csv")
    try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    var arguments = Self.wards
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
        "no weight in column 'weight'", "weight is not a number in column 'weight'",
        "weight is zero or negative in column 'weight'",
      ]
    )
    let notes = try #require(metadata["notes"] as? [String])
    #expect(
      notes.contains { $0.hasPrefix("Rows with no weight in 'weight': ") && $0.hasSuffix(":2.") }
    )
    #expect(
      notes.contains {
        $0.hasPrefix("Rows with a weight that is zero or negative in 'weight': ")
          && $0.hasSuffix(":3.")
      }
    )
    let cohorts = try #require(json["cohorts"] as? [[String: Any]])
    let rows = cohorts.compactMap { $0["rows"] as? Int }.reduce(0, +)
    #expect(rows == 637)
  }

  @Test func `no usable weight at all is a data error`() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("weighted-compare-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("survey.csv")
    try """
    ward,weight,How often do you feel lonely?
    North,0,Never
    South,0,Often/always
    """.write(to: file, atomically: true, encoding: .utf8)
    let result = run([
      "compare", file.path, "-i", "ons-loneliness", "--cohort", "ward", "--weight", "weight",
    ])
    #expect(result.exitCode == .dataError)
    #expect(result.errors.contains("every row of"))
    #expect(result.errors.contains("2 weight is zero or negative in column 'weight'"))
  }

  @Test func `weighted figures of a hidden count are hidden`() throws {
    // Low life satisfaction has counts below 5 in some wards: they are hidden, and with them every
    // weighted percentage, interval and difference worked out from them.
    let result = run(Self.wards + ["--format", "json"])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    )
    let indicators = try #require(json["indicators"] as? [[String: Any]])
    var hiddenSeen = 0
    for measure in indicators {
      let cohorts = try #require(measure["cohorts"] as? [[String: Any]])
      for cohort in cohorts where cohort["count"] is NSNull {
        hiddenSeen += 1
        #expect(cohort["percent"] is NSNull)
        #expect(cohort["ci_lower"] is NSNull)
        let comparisons = try #require(measure["comparisons"] as? [[String: Any]])
        for difference in comparisons
        where difference["cohort"] as? String == cohort["cohort"] as? String
          || difference["reference"] as? String == cohort["cohort"] as? String
        {
          #expect(difference["difference_pp"] is NSNull)
          #expect(difference["p_value"] is NSNull)
        }
      }
    }
    #expect(hiddenSeen > 0)
  }
}
