import SurveyInstruments

/// Draws ``Document/PercentIntervals``: a dot-and-whisker plot of percentages with their
/// intervals, on an axis from 0% to 100%, one row per group; groups with a low base are drawn as
/// hollow dots.
struct SVGPercentIntervals {
  let frame: SVGFrame
  let data: Document.PercentIntervals

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*n*) in the number of rows.
  func markup() -> String {
    let rows = data.lines.compactMap(\.row)
    let valueColumn =
      20 + SVGMarkup.textWidth(data.decimals > 0 ? "100.0% (100.0-100.0)" : "100% (100-100)")
    let layout = SVGRowLayout(
      width: frame.width,
      labels: rows.map { SVGRowLayout.label($0.label, isLowBase: $0.isLowBase) },
      rightColumn: valueColumn
    )
    var (body, plotBottom) = layout.percentGrid(under: data.lines, step: 10)
    _ = layout.draw(data.lines, into: &body) { estimate, y in
      [layout.rowLabel(estimate.label, isLowBase: estimate.isLowBase, y: y)]
        + marks(of: estimate, layout: layout, middle: y + layout.barHeight / 2)
    }
    var y = plotBottom + 28
    var entries: [SVGMarkup.LegendEntry] = []
    if rows.contains(where: { $0.isLowBase && $0.value != .hidden }) {
      entries.append(
        SVGMarkup.LegendEntry(
          label: "Hollow dot: base under 30",
          fill: "#ffffff",
          isRound: true,
          stroke: "#0072b2"
        )
      )
    }
    if rows.contains(where: { $0.value == .hidden }) {
      entries.append(SVGMarkup.hiddenLegendEntry(chartID: frame.chartID))
    }
    if !entries.isEmpty || rows.contains(where: { $0.interval != nil }) {
      entries.insert(
        SVGMarkup.dotLegendEntry("Dot: percentage; whiskers: confidence interval"),
        at: 0
      )
      SVGMarkup.addLegend(entries, width: frame.width, to: &body, y: &y)
    }
    return frame.document(height: y, body: body)
  }

  /// The whisker, dot and value of a shown estimate; the hidden marker; or `no answers`.
  private func marks(
    of estimate: Document.Estimate,
    layout: SVGRowLayout,
    middle: Double
  )
    -> [String]
  {
    let valueX = layout.plotX + layout.plotWidth + 8
    let decimals = data.decimals
    func x(_ percent: Double) -> Double {
      layout.plotX + layout.plotWidth * min(max(percent, 0), 100) / 100
    }
    switch estimate.value {
    case .shown(let percent):
      var label = "\(fixed(percent, decimals: decimals))%"
      if let interval = estimate.interval {
        label +=
          " (\(fixed(interval.lower, decimals: decimals))\u{2013}"
          + "\(fixed(interval.upper, decimals: decimals)))"
      }
      return SVGRowLayout.whisker(
        lower: estimate.interval.map { x($0.lower) },
        upper: estimate.interval.map { x($0.upper) },
        middle: middle
      ) + [
        SVGRowLayout.dot(
          x: x(percent),
          y: middle,
          className: estimate.isLowBase ? "dot low-base" : "dot",
          tooltip: estimate.label + ": " + label
        ),
        SVGMarkup.text(label, x: valueX, y: middle + 4, className: "value"),
      ]
    case .hidden:
      return layout.hiddenEstimate(
        label: estimate.label,
        middle: middle,
        valueX: valueX,
        chartID: frame.chartID
      )
    case .absent:
      return [SVGMarkup.text("no answers", x: valueX, y: middle + 4, className: "value")]
    }
  }
}
