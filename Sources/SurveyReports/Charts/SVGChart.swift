/// Draws a ``Document/Chart`` as an accessible `<svg>` element: the one place charts are drawn.
///
/// Each kind has its own drawer (``SVGStackedBars``, ``SVGPercentBars``,
/// ``SVGPercentIntervals``, ``SVGHistogram``, ``SVGIntervalPlot``) built on ``SVGMarkup`` and
/// ``SVGRowLayout``. Hidden values are drawn only as hatched markers, never their values.
enum SVGChart {
  /// `chart` drawn `width` pixels wide; a narrow chart (for phones) puts each row's label and
  /// value above its bar and has fewer ticks, and its ids end in `-narrow`.
  ///
  /// - Complexity: O(*n*) in the size of the chart's data.
  static func markup(_ chart: Document.Chart, width: Double, isNarrow: Bool = false) -> String {
    let frame = SVGFrame(
      chartID: isNarrow ? chart.id + "-narrow" : chart.id,
      title: chart.title,
      description: chart.summary,
      width: width,
      isNarrow: isNarrow
    )
    return switch chart.kind {
    case .stackedBars(let data): SVGStackedBars(frame: frame, data: data).markup()
    case .percentBars(let data): SVGPercentBars(frame: frame, data: data).markup()
    case .percentIntervals(let data): SVGPercentIntervals(frame: frame, data: data).markup()
    case .histogram(let data): SVGHistogram(frame: frame, data: data).markup()
    case .intervals(let data): SVGIntervalPlot(frame: frame, data: data).markup()
    }
  }
}

/// What every drawn chart has: the id prefix of its elements, its title and description for
/// screen readers, its width, and whether it is the narrow form.
struct SVGFrame {
  /// The id prefix of the chart's elements (generated, never from data).
  var chartID: String
  /// What the chart shows (announced by screen readers).
  var title: String
  /// A longer description (announced by screen readers).
  var description: String
  /// The chart's width in pixels.
  var width: Double
  /// Whether this is the narrow form, for phones.
  var isNarrow = false

  /// The whole chart, `height` pixels high, around `body`.
  func document(height: Double, definitions: [String] = [], body: [String]) -> String {
    SVGMarkup.document(
      chartID: chartID,
      className: isNarrow ? "chart narrow" : "chart wide",
      width: width,
      height: height,
      title: title,
      description: description,
      definitions: definitions,
      body: body
    )
  }

  /// The fill of hidden values.
  var hiddenFill: String { SVGMarkup.hiddenFill(chartID: chartID) }
}
