import Foundation
import SurveyReports
import Testing

@Suite struct ChangeRendererTests {
  let report: ChangeReport

  init() throws { report = try ChangeFixture().build(ChangeOptions()) }

  @Test func `JSON has the schema, the pairing and the duplicates with their lines`() throws {
    let object = try JSONSerialization.jsonObject(
      with: Data(JSONReportRenderer().render(report).utf8)
    )
    let json = try #require(object as? [String: Any])
    #expect(json["schema"] as? String == "loneliness-change/1")
    let pairing = try #require(json["pairing"] as? [String: Any])
    #expect(pairing["paired"] as? Int == 89)
    let duplicates = try #require(pairing["duplicates"] as? [[String: Any]])
    #expect(duplicates.map { $0["resolution"] as? String } == ["identical-used-once", "excluded"])
    #expect(duplicates.allSatisfy { ($0["locations"] as? [String])?.count == 2 })
    let scores = try #require(json["scores"] as? [[String: Any]])
    let ucla = try #require(scores.first { $0["measure"] as? String == "ucla" })
    let transitions = try #require(ucla["transitions"] as? [String: Any])
    let cells = try #require(transitions["cells"] as? [[[String: Any]]])
    // Low to middle is a small count: hidden, and so is its smallest neighbour.
    #expect(cells[0][1]["count"] is NSNull && cells[0][1]["suppressed"] as? String == "hidden")
    #expect(cells.joined().filter { $0["suppressed"] as? String == "hidden" }.count == 2)
  }

  @Test func `tidy CSV lists pairing, shares and McNemar rows`() {
    let csv = TidyCSVRenderer().render(report)
    #expect(csv.hasPrefix(TidyCSVRenderer.comparisonColumns.joined(separator: ",") + "\n"))
    #expect(csv.contains("pairing,pairing,,,paired,,89,"))
    #expect(csv.contains("pairing,pairing,,follow-up,duplicate,P030,2,,,,,,excluded: "))
    #expect(
      csv.contains(
        "ucla,score,follow-up vs baseline,,share_improved,improved by 2 points or more,20.9,13.7,30.7,"
      )
    )
    #expect(
      csv.contains(
        "lonely,indicator,follow-up vs baseline,,mcnemar,,8.0000,,,0.8145294189453125,,83,\"McNemar's exact test"
      )
    )
  }

  @Test func `text names the threshold and says when a score has none`() {
    let text = TextRenderer().render(report)
    #expect(text.contains("Meaningful change: 2.87 points. Source: test."))
    #expect(
      text.contains(
        "No meaningful-change threshold for this score: the shares count any change, however small."
      )
    )
    #expect(text.contains("Duplicate id P030: 2 rows at follow-up"))
    #expect(text.contains("Baseline only (no follow-up), 10: P001, P002"))
  }

  @Test func `HTML has a before-and-after chart for every score`() {
    let html = HTMLRenderer().render(report)
    // Each score's means on its own scale, and its mean change on an axis centred on zero.
    #expect(html.components(separatedBy: "<figcaption>Figure: ").count - 1 >= 7)
    #expect(
      html.components(separatedBy: ": mean change with its 95% interval (follow-up minus").count
        - 1 >= 3
    )
    #expect(!html.contains("http"))
  }
}
