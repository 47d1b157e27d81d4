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
    /// The bars, with breakdown headings.
    public var lines: [ChartLine<Bar>]
    /// Decimal places of percentages.
    public var decimals: Int

    /// Creates stacked bars.
    public init(categories: [String], isOrdered: Bool, lines: [ChartLine<Bar>], decimals: Int) {
      self.categories = categories
      self.isOrdered = isOrdered
      self.lines = lines
      self.decimals = decimals
    }
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

    /// Creates the rows.
    public init(lines: [ChartLine<Row>], decimals: Int) {
      self.lines = lines
      self.decimals = decimals
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

  /// A histogram: one bar per bin.
  public struct Histogram: Sendable {
    /// The bins, in order.
    public var bins: [Bar]
    /// What the bins are of, the axis title under them (`Score`).
    public var valueTitle: String

    /// Creates a histogram.
    public init(bins: [Bar], valueTitle: String) {
      self.bins = bins
      self.valueTitle = valueTitle
    }
  }

  /// Estimates with intervals on a numeric axis.
  public struct IntervalPlot: Sendable {
    /// The rows.
    public var rows: [Estimate]
    /// The axis range; `nil` fits the values (and zero, when ``showsZero``).
    public var domain: ClosedRange<Double>?
    /// Whether to draw a line at zero and include zero in the axis.
    public var showsZero: Bool
    /// Decimal places of the values written beside the dots.
    public var decimals: Int
    /// The unit after each value (`%`, ` pp`, or nothing).
    public var unit: String

    /// Creates the chart's data.
    public init(
      rows: [Estimate],
      domain: ClosedRange<Double>? = nil,
      showsZero: Bool,
      decimals: Int,
      unit: String = ""
    ) {
      self.rows = rows
      self.domain = domain
      self.showsZero = showsZero
      self.decimals = decimals
      self.unit = unit
    }
  }
}
