import SurveyInstruments

/// Draws ``Document/StackedBars``: stacked 100% horizontal bars of the distribution of answers,
/// one bar per group, with a legend.
///
/// Hidden values are gathered into one hatched segment at the end of the bar, whose width is
/// what the shown figures already imply. Ordered categories take colours along the viridis
/// scale, unordered ones the Okabe-Ito colours (``SVGPalette``).
struct SVGStackedBars {
  let frame: SVGFrame
  let data: Document.StackedBars

  private var chartID: String { frame.chartID }

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*g* × *c*) for *g* bars and *c* categories.
  func markup() -> String {
    let rows = data.lines.compactMap(\.row)
    let palette = SVGPalette(
      kind: data.isOrdered ? .ordered : .unordered,
      count: data.categories.count
    )
    let layout = SVGRowLayout(
      width: frame.width,
      labels: rows.map { SVGRowLayout.label($0.label, isLowBase: $0.isLowBase) },
      rightColumn: 72
    )
    let hasHidden = rows.contains { $0.isHidden || $0.segments.contains(.hidden) }
    var body: [String] = []
    var y = layout.draw(data.lines, into: &body) { bar, y in
      [layout.rowLabel(bar.label, isLowBase: bar.isLowBase, y: y)]
        + segments(of: bar, palette: palette, layout: layout, y: y)
        + [
          SVGMarkup.text(
            "n=\(bar.base.map(String.init) ?? ReportFormatting.suppressedMark)",
            x: layout.plotX + layout.plotWidth + 6,
            y: y + layout.barHeight / 2 + 4,
            className: "base"
          )
        ]
    }
    body.append(
      contentsOf: SVGMarkup.percentAxis(x: layout.plotX, width: layout.plotWidth, y: y, step: 25)
    )
    y += 28
    var entries = data.categories.indices.map {
      SVGMarkup.LegendEntry(
        label: data.categories[$0],
        fill: palette.fill(at: $0, chartID: chartID)
      )
    }
    if hasHidden { entries.append(SVGMarkup.hiddenLegendEntry(chartID: chartID)) }
    SVGMarkup.addLegend(entries, width: frame.width, to: &body, y: &y)
    return frame.document(
      height: y,
      definitions: palette.patternDefinitions(chartID: chartID),
      body: body
    )
  }

  /// A bar across the whole plot, hatched (hidden) or empty, with a note in its middle.
  private func wholeBar(hidden: Bool, label: String, layout: SVGRowLayout, y: Double) -> [String] {
    [
      SVGMarkup.rect(
        x: layout.plotX,
        y: y,
        width: layout.plotWidth,
        height: layout.barHeight,
        fill: hidden ? frame.hiddenFill : "none",
        extra: hidden ? " class=\"hidden-mark\"" : " class=\"empty-mark\"",
        tooltip: hidden ? "\(label): hidden to protect small counts" : nil
      ),
      middleText(
        hidden ? "hidden to protect small counts" : "no answers",
        x: layout.plotX + layout.plotWidth / 2,
        layout: layout,
        y: y
      ),
    ]
  }

  private func middleText(_ text: String, x: Double, layout: SVGRowLayout, y: Double) -> String {
    SVGMarkup.text(
      text,
      x: x,
      y: y + layout.barHeight / 2 + 4,
      anchor: "middle",
      className: "value"
    )
  }

  private func segments(
    of bar: Document.StackedBars.Bar,
    palette: SVGPalette,
    layout: SVGRowLayout,
    y: Double
  ) -> [String] {
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
      return wholeBar(hidden: true, label: bar.label, layout: layout, y: y)
    }
    if shown.isEmpty { return wholeBar(hidden: false, label: bar.label, layout: layout, y: y) }
    let total = shown.reduce(0) { $0 + $1.percent }
    // With hidden values, shown segments keep their own widths and the rest of the bar is hatched;
    // without, widths are scaled to fill the bar (rounded counts need not add up to 100%).
    let scale = hasHiddenSegment ? (total > 100 ? 100 / total : 1) : 100 / total
    var parts: [String] = []
    var cursor = x
    for (index, percent) in shown {
      let segmentWidth = plotWidth * percent * scale / 100
      let label = "\(fixed(percent, decimals: data.decimals))%"
      parts.append(
        SVGMarkup.rect(
          x: cursor,
          y: y,
          width: segmentWidth,
          height: height,
          fill: palette.fill(at: index, chartID: chartID),
          extra: " class=\"segment\"",
          tooltip: "\(bar.label), \(data.categories[index]): \(label)"
        )
      )
      if SVGMarkup.textWidth(label) + 6 <= segmentWidth {
        parts.append(middleText(label, x: cursor + segmentWidth / 2, layout: layout, y: y))
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
          fill: frame.hiddenFill,
          extra: " class=\"hidden-mark\"",
          tooltip: "\(bar.label): some answers hidden to protect small counts"
        )
      )
      if rest >= 14 { parts.append(middleText("*", x: cursor + rest / 2, layout: layout, y: y)) }
    }
    return parts
  }
}
