extension Document {
  /// A chart as data: what it shows, not how it is drawn.
  ///
  /// ``HTMLRenderer`` draws every kind as an accessible inline SVG; plain text and Markdown
  /// leave charts out, since a table beside each holds the same figures.
  public struct Chart: Sendable {
    /// The kinds of chart, each with its data.
    public enum Kind: Sendable {
      /// Stacked 100% bars of the distribution of answers, one bar per group.
      case stackedBars(StackedBars)
      /// Bars of a percentage per option, not stacked (multi-select answers).
      case percentBars(PercentBars)
      /// Percentages with their intervals on an axis from 0% to 100%, one row per group.
      case percentIntervals(PercentIntervals)
      /// A histogram of a score's values.
      case histogram(Histogram)
      /// Estimates with intervals on a numeric axis fitted to them: means, differences from a
      /// reference (with a line at zero), or before-and-after pairs.
      case intervals(IntervalPlot)
    }

    /// An identifier unique within the document (`chart-3`), made by the builder and never from
    /// data; drawn charts name their parts with it.
    public var id: String
    /// What the chart shows, announced by screen readers.
    public var title: String
    /// A longer description of the chart, its text alternative.
    public var summary: String
    /// The caption under the chart.
    public var caption: String
    /// The kind of chart and its data.
    public var kind: Kind

    /// Creates a chart.
    public init(id: String, title: String, summary: String, caption: String, kind: Kind) {
      self.id = id
      self.title = title
      self.summary = summary
      self.caption = caption
      self.kind = kind
    }
  }

  /// A value as a chart draws it.
  public enum ChartValue: Sendable, Hashable {
    /// A value that may be shown, in the chart's units.
    case shown(Double)
    /// A value hidden by disclosure control: drawn only as a hatched marker.
    case hidden
    /// No value (nobody answered, or not computed).
    case absent
  }

  /// One line of a chart drawn in rows: a heading that opens a breakdown, or a row.
  public enum ChartLine<Row: Sendable>: Sendable {
    /// A heading such as "Breakdown by “Age group”".
    case heading(String)
    /// A row.
    case row(Row)
  }

  /// Stacked 100% horizontal bars, one per group, with a legend of the categories.
  public struct StackedBars: Sendable {
    /// One group's bar.
    public struct Bar: Sendable {
      /// The group's name.
      public var label: String
      /// Whether the group's base is low.
      public var isLowBase: Bool
      /// One value per category, in percent.
      public var segments: [ChartValue]
      /// Whether the whole group is hidden.
      public var isHidden: Bool
      /// The base, or `nil` when hidden.
      public var base: Int?

      /// Creates a bar.
      public init(
        label: String,
        isLowBase: Bool,
        segments: [ChartValue],
        isHidden: Bool,
        base: Int?
      ) {
        self.label = label
        self.isLowBase = isLowBase
        self.segments = segments
        self.isHidden = isHidden
        self.base = base
      }
    }

    /// The category labels, in order.
    public var categories: [String]
    /// Whether the categories have an order (answers on a scale, bands), which chooses the
    /// colours.
    public var isOrdered: Bool
    /// Which end of ordered categories is the worse, when the instrument says: it takes the
    /// darkest colour of the one ramp that means "worse" in every chart; `nil` draws ordered
    /// categories in a ramp that means only their order.
    public var worseEnd: End?
    /// The bars, with breakdown headings.
    public var lines: [ChartLine<Bar>]
    /// Decimal places of percentages.
    public var decimals: Int

    /// Creates stacked bars.
    public init(
      categories: [String],
      isOrdered: Bool,
      worseEnd: End? = nil,
      lines: [ChartLine<Bar>],
      decimals: Int
    ) {
      self.categories = categories
      self.isOrdered = isOrdered
      self.worseEnd = worseEnd
      self.lines = lines
      self.decimals = decimals
    }
  }

  /// An end of a list in order.
  public enum End: String, Sendable, Hashable {
    /// The first item.
    case first
    /// The last item.
    case last
  }

  /// One bar of a chart: a label and a value (a percentage, or a histogram bin's count).
  public struct Bar: Sendable {
    /// The label: an option, or a bin such as `6` or `6-8`.
    public var label: String
    /// The value.
    public var value: ChartValue

    /// Creates a bar.
    public init(label: String, value: ChartValue) {
      self.label = label
      self.value = value
    }
  }

  /// Rows of a chart of percentages, with the headings between them, and the decimal places
  /// their values are written with.
  public struct PercentRows<Row: Sendable>: Sendable {
    /// The rows, with headings.
    public var lines: [ChartLine<Row>]
    /// Decimal places of percentages.
    public var decimals: Int
    /// Whether each row's label is set above it across the chart, for labels too long for a
    /// column beside the rows (the titles of indicators).
    public var labelsAbove: Bool

    /// Creates the rows.
    public init(lines: [ChartLine<Row>], decimals: Int, labelsAbove: Bool = false) {
      self.lines = lines
      self.decimals = decimals
      self.labelsAbove = labelsAbove
    }
  }

  /// Horizontal bars of a percentage per option, in blocks per group.
  public typealias PercentBars = PercentRows<Bar>

  /// Percentages with their intervals, dots and whiskers on an axis from 0% to 100%.
  public typealias PercentIntervals = PercentRows<Estimate>

  /// One estimate with its interval, in a chart drawn in rows.
  public struct Estimate: Sendable {
    /// The row's name.
    public var label: String
    /// The estimate (the follow-up value of a before-and-after pair).
    public var value: ChartValue
    /// The interval, when there is one.
    public var interval: ConfidenceBounds?
    /// The baseline value of a before-and-after pair, joined to ``value`` by a line.
    public var baseline: Double?
    /// Whether the row's base is low (drawn hollow).
    public var isLowBase: Bool

    /// Creates an estimate.
    public init(
      label: String,
      value: ChartValue,
      interval: ConfidenceBounds? = nil,
      baseline: Double? = nil,
      isLowBase: Bool = false
    ) {
      self.label = label
      self.value = value
      self.interval = interval
      self.baseline = baseline
      self.isLowBase = isLowBase
    }
  }

  /// A histogram: one bar per bin, its height a count or a percentage.
  public struct Histogram: Sendable {
    /// The bins, in order.
    public var bins: [Bar]
    /// What the bins are of, the axis title under them (`Score`).
    public var valueTitle: String
    /// What the heights are, the title of the vertical axis (`Respondents`).
    public var heightTitle: String
    /// The unit after each height: empty for counts, `%` for percentages.
    public var unit: String
    /// Decimal places of the heights.
    public var decimals: Int

    /// Creates a histogram.
    public init(
      bins: [Bar],
      valueTitle: String,
      heightTitle: String = "Respondents",
      unit: String = "",
      decimals: Int = 0
    ) {
      self.bins = bins
      self.valueTitle = valueTitle
      self.heightTitle = heightTitle
      self.unit = unit
      self.decimals = decimals
    }
  }

  /// Estimates with intervals on a numeric axis.
  public struct IntervalPlot: Sendable {
    /// The rows, with breakdown headings.
    public var lines: [ChartLine<Estimate>]
    /// The axis range; `nil` fits the values (and zero, when ``showsZero``).
    public var domain: ClosedRange<Double>?
    /// Whether the values are differences or changes: a line at zero, and an axis that shows
    /// zero with room on both sides.
    public var showsZero: Bool
    /// Decimal places of the values written beside the dots.
    public var decimals: Int
    /// The unit after each value (`%`, ` pp`, or nothing).
    public var unit: String
    /// The names of the two ends of a before-and-after pair, for the legend.
    public var pairNames: (baseline: String, followUp: String)
    /// Whether each row's label is set above it across the chart, for long labels.
    public var labelsAbove: Bool

    /// Creates the chart's data from rows without headings.
    public init(
      rows: [Estimate],
      domain: ClosedRange<Double>? = nil,
      showsZero: Bool,
      decimals: Int,
      unit: String = "",
      pairNames: (baseline: String, followUp: String) = ("Baseline", "Follow-up"),
      labelsAbove: Bool = false
    ) {
      self.init(
        lines: rows.map { .row($0) },
        domain: domain,
        showsZero: showsZero,
        decimals: decimals,
        unit: unit,
        pairNames: pairNames,
        labelsAbove: labelsAbove
      )
    }

    /// Creates the chart's data from rows and headings.
    public init(
      lines: [ChartLine<Estimate>],
      domain: ClosedRange<Double>? = nil,
      showsZero: Bool,
      decimals: Int,
      unit: String = "",
      pairNames: (baseline: String, followUp: String) = ("Baseline", "Follow-up"),
      labelsAbove: Bool = false
    ) {
      self.lines = lines
      self.labelsAbove = labelsAbove
      self.domain = domain
      self.showsZero = showsZero
      self.decimals = decimals
      self.unit = unit
      self.pairNames = pairNames
    }

    /// The rows, without the headings.
    public var rows: [Estimate] { lines.compactMap(\.row) }

    /// The axis the chart is drawn on.
    ///
    /// With a ``domain`` (a score's range, 0% to 100%), exactly that: an axis of means starts at
    /// the scale's minimum, never where the values happen to start. For differences and
    /// changes (``showsZero``), an axis symmetric about zero, reaching past the largest value
    /// or interval end, so that zero is always shown with room on both sides. Otherwise the
    /// values widened to whole steps.
    ///
    /// - Complexity: O(*n*) in the number of rows.
    public var axis: ChartAxis {
      var numbers: [Double] = []
      for row in rows {
        if case .shown(let value) = row.value { numbers.append(value) }
        numbers += [row.interval?.lower, row.interval?.upper, row.baseline].compactMap { $0 }
      }
      numbers = numbers.filter(\.isFinite)
      if let domain, domain.upperBound > domain.lowerBound {
        return ChartAxis(lower: domain.lowerBound, upper: domain.upperBound)
      }
      if showsZero {
        let largest = numbers.map(abs).max() ?? 0
        let reach = largest > 0 ? largest : 1
        let step = SVGMarkup.niceStep(for: reach / 2)
        var bound = (reach / step).rounded(.up) * step
        // Room past the largest value: at least a tenth of the axis.
        if bound - reach < bound / 10 { bound += step }
        return ChartAxis(lower: -bound, upper: bound, step: step)
      }
      var low = numbers.min() ?? 0
      var high = numbers.max() ?? 1
      if high <= low { high = low + 1 }
      let step = SVGMarkup.niceStep(for: (high - low) / 5)
      low = (low / step).rounded(.down) * step
      high = (high / step).rounded(.up) * step
      return ChartAxis(lower: low, upper: high, step: step)
    }
  }
}

/// A numeric axis: its ends and the step between its ticks.
public struct ChartAxis: Sendable, Hashable {
  /// The lower end.
  public var lower: Double
  /// The upper end.
  public var upper: Double
  /// The step between ticks.
  public var step: Double

  /// An axis from `lower` to `upper`, ticked every `step` (by default a round step giving
  /// about five ticks).
  public init(lower: Double, upper: Double, step: Double? = nil) {
    self.lower = lower
    self.upper = max(upper, lower + 1e-9)
    self.step = step ?? SVGMarkup.niceStep(for: (upper - lower) / 5)
  }

  /// The ticks: both ends, and the multiples of the step between them that are not crowded
  /// against an end.
  ///
  /// - Complexity: O(*t*) for *t* ticks.
  public var ticks: [Double] {
    guard step > 0, step.isFinite else { return [lower, upper] }
    var ticks = [lower]
    var tick = (lower / step).rounded(.up) * step
    if tick == lower { tick += step }
    while tick < upper - step / 3 {
      if tick - lower >= step / 3 { ticks.append(abs(tick) < step / 1000 ? 0 : tick) }
      tick += step
    }
    ticks.append(upper)
    return ticks
  }
}
