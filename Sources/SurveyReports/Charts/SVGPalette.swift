/// The fills of a chart's categories, chosen so that one colour means one thing throughout a
/// report, and so that colour is never the only cue.
///
/// - Answers and bands whose worse end the instrument names take the **worse ramp**, from
///   orange (the best answer) to near-black purple (the worst), whatever order the scale lists
///   them in: the worst answer is always the darkest, in every chart of every report.
/// - Ordered answers without a worse end (a scale the instrument does not direct) take a ramp of
///   blues, dark to light in the scale's order: it shows their order and claims nothing more.
/// - Unordered answers (tallies) take the Okabe-Ito colours, told apart by readers with
///   colour-vision deficiencies, each outlined in ink.
///
/// Every ramp colour has at least 3:1 contrast with the white page (WCAG 1.4.11), and lightness
/// falls steadily along each ramp, so the order survives printing in grey. Every second category
/// is also hatched, and categories beyond the eighth dotted, so that neighbours differ in
/// texture too.
struct SVGPalette: Sendable {
  /// How the categories are coloured.
  enum Kind: Sendable, Hashable {
    /// Ordered categories, `worse` being the end that is worse when the instrument says.
    case ordered(worse: Document.End?)
    /// Categories without an order.
    case unordered
  }

  /// One colour per category, as `#rrggbb`.
  let colours: [String]
  /// Whether segments are outlined in ink (colours that are too light for the page on their own).
  let isOutlined: Bool

  /// A palette for `count` categories.
  ///
  /// - Complexity: O(*n*) in `count`.
  init(kind: Kind, count: Int) {
    let count = max(count, 0)
    func position(_ index: Int) -> Double {
      count <= 1 ? 1 : Double(index) / Double(count - 1)
    }
    switch kind {
    case .ordered(let worse?):
      // Position 0 is the best answer, 1 the worst.
      colours = (0..<count).map { index in
        let fromWorse = worse == .first ? index : count - 1 - index
        return Self.interpolate(Self.worseRamp, at: 1 - position(fromWorse))
      }
      isOutlined = false
    case .ordered(nil):
      colours = (0..<count).map { Self.interpolate(Self.orderRamp, at: position($0)) }
      isOutlined = false
    case .unordered:
      colours = (0..<count).map { Self.okabeIto[$0 % Self.okabeIto.count] }
      isOutlined = true
    }
  }

  /// The ramp that means "worse", from the best answer to the worst.
  static let worseRamp = ["#d9742b", "#c2503a", "#9c3548", "#6e2553", "#3f1650", "#1c0a33"]

  /// The ramp of ordered answers without a worse end, first to last.
  static let orderRamp = ["#061b3a", "#10325a", "#1d4f7c", "#2f6d9f", "#4a8cc0"]

  /// The Okabe-Ito colours, in an order that keeps neighbours far apart.
  private static let okabeIto = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000",
  ]

  /// The colour at `position` (0 to 1) along `anchors`, interpolated between neighbours.
  static func interpolate(_ anchors: [String], at position: Double) -> String {
    let rgb = anchors.map(Self.components)
    let scaled = min(max(position, 0), 1) * Double(rgb.count - 1)
    let lower = min(Int(scaled), rgb.count - 2)
    let fraction = scaled - Double(lower)
    let (r1, g1, b1) = rgb[lower]
    let (r2, g2, b2) = rgb[lower + 1]
    func channel(_ a: Double, _ b: Double) -> String {
      let value = min(max(Int((a + (b - a) * fraction).rounded()), 0), 255)
      let digits = Array("0123456789abcdef")
      return String([digits[value / 16], digits[value % 16]])
    }
    return "#" + channel(r1, r2) + channel(g1, g2) + channel(b1, b2)
  }

  /// The red, green and blue of `#rrggbb`, 0 to 255.
  static func components(_ hex: String) -> (Double, Double, Double) {
    let digits = Array(hex.dropFirst())
    func value(_ index: Int) -> Double {
      guard digits.count >= index + 2,
        let high = digits[index].hexDigitValue, let low = digits[index + 1].hexDigitValue
      else { return 0 }
      return Double(high * 16 + low)
    }
    return (value(0), value(2), value(4))
  }

  /// The relative luminance of `#rrggbb`, as WCAG defines it.
  static func luminance(_ hex: String) -> Double {
    let (r, g, b) = components(hex)
    func linear(_ channel: Double) -> Double {
      let c = channel / 255
      return c <= 0.039_28 ? c / 12.92 : power24((c + 0.055) / 1.055)
    }
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
  }

  /// `x` to the power 2.4 for `x` in 0...1: x² times the fifth root of x², by Newton's method
  /// (the module has no C library to call).
  private static func power24(_ x: Double) -> Double {
    let square = x * x
    guard square > 0 else { return 0 }
    var root = 1.0
    for _ in 0..<60 {
      let next =
        root - (root * root * root * root * root - square) / (5 * root * root * root * root)
      if abs(next - root) < 1e-15 { break }
      root = next
    }
    return square * root
  }

  /// The contrast ratio of two colours, as WCAG defines it (1 to 21).
  static func contrast(_ first: String, _ second: String) -> Double {
    let a = luminance(first)
    let b = luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }

  /// Black or white, whichever reads better on `fill`: at least 4.5:1 on any colour.
  static func textColour(on fill: String) -> String {
    contrast(fill, "#000000") >= contrast(fill, "#ffffff") ? "#000000" : "#ffffff"
  }

  /// The texture of category `index`: 0 plain, 1 hatched, 2 dotted, 3 dotted and hatched.
  private func texture(at index: Int) -> Int { (index % 2) + (index >= 8 ? 2 : 0) }

  /// The `<pattern>` definitions for textured categories, with ids under `chartID`: thin
  /// stripes of the category's text colour, faint enough for labels to stay legible.
  ///
  /// - Complexity: O(*n*) in the number of categories.
  func patternDefinitions(chartID: String) -> [String] {
    colours.indices.compactMap { index in
      let texture = texture(at: index)
      guard texture > 0 else { return nil }
      let mark = Self.textColour(on: colours[index])
      var marks = ""
      if texture & 1 == 1 {
        marks +=
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(mark)\" stroke-opacity=\"0.3\" "
          + "stroke-width=\"1.5\"/>"
      }
      if texture & 2 == 2 {
        marks += "<circle cx=\"3\" cy=\"3\" r=\"1\" fill=\"\(mark)\" fill-opacity=\"0.4\"/>"
      }
      return "<pattern id=\"\(chartID)-c\(index)\" patternUnits=\"userSpaceOnUse\" width=\"6\" "
        + "height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
        + "fill=\"\(colours[index])\"/>\(marks)</pattern>"
    }
  }

  /// The fill of category `index`: its colour, or its pattern.
  func fill(at index: Int, chartID: String) -> String {
    guard colours.indices.contains(index) else { return "#767676" }
    return texture(at: index) == 0 ? colours[index] : "url(#\(chartID)-c\(index))"
  }

  /// The colour of text drawn on category `index`.
  func textColour(at index: Int) -> String {
    colours.indices.contains(index) ? Self.textColour(on: colours[index]) : "#000000"
  }
}
