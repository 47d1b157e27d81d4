import Foundation
import SurveyReports
import Testing

@Suite struct ComparisonRendererTests {
  let report: ComparisonReport

  init() throws {
    // Hillcrest has 2 lonely of 23: the count is hidden with everything computed from it.
    report = try ComparisonFixture().build(ComparisonOptions(reference: "Northgate"))
  }

  @Test func `JSON has the schema, and a hidden count is null with its difference`() throws {
    let object = try JSONSerialization.jsonObject(
      with: Data(JSONReportRenderer().render(report).utf8)
    )
    let json = try #require(object as? [String: Any])
    #expect(json["schema"] as? String == "loneliness-compare/1")
    #expect(json["reference"] as? String == "Northgate")
    let indicators = try #require(json["indicators"] as? [[String: Any]])
    let lonely = try #require(indicators.first { $0["measure"] as? String == "lonely" })
    let cohorts = try #require(lonely["cohorts"] as? [[String: Any]])
    let hillcrest = try #require(cohorts.first { $0["cohort"] as? String == "Hillcrest" })
    #expect(
      hillcrest["count"] is NSNull && hillcrest["percent"] is NSNull
        && hillcrest["ci_lower"] is NSNull
    )
    #expect(hillcrest["suppressed"] as? String == "hidden")
    #expect(hillcrest["base"] as? Int == 23)
    let comparisons = try #require(lonely["comparisons"] as? [[String: Any]])
    let difference = try #require(comparisons.first { $0["cohort"] as? String == "Hillcrest" })
    #expect(difference["difference_pp"] is NSNull && difference["p_value"] is NSNull)
    #expect(difference["suppressed"] as? Bool == true)
  }

  @Test func `tidy CSV has the documented columns and leaves hidden cells empty`() throws {
    let lines = TidyCSVRenderer().render(report).split(separator: "\n").map(String.init)
    #expect(lines.first == TidyCSVRenderer.comparisonColumns.joined(separator: ","))
    let hidden = try #require(lines.first { $0.hasPrefix("lonely,indicator,,Hillcrest,count,") })
    #expect(hidden == "lonely,indicator,,Hillcrest,count,,,,,,,23,low base,hidden")
    let difference = try #require(
      lines.first { $0.hasPrefix("lonely,indicator,Riverside vs Northgate,") }
    )
    #expect(
      difference.hasPrefix(
        "lonely,indicator,Riverside vs Northgate,Riverside,difference_pp,,6.8,-3.6,17.2,"
      )
    )
  }

  @Test func `text and Markdown show the difference and mark hidden figures`() {
    let text = TextRenderer().render(report)
    #expect(text.contains("Difference from Northgate (percentage points)"))
    // One comparison is hidden, so no Holm-adjusted column (it would reveal its p-value).
    #expect(text.contains("  Riverside        +6.8  -3.6 to +17.2  0.202\n"))
    #expect(text.contains("  Hillcrest           *              *      *\n"))
    #expect(text.contains("0.05 divided by 2 (Bonferroni)"))
    let markdown = MarkdownRenderer().render(report)
    #expect(markdown.contains("| Hillcrest | \\* | \\* | \\* |\n"))
  }

  @Test func `HTML draws the cohorts and differences and never writes a hidden value`() {
    let html = HTMLRenderer().render(report)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("Lonely: difference from Northgate in percentage points"))
    #expect(html.contains("Hillcrest: hidden to protect small counts"))
    // 2 of 23 is 8.7%; it must appear nowhere on the page (chart coordinates aside).
    #expect(!visibleText(html).contains("8.7"))
    #expect(!html.contains("8.7%"))
  }

  @Test func `negative numbers take a minus sign and difference ticks their unit as values do`() {
    let html = HTMLRenderer().render(report)
    let ticks = html.matches(of: /class="tick">([^<]*)</).map { String($0.output.1) }
    let differences = ticks.filter { $0.hasSuffix("pp") }
    #expect(
      differences.contains { $0.hasPrefix("\u{2212}") },
      "an axis of differences centred on zero"
    )
    #expect(differences.allSatisfy { $0.hasSuffix(" pp") }, "\(differences)")
    #expect(!ticks.contains { $0.hasPrefix("-") })
    #expect(!visibleText(html).contains(/(^|[ (>])-\d/))
    #expect(visibleText(html).contains("\u{2212}"))
  }
}
