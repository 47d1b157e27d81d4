// The code of README.md's "Using the toolkit from Swift", compiled and run here with only
// `import LonelinessToolkit`, as an app would. LonelinessCommandLineTests checks that each block
// between the README markers below is, line for line, in the README.

import LonelinessToolkit
import Testing

@Suite struct ToolkitUsageTests {
  @Test func `score one response in an app`() throws {
    // README: score one response
    let catalogue = InstrumentCatalogue.builtIn
    let swemwbs = try catalogue.instrument(named: "swemwbs")
    var answers: [ItemKey: Answer] = [:]
    for (item, code) in zip(swemwbs.items, [4, 3, 3, 4, 3, 4, 5]) {
      answers[ItemKey(instrument: swemwbs.id, item: item.id)] = .code(code)
    }
    let scores = Scorer.score(Response(answers: answers), instrument: swemwbs)
    let metric = scores.score("metric")
    print("SWEMWBS metric score:", metric?.value ?? 0)  // 23.21
    // README: end
    #expect(metric?.value == 23.21)
    #expect(metric?.reason == nil)
  }

  @Test func `build and render a report from rows the app holds`() throws {
    // README: report from rows
    let rows = [
      ["Ward", "How often do you feel lonely?"],
      ["North", "Often/always"], ["North", "Never"], ["North", "Hardly ever"],
      ["South", "Some of the time"], ["South", "Never"], ["South", "Occasionally"],
    ]
    let survey = try Survey(
      reading: .rows(rows, name: "visits"),
      options: SurveyReadingOptions(columns: [ColumnRequest("Ward", role: .breakdown)])
    )
    let report = try SurveyAnalysis.report(survey, options: ReportOptions(groupBy: ["Ward"]))
    let page = report.rendered(as: .html, width: 100)
    let figures = report.rendered(as: .json, width: 100)
    // README: end
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(figures.contains("\"schema\": \"loneliness-report/1\""))
    let lonely = try #require(report.measures.first { $0.id == "ons-loneliness.lonely" })
    #expect(lonely.wholeSample?.base == 6)
    #expect(report.metadata.groupBy == ["Ward"])
  }

  @Test func `write a report to a stream a piece at a time`() throws {
    let rows =
      [["Area", "How often do you feel lonely?"]]
      + (0..<400).map { ["Area \($0 % 40)", ["Often/always", "Never", "Hardly ever"][$0 % 3]] }
    let survey = try Survey(
      reading: .rows(rows, name: "visits"),
      options: SurveyReadingOptions(columns: [ColumnRequest("Area", role: .breakdown)])
    )
    let report = try SurveyAnalysis.report(survey, options: ReportOptions(groupBy: ["Area"]))
    // An app's stream, such as a file handle or a network body, gets the report in pieces.
    struct Pieces: TextOutputStream {
      var pieces: [String] = []
      mutating func write(_ string: String) { pieces.append(string) }
    }
    for format in ReportFormat.allCases {
      var stream = Pieces()
      report.render(as: format, to: &stream)
      #expect(stream.pieces.joined() == report.rendered(as: format))
      if format == .json || format == .csv {
        #expect(stream.pieces.count > 40, "\(format): at least a piece a group")
      }
    }
    // Each format's document holds only what that format draws.
    #expect(report.document(for: .json).sections.isEmpty)
    #expect(
      report.document(for: .text).sections.map(\.id) == report.document().sections.map(\.id)
    )
  }
}
