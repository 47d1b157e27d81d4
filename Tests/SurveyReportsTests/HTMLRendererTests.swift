import Foundation
import SurveyCapture
import SurveyInstruments
import SurveyReports
import SurveyStatistics
import TestSupport
import Testing

/// The hostile label used to test escaping.
private let hostileLabel = "<script>alert(\"x\")</script> & \"quotes\""
/// The same label, escaped.
private let escapedHostileLabel =
  "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;"

/// A deterministic stream of small numbers, so that the sample report is the same on every run.
private struct SampleNumbers {
  var state: UInt64

  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}

private func onsLoneliness() throws -> Instrument {
  try #require(InstrumentCatalogue.builtIn.instrument(withID: "ons-loneliness"))
}

/// A small report over the ONS loneliness measures with everything the page can show: two items,
/// an indicator, a banded score with its histogram, a tally (with a hostile label and a rare
/// answer), a multi-select column, a breakdown with a low-base group, an excluded row, an
/// uncertain cut-off and a licence notice.
private func sampleReport(decimals: Int = 0) throws -> Report {
  let ons = try onsLoneliness()
  let headers = ["Age group", "Heard about us", "Support used"]
  var table = ResponseTable(instruments: [ons], attributeHeaders: headers)
  var numbers = SampleNumbers(state: 20_261_123)
  let ages = ["16-24", "25-49", "50-64", "65+"]
  let heard = ["Leaflet", "Website", hostileLabel, "Word of mouth"]
  let support = ["Befriending", "Lunch club", "Phone line"]
  func key(_ item: ItemID) -> ItemKey { ItemKey(instrument: ons.id, item: item) }
  for row in 0..<150 {
    var answers: [ItemKey: Answer] = [:]
    let lonelyDraw = numbers.next(40)
    if lonelyDraw == 0 {
      answers[key("lonely")] = .missing(reasonIndex: 1)
    } else if lonelyDraw > 2 {
      answers[key("lonely")] = .code([1, 1, 1, 2, 2, 3, 3, 4, 4, 5][numbers.next(10)])
    }
    for item in ["companionship", "left-out", "isolated"] where numbers.next(25) > 0 {
      answers[key(ItemID(rawValue: item))] = .code([1, 2, 2, 3, 3][numbers.next(5)])
    }
    let age = row % 6 == 0 ? ages[0] : ages[1 + numbers.next(3)]
    let heardAnswer = row == 7 || row == 50 ? "Radio" : heard[numbers.next(heard.count)]
    let chosen = support.filter { _ in numbers.next(3) == 0 }
    try table.append(
      Response(
        answers: answers,
        attributes: [
          "Age group": age, "Heard about us": heardAnswer,
          "Support used": chosen.joined(separator: ";"),
        ]
      ),
      lineNumber: row + 2
    )
  }
  let options = ReportOptions(
    title: "Loneliness survey 2026",
    groupBy: ["Age group"],
    tallies: ["Heard about us"],
    multiSelect: [
      MultiSelectQuestion(title: "Support used", layout: .joined(header: "Support used"))
    ],
    decimals: decimals
  )
  var builder = try ReportBuilder(
    table: table,
    options: options,
    sourceFiles: ["survey-export.csv"]
  )
  builder.addItem(key("lonely"))
  builder.addItem(key("companionship"))
  let lonely = try #require(table.answers(for: key("lonely"))).answers
  builder.addProportion(
    id: "ons-loneliness.often-always",
    title: "Lonely often/always",
    values: lonely.map { $0.code.map { $0 == 1 ? 1 : 0 } ?? -1 },
    reason: { row in lonely[row] == .notAnswered ? "not answered" : "Prefer not to say" }
  )
  let uclaItems: [[Answer]] = try ["companionship", "left-out", "isolated"].map {
    try #require(table.answers(for: key(ItemID(rawValue: $0)))).answers
  }
  let scores = (0..<table.count).map { row -> Double in
    let codes = uclaItems.compactMap { $0[row].code }
    return codes.count == 3 ? Double(codes.reduce(0, +)) : .nan
  }
  let rule = try #require(ons.score(withID: "ucla3"))
  builder.addScore(
    id: "ons-loneliness.ucla3",
    title: rule.title,
    values: scores,
    bands: rule.bands,
    decimals: 0,
    notes: ["Cut-off: Not lonely (3-5), Lonely (6-9); its source is uncertain."],
    reason: { _ in "not all three items answered" }
  )
  builder.addTallies()
  builder.addCutoff(
    CutoffNote(
      measure: "ons-loneliness.ucla3",
      definition: "Not lonely (3-5), Lonely (6-9)",
      sources: ["Summary of Hughes et al. (2004) in a public dashboard"],
      certainty: "unconfirmed",
      isUncertain: true,
      note: "Not an ONS threshold; some studies use 4 or more."
    )
  )
  builder.addExclusion(
    Exclusion(scope: "all estimates", reason: "duplicate response id", count: 1, lines: [40])
  )
  var report = builder.build()
  report.metadata.licenceNotices = [
    "Reproduced with permission of the instrument's owner (sample notice)."
  ]
  report.metadata.toolkitVersion = "test"
  return report
}

/// A report with one tally column whose rarest answer (3 of 50) is hidden.
private func reportWithHiddenThree() throws -> Report {
  var table = ResponseTable(instruments: [], attributeHeaders: ["Contact"])
  let values =
    Array(repeating: "Email", count: 30) + Array(repeating: "Phone", count: 17)
    + Array(repeating: "Letter", count: 3)
  for value in values { try table.append(Response(attributes: ["Contact": value])) }
  var builder = try ReportBuilder(
    table: table,
    options: ReportOptions(tallies: ["Contact"], decimals: 1),
    sourceFiles: ["contact.csv"]
  )
  builder.addTallies()
  return builder.build()
}

/// The text a reader sees: tags removed.
func visibleText(_ html: String) -> String {
  var text = ""
  var inTag = false
  for character in html {
    if character == "<" {
      inTag = true
      text.append(" ")
    } else if character == ">" {
      inTag = false
    } else if !inTag {
      text.append(character)
    }
  }
  return text
}

/// The parts of `html` between each `<open` and the following `close`.
private func elements(_ html: String, open: String, close: String) -> [Substring] {
  var result: [Substring] = []
  var rest = html[...]
  while let start = rest.range(of: open) {
    guard let end = rest[start.upperBound...].range(of: close) else { break }
    result.append(rest[start.lowerBound..<end.upperBound])
    rest = rest[end.upperBound...]
  }
  return result
}

private func occurrences(of needle: String, in haystack: some StringProtocol) -> Int {
  haystack.components(separatedBy: needle).count - 1
}

@Suite struct HTMLRendererTests {
  @Test func `escapes strings from data and instrument files in text, attributes and charts`()
    throws
  {
    var report = try sampleReport()
    report.metadata.title = "Survey <b>2026</b> & \"friends\""
    report.metadata.sourceFiles = ["<img src=x>.csv"]
    report.metadata.groupBy = ["Age <group>"]
    report.metadata.notes = [hostileLabel]
    report.measures[0].notes.append(hostileLabel)
    report.measures[0].id = "ons-loneliness.\"lonely\""
    let html = HTMLRenderer().render(report)
    #expect(!html.contains("<script"))
    #expect(!html.contains("alert(\"x\")"))
    #expect(!html.contains("<b>2026"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<group>"))
    #expect(
      html.contains("<title>Survey &lt;b&gt;2026&lt;/b&gt; &amp; &quot;friends&quot;</title>")
    )
    #expect(html.contains("&lt;img src=x&gt;.csv"))
    #expect(html.contains("ons-loneliness.&quot;lonely&quot;"))
    // The hostile tally answer appears in the table, the chart legend and segment tooltips.
    let charts = elements(html, open: "<svg", close: "</svg>")
    #expect(charts.contains { $0.contains(escapedHostileLabel) })
    #expect(occurrences(of: escapedHostileLabel, in: html) >= 4)
  }

  @Test func `page loads nothing from outside the file`() throws {
    let html = HTMLRenderer().render(try sampleReport())
    for forbidden in [
      "http://", "https://", "src=", "@import", "<script", "<link", "<img", "<iframe", "<object",
    ] {
      #expect(!html.lowercased().contains(forbidden), "found \(forbidden)")
    }
    var rest = html[...]
    while let found = rest.range(of: "url(") {
      let target = rest[found.upperBound...].prefix(5)
      #expect(target.hasPrefix("#") || target.hasPrefix("data:"), "url(\(target)")
      rest = rest[found.upperBound...]
    }
    rest = html[...]
    while let found = rest.range(of: "href=\"") {
      #expect(rest[found.upperBound...].hasPrefix("#"))
      rest = rest[found.upperBound...]
    }
  }

  @Test func `hidden counts are neither written nor drawn`() throws {
    let report = try reportWithHiddenThree()
    let measure = try #require(report.measures.first)
    let whole = try #require(measure.wholeSample)
    #expect(whole.categories.map(\.category) == ["Email", "Letter", "Phone"])
    #expect(whole.categories[1].suppression == .hidden)
    #expect(whole.categories[2].suppression == .hidden)
    let html = HTMLRenderer().render(report)
    let text = visibleText(html)
    // Letter: 3 of 50 is 6.0% (Wilson 95% CI 2.1 to 16.2); Phone: 17 of 50 is 34.0%.
    for hidden in ["6.0", "34.0", "2.1", "16.2"] {
      #expect(!text.contains(hidden), "\(hidden) is shown")
    }
    #expect(!html.contains(">3<"))
    #expect(!html.contains(">17<"))
    #expect(html.contains(">60.0%<span class=\"n\">30</span>"))
    // The cross-tab has one cell for each answer, and each hidden answer's cell is a mark.
    #expect(occurrences(of: "hidden-value", in: html) >= 2)
    #expect(html.contains("* Hidden to protect small counts"))
    // The page does not depend on the true values of hidden counts.
    var altered = report
    altered.measures[0].breakdowns[0].groups[0].categories[1].count = 4
    altered.measures[0].breakdowns[0].groups[0].categories[2].count = 16
    #expect(HTMLRenderer().render(altered) == html)
  }

  @Test func `charts draw hidden values as hatched markers and say so`() throws {
    let html = HTMLRenderer().render(try reportWithHiddenThree())
    let chart = try #require(elements(html, open: "<svg", close: "</svg>").first)
    #expect(chart.contains("fill=\"url(#chart-1-hidden)\""))
    #expect(chart.contains("Hidden to protect small counts"))
    // Only Email (60.0%) is drawn as a segment (light fills are outlined).
    let segments =
      occurrences(of: "class=\"segment\"", in: chart)
      + occurrences(of: "class=\"segment outlined\"", in: chart)
    #expect(segments == 1)
    #expect(chart.contains(">60.0%</text>"))
  }

  @Test func `one section per measure, each chart followed by the table behind it`() throws {
    let report = try sampleReport()
    let html = HTMLRenderer().render(report)
    let sections = elements(html, open: "<section class=\"measure\"", close: "</section>")
    #expect(sections.count == report.measures.count)
    for (section, measure) in zip(sections, report.measures) {
      #expect(
        section.contains(">\(measure.title.replacingOccurrences(of: "&", with: "&amp;"))</h2>")
      )
      let figures = elements(String(section), open: "<figure>", close: "</figure>")
      #expect(!figures.isEmpty, "\(measure.id) has no chart")
      var rest = section[...]
      while let figure = rest.range(of: "</figure>") {
        let after = rest[figure.upperBound...]
        let nextTable = after.range(of: "<table")
        let nextFigure = after.range(of: "<figure>")
        // Every chart has a text alternative: its summary, and the figures in a table after it
        // (a histogram and a chart of means share the summary table that follows them).
        #expect(nextTable != nil, "\(measure.id): a chart without a table")
        #expect(rest[..<figure.lowerBound].contains("<desc id=\""))
        _ = nextFigure
        rest = after
      }
    }
    let kinds = report.measures.map(\.kind)
    #expect(kinds == [.item, .item, .indicator, .score, .tally, .multiSelect, .tally])
    // Score: a histogram, the means by group, a summary table, the bands' stacked bars and the
    // cross-tab of bands.
    #expect(occurrences(of: "<figure>", in: sections[3]) == 3)
    #expect(
      sections[3].contains("<caption>UCLA 3-item loneliness score: summary statistics</caption>")
    )
  }

  @Test func `charts are labelled images and tables have captions and header scopes`() throws {
    let html = HTMLRenderer().render(try sampleReport())
    let charts = elements(html, open: "<svg", close: "</svg>")
    // The key chart and nine charts of measures, each drawn for a page and for a phone.
    let figures = elements(html, open: "<figure>", close: "</figure>")
    #expect(figures.count == 10)
    #expect(charts.count == 2 * figures.count)
    for chart in charts {
      #expect(chart.contains("role=\"img\""))
      #expect(chart.contains("<title id=\""))
      #expect(chart.contains("<desc id=\""))
      #expect(chart.contains("aria-labelledby=\""))
    }
    let tables = elements(html, open: "<table", close: "</table>")
    #expect(tables.count > 10)
    for table in tables {
      #expect(table.contains("<caption>"))
      #expect(table.contains("<th scope=\"col\""))
      #expect(!table.contains("<th>"))
    }
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
    #expect(occurrences(of: "<h1>", in: html) == 1)
  }

  @Test func `headlines word each indicator as the other formats do`() throws {
    let report = try sampleReport()
    let whole = try #require(report.indicators.first?.wholeSample)
    let yes = try #require(whole.categories.first)
    let count = try #require(yes.shownCount)
    let base = try #require(whole.shownBase)
    let percent = try #require(yes.percent)
    let interval = try #require(yes.interval)
    let expected =
      "<li><strong>Lonely often/always</strong>: \(count) of \(base) "
      + "(\(Int(percent.rounded()))%; 95% CI "
      + "\(Int(interval.lower.rounded()))% to \(Int(interval.upper.rounded()))%)</li>"
    let html = HTMLRenderer().render(report)
    #expect(html.contains(expected))
    let headlines = try #require(html.range(of: "id=\"headlines\""))
    let about = try #require(html.range(of: "id=\"about\""))
    let firstMeasure = try #require(html.range(of: "class=\"measure\""))
    // Results first; how the report was made follows them.
    #expect(
      headlines.lowerBound < firstMeasure.lowerBound && firstMeasure.lowerBound < about.lowerBound
    )
  }

  @Test(arguments: [0, 1])
  func `percentages have the report's number of decimals`(decimals: Int) throws {
    let report = try sampleReport(decimals: decimals)
    let html = HTMLRenderer().render(report)
    let whole = try #require(report.measures.first?.wholeSample)
    let shown = try #require(whole.categories.first { $0.percent != nil })
    let percent = try #require(shown.percent)
    let expected = fixed(percent, decimals: decimals)
    #expect(expected.contains(".") == (decimals == 1))
    #expect(html.contains("<td class=\"num\">\(expected)</td>"))
    #expect(html.contains(">\(expected)%</text>"))
  }

  @Test func `low bases are flagged in tables and charts`() throws {
    let report = try sampleReport()
    let young = try #require(report.measures[0].breakdowns[1].groups.first)
    #expect(young.group == "16-24")
    #expect(young.isLowBase && !young.isSuppressed)
    let html = HTMLRenderer().render(report)
    #expect(html.contains("16-24 <span class=\"flag\">low base</span>"))
    #expect(html.contains("16-24 (low base)</text>"))
    // A low base is drawn as a hollow dot, so colour is not the only cue.
    #expect(html.contains("class=\"dot hollow\""))
  }

  @Test func `tests of independence follow their breakdown tables`() throws {
    let report = try sampleReport()
    let test = try #require(report.measures[0].breakdowns[1].test)
    let html = HTMLRenderer().render(report)
    let section = try #require(
      elements(html, open: "<section class=\"measure\"", close: "</section>").first
    )
    let table = try #require(
      section.range(
        of: "<caption>How often do you feel lonely?: each group&#39;s answers</caption>"
      )
    )
    let line = try #require(section.range(of: "<p class=\"test\">"))
    #expect(table.lowerBound < line.lowerBound)
    // The table has hidden counts, so only a coarse p-value is published: the statistic would
    // let a reader solve for them.
    #expect(test.isCoarsened)
    #expect(section.contains("p \(test.pValueBand) (only this, as the table has hidden counts)"))
    #expect(!section.contains("chi-square = \(fixed(test.chiSquare, decimals: 2))"))
  }

  @Test func `metadata shows exclusions, instruments, uncertain cut-offs and licence notices`()
    throws
  {
    let html = HTMLRenderer().render(try sampleReport())
    let about = try #require(
      elements(html, open: "<section class=\"appendix\" id=\"about\"", close: "</section>").first
    )
    #expect(about.contains("<td>duplicate response id</td><td class=\"num\">1</td><td>40</td>"))
    #expect(
      about.contains(
        "<code>ons-loneliness</code></th><td>ONS national indicators of loneliness (adults)</td>"
      )
    )
    #expect(about.contains("<tr class=\"uncertain\">"))
    #expect(about.contains("&#9888; uncertain"))
    #expect(
      about.contains(
        "<p>Reproduced with permission of the instrument&#39;s owner (sample notice).</p>"
      )
    )
    #expect(about.contains("Counts from 1 to 4 are hidden"))
    #expect(about.contains("<dt>Confidence level</dt><dd>95%</dd>"))
    #expect(about.contains("loneliness test"))
  }

  @Test func `weighted reports state the method, the effective sample size and weighted bases`()
    throws
  {
    var table = ResponseTable(instruments: [], attributeHeaders: ["Contact", "Weight"])
    for index in 0..<60 {
      let contact = ["Email", "Phone", "Letter"][index % 3]
      try table.append(
        Response(attributes: ["Contact": contact, "Weight": index % 2 == 0 ? "0.5" : "1.5"])
      )
    }
    let options = ReportOptions(weightColumn: "Weight", tallies: ["Contact"])
    var builder = try ReportBuilder(table: table, options: options, sourceFiles: ["weighted.csv"])
    builder.addTallies()
    let report = builder.build()
    let weighting = try #require(report.metadata.weighting)
    let html = HTMLRenderer().render(report)
    #expect(html.contains("Percentages and means are weighted by &#39;Weight&#39;."))
    #expect(
      html.contains(
        "Kish effective sample size \(fixed(weighting.effectiveSampleSize, decimals: 1))"
      )
    )
    // The cross-tab has columns for the weighted and effective bases.
    #expect(html.contains("<th scope=\"col\" class=\"num\">Weighted base</th>"))
    #expect(
      html.contains(
        "<td class=\"num\">60.0</td><td class=\"num\">"
          + "\(fixed(weighting.effectiveSampleSize, decimals: 1))</td>"
      )
    )
    #expect(!html.contains("Unweighted."))
  }

  @Test func `a report without measures is still a complete page`() {
    let report = Report(
      metadata: ReportMetadata(
        title: "Empty",
        sourceFiles: [],
        rowsRead: 0,
        toolkitVersion: "test"
      ),
      measures: []
    )
    let html = HTMLRenderer().render(report)
    #expect(html.hasSuffix("</html>\n"))
    #expect(html.contains("This report has no indicators"))
    #expect(html.contains("No rows or answers were excluded."))
    #expect(html.contains("The instruments used require no notice on reports."))
    #expect(!html.contains("<svg"))
  }

  /// Compares the sample page with its golden file.
  ///
  /// A missing `Fixtures/sample-report.html` is recorded and the test fails once; review the file
  /// in a browser before committing it. With `HTML_REPORT_OUT` set, the page is also written there
  /// for `Scripts/check-html-report.sh`.
  @Test func `sample page matches its golden file`() throws {
    let html = HTMLRenderer().render(try sampleReport())
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["HTML_REPORT_OUT"], !path.isEmpty {
      try html.write(toFile: path, atomically: true, encoding: .utf8)
    }
    expectGoldenFile(html, at: reportFixtures.appendingPathComponent("sample-report.html"))
  }
}
