import Foundation
import SurveyInstruments
import Testing

/// A SWEMWBS-like instrument whose raw score declares `max` as the top of its range, converted
/// through a table of seven rows.
private func convertedScore(rangeMax: String) -> String {
  """
  {
    "format": 1, "id": "short", "version": "1", "title": "Short scale",
    "scales": [ { "id": "five", "range": { "min": 1, "max": 5 } } ],
    "items": [ { "id": "a", "wording": "A", "scale": "five" } ],
    "scores": [
      { "id": "raw", "title": "Raw", "method": "sum", "items": ["a"],
        "range": { "min": 1, "max": \(rangeMax) } },
      { "id": "metric", "title": "Metric", "method": "convert", "of": "raw",
        "range": { "min": 1, "max": 5 },
        "conversion": { "table": { "1": 1, "2": 2, "3": 3, "4": 4, "5": 5 } } }
    ]
  }
  """
}

@Suite struct InstrumentLimitsTests {
  @Test(arguments: ["1e19", "4611686018427387904", "1e8", "1e9", "1e400"])
  func `a number beyond the bounds is a located error, not a crash or a long wait`(max: String) {
    let shown = diagnostics(convertedScore(rangeMax: max), file: "short.json")
    let bound = shown.first { $0.contains("scores[0].range.max") }
    #expect(
      bound?.hasPrefix("short.json:7:35:") == true,
      "expected an error at the range's max, got \(shown)"
    )
    #expect(bound?.contains("outside the numbers an instrument file may hold") == true)
  }

  @Test func `a conversion table is checked against a wide range without enumerating it`() {
    let shown = diagnostics(convertedScore(rangeMax: "900000"), file: "short.json")
    #expect(
      shown.contains {
        $0.contains(
          "scores[1].conversion.table: the table has no row for 6, 7, 8, 9, 10, 11, 12, 13 and 899987 more"
        )
      },
      "\(shown)"
    )
    // The declared range disagrees with the item's (1 to 5), which is also reported.
    #expect(shown.contains { $0.contains("the items and rule give 1 to 5") })
  }

  @Test func `gaps in a conversion table are listed first few and counted`() {
    let json = """
      {
        "format": 1, "id": "wide", "version": "1", "title": "Wide",
        "scales": [ { "id": "big", "range": { "min": 0, "max": 1000 } } ],
        "items": [
          { "id": "a", "wording": "A", "scale": "big" },
          { "id": "b", "wording": "B", "scale": "big" }
        ],
        "scores": [
          { "id": "raw", "title": "Raw", "method": "sum", "items": ["a", "b"],
            "range": { "min": 0, "max": 2000 } },
          { "id": "metric", "title": "Metric", "method": "convert", "of": "raw",
            "range": { "min": 0, "max": 1 },
            "conversion": { "table": { "0": 0, "1": 1, "3": 1 } } }
        ]
      }
      """
    let shown = diagnostics(json, file: "wide.json")
    #expect(
      shown.contains {
        $0.contains("the table has no row for 2, 4, 5, 6, 7, 8, 9, 10 and 1990 more")
      },
      "\(shown)"
    )
  }

  @Test func `codes beyond the bounds are refused where they are written`() {
    let json = """
      {
        "format": 1, "id": "codes", "version": "1", "title": "Codes",
        "scales": [ { "id": "s", "options": [
          { "code": 1, "label": "Yes" }, { "code": 3000000000, "label": "No" } ] } ],
        "items": [ { "id": "a", "wording": "A", "scale": "s" } ]
      }
      """
    let shown = diagnostics(json, file: "codes.json")
    #expect(shown.contains { $0.hasPrefix("codes.json:4:") && $0.contains("options[1].code") })
  }

  @Test func `a very long text is refused with a short quotation`() {
    let long = String(repeating: "x", count: 3_000_000)
    let json = convertedScore(rangeMax: "5").replacingFirst(
      "\"title\": \"Short scale\"",
      with: "\"title\": \"\(long)\""
    )
    let shown = diagnostics(json, file: "long.json")
    let title = shown.first { $0.contains(": title:") }
    #expect(title?.contains("(3,000,000 characters)") == true, "\(shown.map { $0.prefix(200) })")
    #expect(shown.joined().utf8.count < 2_000)
  }

  @Test func `a file over the size limit is refused before it is parsed`() {
    let bytes = [UInt8](repeating: UInt8(ascii: " "), count: InstrumentLimits.maximumFileSize + 1)
    do {
      _ = try InstrumentDecoder.decode(bytes, file: "huge.json")
      Issue.record("expected the file to be rejected")
    } catch {
      #expect(
        error.description
          == "huge.json: error: the file is 4,194,305 bytes; an instrument file may be at most 4,194,304 bytes\nhint: is this the right file? instrument files are small JSON files"
      )
    }
  }

  @Test func `a list longer than the limit is refused`() {
    let aliases = (0...InstrumentLimits.maximumListLength).map { "\"alias \($0)\"" }
      .joined(separator: ", ")
    let json = convertedScore(rangeMax: "5").replacingFirst(
      "\"wording\": \"A\",",
      with: "\"wording\": \"A\", \"aliases\": [\(aliases)],"
    )
    let shown = diagnostics(json, file: "aliases.json")
    #expect(shown.contains { $0.contains("items[0].aliases: the list has 1,001 entries") })
  }

  @Test func `a minified file with many values decodes in linear time`() throws {
    // One line of 2,000 options: positions are found without rescanning the line each time.
    let options = (1...1_000).map { "{\"code\": \($0), \"label\": \"answer \($0)\"}" }
      .joined(separator: ",")
    let json =
      "{\"format\": 1, \"id\": \"flat\", \"version\": \"1\", \"title\": \"Flat\", \"scales\": [{\"id\": \"s\", \"options\": [\(options)]}], \"items\": [{\"id\": \"a\", \"wording\": \"A\", \"scale\": \"s\"}]}"
    let instrument = try InstrumentDecoder.decodeInstrument(Array(json.utf8), file: "flat.json")
    #expect(instrument.scales.first?.options.count == 1_000)
  }

  @Test func `quoted text shows control characters as escapes and is cut to a readable length`() {
    #expect(excerpt("a\u{1B}]0;PWNED\u{07}b") == "a\\u{1B}]0;PWNED\\u{7}b")
    #expect(excerpt(String(repeating: "é", count: 100), limit: 3) == "ééé… (100 characters)")
    #expect(
      visibleControlCharacters("one\ntwo\u{9B}", keepingLineBreaks: true) == "one\ntwo\\u{9B}"
    )
    #expect(visibleControlCharacters("plain text") == "plain text")
  }
}

extension String {
  /// The string with the first occurrence of `target` replaced.
  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
