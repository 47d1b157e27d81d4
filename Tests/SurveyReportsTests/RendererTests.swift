import Foundation
import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyReports
import SurveyStatistics
import Testing

/// A report of the fixture survey by area, with a small group so that something is suppressed.
func sampleReport(decimals: Int = 0, weighted: Bool = false) throws -> Report {
  var table = try fixtureSurvey()
  let key = ItemKey(instrument: "ons-loneliness", item: "lonely")
  // Three respondents in a tiny area: their counts must be hidden.
  for code in [1, 1, 2] {
    try table.append(
      Response(
        answers: [key: .code(code)],
        attributes: ["id": "T\(code)", "area": "Tiny Hamlet", "weight": "1"]
      )
    )
  }
  var builder = try ReportBuilder(
    table: table,
    options: ReportOptions(
      title: "Sample report",
      groupBy: ["area"],
      weightColumn: weighted ? "weight" : nil,
      decimals: decimals
    ),
    sourceFiles: ["survey.csv"]
  )
  builder.addItem(key)
  let answers = try #require(table.answers(for: key)).answers
  builder.addProportion(
    id: "ons-loneliness.often-always",
    title: "Lonely often/always",
    values: answers.map { $0.code.map { $0 == 1 ? 1 : 0 } ?? -1 },
    reason: { _ in "not answered" }
  )
  builder.addScore(
    id: "code",
    title: "Code",
    values: answers.map { $0.code.map(Double.init) ?? .nan },
    bands: nil,
    decimals: 0,
    reason: { _ in "not answered" }
  )
  return builder.build()
}

@Suite struct RendererTests {
  @Test func `the tidy CSV has the documented columns and one row per group and category`() throws {
    let report = try sampleReport()
    let rows = try CSVReader(bytes: Array(TidyCSVRenderer().render(report).utf8)).readAll()
    #expect(rows.first == TidyCSVRenderer.columns)
    for required in [
      "measure", "group_by", "group", "category", "count", "base", "percent", "ci_lower",
      "ci_upper", "value", "suppressed",
    ] {
      #expect(TidyCSVRenderer.columns.contains(required))
    }
    let item = rows.filter { $0[0] == "ons-loneliness.lonely" && $0[5] == "category" }
    #expect(item.count == 5 * 5, "5 answers for the whole sample and each of 4 areas")
    let often = try #require(item.first { $0[3] == "" && $0[6] == "Often/always" })
    let whole = try #require(report.measures.first?.wholeSample?.categories.first)
    #expect(often[7] == String(try #require(whole.shownCount)))
    #expect(often[9] == fixed(try #require(whole.percent), decimals: 0))
  }

  @Test func `suppressed counts are empty in CSV, null in JSON and starred in text`() throws {
    let report = try sampleReport()
    let tiny = try #require(
      report.measures.first?.breakdowns.last?.groups.first { $0.group == "Tiny Hamlet" }
    )
    #expect(tiny.isSuppressed)
    let rows = try CSVReader(bytes: Array(TidyCSVRenderer().render(report).utf8)).readAll()
    for row in rows where row[4] == "Tiny Hamlet" && row[5] == "category" {
      #expect(row[7].isEmpty && row[8].isEmpty && row[9].isEmpty && !row[13].isEmpty, "\(row)")
    }
    let json =
      try JSONSerialization.jsonObject(with: Data(JSONReportRenderer().render(report).utf8))
      as? [String: Any]
    let measures = try #require(json?["measures"] as? [[String: Any]])
    let breakdowns = try #require(measures.first?["breakdowns"] as? [[String: Any]])
    let groups = try #require(breakdowns.last?["groups"] as? [[String: Any]])
    let hamlet = try #require(groups.first { $0["group"] as? String == "Tiny Hamlet" })
    #expect(hamlet["base"] is NSNull)
    for category in try #require(hamlet["categories"] as? [[String: Any]]) {
      #expect(category["count"] is NSNull && category["percent"] is NSNull)
    }
    let text = TextRenderer(width: 200).render(report)
    #expect(text.contains("Tiny Hamlet"))
    #expect(text.contains("* hidden to protect small counts."))
  }

  @Test func `JSON carries the schema, metadata and headlines`() throws {
    let report = try sampleReport()
    let object =
      try JSONSerialization.jsonObject(with: Data(JSONReportRenderer().render(report).utf8))
      as? [String: Any]
    #expect(object?["schema"] as? String == "loneliness-report/1")
    let metadata = try #require(object?["metadata"] as? [String: Any])
    #expect(metadata["rows_read"] as? Int == 403)
    #expect((metadata["suppression"] as? [String: Any])?["policy"] as? String == "below-5")
    #expect(metadata["toolkit_version"] as? String == Toolkit.version)
    let headlines = try #require(object?["headlines"] as? [String])
    #expect(headlines.count == 1)
    #expect(headlines.first?.hasPrefix("Lonely often/always: ") == true)
  }

  @Test(arguments: [0, 1])
  func `percentages are rounded the same in every format`(decimals: Int) throws {
    let report = try sampleReport(decimals: decimals)
    let percent = try #require(report.measures.first?.wholeSample?.categories.first?.percent)
    let shown = fixed(percent, decimals: decimals)
    #expect(TextRenderer(width: 200).render(report).contains(" \(shown) "))
    #expect(MarkdownRenderer().render(report).contains("| \(shown) |"))
    #expect(TidyCSVRenderer().render(report).contains(",\(shown),"))
    #expect(JSONReportRenderer().render(report).contains("\"percent\": \(shown),"))
  }

  @Test func `the headline reads like a committee report`() throws {
    let report = try sampleReport()
    let whole = try #require(report.indicators.first?.wholeSample)
    let yes = try #require(whole.categories.first)
    let count = try #require(yes.shownCount)
    let base = try #require(whole.shownBase)
    let percent = fixed(try #require(yes.percent), decimals: 0)
    let interval = try #require(yes.interval)
    #expect(
      ReportFormatting(decimals: 0).headline(
        title: "Lonely often/always",
        estimate: whole,
        level: 0.95
      )
        == "Lonely often/always: \(count) of \(base) (\(percent)%; 95% CI \(fixed(interval.lower, decimals: 0))% to \(fixed(interval.upper, decimals: 0))%)"
    )
  }

  @Test func `Markdown escapes text from data`() throws {
    let ons = try #require(InstrumentCatalogue.builtIn.instrument(withID: "ons-loneliness"))
    var table = ResponseTable(instruments: [ons], attributeHeaders: ["area"])
    let key = ItemKey(instrument: "ons-loneliness", item: "lonely")
    for _ in 0..<10 {
      try table.append(Response(answers: [key: .code(1)], attributes: ["area": "A | B *bold*"]))
    }
    var builder = try ReportBuilder(
      table: table,
      options: ReportOptions(groupBy: ["area"]),
      sourceFiles: ["x.csv"]
    )
    builder.addItem(key)
    let markdown = MarkdownRenderer().render(builder.build())
    #expect(markdown.contains("A \\| B \\*bold\\*"))
    #expect(!markdown.contains("A | B"))
  }

  @Test func `a narrow terminal gets tables that fit, wrapped or one block per group`() throws {
    let report = try sampleReport()
    for width in [60, 72, 80] {
      let text = TextRenderer(width: width).render(report)
      for line in text.split(separator: "\n") where !line.contains("http") {
        #expect(line.count <= width, "line wider than \(width): \(line)")
      }
      #expect(text.contains("Tiny Hamlet"), "every group is still there at \(width)")
    }
  }
}

@Suite struct RendererPreview {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["PREVIEW_REPORT"] != nil))
  func `write a preview`() throws {
    let report = try sampleReport(
      weighted: ProcessInfo.processInfo.environment["PREVIEW_REPORT"] == "weighted"
    )
    try TextRenderer(width: 100).render(report).write(
      toFile: "/tmp/preview.txt",
      atomically: true,
      encoding: .utf8
    )
    try MarkdownRenderer().render(report).write(
      toFile: "/tmp/preview.md",
      atomically: true,
      encoding: .utf8
    )
    #expect(Bool(true))
  }
}
