import SurveyCapture
import SurveyInstruments
import SurveyScoring
import Testing

@Suite struct ScoredTableTests {
  @Test func `output columns are each score's value, band and reason, then each indicator`() throws
  {
    let ons = try builtIn("ons-loneliness")
    let swemwbs = try builtIn("swemwbs")
    let scored = Scorer.score(try table([ons, swemwbs], []))
    #expect(scored.count == 0)
    #expect(
      scored.columnNames == [
        "ons-loneliness.ucla3", "ons-loneliness.ucla3.band", "ons-loneliness.ucla3.reason",
        "ons-loneliness.often-always", "ons-loneliness.some-of-the-time-or-more",
        "ons-loneliness.never",
        "ons-loneliness.ucla-lonely",
        "swemwbs.raw", "swemwbs.raw.band", "swemwbs.raw.reason",
        "swemwbs.metric", "swemwbs.metric.band", "swemwbs.metric.reason",
      ]
    )
    #expect(scored.columns.filter(\.isNumeric).count == 7)
    #expect(ScoredTable.valueColumnName(instrument: "djg6", score: "total") == "djg6.total")
    #expect(ScoredTable.bandColumnName(instrument: "djg6", score: "total") == "djg6.total.band")
    #expect(ScoredTable.reasonColumnName(instrument: "djg6", score: "total") == "djg6.total.reason")
    #expect(
      ScoredTable.indicatorColumnName(instrument: "djg6", indicator: "lonely") == "djg6.lonely"
    )
  }

  @Test func `cells are written as text, empty where absent`() throws {
    let ons = try builtIn("ons-loneliness")
    let scored = Scorer.score(
      try table([ons], [response(ons, codes: [2, 2, 3, 1]), response(ons, ["lonely": .code(5)])])
    )
    let first = scored.columns.map { scored.text(of: $0, at: 0) }
    #expect(first == ["7", "Lonely (6-9)", nil, "1", "1", "0", "1"])
    let second = scored.columns.map { scored.text(of: $0, at: 1) }
    #expect(second == [nil, nil, "none of the 3 items answered", "0", "0", "1", nil])
  }

  @Test func `one row's scores come back per instrument`() throws {
    let ons4 = try builtIn("ons4")
    let scored = Scorer.score(try table([ons4], [response(ons4, codes: [7, 8, 9, 2])]))
    let row = try #require(scored.responseScores(at: 0, instrument: "ons4"))
    #expect(row.scores.map(\.value) == [7, 8, 9, 2])
    #expect(row.scores.map { $0.band?.id.rawValue } == ["high", "high", "very-high", "low"])
    #expect(scored.responseScores(at: 0, instrument: "wemwbs") == nil)
  }
}
