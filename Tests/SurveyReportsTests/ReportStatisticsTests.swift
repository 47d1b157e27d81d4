import Foundation
import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyReports
import SurveyStatistics
import TestSupport
import Testing

let reportFixtures = fixturesFolder(of: "SurveyReportsTests")

/// The fixture survey as a response table: the ONS direct question plus `area` and `weight`.
func fixtureSurvey() throws -> ResponseTable {
  let ons = try #require(InstrumentCatalogue.builtIn.instrument(withID: "ons-loneliness"))
  var table = ResponseTable(instruments: [ons], attributeHeaders: ["id", "area", "weight"])
  let reader = try CSVReader(
    contentsOfFile: reportFixtures.appendingPathComponent("report-survey.csv").path
  )
  let rows = try reader.readAll()
  for row in rows.dropFirst() {
    let code = Int(row[3])
    let answer: Answer = code.map { .code($0) } ?? .notAnswered
    try table.append(
      Response(
        answers: [ItemKey(instrument: "ons-loneliness", item: "lonely"): answer],
        attributes: ["id": row[0], "area": row[1], "weight": row[2]]
      )
    )
  }
  return table
}

func json(_ name: String) throws -> [String: Any] {
  let data = try Data(contentsOf: reportFixtures.appendingPathComponent(name))
  let object = try JSONSerialization.jsonObject(with: data)
  return try #require(object as? [String: Any])
}

func close(
  _ actual: Double?,
  _ expected: Any?,
  _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let actual, let expected = expected as? Double else {
    Issue.record(
      "\(what): missing value (actual \(String(describing: actual)), expected \(String(describing: expected)))",
      sourceLocation: sourceLocation
    )
    return
  }
  let tolerance = max(1e-9 * abs(expected), 1e-12)
  #expect(
    abs(actual - expected) <= tolerance,
    "\(what): \(actual) vs reference \(expected)",
    sourceLocation: sourceLocation
  )
}

@Suite struct ReportStatisticsTests {
  let lonely = "ons-loneliness.lonely"

  func measure(_ report: Report, _ id: String) throws -> MeasureReport {
    try #require(report.measures.first { $0.id == id })
  }

  @Test
  func `unweighted percentages, Wilson intervals and chi-square agree with statsmodels and scipy`()
    throws
  {
    let reference = try json("report-unweighted.json")
    var builder = try ReportBuilder(
      table: try fixtureSurvey(),
      options: ReportOptions(groupBy: ["area"], suppression: .none),
      sourceFiles: ["survey.csv"]
    )
    builder.addItem(ItemKey(instrument: "ons-loneliness", item: "lonely"))
    let item = try measure(builder.build(), lonely)
    func check(_ group: GroupEstimate, _ expected: [String: Any], _ name: String) throws {
      #expect(group.base == expected["base"] as? Int, "\(name) base")
      let codes = try #require(expected["codes"] as? [String: [String: Any]])
      for category in group.categories {
        let code = try #require(category.code)
        let reference = try #require(codes[String(code)])
        #expect(category.count == reference["count"] as? Int, "\(name) code \(code) count")
        close(category.percent, reference["percent"], "\(name) code \(code) percent")
        close(category.interval?.lower, reference["ci_lower"], "\(name) code \(code) lower")
        close(category.interval?.upper, reference["ci_upper"], "\(name) code \(code) upper")
      }
    }
    try check(
      try #require(item.wholeSample),
      try #require(reference["whole"] as? [String: Any]),
      "whole sample"
    )
    let areas = try #require(reference["areas"] as? [String: [String: Any]])
    let breakdown = try #require(item.breakdowns.last)
    #expect(breakdown.groups.map(\.group) == ["Eastfield", "Millbrook", "Stonebridge"])
    for group in breakdown.groups {
      let name = try #require(group.group)
      try check(group, try #require(areas[name]), name)
    }
    let chi = try #require(reference["chi_square"] as? [String: Any])
    let test = try #require(breakdown.test)
    close(test.chiSquare, chi["statistic"], "chi-square")
    close(test.pValue, chi["p_value"], "p-value")
    #expect(test.degreesOfFreedom == chi["df"] as? Int)
    #expect(
      item.wholeSample?.missing.first { $0.category == "not answered" }?.count == 400
        - (item.wholeSample?.base ?? 0)
    )
  }

  @Test func `weighted percentages and means agree with R's survey package`() throws {
    let reference = try json("report-weighted.json")
    let table = try fixtureSurvey()
    var builder = try ReportBuilder(
      table: table,
      options: ReportOptions(groupBy: ["area"], weightColumn: "weight", suppression: .none),
      sourceFiles: ["survey.csv"]
    )
    builder.addItem(ItemKey(instrument: "ons-loneliness", item: "lonely"))
    let codes = try #require(
      table.answers(for: ItemKey(instrument: "ons-loneliness", item: "lonely"))
    ).answers
    builder.addScore(
      id: "code",
      title: "Code as a score",
      values: codes.map { $0.code.map(Double.init) ?? .nan },
      bands: nil,
      decimals: 0,
      reason: { _ in "not answered" }
    )
    let report = builder.build()
    let item = try measure(report, lonely)
    let score = try measure(report, "code")
    func check(
      _ group: GroupEstimate,
      _ scoreGroup: GroupEstimate,
      _ expected: [String: Any],
      _ name: String
    ) throws {
      let codes = try #require(expected["codes"] as? [String: [String: Any]])
      for category in group.categories {
        let code = try #require(category.code)
        let reference = try #require(codes[String(code)])
        close(category.percent, reference["percent"], "\(name) code \(code) weighted percent")
        close(category.interval?.lower, reference["ci_lower"], "\(name) code \(code) logit lower")
        close(category.interval?.upper, reference["ci_upper"], "\(name) code \(code) logit upper")
      }
      close(group.effectiveBase, expected["effective_n"], "\(name) Kish effective n")
      let summary = try #require(scoreGroup.summary)
      close(summary.mean, expected["mean"], "\(name) weighted mean")
      close(summary.meanInterval?.lower, expected["mean_ci_lower"], "\(name) mean lower")
      close(summary.meanInterval?.upper, expected["mean_ci_upper"], "\(name) mean upper")
    }
    try check(
      try #require(item.wholeSample),
      try #require(score.wholeSample),
      try #require(reference["whole"] as? [String: Any]),
      "whole"
    )
    let areas = try #require(reference["areas"] as? [String: [String: Any]])
    for (group, scoreGroup) in zip(
      try #require(item.breakdowns.last).groups,
      try #require(score.breakdowns.last).groups
    ) {
      let name = try #require(group.group)
      try check(group, scoreGroup, try #require(areas[name]), name)
    }
    #expect(report.metadata.weighting?.column == "weight")
    let raoScott = try #require(reference["rao_scott"] as? [String: Any])
    let test = try #require(item.breakdowns.last?.test)
    let adjusted = try #require(test.designAdjustment, "a weighted breakdown is Rao-Scott adjusted")
    close(adjusted.fStatistic, raoScott["f"], "Rao-Scott F")
    close(adjusted.numeratorDegreesOfFreedom, raoScott["ndf"], "Rao-Scott numerator df")
    close(adjusted.denominatorDegreesOfFreedom, raoScott["ddf"], "Rao-Scott denominator df")
    close(test.pValue, raoScott["p_value"], "Rao-Scott p-value")
  }

  @Test
  func `a weighted breakdown of more than 2,000 cells falls back to Pearson's test and says so`()
    throws
  {
    let ons4 = try #require(InstrumentCatalogue.builtIn.instrument(withID: "ons4"))
    var table = ResponseTable(instruments: [ons4], attributeHeaders: ["group", "weight"])
    let key = ItemKey(instrument: "ons4", item: "satisfied-with-life")
    for group in 0..<190 {
      for code in 0...10 {
        try table.append(
          Response(
            answers: [key: .code(code)],
            attributes: ["group": "G\(group)", "weight": String(1 + Double(code % 3) / 2)]
          )
        )
      }
    }
    var builder = try ReportBuilder(
      table: table,
      options: ReportOptions(groupBy: ["group"], weightColumn: "weight", suppression: .none),
      sourceFiles: ["many-groups.csv"]
    )
    builder.addItem(key)
    let test = try #require(builder.build().measures.first?.breakdowns.last?.test)
    #expect(test.designAdjustment == nil)
    #expect(test.degreesOfFreedom == 189 * 10)
    #expect(test.note.contains("not computed for tables of more than 2,000 cells"))
  }

  @Test func `rows with an unusable weight are excluded from every estimate and listed`() throws {
    let ons = try #require(InstrumentCatalogue.builtIn.instrument(withID: "ons-loneliness"))
    var table = ResponseTable(instruments: [ons], attributeHeaders: ["weight"])
    let key = ItemKey(instrument: "ons-loneliness", item: "lonely")
    for (line, weight) in [(2, "1.5"), (3, ""), (4, "-1"), (5, "abc"), (6, "2")] {
      try table.append(
        Response(answers: [key: .code(1)], attributes: ["weight": weight]),
        lineNumber: line
      )
    }
    var builder = try ReportBuilder(
      table: table,
      options: ReportOptions(weightColumn: "weight", suppression: .none),
      sourceFiles: ["x.csv"]
    )
    builder.addItem(key)
    let report = builder.build()
    #expect(report.measures.first?.wholeSample?.base == 2)
    #expect(
      report.metadata.exclusions.map { "\($0.reason): \($0.lines)" } == [
        "no weight in column 'weight': [3]", "weight is not a number in column 'weight': [5]",
        "weight is zero or negative in column 'weight': [4]",
      ]
    )
  }

  @Test func `an unknown grouping column is an error with a suggestion`() throws {
    let table = try fixtureSurvey()
    let error = #expect(throws: ReportError.self) {
      _ = try ReportBuilder(
        table: table,
        options: ReportOptions(groupBy: ["aera"]),
        sourceFiles: []
      )
    }
    #expect(
      error?.description
        == "error: --by names the column 'aera', which the file does not have\nhint: did you mean 'area'?"
    )
  }
}

@Suite struct GroupOrderingTests {
  @Test func `age bands sort by their numbers, non-answers last`() {
    #expect(
      naturallyOrdered([
        "75+", "Prefer not to say", "16-24", "25-34", "65-74", "(not stated)", "Under 16", "35-44",
      ]) == [
        "Under 16", "16-24", "25-34", "35-44", "65-74", "75+", "Prefer not to say", "(not stated)",
      ]
    )
    #expect(
      naturallyOrdered(["Thanet", "Ashford", "Other", "Dover"]) == [
        "Ashford", "Dover", "Thanet", "Other",
      ]
    )
  }
}
