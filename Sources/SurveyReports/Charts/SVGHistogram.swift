import SurveyInstruments

/// Draws ``Document/Histogram``: one vertical bar per bin, hidden bins drawn as short hatched
/// markers with an asterisk; bin labels turn when they would not fit.
struct SVGHistogram {
  let frame: SVGFrame
  let data: Document.Histogram

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*b*) in the number of bins.
  func markup() -> String {
    let left = data.unit.isEmpty ? 52.0 : 60.0
    let right = 12.0
    let top = 18.0
    let plotHeight = 200.0
    let width = frame.width
    let bins = data.bins
    let valueTitle = data.valueTitle
    let plotWidth = max(120, width - left - right)
    let slot = plotWidth / Double(max(bins.count, 1))
    let labelWidths = bins.map { SVGMarkup.textWidth($0.label) }
    // Labels every `labelEvery` bins, so that they fit without turning when they can.
    var labelEvery = 1
    while labelEvery < bins.count && (labelWidths.max() ?? 0) > slot * Double(labelEvery) - 6 {
      labelEvery += 1
    }
    let rotates = labelEvery > 3
    if rotates { labelEvery = (labelWidths.max() ?? 0) * 0.75 > slot * 2 ? 2 : 1 }
    let labelDepth = rotates ? (labelWidths.max() ?? 0) * 0.72 + 14 : 18
    let counts = bins.compactMap { bin -> Double? in
      if case .shown(let count) = bin.value { return count }
      return nil
    }
    let step = SVGMarkup.niceStep(
      for: max(max(counts.max() ?? 1, 1) / 4, data.unit.isEmpty ? 1 : 0.5)
    )
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
          SVGMarkup.number(tick) + data.unit,
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
        data.heightTitle,
        x: 12,
        y: top + plotHeight / 2,
        anchor: "middle",
        className: "tick",
        extra: " transform=\"rotate(-90 12 \(SVGMarkup.number(top + plotHeight / 2)))\""
      )
    )
    let hasHidden = bins.contains { $0.value == .hidden }
    for (index, bin) in bins.enumerated() {
      let x = left + slot * Double(index)
      let center = x + slot / 2
      switch bin.value {
      case .shown(let count):
        let barHeight = plotHeight * count / axisMaximum
        body.append(
          SVGMarkup.rect(
            x: x + 1,
            y: baseline - barHeight,
            width: slot - 2,
            height: barHeight,
            fill: "#2f6d9f",
            extra: " class=\"segment\"",
            tooltip:
              "\(valueTitle) \(bin.label): \(fixed(count, decimals: data.decimals))\(data.unit)"
          )
        )
        let label = fixed(count, decimals: data.decimals) + data.unit
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
            fill: frame.hiddenFill,
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
      let labelY = baseline + 15
      guard index % labelEvery == 0 else { continue }
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
      SVGMarkup.addLegend(
        [SVGMarkup.hiddenLegendEntry(chartID: frame.chartID)],
        width: width,
        to: &body,
        y: &y
      )
    }
    return frame.document(height: y, body: body)
  }
}
