import SurveyCapture
import SurveyInstruments
import SurveyScoring
import TestSupport
import Testing

/// The SWEMWBS raw-to-metric table typed from the reference (instruments.md §3.3), not from the
/// instrument file.
let swemwbsReferenceTable: [Int: Double] = [
  7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32,
  15: 15.84, 16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98,
  23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03,
  31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55, 35: 35.00,
]

/// Seven codes from 1 to 5 that sum to `raw`.
func swemwbsCodes(summingTo raw: Int) -> [Int] {
  var extra = raw - 7
  return (0..<7).map { _ in
    let step = min(4, extra)
    extra -= step
    return 1 + step
  }
}

@Suite struct ScorerTests {
  @Test(arguments: 7...35)
  func `every SWEMWBS raw score converts to the reference metric exactly`(raw: Int) throws {
    let swemwbs = try builtIn("swemwbs")
    let codes = swemwbsCodes(summingTo: raw)
    #expect(codes.reduce(0, +) == raw)
    let scores = Scorer.score(response(swemwbs, codes: codes), instrument: swemwbs)
    #expect(scores.score("raw")?.value == Double(raw))
    let expected = try #require(swemwbsReferenceTable[raw])
    #expect(scores.score("metric")?.value == expected)
    #expect(scores.score("metric")?.reason == nil)
  }

  @Test func `SWEMWBS metric values in a table are the table's values, also shuffled`() throws {
    let swemwbs = try builtIn("swemwbs")
    var generator = SeededGenerator(seed: 7)
    let raws = (7...35).shuffled(using: &generator)
    let scored = Scorer.score(
      try table(
        [swemwbs],
        raws.map {
          response(swemwbs, codes: swemwbsCodes(summingTo: $0).shuffled(using: &generator))
        }
      )
    )
    let metric = try #require(scored.score(instrument: "swemwbs", id: "metric"))
    for (row, raw) in raws.enumerated() {
      #expect(metric.value(at: row) == swemwbsReferenceTable[raw])
    }
    #expect(metric.formattedValue(at: raws.firstIndex(of: 29) ?? 0) == "26.02")
    #expect(metric.formattedValue(at: raws.firstIndex(of: 7) ?? 0) == "7.00")
  }

  @Test func `SWEMWBS with a missing item has no raw or metric score, and says why`() throws {
    let swemwbs = try builtIn("swemwbs")
    var answers = response(swemwbs, codes: [3, 3, 3, 3, 3, 3, 3])
    answers.answers[ItemKey(instrument: "swemwbs", item: "useful")] = nil
    let scores = Scorer.score(answers, instrument: swemwbs)
    #expect(scores.score("raw")?.value == nil)
    #expect(scores.score("raw")?.reason == "1 of 7 items missing (useful); swemwbs.raw allows none")
    #expect(scores.score("metric")?.value == nil)
    #expect(
      scores.score("metric")?.reason
        == "raw score absent: 1 of 7 items missing (useful); swemwbs.raw allows none"
    )
  }

  @Test(arguments: [
    [Int](repeating: 1, count: 14), [Int](repeating: 5, count: 14),
    [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4], [5, 4, 4, 3, 2, 2, 1, 5, 5, 3, 3, 4, 2, 1],
  ])
  func `WEMWBS total is the sum of the fourteen codes`(codes: [Int]) throws {
    let wemwbs = try builtIn("wemwbs")
    let scores = Scorer.score(response(wemwbs, codes: codes), instrument: wemwbs)
    #expect(scores.score("total")?.value == Double(codes.reduce(0, +)))
  }

  @Test func `WEMWBS bands follow the circulated cut-offs`() throws {
    let wemwbs = try builtIn("wemwbs")
    func band(_ total: Int) -> String? {
      var extra = total - 14
      let codes = (0..<14).map { _ in
        let step = min(4, extra)
        extra -= step
        return 1 + step
      }
      return Scorer.score(response(wemwbs, codes: codes), instrument: wemwbs).score("total")?.band?
        .id.rawValue
    }
    #expect(band(40) == "probable-depression")
    #expect(band(41) == "possible-depression")
    #expect(band(44) == "possible-depression")
    #expect(band(45) == "average")
    #expect(band(59) == "average")
    #expect(band(60) == "high")
  }

  @Test func `WEMWBS with two items missing names them`() throws {
    let wemwbs = try builtIn("wemwbs")
    var answers = response(wemwbs, codes: [Int](repeating: 4, count: 14))
    answers.answers[ItemKey(instrument: "wemwbs", item: "optimistic")] = nil
    answers.answers[ItemKey(instrument: "wemwbs", item: "loved")] = .notAnswered
    let scores = Scorer.score(answers, instrument: wemwbs)
    #expect(
      scores.score("total")?.reason
        == "2 of 14 items missing (optimistic, loved); wemwbs.total allows none"
    )
  }

  @Test(arguments: [([1, 1, 1], 3.0), ([3, 3, 3], 9.0), ([1, 2, 3], 6.0), ([2, 2, 1], 5.0)])
  func `UCLA-3 is the sum of the three items`(codes: [Int], expected: Double) throws {
    let ons = try builtIn("ons-loneliness")
    let scores = Scorer.score(response(ons, codes: codes + [3]), instrument: ons)
    #expect(scores.score("ucla3")?.value == expected)
    #expect(scores.score("ucla3")?.band?.id.rawValue == (expected >= 6 ? "lonely" : "not-lonely"))
    #expect(scores.indicator("ucla-lonely")?.value == (expected >= 6))
  }

  @Test func `UCLA-3 with an unrecognised answer is absent and says which item`() throws {
    let ons = try builtIn("ons-loneliness")
    let scores = Scorer.score(
      response(ons, ["companionship": .code(2), "left-out": .unrecognised, "isolated": .code(1)]),
      instrument: ons
    )
    #expect(
      scores.score("ucla3")?.reason
        == "1 of 3 items missing (left-out unrecognised); ons-loneliness.ucla3 allows none"
    )
    #expect(
      scores.indicator("ucla-lonely")?.reason
        == "ucla3 score absent: 1 of 3 items missing (left-out unrecognised); ons-loneliness.ucla3 allows none"
    )
  }

  // DJG codes: 1 = no, 2 = more or less, 3 = yes. Emotional items count 1 for 2 or 3; social
  // items count 1 for 1 or 2.
  let djgItems: [ItemID] = ["emptiness", "miss-people", "rejected", "rely-on", "trust", "close"]

  @Test func `DJG with every item answered dichotomises and sums the subscales`() throws {
    let djg = try builtIn("djg6")
    // emptiness yes (1), miss-people more or less (1), rejected no (0),
    // rely-on yes (0), trust more or less (1), close no (1).
    let scores = Scorer.score(response(djg, codes: [3, 2, 1, 3, 2, 1]), instrument: djg)
    #expect(scores.score("emotional")?.value == 2)
    #expect(scores.score("social")?.value == 2)
    #expect(scores.score("total")?.value == 4)
    #expect(scores.score("total")?.band?.id == "moderately-lonely")
    #expect(scores.indicator("lonely")?.value == true)
    #expect(scores.indicator("severely-lonely")?.value == false)
  }

  @Test func `DJG with one emotional item missing keeps the total, counting the item 0`() throws {
    let djg = try builtIn("djg6")
    let scores = Scorer.score(
      response(
        djg,
        [
          "emptiness": .code(3), "rejected": .code(3), "rely-on": .code(1), "trust": .code(1),
          "close": .code(1),
        ]
      ),
      instrument: djg
    )
    #expect(scores.score("emotional")?.value == nil)
    #expect(
      scores.score("emotional")?.reason
        == "1 of 3 items missing (miss-people); djg6.emotional allows none"
    )
    #expect(scores.score("social")?.value == 3)
    #expect(scores.score("total")?.value == 5)
    #expect(scores.score("total")?.band?.id == "severely-lonely")
    #expect(scores.indicator("severely-lonely")?.value == true)
  }

  @Test func `DJG with one social item answered 'Don't know' keeps the emotional subscale`() throws
  {
    let djg = try builtIn("djg6")
    let scores = Scorer.score(
      response(
        djg,
        [
          "emptiness": .code(1), "miss-people": .code(1), "rejected": .code(1), "rely-on": .code(3),
          "trust": .missing(reasonIndex: 0), "close": .code(3),
        ]
      ),
      instrument: djg
    )
    #expect(scores.score("emotional")?.value == 0)
    #expect(scores.score("social")?.value == nil)
    #expect(
      scores.score("social")?.reason
        == "1 of 3 items missing (trust answered 'Don't know'); djg6.social allows none"
    )
    #expect(scores.score("total")?.value == 0)
    #expect(scores.indicator("lonely")?.value == false)
  }

  @Test func `DJG with two items missing has no total`() throws {
    let djg = try builtIn("djg6")
    let scores = Scorer.score(
      response(
        djg,
        ["emptiness": .code(3), "miss-people": .code(3), "rejected": .code(3), "rely-on": .code(1)]
      ),
      instrument: djg
    )
    #expect(scores.score("emotional")?.value == 3)
    #expect(scores.score("total")?.value == nil)
    #expect(
      scores.score("total")?.reason == "2 of 6 items missing (trust, close); djg6.total allows 1"
    )
    #expect(scores.indicator("lonely")?.value == nil)
    #expect(
      scores.indicator("lonely")?.reason
        == "total score absent: 2 of 6 items missing (trust, close); djg6.total allows 1"
    )
  }

  @Test func `DJG with nothing answered says so plainly`() throws {
    let djg = try builtIn("djg6")
    let scores = Scorer.score(Response(), instrument: djg)
    #expect(scores.score("total")?.reason == "none of the 6 items answered")
  }

  @Test(arguments: [
    ("life-satisfaction", 4, "low"), ("life-satisfaction", 5, "medium"),
    ("life-satisfaction", 6, "medium"),
    ("life-satisfaction", 7, "high"), ("life-satisfaction", 9, "very-high"),
    ("life-satisfaction", 0, "low"),
    ("worthwhile", 8, "high"), ("happiness", 10, "very-high"),
    ("anxiety", 0, "very-low"), ("anxiety", 1, "very-low"), ("anxiety", 2, "low"),
    ("anxiety", 3, "low"),
    ("anxiety", 4, "medium"), ("anxiety", 5, "medium"), ("anxiety", 6, "high"),
    ("anxiety", 10, "high"),
  ])
  func `ONS4 scores fall in the ONS thresholds`(score id: String, code: Int, band: String) throws {
    let ons4 = try builtIn("ons4")
    let question = try #require(ons4.score(withID: ScoreID(rawValue: id))?.items.first?.item)
    let scores = Scorer.score(response(ons4, [question: .code(code)]), instrument: ons4)
    let score = try #require(scores.score(ScoreID(rawValue: id)))
    #expect(score.value == Double(code))
    #expect(score.band?.id.rawValue == band)
  }

  @Test func `ONS4 high anxiety and low life satisfaction indicators`() throws {
    let ons4 = try builtIn("ons4")
    let anxious = Scorer.score(response(ons4, codes: [4, 7, 7, 6]), instrument: ons4)
    #expect(anxious.indicator("high-anxiety")?.value == true)
    #expect(anxious.indicator("low-life-satisfaction")?.value == true)
    #expect(anxious.indicator("low-happiness")?.value == false)
    let calm = Scorer.score(response(ons4, codes: [9, 7, 7, 5]), instrument: ons4)
    #expect(calm.indicator("high-anxiety")?.value == false)
    #expect(calm.indicator("low-life-satisfaction")?.value == false)
  }

  @Test func `ONS4 answered 'Prefer not to say' is absent with that reason`() throws {
    let ons4 = try builtIn("ons4")
    let scores = Scorer.score(
      response(
        ons4,
        ["satisfied-with-life": .code(8), "anxious-yesterday": .missing(reasonIndex: 1)]
      ),
      instrument: ons4
    )
    #expect(
      scores.score("anxiety")?.reason == "item anxious-yesterday answered 'Prefer not to say'"
    )
    #expect(scores.score("happiness")?.reason == "item happy-yesterday not answered")
    #expect(
      scores.indicator("high-anxiety")?.reason
        == "anxiety score absent: item anxious-yesterday answered 'Prefer not to say'"
    )
    #expect(scores.score("life-satisfaction")?.value == 8)
  }

  @Test func `a reversed item counts scale minimum plus maximum minus its code`() throws {
    let resilience = try decoded(resilienceInstrument)
    // 5 + (6 - 1) + 4 + 3 = 17
    let scores = Scorer.score(response(resilience, codes: [5, 1, 4, 3]), instrument: resilience)
    #expect(scores.score("total")?.value == 17)
    #expect(scores.score("average")?.value == 17.0 / 4)
    let reversedHigh = Scorer.score(
      response(resilience, codes: [5, 5, 4, 3]),
      instrument: resilience
    )
    #expect(reversedHigh.score("total")?.value == 13)
  }

  @Test func `a prorated sum scales up to the full number of items`() throws {
    let resilience = try decoded(resilienceInstrument)
    // bounce-back 4, hard-to-recover 2 reversed to 4, cope missing, calm 3: 11 x 4 / 3.
    let scores = Scorer.score(
      response(
        resilience,
        ["bounce-back": .code(4), "hard-to-recover": .code(2), "calm": .code(3)]
      ),
      instrument: resilience
    )
    #expect(scores.score("total")?.value == 11.0 * 4 / 3)
    #expect(scores.score("average")?.value == 11.0 / 3)
    // Whole-valued proration: 4 + 4 + 4 = 12, x 4 / 3 = 16.
    let whole = Scorer.score(
      response(
        resilience,
        ["bounce-back": .code(4), "hard-to-recover": .code(2), "cope": .code(4)]
      ),
      instrument: resilience
    )
    #expect(whole.score("total")?.value == 16)
  }

  @Test func `a prorated sum past its missing allowance is absent; the mean allows more`() throws {
    let resilience = try decoded(resilienceInstrument)
    let scores = Scorer.score(
      response(
        resilience,
        ["bounce-back": .code(2), "cope": .missing(reasonIndex: 0), "calm": .code(1)]
      ),
      instrument: resilience
    )
    #expect(scores.score("total")?.value == nil)
    #expect(
      scores.score("total")?.reason
        == "2 of 4 items missing (hard-to-recover, cope answered 'Prefer not to say'); resilience.total allows 1"
    )
    #expect(scores.score("average")?.value == 1.5)
    #expect(scores.indicator("low-resilience")?.value == nil)
  }

  @Test func `every score of thousands of random complete responses lies in its declared range`()
    throws
  {
    var generator = SeededGenerator(seed: 2026)
    let instruments =
      try ["ons-loneliness", "wemwbs", "swemwbs", "ons4", "djg6"].map {
        try builtIn(InstrumentID(rawValue: $0))
      }
      + [try decoded(resilienceInstrument)]
    for instrument in instruments {
      var responses: [Response] = []
      for _ in 0..<2_000 {
        let codes = instrument.items.map { item in
          (instrument.scale(for: item)?.options.map(\.code).randomElement(using: &generator)) ?? 0
        }
        responses.append(response(instrument, codes: codes))
      }
      let scored = Scorer.score(try table([instrument], responses))
      for column in scored.scores {
        #expect(
          column.validCount == responses.count,
          "\(column.name) scored every complete response"
        )
        let outside = column.validValues.filter { !column.rule.range.contains($0) }
        #expect(
          outside.isEmpty,
          "\(column.name) has values outside \(column.rule.range): \(outside.prefix(3))"
        )
      }
    }
  }

  @Test func `each sum score is monotone in each item's code, decreasing for reversed items`()
    throws
  {
    var generator = SeededGenerator(seed: 99)
    let instruments =
      try ["ons-loneliness", "wemwbs", "swemwbs", "ons4"].map {
        try builtIn(InstrumentID(rawValue: $0))
      }
      + [try decoded(resilienceInstrument)]
    var checked = 0
    for instrument in instruments {
      for rule in instrument.scores where rule.method == .sum {
        for scoreItem in rule.items {
          let itemIndex = try #require(instrument.items.firstIndex { $0.id == scoreItem.item })
          let scale = try #require(instrument.scale(for: instrument.items[itemIndex]))
          let codes = scale.options.map(\.code).sorted()
          for _ in 0..<60 {
            var base = instrument.items.map { item in
              instrument.scale(for: item)?.options.map(\.code).randomElement(using: &generator) ?? 0
            }
            var previous: Double?
            for code in codes {
              base[itemIndex] = code
              let value = try #require(
                Scorer.score(response(instrument, codes: base), instrument: instrument).score(
                  rule.id
                )?.value
              )
              if let previous {
                if scoreItem.isReversed {
                  #expect(
                    value <= previous,
                    "\(instrument.id).\(rule.id) rises with reversed \(scoreItem.item)"
                  )
                } else {
                  #expect(
                    value >= previous,
                    "\(instrument.id).\(rule.id) falls with \(scoreItem.item)"
                  )
                }
              }
              previous = value
              checked += 1
            }
          }
        }
      }
    }
    #expect(checked > 5_000)
  }

  @Test func `a response's answers to other instruments are ignored`() throws {
    let ons = try builtIn("ons-loneliness")
    var answers = response(ons, codes: [1, 1, 1, 5])
    answers.answers[ItemKey(instrument: "wemwbs", item: "loved")] = .code(5)
    #expect(Scorer.score(answers, instrument: ons).score("ucla3")?.value == 3)
  }

  @Test func `a code that is not on the item's scale counts as missing and is named`() throws {
    let ons = try builtIn("ons-loneliness")
    let scores = Scorer.score(response(ons, codes: [1, 7, 1, 9]), instrument: ons)
    #expect(
      scores.score("ucla3")?.reason
        == "1 of 3 items missing (left-out answered 7, not on its scale); ons-loneliness.ucla3 allows none"
    )
    #expect(
      scores.indicator("often-always")?.reason
        == "item lonely answered 9, which is not a code of its scale"
    )
  }
}
