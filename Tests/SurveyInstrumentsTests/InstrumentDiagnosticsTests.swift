import SurveyInstruments
import Testing

/// An instrument file with one section to a line.
///
/// Line 3 holds `sources`, line 4 `scales`, line 5 `items`, line 6 `scores` and line 7
/// `indicators`. By default it cites one source `s1`, has one scale `s` of codes 1 to 5, and
/// items `a` and `b` on it.
private func instrumentFile(
  sources: String = #"{ "s1": { "citation": "C" } }"#,
  scales: String = #"[ { "id": "s", "range": { "min": 1, "max": 5 } } ]"#,
  items: String =
    #"[ { "id": "a", "wording": "A", "scale": "s" }, { "id": "b", "wording": "B", "scale": "s" } ]"#,
  scores: String = "[]",
  indicators: String = "[]"
) -> String {
  """
  {
    "format": 1, "id": "x", "version": "1", "title": "T",
    "sources": \(sources),
    "scales": \(scales),
    "items": \(items),
    "scores": \(scores),
    "indicators": \(indicators)
  }
  """
}

/// A score `t` of `method` over `items` with the declared range `min` to `max`, and `more` keys.
private func score(
  _ method: String,
  items: String,
  min: Int,
  max: Int,
  _ more: String = ""
) -> String {
  #"{ "id": "t", "title": "T", "method": "\#(method)", "items": \#(items), "range": { "min": \#(min), "max": \#(max) }\#(more) }"#
}

/// The diagnostics of each section of an instrument file that other tests do not pin, each with
/// its position, key path, message and hint.
@Suite struct InstrumentDiagnosticsTests {
  // MARK: Values and objects

  @Test func `a value of the wrong kind or an empty text is located`() {
    #expect(
      diagnostics(instrumentFile(items: #"[ { "id": "a", "wording": "A", "scale": "s" }, 2 ]"#))
        == ["test.json:5:59: error: items[1]: expected an object ({ … }), found the number 2"]
    )
    #expect(
      diagnostics(instrumentFile(items: "{}"))
        == ["test.json:5:12: error: items: expected a list ([ … ]), found an object"]
    )
    #expect(
      diagnostics(
        instrumentFile(
          items: #"[ { "id": "a", "wording": "A", "scale": "s", "aliases": ["x", 2, " "] } ]"#
        )
      ) == [
        "test.json:5:74: error: items[0].aliases[1]: expected a string in double quotes, found the number 2",
        "test.json:5:77: error: items[0].aliases[2]: expected some text, found an empty string",
      ]
    )
    #expect(
      diagnostics(
        instrumentFile(scales: #"[ { "id": "s", "range": { "min": "1", "max": 5.5 } } ]"#)
      ) == [
        "test.json:4:46: error: scales[0].range.min: expected a whole number, found the string '1'",
        "test.json:4:58: error: scales[0].range.max: expected a whole number, found 5.5",
      ]
    )
  }

  @Test func `a key written twice in one object is reported at the second`() {
    #expect(
      diagnostics(
        instrumentFile(items: #"[ { "id": "a", "id": "a", "wording": "A", "scale": "s" } ]"#)
      ) == [
        "test.json:5:27: error: items[0].id: the key \"id\" appears twice in the same object"
      ]
    )
  }

  @Test func `an object with more keys than the limit is refused`() {
    let keys = (0...InstrumentLimits.maximumTableRows).map { "\"k\($0)\": 0" }
    #expect(
      diagnostics("{" + keys.joined(separator: ", ") + "}") == [
        "test.json:1:1: error: the object has 10,002 keys; an instrument file allows at most 10,001"
      ]
    )
  }

  @Test func `a range whose min is above its max is refused, for codes and for scores`() {
    #expect(
      diagnostics(
        instrumentFile(scales: #"[ { "id": "s", "range": { "min": 5, "max": 1 } } ]"#)
      ) == ["test.json:4:37: error: scales[0].range: min (5) is greater than max (1)"]
    )
    let reversed = score("sum", items: #"[ { "item": "a", "reverse": "yes" } ]"#, min: 5, max: 1)
    #expect(
      diagnostics(instrumentFile(scores: "[ \(reversed) ]")) == [
        "test.json:6:96: error: scores[0].items[0].reverse: expected true or false, found the string 'yes'",
        "test.json:6:116: error: scores[0].range: min (5) is greater than max (1)",
      ]
    )
  }

  // MARK: Extensions

  @Test func `an extension that adds nothing or more than aliases is refused`() {
    let json =
      #"{ "format": 1, "extends": "x", "items": [ { "id": "a" } ], "scales": [ { "id": "s", "options": [ { "code": 1, "aliases": ["One"], "colour": "red" } ], "missingAnswers": [ { "label": "Skip", "aliases": ["-"], "colour": "red" } ], "colour": "red" }, { "id": "s" } ] }"#
    #expect(
      diagnostics(json) == [
        "test.json:1:43: error: items[0]: an extension item must add \"wording\" or \"aliases\"",
        "test.json:1:131: error: scales[0].options[0].colour: unknown key \"colour\"; expected one of: code, aliases\nhint: an extension adds only aliases to an answer",
        "test.json:1:209: error: scales[0].missingAnswers[0].colour: unknown key \"colour\"; expected one of: label, aliases\nhint: an extension adds only aliases to a missing answer",
        "test.json:1:230: error: scales[0].colour: unknown key \"colour\"; expected one of: id, options, missingAnswers\nhint: an extension's scale holds only id, options and missingAnswers",
        "test.json:1:249: error: scales[1]: an extension scale must add aliases to \"options\" or \"missingAnswers\"",
        "test.json:1:249: error: scales[1].id: the scale 's' is extended twice in this file",
      ]
    )
  }

  @Test func `an extension is refused where a whole instrument is required`() {
    let json = #"{ "format": 1, "extends": "wemwbs", "items": [ { "id": "a", "wording": "A" } ] }"#
    do {
      _ = try InstrumentDecoder.decodeInstrument(Array(json.utf8), file: "w.json")
      Issue.record("expected the extension to be refused")
    } catch {
      #expect(
        error.description
          == "w.json:1:1: error: extends: the file extends 'wemwbs' instead of defining an instrument"
      )
    }
  }

  // MARK: Scales and items

  @Test func `a scale needs either options or a range, and at least one option`() {
    #expect(
      diagnostics(instrumentFile(scales: #"[ { "id": "s" } ]"#)) == [
        "test.json:4:15: error: scales[0]: a scale needs \"options\" (a list of codes and labels) or \"range\" (whole numbers from min to max)"
      ]
    )
    #expect(
      diagnostics(
        instrumentFile(
          scales: #"[ { "id": "s", "options": [], "range": { "min": 1, "max": 5 } } ]"#
        )
      ) == [
        "test.json:4:39: error: scales[0].options: a scale has either \"options\" or \"range\", not both"
      ]
    )
    #expect(
      diagnostics(instrumentFile(scales: #"[ { "id": "s", "options": [] } ]"#))
        == ["test.json:4:39: error: scales[0].options: expected at least one option"]
    )
  }

  @Test func `an item needs wording or a key phrase, and anchors at codes of its scale`() {
    let items =
      #"[ { "id": "a", "scale": "s", "anchors": [1] }, { "id": "b", "wording": "B", "scale": "s", "anchors": { "one": "Never", "9": "Always" } } ]"#
    #expect(
      diagnostics(instrumentFile(items: items)) == [
        "test.json:5:14: error: items[0]: an item needs \"wording\", or a \"keyPhrase\" when its wording may not be shipped",
        "test.json:5:52: error: items[0].anchors: expected an object mapping codes to labels, found a list",
        "test.json:5:115: error: items[1].anchors: anchor keys are codes; 'one' is not a whole number",
        "test.json:5:131: error: items[1].anchors: 9 is not a code of the scale 's'",
      ]
    )
  }

  // MARK: Scores

  @Test func `a sum names its items once and takes no conversion keys`() {
    let sum = score("sum", items: #"["a", "a"]"#, min: 1, max: 5, #", "of": "x""#)
    #expect(
      diagnostics(instrumentFile(scores: "[ \(sum) ]")) == [
        "test.json:6:15: error: scores[0]: \"of\" and \"conversion\" belong to scores with \"method\": \"convert\"",
        "test.json:6:74: error: scores[0].items[1]: the item 'a' is counted twice in this score",
      ]
    )
  }

  @Test func `a recode is an object of every code of the scale, and not reversed too`() {
    let reversed = score(
      "sum",
      items:
        #"[ { "item": "a", "reverse": true, "recode": { "1": 5, "2": 4, "3": 3, "4": 2, "5": 1 } } ]"#,
      min: 1,
      max: 5
    )
    #expect(
      diagnostics(instrumentFile(scores: "[ \(reversed) ]")) == [
        "test.json:6:112: error: scores[0].items[0].recode: an item is either reversed or recoded, not both; write the reversed values in the recode"
      ]
    )
    let recoded = score(
      "sum",
      items:
        #"[ { "item": "a", "recode": [0] }, { "item": "b", "recode": { "x": 1, "1": 0, "2": 1, "3": 2 } } ]"#,
      min: 1,
      max: 10
    )
    #expect(
      diagnostics(instrumentFile(scores: "[ \(recoded) ]")) == [
        "test.json:6:95: error: scores[0].items[0].recode: expected an object mapping each code to its value, such as {\"1\": 0, \"2\": 1}, found a list",
        "test.json:6:127: error: scores[0].items[1].recode: the recode gives no value for codes 4, 5 of the scale 's'\nhint: give every code of the scale a value",
        "test.json:6:129: error: scores[0].items[1].recode: recode keys are codes; 'x' is not a whole number",
      ]
    )
  }

  @Test func `a score's direction, decimals and proration are checked`() {
    let mean = score(
      "mean",
      items: #"["a", "b"]"#,
      min: 1,
      max: 5,
      #", "better": "up", "decimals": 7, "missing": { "maxMissing": 1, "prorate": true }"#
    )
    #expect(
      diagnostics(instrumentFile(scores: "[ \(mean) ]")) == [
        "test.json:6:124: error: scores[0].better: expected \"higher\" or \"lower\", found 'up'",
        "test.json:6:142: error: scores[0].decimals: expected 0 to 6 decimal places, found 7",
        "test.json:6:186: error: scores[0].missing.prorate: a mean is taken over the answered items already; \"prorate\" applies to sums",
      ]
    )
  }

  @Test func `a band runs upwards and lies within its score's range`() {
    let banded = score(
      "sum",
      items: #"["a", "b"]"#,
      min: 2,
      max: 10,
      #", "bands": { "ranges": [ { "id": "odd", "label": "Odd", "min": 4, "max": 3 }, { "id": "low", "label": "Low", "min": 0, "max": 2 } ] }"#
    )
    #expect(
      diagnostics(instrumentFile(scores: "[ \(banded) ]")) == [
        "test.json:6:137: error: scores[0].bands.ranges[0]: min (4) is greater than max (3)",
        "test.json:6:190: error: scores[0].bands.ranges[1]: the band 0 to 2 lies outside the score's range (2 to 10)",
      ]
    )
  }

  @Test func `a conversion table key beyond the bounds is refused`() {
    let raw = score("sum", items: #"["a"]"#, min: 1, max: 5)
    let converted =
      #"{ "id": "c", "title": "C", "method": "convert", "of": "t", "range": { "min": 1, "max": 5 }, "conversion": { "table": { "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "2000000": 5 } } }"#
    #expect(
      diagnostics(instrumentFile(scores: "[ \(raw), \(converted) ]")) == [
        "test.json:6:269: error: scores[1].conversion.table: the table key 2000000 is outside the numbers an instrument file may hold (-1,000,000 to 1,000,000)"
      ]
    )
  }

  // MARK: Indicators

  @Test func `an indicator is an item with codes or a score with bands`() {
    let banded = score(
      "sum",
      items: #"["a"]"#,
      min: 1,
      max: 5,
      #", "bands": { "ranges": [ { "id": "low", "label": "Low", "min": 1, "max": 2 } ] }"#
    )
    let indicators =
      #"[ { "id": "i", "title": "I", "item": "a", "score": "t" }, { "id": "j", "title": "J" }, { "id": "k", "title": "K", "item": "a", "codes": [], "bands": ["low"] }, { "id": "l", "title": "L", "score": "t", "bands": ["low"], "codes": [1] }, { "id": "m", "title": "M", "item": "z", "codes": [1] } ]"#
    #expect(
      diagnostics(instrumentFile(scores: "[ \(banded) ]", indicators: indicators)) == [
        "test.json:7:19: error: indicators[0]: an indicator is defined by \"item\" and \"codes\", or by \"score\" and \"bands\", not both",
        "test.json:7:75: error: indicators[1]: an indicator needs \"item\" and \"codes\", or \"score\" and \"bands\"",
        "test.json:7:104: error: indicators[2].bands: \"bands\" goes with \"score\"; an item indicator lists \"codes\"",
        "test.json:7:153: error: indicators[2].codes: expected at least one code",
        "test.json:7:177: error: indicators[3].codes: \"codes\" goes with \"item\"; a score indicator lists \"bands\"",
        "test.json:7:287: error: indicators[4].item: unknown item 'z'\nhint: did you mean 'a' or 'b'?",
      ]
    )
  }

  // MARK: Sources and provenance

  @Test func `sources have valid, distinct ids, and facts cite listed sources`() {
    let sources =
      #"{ "s1": { "citation": "C" }, "Bad Source": { "citation": "B" }, "s1": { "citation": "D" } }"#
    let items =
      #"[ { "id": "a", "wording": "A", "scale": "s", "sources": ["s2"], "certainty": "sure" } ]"#
    #expect(
      diagnostics(instrumentFile(sources: sources, items: items)) == [
        "test.json:3:43: error: sources.Bad Source: 'Bad Source' is not a valid source id: expected a lowercase letter followed by lowercase letters, digits, '-' or '_'",
        "test.json:3:78: error: sources.s1: the source id 's1' is used twice",
        "test.json:5:69: error: items[0].sources[0]: unknown source 's2'; every cited source must be listed in the top-level \"sources\"\nhint: did you mean 's1'?",
        "test.json:5:89: error: items[0].certainty: unknown certainty 'sure'; expected one of: confirmed, single-source, unconfirmed, convention",
      ]
    )
    #expect(
      diagnostics(instrumentFile(sources: "[]")) == [
        "test.json:3:14: error: sources: expected an object mapping source ids to citations, found a list"
      ]
    )
  }
}
