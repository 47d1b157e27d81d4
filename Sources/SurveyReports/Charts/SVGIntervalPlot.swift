import SurveyInstruments

/// Draws ``Document/IntervalPlot``: estimates with intervals on a numeric axis, one row each:
/// differences from a reference with a line at zero, means on a score's scale, or a
/// before-and-after pair joined by a line (a hollow dot at baseline, a filled dot at follow-up).
///
/// The axis is the chart data's own (``Document/IntervalPlot/axis``): a score's whole range
/// for means, and for differences an axis symmetric about zero.
struct SVGIntervalPlot {
  let frame: SVGFrame
  let data: Document.IntervalPlot

  private var isPaired: Bool { data.rows.contains { $0.baseline != nil } }

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*n*) in the number of rows.
  func markup() -> String {
    let rows = data.rows
    let values = rows.map(valueText)
    let layout = SVGRowLayout(
      width: frame.width,
      labels: rows.map { SVGRowLayout.label($0.label, isLowBase: $0.isLowBase) },
      rightColumn: 16 + (values.map { SVGMarkup.textWidth($0) }.max() ?? 40),
      isNarrow: frame.isNarrow || data.labelsAbove
    )
    let axis = data.axis
    func x(_ value: Double) -> Double {
      layout.plotX + layout.plotWidth * (min(max(value, axis.lower), axis.upper) - axis.lower)
        / (axis.upper - axis.lower)
    }
    let top = layout.top
    let plotBottom = top + layout.height(of: data.lines) + 2
    var body: [String] = []
    for tick in shownTicks(axis, plotWidth: layout.plotWidth) {
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
      // A label centred under its tick, moved in so that it stays inside the chart: with
      // labels above the rows the axis starts near the chart's left edge.
      let label = tickLabel(tick, step: axis.step)
      let half = SVGMarkup.textWidth(label) / 2
      body.append(
        SVGMarkup.text(
          label,
          x: min(max(x(tick), half + 2), frame.width - half - 2),
          y: plotBottom + 17,
          anchor: "middle",
          className: "tick"
        )
      )
    }
    body.append(
      SVGMarkup.line(
        x1: layout.plotX,
        y1: plotBottom,
        x2: layout.plotX + layout.plotWidth,
        y2: plotBottom,
        className: "axis"
      )
    )
    if data.showsZero && axis.lower < 0 && axis.upper > 0 {
      body.append(SVGMarkup.line(x1: x(0), y1: top, x2: x(0), y2: plotBottom, className: "zero"))
    }
    _ = layout.draw(data.lines, into: &body) { row, y in
      let value = valueText(row)
      return [layout.rowLabel(row.label, isLowBase: row.isLowBase, y: y, value: value)]
        + marks(of: row, value: value, layout: layout, y: y, x: x)
    }
    var y = plotBottom + 30
    SVGMarkup.addLegend(legend(rows), width: frame.width, to: &body, y: &y)
    return frame.document(height: y, body: body)
  }

  /// The legend: each symbol the chart draws, drawn, with what it means.
  private func legend(_ rows: [Document.Estimate]) -> [SVGMarkup.LegendEntry] {
    let shown = rows.filter {
      if case .shown = $0.value { return true }
      return false
    }
    var entries: [SVGMarkup.LegendEntry] = []
    if shown.contains(where: { $0.baseline != nil }) {
      entries.append(SVGMarkup.LegendEntry(label: data.pairNames.baseline, symbol: .hollowDot))
      entries.append(SVGMarkup.LegendEntry(label: data.pairNames.followUp, symbol: .dot))
    }
    let single = shown.filter { $0.baseline == nil }
    let what = data.showsZero ? "Difference" : "Estimate"
    if single.contains(where: { $0.interval != nil }) {
      entries.append(SVGMarkup.LegendEntry(label: "\(what) and its interval", symbol: .estimate))
    }
    if single.contains(where: { $0.interval == nil && !$0.isLowBase }) {
      entries.append(SVGMarkup.LegendEntry(label: what, symbol: .dot))
    }
    if single.contains(where: \.isLowBase) {
      entries.append(SVGMarkup.LegendEntry(label: "Base under 30", symbol: .hollowDot))
    }
    if data.showsZero {
      entries.append(SVGMarkup.LegendEntry(label: "No difference (zero)", symbol: .zeroLine))
    }
    if rows.contains(where: { $0.value == .hidden }) {
      entries.append(SVGMarkup.hiddenLegendEntry(chartID: frame.chartID))
    }
    return entries
  }

  /// The ticks that fit: every other one is dropped until their labels stand clear of each
  /// other (a gap of at least 14 pixels, so that `−30 pp −20 pp` does not read as one run).
  private func shownTicks(_ axis: ChartAxis, plotWidth: Double) -> [Double] {
    var ticks = axis.ticks
    let widest = ticks.map { SVGMarkup.textWidth(tickLabel($0, step: axis.step)) }.max() ?? 30
    let perTick = plotWidth / max((axis.upper - axis.lower), 1e-9)
    func crowded(_ ticks: [Double]) -> Bool {
      zip(ticks, ticks.dropFirst()).contains { ($1 - $0) * perTick < widest + 14 }
    }
    while ticks.count > 2 && crowded(ticks) {
      let ends = (ticks.first ?? axis.lower, ticks.last ?? axis.upper)
      var kept = ticks.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
      if kept.last != ends.1 { kept[kept.count - 1] = ends.1 }
      if data.showsZero, ticks.contains(0), !kept.contains(0) {
        kept = [ends.0, 0, ends.1]
      }
      if kept.count == ticks.count { break }
      ticks = kept
    }
    return ticks
  }

  /// A value as written beside its dot: `7.3`, `+0.4 pp`, `17% → 15%`, `* hidden`.
  private func valueText(_ row: Document.Estimate) -> String {
    let decimals = data.decimals
    let unit = data.unit
    switch row.value {
    case .shown(let value):
      let text =
        data.showsZero && row.baseline == nil
        ? signed(value, places: decimals) : fixed(value, decimals: decimals)
      if let baseline = row.baseline {
        return "\(fixed(baseline, decimals: decimals))\(unit) \u{2192} \(text)\(unit)"
      }
      return text + unit
    case .hidden: return "* hidden"
    case .absent: return "not computed"
    }
  }

  /// The marks of one row: whisker, baseline dot and line, dot and value; the hidden marker; or
  /// `not computed`.
  private func marks(
    of row: Document.Estimate,
    value: String,
    layout: SVGRowLayout,
    y: Double,
    x: (Double) -> Double
  ) -> [String] {
    let middle = layout.middle(y)
    switch row.value {
    case .shown(let estimate):
      var marks = SVGRowLayout.whisker(
        lower: row.interval.map { x($0.lower) },
        upper: row.interval.map { x($0.upper) },
        middle: middle
      )
      if let baseline = row.baseline {
        marks.append(
          SVGMarkup.line(
            x1: x(baseline),
            y1: middle,
            x2: x(estimate),
            y2: middle,
            className: "pair"
          )
        )
        marks.append(
          SVGRowLayout.dot(
            x: x(baseline),
            y: middle,
            className: "dot hollow",
            tooltip: "\(row.label), \(data.pairNames.baseline): "
              + "\(fixed(baseline, decimals: data.decimals))\(data.unit)"
          )
        )
      }
      marks.append(
        SVGRowLayout.dot(
          x: x(estimate),
          y: middle,
          className: row.isLowBase && row.baseline == nil ? "dot hollow" : "dot",
          tooltip: "\(row.label): \(value)"
        )
      )
      marks.append(layout.rowValue(value, y: y))
      return marks
    case .hidden:
      return layout.hiddenEstimate(label: row.label, y: y, chartID: frame.chartID)
    case .absent:
      return [layout.rowValue(value, y: y)]
    }
  }

  /// A tick's label with as many decimals as the step needs, and the unit as values have it
  /// (`−30 pp`, `20%`).
  private func tickLabel(_ value: Double, step: Double) -> String {
    var places = 0
    var scaled = step
    while scaled < 1 && places < 4 {
      scaled *= 10
      places += 1
    }
    if value.rounded() != value && places == 0 { places = 1 }
    let text = fixed(abs(value) < step / 1000 ? 0 : value, decimals: places)
    return withMinusSigns(text + data.unit)
  }
}
