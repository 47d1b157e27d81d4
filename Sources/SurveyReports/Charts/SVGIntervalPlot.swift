import SurveyInstruments

/// Draws ``Document/IntervalPlot``: estimates with intervals on a numeric axis, one row each:
/// differences from a reference with a line at zero, means on a score's scale, or a
/// before-and-after pair joined by a line (a hollow dot at baseline, a filled dot at follow-up).
struct SVGIntervalPlot {
  let frame: SVGFrame
  let data: Document.IntervalPlot

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*n*) in the number of rows.
  func markup() -> String {
    let rows = data.rows
    let layout = SVGRowLayout(
      width: frame.width,
      labels: rows.map { SVGRowLayout.label($0.label, isLowBase: $0.isLowBase) },
      rightColumn: 76
    )
    let (low, high, step) = axis()
    func x(_ value: Double) -> Double {
      layout.plotX + layout.plotWidth * (min(max(value, low), high) - low) / (high - low)
    }
    let top = layout.top
    let plotBottom = top + Double(rows.count) * layout.rowHeight + 4
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
          Self.tickLabel(tick, step: step) + data.unit.trimmingPrefixSpace,
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
        x1: layout.plotX,
        y1: plotBottom,
        x2: layout.plotX + layout.plotWidth,
        y2: plotBottom,
        className: "axis"
      )
    )
    if data.showsZero && low < 0 && high > 0 {
      body.append(SVGMarkup.line(x1: x(0), y1: top, x2: x(0), y2: plotBottom, className: "axis"))
    }
    for (index, row) in rows.enumerated() {
      let middle = top + Double(index) * layout.rowHeight + layout.rowHeight / 2
      body.append(layout.rowLabel(row.label, isLowBase: row.isLowBase, baseline: middle + 4))
      body.append(contentsOf: marks(of: row, layout: layout, middle: middle, x: x))
    }
    var y = plotBottom + 28
    var entries: [SVGMarkup.LegendEntry] = []
    if rows.contains(where: { $0.baseline != nil }) {
      entries.append(
        SVGMarkup.dotLegendEntry("Hollow dot: baseline; filled dot: follow-up")
      )
    } else if rows.contains(where: { $0.interval != nil }) {
      entries.append(
        SVGMarkup.dotLegendEntry("Dot: estimate; whiskers: confidence interval")
      )
    }
    if rows.contains(where: { $0.value == .hidden }) {
      entries.append(SVGMarkup.hiddenLegendEntry(chartID: frame.chartID))
    }
    if !entries.isEmpty { SVGMarkup.addLegend(entries, width: frame.width, to: &body, y: &y) }
    return frame.document(height: y, body: body)
  }

  /// The axis's ends and tick step: the domain when given, otherwise the values (and zero when
  /// shown) widened to whole steps.
  private func axis() -> (low: Double, high: Double, step: Double) {
    var numbers: [Double] = []
    for row in data.rows {
      if case .shown(let value) = row.value { numbers.append(value) }
      numbers += [row.interval?.lower, row.interval?.upper, row.baseline].compactMap { $0 }
    }
    if data.showsZero { numbers.append(0) }
    var low = data.domain?.lowerBound ?? (numbers.min() ?? 0)
    var high = data.domain?.upperBound ?? (numbers.max() ?? 1)
    if high <= low { high = low + 1 }
    let step = SVGMarkup.niceStep(for: (high - low) / 5)
    if data.domain == nil {
      low = (low / step).rounded(.down) * step
      high = (high / step).rounded(.up) * step
    }
    return (low, high, step)
  }

  /// The marks of one row: whisker, baseline dot and line, dot and value; the hidden marker; or
  /// `not computed`.
  private func marks(
    of row: Document.Estimate,
    layout: SVGRowLayout,
    middle: Double,
    x: (Double) -> Double
  ) -> [String] {
    let valueX = layout.plotX + layout.plotWidth + 8
    let decimals = data.decimals
    let unit = data.unit
    switch row.value {
    case .shown(let value):
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
            x2: x(value),
            y2: middle,
            className: "whisker"
          )
        )
        marks.append(
          SVGRowLayout.dot(
            x: x(baseline),
            y: middle,
            className: "dot low-base",
            tooltip: "\(row.label) before: \(fixed(baseline, decimals: decimals))\(unit)"
          )
        )
      }
      let text = "\(fixed(value, decimals: decimals))\(unit)"
      marks.append(
        SVGRowLayout.dot(
          x: x(value),
          y: middle,
          className: row.isLowBase && row.baseline == nil ? "dot low-base" : "dot",
          tooltip: "\(row.label): \(text)"
        )
      )
      marks.append(SVGMarkup.text(text, x: valueX, y: middle + 4, className: "value"))
      return marks
    case .hidden:
      return layout.hiddenEstimate(
        label: row.label,
        middle: middle,
        valueX: valueX,
        chartID: frame.chartID
      )
    case .absent:
      return [SVGMarkup.text("not computed", x: valueX, y: middle + 4, className: "value")]
    }
  }

  /// A tick's label with as many decimals as the step needs.
  static func tickLabel(_ value: Double, step: Double) -> String {
    var places = 0
    var scaled = step
    while scaled < 1 && places < 4 {
      scaled *= 10
      places += 1
    }
    return fixed(abs(value) < step / 1000 ? 0 : value, decimals: places)
  }
}

extension String {
  /// The text without one leading space (units such as ` pp` sit close to tick labels).
  fileprivate var trimmingPrefixSpace: String { hasPrefix(" ") ? String(dropFirst()) : self }
}
