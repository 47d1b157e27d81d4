import SurveyInstruments

/// Draws ``Document/PercentBars``: horizontal bars of a percentage per option, not stacked
/// (multi-select answers, where a respondent may be counted under several options), in blocks
/// per group, on a grid from 0% to 100%.
struct SVGPercentBars {
  let frame: SVGFrame
  let data: Document.PercentBars

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*n*) in the number of bars.
  func markup() -> String {
    let rows = data.lines.compactMap(\.row)
    let layout = SVGRowLayout(
      width: frame.width,
      labels: rows.map(\.label),
      rightColumn: 20,
      isNarrow: frame.isNarrow || data.labelsAbove
    )
    // Grid first, so that bars sit on top of it.
    var (body, plotBottom) = layout.percentGrid(under: data.lines, step: 20)
    _ = layout.draw(data.lines, into: &body) { bar, y in
      [layout.rowLabel(bar.label, isLowBase: false, y: y)]
        + marks(of: bar, layout: layout, y: layout.barY(y))
    }
    var y = plotBottom + 28
    if rows.contains(where: { $0.value == .hidden }) {
      SVGMarkup.addLegend(
        [SVGMarkup.hiddenLegendEntry(chartID: frame.chartID)],
        width: frame.width,
        to: &body,
        y: &y
      )
    }
    return frame.document(height: y, body: body)
  }

  /// The bar and its label, the hidden marker, or `no answers`.
  private func marks(
    of bar: Document.Bar,
    layout: SVGRowLayout,
    y: Double
  )
    -> [String]
  {
    let middle = y + layout.barHeight / 2 + 4
    switch bar.value {
    case .shown(let percent):
      let barWidth = layout.plotWidth * min(max(percent, 0), 100) / 100
      let label = "\(fixed(percent, decimals: data.decimals))%"
      let fitsAfter =
        layout.plotX + barWidth + 4 + SVGMarkup.textWidth(label) <= layout.plotX + layout.plotWidth
      return [
        SVGMarkup.rect(
          x: layout.plotX,
          y: y,
          width: barWidth,
          height: layout.barHeight,
          fill: "#0072b2",
          extra: " class=\"segment\"",
          tooltip: "\(bar.label): \(label)"
        ),
        SVGMarkup.text(
          label,
          x: layout.plotX + barWidth + (fitsAfter ? 4 : -4),
          y: middle,
          anchor: fitsAfter ? "start" : "end",
          className: fitsAfter ? "value" : "segment-label",
          extra: fitsAfter ? "" : " style=\"fill:#ffffff\""
        ),
      ]
    case .hidden:
      return [
        SVGMarkup.rect(
          x: layout.plotX,
          y: y,
          width: 24,
          height: layout.barHeight,
          fill: frame.hiddenFill,
          extra: " class=\"hidden-mark\"",
          tooltip: "\(bar.label): hidden to protect small counts"
        ),
        SVGMarkup.text("* hidden", x: layout.plotX + 30, y: middle, className: "value"),
      ]
    case .absent:
      return [SVGMarkup.text("no answers", x: layout.plotX + 4, y: middle, className: "value")]
    }
  }
}
