import SurveyInstruments

/// Small pieces every chart of the HTML report shares: the opening and closing of an
/// accessible `<svg>` element, number formatting for coordinates, and estimates of text width
/// for layout (the page uses the reader's own sans-serif font, so widths are estimates with a
/// margin).
enum SVGMarkup {
  /// The font size of chart text, in pixels.
  static let fontSize = 12.0

  /// The opening `<svg>` tag with its `<title>` and `<desc>`, which screen readers announce.
  ///
  /// `title` and `description` are escaped here; `chartID` must be a generated id.
  ///
  /// - Complexity: O(*n*) in the length of the texts.
  static func open(
    chartID: String,
    className: String = "chart",
    width: Double,
    height: Double,
    title: String,
    description: String
  ) -> String {
    let w = number(width)
    let h = number(height)
    return """
      <svg class="\(className)" role="img" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" \
      aria-labelledby="\(chartID)-title" aria-describedby="\(chartID)-desc">
      <title id="\(chartID)-title">\(escapedForHTML(withMinusSigns(title)))</title>
      <desc id="\(chartID)-desc">\(escapedForHTML(withMinusSigns(description)))</desc>
      """
  }

  /// The closing tag.
  static let close = "</svg>"

  /// A whole chart: the opening tag, the definitions (the hatched pattern for hidden figures
  /// and any others given), the body and the closing tag.
  ///
  /// - Complexity: O(*n*) in the size of the markup.
  static func document(
    chartID: String,
    className: String = "chart",
    width: Double,
    height: Double,
    title: String,
    description: String,
    definitions: [String] = [],
    body: [String]
  ) -> String {
    var parts = [
      open(
        chartID: chartID,
        className: className,
        width: width,
        height: height,
        title: title,
        description: description
      )
    ]
    parts.append("<defs>")
    parts.append(contentsOf: definitions)
    parts.append(hiddenPattern(chartID: chartID))
    parts.append("</defs>")
    parts.append(contentsOf: body)
    parts.append(close)
    return parts.joined(separator: "\n")
  }

  /// A coordinate with at most one decimal: `12`, `12.5`.
  static func number(_ value: Double) -> String {
    let text = fixed(value, decimals: 1)
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  /// An estimate of the width of `text` in pixels at `fontSize`, generous enough for wide
  /// sans-serif fonts such as DejaVu Sans.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  static func textWidth(_ text: String, fontSize: Double = fontSize) -> Double {
    var width = 0.0
    for character in text {
      if character == "%" {
        width += 0.95
      } else if character.isNumber || character == "." {
        width += 0.6
      } else if character == " " || character == "i" || character == "l" || character == "(" {
        width += 0.35
      } else if character.isUppercase || character == "m" || character == "w" {
        width += 0.75
      } else {
        width += 0.6
      }
    }
    return width * fontSize
  }

  /// `text` shortened with an ellipsis so that it fits `width` pixels.
  ///
  /// - Complexity: O(*n*²) in the length of `text` at worst; labels are short.
  static func truncated(
    _ text: String,
    toWidth width: Double,
    fontSize: Double = fontSize
  ) -> String {
    guard textWidth(text, fontSize: fontSize) > width else { return text }
    var shortened = text
    while !shortened.isEmpty && textWidth(shortened + "…", fontSize: fontSize) > width {
      shortened.removeLast()
    }
    return shortened + "…"
  }

  /// A `<text>` element; `content` is escaped here, and a negative number in it gets a minus
  /// sign (``withMinusSigns(_:)``).
  static func text(
    _ content: String,
    x: Double,
    y: Double,
    anchor: String = "start",
    className: String? = nil,
    extra: String = ""
  ) -> String {
    let classAttribute = className.map { " class=\"\($0)\"" } ?? ""
    let anchorAttribute = anchor == "start" ? "" : " text-anchor=\"\(anchor)\""
    return "<text x=\"\(number(x))\" y=\"\(number(y))\"\(anchorAttribute)\(classAttribute)\(extra)>"
      + "\(escapedForHTML(withMinusSigns(content)))</text>"
  }

  /// A `<rect>`, with an optional tooltip (escaped here).
  static func rect(
    x: Double,
    y: Double,
    width: Double,
    height: Double,
    fill: String,
    extra: String = "",
    tooltip: String? = nil
  ) -> String {
    let geometry =
      "x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(0, width)))\" "
      + "height=\"\(number(max(0, height)))\" fill=\"\(fill)\"\(extra)"
    guard let tooltip else { return "<rect \(geometry)/>" }
    return "<rect \(geometry)><title>\(escapedForHTML(withMinusSigns(tooltip)))</title></rect>"
  }

  /// A `<line>`.
  static func line(
    x1: Double,
    y1: Double,
    x2: Double,
    y2: Double,
    className: String
  ) -> String {
    "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" "
      + "class=\"\(className)\"/>"
  }

  /// A horizontal percentage axis from 0% to 100% under a plot, with optional grid lines up
  /// to `top`.
  static func percentAxis(
    x: Double,
    width: Double,
    y: Double,
    step: Int,
    gridTop: Double? = nil
  ) -> [String] {
    var parts: [String] = []
    parts.append(line(x1: x, y1: y, x2: x + width, y2: y, className: "axis"))
    for tick in stride(from: 0, through: 100, by: step) {
      let tickX = x + width * Double(tick) / 100
      if let gridTop, tick > 0 {
        parts.append(line(x1: tickX, y1: gridTop, x2: tickX, y2: y, className: "grid"))
      }
      parts.append(line(x1: tickX, y1: y, x2: tickX, y2: y + 4, className: "axis"))
      parts.append(text("\(tick)%", x: tickX, y: y + 16, anchor: "middle", className: "tick"))
    }
    return parts
  }

  /// The pattern that marks values hidden by disclosure control: grey diagonal lines on white.
  static func hiddenPattern(chartID: String) -> String {
    """
    <pattern id="\(chartID)-hidden" patternUnits="userSpaceOnUse" width="6" height="6" \
    patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>\
    <line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="1.5"/></pattern>
    """
  }

  /// The fill that marks hidden values.
  static func hiddenFill(chartID: String) -> String { "url(#\(chartID)-hidden)" }

  /// One entry of a legend: the symbol it names, drawn, and its label.
  struct LegendEntry {
    /// What a legend entry draws.
    enum Symbol {
      /// A square of `fill`, outlined in `stroke`.
      case swatch(fill: String, stroke: String)
      /// The hatched marker of hidden figures.
      case hidden(chartID: String)
      /// A filled dot with whiskers either side: an estimate and its interval.
      case estimate
      /// A filled dot.
      case dot
      /// A hollow dot (a low base, or a baseline).
      case hollowDot
      /// A vertical line: zero, no difference.
      case zeroLine
    }

    /// The label (escaped when drawn).
    var label: String
    /// The symbol drawn before the label.
    var symbol: Symbol

    /// The width of the symbol.
    var symbolWidth: Double {
      switch symbol {
      case .estimate: 26
      default: 12
      }
    }
  }

  /// A legend: one symbol and label per entry, wrapped into rows within `width`; returns the
  /// markup and the height used.
  ///
  /// - Complexity: O(*n*) in the number of entries.
  static func legend(
    entries: [LegendEntry],
    x: Double,
    y: Double,
    width: Double
  ) -> (markup: [String], height: Double) {
    guard !entries.isEmpty else { return ([], 0) }
    var parts = ["<g class=\"legend\">"]
    var cursorX = x
    var cursorY = y
    let rowHeight = 20.0
    for entry in entries {
      let label = truncated(entry.label, toWidth: min(width - entry.symbolWidth - 12, 420))
      let itemWidth = entry.symbolWidth + 6 + textWidth(label) + 16
      if cursorX > x && cursorX + itemWidth > x + width {
        cursorX = x
        cursorY += rowHeight
      }
      parts += symbol(entry.symbol, x: cursorX, y: cursorY)
      parts.append(text(label, x: cursorX + entry.symbolWidth + 6, y: cursorY + 10.5))
      cursorX += itemWidth
    }
    parts.append("</g>")
    return (parts, cursorY - y + rowHeight)
  }

  /// The markup of a legend symbol whose box starts at (`x`, `y`) and is 12 pixels high.
  private static func symbol(_ symbol: LegendEntry.Symbol, x: Double, y: Double) -> [String] {
    let middle = y + 6
    switch symbol {
    case .swatch(let fill, let stroke):
      return [
        rect(
          x: x,
          y: y,
          width: 12,
          height: 12,
          fill: fill,
          extra: " stroke=\"\(stroke)\" stroke-width=\"1\""
        )
      ]
    case .hidden(let chartID):
      return [
        rect(
          x: x,
          y: y,
          width: 12,
          height: 12,
          fill: hiddenFill(chartID: chartID),
          extra: " class=\"hidden-mark\""
        )
      ]
    case .estimate:
      return SVGRowLayout.whisker(lower: x + 1, upper: x + 25, middle: middle)
        + ["<circle cx=\"\(number(x + 13))\" cy=\"\(number(middle))\" r=\"5\" class=\"dot\"/>"]
    case .dot:
      return ["<circle cx=\"\(number(x + 6))\" cy=\"\(number(middle))\" r=\"5\" class=\"dot\"/>"]
    case .hollowDot:
      return [
        "<circle cx=\"\(number(x + 6))\" cy=\"\(number(middle))\" r=\"5\" class=\"dot hollow\"/>"
      ]
    case .zeroLine:
      return [line(x1: x + 6, y1: y - 2, x2: x + 6, y2: y + 14, className: "zero")]
    }
  }
}

extension SVGMarkup {
  /// The legend entry of the hatched marker of hidden values.
  static func hiddenLegendEntry(chartID: String) -> LegendEntry {
    LegendEntry(label: "Hidden to protect small counts", symbol: .hidden(chartID: chartID))
  }

  /// Adds a legend of `entries` at `y` across `width` to `body`, and moves `y` below it.
  static func addLegend(
    _ entries: [LegendEntry],
    width: Double,
    to body: inout [String],
    y: inout Double
  ) {
    let legend = legend(entries: entries, x: 4, y: y, width: width - 8)
    body.append(contentsOf: legend.markup)
    y += legend.height + 4
  }
}

extension SVGMarkup {
  /// A step of 1, 2 or 5 times a power of ten, at least `rough` (1 for a step that is not a
  /// positive number).
  static func niceStep(for rough: Double) -> Double {
    guard rough > 0, rough.isFinite else { return 1 }
    var power = 1.0
    while power * 10 <= rough { power *= 10 }
    while power > rough { power /= 10 }
    for multiple in [1.0, 2, 5, 10] where power * multiple >= rough { return power * multiple }
    return power * 10
  }
}
