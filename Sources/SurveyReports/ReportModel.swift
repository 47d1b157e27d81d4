public import SurveyInstruments
public import SurveyStatistics

/// A survey report, independent of how it is shown: what was read and excluded, and for every
/// measure the estimates for the whole sample and for each breakdown.
///
/// Renderers turn it into text, Markdown, CSV, JSON or HTML.
public struct Report: Sendable {
  /// One measure as the report holds it: whole, or (in a report with more figures than it keeps
  /// in memory) as an outline with the whole sample only and a way to work the rest out again.
  struct Entry: Sendable {
    /// The measure, or its outline: its whole-sample estimates, notes and titles, and its
    /// breakdowns without their groups.
    var outline: MeasureReport
    /// Works the whole measure out again, or `nil` when ``outline`` is the whole measure.
    var make: (@Sendable () -> MeasureReport)?
  }

  /// What the report was made from and how.
  public var metadata: ReportMetadata
  /// The measures, as held.
  var entries: [Entry]

  /// Creates a report.
  public init(metadata: ReportMetadata, measures: [MeasureReport]) {
    self.metadata = metadata
    entries = measures.map { Entry(outline: $0) }
  }

  /// Creates a report from measures as held.
  init(metadata: ReportMetadata, entries: [Entry]) {
    self.metadata = metadata
    self.entries = entries
  }

  /// The measures, in instrument order (items, then indicators, then scores), then tallies.
  ///
  /// A report with more figures than it keeps in memory at once (a breakdown into many
  /// thousands of groups) works each measure's groups out again on reading; renderers read one
  /// measure at a time instead.
  ///
  /// - Complexity: O(1) for a report that holds every measure; otherwise the cost of working out
  ///   every measure.
  public var measures: [MeasureReport] {
    get { entries.map { $0.make?() ?? $0.outline } }
    set { entries = newValue.map { Entry(outline: $0) } }
  }

  /// The indicators, for headline lines.
  public var indicators: [MeasureReport] { measures.filter { $0.kind == .indicator } }

  /// How many measures the report has.
  var measureCount: Int { entries.count }

  /// How many measures the report holds whole; the rest it works out again when read.
  package var measuresHeldWhole: Int { entries.lazy.filter { $0.make == nil }.count }

  /// The measure at `index`, worked out again if the report holds only its outline.
  func measure(at index: Int) -> MeasureReport {
    entries[index].make?() ?? entries[index].outline
  }

  /// Each measure's outline, enough for headlines, titles and the whole sample.
  ///
  /// An outline has everything but the groups of its breakdowns, which only some measures hold
  /// (see ``measures``).
  var outlines: [MeasureReport] { entries.map(\.outline) }
}

/// What a report was made from, what was excluded, and the rules it followed.
public struct ReportMetadata: Sendable {
  /// A title for the report.
  public var title: String
  /// The input files, as the user named them.
  public var sourceFiles: [String]
  /// How many data rows were read.
  public var rowsRead: Int
  /// Rows left out of every estimate, and answers left out of one, with reasons and counts.
  public var exclusions: [Exclusion]
  /// The instruments used.
  public var instruments: [InstrumentUsed]
  /// The cut-offs (bands, indicator definitions) with their sources.
  public var cutoffs: [CutoffNote]
  /// Notices that the instruments' owners require on reports.
  public var licenceNotices: [String]
  /// How small counts were protected.
  public var suppression: SuppressionPolicy
  /// How estimates were weighted, if they were.
  public var weighting: WeightingNote?
  /// The confidence level of every interval, such as 0.95.
  public var confidenceLevel: Double
  /// Decimal places for percentages and statistics.
  public var decimals: Int
  /// The columns the report breaks estimates down by.
  public var groupBy: [String]
  /// Further notes for readers (import problems, methods).
  public var notes: [String]
  /// The toolkit's version.
  public var toolkitVersion: String
  /// When the responses were given, when the export has a date column that says.
  public var responsePeriod: ResponsePeriod?

  /// Creates metadata.
  public init(
    title: String,
    sourceFiles: [String],
    rowsRead: Int,
    exclusions: [Exclusion] = [],
    instruments: [InstrumentUsed] = [],
    cutoffs: [CutoffNote] = [],
    licenceNotices: [String] = [],
    suppression: SuppressionPolicy = .threshold(5),
    weighting: WeightingNote? = nil,
    confidenceLevel: Double = 0.95,
    decimals: Int = 0,
    groupBy: [String] = [],
    notes: [String] = [],
    toolkitVersion: String
  ) {
    self.title = title
    self.sourceFiles = sourceFiles
    self.rowsRead = rowsRead
    self.exclusions = exclusions
    self.instruments = instruments
    self.cutoffs = cutoffs
    self.licenceNotices = licenceNotices
    self.suppression = suppression
    self.weighting = weighting
    self.confidenceLevel = confidenceLevel
    self.decimals = decimals
    self.groupBy = groupBy
    self.notes = notes
    self.toolkitVersion = toolkitVersion
  }
}

/// Responses or answers left out, why, and which rows.
public struct Exclusion: Sendable, Hashable {
  /// What was left out: a measure id, or `all estimates` for whole rows.
  public var scope: String
  /// Why, in words.
  public var reason: String
  /// How many.
  public var count: Int
  /// The input lines concerned (1-based), when the report lists them.
  public var lines: [Int]

  /// Creates an exclusion.
  public init(scope: String, reason: String, count: Int, lines: [Int] = []) {
    self.scope = scope
    self.reason = reason
    self.count = count
    self.lines = lines
  }
}

/// An instrument a report used.
public struct InstrumentUsed: Sendable, Hashable {
  /// Its id.
  public var id: String
  /// Its title.
  public var title: String
  /// The version of its definition.
  public var version: String
  /// `built-in` or the file it came from.
  public var origin: String

  /// Creates a record.
  public init(id: String, title: String, version: String, origin: String) {
    self.id = id
    self.title = title
    self.version = version
    self.origin = origin
  }
}

/// A cut-off a report used, and where it comes from.
public struct CutoffNote: Sendable, Hashable {
  /// The measure (`ons-loneliness.ucla3`).
  public var measure: String
  /// The cut-offs in words ("Not lonely (3-5), Lonely (6-9)").
  public var definition: String
  /// The sources, as citations.
  public var sources: [String]
  /// How sure the sources are, in words.
  public var certainty: String
  /// Whether reports must flag the cut-off as uncertain.
  public var isUncertain: Bool
  /// The instrument file's note on the source.
  public var note: String?

  /// Creates a note.
  public init(
    measure: String,
    definition: String,
    sources: [String],
    certainty: String,
    isUncertain: Bool,
    note: String?
  ) {
    self.measure = measure
    self.definition = definition
    self.sources = sources
    self.certainty = certainty
    self.isUncertain = isUncertain
    self.note = note
  }
}

/// How a report was weighted.
public struct WeightingNote: Sendable, Hashable {
  /// The weight column.
  public var column: String
  /// The method, in words, for the report.
  public var method: String
  /// Kish's effective sample size over all rows with a valid weight.
  public var effectiveSampleSize: Double
  /// Kish's design effect due to weighting (1 + CV² of the weights).
  public var designEffect: Double

  /// Creates a note.
  public init(column: String, method: String, effectiveSampleSize: Double, designEffect: Double) {
    self.column = column
    self.method = method
    self.effectiveSampleSize = effectiveSampleSize
    self.designEffect = designEffect
  }
}

/// One measure's estimates: an item's answers, an indicator, a score, or a tallied column.
public struct MeasureReport: Sendable {
  /// What kind of measure.
  public enum Kind: String, Sendable, Hashable {
    /// An instrument item: the distribution of its answers.
    case item
    /// A yes/no indicator: the proportion of yes.
    case indicator
    /// A score: summary statistics and the distribution over its bands.
    case score
    /// Any other column, one answer per respondent.
    case tally
    /// A multi-select column: percentages of respondents choosing each option.
    case multiSelect = "multi-select"
  }

  /// The measure's id as columns name it: `INSTRUMENT.ITEM`, `INSTRUMENT.INDICATOR`,
  /// `INSTRUMENT.SCORE`, or the tallied column's header.
  public var id: String
  /// What kind of measure it is.
  public var kind: Kind
  /// The question wording, indicator title or score title.
  public var title: String
  /// The whole sample first, then one breakdown per grouping column.
  public var breakdowns: [Breakdown]
  /// Notes for this measure (cut-off source, percentages of respondents, ...).
  public var notes: [String]
  /// The number of decimals for the measure's own values (scores).
  public var valueDecimals: Int
  /// Which values are better, when the instrument says.
  ///
  /// An item's codes, a score's values, or an indicator's (1 for yes, 0 for no, so `.lower`
  /// means yes is the worse outcome). Charts give the worse end the darker colours.
  public var better: Direction?
  /// The values the measure can take, when known.
  ///
  /// A score's range, or the codes of an item's scale. Axes of means start at its minimum, and
  /// histograms stay within it.
  public var range: ClosedRange<Double>?
  /// How the measure's counts follow from another measure's, for disclosure control: a reader
  /// who sees both can subtract one from the other, so both are protected together.
  package var derivation: MeasureDerivation?
  /// A score's bands as ranges of its values, in the order of its categories, for disclosure
  /// control: a band's count is the sum of the histogram's values in its range.
  package var bandRanges: [ClosedRange<Double>] = []
  /// For an item, the id of a score in the same report whose value is the item's answer as
  /// given (the sum of this one item, neither reversed nor recoded) and which has the
  /// instrument's bands, such as each ONS4 question's threshold bands.
  ///
  /// Pages break such an item down by group in those bands, under the score, rather than in a
  /// column for every answer; the whole sample keeps every answer.
  package var bandedScore: String?

  /// Creates a measure report.
  public init(
    id: String,
    kind: Kind,
    title: String,
    breakdowns: [Breakdown],
    notes: [String] = [],
    valueDecimals: Int = 1,
    better: Direction? = nil,
    range: ClosedRange<Double>? = nil
  ) {
    self.id = id
    self.kind = kind
    self.title = title
    self.breakdowns = breakdowns
    self.notes = notes
    self.valueDecimals = valueDecimals
    self.better = better
    self.range = range
  }

  /// The whole-sample estimates.
  public var wholeSample: GroupEstimate? { breakdowns.first?.groups.first }

  /// Decimal places for a score's statistics (mean, SD, quartiles): one place for a score of
  /// whole numbers, otherwise as many as the score itself has (SWEMWBS metric: 2).
  public var statisticDecimals: Int { max(valueDecimals, 1) }
}

/// How a measure's counts are sums of another measure's, in every group.
package enum MeasureDerivation: Sendable, Hashable {
  /// Yes counts the item's answers with these codes, no the item's other answers.
  case itemCodes(item: String, codes: [Int])
  /// Yes counts the score's bands with these labels, no its other bands.
  case scoreBands(score: String, bands: [String])
  /// The counts of respondents who ticked 1, 2, … options of a multi-select measure: they add
  /// up to its base and, each times the number ticked, to the sum of its options' counts.
  case ticks(of: String)
}

/// Estimates for every group of one grouping column (or the whole sample).
public struct Breakdown: Sendable {
  /// The grouping column, or `nil` for the whole sample.
  public var groupBy: String?
  /// One entry per group, in natural order.
  public var groups: [GroupEstimate]
  /// A test of independence between group and answer, when one was run.
  public var test: IndependenceTest?

  /// Creates a breakdown.
  public init(groupBy: String?, groups: [GroupEstimate], test: IndependenceTest? = nil) {
    self.groupBy = groupBy
    self.groups = groups
    self.test = test
  }
}

/// Estimates for one group.
public struct GroupEstimate: Sendable {
  /// The group's value, or `nil` for the whole sample.
  public var group: String?
  /// How many answered (the base of every percentage), unweighted.
  public var base: Int
  /// The base as shown: rounded under a rounding policy, `nil` when suppressed.
  public var shownBase: Int?
  /// The sum of the weights of those who answered, when weighted.
  public var weightedBase: Double?
  /// Kish's effective sample size of those who answered, when weighted.
  public var effectiveBase: Double?
  /// One estimate per answer, band or (for an indicator) "yes".
  public var categories: [CategoryEstimate]
  /// Answers that are not responses, by reason (not answered, Prefer not to say, ...).
  public var missing: [CategoryEstimate]
  /// Summary statistics, for scores.
  public var summary: ScoreSummary?
  /// The distribution of a score's values in bins, for the whole sample only (bins hidden by
  /// suppression like any count).
  public var histogram: [CategoryEstimate]

  /// Creates a group's estimates.
  public init(
    group: String?,
    base: Int,
    shownBase: Int?,
    weightedBase: Double? = nil,
    effectiveBase: Double? = nil,
    categories: [CategoryEstimate],
    missing: [CategoryEstimate] = [],
    summary: ScoreSummary? = nil,
    histogram: [CategoryEstimate] = []
  ) {
    self.histogram = histogram
    self.group = group
    self.base = base
    self.shownBase = shownBase
    self.weightedBase = weightedBase
    self.effectiveBase = effectiveBase
    self.categories = categories
    self.missing = missing
    self.summary = summary
  }

  /// Whether the base is under 30, so that estimates are unreliable.
  public var isLowBase: Bool { base < 30 }
  /// Whether the whole group is hidden.
  public var isSuppressed: Bool { shownBase == nil }
}

/// One category's count and percentage, with its interval.
public struct CategoryEstimate: Sendable {
  /// The answer label, band label, or "yes".
  public var category: String
  /// The answer's code, when it has one.
  public var code: Int?
  /// The true count (never shown when suppressed).
  public var count: Int
  /// The count as shown: rounded under a rounding policy; `nil` when suppressed.
  public var shownCount: Int?
  /// The percentage of the base, in percent units; `nil` when suppressed or not applicable.
  public var percent: Double?
  /// The interval of the percentage, in percent units.
  public var interval: ConfidenceInterval?
  /// Why the count is hidden, if it is.
  public var suppression: SuppressionReason?

  /// Creates an estimate.
  public init(
    category: String,
    code: Int? = nil,
    count: Int,
    shownCount: Int?,
    percent: Double? = nil,
    interval: ConfidenceInterval? = nil,
    suppression: SuppressionReason? = nil
  ) {
    self.category = category
    self.code = code
    self.count = count
    self.shownCount = shownCount
    self.percent = percent
    self.interval = interval
    self.suppression = suppression
  }
}

/// Summary statistics of a score in one group.
public struct ScoreSummary: Sendable, Hashable {
  /// How many have the score.
  public var count: Int
  /// The (weighted, when weights are used) mean.
  public var mean: Double
  /// The sample standard deviation, unweighted; `nil` with fewer than 2 values.
  public var standardDeviation: Double?
  /// The interval of the mean.
  public var meanInterval: ConfidenceInterval?
  /// The median (Hyndman-Fan type 7, unweighted).
  public var median: Double
  /// The lower quartile.
  public var lowerQuartile: Double
  /// The upper quartile.
  public var upperQuartile: Double
  /// The smallest value.
  public var minimum: Double
  /// The largest value.
  public var maximum: Double
  /// Whether the statistics are hidden because the group is small.
  public var isSuppressed: Bool {
    didSet { if isSuppressed { shownCount = nil } }
  }
  /// How many have the score as published: ``count``, rounded under a rounding policy (see
  /// ``SuppressionPolicy/nhsDigital``), `nil` when hidden.
  public var shownCount: Int?

  /// Creates a summary.
  public init(
    count: Int,
    mean: Double,
    standardDeviation: Double?,
    meanInterval: ConfidenceInterval?,
    median: Double,
    lowerQuartile: Double,
    upperQuartile: Double,
    minimum: Double,
    maximum: Double,
    isSuppressed: Bool = false
  ) {
    self.count = count
    self.mean = mean
    self.standardDeviation = standardDeviation
    self.meanInterval = meanInterval
    self.median = median
    self.lowerQuartile = lowerQuartile
    self.upperQuartile = upperQuartile
    self.minimum = minimum
    self.maximum = maximum
    self.isSuppressed = isSuppressed
    self.shownCount = isSuppressed ? nil : count
  }
}

/// A chi-square test of independence between a grouping column and a measure's categories:
/// Pearson's, or for weighted data the Rao-Scott adjustment of it.
public struct IndependenceTest: Sendable, Hashable {
  /// The Rao-Scott second-order adjustment of Pearson's statistic for weighted data.
  public struct DesignAdjustment: Sendable, Hashable {
    /// The F statistic: Pearson's X² on the weighted table over the sum of the design effects.
    public var fStatistic: Double
    /// The numerator degrees of freedom (not a whole number in general).
    public var numeratorDegreesOfFreedom: Double
    /// The denominator degrees of freedom.
    public var denominatorDegreesOfFreedom: Double
    /// The mean generalised design effect.
    public var meanDesignEffect: Double

    /// Creates a record.
    public init(
      fStatistic: Double,
      numeratorDegreesOfFreedom: Double,
      denominatorDegreesOfFreedom: Double,
      meanDesignEffect: Double
    ) {
      self.fStatistic = fStatistic
      self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
      self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
      self.meanDesignEffect = meanDesignEffect
    }
  }

  /// Pearson's statistic: on the counts, or with weights on the weighted table scaled to the
  /// number of respondents.
  public var chiSquare: Double
  /// Degrees of freedom of Pearson's statistic, (r − 1)(c − 1).
  public var degreesOfFreedom: Int
  /// The p-value: Pearson's, or the Rao-Scott F test's when ``designAdjustment`` is set.
  public var pValue: Double
  /// The Rao-Scott adjustment, for weighted data.
  public var designAdjustment: DesignAdjustment?
  /// Whether the test's assumptions hold (expected counts large enough).
  public var isValid: Bool
  /// The method and, when not valid, why, in words.
  public var note: String
  /// Whether only a coarse p-value may be published (see ``pValueBand``): the table has hidden
  /// counts, and its statistic and exact p-value, worked out from the true counts, could single
  /// out the table among those that fit the published figures, and so reveal the hidden ones.
  public var isCoarsened = false

  /// The note of Pearson's test on counts when nothing is wrong with it.
  package static let pearsonMethod = "Pearson's chi-square test of independence."
  /// The note of the Rao-Scott test on weighted data when nothing is wrong with it.
  package static let raoScottMethod =
    "Rao-Scott adjusted F test of independence (second order) for weighted data, as R's "
    + "survey::svychisq, treating respondents as drawn with replacement without strata or "
    + "clusters."

  /// ``note`` without the usual method sentence, which pages give once under "About this
  /// report": what is left says why the test is not reliable or which other method was used,
  /// and is empty when there is nothing more to say.
  package var noteBeyondMethod: String {
    for method in [Self.pearsonMethod, Self.raoScottMethod] where note.hasPrefix(method) {
      return String(note.dropFirst(method.count).drop { $0 == " " })
    }
    return note
  }

  /// The p-value as published when the test is coarsened: `< 0.001`, `< 0.01`, `< 0.05` or
  /// `≥ 0.05`.
  public var pValueBand: String {
    switch pValue {
    case ..<0.001: "< 0.001"
    case ..<0.01: "< 0.01"
    case ..<0.05: "< 0.05"
    default: "≥ 0.05"
    }
  }

  /// Creates a test record.
  public init(
    chiSquare: Double,
    degreesOfFreedom: Int,
    pValue: Double,
    designAdjustment: DesignAdjustment? = nil,
    isValid: Bool,
    note: String
  ) {
    self.chiSquare = chiSquare
    self.degreesOfFreedom = degreesOfFreedom
    self.pValue = pValue
    self.designAdjustment = designAdjustment
    self.isValid = isValid
    self.note = note
  }
}
