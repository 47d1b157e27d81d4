/// The layout that charts drawn in rows share: a label column, a plot, a right-hand column;
/// with the marks they share (labels, breakdown headings, dots, whiskers, hidden markers).
struct SVGRowLayout {
  let width: Double
  let labelWidth: Double
  let plotX: Double
  let plotWidth: Double
  let rowHeight = 26.0
  let barHeight = 18.0
  let headingHeight = 24.0
  let top = 6.0

  /// A layout `width` wide whose label column fits `labels` (within a third of the width) and
  /// whose right-hand column is `rightColumn` wide.
  init(width: Double, labels: [String], rightColumn: Double) {
    self.width = width
    let longest = labels.map { SVGMarkup.textWidth($0) }.max() ?? 0
    labelWidth = min(max(90, longest + 12), width * 0.34)
    plotX = labelWidth + 8
    plotWidth = max(120, width - plotX - rightColumn)
  }

  /// The label of a row, `(low base)` added when `isLowBase`.
  static func label(_ label: String, isLowBase: Bool) -> String {
    label + (isLowBase ? " (low base)" : "")
  }

  /// The height of the rows and headings.
  func height<Row>(of lines: [Document.ChartLine<Row>]) -> Double {
    lines.reduce(0) { total, line in
      if case .heading = line { return total + headingHeight }
      return total + rowHeight
    }
  }

  /// The axis from 0% to 100% under `lines`, ticked every `step` percent, with grid lines up
  /// through them; and the plot's bottom, where the axis is.
  func percentGrid<Row>(
    under lines: [Document.ChartLine<Row>],
    step: Int
  ) -> (marks: [String], bottom: Double) {
    let bottom = top + height(of: lines)
    let marks = SVGMarkup.percentAxis(
      x: plotX,
      width: plotWidth,
      y: bottom,
      step: step,
      gridTop: top
    )
    return (marks, bottom)
  }

  /// The label of a row whose bar starts at `y`, truncated to the label column.
  func rowLabel(_ label: String, isLowBase: Bool, y: Double) -> String {
    rowLabel(label, isLowBase: isLowBase, baseline: y + barHeight / 2 + 4)
  }

  /// The label of a row, its text's baseline at `baseline`, truncated to the label column.
  func rowLabel(_ label: String, isLowBase: Bool, baseline: Double) -> String {
    SVGMarkup.text(
      SVGMarkup.truncated(Self.label(label, isLowBase: isLowBase), toWidth: labelWidth - 6),
      x: labelWidth,
      y: baseline,
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

  /// Draws `lines` from the top down, and returns the `y` below the last line.
  ///
  /// Each heading goes across the chart; each row is what `draw` makes of it and the `y` it
  /// starts at.
  func draw<Row>(
    _ lines: [Document.ChartLine<Row>],
    into body: inout [String],
    row draw: (Row, Double) -> [String]
  ) -> Double {
    var y = top
    for line in lines {
      switch line {
      case .heading(let text):
        body.append(heading(text, y: y))
        y += headingHeight
      case .row(let row):
        body.append(contentsOf: draw(row, y))
        y += rowHeight
      }
    }
    return y
  }

  /// A whisker from `lower` to `upper` at `middle`, with short ends; nothing when either end is
  /// missing.
  static func whisker(lower: Double?, upper: Double?, middle: Double) -> [String] {
    guard let lower, let upper else { return [] }
    return [SVGMarkup.line(x1: lower, y1: middle, x2: upper, y2: middle, className: "whisker")]
      + [lower, upper].map { end in
        SVGMarkup.line(x1: end, y1: middle - 5, x2: end, y2: middle + 5, className: "whisker")
      }
  }

  /// A dot of radius 5 with a tooltip.
  static func dot(x: Double, y: Double, className: String, tooltip: String) -> String {
    "<circle cx=\"\(SVGMarkup.number(x))\" cy=\"\(SVGMarkup.number(y))\" r=\"5\" "
      + "class=\"\(className)\"><title>\(escapedForHTML(tooltip))</title></circle>"
  }

  /// The small hatched marker of a hidden estimate at the start of the plot, and `* hidden` in
  /// the value column at `valueX`.
  func hiddenEstimate(label: String, middle: Double, valueX: Double, chartID: String) -> [String] {
    [
      SVGMarkup.rect(
        x: plotX + 2,
        y: middle - 6,
        width: 12,
        height: 12,
        fill: SVGMarkup.hiddenFill(chartID: chartID),
        extra: " class=\"hidden-mark\"",
        tooltip: "\(label): hidden to protect small counts"
      ),
      SVGMarkup.text("* hidden", x: valueX, y: middle + 4, className: "value"),
    ]
  }
}

extension Document.ChartLine {
  /// The row, or `nil` for a heading.
  var row: Row? {
    if case .row(let row) = self { return row }
    return nil
  }
}
