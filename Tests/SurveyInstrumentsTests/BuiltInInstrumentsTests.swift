import Foundation
import SurveyInstruments
import TestSupport
import Testing

/// The instruments folder at the top of the package.
let instrumentsFolder = packageRoot.appendingPathComponent("Instruments")

func builtIn(_ id: InstrumentID) throws -> Instrument {
  try #require(InstrumentCatalogue.builtIn.instrument(withID: id))
}

// Reference values below are typed from shared/reference/instruments.md, the project's record of
// the owners' documents, not from the instrument files.

/// SWEMWBS raw-to-metric conversion (instruments.md §3.3).
let swemwbsReferenceTable: [Int: Double] = [
  7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32, 15: 15.84,
  16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98, 23: 20.73, 24: 21.54,
  25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.70,
  34: 32.55, 35: 35.00,
]

@Suite struct BuiltInInstrumentsTests {
  @Test func `every built-in file decodes without problems`() throws {
    for file in BuiltInInstruments.files {
      do {
        _ = try InstrumentDecoder.decodeInstrument(file.bytes, file: file.name)
      } catch {
        Issue.record("\(error)")
      }
    }
    #expect(
      InstrumentCatalogue.builtIn.instruments.map(\.id.rawValue) == [
        "ons-loneliness", "wemwbs", "swemwbs", "ons4", "djg6",
      ]
    )
  }

  @Test func `every instrument file in the folder is compiled in, byte for byte`() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: instrumentsFolder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    #expect(names == BuiltInInstruments.files.map(\.name).sorted())
    for file in BuiltInInstruments.files {
      let onDisk = try Data(contentsOf: instrumentsFolder.appendingPathComponent(file.name))
      #expect(Array(onDisk) == file.bytes, "\(file.name) differs from the embedded copy")
    }
  }

  @Test func `ONS loneliness has the harmonised wording, codes, score and headline indicator`()
    throws
  {
    let ons = try builtIn("ons-loneliness")
    #expect(
      ons.items.map(\.wording) == [
        "How often do you feel that you lack companionship?",
        "How often do you feel left out?",
        "How often do you feel isolated from others?",
        "How often do you feel lonely?",
      ]
    )
    #expect(ons.items.map(\.id.rawValue) == ["companionship", "left-out", "isolated", "lonely"])
    #expect(
      ons.introduction?.text
        == "The next four questions are about relationships with others. For each one, please say how often (if at all) you feel that way."
    )
    let ucla = try #require(ons.scale(withID: "ucla-frequency"))
    #expect(ucla.options.map(\.code) == [1, 2, 3])
    #expect(ucla.options.map(\.label) == ["Hardly ever or never", "Some of the time", "Often"])
    let direct = try #require(ons.scale(withID: "direct-frequency"))
    #expect(
      direct.options.map(\.label) == [
        "Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never",
      ]
    )
    #expect(
      direct.provenance.certainty == .unconfirmed,
      "ONS publishes no code frame for the direct question"
    )
    for item in ons.items.prefix(3) { #expect(item.scale == "ucla-frequency") }
    #expect(ons.items[3].scale == "direct-frequency")

    let score = try #require(ons.score(withID: "ucla3"))
    #expect(score.method == .sum)
    #expect(score.items.map(\.item.rawValue) == ["companionship", "left-out", "isolated"])
    #expect(score.items.allSatisfy { !$0.isReversed && $0.recode.isEmpty })
    #expect(score.range == 3...9)
    #expect(score.missingRule.maximumMissing == 0 && !score.missingRule.prorates)
    #expect(score.bands?.bands.map { [$0.minimum, $0.maximum] } == [[3, 5], [6, 9]])
    #expect(
      score.bands?.provenance.certainty == .unconfirmed,
      "the 6-or-more cut-off has no confirmed primary source"
    )
    #expect(score.meaningfulChange == nil)

    #expect(ons.indicator(withID: "often-always")?.condition == .itemCodes("lonely", [1]))
    #expect(ons.indicator(withID: "never")?.condition == .itemCodes("lonely", [5]))
    #expect(ons.licence?.requiresRegistration == false)
  }

  @Test func `WEMWBS ships scoring and key phrases but not the licensed wording`() throws {
    let wemwbs = try builtIn("wemwbs")
    #expect(wemwbs.items.count == 14)
    #expect(wemwbs.items.allSatisfy { $0.wording == nil && $0.keyPhrase != nil })
    #expect(
      wemwbs.items.map { $0.keyPhrase ?? "" } == [
        "optimistic", "useful", "relaxed", "interested in other people", "energy to spare",
        "dealing with problems", "thinking clearly", "good about myself", "close to other people",
        "confident", "make up my own mind", "loved", "interested in new things", "cheerful",
      ]
    )
    #expect(wemwbs.introduction == nil, "the instruction is part of the licensed scale")
    let scale = try #require(wemwbs.scales.first)
    #expect(scale.options.map(\.code) == [1, 2, 3, 4, 5])
    #expect(
      scale.options.map(\.label) == [
        "None of the time", "Rarely", "Some of the time", "Often", "All of the time",
      ]
    )
    let total = try #require(wemwbs.score(withID: "total"))
    #expect(total.method == .sum && total.items.count == 14 && total.range == 14...70)
    #expect(total.items.allSatisfy { !$0.isReversed })
    #expect(total.missingRule.maximumMissing == 0 && !total.missingRule.prorates)
    #expect(total.missingRule.provenance.certainty == .convention)
    #expect(
      total.bands?.bands.map { [$0.minimum, $0.maximum] } == [
        [14, 40], [41, 44], [45, 59], [60, 70],
      ]
    )
    #expect(total.bands?.provenance.certainty == .unconfirmed)
    let licence = try #require(wemwbs.licence)
    #expect(
      licence.notice
        == "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) © NHS Health Scotland, The University of Warwick and University of Edinburgh, 2006, all rights reserved."
    )
    #expect(licence.requiresRegistration && licence.isShownOnReports)
  }

  @Test func `SWEMWBS converts every raw score by the published table`() throws {
    let swemwbs = try builtIn("swemwbs")
    #expect(
      swemwbs.items.map(\.id.rawValue) == [
        "optimistic", "useful", "relaxed", "dealing-with-problems", "thinking-clearly",
        "close-to-others", "own-mind",
      ]
    )
    #expect(swemwbs.items.allSatisfy { $0.wording == nil })
    let raw = try #require(swemwbs.score(withID: "raw"))
    #expect(raw.range == 7...35 && raw.items.count == 7 && raw.missingRule.maximumMissing == 0)
    let metric = try #require(swemwbs.score(withID: "metric"))
    guard case .convert(let from, let table) = metric.method else {
      Issue.record("metric should convert raw")
      return
    }
    #expect(from == "raw")
    #expect(table.entries.count == 29)
    for raw in 7...35 {
      let expected = try #require(swemwbsReferenceTable[raw])
      let converted = try #require(table.convert(raw))
      #expect(abs(converted - expected) < 1e-9, "raw \(raw)")
    }
    #expect(table.convert(29) == 26.02, "not the circulating 25.99")
    #expect(table.convert(6) == nil && table.convert(36) == nil)
    #expect(metric.decimals == 2)
    #expect(metric.bands == nil, "the circulating SWEMWBS bands have no source")
    #expect(metric.meaningfulChange?.points == 2.87)
    #expect(
      swemwbs.licence?.notice
        == "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved."
    )
  }

  @Test func `ONS4 reports each question on its own with the ONS thresholds, anxiety reversed`()
    throws
  {
    let ons4 = try builtIn("ons4")
    #expect(
      ons4.items.map(\.wording) == [
        "Overall, how satisfied are you with your life nowadays?",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "On a scale where nought is 'not at all anxious' and 10 is 'completely anxious', overall, how anxious did you feel yesterday?",
      ]
    )
    #expect(ons4.scales.first?.options.map(\.code) == Array(0...10))
    #expect(
      ons4.items.map(\.id.rawValue) == [
        "satisfied-with-life", "worthwhile-things", "happy-yesterday", "anxious-yesterday",
      ]
    )
    let questionOfScore = [
      "life-satisfaction": "satisfied-with-life", "worthwhile": "worthwhile-things",
      "happiness": "happy-yesterday",
    ]
    for (id, question) in questionOfScore {
      let score = try #require(ons4.score(withID: ScoreID(rawValue: id)))
      #expect(score.items.map(\.item.rawValue) == [question])
      #expect(
        score.bands?.bands.map { [$0.minimum, $0.maximum] } == [
          [0, 4], [5, 6], [7, 8], [9, 10],
        ]
      )
      #expect(score.bands?.bands.map(\.id.rawValue) == ["low", "medium", "high", "very-high"])
    }
    let anxiety = try #require(ons4.score(withID: "anxiety"))
    #expect(anxiety.items.map(\.item.rawValue) == ["anxious-yesterday"])
    #expect(
      anxiety.bands?.bands.map { [$0.minimum, $0.maximum] } == [
        [0, 1], [2, 3], [4, 5], [6, 10],
      ]
    )
    #expect(anxiety.bands?.bands.map(\.id.rawValue) == ["very-low", "low", "medium", "high"])
    #expect(ons4.indicator(withID: "high-anxiety")?.condition == .scoreBands("anxiety", ["high"]))
    #expect(anxiety.band(for: 6)?.id == "high" && anxiety.band(for: 5)?.id == "medium")
  }

  @Test func `De Jong Gierveld dichotomises items and applies the manual's missing rules`() throws {
    let djg = try builtIn("djg6")
    #expect(djg.items.count == 6)
    let scale = try #require(djg.scales.first)
    #expect(scale.options.map(\.label) == ["No", "More or less", "Yes"])
    let negative: [Int: Double] = [1: 0, 2: 1, 3: 1]  // yes or more or less = 1
    let positive: [Int: Double] = [1: 1, 2: 1, 3: 0]  // no or more or less = 1
    let emotional = try #require(djg.score(withID: "emotional"))
    #expect(emotional.items.map(\.item.rawValue) == ["emptiness", "miss-people", "rejected"])
    #expect(emotional.items.allSatisfy { $0.recode == negative })
    let social = try #require(djg.score(withID: "social"))
    #expect(social.items.map(\.item.rawValue) == ["rely-on", "trust", "close"])
    #expect(social.items.allSatisfy { $0.recode == positive })
    for subscale in [emotional, social] {
      #expect(subscale.range == 0...3)
      #expect(subscale.missingRule.maximumMissing == 0, "a subscale is missing if any item is")
      #expect(subscale.bands?.bands.map { [$0.minimum, $0.maximum] } == [[0, 0], [1, 3]])
    }
    let total = try #require(djg.score(withID: "total"))
    #expect(total.items.count == 6 && total.range == 0...6)
    #expect(
      total.missingRule.maximumMissing == 1 && !total.missingRule.prorates,
      "one item may be missing, not prorated"
    )
    #expect(total.bands?.bands.map { [$0.minimum, $0.maximum] } == [[0, 1], [2, 4], [5, 6]])
  }

  @Test func `every fact in every built-in cites a source and says how sure it is`() throws {
    for instrument in InstrumentCatalogue.builtIn.instruments {
      var facts: [(String, Provenance)] = []
      if let introduction = instrument.introduction {
        facts.append(("introduction", introduction.provenance))
      }
      if let licence = instrument.licence { facts.append(("licence", licence.provenance)) }
      facts += instrument.scales.map { ("scale \($0.id)", $0.provenance) }
      facts += instrument.items.map { ("item \($0.id)", $0.provenance) }
      for score in instrument.scores {
        facts.append(("score \(score.id)", score.provenance))
        if case .convert(_, let table) = score.method {
          facts.append(("score \(score.id) conversion", table.provenance))
        } else {
          facts.append(("score \(score.id) missing rule", score.missingRule.provenance))
        }
        if let bands = score.bands { facts.append(("score \(score.id) bands", bands.provenance)) }
        if let change = score.meaningfulChange {
          facts.append(("score \(score.id) change", change.provenance))
        }
      }
      facts += instrument.indicators.map { ("indicator \($0.id)", $0.provenance) }
      for (fact, provenance) in facts {
        #expect(provenance.certainty != .unstated, "\(instrument.id) \(fact) has no certainty")
        // Only a convention, or an unconfirmed fact whose primary source was not found, may
        // cite nothing; its note must then say why.
        if provenance.certainty != .convention && provenance.certainty != .unconfirmed {
          #expect(!provenance.sources.isEmpty, "\(instrument.id) \(fact) cites no source")
        }
        if provenance.sources.isEmpty {
          #expect(
            provenance.note != nil,
            "\(instrument.id) \(fact) cites no source without an explanation"
          )
        }
        if provenance.certainty == .unconfirmed {
          #expect(
            provenance.note != nil,
            "\(instrument.id) \(fact) is unconfirmed without saying why"
          )
        }
      }
    }
  }

  @Test func `every built-in score says which direction is better`() throws {
    let expected: [String: Direction] = [
      "ons-loneliness.ucla3": .lower, "wemwbs.total": .higher, "swemwbs.raw": .higher,
      "swemwbs.metric": .higher,
      "ons4.life-satisfaction": .higher, "ons4.worthwhile": .higher, "ons4.happiness": .higher,
      "ons4.anxiety": .lower,
      "djg6.emotional": .lower, "djg6.social": .lower, "djg6.total": .lower,
    ]
    var seen: [String: Direction] = [:]
    for instrument in InstrumentCatalogue.builtIn.instruments {
      for score in instrument.scores { seen["\(instrument.id).\(score.id)"] = score.better }
    }
    #expect(seen == expected)
  }

  @Test func `no licensed WEMWBS wording is shipped`() throws {
    for name in ["wemwbs.json", "swemwbs.json"] {
      let text = try String(
        contentsOf: instrumentsFolder.appendingPathComponent(name),
        encoding: .utf8
      )
      for phrase in ["I've been", "I’ve been", "I have been", "Below are some statements"] {
        #expect(!text.contains(phrase), "\(name) contains licensed text '\(phrase)'")
      }
    }
  }
}

/// The instrument file `name` as it is in `Instruments/`, decoded.
func instrumentOnDisk(_ name: String) throws -> Instrument {
  let bytes = try Data(contentsOf: instrumentsFolder.appendingPathComponent(name))
  return try InstrumentDecoder.decodeInstrument(Array(bytes), file: name)
}

/// The citation and address of the source `id` of `instrument`.
func cited(_ instrument: Instrument, _ id: SourceID) throws -> Source {
  try #require(instrument.source(withID: id), "\(instrument.id) has no source \(id)")
}

// The sources below were read for the review recorded in Instruments/SOURCES.md (2026-12-01);
// the titles, addresses and figures expected here are typed from that reading log, not from the
// instrument files.

@Suite struct InstrumentSourcesTests {
  static let warwickFAQ = "https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/faq/"

  @Test func `WEMWBS counts a change of 3 points as meaningful, from Warwick's FAQ 1.1`() throws {
    let wemwbs = try instrumentOnDisk("wemwbs.json")
    let total = try #require(wemwbs.score(withID: "total"))
    let change = try #require(total.meaningfulChange, "Warwick's FAQ gives about 3 points")
    #expect(change.points == 3)
    #expect(change.provenance.sources == ["warwick-faq"])
    #expect(change.provenance.certainty == .singleSource)
    let faq = try cited(wemwbs, "warwick-faq")
    #expect(faq.url == Self.warwickFAQ)
    #expect(faq.citation.contains("1.1") && faq.citation.contains("about 3 points"))
    #expect(
      !wemwbs.notes.contains { $0.contains("No individual meaningful-change threshold") },
      "the old note said Warwick gives no threshold"
    )
  }

  @Test func `WEMWBS bands cite Warwick's FAQ 1.3 but stay unconfirmed: it gives no numbers`()
    throws
  {
    let wemwbs = try instrumentOnDisk("wemwbs.json")
    let bands = try #require(wemwbs.score(withID: "total")?.bands)
    #expect(bands.provenance.sources.first == "warwick-faq")
    #expect(bands.provenance.certainty == .unconfirmed)
    #expect(bands.provenance.note?.contains("1.3") == true)
    #expect(bands.provenance.note?.contains("gives no numbers") == true)
    #expect(try cited(wemwbs, "warwick-faq").citation.contains("1.3"))
  }

  @Test func `the WEMWBS and SWEMWBS notices cite the pages that print them, not CamCOPS`() throws {
    let wemwbs = try instrumentOnDisk("wemwbs.json")
    let licence = try #require(wemwbs.licence)
    #expect(!licence.provenance.sources.contains("camcops"))
    #expect(licence.provenance.sources.first == "warwick-using")
    let using = try cited(wemwbs, "warwick-using")
    #expect(using.url == "https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using")
    #expect(using.citation.contains(licence.notice.replacingOccurrences(of: ".", with: "")))
    #expect(licence.provenance.sources.contains("healthscotland-wemwbs"))
    #expect(
      try cited(wemwbs, "healthscotland-wemwbs").url
        == "https://www.healthscotland.scot/health-topics/mental-health-and-wellbeing/wemwbs"
    )

    let swemwbs = try instrumentOnDisk("swemwbs.json")
    let short = try #require(swemwbs.licence)
    #expect(short.provenance.sources == ["corc", "warwick-using"])
    #expect(short.provenance.certainty == .singleSource)
    #expect(
      try cited(swemwbs, "corc").url
        == "https://corc.uk.net/outcome-experience-measures/short-warwick-edinburgh-mental-wellbeing-scale-swemwbs/"
    )
  }

  @Test func `DJG6 has the 2010 paper's real title and the manual's 'around me'`() throws {
    let djg = try instrumentOnDisk("djg6.json")
    let paper = try cited(djg, "djg-2010")
    #expect(
      paper.citation.contains(
        "The De Jong Gierveld short scales for emotional and social loneliness: tested on data from 7 countries in the UN generations and gender surveys."
      )
    )
    #expect(!paper.citation.contains("measurement invariance"))
    let item = try #require(djg.item(withID: "miss-people"))
    #expect(item.wording == "I miss having people around me")
    #expect(item.aliases.contains("I miss having people around"), "Statistics Netherlands' wording")
  }

  @Test func `ONS4's missing-data rule is the toolkit's own, and its sources have addresses`()
    throws
  {
    let ons4 = try instrumentOnDisk("ons4.json")
    #expect(ons4.scores.count == 4)
    for score in ons4.scores {
      #expect(score.missingRule.provenance.certainty == .convention, "\(score.id)")
      #expect(score.missingRule.provenance.sources.isEmpty, "\(score.id)")
      #expect(score.missingRule.provenance.note?.contains("no ONS rule") == true)
    }
    let bulletin = try cited(ons4, "ons-bulletin-2023")
    #expect(bulletin.citation.contains("Personal well-being in the UK: April 2022 to March 2023"))
    #expect(
      bulletin.url
        == "https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/bulletins/measuringnationalwellbeing/april2022tomarch2023"
    )
    #expect(
      try cited(ons4, "ons-foi-thresholds").url
        == "https://www.ons.gov.uk/aboutus/transparencyandgovernance/freedomofinformationfoi/asetofannualukswbscoredistributions"
    )
    #expect(
      try cited(ons4, "cls-wellbeing").url
        == "https://www.gov.uk/government/statistics/community-life-survey-201920-wellbeing-and-loneliness/wellbeing-and-loneliness-community-life-survey-201920"
    )
    for source in ons4.sources { #expect(source.url != nil, "\(source.id) has no address") }
  }

  @Test func `the direct question cites the GSS standard first; UCLA bands cite no repository`()
    throws
  {
    let ons = try instrumentOnDisk("ons-loneliness.json")
    let gss = try cited(ons, "gss-loneliness-2020")
    #expect(gss.url == "https://gss.civilservice.gov.uk/policy-store/loneliness-indicators/")
    #expect(ons.scale(withID: "direct-frequency")?.provenance.sources.first == gss.id)
    #expect(ons.item(withID: "lonely")?.provenance.sources.first == gss.id)

    let bands = try #require(ons.score(withID: "ucla3")?.bands)
    #expect(bands.provenance.sources.isEmpty, "no primary source of the 3-5 / 6-9 grouping")
    #expect(bands.provenance.certainty == .unconfirmed)
    #expect(bands.provenance.note?.contains("no primary source for it was found") == true)
    let indicator = try #require(ons.indicator(withID: "ucla-lonely"))
    #expect(indicator.provenance.sources.isEmpty && indicator.provenance.certainty == .unconfirmed)
    for source in ons.sources {
      #expect(!source.citation.contains("ccc-dashboard") && !source.citation.contains(".md at"))
    }
    let annex = try cited(ons, "cls-2020-21-annex-b")
    #expect(
      annex.url
        == "https://www.gov.uk/government/statistics/community-life-survey-202021-annexes/annex-b-details-on-the-production-of-the-indirect-composite-loneliness-score"
    )
    #expect(annex.citation.contains("3-4, 5-7 and 8-9"))
    #expect(
      try cited(ons, "cls-2023-24").url
        == "https://www.gov.uk/government/statistics/community-life-survey-202324-annual-publication/community-life-survey-202324-loneliness-and-support-networks--2"
    )
  }

  @Test
  func `a single-source fact citing several sources is worded so, not 'from a single source'`() {
    #expect(Certainty.singleSource.phrase(citing: 1) == "from a single source")
    #expect(Certainty.singleSource.phrase(citing: 2) == "not confirmed by two independent sources")
    #expect(!Certainty.singleSource.phrase(citing: 2).contains("single source"))
    #expect(Certainty.unconfirmed.phrase(citing: 0).contains("no primary source found"))
    #expect(Certainty.unconfirmed.phrase(citing: 0).contains("convention"))
  }
}
