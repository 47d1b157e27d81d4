import Foundation
import SurveyCSV
import SurveyInstruments
import SurveyReports
import SurveyStatistics
import Testing

/// The comparison fixture's columns: cohort, two indicators, two scores.
struct ComparisonFixture {
  var cohorts: [String] = []
  var lonely: [Int8] = []
  var isolated: [Int8] = []
  var ucla: [Double] = []
  var wellbeing: [Double] = []

  init(file: String = "compare-data.csv") throws {
    let reader = try CSVReader(contentsOfFile: reportFixtures.appendingPathComponent(file).path)
    for row in try reader.readAll().dropFirst() {
      cohorts.append(row[0])
      lonely.append(row[1].isEmpty ? -1 : (row[1] == "1" ? 1 : 0))
      isolated.append(row[2].isEmpty ? -1 : (row[2] == "1" ? 1 : 0))
      ucla.append(Double(row[3]) ?? .nan)
      wellbeing.append(Double(row[4]) ?? .nan)
    }
  }

  func build(_ options: ComparisonOptions) throws -> ComparisonReport {
    var builder = try ComparisonBuilder(
      cohorts: cohorts,
      options: options,
      sourceFiles: ["compare-data.csv"],
      cohortColumn: "cohort"
    )
    builder.addIndicator(id: "lonely", title: "Lonely", values: lonely)
    builder.addIndicator(id: "isolated", title: "Isolated", values: isolated)
    builder.addScore(id: "ucla", title: "UCLA-3", values: ucla, decimals: 0, better: .lower)
    builder.addScore(
      id: "wellbeing",
      title: "Wellbeing",
      values: wellbeing,
      decimals: 2,
      better: .higher
    )
    return builder.build()
  }
}

@Suite struct ComparisonBuilderTests {
  let reference: [String: Any]
  let report: ComparisonReport

  init() throws {
    reference = try json("compare-reference.json")
    report = try ComparisonFixture().build(
      ComparisonOptions(reference: "Northgate", suppression: .none)
    )
  }

  @Test func `cohorts are ordered with the reference first and rows without a cohort are excluded`()
    throws
  {
    #expect(report.reference == "Northgate")
    #expect(report.cohorts.map(\.cohort) == ["Northgate", "Hillcrest", "Riverside"])
    let rows = try #require(reference["cohort_rows"] as? [String: Int])
    for cohort in report.cohorts { #expect(cohort.rows.count == rows[cohort.cohort]) }
    #expect(report.metadata.rowsRead == reference["rows"] as? Int)
    #expect(report.metadata.exclusions.first?.count == reference["rows_without_cohort"] as? Int)
  }

  @Test(arguments: ["lonely", "isolated"])
  func
    `indicator proportions, Newcombe differences, z-test and Holm p-values agree with statsmodels`(
      _ id: String
    ) throws
  {
    let indicators = try #require(reference["indicators"] as? [String: [String: Any]])
    let expected = try #require(indicators[id])
    let measure = try #require(report.indicators.first { $0.id == id })
    let cohorts = try #require(expected["cohorts"] as? [String: [String: Any]])
    for cohort in measure.cohorts {
      let values = try #require(cohorts[cohort.cohort])
      #expect(cohort.successes.count == values["k"] as? Int)
      #expect(cohort.base.count == values["n"] as? Int)
      close(cohort.percent, values["percent"], "\(id) \(cohort.cohort) percent")
      close(cohort.interval?.lower, values["ci_lower"], "\(id) \(cohort.cohort) lower")
      close(cohort.interval?.upper, values["ci_upper"], "\(id) \(cohort.cohort) upper")
    }
    let comparisons = try #require(expected["comparisons"] as? [String: [String: Any]])
    #expect(measure.comparisons.count == 2)
    #expect(measure.isAdjusted)
    for comparison in measure.comparisons {
      let values = try #require(comparisons[comparison.cohort])
      #expect(comparison.reference == "Northgate")
      close(comparison.difference, values["difference"], "\(id) \(comparison.cohort) difference")
      close(comparison.interval?.lower, values["ci_lower"], "\(id) \(comparison.cohort) lower")
      close(comparison.interval?.upper, values["ci_upper"], "\(id) \(comparison.cohort) upper")
      close(comparison.pValue, values["p_value"], "\(id) \(comparison.cohort) p")
      close(comparison.adjustedPValue, values["p_adjusted"], "\(id) \(comparison.cohort) Holm p")
    }
  }

  @Test(arguments: ["ucla", "wellbeing"])
  func `score means, Welch differences, Hedges' g and Holm p-values agree with scipy`(
    _ id: String
  ) throws {
    let scores = try #require(reference["scores"] as? [String: [String: Any]])
    let expected = try #require(scores[id])
    let measure = try #require(report.scores.first { $0.id == id })
    let cohorts = try #require(expected["cohorts"] as? [String: [String: Any]])
    for cohort in measure.cohorts {
      let values = try #require(cohorts[cohort.cohort])
      #expect(cohort.count.count == values["n"] as? Int)
      close(cohort.mean, values["mean"], "\(id) \(cohort.cohort) mean")
      close(cohort.standardDeviation, values["sd"], "\(id) \(cohort.cohort) SD")
      close(cohort.interval?.lower, values["ci_lower"], "\(id) \(cohort.cohort) lower")
      close(cohort.interval?.upper, values["ci_upper"], "\(id) \(cohort.cohort) upper")
    }
    let comparisons = try #require(expected["comparisons"] as? [String: [String: Any]])
    for comparison in measure.comparisons {
      let values = try #require(comparisons[comparison.cohort])
      close(comparison.difference, values["difference"], "\(id) \(comparison.cohort) difference")
      close(comparison.interval?.lower, values["ci_lower"], "\(id) \(comparison.cohort) lower")
      close(comparison.interval?.upper, values["ci_upper"], "\(id) \(comparison.cohort) upper")
      close(comparison.degreesOfFreedom, values["df"], "\(id) \(comparison.cohort) df")
      close(comparison.pValue, values["p_value"], "\(id) \(comparison.cohort) p")
      close(comparison.adjustedPValue, values["p_adjusted"], "\(id) \(comparison.cohort) Holm p")
      close(comparison.hedgesG, values["hedges_g"], "\(id) \(comparison.cohort) Hedges' g")
    }
  }

  @Test func `a cohort under 30 is noted as unreliable`() throws {
    let measure = try #require(report.scores.first { $0.id == "ucla" })
    let small = try #require(measure.comparisons.first { $0.cohort == "Hillcrest" })
    #expect(small.notes.contains { $0.contains("'Hillcrest' has fewer than 30") })
    #expect(measure.cohorts.first { $0.cohort == "Hillcrest" }?.isLowBase == true)
    #expect(measure.cohorts.first { $0.cohort == "Riverside" }?.isLowBase == false)
  }

  @Test func `a small count hides the cohort's percentage and its difference from the reference`()
    throws
  {
    let suppressed = try ComparisonFixture().build(ComparisonOptions(reference: "Northgate"))
    let lonely = try #require(suppressed.indicators.first { $0.id == "lonely" })
    let hillcrest = try #require(lonely.cohorts.first { $0.cohort == "Hillcrest" })
    // Hillcrest has 2 lonely of 23: the count and everything computed from it are hidden.
    #expect(hillcrest.successes.shownCount == nil)
    #expect(hillcrest.successes.suppression == .hidden)
    #expect(hillcrest.percent == nil && hillcrest.interval == nil)
    #expect(hillcrest.base.shownCount == 23)
    let difference = try #require(lonely.comparisons.first { $0.cohort == "Hillcrest" })
    #expect(difference.isSuppressed)
    #expect(difference.difference == nil && difference.interval == nil && difference.pValue == nil)
    #expect(difference.adjustedPValue == nil)
    let riverside = try #require(lonely.comparisons.first { $0.cohort == "Riverside" })
    #expect(!riverside.isSuppressed && riverside.difference != nil && riverside.pValue != nil)
    // Holm's adjustment would depend on Hillcrest's hidden p-value: it is dropped, with
    // Bonferroni's threshold in words.
    #expect(riverside.adjustedPValue == nil && !lonely.isAdjusted)
    #expect(lonely.notes.contains { $0.contains("0.05 divided by 2 (Bonferroni)") })
  }

  @Test func `a raised threshold hides a small cohort's mean and its comparison`() throws {
    let suppressed = try ComparisonFixture().build(
      ComparisonOptions(reference: "Northgate", suppression: .threshold(30))
    )
    let ucla = try #require(suppressed.scores.first { $0.id == "ucla" })
    let hillcrest = try #require(ucla.cohorts.first { $0.cohort == "Hillcrest" })
    #expect(hillcrest.isSuppressed && hillcrest.mean == nil && hillcrest.count.shownCount == nil)
    #expect(ucla.comparisons.first { $0.cohort == "Hillcrest" }?.hedgesG == nil)
    // The cohorts' rows add up to the rows read, so hiding Hillcrest's 23 alone would not
    // hide them: the smallest other cohort is hidden whole too, and the reference stays.
    let hidden = suppressed.cohorts.filter { $0.rows.shownCount == nil }.map(\.cohort)
    #expect(hidden.count == 2 && hidden.contains("Hillcrest") && !hidden.contains("Northgate"))
    let other = try #require(hidden.first { $0 != "Hillcrest" })
    #expect(ucla.cohorts.first { $0.cohort == other }?.isSuppressed == true)
    #expect(ucla.comparisons.first { $0.cohort == other }?.hedgesG == nil)
  }

  @Test func `indicators of one item cannot be set against each other to reveal a small count`()
    throws
  {
    // Two indicators of one answer: "often" (code 1) and "often or sometimes" (codes 1 and 2).
    // In cohort A, 3 answered "sometimes": shown side by side, the two counts would give it.
    let codes =
      [1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3] + [Int](repeating: 1, count: 12)
      + [Int](repeating: 2, count: 10) + [Int](repeating: 3, count: 10)
    let cohorts = [String](repeating: "A", count: 17) + [String](repeating: "B", count: 32)
    var builder = try ComparisonBuilder(
      cohorts: cohorts,
      options: ComparisonOptions(),
      sourceFiles: [],
      cohortColumn: "cohort"
    )
    builder.addIndicator(
      id: "often",
      title: "Often",
      values: codes.map { $0 == 1 ? 1 : 0 },
      source: "item"
    )
    builder.addIndicator(
      id: "often-or-sometimes",
      title: "Often or sometimes",
      values: codes.map { $0 <= 2 ? 1 : 0 },
      source: "item"
    )
    let report = builder.build()
    let a = report.indicators.map { $0.cohorts[0].successes.shownCount }
    #expect(a[0] == nil || a[1] == nil, "both counts of cohort A are shown: \(a)")
    // Without the source, each indicator is protected on its own and both are shown.
    var separate = try ComparisonBuilder(
      cohorts: cohorts,
      options: ComparisonOptions(),
      sourceFiles: [],
      cohortColumn: "cohort"
    )
    separate.addIndicator(id: "often", title: "Often", values: codes.map { $0 == 1 ? 1 : 0 })
    separate.addIndicator(
      id: "often-or-sometimes",
      title: "Often or sometimes",
      values: codes.map { $0 <= 2 ? 1 : 0 }
    )
    #expect(separate.build().indicators.allSatisfy { $0.cohorts[0].successes.shownCount != nil })
  }

  @Test func `a cohort with one value gives no difference in means and says why`() throws {
    var builder = try ComparisonBuilder(
      cohorts: ["A", "A", "A", "B"],
      options: ComparisonOptions(suppression: .none),
      sourceFiles: [],
      cohortColumn: "group"
    )
    builder.addScore(id: "s", title: "S", values: [1, 2, 4, 3], decimals: 0)
    let measure = try #require(builder.build().scores.first)
    let comparison = try #require(measure.comparisons.first)
    #expect(comparison.difference == nil && comparison.pValue == nil)
    #expect(
      comparison.notes.contains { $0.contains("'B' has 1 value") && $0.contains("at least 2") }
    )
    #expect(!measure.isAdjusted)
  }

  @Test func `two cohorts need no Holm adjustment`() throws {
    var builder = try ComparisonBuilder(
      cohorts: Array(repeating: "A", count: 40) + Array(repeating: "B", count: 40),
      options: ComparisonOptions(suppression: .none),
      sourceFiles: [],
      cohortColumn: "group"
    )
    builder.addIndicator(id: "x", title: "X", values: (0..<80).map { Int8($0 % 3 == 0 ? 1 : 0) })
    let measure = try #require(builder.build().indicators.first)
    #expect(!measure.isAdjusted)
    #expect(measure.comparisons.first?.adjustedPValue == nil)
    #expect(measure.comparisons.first?.pValue != nil)
  }

  @Test func `an unknown reference is an error naming the cohorts`() {
    #expect {
      _ = try ComparisonBuilder(
        cohorts: ["North", "South"],
        options: ComparisonOptions(reference: "Nroth"),
        sourceFiles: [],
        cohortColumn: "area"
      )
    } throws: { error in
      let error = error as? ReportError
      return error?.message == "--reference names the cohort 'Nroth', which 'area' does not have"
        && error?.hint == "did you mean 'North'?"
    }
  }

  @Test func `a single cohort is an error`() {
    #expect(throws: ReportError.self) {
      _ = try ComparisonBuilder(
        cohorts: ["A", "A", ""],
        options: ComparisonOptions(),
        sourceFiles: [],
        cohortColumn: "g"
      )
    }
  }
}
