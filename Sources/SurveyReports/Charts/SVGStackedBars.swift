import SurveyInstruments

/// Draws ``Document/StackedBars``: stacked 100% horizontal bars of the distribution of answers,
/// one bar per group, with a legend.
///
/// Every bar has its categories in the legend's order, so every bar starts with the same
/// answer. A hidden category keeps its place: the share that the shown figures leave is split
/// evenly among the hidden categories and drawn hatched, without a value, so that no segment
/// moves. Colours come from ``SVGPalette``: the instrument's worse answers are the darkest.
struct SVGStackedBars {
  let frame: SVGFrame
  let data: Document.StackedBars

  private var chartID: String { frame.chartID }

  /// The smallest width a hidden segment is drawn with, in percent of the bar, so that it can
  /// be seen.
  private static let smallestHidden = 1.5

  /// The chart as an `<svg>` element.
  ///
  /// - Complexity: O(*g* × *c*) for *g* bars and *c* categories.
  func markup() -> String {
    let rows = data.lines.compactMap(\.row)
    let palette = SVGPalette(
      kind: data.isOrdered ? .ordered(worse: data.worseEnd) : .unordered,
      count: data.categories.count
    )
    let layout = SVGRowLayout(
      width: frame.width,
      labels: rows.map { SVGRowLayout.label($0.label, isLowBase: $0.isLowBase) },
      rightColumn: 62,
      isNarrow: frame.isNarrow
    )
    let hasHidden = rows.contains { $0.isHidden || $0.segments.contains(.hidden) }
    var body: [String] = []
    var y = layout.draw(data.lines, into: &body) { bar, y in
      let base = "n=\(bar.base.map(String.init) ?? ReportFormatting.suppressedMark)"
      return [layout.rowLabel(bar.label, isLowBase: bar.isLowBase, y: y, value: base)]
        + segments(of: bar, palette: palette, layout: layout, y: layout.barY(y))
        + [layout.rowValue(base, y: y, className: "base")]
    }
    body.append(
      contentsOf: SVGMarkup.percentAxis(
        x: layout.plotX,
        width: layout.plotWidth,
        y: y + 2,
        step: frame.isNarrow ? 50 : 25
      )
    )
    y += 30
    var entries = data.categories.indices.map {
      SVGMarkup.LegendEntry(
        label: data.categories[$0],
        symbol: .swatch(fill: palette.fill(at: $0, chartID: chartID), stroke: "#1a1a1a")
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
        y: y,
        className: "value note"
      ),
    ]
  }

  private func middleText(
    _ text: String,
    x: Double,
    layout: SVGRowLayout,
    y: Double,
    className: String = "value",
    colour: String? = nil
  ) -> String {
    SVGMarkup.text(
      text,
      x: x,
      y: y + layout.barHeight / 2 + 4,
      anchor: "middle",
      className: className,
      extra: colour.map { " style=\"fill:\($0)\"" } ?? ""
    )
  }

  /// The widths of a bar's segments in percent, in category order: shown ones as they are
  /// (scaled to fill the bar when nothing is hidden, since rounded figures need not add up to
  /// 100), hidden ones sharing what the shown ones leave; `nil` for a category with nothing.
  static func widths(of segments: [Document.ChartValue]) -> [Double?] {
    let shownTotal = segments.reduce(0.0) { total, value in
      if case .shown(let percent) = value { return total + max(percent, 0) }
      return total
    }
    let hiddenCount = segments.filter { $0 == .hidden }.count
    var widths: [Double?] = segments.map { value in
      switch value {
      case .shown(let percent): percent > 0 ? percent : nil
      case .hidden: max(smallestHidden, (100 - shownTotal) / Double(max(hiddenCount, 1)))
      case .absent: nil
      }
    }
    let total = widths.compactMap { $0 }.reduce(0, +)
    if total > 0 && (hiddenCount == 0 || total > 100) {
      widths = widths.map { $0.map { $0 * 100 / total } }
    }
    return widths
  }

  private func segments(
    of bar: Document.StackedBars.Bar,
    palette: SVGPalette,
    layout: SVGRowLayout,
    y: Double
  ) -> [String] {
    let hasShown = bar.segments.contains {
      if case .shown(let percent) = $0 { return percent > 0 }
      return false
    }
    if bar.isHidden || (!hasShown && bar.segments.contains(.hidden)) {
      return wholeBar(hidden: true, label: bar.label, layout: layout, y: y)
    }
    if !hasShown { return wholeBar(hidden: false, label: bar.label, layout: layout, y: y) }
    var parts: [String] = []
    var cursor = layout.plotX
    for (index, width) in Self.widths(of: bar.segments).enumerated() {
      guard let width else { continue }
      let segmentWidth = layout.plotWidth * width / 100
      let category = data.categories.indices.contains(index) ? data.categories[index] : ""
      if case .shown(let percent) = bar.segments[index] {
        let label = "\(fixed(percent, decimals: data.decimals))%"
        parts.append(
          SVGMarkup.rect(
            x: cursor,
            y: y,
            width: segmentWidth,
            height: layout.barHeight,
            fill: palette.fill(at: index, chartID: chartID),
            extra: palette.isOutlined ? " class=\"segment outlined\"" : " class=\"segment\"",
            tooltip: "\(bar.label), \(category): \(label)"
          )
        )
        if SVGMarkup.textWidth(label) + 6 <= segmentWidth {
          parts.append(
            middleText(
              label,
              x: cursor + segmentWidth / 2,
              layout: layout,
              y: y,
              className: "segment-label",
              colour: palette.textColour(at: index)
            )
          )
        }
      } else {
        parts.append(
          SVGMarkup.rect(
            x: cursor,
            y: y,
            width: segmentWidth,
            height: layout.barHeight,
            fill: frame.hiddenFill,
            extra: " class=\"hidden-mark\"",
            tooltip: "\(bar.label), \(category): hidden to protect small counts"
          )
        )
      }
      cursor += segmentWidth
    }
    return parts
  }
}
