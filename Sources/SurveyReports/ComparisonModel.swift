public import SurveyInstruments
public import SurveyStatistics

/// A comparison of cohorts (areas, an intervention and a comparison group, two survey years),
/// independent of how it is shown: for every indicator and score, each cohort's estimate and each
/// cohort's difference from the reference cohort with an interval and a test.
public struct ComparisonReport: Sendable {
  /// The schema identifier written into the JSON form.
  public static let schema = "loneliness-compare/1"

  /// What the comparison was made from and how.
  public var metadata: ComparisonMetadata
  /// The cohorts in the order shown, the reference first.
  public var cohorts: [CohortSize]
  /// The reference cohort every other cohort is compared with.
  public var reference: String
  /// The indicators, in the order added.
  public var indicators: [IndicatorComparison]
  /// The scores, in the order added.
  public var scores: [ScoreComparison]

  /// Creates a comparison.
  public init(
    metadata: ComparisonMetadata,
    cohorts: [CohortSize],
    reference: String,
    indicators: [IndicatorComparison],
    scores: [ScoreComparison]
  ) {
    self.metadata = metadata
    self.cohorts = cohorts
    self.reference = reference
    self.indicators = indicators
    self.scores = scores
  }
}

/// What a comparison was made from, what was excluded, and the rules it followed.
public struct ComparisonMetadata: Sendable {
  /// A title.
  public var title: String
  /// The input files, as the user named them.
  public var sourceFiles: [String]
  /// The column that names each row's cohort, or `nil` when each file is a cohort.
  public var cohortColumn: String?
  /// How many data rows were read.
  public var rowsRead: Int
  /// Rows left out, with reasons.
  public var exclusions: [Exclusion]
  /// The instruments used.
  public var instruments: [InstrumentUsed]
  /// Notices the instruments' owners require on reports.
  public var licenceNotices: [String]
  /// How small counts were protected.
  public var suppression: SuppressionPolicy
  /// The confidence level of every interval.
  public var confidenceLevel: Double
  /// Decimal places for percentages and percentage-point differences.
  public var decimals: Int
  /// Cohorts with fewer answers than this are marked as a low base.
  public var lowBaseThreshold: Int
  /// Further notes for readers.
  public var notes: [String]
  /// The weight column and what weighting did, when estimates are weighted.
  public var weighting: WeightingNote?
  /// The toolkit's version.
  public var toolkitVersion: String

  /// Creates metadata.
  public init(
    title: String,
    sourceFiles: [String],
    cohortColumn: String?,
    rowsRead: Int,
    exclusions: [Exclusion] = [],
    instruments: [InstrumentUsed] = [],
    licenceNotices: [String] = [],
    suppression: SuppressionPolicy = .threshold(5),
    confidenceLevel: Double = 0.95,
    decimals: Int = 1,
    lowBaseThreshold: Int = 30,
    notes: [String] = [],
    toolkitVersion: String = Toolkit.version
  ) {
    self.title = title
    self.sourceFiles = sourceFiles
    self.cohortColumn = cohortColumn
    self.rowsRead = rowsRead
    self.exclusions = exclusions
    self.instruments = instruments
    self.licenceNotices = licenceNotices
    self.suppression = suppression
    self.confidenceLevel = confidenceLevel
    self.decimals = decimals
    self.lowBaseThreshold = lowBaseThreshold
    self.notes = notes
    self.toolkitVersion = toolkitVersion
  }
}

/// A cohort and how many rows it has.
public struct CohortSize: Sendable, Hashable {
  /// The cohort's label.
  public var cohort: String
  /// Its rows, as shown (suppressed when small).
  public var rows: ProtectedCount

  /// Creates a record.
  public init(cohort: String, rows: ProtectedCount) {
    self.cohort = cohort
    self.rows = rows
  }
}

/// One indicator compared across cohorts.
public struct IndicatorComparison: Sendable {
  /// The indicator's id (`INSTRUMENT.INDICATOR`).
  public var id: String
  /// Its title.
  public var title: String
  /// Each cohort's proportion, in cohort order.
  public var cohorts: [CohortProportion]
  /// Each non-reference cohort against the reference, in cohort order.
  public var comparisons: [ProportionComparison]
  /// Whether the p-values were Holm-adjusted (more than one comparison).
  public var isAdjusted: Bool
  /// Notes for this indicator.
  public var notes: [String]

  /// Creates a record.
  public init(
    id: String,
    title: String,
    cohorts: [CohortProportion],
    comparisons: [ProportionComparison],
    isAdjusted: Bool,
    notes: [String] = []
  ) {
    self.id = id
    self.title = title
    self.cohorts = cohorts
    self.comparisons = comparisons
    self.isAdjusted = isAdjusted
    self.notes = notes
  }
}

/// One cohort's proportion for an indicator: k of n, the percentage and its Wilson interval.
public struct CohortProportion: Sendable {
  /// The cohort.
  public var cohort: String
  /// k: those for whom the indicator is 1, as shown.
  public var successes: ProtectedCount
  /// n: those with a value (1 or 0), the base of the percentage.
  public var base: ProtectedCount
  /// Those with no value, as shown.
  public var absent: ProtectedCount
  /// The Wilson score interval of the percentage, in percent units; `nil` when hidden or n = 0.
  public var interval: ConfidenceInterval?
  /// Whether the base is below the low-base threshold.
  public var isLowBase: Bool

  /// Creates a record.
  public init(
    cohort: String,
    successes: ProtectedCount,
    base: ProtectedCount,
    absent: ProtectedCount,
    interval: ConfidenceInterval?,
    isLowBase: Bool
  ) {
    self.cohort = cohort
    self.successes = successes
    self.base = base
    self.absent = absent
    self.interval = interval
    self.isLowBase = isLowBase
  }

  /// The percentage k/n, or `nil` when hidden.
  public var percent: Double? { successes.percent }
}

/// A cohort's proportion against the reference's: the difference in percentage points with
/// Newcombe's hybrid score interval, and the two-proportion z-test.
public struct ProportionComparison: Sendable {
  /// The cohort.
  public var cohort: String
  /// The reference cohort.
  public var reference: String
  /// p(cohort) − p(reference) in percentage points; `nil` when hidden or not computed.
  public var difference: Double?
  /// Newcombe's interval of the difference, in percentage points.
  public var interval: ConfidenceInterval?
  /// The two-sided p-value of the two-proportion z-test.
  public var pValue: Double?
  /// The Holm-adjusted p-value, when there are several comparisons.
  public var adjustedPValue: Double?
  /// Whether the figures are hidden because they involve a suppressed count.
  public var isSuppressed: Bool
  /// Why something is missing, in words.
  public var notes: [String]

  /// Creates a record.
  public init(
    cohort: String,
    reference: String,
    difference: Double?,
    interval: ConfidenceInterval?,
    pValue: Double?,
    adjustedPValue: Double?,
    isSuppressed: Bool,
    notes: [String] = []
  ) {
    self.cohort = cohort
    self.reference = reference
    self.difference = difference
    self.interval = interval
    self.pValue = pValue
    self.adjustedPValue = adjustedPValue
    self.isSuppressed = isSuppressed
    self.notes = notes
  }
}

/// One score compared across cohorts.
public struct ScoreComparison: Sendable {
  /// The score's id (`INSTRUMENT.SCORE`).
  public var id: String
  /// Its title.
  public var title: String
  /// Decimal places of the score's own values.
  public var decimals: Int
  /// Which direction is better, when the instrument says.
  public var better: Direction?
  /// The score's possible values, when known: charts of means start at its minimum.
  public var range: ClosedRange<Double>?
  /// Each cohort's summary, in cohort order.
  public var cohorts: [CohortMean]
  /// Each non-reference cohort against the reference, in cohort order.
  public var comparisons: [MeanComparison]
  /// Whether the p-values were Holm-adjusted (more than one comparison).
  public var isAdjusted: Bool
  /// Notes for this score.
  public var notes: [String]

  /// Creates a record.
  public init(
    id: String,
    title: String,
    decimals: Int,
    better: Direction?,
    cohorts: [CohortMean],
    comparisons: [MeanComparison],
    isAdjusted: Bool,
    notes: [String] = [],
    range: ClosedRange<Double>? = nil
  ) {
    self.id = id
    self.title = title
    self.decimals = decimals
    self.better = better
    self.range = range
    self.cohorts = cohorts
    self.comparisons = comparisons
    self.isAdjusted = isAdjusted
    self.notes = notes
  }
}

/// One cohort's mean of a score with its t interval.
public struct CohortMean: Sendable {
  /// The cohort.
  public var cohort: String
  /// How many have the score, as shown.
  public var count: ProtectedCount
  /// Those without the score, as shown.
  public var absent: ProtectedCount
  /// The mean; `nil` when hidden or there are no values.
  public var mean: Double?
  /// The standard deviation (n − 1); `nil` when hidden or n < 2.
  public var standardDeviation: Double?
  /// The t interval of the mean; `nil` when hidden or n < 2.
  public var interval: ConfidenceInterval?
  /// Whether the figures are hidden because the count is small.
  public var isSuppressed: Bool
  /// Whether the count is below the low-base threshold.
  public var isLowBase: Bool
  /// Why something is missing, in words.
  public var notes: [String]

  /// Creates a record.
  public init(
    cohort: String,
    count: ProtectedCount,
    absent: ProtectedCount,
    mean: Double?,
    standardDeviation: Double?,
    interval: ConfidenceInterval?,
    isSuppressed: Bool,
    isLowBase: Bool,
    notes: [String] = []
  ) {
    self.cohort = cohort
    self.count = count
    self.absent = absent
    self.mean = mean
    self.standardDeviation = standardDeviation
    self.interval = interval
    self.isSuppressed = isSuppressed
    self.isLowBase = isLowBase
    self.notes = notes
  }
}

/// A cohort's mean against the reference's: Welch's interval and test, and Hedges' g.
public struct MeanComparison: Sendable {
  /// The cohort.
  public var cohort: String
  /// The reference cohort.
  public var reference: String
  /// mean(cohort) − mean(reference); `nil` when hidden or not computed.
  public var difference: Double?
  /// Welch's interval of the difference.
  public var interval: ConfidenceInterval?
  /// The Welch–Satterthwaite degrees of freedom.
  public var degreesOfFreedom: Double?
  /// The two-sided p-value of Welch's t-test.
  public var pValue: Double?
  /// The Holm-adjusted p-value, when there are several comparisons.
  public var adjustedPValue: Double?
  /// Hedges' g (exact small-sample correction), cohort minus reference over the pooled SD.
  public var hedgesG: Double?
  /// Whether the figures are hidden because they involve a suppressed count.
  public var isSuppressed: Bool
  /// Why something is missing, in words.
  public var notes: [String]

  /// Creates a record.
  public init(
    cohort: String,
    reference: String,
    difference: Double?,
    interval: ConfidenceInterval?,
    degreesOfFreedom: Double?,
    pValue: Double?,
    adjustedPValue: Double?,
    hedgesG: Double?,
    isSuppressed: Bool,
    notes: [String] = []
  ) {
    self.cohort = cohort
    self.reference = reference
    self.difference = difference
    self.interval = interval
    self.degreesOfFreedom = degreesOfFreedom
    self.pValue = pValue
    self.adjustedPValue = adjustedPValue
    self.hedgesG = hedgesG
    self.isSuppressed = isSuppressed
    self.notes = notes
  }
}
