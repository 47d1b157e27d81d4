/// The layout that charts drawn in rows share, with the marks they share (labels, breakdown
/// headings, dots, whiskers, hidden markers).
///
/// Wide charts have a label column on the left, the plot, and a column of values on the right.
/// Narrow charts (phones) give each row two lines: its label on the left of the first with its
/// value on the right, and the bar or dot across the whole width under them, so that no text
/// is shrunk or cut to make room.
struct SVGRowLayout {
  let width: Double
  let isNarrow: Bool
  let labelWidth: Double
  let plotX: Double
  let plotWidth: Double
  let rightColumn: Double
  let rowHeight: Double
  let barHeight = 16.0
  let headingHeight = 24.0
  let top = 6.0

  /// A layout `width` wide whose label column fits `labels` (within a third of the width) and
  /// whose right-hand column is `rightColumn` wide; narrow layouts put both above the bars.
  init(width: Double, labels: [String], rightColumn: Double, isNarrow: Bool = false) {
    self.width = width
    self.isNarrow = isNarrow
    if isNarrow {
      // Room at both ends for half of the tick labels `0%` and `100%`.
      labelWidth = 0
      plotX = 20
      plotWidth = width - 40
      self.rightColumn = 0
      rowHeight = width > 500 ? 34 : 38
    } else {
      let longest = labels.map { SVGMarkup.textWidth($0) }.max() ?? 0
      labelWidth = min(max(90, longest + 12), width * 0.34)
      plotX = labelWidth + 8
      plotWidth = max(120, width - plotX - rightColumn)
      self.rightColumn = rightColumn
      rowHeight = 22
    }
  }

  /// The label of a row, `(low base)` added when `isLowBase`.
  static func label(_ label: String, isLowBase: Bool) -> String {
    label + (isLowBase ? " (low base)" : "")
  }

  /// The top of the bar of a row that starts at `y`.
  func barY(_ y: Double) -> Double { y + (isNarrow ? 16 : 3) }

  /// The middle of the bar of a row that starts at `y`.
  func middle(_ y: Double) -> Double { barY(y) + barHeight / 2 }

  /// The height of the rows and headings.
  func height<Row>(of lines: [Document.ChartLine<Row>]) -> Double {
    lines.reduce(0) { total, line in
      if case .heading = line { return total + headingHeight }
      return total + rowHeight
    }
  }

  /// The axis from 0% to 100% under `lines`, ticked every `step` percent (every 50 on a
  /// narrow plot), with grid lines up through them; and the plot's bottom, where the axis is.
  func percentGrid<Row>(
    under lines: [Document.ChartLine<Row>],
    step: Int
  ) -> (marks: [String], bottom: Double) {
    let bottom = top + height(of: lines) + 2
    let marks = SVGMarkup.percentAxis(
      x: plotX,
      width: plotWidth,
      y: bottom,
      step: plotWidth < 400 ? 50 : step,
      gridTop: top
    )
    return (marks, bottom)
  }

  /// The label of a row that starts at `y`: left of the bar, or above it when narrow, where
  /// it leaves room for `value` on the right.
  func rowLabel(_ label: String, isLowBase: Bool, y: Double, value: String = "") -> String {
    let text = Self.label(label, isLowBase: isLowBase)
    if isNarrow {
      let room = width - 12 - (value.isEmpty ? 0 : SVGMarkup.textWidth(value) + 10)
      return SVGMarkup.text(
        SVGMarkup.truncated(text, toWidth: room),
        x: 6,
        y: y + 13,
        className: "label"
      )
    }
    return SVGMarkup.text(
      SVGMarkup.truncated(text, toWidth: labelWidth - 6),
      x: labelWidth,
      y: middle(y) + 4,
      anchor: "end",
      className: "label"
    )
  }

  /// The value of a row that starts at `y`: in the right-hand column, or right of the label
  /// when narrow.
  func rowValue(_ value: String, y: Double, className: String = "value") -> String {
    if isNarrow {
      return SVGMarkup.text(value, x: width - 6, y: y + 13, anchor: "end", className: className)
    }
    return SVGMarkup.text(
      value,
      x: plotX + plotWidth + 8,
      y: middle(y) + 4,
      className: className
    )
  }

  /// A breakdown heading across the chart.
  func heading(_ text: String, y: Double) -> String {
    SVGMarkup.text(
      SVGMarkup.truncated(text, toWidth: width - 12),
      x: 4,
      y: y + 17,
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
      + "class=\"\(className)\"><title>\(escapedForHTML(withMinusSigns(tooltip)))</title></circle>"
  }

  /// The small hatched marker of a hidden estimate at the start of the plot of a row that
  /// starts at `y`, and `* hidden` as its value.
  func hiddenEstimate(label: String, y: Double, chartID: String) -> [String] {
    [
      SVGMarkup.rect(
        x: plotX + 2,
        y: middle(y) - 6,
        width: 12,
        height: 12,
        fill: SVGMarkup.hiddenFill(chartID: chartID),
        extra: " class=\"hidden-mark\"",
        tooltip: "\(label): hidden to protect small counts"
      ),
      rowValue("* hidden", y: y),
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
