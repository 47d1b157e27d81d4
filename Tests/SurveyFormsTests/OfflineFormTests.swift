import Foundation
import SurveyCapture
import SurveyForms
import SurveyInstruments
import Testing

func builtIn(_ id: String) throws -> Instrument {
  try InstrumentCatalogue.builtIn.instrument(named: id)
}

/// The JSON the page's script reads, decoded.
func formData(_ html: String) throws -> [String: Any] {
  let opening = "<script type=\"application/json\" id=\"form-data\">"
  let start = try #require(html.range(of: opening))
  let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
  let json = String(html[start.upperBound..<end.lowerBound])
  return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
}

/// Every match of `pattern`'s first group in `text`.
func captures(_ pattern: String, in text: String) throws -> [String] {
  let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
  let range = NSRange(text.startIndex..., in: text)
  return regex.matches(in: text, range: range).compactMap { match in
    Range(match.range(at: 1), in: text).map { String(text[$0]) }
  }
}

/// `text` with the five characters HTML escapes turned back.
func unescapedHTML(_ text: String) -> String {
  text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
    .replacingOccurrences(of: "&amp;", with: "&")
}

/// An instrument whose every text is markup, script or quotes, as a hostile instrument file
/// could make it.
func hostileInstrument() -> Instrument {
  Instrument(
    id: "hostile",
    version: "1",
    title: "Hostile </title><script>alert('title')</script>",
    recallPeriod: "<b>the last week</b>",
    introduction: Introduction(text: "<!-- open comment & <i>italic</i>"),
    scales: [
      ResponseScale(
        id: "answers",
        options: [
          ResponseOption(code: 1, label: "</script><script>alert('label')</script>"),
          ResponseOption(code: 2, label: "Two \" onclick=\"alert(2)"),
        ],
        missingAnswers: [MissingAnswer(label: "'); alert(3); ('")]
      )
    ],
    items: [
      Item(id: "q", wording: "<img src=x onerror=\"alert(4)\"> How are you?", scale: "answers")
    ],
    licence: Licence(notice: "</style><script>alert(5)</script>")
  )
}

@Suite struct OfflineFormTests {
  @Test func `the download's header is the header a capture writes`() throws {
    let instruments = try ["ons-loneliness", "swemwbs", "ons4"].map(builtIn)
    let form = try OfflineForm(
      instruments: instruments,
      columns: [FormColumn(name: "worker", value: "AB"), FormColumn(name: "wave", value: "1")]
    )
    // The reference: the first line of a file that a capture of the same instruments writes.
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("forms-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("visits.csv").path
    let target = try CaptureTarget(
      path: path,
      instruments: instruments,
      extraColumns: [("worker", "AB"), ("wave", "1")]
    )
    _ = try target.save(Response(), respondentID: "R1", status: .complete)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    let captureHeader = try #require(written.split(separator: "\n").first)
      .split(separator: ",").map(String.init)

    let data = try formData(form.html())
    #expect(data["header"] as? [String] == captureHeader)
    #expect(form.captureLayout.header == captureHeader)
    #expect(data["itemColumns"] as? [String] == Array(captureHeader[4..<(captureHeader.count - 1)]))
    let fixed = try #require(data["fixed"] as? [[String: String]])
    #expect(fixed == [["name": "worker", "value": "AB"], ["name": "wave", "value": "1"]])
    #expect(data["status"] as? String == "complete")
  }

  @Test
  func `each item is a group of labelled answers whose values are the cells a capture writes`()
    throws
  {
    let instruments = try ["ons-loneliness", "ons4"].map(builtIn)
    let html = try OfflineForm(instruments: instruments).html()
    let groups = try captures(#"(<fieldset class="step question".*?</fieldset>)"#, in: html)
    let items = instruments.flatMap { instrument in instrument.items.map { (instrument, $0) } }
    #expect(groups.count == items.count)
    for (group, (instrument, item)) in zip(groups, items) {
      let column = try captures(#"data-column="([^"]*)""#, in: group).first
      #expect(column == "\(instrument.id).\(item.id)")
      #expect(try captures(#"<legend>(.*?)</legend>"#, in: group).count == 1)
      let scale = try #require(instrument.scale(for: item))
      let expected =
        scale.options.map { CaptureFileLayout.cell(for: .code($0.code), on: scale) }
        + scale.missingAnswers.indices.map {
          CaptureFileLayout.cell(for: .missing(reasonIndex: $0), on: scale)
        }
      let values = try captures(#"<input type="radio"[^>]* value="([^"]*)">"#, in: group)
      #expect(values.map(unescapedHTML) == expected)
      // Every radio is inside the label that names it, and the label's `for` is its id.
      let pairs = try captures(
        #"(<label class="choice" for="[^"]*"><input type="radio" name="[^"]*" id="[^"]*")"#,
        in: group
      )
      #expect(pairs.count == expected.count)
      for pair in pairs {
        let ids = try captures(#"(?:for|id)="([^"]*)""#, in: pair)
        #expect(ids.count == 2 && ids[0] == ids[1])
      }
      let labels = try captures(#"<span class="label">(.*?)</span>"#, in: group)
      #expect(
        labels.map(unescapedHTML)
          == scale.options.map(\.label) + scale.missingAnswers.map(\.label)
      )
    }
  }

  @Test func `instrument text and fixed values are escaped, and only the page's own scripts exist`()
    throws
  {
    let hostile = hostileInstrument()
    let value = "</script><!-- <script>alert(6)</script> \u{2028}"
    let html = try OfflineForm(
      instruments: [hostile],
      columns: [FormColumn(name: "</script>", value: value)],
      title: "<script>alert(7)</script>"
    ).html()
    #expect(html.components(separatedBy: "<script").count - 1 == 2)
    #expect(html.components(separatedBy: "</script>").count - 1 == 2)
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>") && !html.contains("<i>") && !html.contains("<!--"))
    #expect(!html.contains("onclick=\"alert"))
    #expect(html.contains("&lt;img src=x onerror=&quot;alert(4)&quot;&gt; How are you?"))
    #expect(html.contains("value=\"&#39;); alert(3); (&#39;\""))
    #expect(html.contains("<title>&lt;script&gt;alert(7)&lt;/script&gt;</title>"))
    // The data element holds no markup, and decodes to the values exactly.
    let opening = "<script type=\"application/json\" id=\"form-data\">"
    let start = try #require(html.range(of: opening))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let block = html[start.upperBound..<end.lowerBound]
    #expect(!block.contains("<") && !block.contains(">") && !block.contains("\u{2028}"))
    let fixed = try #require(try formData(html)["fixed"] as? [[String: String]])
    #expect(fixed == [["name": "</script>", "value": value]])
  }

  @Test func `licensed items show their key phrase and a note unless wording is installed`() throws
  {
    let swemwbs = try builtIn("swemwbs")
    let html = try OfflineForm(instruments: [swemwbs]).html()
    let phrases = try captures(#"<span class="question-text key-phrase">(.*?)</span>"#, in: html)
    #expect(phrases == swemwbs.items.map { $0.keyPhrase ?? $0.id.rawValue })
    #expect(html.components(separatedBy: "Licensed wording not installed").count - 1 == 7)
    #expect(html.contains("&quot;extends&quot;: &quot;swemwbs&quot;"))

    var licensed = swemwbs
    for index in licensed.items.indices { licensed.items[index].wording = "Wording \(index + 1)" }
    let withWording = try OfflineForm(instruments: [licensed]).html()
    let texts = try captures(#"<span class="question-text">(.*?)</span>"#, in: withWording)
    #expect(texts == (1...7).map { "Wording \($0)" })
    #expect(!withWording.contains("key-phrase\""))
    #expect(!withWording.contains("Licensed wording not installed"))
  }

  @Test func `the page refers to no other file and forbids connections`() throws {
    let instruments = try ["ons-loneliness", "swemwbs", "ons4", "djg6"].map(builtIn)
    for layout in OfflineForm.Layout.allCases {
      let html = try OfflineForm(instruments: instruments, layout: layout).html()
      #expect(!html.contains(" src="))
      #expect(!html.contains("href=\"http") && !html.contains("url(") && !html.contains("@import"))
      #expect(html.contains("content=\"default-src 'none';"))
      #expect(html.contains("<body class=\"\(layout.rawValue)\">"))
      #expect(try formData(html)["layout"] as? String == layout.rawValue)
    }
    let onePage = try OfflineForm(instruments: instruments, layout: .onePage).html()
    #expect(onePage.contains(">Clear answer</button>") && !onePage.contains(">Skip</button>"))
  }

  @Test func `a column the capture fills itself is refused`() throws {
    let ons = try builtIn("ons-loneliness")
    for name in ["status", "respondent_id", "ons-loneliness.lonely", ""] {
      #expect(throws: CaptureLayoutError.self) {
        try OfflineForm(instruments: [ons], columns: [FormColumn(name: name, value: "x")])
      }
    }
  }

  @Test func `the storage identifier changes with the columns and values, not between runs`() throws
  {
    let ons = try builtIn("ons-loneliness")
    let worker = [FormColumn(name: "worker", value: "AB")]
    let first = try OfflineForm(instruments: [ons], columns: worker).storageIdentifier
    #expect(
      first
        == (try OfflineForm(instruments: [ons], columns: worker, layout: .onePage).storageIdentifier)
    )
    #expect(first != (try OfflineForm(instruments: [ons]).storageIdentifier))
    let other = [FormColumn(name: "worker", value: "CD")]
    #expect(first != (try OfflineForm(instruments: [ons], columns: other).storageIdentifier))
    #expect(first.count == 16 && first.allSatisfy(\.isHexDigit))
  }
}
