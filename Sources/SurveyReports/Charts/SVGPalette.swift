/// The fills of a chart's categories, chosen to be told apart by readers with colour-vision
/// deficiencies and on black-and-white prints.
///
/// Ordered answers (items, bands) take colours along the viridis scale, whose lightness rises
/// steadily, so the order survives printing in grey. Unordered answers (tallies) take the
/// Okabe-Ito colours. Every second category is also hatched with white lines, and further
/// categories beyond the eighth are dotted, so that neighbours differ in texture as well as colour.
struct SVGPalette: Sendable {
  /// Whether the categories have an order.
  enum Kind: Sendable {
    /// Answers on a scale, bands of a score.
    case ordered
    /// Answers without an order.
    case unordered
  }

  /// One colour per category, as `#rrggbb`.
  let colours: [String]

  /// A palette for `count` categories.
  ///
  /// - Complexity: O(*n*) in `count`.
  init(kind: Kind, count: Int) {
    switch kind {
    case .ordered:
      colours = (0..<max(count, 0)).map { index in
        Self.viridis(at: count <= 1 ? 0.35 : 0.05 + 0.9 * Double(index) / Double(count - 1))
      }
    case .unordered:
      colours = (0..<max(count, 0)).map { Self.okabeIto[$0 % Self.okabeIto.count] }
    }
  }

  /// The Okabe-Ito colours, in an order that keeps neighbours far apart.
  private static let okabeIto = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000",
  ]

  /// Anchors of the viridis scale at 0, 1/8, …, 1.
  private static let viridisAnchors: [(Double, Double, Double)] = [
    (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
    (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
  ]

  private static func viridis(at position: Double) -> String {
    let scaled = min(max(position, 0), 1) * Double(viridisAnchors.count - 1)
    let lower = min(Int(scaled), viridisAnchors.count - 2)
    let fraction = scaled - Double(lower)
    let (r1, g1, b1) = viridisAnchors[lower]
    let (r2, g2, b2) = viridisAnchors[lower + 1]
    func channel(_ a: Double, _ b: Double) -> String {
      let value = Int((a + (b - a) * fraction).rounded())
      let digits = "0123456789abcdef"
      let high = digits[digits.index(digits.startIndex, offsetBy: value / 16)]
      let low = digits[digits.index(digits.startIndex, offsetBy: value % 16)]
      return "\(high)\(low)"
    }
    return "#" + channel(r1, r2) + channel(g1, g2) + channel(b1, b2)
  }

  /// The texture of category `index`: 0 plain, 1 hatched, 2 dotted, 3 dotted and hatched.
  private func texture(at index: Int) -> Int { (index % 2) + (index >= 8 ? 2 : 0) }

  /// The `<pattern>` definitions for textured categories, with ids under `chartID`.
  ///
  /// - Complexity: O(*n*) in the number of categories.
  func patternDefinitions(chartID: String) -> [String] {
    colours.indices.compactMap { index in
      let texture = texture(at: index)
      guard texture > 0 else { return nil }
      var marks = ""
      if texture & 1 == 1 {
        marks +=
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-opacity=\"0.55\" "
          + "stroke-width=\"2\"/>"
      }
      if texture & 2 == 2 {
        marks += "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#ffffff\" fill-opacity=\"0.7\"/>"
      }
      return "<pattern id=\"\(chartID)-c\(index)\" patternUnits=\"userSpaceOnUse\" width=\"6\" "
        + "height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
        + "fill=\"\(colours[index])\"/>\(marks)</pattern>"
    }
  }

  /// The fill of category `index`: its colour, or its pattern.
  func fill(at index: Int, chartID: String) -> String {
    guard colours.indices.contains(index) else { return "#999999" }
    return texture(at: index) == 0 ? colours[index] : "url(#\(chartID)-c\(index))"
  }
}
