import SurveyCapture
import SurveyInstruments
import SurveyScoring
import Testing

@Suite struct IndicatorColumnTests {
  @Test func `an item indicator is 1 for a listed code, 0 for another, absent when unanswered`()
    throws
  {
    let ons = try builtIn("ons-loneliness")
    let scored = Scorer.score(
      try table(
        [ons],
        [
          response(ons, ["lonely": .code(1)]), response(ons, ["lonely": .code(3)]),
          response(ons, ["lonely": .missing(reasonIndex: 1)]), response(ons, [:]),
          response(ons, ["lonely": .unrecognised]),
        ]
      )
    )
    let often = try #require(scored.indicator(instrument: "ons-loneliness", id: "often-always"))
    #expect(often.name == "ons-loneliness.often-always")
    #expect(often.values == [1, 0, -1, -1, -1])
    #expect(often.value(at: 0) == true)
    #expect(often.value(at: 1) == false)
    #expect(often.value(at: 2) == nil)
    #expect(often.reason(at: 0) == nil)
    #expect(often.reason(at: 2) == "item lonely answered 'Prefer not to say'")
    #expect(often.reason(at: 3) == "item lonely not answered")
    #expect(often.reason(at: 4) == "unrecognised answer to lonely")
    #expect(often.counts == IndicatorCounts(yes: 1, no: 1, absent: 3))
    #expect(often.counts.base == 2)
  }

  @Test func `a band indicator is 0 when the score falls outside its bands`() throws {
    let djg = try builtIn("djg6")
    let scored = Scorer.score(
      try table(
        [djg],
        [
          response(djg, codes: [3, 3, 3, 1, 1, 1]), response(djg, codes: [3, 3, 1, 3, 3, 3]),
          response(djg, codes: [1, 1, 1, 3, 3, 3]),
        ]
      )
    )
    let severe = try #require(scored.indicator(instrument: "djg6", id: "severely-lonely"))
    let lonely = try #require(scored.indicator(instrument: "djg6", id: "lonely"))
    #expect(severe.values == [1, 0, 0])
    #expect(lonely.values == [1, 1, 0])
    #expect(lonely.counts == IndicatorCounts(yes: 2, no: 1, absent: 0))
  }
}
