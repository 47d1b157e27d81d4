import SurveyInstruments
import SurveyStatistics

/// Renders a ``Report`` as one self-contained HTML5 page: inline CSS and inline SVG charts, no
/// scripts, fonts, images or links to anything outside the file, so it opens offline and can be
/// emailed or archived as it is.
///
/// The page has, in order: the title; a headline line per indicator; what the report was made
/// from (sources, rows read and excluded, instruments, cut-offs with their certainty, the licence
/// notices the instruments require, disclosure control, weighting, confidence level, version);
/// then one section per measure with a chart and the table behind it. Items and tallies get
/// stacked 100% bars, indicators a dot-and-whisker plot, scores a histogram (and stacked bars of
/// their bands), multi-select answers plain bars. Hidden (suppressed) figures appear as `*` in
/// tables, with a footnote, and as hatched markers in charts; their values are never written.
/// Every string that comes from data or instrument files is escaped.
///
/// The page is readable in print (charts and table rows are not split across pages, headers
/// repeat) and for screen readers (headings, captions, `scope`d header cells, charts with
/// `role="img"`, `<title>` and `<desc>`). Colours come from palettes chosen for colour-blind
/// readers and are backed by textures, labels and legends.
///
/// ```swift
/// let html = HTMLRenderer().render(report)
/// ```
public struct HTMLRenderer: Sendable {
  /// The width of charts in CSS pixels; they shrink to fit narrower windows and pages.
  public var chartWidth: Int
  /// The language of the page's own words, as a BCP 47 tag (`en-GB`).
  public var language: String

  /// Creates a renderer.
  ///
  /// - Parameters:
  ///   - chartWidth: The width of charts in CSS pixels, at least 360.
  ///   - language: The language of the page's words, for `<html lang>`.
  public init(chartWidth: Int = 720, language: String = "en-GB") {
    self.chartWidth = max(360, chartWidth)
    self.language = language
  }

  /// The report as one HTML page.
  ///
  /// The output depends only on `report` and the renderer's settings: the same report always gives
  /// the same page.
  ///
  /// - Complexity: O(*m* × *g* × *c*) for *m* measures, *g* groups and *c* categories.
  public func render(_ report: Report) -> String {
    var page = HTMLPageWriter(report: report, chartWidth: Double(chartWidth))
    page.write(language: language)
    return page.lines.joined(separator: "\n") + "\n"
  }
}

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe in HTML and SVG
/// text and in quoted attribute values.
///
/// - Complexity: O(*n*) in the length of `text`.
func escapedForHTML(_ text: String) -> String {
  var result = ""
  result.reserveCapacity(text.utf8.count)
  for scalar in text.unicodeScalars {
    switch scalar {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "'": result += "&#39;"
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}

/// Writes the page line by line.
struct HTMLPageWriter {
  let report: Report
  let chartWidth: Double
  let decimals: Int
  /// The confidence level as shown: `95%`.
  let level: String
  var lines: [String] = []

  init(report: Report, chartWidth: Double) {
    self.report = report
    self.chartWidth = chartWidth
    decimals = report.metadata.decimals
    level = "\(formatNumber((report.metadata.confidenceLevel * 1000).rounded() / 10))%"
  }

  private func e(_ text: String) -> String { escapedForHTML(text) }

  mutating func write(language: String) {
    let meta = report.metadata
    lines.append("<!DOCTYPE html>")
    lines.append("<html lang=\"\(e(language))\">")
    lines.append("<head>")
    lines.append("<meta charset=\"utf-8\">")
    lines.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    lines.append("<meta name=\"generator\" content=\"loneliness \(e(meta.toolkitVersion))\">")
    lines.append("<title>\(e(meta.title))</title>")
    lines.append("<style>")
    lines.append(Self.styleSheet)
    lines.append("</style>")
    lines.append("</head>")
    lines.append("<body>")
    lines.append("<header>")
    lines.append("<h1>\(e(meta.title))</h1>")
    var source =
      "Source: \(meta.sourceFiles.joined(separator: ", ")); \(counted(meta.rowsRead, "row")) read"
    let excludedRows = meta.exclusions.filter { $0.scope == "all estimates" }.reduce(0) {
      $0 + $1.count
    }
    if excludedRows > 0 { source += ", \(excludedRows) excluded from every estimate" }
    lines.append("<p class=\"lede\">\(e(source)).</p>")
    lines.append("</header>")
    writeContents()
    lines.append("<main>")
    writeHeadlines()
    writeAbout()
    for (index, measure) in report.measures.enumerated() {
      writeMeasure(measure, number: index + 1)
    }
    lines.append("</main>")
    lines.append("<footer><p>Made with loneliness \(e(meta.toolkitVersion)).</p></footer>")
    lines.append("</body>")
    lines.append("</html>")
  }

  // MARK: - Contents, headlines, metadata

  private mutating func writeContents() {
    lines.append("<nav aria-labelledby=\"contents-title\">")
    lines.append("<h2 id=\"contents-title\">Contents</h2>")
    lines.append("<ol>")
    lines.append("<li><a href=\"#headlines\">Headlines</a></li>")
    lines.append("<li><a href=\"#about\">About this report</a></li>")
    for (index, measure) in report.measures.enumerated() {
      lines.append("<li><a href=\"#measure-\(index + 1)\">\(e(measure.title))</a></li>")
    }
    lines.append("</ol>")
    lines.append("</nav>")
  }

  private mutating func writeHeadlines() {
    lines.append("<section id=\"headlines\" aria-labelledby=\"headlines-title\">")
    lines.append("<h2 id=\"headlines-title\">Headlines</h2>")
    let indicators = report.indicators
    if indicators.isEmpty {
      lines.append("<p>This report has no indicators; the measures follow below.</p>")
    } else {
      lines.append("<ul class=\"headlines\">")
      for measure in indicators {
        guard let whole = measure.wholeSample else { continue }
        lines.append("<li>\(headline(title: measure.title, estimate: whole))</li>")
      }
      lines.append("</ul>")
    }
    lines.append("</section>")
  }

  /// "Lonely often/always: 97 of 262 (37%; 95% CI 31% to 43%)", as every format words it.
  private func headline(title: String, estimate: GroupEstimate) -> String {
    let name = "<strong>\(e(title))</strong>"
    guard let yes = estimate.categories.first else { return "\(name): no data" }
    guard let base = estimate.shownBase, let count = yes.shownCount, let percent = yes.percent
    else {
      return "\(name): suppressed (fewer than the threshold, or would reveal a small count)"
    }
    let weighted = estimate.weightedBase == nil ? "" : "weighted "
    var text = "\(name): \(count) of \(base) (\(weighted)\(fixed(percent, decimals: decimals))%"
    if let interval = yes.interval {
      text +=
        "; \(level) CI \(fixed(interval.lower, decimals: decimals))% "
        + "to \(fixed(interval.upper, decimals: decimals))%"
    }
    text += ")"
    if estimate.isLowBase { text += " " + lowBaseFlag }
    return text
  }

  private var lowBaseFlag: String { "<span class=\"flag\">low base</span>" }

  private mutating func writeAbout() {
    let meta = report.metadata
    lines.append("<section id=\"about\" aria-labelledby=\"about-title\">")
    lines.append("<h2 id=\"about-title\">About this report</h2>")
    lines.append("<dl class=\"facts\">")
    lines.append("<dt>Source files</dt>")
    let files = meta.sourceFiles.map(e).joined(separator: "<br>")
    lines.append("<dd>\(files.isEmpty ? "none named" : files)</dd>")
    lines.append("<dt>Rows read</dt><dd>\(meta.rowsRead)</dd>")
    lines.append("<dt>Broken down by</dt>")
    let groupings = meta.groupBy.map(e).joined(separator: ", ")
    lines.append("<dd>\(groupings.isEmpty ? "no breakdowns" : groupings)</dd>")
    lines.append("<dt>Confidence level</dt><dd>\(level)</dd>")
    lines.append("<dt>Percentages rounded to</dt>")
    lines.append("<dd>\(meta.decimals) decimal place\(meta.decimals == 1 ? "" : "s")</dd>")
    lines.append("<dt>Toolkit</dt><dd>loneliness \(e(meta.toolkitVersion))</dd>")
    lines.append("</dl>")

    lines.append("<h3>Exclusions</h3>")
    if meta.exclusions.isEmpty {
      lines.append("<p>No rows or answers were excluded.</p>")
    } else {
      lines.append(tableTag("exclusions", rows: meta.exclusions.count))
      lines.append("<caption>Rows and answers left out, and why</caption>")
      lines.append(
        "<thead><tr><th scope=\"col\">Left out of</th><th scope=\"col\">Reason</th>"
          + "<th scope=\"col\" class=\"num\">Count</th><th scope=\"col\">Input "
          + "lines</th></tr></thead>"
      )
      lines.append("<tbody>")
      for exclusion in meta.exclusions {
        var shownLines = exclusion.lines.prefix(20).map(String.init).joined(separator: ", ")
        if exclusion.lines.count > 20 { shownLines += " and \(exclusion.lines.count - 20) more" }
        lines.append(
          "<tr><th scope=\"row\">\(e(exclusion.scope))</th><td>\(e(exclusion.reason))</td>"
            + "<td class=\"num\">\(exclusion.count)</td><td>\(shownLines)</td></tr>"
        )
      }
      lines.append("</tbody>")
      lines.append("</table>")
    }

    lines.append("<h3>Instruments</h3>")
    if meta.instruments.isEmpty {
      lines.append("<p>No instruments were used; the report tallies other columns only.</p>")
    } else {
      lines.append(tableTag("instruments", rows: meta.instruments.count))
      lines.append("<caption>Instruments used and the versions of their definitions</caption>")
      lines.append(
        "<thead><tr><th scope=\"col\">Instrument</th><th scope=\"col\">Title</th>"
          + "<th scope=\"col\">Version</th><th scope=\"col\">Definition from</th></tr></thead>"
      )
      lines.append("<tbody>")
      for instrument in meta.instruments {
        lines.append(
          "<tr><th scope=\"row\"><code>\(e(instrument.id))</code></th>"
            + "<td>\(e(instrument.title))</td><td>\(e(instrument.version))</td>"
            + "<td>\(e(instrument.origin))</td></tr>"
        )
      }
      lines.append("</tbody>")
      lines.append("</table>")
    }

    if !meta.cutoffs.isEmpty {
      lines.append("<h3>Cut-offs</h3>")
      lines.append(tableTag("cutoffs", rows: 2 * meta.cutoffs.count))
      lines.append(
        "<caption>Cut-offs used, their sources and how certain those sources are</caption>"
      )
      lines.append(
        "<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Cut-offs</th>"
          + "<th scope=\"col\">Sources</th><th scope=\"col\">Certainty</th></tr></thead>"
      )
      lines.append("<tbody>")
      for cutoff in meta.cutoffs {
        var certainty = e(cutoff.certainty)
        if cutoff.isUncertain {
          certainty += " <span class=\"flag uncertain\">&#9888; uncertain</span>"
        }
        if let note = cutoff.note { certainty += "<br><span class=\"note\">\(e(note))</span>" }
        let sources =
          cutoff.sources.isEmpty
          ? (cutoff.isUncertain ? "none found" : "none recorded")
          : cutoff.sources.map(e).joined(separator: "<br>")
        lines.append(
          "<tr\(cutoff.isUncertain ? " class=\"uncertain\"" : "")><th "
            + "scope=\"row\"><code>\(e(cutoff.measure))</code></th>"
            + "<td>\(e(cutoff.definition))</td><td class=\"sources\">\(sources)</td>"
            + "<td>\(certainty)</td></tr>"
        )
      }
      lines.append("</tbody>")
      lines.append("</table>")
      if meta.cutoffs.contains(where: \.isUncertain) {
        lines.append(
          "<p class=\"warning\"><span class=\"flag uncertain\">&#9888; uncertain</span> marks a "
            + "cut-off "
            + "whose source could not be confirmed: say so wherever figures based on it are "
            + "quoted.</p>"
        )
      }
    }

    lines.append("<h3>Licence notices</h3>")
    if meta.licenceNotices.isEmpty {
      lines.append("<p>The instruments used require no notice on reports.</p>")
    } else {
      lines.append("<div class=\"licence\">")
      for notice in meta.licenceNotices { lines.append("<p>\(e(notice))</p>") }
      lines.append("</div>")
    }

    lines.append("<h3>Disclosure control</h3>")
    lines.append("<p>\(e(meta.suppression.description))</p>")
    lines.append(
      "<p>In tables, <strong>*</strong> marks a hidden figure: <em>primary</em> suppression "
        + "hides a small "
        + "count itself, <em>secondary</em> suppression hides further figures that would let a "
        + "reader work a "
        + "hidden one out from a total. Charts draw hidden figures as hatched markers, never "
        + "their values.</p>"
    )
    lines.append(
      "<p>\(lowBaseFlag) marks a group of fewer than 30 respondents: estimates from it are "
        + "unreliable.</p>"
    )

    lines.append("<h3>Weighting and intervals</h3>")
    if let weighting = meta.weighting {
      lines.append("<p>\(e(weighting.method))</p>")
      lines.append(
        "<p>Weight column <code>\(e(weighting.column))</code>. Kish effective sample size "
          + "\(fixed(weighting.effectiveSampleSize, decimals: 1)); design effect due to weighting "
          + "\(fixed(weighting.designEffect, decimals: 2)).</p>"
      )
    } else {
      lines.append(
        "<p>Unweighted. Intervals: \(level) Wilson score intervals for percentages; t intervals "
          + "for means. "
          + "Percentages are of those who answered each question.</p>"
      )
    }
    if !meta.groupBy.isEmpty {
      let test =
        meta.weighting == nil
        ? "Pearson's chi-square test of independence" : "the Rao-Scott adjusted F test"
      lines.append(
        "<p>Breakdowns use \(test) where at least two groups and two answers have data; a note "
          + "says when expected counts are too small for it.</p>"
      )
    }
    if !meta.notes.isEmpty {
      lines.append("<h3>Notes</h3>")
      lines.append("<ul>")
      for note in meta.notes { lines.append("<li>\(e(note))</li>") }
      lines.append("</ul>")
    }
    lines.append("</section>")
  }

  // MARK: - Measures

  private mutating func writeMeasure(_ measure: MeasureReport, number: Int) {
    let anchor = "measure-\(number)"
    lines.append("<section class=\"measure\" id=\"\(anchor)\" aria-labelledby=\"\(anchor)-title\">")
    lines.append("<h2 id=\"\(anchor)-title\">\(e(measure.title))</h2>")
    lines.append(
      "<p class=\"measure-id\">Measure <code>\(e(measure.id))</code> "
        + "(\(e(kindName(measure.kind))))</p>"
    )
    if !measure.notes.isEmpty {
      lines.append("<ul class=\"notes\">")
      for note in measure.notes { lines.append("<li>\(e(note))</li>") }
      lines.append("</ul>")
    }
    let chartID = "chart-\(number)"
    switch measure.kind {
    case .item, .tally:
      writeStackedChart(
        measure,
        chartID: chartID,
        palette: measure.kind == .item ? .ordered : .unordered,
        what: "the percentage of those who answered giving each answer"
      )
      writeDistributionTables(measure, categoryHeader: "Answer", percentHeader: "%")
    case .multiSelect:
      writePercentBars(measure, chartID: chartID)
      writeDistributionTables(measure, categoryHeader: "Option", percentHeader: "% of respondents")
    case .indicator:
      if let whole = measure.wholeSample {
        lines.append("<p class=\"headline\">\(headline(title: measure.title, estimate: whole))</p>")
      }
      writeDotWhisker(measure, chartID: chartID)
      writeIndicatorTables(measure)
    case .score:
      writeScore(measure, chartID: chartID)
    }
    lines.append("</section>")
  }

  private func kindName(_ kind: MeasureReport.Kind) -> String {
    switch kind {
    case .item: "item"
    case .indicator: "indicator"
    case .score: "score"
    case .tally: "tallied column"
    case .multiSelect: "multi-select column"
    }
  }

  /// "all respondents and each group of Age group and Area".
  private func coverage(_ measure: MeasureReport) -> String {
    let groupings = measure.breakdowns.compactMap(\.groupBy)
    guard !groupings.isEmpty else { return "all respondents" }
    return "all respondents and each group of " + groupings.joined(separator: ", ")
  }

  private mutating func writeFigure(_ svg: String, caption: String) {
    lines.append("<figure>")
    lines.append(svg)
    lines.append("<figcaption>\(e(caption))</figcaption>")
    lines.append("</figure>")
  }

  private func chartValue(_ category: CategoryEstimate) -> SVGChartValue {
    if category.suppression != nil { return .hidden }
    return category.percent.map { .shown($0) } ?? .absent
  }

  private func groupLabel(_ group: GroupEstimate) -> String { group.group ?? "All respondents" }

  /// The group's name, escaped, with the low-base flag when its base is under 30.
  private func flaggedGroupName(_ group: GroupEstimate) -> String {
    e(groupLabel(group)) + (group.isLowBase && !group.isSuppressed ? " " + lowBaseFlag : "")
  }

  /// `5.0–7.0`.
  private func range(_ lower: Double, _ upper: Double, places: Int) -> String {
    "\(fixed(lower, decimals: places))&#8211;\(fixed(upper, decimals: places))"
  }

  private mutating func writeStackedChart(
    _ measure: MeasureReport,
    chartID: String,
    palette kind: SVGPalette.Kind,
    what: String
  ) {
    let categories = measure.wholeSample?.categories.map(\.category) ?? []
    var chartLines: [SVGChartLine<SVGStackedBarChart.Bar>] = []
    for breakdown in measure.breakdowns {
      if let groupBy = breakdown.groupBy { chartLines.append(.heading(breakdownHeading(groupBy))) }
      for group in breakdown.groups {
        chartLines.append(
          .row(
            SVGStackedBarChart.Bar(
              label: groupLabel(group),
              isLowBase: group.isLowBase && !group.isSuppressed,
              segments: group.categories.map(chartValue),
              isHidden: group.isSuppressed,
              baseText: "n=\(group.shownBase.map(String.init) ?? "*")"
            )
          )
        )
      }
    }
    let title = "\(measure.title): \(what)"
    let chart = SVGStackedBarChart(
      chartID: chartID,
      title: title,
      description:
        "Stacked bars, one for \(coverage(measure)), each divided into \(what), in the order of "
        + "the "
        + "legend. Hatched segments are hidden to protect small counts. The figures are in the "
        + "table "
        + "that follows.",
      categories: categories,
      palette: SVGPalette(kind: kind, count: categories.count),
      lines: chartLines,
      width: chartWidth,
      decimals: decimals
    )
    writeFigure(chart.markup(), caption: "Figure: \(title). n is the number who answered.")
  }

  private mutating func writePercentBars(_ measure: MeasureReport, chartID: String) {
    var chartLines: [SVGChartLine<SVGPercentBarChart.Bar>] = []
    for breakdown in measure.breakdowns {
      for group in breakdown.groups {
        var heading = breakdown.groupBy.map { "\($0): \(groupLabel(group))" } ?? "All respondents"
        let base = group.shownBase.map(String.init) ?? "*"
        heading += " (n=\(base)\(group.isLowBase && !group.isSuppressed ? ", low base" : ""))"
        chartLines.append(.heading(heading))
        for category in group.categories {
          chartLines.append(
            .row(SVGPercentBarChart.Bar(label: category.category, value: chartValue(category)))
          )
        }
      }
    }
    let title = "\(measure.title): percentage of respondents choosing each option"
    let chart = SVGPercentBarChart(
      chartID: chartID,
      title: title,
      description:
        "Horizontal bars, one per option, for \(coverage(measure)). Respondents could choose "
        + "more than one "
        + "option, so the bars are not stacked and can add up to more than 100%. The figures "
        + "are in the "
        + "table that follows.",
      lines: chartLines,
      width: chartWidth,
      decimals: decimals
    )
    writeFigure(chart.markup(), caption: "Figure: \(title). Percentages add up to more than 100%.")
  }

  private mutating func writeDotWhisker(_ measure: MeasureReport, chartID: String) {
    var chartLines: [SVGChartLine<SVGDotWhiskerChart.Point>] = []
    for breakdown in measure.breakdowns {
      if let groupBy = breakdown.groupBy { chartLines.append(.heading(breakdownHeading(groupBy))) }
      for group in breakdown.groups {
        let yes = group.categories.first
        let value: SVGChartValue = group.isSuppressed ? .hidden : (yes.map(chartValue) ?? .absent)
        let interval = value == .hidden ? nil : yes?.interval
        chartLines.append(
          .row(
            SVGDotWhiskerChart.Point(
              label: groupLabel(group),
              isLowBase: group.isLowBase && !group.isSuppressed,
              value: value,
              lower: interval?.lower,
              upper: interval?.upper
            )
          )
        )
      }
    }
    let title = "\(measure.title): percentage with \(level) confidence interval"
    let chart = SVGDotWhiskerChart(
      chartID: chartID,
      title: title,
      description:
        "Dots mark the percentage and whiskers its \(level) confidence interval, on an axis "
        + "from 0% to 100%, "
        + "for \(coverage(measure)). The figures are in the table that follows.",
      lines: chartLines,
      width: chartWidth,
      decimals: decimals
    )
    writeFigure(chart.markup(), caption: "Figure: \(title).")
  }

  private mutating func writeScore(_ measure: MeasureReport, chartID: String) {
    guard let whole = measure.wholeSample else { return }
    if !whole.histogram.isEmpty {
      lines.append("<h3>Distribution of scores</h3>")
      let bins = whole.histogram.map { bin -> SVGHistogramChart.Bin in
        let value: SVGChartValue =
          bin.suppression != nil ? .hidden : (bin.shownCount.map { .shown(Double($0)) } ?? .absent)
        return SVGHistogramChart.Bin(label: bin.category, count: value)
      }
      let title = "\(measure.title): number of respondents with each score"
      let chart = SVGHistogramChart(
        chartID: chartID,
        title: title,
        description:
          "A histogram of the scores of all respondents with a score: one bar per score or "
          + "range of scores, "
          + "its height the number of respondents. Hatched markers are bins hidden to protect "
          + "small counts. "
          + "The figures are in the table that follows.",
        bins: bins,
        valueTitle: "Score",
        width: chartWidth
      )
      writeFigure(chart.markup(), caption: "Figure: \(title) (all respondents).")
      var hasHidden = false
      lines.append(tableTag("histogram", rows: whole.histogram.count))
      lines.append(
        "<caption>\(e(measure.title)): respondents with each score, all respondents</caption>"
      )
      lines.append(
        "<thead><tr><th scope=\"col\">Score</th><th scope=\"col\" "
          + "class=\"num\">Respondents</th></tr></thead>"
      )
      lines.append("<tbody>")
      for bin in whole.histogram {
        hasHidden = hasHidden || bin.suppression != nil
        let count = countCell(bin.shownCount, bin.suppression)
        lines.append("<tr><th scope=\"row\">\(e(bin.category))</th>\(count)</tr>")
      }
      lines.append("</tbody>")
      lines.append("</table>")
      if hasHidden { writeHiddenFootnote() }
    }
    writeSummaryTable(measure)
    if !whole.categories.isEmpty {
      lines.append("<h3>Bands</h3>")
      writeStackedChart(
        measure,
        chartID: "\(chartID)-bands",
        palette: .ordered,
        what: "the percentage of those with a score in each band"
      )
      writeDistributionTables(measure, categoryHeader: "Band", percentHeader: "%")
    }
  }

  private mutating func writeSummaryTable(_ measure: MeasureReport) {
    let places = measure.statisticDecimals
    lines.append("<h3>Summary statistics</h3>")
    let rows = measure.breakdowns.reduce(0) { $0 + $1.groups.count + 1 }
    lines.append(tableTag("summary", rows: rows))
    lines.append("<caption>\(e(measure.title)): summary statistics</caption>")
    let headers = ["n", "Mean", "\(level) CI of mean", "SD", "Median", "Quartiles (25th-75th)"]
    lines.append(
      "<thead><tr><th scope=\"col\">Group</th>"
        + headers.map { "<th scope=\"col\" class=\"num\">\(e($0))</th>" }.joined() + "</tr></thead>"
    )
    var hasHidden = false
    for breakdown in measure.breakdowns {
      lines.append("<tbody>")
      if let groupBy = breakdown.groupBy {
        lines.append(
          "<tr class=\"group\"><th scope=\"rowgroup\" "
            + "colspan=\"7\">\(e(breakdownHeading(groupBy)))</th></tr>"
        )
      }
      for group in breakdown.groups {
        let name = "<th scope=\"row\">\(flaggedGroupName(group))</th>"
        guard let summary = group.summary, !summary.isSuppressed, let n = group.shownBase else {
          if group.summary != nil || group.isSuppressed {
            hasHidden = true
            let hidden = hiddenCell(.primary)
            lines.append("<tr>\(name)\(String(repeating: hidden, count: 6))</tr>")
          } else {
            lines.append("<tr>\(name)<td class=\"num\">0</td><td colspan=\"5\">no scores</td></tr>")
          }
          continue
        }
        let interval = summary.meanInterval.map { range($0.lower, $0.upper, places: places) } ?? ""
        let cells = [
          String(n), fixed(summary.mean, decimals: places), interval,
          summary.standardDeviation.map { fixed($0, decimals: places) } ?? "",
          fixed(summary.median, decimals: places),
          range(summary.lowerQuartile, summary.upperQuartile, places: places),
        ]
        lines.append(
          "<tr>\(name)" + cells.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
        )
      }
      lines.append("</tbody>")
    }
    lines.append("</table>")
    if hasHidden { writeHiddenFootnote() }
    if let whole = measure.wholeSample { writeMissingNote(whole, what: "Not included") }
  }

  // MARK: - Tables

  /// The opening tag of a table; tables of up to 30 rows are kept on one printed page.
  private func tableTag(_ className: String, rows: Int) -> String {
    "<table class=\"\(className)\(rows <= 30 ? " keep" : "")\">"
  }

  private func hiddenCell(_ reason: SuppressionReason?) -> String {
    let why =
      reason == .secondary
      ? "hidden so that a small count cannot be worked out from a total (secondary suppression)"
      : "hidden to protect a small count (primary suppression)"
    return "<td class=\"num hidden-value\" title=\"\(why)\">*</td>"
  }

  private func countCell(_ count: Int?, _ reason: SuppressionReason?) -> String {
    guard let count else { return hiddenCell(reason) }
    return "<td class=\"num\">\(count)</td>"
  }

  private func percentCell(_ category: CategoryEstimate) -> String {
    if category.suppression != nil { return hiddenCell(category.suppression) }
    guard let percent = category.percent else { return "<td class=\"num\">&#8211;</td>" }
    return "<td class=\"num\">\(fixed(percent, decimals: decimals))</td>"
  }

  private func intervalCell(_ category: CategoryEstimate) -> String {
    if category.suppression != nil { return hiddenCell(category.suppression) }
    guard let interval = category.interval else { return "<td class=\"num\"></td>" }
    return
      "<td class=\"num\">\(fixed(interval.lower, decimals: decimals))&#8211;"
      + "\(fixed(interval.upper, decimals: decimals))</td>"
  }

  private mutating func writeHiddenFootnote() {
    lines.append(
      "<p class=\"footnote\">* Hidden to protect small counts: primary suppression hides a "
        + "small count "
        + "and its percentage; secondary suppression hides further figures that would reveal a "
        + "hidden one "
        + "from a total.</p>"
    )
  }

  private mutating func writeTest(_ breakdown: Breakdown) {
    guard let test = breakdown.test, let groupBy = breakdown.groupBy else { return }
    let p = test.pValue < 0.001 ? "&lt; 0.001" : fixed(test.pValue, decimals: 3)
    let flag = test.isValid ? "" : "<span class=\"flag\">not reliable</span> "
    let statistic: String
    if let adjusted = test.designAdjustment {
      statistic =
        "Rao-Scott F = \(fixed(adjusted.fStatistic, decimals: 2)), "
        + "df = \(fixed(adjusted.numeratorDegreesOfFreedom, decimals: 2)) and "
        + "\(fixed(adjusted.denominatorDegreesOfFreedom, decimals: 1)), p = \(p) (weighted "
        + "chi-square = \(fixed(test.chiSquare, decimals: 2)), df = \(test.degreesOfFreedom); "
        + "mean design effect \(fixed(adjusted.meanDesignEffect, decimals: 2)))"
    } else {
      statistic =
        "chi-square = \(fixed(test.chiSquare, decimals: 2)), df = \(test.degreesOfFreedom), "
        + "p = \(p)"
    }
    lines.append(
      "<p class=\"test\">\(flag)\(e(breakdownHeading(groupBy))): \(statistic). \(e(test.note))</p>"
    )
  }

  private mutating func writeMissingNote(_ group: GroupEstimate, what: String) {
    let missing = group.missing.filter { $0.shownCount != 0 }
    guard !missing.isEmpty else { return }
    let parts = missing.map { "\(e($0.category)) (\($0.shownCount.map(String.init) ?? "*"))" }
    lines.append("<p class=\"footnote\">\(e(what)): \(parts.joined(separator: "; ")).</p>")
  }

  /// One table per breakdown (the whole sample first): each group's categories with count,
  /// percentage and interval, its base, and its missing answers by reason.
  private mutating func writeDistributionTables(
    _ measure: MeasureReport,
    categoryHeader: String,
    percentHeader: String
  ) {
    for breakdown in measure.breakdowns {
      let scope = breakdown.groupBy.map(breakdownScope) ?? "all respondents"
      if let groupBy = breakdown.groupBy {
        lines.append("<h3>\(e(breakdownHeading(groupBy)))</h3>")
      }
      let rows = breakdown.groups.reduce(0) { $0 + $1.categories.count + $1.missing.count + 2 }
      lines.append(tableTag("distribution", rows: rows))
      lines.append("<caption>\(e(measure.title)): \(e(scope))</caption>")
      lines.append(
        "<thead><tr><th scope=\"col\">\(e(categoryHeader))</th><th scope=\"col\" "
          + "class=\"num\">Count</th>"
          + "<th scope=\"col\" class=\"num\">\(e(percentHeader))</th>"
          + "<th scope=\"col\" class=\"num\">\(level) CI</th></tr></thead>"
      )
      var hasHidden = false
      for group in breakdown.groups {
        lines.append("<tbody>")
        if breakdown.groupBy != nil {
          lines.append(
            "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"4\">"
              + "\(flaggedGroupName(group))</th></tr>"
          )
        }
        for category in group.categories {
          hasHidden = hasHidden || category.suppression != nil
          lines.append(
            "<tr><th scope=\"row\">\(e(category.category))</th>"
              + countCell(category.shownCount, category.suppression) + percentCell(category)
              + intervalCell(category) + "</tr>"
          )
        }
        var baseNote = ""
        if let weighted = group.weightedBase {
          baseNote += "weighted base \(fixed(weighted, decimals: 1))"
        }
        if let effective = group.effectiveBase {
          baseNote += "; effective base \(fixed(effective, decimals: 1))"
        }
        if breakdown.groupBy == nil && group.isLowBase && !group.isSuppressed {
          baseNote = lowBaseFlag + (baseNote.isEmpty ? "" : " " + baseNote)
        }
        hasHidden = hasHidden || group.isSuppressed
        lines.append(
          "<tr class=\"base\"><th scope=\"row\">Base (answered)</th>"
            + countCell(group.shownBase, .secondary) + "<td colspan=\"2\">\(baseNote)</td></tr>"
        )
        for missing in group.missing where missing.shownCount != 0 {
          hasHidden = hasHidden || missing.suppression != nil
          lines.append(
            "<tr class=\"missing\"><th scope=\"row\">Not included: \(e(missing.category))</th>"
              + countCell(missing.shownCount, missing.suppression) + "<td colspan=\"2\"></td></tr>"
          )
        }
        lines.append("</tbody>")
      }
      lines.append("</table>")
      if hasHidden { writeHiddenFootnote() }
      writeTest(breakdown)
    }
  }

  /// One table per breakdown: each group's count of yes, base, percentage, interval, and
  /// missing answers by reason.
  private mutating func writeIndicatorTables(_ measure: MeasureReport) {
    for breakdown in measure.breakdowns {
      let scope = breakdown.groupBy.map(breakdownScope) ?? "all respondents"
      lines.append(tableTag("indicator", rows: breakdown.groups.count))
      lines.append("<caption>\(e(measure.title)): \(e(scope))</caption>")
      let headers = ["Count", "Base", "%", "\(level) CI"]
      lines.append(
        "<thead><tr><th scope=\"col\">\(e(breakdown.groupBy ?? "Group"))</th>"
          + headers.map { "<th scope=\"col\" class=\"num\">\(e($0))</th>" }.joined()
          + "<th scope=\"col\">Not included</th></tr></thead>"
      )
      lines.append("<tbody>")
      var hasHidden = false
      for group in breakdown.groups {
        let name = flaggedGroupName(group)
        guard let yes = group.categories.first else { continue }
        hasHidden = hasHidden || yes.suppression != nil || group.isSuppressed
        let missing = group.missing.filter { $0.shownCount != 0 }.map { reason -> String in
          hasHidden = hasHidden || reason.suppression != nil
          return "\(e(reason.category)) (\(reason.shownCount.map(String.init) ?? "*"))"
        }
        lines.append(
          "<tr><th scope=\"row\">\(name)</th>" + countCell(yes.shownCount, yes.suppression)
            + countCell(group.shownBase, .secondary) + percentCell(yes) + intervalCell(yes)
            + "<td>\(missing.joined(separator: "; "))</td></tr>"
        )
      }
      lines.append("</tbody>")
      lines.append("</table>")
      if hasHidden { writeHiddenFootnote() }
      writeTest(breakdown)
    }
  }

  // MARK: - Style

  /// The page's only style sheet: screen and print.
  static let styleSheet = """
    :root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c4c4c4;
      --shade: #efefef; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink);
      background: #ffffff;
      font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans",
      Arial, sans-serif; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.5rem; }
    h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.5rem 0 0.5rem; padding-top: 0.5rem;
      border-top: 2px solid var(--ink); }
    h3 { font-size: 1.1rem; margin: 1.5rem 0 0.4rem; }
    nav h2 { font-size: 1.1rem; border: 0; margin-top: 1rem; }
    nav ol { columns: 2 18rem; margin: 0; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
      font-size: 0.9em; }
    .lede { font-size: 1.05rem; }
    .measure-id { color: var(--muted); margin-top: 0; }
    .headlines li, .headline { font-size: 1.05rem; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    table { border-collapse: collapse; margin: 0.5rem 0 0.75rem; font-size: 0.9rem;
      font-variant-numeric: tabular-nums; min-width: min(100%, 30rem); }
    th code { white-space: nowrap; }
    caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
    th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left;
      vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
    th[scope="row"] { font-weight: 400; }
    td.sources { overflow-wrap: anywhere; }
    .num { text-align: right; white-space: nowrap; }
    tr.group th { background: var(--shade); font-weight: 600; }
    tr.base th, tr.base td { font-style: italic; }
    tr.missing th, tr.missing td { color: var(--muted); }
    .hidden-value { font-weight: 700; }
    .flag { display: inline-block; border: 1px solid currentColor; border-radius: 3px;
      padding: 0 0.3em;
      font-size: 0.75em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em;
      white-space: nowrap; }
    .flag.uncertain { color: #8a4500; }
    .note { color: var(--muted); font-size: 0.9em; }
    .licence { border: 2px solid var(--ink); padding: 0.25rem 1rem; }
    .footnote, .test { font-size: 0.85rem; margin: 0 0 1rem; }
    figure { margin: 1rem 0 0.5rem; }
    figcaption { font-size: 0.85rem; color: var(--muted); }
    svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
    svg.chart text { font-size: 12px; fill: var(--ink); }
    svg.chart .heading { font-weight: 700; paint-order: stroke; stroke: #ffffff; stroke-width: 4px;
      stroke-linejoin: round; }
    svg.chart .base, svg.chart .tick { fill: var(--muted); }
    svg.chart .value { paint-order: stroke; stroke: #ffffff; stroke-width: 3px;
      stroke-linejoin: round; }
    svg.chart .axis { stroke: #333333; stroke-width: 1; }
    svg.chart .grid { stroke: #d9d9d9; stroke-width: 1; }
    svg.chart .segment { stroke: #ffffff; stroke-width: 1; }
    svg.chart .hidden-mark, svg.chart .empty-mark { stroke: #6b6b6b; stroke-width: 1;
      stroke-dasharray: 3 2; }
    svg.chart .whisker { stroke: var(--ink); stroke-width: 1.5; }
    svg.chart .dot { fill: #0072b2; stroke: var(--ink); stroke-width: 1; }
    svg.chart .dot.low-base { fill: #ffffff; stroke: #0072b2; stroke-width: 2.5; }
    footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; }
    @media print {
      @page { margin: 15mm; }
      body { max-width: none; padding: 0; font-size: 10pt; }
      nav { display: none; }
      h1, h2, h3, caption, .measure-id, .headline, ul.notes { break-after: avoid; }
      h2 { margin-top: 1.5rem; }
      figure, svg, tr, thead, tbody, table.keep, .licence, .headlines li, dl.facts {
        break-inside: avoid; }
      thead { display: table-header-group; }
      * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      a { color: inherit; text-decoration: none; }
    }
    """
}

extension HTMLRenderer: ReportRenderer {}
