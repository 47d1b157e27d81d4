import SurveyInstruments
import Testing

/// Decodes `json` and returns the diagnostics' descriptions, or records an issue if it decodes.
func diagnostics(_ json: String, file: String = "test.json") -> [String] {
  do {
    _ = try InstrumentDecoder.decode(Array(json.utf8), file: file)
    Issue.record("expected the file to be rejected")
    return []
  } catch {
    return error.diagnostics.map(\.description)
  }
}

/// A small valid instrument, as a council would write one.
let councilInstrument = """
  {
    "format": 1,
    "id": "council-loneliness",
    "version": "2026.1",
    "title": "Council loneliness question",
    "scales": [
      {
        "id": "six-point",
        "options": [
          { "code": 1, "label": "All of the time" },
          { "code": 2, "label": "Often" },
          { "code": 3, "label": "Some of the time" },
          { "code": 4, "label": "Occasionally" },
          { "code": 5, "label": "Hardly ever" },
          { "code": 6, "label": "Never" }
        ],
        "missingAnswers": [ { "label": "Prefer not to say" } ]
      }
    ],
    "items": [
      { "id": "lonely-six-weeks", "wording": "How often have you felt lonely in the last six weeks?", "scale": "six-point" }
    ],
    "indicators": [
      { "id": "often-or-more", "title": "Lonely all of the time or often", "item": "lonely-six-weeks", "codes": [1, 2] }
    ]
  }
  """

@Suite struct InstrumentDecoderTests {
  @Test func `a council's own instrument decodes with its items, codes and indicator`() throws {
    let instrument = try InstrumentDecoder.decodeInstrument(
      Array(councilInstrument.utf8),
      file: "council.json"
    )
    #expect(instrument.id == "council-loneliness")
    let item = try #require(instrument.items.first)
    #expect(item.wording == "How often have you felt lonely in the last six weeks?")
    let scale = try #require(instrument.scale(for: item))
    #expect(
      scale.options.map(\.label) == [
        "All of the time", "Often", "Some of the time", "Occasionally", "Hardly ever", "Never",
      ]
    )
    #expect(scale.missingAnswers.map(\.label) == ["Prefer not to say"])
    #expect(instrument.indicators.first?.condition == .itemCodes("lonely-six-weeks", [1, 2]))
  }

  @Test func `malformed JSON names the line, column and a hint`() {
    let json = "{\n  \"format\": 1,\n  \"items\": [1, 2,],\n}\n"
    #expect(
      diagnostics(json) == [
        "test.json:3:18: error: not valid JSON: expected a value, found ']'\nhint: JSON does not allow a comma before ']'"
      ]
    )
  }

  @Test func `an unterminated string points at its opening quote`() {
    #expect(
      diagnostics("{\n  \"title\": \"Council\n}") == [
        "test.json:2:12: error: not valid JSON: a string is not closed before the end of the line\nhint: close the string with \", or write a line break inside it as \\n"
      ]
    )
  }

  @Test func `a missing comma between members is explained`() {
    #expect(
      diagnostics("{\n  \"format\": 1\n  \"id\": \"x\"\n}") == [
        "test.json:3:3: error: not valid JSON: expected ',' or '}' after the value of \"format\", found '\"'\nhint: is a comma missing at the end of the previous line?"
      ]
    )
  }

  @Test func `a file without a format version is rejected with a hint`() {
    #expect(
      diagnostics("{\"id\": \"x\"}") == [
        "test.json:1:1: error: format: the file has no \"format\" key\nhint: add \"format\": 1 at the top"
      ]
    )
  }

  @Test func `a newer format version is rejected`() {
    #expect(
      diagnostics("{\"format\": 2, \"id\": \"x\"}") == [
        "test.json:1:12: error: format: instrument file format 2 is newer than this toolkit supports (newest: 1)\nhint: update the toolkit, or write the file in format 1"
      ]
    )
  }

  @Test func `unknown keys, wrong types, unknown references and duplicate ids are all reported`() {
    let json = """
      {
        "format": 1,
        "id": "council-loneliness",
        "version": "1",
        "title": "Council loneliness question",
        "scales": [
          { "id": "frequency", "options": [ { "code": 1, "label": "Often" }, { "code": 2, "lable": "Never" } ] }
        ],
        "items": [
          { "id": "lonely", "wording": "How often?", "scale": "frequncy" }
        ],
        "scores": [
          { "id": "total", "title": "Total", "method": "sum", "items": ["lonley"], "range": { "min": 1, "max": 2 } },
          { "id": "total", "title": "Again", "method": "mean", "items": ["lonely"], "range": { "min": "1", "max": 2 } }
        ]
      }
      """
    #expect(
      diagnostics(json, file: "council.json") == [
        "council.json:7:72: error: scales[0].options[1].label: the required key \"label\" is missing",
        "council.json:7:85: error: scales[0].options[1].lable: unknown key \"lable\"; expected one of: code, label, aliases\nhint: did you mean 'label'?",
        "council.json:10:57: error: items[0].scale: unknown scale 'frequncy'; expected one of the ids in \"scales\": frequency\nhint: did you mean 'frequency'?",
        "council.json:13:67: error: scores[0].items[0]: unknown item 'lonley'; a score may only use items of this instrument\nhint: did you mean 'lonely'?",
        "council.json:14:5: error: scores[1].id: the score id 'total' is used twice",
        "council.json:14:97: error: scores[1].range.min: expected a number, found the string '1'",
      ]
    )
  }

  @Test func `codes outside a scale, table gaps, overlapping bands and wrong ranges are reported`()
  {
    let json = """
      {
        "format": 1, "id": "short-scale", "version": "1", "title": "Short",
        "scales": [ { "id": "agree", "options": [ { "code": 1, "label": "Disagree" }, { "code": 2, "label": "Agree" } ] } ],
        "items": [ { "id": "a", "wording": "A", "scale": "agree" }, { "id": "b", "wording": "B", "scale": "agree" } ],
        "scores": [
          { "id": "raw", "title": "Raw", "method": "sum", "items": ["a", "b"], "range": { "min": 2, "max": 4 },
            "bands": { "ranges": [ { "id": "low", "label": "Low", "min": 2, "max": 3 }, { "id": "high", "label": "High", "min": 3, "max": 4 } ] } },
          { "id": "metric", "title": "Metric", "method": "convert", "of": "raw", "range": { "min": 1, "max": 9 },
            "conversion": { "table": { "2": 1.0, "4": 9.0, "7": 12.0 } } },
          { "id": "reversed", "title": "R", "method": "sum", "items": [ { "item": "a", "recode": { "1": 0, "3": 1 } } ], "range": { "min": 0, "max": 1 } }
        ],
        "indicators": [ { "id": "agrees", "title": "Agrees", "item": "a", "codes": [2, 3] } ]
      }
      """
    #expect(
      diagnostics(json, file: "short.json") == [
        "short.json:7:83: error: scores[0].bands: the bands 'low' (2 to 3) and 'high' (3 to 4) overlap\nhint: a value may fall in only one band; make each band start above the previous one's max",
        "short.json:8:85: error: scores[1].range: the range says 1 to 9, but the items and rule give 1 to 12\nhint: set \"range\": {\"min\": 1, \"max\": 12}",
        "short.json:9:32: error: scores[1].conversion.table: the table has no row for 3; it must cover every whole value of 'raw' from 2 to 4",
        "short.json:9:32: error: scores[1].conversion.table: the table has rows for 7, outside the range of 'raw' (2 to 4)",
        "short.json:10:92: error: scores[2].items[0].recode: the recode gives no value for code 2 of the scale 'agree'\nhint: give every code of the scale a value",
        "short.json:10:102: error: scores[2].items[0].recode: 3 is not a code of the scale 'agree' (codes: 1, 2)",
        "short.json:10:125: error: scores[2].range: the range says 0 to 1, but the items and rule give 0 to 2\nhint: set \"range\": {\"min\": 0, \"max\": 2}",
        "short.json:12:82: error: indicators[0].codes[1]: 3 is not a code of the scale 'agree' used by 'a' (codes: 1, 2)",
      ]
    )
  }

  @Test func `ambiguous labels and invalid ids are rejected`() {
    let json = """
      {
        "format": 1, "id": "Council Survey", "version": "1", "title": "T",
        "scales": [ { "id": "s", "options": [ { "code": 1, "label": "Often / always" }, { "code": 2, "label": "often-always" } ] } ],
        "items": [ { "id": "q", "wording": "Q", "scale": "s" } ]
      }
      """
    #expect(
      diagnostics(json) == [
        "test.json:2:22: error: id: 'Council Survey' is not a valid id: expected a lowercase letter followed by lowercase letters, digits, '-' or '_'\nhint: for example 'council-survey'",
        "test.json:3:15: error: scales[0]: 'often-always' would match both 'Often / always' and 'often-always'; labels and aliases must be distinct",
      ]
    )
  }

  @Test func `items, scores and indicators share one namespace because they name output columns`() {
    let json = """
      {
        "format": 1, "id": "x", "version": "1", "title": "T",
        "scales": [ { "id": "s", "range": { "min": 0, "max": 4 } } ],
        "items": [ { "id": "a", "wording": "A", "scale": "s" } ],
        "scores": [ { "id": "a", "title": "T", "method": "sum", "items": ["a"], "range": { "min": 0, "max": 4 } } ],
        "indicators": [ { "id": "a", "title": "I", "item": "a", "codes": [4] } ]
      }
      """
    #expect(
      diagnostics(json) == [
        "test.json:5:15: error: scores[0].id: 'a' is already the id of an item; output columns would clash",
        "test.json:6:19: error: indicators[0].id: 'a' is already the id of an item; output columns would clash",
      ]
    )
  }

  @Test func `a score's missing rule must leave at least one item`() {
    let json = """
      {
        "format": 1, "id": "x", "version": "1", "title": "T",
        "scales": [ { "id": "s", "range": { "min": 0, "max": 4 } } ],
        "items": [ { "id": "a", "wording": "A", "scale": "s" }, { "id": "b", "wording": "B", "scale": "s" } ],
        "scores": [ { "id": "t", "title": "T", "method": "sum", "items": ["a", "b"], "range": { "min": 0, "max": 8 },
                      "missing": { "maxMissing": 2, "prorate": true } } ]
      }
      """
    #expect(
      diagnostics(json) == [
        "test.json:6:44: error: scores[0].missing.maxMissing: expected 0 to 1 (the score has 2 items and at least one must be answered), found 2"
      ]
    )
  }

  @Test func `a reversed, prorated score derives its range from the scale`() throws {
    let json = """
      {
        "format": 1, "id": "staff", "version": "1", "title": "Staff survey",
        "scales": [ { "id": "agree", "options": [
          { "code": 1, "label": "Strongly disagree" }, { "code": 2, "label": "Disagree" }, { "code": 3, "label": "Neither agree nor disagree" },
          { "code": 4, "label": "Agree" }, { "code": 5, "label": "Strongly agree" } ] } ],
        "items": [ { "id": "connected", "wording": "I feel connected to colleagues", "scale": "agree" },
                   { "id": "isolated", "wording": "I feel isolated at work", "scale": "agree" } ],
        "scores": [ { "id": "connection", "title": "Connection", "method": "sum", "range": { "min": 2, "max": 10 },
                      "items": ["connected", { "item": "isolated", "reverse": true }],
                      "missing": { "maxMissing": 1, "prorate": true } } ]
      }
      """
    let instrument = try InstrumentDecoder.decodeInstrument(Array(json.utf8), file: "staff.json")
    let score = try #require(instrument.score(withID: "connection"))
    #expect(score.items[1].isReversed)
    #expect(score.missingRule == MissingDataRule(maximumMissing: 1, prorates: true))
  }

  @Test func `an extension file decodes as an extension`() throws {
    let json =
      "{ \"format\": 1, \"extends\": \"wemwbs\", \"items\": [ { \"id\": \"optimistic\", \"wording\": \"W\" } ] }"
    let contents = try InstrumentDecoder.decode(Array(json.utf8), file: "w.json")
    guard case .extension(let addition) = contents else {
      Issue.record("expected an extension")
      return
    }
    #expect(addition.extends == "wemwbs")
    #expect(addition.items.map(\.wording) == ["W"])
  }

  @Test func `an extension may not change scoring`() {
    let json = "{ \"format\": 1, \"extends\": \"wemwbs\", \"scores\": [] }"
    #expect(
      diagnostics(json) == [
        "test.json:1:37: error: scores: unknown key \"scores\"; expected one of: format, extends, introduction, items, scales, notes\nhint: did you mean 'scales'?; an extension file may contain only format, extends, introduction, items, scales and notes"
      ]
    )
  }
}
