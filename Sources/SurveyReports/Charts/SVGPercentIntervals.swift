import SurveyInstruments

/// Draws ``Document/PercentIntervals``: a dot-and-whisker plot of percentages with their
/// intervals, on an axis from 0% to 100%, one row per group; groups with a low base are drawn as
/// hollow dots and named `(low base)`.
struct SVGPercentIntervals {
  let frame: SVGFrame
  let data: Document.PercentIntervals

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*n*) in the number of rows.
  func markup() -> String {
    let rows = data.lines.compactMap(\.row)
    let valueColumn =
      14 + SVGMarkup.textWidth(data.decimals > 0 ? "100.0% (100.0-100.0)" : "100% (100-100)")
    let layout = SVGRowLayout(
      width: frame.width,
      labels: rows.map { SVGRowLayout.label($0.label, isLowBase: $0.isLowBase) },
      rightColumn: valueColumn,
      isNarrow: frame.isNarrow || data.labelsAbove
    )
    var (body, plotBottom) = layout.percentGrid(under: data.lines, step: 10)
    _ = layout.draw(data.lines, into: &body) { estimate, y in
      let value = valueText(of: estimate)
      return [layout.rowLabel(estimate.label, isLowBase: estimate.isLowBase, y: y, value: value)]
        + marks(of: estimate, value: value, layout: layout, y: y)
    }
    var y = plotBottom + 30
    let shown = rows.filter {
      if case .shown = $0.value { return true }
      return false
    }
    var entries: [SVGMarkup.LegendEntry] = []
    if shown.contains(where: { $0.interval != nil }) {
      entries.append(SVGMarkup.LegendEntry(label: "Percentage and its interval", symbol: .estimate))
    }
    if shown.contains(where: { $0.interval == nil && !$0.isLowBase }) {
      entries.append(SVGMarkup.LegendEntry(label: "Percentage", symbol: .dot))
    }
    if shown.contains(where: \.isLowBase) {
      entries.append(SVGMarkup.LegendEntry(label: "Base under 30", symbol: .hollowDot))
    }
    if rows.contains(where: { $0.value == .hidden }) {
      entries.append(SVGMarkup.hiddenLegendEntry(chartID: frame.chartID))
    }
    SVGMarkup.addLegend(entries, width: frame.width, to: &body, y: &y)
    return frame.document(height: y, body: body)
  }

  /// `37% (31-43)`, `* hidden` or `no answers`.
  private func valueText(of estimate: Document.Estimate) -> String {
    let decimals = data.decimals
    switch estimate.value {
    case .shown(let percent):
      var label = "\(fixed(percent, decimals: decimals))%"
      if let interval = estimate.interval {
        label +=
          " (\(fixed(interval.lower, decimals: decimals))\u{2013}"
          + "\(fixed(interval.upper, decimals: decimals)))"
      }
      return label
    case .hidden: return "* hidden"
    case .absent: return "no answers"
    }
  }

  /// The whisker, dot and value of a shown estimate; the hidden marker; or `no answers`.
  private func marks(
    of estimate: Document.Estimate,
    value: String,
    layout: SVGRowLayout,
    y: Double
  ) -> [String] {
    let middle = layout.middle(y)
    func x(_ percent: Double) -> Double {
      layout.plotX + layout.plotWidth * min(max(percent, 0), 100) / 100
    }
    switch estimate.value {
    case .shown(let percent):
      return SVGRowLayout.whisker(
        lower: estimate.interval.map { x($0.lower) },
        upper: estimate.interval.map { x($0.upper) },
        middle: middle
      ) + [
        SVGRowLayout.dot(
          x: x(percent),
          y: middle,
          className: estimate.isLowBase ? "dot hollow" : "dot",
          tooltip: estimate.label + ": " + value
        ),
        layout.rowValue(value, y: y),
      ]
    case .hidden:
      return layout.hiddenEstimate(label: estimate.label, y: y, chartID: frame.chartID)
    case .absent:
      return [layout.rowValue(value, y: y)]
    }
  }
}
