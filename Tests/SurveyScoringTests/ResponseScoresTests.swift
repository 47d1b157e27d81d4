import SurveyInstruments
import SurveyScoring
import Testing

@Suite struct ResponseScoresTests {
  @Test func `scores and indicators are found by id`() {
    let scores = ResponseScores(
      instrument: "ons-loneliness",
      scores: [ScoreResult(id: "ucla3", value: 6, band: nil, reason: nil)],
      indicators: [IndicatorResult(id: "never", value: nil, reason: "item lonely not answered")]
    )
    #expect(scores.score("ucla3")?.value == 6)
    #expect(scores.score("total") == nil)
    #expect(scores.indicator("never")?.reason == "item lonely not answered")
    #expect(scores.indicator("often-always") == nil)
  }
}
