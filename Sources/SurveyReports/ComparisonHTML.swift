import SurveyInstruments
import SurveyStatistics

/// Estimates with intervals on a numeric axis, one row each: differences from a reference with a
/// line at zero, means on a score's scale, or a before-and-after pair joined by a line (a
/// dumbbell: a hollow dot at baseline, a filled dot at follow-up).
struct SVGIntervalChart: Sendable {
  /// One row.
  struct Row: Sendable {
    /// The row's name.
    var label: String
    /// The estimate (the follow-up value of a pair).
    var value: SVGChartValue
    /// The interval, when there is one.
    var lower: Double?
    /// The interval's upper end.
    var upper: Double?
    /// The baseline value of a before-and-after pair.
    var from: Double?
    /// Whether the row's base is under 30 (drawn hollow).
    var isLowBase = false
  }

  /// The id prefix of the chart's elements.
  var chartID: String
  /// What the chart shows.
  var title: String
  /// A longer description for screen readers.
  var description: String
  /// The rows.
  var rows: [Row]
  /// The axis range; `nil` fits the values (and zero, for differences).
  var domain: ClosedRange<Double>?
  /// Whether to draw a line at zero and include zero in the axis.
  var showsZero: Bool
  /// Decimal places of the values written beside the dots.
  var decimals: Int
  /// The unit after each value (`%`, ` pp`, or nothing).
  var unit: String
  /// The chart's width in pixels.
  var width: Double

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*n*) in the number of rows.
  func markup() -> String {
    let longest =
      rows.map { SVGMarkup.textWidth($0.label + ($0.isLowBase ? " (low base)" : "")) }.max() ?? 0
    let labelWidth = min(max(90, longest + 12), width * 0.34)
    let plotX = labelWidth + 8
    let rightColumn = 76.0
    let plotWidth = max(120, width - plotX - rightColumn)
    let rowHeight = 26.0
    let top = 6.0
    var numbers: [Double] = []
    for row in rows {
      if case .shown(let value) = row.value { numbers.append(value) }
      numbers += [row.lower, row.upper, row.from].compactMap { $0 }
    }
    if showsZero { numbers.append(0) }
    var low = domain?.lowerBound ?? (numbers.min() ?? 0)
    var high = domain?.upperBound ?? (numbers.max() ?? 1)
    if high <= low { high = low + 1 }
    let step = Self.step(for: (high - low) / 5)
    if domain == nil {
      low = (low / step).rounded(.down) * step
      high = (high / step).rounded(.up) * step
    }
    func x(_ value: Double) -> Double {
      plotX + plotWidth * (min(max(value, low), high) - low) / (high - low)
    }
    let plotBottom = top + Double(rows.count) * rowHeight + 4
    var body: [String] = []
    var tick = low
    while tick <= high + step / 2 {
      body.append(
        SVGMarkup.line(x1: x(tick), y1: top, x2: x(tick), y2: plotBottom, className: "grid")
      )
      body.append(
        SVGMarkup.line(
          x1: x(tick),
          y1: plotBottom,
          x2: x(tick),
          y2: plotBottom + 4,
          className: "axis"
        )
      )
      body.append(
        SVGMarkup.text(
          Self.tickLabel(tick, step: step) + unit.trimmingPrefixSpace,
          x: x(tick),
          y: plotBottom + 16,
          anchor: "middle",
          className: "tick"
        )
      )
      tick += step
    }
    body.append(
      SVGMarkup.line(
        x1: plotX,
        y1: plotBottom,
        x2: plotX + plotWidth,
        y2: plotBottom,
        className: "axis"
      )
    )
    if showsZero && low < 0 && high > 0 {
      body.append(SVGMarkup.line(x1: x(0), y1: top, x2: x(0), y2: plotBottom, className: "axis"))
    }
    var y = top
    var hasHidden = false
    for row in rows {
      let middle = y + rowHeight / 2
      let label = SVGMarkup.truncated(
        row.label + (row.isLowBase ? " (low base)" : ""),
        toWidth: labelWidth - 6
      )
      body.append(
        SVGMarkup.text(label, x: labelWidth, y: middle + 4, anchor: "end", className: "label")
      )
      switch row.value {
      case .shown(let value):
        if let lower = row.lower, let upper = row.upper {
          body.append(
            SVGMarkup.line(x1: x(lower), y1: middle, x2: x(upper), y2: middle, className: "whisker")
          )
          body.append(
            SVGMarkup.line(
              x1: x(lower),
              y1: middle - 5,
              x2: x(lower),
              y2: middle + 5,
              className: "whisker"
            )
          )
          body.append(
            SVGMarkup.line(
              x1: x(upper),
              y1: middle - 5,
              x2: x(upper),
              y2: middle + 5,
              className: "whisker"
            )
          )
        }
        if let from = row.from {
          body.append(
            SVGMarkup.line(x1: x(from), y1: middle, x2: x(value), y2: middle, className: "whisker")
          )
          body.append(
            "<circle cx=\"\(SVGMarkup.number(x(from)))\" cy=\"\(SVGMarkup.number(middle))\" r=\"5\" "
              + "class=\"dot low-base\"><title>\(escapedForHTML("\(row.label) before: \(fixed(from, decimals: decimals))\(unit)"))</title></circle>"
          )
        }
        let tooltip = "\(row.label): \(fixed(value, decimals: decimals))\(unit)"
        body.append(
          "<circle cx=\"\(SVGMarkup.number(x(value)))\" cy=\"\(SVGMarkup.number(middle))\" r=\"5\" "
            + "class=\"dot\(row.isLowBase && row.from == nil ? " low-base" : "")\"><title>\(escapedForHTML(tooltip))</title></circle>"
        )
        body.append(
          SVGMarkup.text(
            "\(fixed(value, decimals: decimals))\(unit)",
            x: plotX + plotWidth + 8,
            y: middle + 4,
            className: "value"
          )
        )
      case .hidden:
        hasHidden = true
        body.append(
          SVGMarkup.rect(
            x: plotX + 2,
            y: middle - 6,
            width: 12,
            height: 12,
            fill: SVGMarkup.hiddenFill(chartID: chartID),
            extra: " class=\"hidden-mark\"",
            tooltip: "\(row.label): hidden to protect small counts"
          )
        )
        body.append(
          SVGMarkup.text("* hidden", x: plotX + plotWidth + 8, y: middle + 4, className: "value")
        )
      case .absent:
        body.append(
          SVGMarkup.text(
            "not computed",
            x: plotX + plotWidth + 8,
            y: middle + 4,
            className: "value"
          )
        )
      }
      y += rowHeight
    }
    y = plotBottom + 28
    var entries: [SVGMarkup.LegendEntry] = []
    if rows.contains(where: { $0.from != nil }) {
      entries.append(
        SVGMarkup.LegendEntry(
          label: "Hollow dot: baseline; filled dot: follow-up",
          fill: "#0072b2",
          isRound: true,
          stroke: "#1a1a1a"
        )
      )
    } else if rows.contains(where: { $0.lower != nil }) {
      entries.append(
        SVGMarkup.LegendEntry(
          label: "Dot: estimate; whiskers: confidence interval",
          fill: "#0072b2",
          isRound: true,
          stroke: "#1a1a1a"
        )
      )
    }
    if hasHidden {
      entries.append(
        SVGMarkup.LegendEntry(
          label: "Hidden to protect small counts",
          fill: SVGMarkup.hiddenFill(chartID: chartID)
        )
      )
    }
    if !entries.isEmpty {
      let legend = SVGMarkup.legend(entries: entries, x: 4, y: y, width: width - 8)
      body.append(contentsOf: legend.markup)
      y += legend.height + 4
    }
    return SVGMarkup.document(
      chartID: chartID,
      width: width,
      height: y,
      title: title,
      description: description,
      body: body
    )
  }

  /// A step of 1, 2 or 5 times a power of ten near `rough`.
  static func step(for rough: Double) -> Double {
    guard rough > 0, rough.isFinite else { return 1 }
    var power = 1.0
    while power * 10 <= rough { power *= 10 }
    while power > rough { power /= 10 }
    for multiple in [1.0, 2, 5, 10] where power * multiple >= rough { return power * multiple }
    return power * 10
  }

  static func tickLabel(_ value: Double, step: Double) -> String {
    var places = 0
    var scaled = step
    while scaled < 1 && places < 4 {
      scaled *= 10
      places += 1
    }
    let text = fixed(abs(value) < step / 1000 ? 0 : value, decimals: places)
    return text
  }
}

extension String {
  /// The text without one leading space (units such as ` pp` sit close to tick labels).
  fileprivate var trimmingPrefixSpace: String { hasPrefix(" ") ? String(dropFirst()) : self }
}

/// Draws laid-out blocks as one self-contained HTML page, with the report page's style sheet.
enum BlockPage {
  /// The page: title and lede from the first heading and paragraph, then every block.
  ///
  /// - Complexity: O(*n*) in the size of the blocks.
  static func html(_ blocks: [ReportDocument.Block], language: String, version: String) -> String {
    var lines = [
      "<!DOCTYPE html>", "<html lang=\"\(escapedForHTML(language))\">", "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta name=\"generator\" content=\"loneliness \(escapedForHTML(version))\">",
    ]
    var title = ""
    if case .heading(let text, 1)? = blocks.first { title = text }
    lines.append("<title>\(escapedForHTML(title))</title>")
    lines += ["<style>", HTMLPageWriter.styleSheet, "</style>", "</head>", "<body>", "<main>"]
    var sectionOpen = false
    var headingNumber = 0
    for block in blocks {
      switch block {
      case .heading(let text, let level):
        if level == 1 {
          lines.append("<h1>\(escapedForHTML(text))</h1>")
        } else if level == 2 {
          if sectionOpen { lines.append("</section>") }
          headingNumber += 1
          lines.append("<section aria-labelledby=\"s\(headingNumber)\">")
          lines.append("<h2 id=\"s\(headingNumber)\">\(escapedForHTML(text))</h2>")
          sectionOpen = true
        } else {
          lines.append("<h3>\(escapedForHTML(text))</h3>")
        }
      case .paragraph(let text):
        lines.append("<p>\(escapedForHTML(text))</p>")
      case .list(let items):
        lines.append("<ul class=\"notes\">")
        for item in items { lines.append("<li>\(escapedForHTML(item))</li>") }
        lines.append("</ul>")
      case .rule:
        break
      case .chart(let svg, let caption):
        lines += [
          "<figure>", svg, "<figcaption>\(escapedForHTML(caption))</figcaption>", "</figure>",
        ]
      case .table(let table):
        lines.append("<table>")
        if let caption = table.caption {
          lines.append("<caption>\(escapedForHTML(caption))</caption>")
        }
        lines.append("<thead><tr>")
        for (index, header) in table.headers.enumerated() {
          let numeric = table.rightAligned.indices.contains(index) && table.rightAligned[index]
          lines.append(
            "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(escapedForHTML(header))</th>"
          )
        }
        lines.append("</tr></thead>")
        lines.append("<tbody>")
        for row in table.rows {
          var cells = "<tr>"
          for (index, cell) in row.enumerated() {
            let numeric = table.rightAligned.indices.contains(index) && table.rightAligned[index]
            cells +=
              index == 0
              ? "<th scope=\"row\">\(escapedForHTML(cell))</th>"
              : "<td\(numeric ? " class=\"num\"" : "")>\(escapedForHTML(cell))</td>"
          }
          lines.append(cells + "</tr>")
        }
        lines.append("</tbody>")
        lines.append("</table>")
        for footer in table.footer {
          lines.append("<p class=\"note\">\(escapedForHTML(footer))</p>")
        }
      }
    }
    if sectionOpen { lines.append("</section>") }
    lines.append("</main>")
    lines.append("<footer><p>Made with loneliness \(escapedForHTML(version)).</p></footer>")
    lines += ["</body>", "</html>"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// `blocks` with `chart` inserted after the first table that follows the `index`-th heading
  /// at level 2 whose text is `heading`, and after `afterTable` tables.
  static func inserting(
    _ charts: [(heading: String, afterTable: Int, chart: ReportDocument.Block)],
    into blocks: [ReportDocument.Block]
  ) -> [ReportDocument.Block] {
    var result: [ReportDocument.Block] = []
    var currentHeading: String?
    var tablesSinceHeading = 0
    for block in blocks {
      result.append(block)
      switch block {
      case .heading(let text, 2):
        currentHeading = text
        tablesSinceHeading = 0
      case .table:
        tablesSinceHeading += 1
        for entry in charts
        where entry.heading == currentHeading && entry.afterTable == tablesSinceHeading {
          result.append(entry.chart)
        }
      default:
        break
      }
    }
    return result
  }
}

extension HTMLRenderer {
  /// The comparison as one self-contained HTML page: the same sections as the text form, with a
  /// dot-and-whisker chart of each cohort's estimate and a chart of each difference from the
  /// reference with its interval and a line at zero.
  ///
  /// - Complexity: O(*n*) in the size of the comparison.
  public func render(_ comparison: ComparisonReport) -> String {
    let decimals = comparison.metadata.decimals
    let level = ReportFormatting(decimals: decimals).level(comparison.metadata.confidenceLevel)
    var charts: [(heading: String, afterTable: Int, chart: ReportDocument.Block)] = []
    var number = 0
    func nextID() -> String {
      number += 1
      return "chart-\(number)"
    }
    for measure in comparison.indicators {
      let points = measure.cohorts.map { cohort -> SVGChartLine<SVGDotWhiskerChart.Point> in
        let value: SVGChartValue =
          cohort.successes.shownCount == nil
          ? .hidden : (cohort.percent.map { .shown($0) } ?? .absent)
        return .row(
          SVGDotWhiskerChart.Point(
            label: cohort.cohort,
            isLowBase: cohort.isLowBase && cohort.base.shownCount != nil,
            value: value,
            lower: cohort.interval?.lower,
            upper: cohort.interval?.upper
          )
        )
      }
      let title = "\(measure.title): percentage in each cohort with \(level) confidence interval"
      let chart = SVGDotWhiskerChart(
        chartID: nextID(),
        title: title,
        description:
          "Dots mark each cohort's percentage and whiskers its interval. The figures are in the table above.",
        lines: points,
        width: Double(chartWidth),
        decimals: decimals
      )
      charts.append((measure.title, 1, .chart(svg: chart.markup(), caption: "Figure: \(title).")))
      charts.append(
        (
          measure.title, 2,
          differenceChart(
            measure.comparisons.map {
              ($0.cohort, $0.difference, $0.interval?.lower, $0.interval?.upper, $0.isSuppressed)
            },
            title:
              "\(measure.title): difference from \(comparison.reference) in percentage points with \(level) interval",
            decimals: decimals,
            unit: " pp",
            id: nextID()
          )
        )
      )
    }
    for measure in comparison.scores {
      let places = measure.decimals + 1
      let rows = measure.cohorts.map { cohort in
        SVGIntervalChart.Row(
          label: cohort.cohort,
          value: cohort.isSuppressed ? .hidden : (cohort.mean.map { .shown($0) } ?? .absent),
          lower: cohort.interval?.lower,
          upper: cohort.interval?.upper,
          isLowBase: cohort.isLowBase && !cohort.isSuppressed
        )
      }
      let title = "\(measure.title): mean in each cohort with \(level) confidence interval"
      let chart = SVGIntervalChart(
        chartID: nextID(),
        title: title,
        description:
          "Dots mark each cohort's mean and whiskers its interval. The figures are in the table above.",
        rows: rows,
        domain: nil,
        showsZero: false,
        decimals: places,
        unit: "",
        width: Double(chartWidth)
      )
      charts.append((measure.title, 1, .chart(svg: chart.markup(), caption: "Figure: \(title).")))
      charts.append(
        (
          measure.title, 2,
          differenceChart(
            measure.comparisons.map {
              ($0.cohort, $0.difference, $0.interval?.lower, $0.interval?.upper, $0.isSuppressed)
            },
            title:
              "\(measure.title): difference in means from \(comparison.reference) with \(level) interval",
            decimals: places,
            unit: "",
            id: nextID()
          )
        )
      )
    }
    let blocks = BlockPage.inserting(charts, into: ComparisonDocument.blocks(comparison))
    return BlockPage.html(blocks, language: language, version: comparison.metadata.toolkitVersion)
  }

  /// The change report as one self-contained HTML page: the same sections as the text form, with
  /// a before-and-after chart of each score's means and each indicator's percentages, and a
  /// chart of each mean change with its interval and a line at zero.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ change: ChangeReport) -> String {
    let meta = change.metadata
    let level = ReportFormatting(decimals: meta.decimals).level(meta.confidenceLevel)
    var charts: [(heading: String, afterTable: Int, chart: ReportDocument.Block)] = []
    var number = 0
    for score in change.scores where !score.isSuppressed {
      guard let before = score.baselineMean, let after = score.followUpMean else { continue }
      number += 1
      let places = score.decimals + 1
      let rows = [
        SVGIntervalChart.Row(label: "Mean", value: .shown(after), from: before),
        SVGIntervalChart.Row(
          label: "Mean change",
          value: score.meanChange.map { .shown($0) } ?? .absent,
          lower: score.interval?.lower,
          upper: score.interval?.upper
        ),
      ]
      let title =
        "\(score.title): mean at \(meta.baseline) and \(meta.followUp), and the mean change with its \(level) interval"
      let chart = SVGIntervalChart(
        chartID: "chart-\(number)",
        title: title,
        description:
          "The first row joins the baseline mean (hollow dot) to the follow-up mean (filled dot); the second shows "
          + "the mean change with its interval, against a line at zero. The figures are in the table above.",
        rows: rows,
        domain: nil,
        showsZero: true,
        decimals: places,
        unit: "",
        width: Double(chartWidth)
      )
      charts.append((score.title, 1, .chart(svg: chart.markup(), caption: "Figure: \(title).")))
    }
    for indicator in change.indicators {
      number += 1
      let row: SVGIntervalChart.Row
      if let before = indicator.baselinePercent, let after = indicator.followUpPercent {
        row = SVGIntervalChart.Row(label: indicator.title, value: .shown(after), from: before)
      } else {
        row = SVGIntervalChart.Row(label: indicator.title, value: .hidden)
      }
      let title =
        "\(indicator.title): percentage at \(meta.baseline) and at \(meta.followUp), same respondents"
      let chart = SVGIntervalChart(
        chartID: "chart-\(number)",
        title: title,
        description:
          "A hollow dot marks the baseline percentage and a filled dot the follow-up percentage. The figures are in the table above.",
        rows: [row],
        domain: 0...100,
        showsZero: false,
        decimals: meta.decimals,
        unit: "%",
        width: Double(chartWidth)
      )
      charts.append((indicator.title, 1, .chart(svg: chart.markup(), caption: "Figure: \(title).")))
    }
    let blocks = BlockPage.inserting(charts, into: ChangeDocument.blocks(change))
    return BlockPage.html(blocks, language: language, version: meta.toolkitVersion)
  }

  private func differenceChart(
    _ rows: [(cohort: String, difference: Double?, lower: Double?, upper: Double?, hidden: Bool)],
    title: String,
    decimals: Int,
    unit: String,
    id: String
  ) -> ReportDocument.Block {
    let chartRows = rows.map { row in
      SVGIntervalChart.Row(
        label: row.cohort,
        value: row.hidden ? .hidden : (row.difference.map { .shown($0) } ?? .absent),
        lower: row.lower,
        upper: row.upper
      )
    }
    let chart = SVGIntervalChart(
      chartID: id,
      title: title,
      description:
        "Dots mark each cohort's difference from the reference and whiskers its interval; the vertical line is no "
        + "difference. The figures are in the table above.",
      rows: chartRows,
      domain: nil,
      showsZero: true,
      decimals: decimals,
      unit: unit,
      width: Double(chartWidth)
    )
    return .chart(svg: chart.markup(), caption: "Figure: \(title).")
  }
}
