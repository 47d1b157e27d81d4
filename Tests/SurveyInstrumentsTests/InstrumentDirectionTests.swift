import SurveyInstruments
import Testing

/// Which end of a scale is worse, as the instrument files say it: the expectations are the
/// meaning of the questions ("Never" lonely is better than "Often/always"; a high anxiety score
/// is worse), not the toolkit's output.
@Suite struct InstrumentDirectionTests {
  private func instrument(_ id: String) throws -> Instrument {
    try #require(InstrumentCatalogue.builtIn.instrument(withID: InstrumentID(rawValue: id)))
  }

  private func item(_ instrument: Instrument, _ id: String) throws -> Item {
    try #require(instrument.item(withID: ItemID(rawValue: id)))
  }

  private func indicator(_ instrument: Instrument, _ id: String) throws -> Indicator {
    try #require(instrument.indicator(withID: IndicatorID(rawValue: id)))
  }

  @Test func `a scale that states its better end gives it to its items`() throws {
    let ons = try instrument("ons-loneliness")
    // 1 = Often/always … 5 = Never: the higher codes are the better answers.
    #expect(ons.better(forItem: try item(ons, "lonely")) == .higher)
  }

  @Test func `an item takes its direction from the score that adds it up`() throws {
    let ons = try instrument("ons-loneliness")
    // UCLA items: 1 = Hardly ever or never … 3 = Often, summed into a score where lower is better.
    for id in ["companionship", "left-out", "isolated"] {
      #expect(ons.better(forItem: try item(ons, id)) == .lower)
    }
    let ons4 = try instrument("ons4")
    // One 0-10 scale, four questions: anxiety points the other way.
    #expect(ons4.better(forItem: try item(ons4, "satisfied-with-life")) == .higher)
    #expect(ons4.better(forItem: try item(ons4, "anxious-yesterday")) == .lower)
    let swemwbs = try instrument("swemwbs")
    #expect(swemwbs.better(forItem: try item(swemwbs, "optimistic")) == .higher)
  }

  @Test func `a recoded item follows its recoding`() throws {
    let djg = try instrument("djg6")
    // "I experience a general sense of emptiness": Yes (3) scores 1, a lonelier answer.
    #expect(djg.better(forItem: try item(djg, "emptiness")) == .lower)
    // "There are plenty of people I can rely on": Yes (3) scores 0, the less lonely answer.
    #expect(djg.better(forItem: try item(djg, "rely-on")) == .higher)
  }

  @Test func `an indicator holding the worse end of its scale has yes as the worse outcome`() throws
  {
    let ons = try instrument("ons-loneliness")
    #expect(ons.better(forIndicator: try indicator(ons, "often-always")) == .lower)
    #expect(ons.better(forIndicator: try indicator(ons, "some-of-the-time-or-more")) == .lower)
    #expect(ons.better(forIndicator: try indicator(ons, "never")) == .higher)
    #expect(ons.better(forIndicator: try indicator(ons, "ucla-lonely")) == .lower)
    let ons4 = try instrument("ons4")
    #expect(ons4.better(forIndicator: try indicator(ons4, "low-life-satisfaction")) == .lower)
    #expect(ons4.better(forIndicator: try indicator(ons4, "high-anxiety")) == .lower)
  }

  @Test func `without a statement and without scores there is no worse end`() throws {
    let file = """
      {
        "format": 1, "id": "council", "version": "1", "title": "Council questions",
        "scales": [
          { "id": "yes-no", "options": [ { "code": 1, "label": "Yes" }, { "code": 2, "label": "No" } ] },
          { "id": "frequency", "better": "higher", "options": [
            { "code": 1, "label": "Often" }, { "code": 2, "label": "Sometimes" },
            { "code": 3, "label": "Never" } ] }
        ],
        "items": [
          { "id": "usual", "wording": "Is this usual for you?", "scale": "yes-no" },
          { "id": "lonely", "wording": "How often do you feel lonely?", "scale": "frequency" }
        ],
        "indicators": [
          { "id": "usual-yes", "title": "Said it was usual", "item": "usual", "codes": [1] },
          { "id": "sometimes", "title": "Lonely sometimes", "item": "lonely", "codes": [2] },
          { "id": "often", "title": "Lonely often", "item": "lonely", "codes": [1] }
        ]
      }
      """
    let council = try InstrumentDecoder.decodeInstrument(Array(file.utf8), file: "council.json")
    #expect(council.better(forItem: try item(council, "usual")) == nil)
    #expect(council.better(forItem: try item(council, "lonely")) == .higher)
    #expect(council.better(forIndicator: try indicator(council, "usual-yes")) == nil)
    // Neither end of the scale: no side is worse.
    #expect(council.better(forIndicator: try indicator(council, "sometimes")) == nil)
    #expect(council.better(forIndicator: try indicator(council, "often")) == .lower)
  }

  @Test func `a scale's better end must be higher or lower`() {
    let file = """
      {
        "format": 1, "id": "council", "version": "1", "title": "Council questions",
        "scales": [ { "id": "yes-no", "better": "yes",
          "options": [ { "code": 1, "label": "Yes" }, { "code": 2, "label": "No" } ] } ],
        "items": [ { "id": "usual", "wording": "Is this usual for you?", "scale": "yes-no" } ]
      }
      """
    let messages = diagnostics(file)
    #expect(messages.contains { $0.contains("scales[0].better") && $0.contains("'yes'") })
  }
}
