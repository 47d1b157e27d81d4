import SurveyInstruments

/// One line of a chart drawn in rows: a heading that opens a breakdown, or a row for a group.
enum SVGChartLine<Row: Sendable>: Sendable {
  /// A heading such as "Breakdown by “Age group”".
  case heading(String)
  /// A row.
  case row(Row)
}

/// The legend entry of the hatched marker of hidden values.
private func hiddenLegendEntry(chartID: String) -> SVGMarkup.LegendEntry {
  SVGMarkup.LegendEntry(
    label: "Hidden to protect small counts",
    fill: SVGMarkup.hiddenFill(chartID: chartID)
  )
}

/// A value as a chart may draw it.
enum SVGChartValue: Sendable, Hashable {
  /// A value that may be shown, in the chart's units.
  case shown(Double)
  /// A value hidden by disclosure control: drawn only as a hatched marker.
  case hidden
  /// No value (nobody answered).
  case absent
}

/// The layout that charts drawn in rows share: a label column, a plot, a right-hand column.
private struct RowLayout {
  let width: Double
  let labelWidth: Double
  let plotX: Double
  let plotWidth: Double
  let rowHeight = 26.0
  let barHeight = 18.0
  let headingHeight = 24.0
  let top = 6.0

  init(width: Double, labels: [String], rightColumn: Double) {
    self.width = width
    let longest = labels.map { SVGMarkup.textWidth($0) }.max() ?? 0
    labelWidth = min(max(90, longest + 12), width * 0.34)
    plotX = labelWidth + 8
    plotWidth = max(120, width - plotX - rightColumn)
  }

  /// The height of the rows and headings.
  func height<Row>(of lines: [SVGChartLine<Row>]) -> Double {
    lines.reduce(0) { total, line in
      if case .heading = line { return total + headingHeight }
      return total + rowHeight
    }
  }

  /// The label of a group row, truncated to the label column.
  func rowLabel(_ label: String, isLowBase: Bool, y: Double) -> String {
    let text = SVGMarkup.truncated(
      label + (isLowBase ? " (low base)" : ""),
      toWidth: labelWidth - 6
    )
    return SVGMarkup.text(
      text,
      x: labelWidth,
      y: y + barHeight / 2 + 4,
      anchor: "end",
      className: "label"
    )
  }

  /// A breakdown heading across the chart.
  func heading(_ text: String, y: Double) -> String {
    SVGMarkup.text(
      SVGMarkup.truncated(text, toWidth: width - 12),
      x: 4,
      y: y + 16,
      className: "heading"
    )
  }
}

/// Stacked 100% horizontal bars of the distribution of answers, one bar per group.
///
/// The whole sample comes first, then each breakdown's groups, with a legend. Hidden values are
/// gathered into one hatched segment at the end of the bar, whose width is what the shown
/// figures already imply.
struct SVGStackedBarChart: Sendable {
  /// One group's bar.
  struct Bar: Sendable {
    /// The group's name.
    var label: String
    /// Whether the group's base is under 30.
    var isLowBase: Bool
    /// One value per category, in percent.
    var segments: [SVGChartValue]
    /// Whether the whole group is hidden.
    var isHidden: Bool
    /// The base as shown: `n=262` or `n=*`.
    var baseText: String
  }

  /// The id prefix of the chart's elements (generated, never from data).
  var chartID: String
  /// What the chart shows (announced by screen readers).
  var title: String
  /// A longer description (announced by screen readers).
  var description: String
  /// The category labels, in order.
  var categories: [String]
  /// The categories' fills.
  var palette: SVGPalette
  /// The bars, with breakdown headings.
  var lines: [SVGChartLine<Bar>]
  /// The chart's width in pixels.
  var width: Double
  /// Decimal places of percentages.
  var decimals: Int

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*g* × *c*) for *g* bars and *c* categories.
  func markup() -> String {
    let rows = lines.compactMap { line -> Bar? in
      if case .row(let bar) = line { return bar }
      return nil
    }
    let layout = RowLayout(
      width: width,
      labels: rows.map { $0.label + ($0.isLowBase ? " (low base)" : "") },
      rightColumn: 72
    )
    let hasHidden = rows.contains { $0.isHidden || $0.segments.contains(.hidden) }
    var body: [String] = []
    var y = layout.top
    for line in lines {
      switch line {
      case .heading(let text):
        body.append(layout.heading(text, y: y))
        y += layout.headingHeight
      case .row(let bar):
        body.append(layout.rowLabel(bar.label, isLowBase: bar.isLowBase, y: y))
        body.append(contentsOf: segments(of: bar, layout: layout, y: y))
        body.append(
          SVGMarkup.text(
            bar.baseText,
            x: layout.plotX + layout.plotWidth + 6,
            y: y + layout.barHeight / 2 + 4,
            className: "base"
          )
        )
        y += layout.rowHeight
      }
    }
    body.append(
      contentsOf: SVGMarkup.percentAxis(x: layout.plotX, width: layout.plotWidth, y: y, step: 25)
    )
    y += 28
    var entries = categories.indices.map {
      SVGMarkup.LegendEntry(label: categories[$0], fill: palette.fill(at: $0, chartID: chartID))
    }
    if hasHidden { entries.append(hiddenLegendEntry(chartID: chartID)) }
    let legend = SVGMarkup.legend(entries: entries, x: 4, y: y, width: width - 8)
    body.append(contentsOf: legend.markup)
    y += legend.height + 4
    return SVGMarkup.document(
      chartID: chartID,
      width: width,
      height: y,
      title: title,
      description: description,
      definitions: palette.patternDefinitions(chartID: chartID),
      body: body
    )
  }

  private func segments(of bar: Bar, layout: RowLayout, y: Double) -> [String] {
    let x = layout.plotX
    let plotWidth = layout.plotWidth
    let height = layout.barHeight
    let shown: [(index: Int, percent: Double)] = bar.segments.enumerated().compactMap {
      index,
      value in
      if case .shown(let percent) = value, percent > 0 { return (index, percent) }
      return nil
    }
    let hasHiddenSegment = bar.segments.contains(.hidden)
    if bar.isHidden || (shown.isEmpty && hasHiddenSegment) {
      return [
        SVGMarkup.rect(
          x: x,
          y: y,
          width: plotWidth,
          height: height,
          fill: SVGMarkup.hiddenFill(chartID: chartID),
          extra: " class=\"hidden-mark\"",
          tooltip: "\(bar.label): hidden to protect small counts"
        ),
        SVGMarkup.text(
          "hidden to protect small counts",
          x: x + plotWidth / 2,
          y: y + height / 2 + 4,
          anchor: "middle",
          className: "value"
        ),
      ]
    }
    if shown.isEmpty {
      return [
        SVGMarkup.rect(
          x: x,
          y: y,
          width: plotWidth,
          height: height,
          fill: "none",
          extra: " class=\"empty-mark\""
        ),
        SVGMarkup.text(
          "no answers",
          x: x + plotWidth / 2,
          y: y + height / 2 + 4,
          anchor: "middle",
          className: "value"
        ),
      ]
    }
    let total = shown.reduce(0) { $0 + $1.percent }
    // With hidden values, shown segments keep their own widths and the rest of the bar is hatched;
    // without, widths are scaled to fill the bar (rounded counts need not add up to 100%).
    let scale = hasHiddenSegment ? (total > 100 ? 100 / total : 1) : 100 / total
    var parts: [String] = []
    var cursor = x
    for (index, percent) in shown {
      let segmentWidth = plotWidth * percent * scale / 100
      let label = "\(fixed(percent, decimals: decimals))%"
      parts.append(
        SVGMarkup.rect(
          x: cursor,
          y: y,
          width: segmentWidth,
          height: height,
          fill: palette.fill(at: index, chartID: chartID),
          extra: " class=\"segment\"",
          tooltip: "\(bar.label), \(categories[index]): \(label)"
        )
      )
      if SVGMarkup.textWidth(label) + 6 <= segmentWidth {
        parts.append(
          SVGMarkup.text(
            label,
            x: cursor + segmentWidth / 2,
            y: y + height / 2 + 4,
            anchor: "middle",
            className: "value"
          )
        )
      }
      cursor += segmentWidth
    }
    if hasHiddenSegment {
      let rest = max(0, x + plotWidth - cursor)
      parts.append(
        SVGMarkup.rect(
          x: cursor,
          y: y,
          width: rest,
          height: height,
          fill: SVGMarkup.hiddenFill(chartID: chartID),
          extra: " class=\"hidden-mark\"",
          tooltip: "\(bar.label): some answers hidden to protect small counts"
        )
      )
      if rest >= 14 {
        parts.append(
          SVGMarkup.text(
            "*",
            x: cursor + rest / 2,
            y: y + height / 2 + 4,
            anchor: "middle",
            className: "value"
          )
        )
      }
    }
    return parts
  }
}

/// Horizontal bars of a percentage per category, not stacked (multi-select answers, where a
/// respondent may be counted under several options), in blocks per group.
struct SVGPercentBarChart: Sendable {
  /// One bar.
  struct Bar: Sendable {
    /// The option's label.
    var label: String
    /// The percentage.
    var value: SVGChartValue
  }

  /// The id prefix of the chart's elements.
  var chartID: String
  /// What the chart shows.
  var title: String
  /// A longer description.
  var description: String
  /// The bars, with group headings.
  var lines: [SVGChartLine<Bar>]
  /// The chart's width in pixels.
  var width: Double
  /// Decimal places of percentages.
  var decimals: Int

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*n*) in the number of bars.
  func markup() -> String {
    let rows = lines.compactMap { line -> Bar? in
      if case .row(let bar) = line { return bar }
      return nil
    }
    let layout = RowLayout(width: width, labels: rows.map(\.label), rightColumn: 16)
    let hasHidden = rows.contains { $0.value == .hidden }
    let plotTop = layout.top
    let plotBottom = layout.top + layout.height(of: lines)
    var body: [String] = []
    // Grid first, so that bars sit on top of it.
    body.append(
      contentsOf: SVGMarkup.percentAxis(
        x: layout.plotX,
        width: layout.plotWidth,
        y: plotBottom,
        step: 20,
        gridTop: plotTop
      )
    )
    var y = layout.top
    for line in lines {
      switch line {
      case .heading(let text):
        body.append(layout.heading(text, y: y))
        y += layout.headingHeight
      case .row(let bar):
        body.append(layout.rowLabel(bar.label, isLowBase: false, y: y))
        let middle = y + layout.barHeight / 2 + 4
        switch bar.value {
        case .shown(let percent):
          let barWidth = layout.plotWidth * min(max(percent, 0), 100) / 100
          let label = "\(fixed(percent, decimals: decimals))%"
          body.append(
            SVGMarkup.rect(
              x: layout.plotX,
              y: y + 2,
              width: barWidth,
              height: layout.barHeight - 4,
              fill: "#0072b2",
              extra: " class=\"segment\"",
              tooltip: "\(bar.label): \(label)"
            )
          )
          let labelWidth = SVGMarkup.textWidth(label)
          if layout.plotX + barWidth + 4 + labelWidth <= layout.plotX + layout.plotWidth {
            body.append(
              SVGMarkup.text(label, x: layout.plotX + barWidth + 4, y: middle, className: "value")
            )
          } else {
            body.append(
              SVGMarkup.text(
                label,
                x: layout.plotX + barWidth - 4,
                y: middle,
                anchor: "end",
                className: "value"
              )
            )
          }
        case .hidden:
          body.append(
            SVGMarkup.rect(
              x: layout.plotX,
              y: y + 2,
              width: 24,
              height: layout.barHeight - 4,
              fill: SVGMarkup.hiddenFill(chartID: chartID),
              extra: " class=\"hidden-mark\"",
              tooltip: "\(bar.label): hidden to protect small counts"
            )
          )
          body.append(
            SVGMarkup.text("* hidden", x: layout.plotX + 30, y: middle, className: "value")
          )
        case .absent:
          body.append(
            SVGMarkup.text("no answers", x: layout.plotX + 4, y: middle, className: "value")
          )
        }
        y += layout.rowHeight
      }
    }
    y = plotBottom + 28
    if hasHidden {
      let legend = SVGMarkup.legend(
        entries: [hiddenLegendEntry(chartID: chartID)],
        x: 4,
        y: y,
        width: width - 8
      )
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
}

/// A dot-and-whisker plot of percentages with their intervals, on an axis from 0% to 100%.
///
/// One row for the whole sample and one per group; groups with a low base are drawn as hollow
/// dots.
struct SVGDotWhiskerChart: Sendable {
  /// One group's estimate.
  struct Point: Sendable {
    /// The group's name.
    var label: String
    /// Whether the group's base is under 30.
    var isLowBase: Bool
    /// The percentage.
    var value: SVGChartValue
    /// The interval, in percent.
    var lower: Double?
    /// The interval's upper end, in percent.
    var upper: Double?
  }

  /// The id prefix of the chart's elements.
  var chartID: String
  /// What the chart shows.
  var title: String
  /// A longer description.
  var description: String
  /// The points, with breakdown headings.
  var lines: [SVGChartLine<Point>]
  /// The chart's width in pixels.
  var width: Double
  /// Decimal places of percentages.
  var decimals: Int

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*n*) in the number of points.
  func markup() -> String {
    let rows = lines.compactMap { line -> Point? in
      if case .row(let point) = line { return point }
      return nil
    }
    let valueColumn =
      20 + SVGMarkup.textWidth(decimals > 0 ? "100.0% (100.0-100.0)" : "100% (100-100)")
    let layout = RowLayout(
      width: width,
      labels: rows.map { $0.label + ($0.isLowBase ? " (low base)" : "") },
      rightColumn: valueColumn
    )
    let hasHidden = rows.contains { $0.value == .hidden }
    let hasLowBase = rows.contains { $0.isLowBase && $0.value != .hidden }
    let plotBottom = layout.top + layout.height(of: lines)
    let scale = { (percent: Double) in
      layout.plotX + layout.plotWidth * min(max(percent, 0), 100) / 100
    }
    var body: [String] = []
    body.append(
      contentsOf: SVGMarkup.percentAxis(
        x: layout.plotX,
        width: layout.plotWidth,
        y: plotBottom,
        step: 10,
        gridTop: layout.top
      )
    )
    var y = layout.top
    for line in lines {
      switch line {
      case .heading(let text):
        body.append(layout.heading(text, y: y))
        y += layout.headingHeight
      case .row(let point):
        body.append(layout.rowLabel(point.label, isLowBase: point.isLowBase, y: y))
        let middle = y + layout.barHeight / 2
        let valueX = layout.plotX + layout.plotWidth + 8
        switch point.value {
        case .shown(let percent):
          var label = "\(fixed(percent, decimals: decimals))%"
          if let lower = point.lower, let upper = point.upper {
            label +=
              " (\(fixed(lower, decimals: decimals))\u{2013}\(fixed(upper, decimals: decimals)))"
            body.append(
              SVGMarkup.line(
                x1: scale(lower),
                y1: middle,
                x2: scale(upper),
                y2: middle,
                className: "whisker"
              )
            )
            for end in [lower, upper] {
              body.append(
                SVGMarkup.line(
                  x1: scale(end),
                  y1: middle - 5,
                  x2: scale(end),
                  y2: middle + 5,
                  className: "whisker"
                )
              )
            }
          }
          let dotClass = point.isLowBase ? "dot low-base" : "dot"
          body.append(
            "<circle cx=\"\(SVGMarkup.number(scale(percent)))\" "
              + "cy=\"\(SVGMarkup.number(middle))\" r=\"5\" "
              + "class=\"\(dotClass)\"><title>\(escapedForHTML(point.label + ": " + label))</title>"
              + "</circle>"
          )
          body.append(SVGMarkup.text(label, x: valueX, y: middle + 4, className: "value"))
        case .hidden:
          body.append(
            SVGMarkup.rect(
              x: layout.plotX + 2,
              y: middle - 6,
              width: 12,
              height: 12,
              fill: SVGMarkup.hiddenFill(chartID: chartID),
              extra: " class=\"hidden-mark\"",
              tooltip: "\(point.label): hidden to protect small counts"
            )
          )
          body.append(SVGMarkup.text("* hidden", x: valueX, y: middle + 4, className: "value"))
        case .absent:
          body.append(SVGMarkup.text("no answers", x: valueX, y: middle + 4, className: "value"))
        }
        y += layout.rowHeight
      }
    }
    y = plotBottom + 28
    var entries: [SVGMarkup.LegendEntry] = []
    if hasLowBase {
      entries.append(
        SVGMarkup.LegendEntry(
          label: "Hollow dot: base under 30",
          fill: "#ffffff",
          isRound: true,
          stroke: "#0072b2"
        )
      )
    }
    if hasHidden { entries.append(hiddenLegendEntry(chartID: chartID)) }
    var legendHeight = 0.0
    if !entries.isEmpty || rows.contains(where: { $0.lower != nil }) {
      entries.insert(
        SVGMarkup.LegendEntry(
          label: "Dot: percentage; whiskers: confidence interval",
          fill: "#0072b2",
          isRound: true,
          stroke: "#1a1a1a"
        ),
        at: 0
      )
      let legend = SVGMarkup.legend(entries: entries, x: 4, y: y, width: width - 8)
      body.append(contentsOf: legend.markup)
      legendHeight = legend.height + 4
    }
    y += legendHeight
    return SVGMarkup.document(
      chartID: chartID,
      width: width,
      height: y,
      title: title,
      description: description,
      body: body
    )
  }
}

/// A histogram of a score's values for the whole sample: one vertical bar per bin, hidden bins
/// drawn as short hatched markers with an asterisk.
struct SVGHistogramChart: Sendable {
  /// One bin.
  struct Bin: Sendable {
    /// The bin's label: `6` or `6-8`.
    var label: String
    /// Its count.
    var count: SVGChartValue
  }

  /// The id prefix of the chart's elements.
  var chartID: String
  /// What the chart shows.
  var title: String
  /// A longer description.
  var description: String
  /// The bins, in order.
  var bins: [Bin]
  /// The axis title under the bins.
  var valueTitle: String
  /// The chart's width in pixels.
  var width: Double

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*b*) in the number of bins.
  func markup() -> String {
    let left = 52.0
    let right = 12.0
    let top = 18.0
    let plotHeight = 200.0
    let plotWidth = max(120, width - left - right)
    let slot = plotWidth / Double(max(bins.count, 1))
    let labelWidths = bins.map { SVGMarkup.textWidth($0.label) }
    let rotates = (labelWidths.max() ?? 0) > slot - 4
    let labelDepth = rotates ? (labelWidths.max() ?? 0) * 0.72 + 14 : 18
    let counts = bins.compactMap { bin -> Double? in
      if case .shown(let count) = bin.count { return count }
      return nil
    }
    let step = Self.niceStep(for: max(counts.max() ?? 1, 1) / 4)
    let axisMaximum = max(step, ((counts.max() ?? 1) / step).rounded(.up) * step)
    let baseline = top + plotHeight
    var body: [String] = []
    var tick = 0.0
    while tick <= axisMaximum + step / 2 {
      let tickY = baseline - plotHeight * tick / axisMaximum
      body.append(
        SVGMarkup.line(
          x1: left,
          y1: tickY,
          x2: left + plotWidth,
          y2: tickY,
          className: tick == 0 ? "axis" : "grid"
        )
      )
      body.append(
        SVGMarkup.text(
          SVGMarkup.number(tick),
          x: left - 6,
          y: tickY + 4,
          anchor: "end",
          className: "tick"
        )
      )
      tick += step
    }
    body.append(
      SVGMarkup.text(
        "Respondents",
        x: 12,
        y: top + plotHeight / 2,
        anchor: "middle",
        className: "tick",
        extra: " transform=\"rotate(-90 12 \(SVGMarkup.number(top + plotHeight / 2)))\""
      )
    )
    let hasHidden = bins.contains { $0.count == .hidden }
    for (index, bin) in bins.enumerated() {
      let x = left + slot * Double(index)
      let center = x + slot / 2
      switch bin.count {
      case .shown(let count):
        let barHeight = plotHeight * count / axisMaximum
        body.append(
          SVGMarkup.rect(
            x: x + 1,
            y: baseline - barHeight,
            width: slot - 2,
            height: barHeight,
            fill: "#3b528b",
            extra: " class=\"segment\"",
            tooltip: "\(valueTitle) \(bin.label): \(SVGMarkup.number(count))"
          )
        )
        let label = SVGMarkup.number(count)
        if SVGMarkup.textWidth(label) <= slot {
          body.append(
            SVGMarkup.text(
              label,
              x: center,
              y: baseline - barHeight - 4,
              anchor: "middle",
              className: "value"
            )
          )
        }
      case .hidden:
        body.append(
          SVGMarkup.rect(
            x: x + 1,
            y: baseline - 14,
            width: slot - 2,
            height: 14,
            fill: SVGMarkup.hiddenFill(chartID: chartID),
            extra: " class=\"hidden-mark\"",
            tooltip: "\(valueTitle) \(bin.label): hidden to protect small counts"
          )
        )
        body.append(
          SVGMarkup.text("*", x: center, y: baseline - 18, anchor: "middle", className: "value")
        )
      case .absent:
        break
      }
      let labelY = baseline + 14
      if rotates {
        body.append(
          SVGMarkup.text(
            bin.label,
            x: center,
            y: labelY,
            anchor: "end",
            className: "tick",
            extra:
              " transform=\"rotate(-45 \(SVGMarkup.number(center)) \(SVGMarkup.number(labelY)))\""
          )
        )
      } else {
        body.append(
          SVGMarkup.text(bin.label, x: center, y: labelY, anchor: "middle", className: "tick")
        )
      }
    }
    var y = baseline + labelDepth + 6
    body.append(
      SVGMarkup.text(
        valueTitle,
        x: left + plotWidth / 2,
        y: y + 8,
        anchor: "middle",
        className: "tick"
      )
    )
    y += 18
    if hasHidden {
      let legend = SVGMarkup.legend(
        entries: [hiddenLegendEntry(chartID: chartID)],
        x: 4,
        y: y,
        width: width - 8
      )
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

  /// 1, 2 or 5 times a power of ten, at least `rough` and at least 1.
  static func niceStep(for rough: Double) -> Double {
    guard rough > 1 else { return 1 }
    var magnitude = 1.0
    while magnitude * 10 <= rough { magnitude *= 10 }
    for multiple in [1.0, 2.0, 5.0, 10.0] where multiple * magnitude >= rough {
      return multiple * magnitude
    }
    return 10 * magnitude
  }
}
