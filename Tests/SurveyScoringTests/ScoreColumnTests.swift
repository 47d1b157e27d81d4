import SurveyCapture
import SurveyInstruments
import SurveyScoring
import Testing

@Suite struct ScoreColumnTests {
  @Test(arguments: [
    (26.02, 2, "26.02"), (7.0, 2, "7.00"), (12.0, 0, "12"), (12.5, 0, "12.5"), (35.0, 2, "35.00"),
    (-3.0, 0, "-3"), (-0.25, 1, "-0.25"), (14.666666666666666, 2, "14.666666666666666"),
    (0.0, 0, "0"),
  ])
  func `values are written with their decimals, and more only when needed to be exact`(
    value: Double,
    decimals: Int,
    expected: String
  ) {
    #expect(ScoreColumn.format(value, decimals: decimals) == expected)
  }

  @Test func `a column knows its names, bands, valid values and absences`() throws {
    let ons = try builtIn("ons-loneliness")
    let scored = Scorer.score(
      try table(
        [ons],
        [
          response(ons, codes: [1, 1, 1, 5]), response(ons, codes: [3, 3, 2, 1]),
          response(ons, ["companionship": .code(1)]),
        ]
      )
    )
    let ucla = try #require(scored.score(instrument: "ons-loneliness", id: "ucla3"))
    #expect(ucla.name == "ons-loneliness.ucla3")
    #expect(ucla.bandName == "ons-loneliness.ucla3.band")
    #expect(ucla.reasonName == "ons-loneliness.ucla3.reason")
    #expect(ucla.count == 3)
    #expect(ucla.values[0] == 3)
    #expect(ucla.values[1] == 8)
    #expect(ucla.values[2].isNaN)
    #expect(ucla.bandIndices == [0, 1, -1])
    #expect(ucla.absences == [.present, .present, .itemsMissing])
    #expect(ucla.validValues == [3, 8])
    #expect(ucla.validCount == 2)
    #expect(ucla.band(at: 1)?.label == "Lonely (6-9)")
    #expect(ucla.reason(at: 0) == nil)
    #expect(
      ucla.reason(at: 2)
        == "2 of 3 items missing (left-out, isolated); ons-loneliness.ucla3 allows none"
    )
  }

  @Test func `a converted value with no row in its table is absent and says which value`() throws {
    let instrument = Instrument(
      id: "short",
      version: "1",
      title: "Short",
      scales: [
        ResponseScale(
          id: "s",
          options: [ResponseOption(code: 1, label: "a"), ResponseOption(code: 2, label: "b")]
        )
      ],
      items: [Item(id: "x", wording: "X", scale: "s"), Item(id: "y", wording: "Y", scale: "s")],
      scores: [
        ScoreRule(
          id: "raw",
          title: "Raw",
          method: .sum,
          items: [ScoreItem(item: "x"), ScoreItem(item: "y")],
          range: 2...4
        ),
        ScoreRule(
          id: "converted",
          title: "Converted",
          method: .convert(from: "raw", table: ConversionTable(entries: [(2, 10), (3, 20)])),
          items: [],
          range: 10...20
        ),
        ScoreRule(
          id: "orphan",
          title: "Orphan",
          method: .convert(from: "nothing", table: ConversionTable(entries: [(2, 10)])),
          items: [],
          range: 10...10
        ),
      ]
    )
    let scores = Scorer.score(response(instrument, codes: [2, 2]), instrument: instrument)
    #expect(scores.score("raw")?.value == 4)
    #expect(scores.score("converted")?.value == nil)
    #expect(scores.score("converted")?.reason == "raw score 4 has no row in the conversion table")
    #expect(
      scores.score("orphan")?.reason == "the instrument defines no score 'nothing' to convert"
    )
    #expect(
      Scorer.score(response(instrument, codes: [1, 2]), instrument: instrument).score("converted")?
        .value == 20
    )
  }

  @Test func `a declared missing answer on a one-item score is named with its label`() throws {
    let ons4 = try builtIn("ons4")
    let scored = Scorer.score(
      try table([ons4], [response(ons4, ["worthwhile-things": .missing(reasonIndex: 0)])])
    )
    let worthwhile = try #require(scored.score(instrument: "ons4", id: "worthwhile"))
    #expect(worthwhile.reason(at: 0) == "item worthwhile-things answered 'Don't know'")
    let happiness = try #require(scored.score(instrument: "ons4", id: "happiness"))
    #expect(happiness.reason(at: 0) == "item happy-yesterday not answered")
  }
}
