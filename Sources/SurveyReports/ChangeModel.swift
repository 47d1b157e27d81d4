public import SurveyInstruments
public import SurveyStatistics

/// Change from baseline to follow-up among the same respondents, independent of how it is shown:
/// how respondents were paired, and for every score and indicator the paired estimates and tests.
public struct ChangeReport: Sendable {
  /// The schema identifier written into the JSON form.
  public static let schema = "loneliness-change/1"

  /// What the report was made from and how.
  public var metadata: ChangeMetadata
  /// How rows were paired by id.
  public var pairing: Pairing
  /// The scores, in the order added.
  public var scores: [ScoreChange]
  /// The indicators, in the order added.
  public var indicators: [IndicatorChange]

  /// Creates a report.
  public init(
    metadata: ChangeMetadata,
    pairing: Pairing,
    scores: [ScoreChange],
    indicators: [IndicatorChange]
  ) {
    self.metadata = metadata
    self.pairing = pairing
    self.scores = scores
    self.indicators = indicators
  }
}

/// What a change report was made from, what was excluded, and the rules it followed.
public struct ChangeMetadata: Sendable {
  /// A title.
  public var title: String
  /// The input files, as the user named them.
  public var sourceFiles: [String]
  /// The column that identifies respondents.
  public var idColumn: String
  /// The column that names the wave, or `nil` when each file is a wave.
  public var waveColumn: String?
  /// The baseline wave's label.
  public var baseline: String
  /// The follow-up wave's label.
  public var followUp: String
  /// How many data rows were read.
  public var rowsRead: Int
  /// Rows left out of pairing, with reasons.
  public var exclusions: [Exclusion]
  /// The instruments used.
  public var instruments: [InstrumentUsed]
  /// Notices the instruments' owners require on reports.
  public var licenceNotices: [String]
  /// How small counts were protected.
  public var suppression: SuppressionPolicy
  /// The confidence level of every interval.
  public var confidenceLevel: Double
  /// Decimal places for percentages.
  public var decimals: Int
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
    idColumn: String,
    waveColumn: String?,
    baseline: String,
    followUp: String,
    rowsRead: Int,
    exclusions: [Exclusion] = [],
    instruments: [InstrumentUsed] = [],
    licenceNotices: [String] = [],
    suppression: SuppressionPolicy = .threshold(5),
    confidenceLevel: Double = 0.95,
    decimals: Int = 1,
    notes: [String] = [],
    toolkitVersion: String = Toolkit.version
  ) {
    self.title = title
    self.sourceFiles = sourceFiles
    self.idColumn = idColumn
    self.waveColumn = waveColumn
    self.baseline = baseline
    self.followUp = followUp
    self.rowsRead = rowsRead
    self.exclusions = exclusions
    self.instruments = instruments
    self.licenceNotices = licenceNotices
    self.suppression = suppression
    self.confidenceLevel = confidenceLevel
    self.decimals = decimals
    self.notes = notes
    self.toolkitVersion = toolkitVersion
  }
}

/// How respondents were paired: every id is either paired, in one wave only, or duplicated.
public struct Pairing: Sendable, Hashable {
  /// The number of ids with exactly one usable row at each wave.
  public var paired: Int
  /// Distinct ids with a baseline row.
  public var baselineIDs: Int
  /// Distinct ids with a follow-up row.
  public var followUpIDs: Int
  /// Ids seen at baseline only, in natural order.
  public var baselineOnly: [String]
  /// Ids seen at follow-up only, in natural order.
  public var followUpOnly: [String]
  /// Ids with more than one row in a wave.
  public var duplicates: [DuplicateID]

  /// Creates a record.
  public init(
    paired: Int,
    baselineIDs: Int,
    followUpIDs: Int,
    baselineOnly: [String],
    followUpOnly: [String],
    duplicates: [DuplicateID]
  ) {
    self.paired = paired
    self.baselineIDs = baselineIDs
    self.followUpIDs = followUpIDs
    self.baselineOnly = baselineOnly
    self.followUpOnly = followUpOnly
    self.duplicates = duplicates
  }
}

/// An id with more than one row in one wave, and what was done about it.
public struct DuplicateID: Sendable, Hashable {
  /// What happened to a duplicated id.
  public enum Resolution: String, Sendable, Hashable {
    /// The rows agree on every measure in the report, so the first row was used once.
    case identicalUsedOnce = "identical-used-once"
    /// The rows differ (or the options say so), so the id was left out of pairing.
    case excluded
  }

  /// The id.
  public var id: String
  /// The wave it is duplicated in.
  public var wave: String
  /// Where each of its rows came from (`file:line`).
  public var locations: [String]
  /// What was done.
  public var resolution: Resolution

  /// Creates a record.
  public init(id: String, wave: String, locations: [String], resolution: Resolution) {
    self.id = id
    self.wave = wave
    self.locations = locations
    self.resolution = resolution
  }
}

/// The smallest individual change that counts as meaningful, and where it comes from.
public struct ChangeThreshold: Sendable, Hashable {
  /// The size of the change in score points.
  public var points: Double
  /// Where the threshold comes from, in words (citations, or the command line).
  public var source: String

  /// Creates a threshold.
  public init(points: Double, source: String) {
    self.points = points
    self.source = source
  }

  /// The instrument's threshold for `rule`, with its sources cited, or `nil` when it has none.
  public init?(rule: ScoreRule, in instrument: Instrument) {
    guard let change = rule.meaningfulChange else { return nil }
    points = change.points
    source = provenanceText(change.provenance, in: instrument)
  }
}

/// Change in one score among paired respondents.
public struct ScoreChange: Sendable {
  /// Which way each respondent moved.
  public enum Movement: String, Sendable, Hashable, CaseIterable {
    /// Moved in the better direction by at least the threshold.
    case improved
    /// Moved by less than the threshold either way.
    case unchanged
    /// Moved in the worse direction by at least the threshold.
    case worse
    /// Went up by any amount (no threshold or no better direction).
    case up
    /// Stayed exactly the same.
    case same
    /// Went down by any amount.
    case down
  }

  /// The share of respondents that moved one way.
  public struct Share: Sendable, Hashable {
    /// Which way.
    public var movement: Movement
    /// The label shown: "improved by 2.87 points or more".
    public var label: String
    /// How many, with the percentage of the pairs used.
    public var count: ProtectedCount
    /// The Wilson interval of the percentage, in percent units; `nil` when hidden.
    public var interval: ConfidenceInterval?

    /// Creates a share.
    public init(
      movement: Movement,
      label: String,
      count: ProtectedCount,
      interval: ConfidenceInterval?
    ) {
      self.movement = movement
      self.label = label
      self.count = count
      self.interval = interval
    }
  }

  /// The score's id.
  public var id: String
  /// Its title.
  public var title: String
  /// Decimal places of its values.
  public var decimals: Int
  /// Which direction is better, when known.
  public var better: Direction?
  /// The score's possible values, when known: charts of means start at its minimum.
  public var range: ClosedRange<Double>?
  /// Pairs with the score at both waves.
  public var pairsUsed: Int
  /// Pairs with the score at both waves, as shown: hidden when small, rounded under a rounding
  /// policy.
  public var pairs: ProtectedCount
  /// Pairs left out because the score is missing at one wave or both, by reason.
  public var missing: [ReasonCount]
  /// The baseline mean among the pairs used.
  public var baselineMean: Double?
  /// The follow-up mean among the pairs used.
  public var followUpMean: Double?
  /// The baseline SD among the pairs used.
  public var baselineStandardDeviation: Double?
  /// The follow-up SD among the pairs used.
  public var followUpStandardDeviation: Double?
  /// The mean change, follow-up minus baseline.
  public var meanChange: Double?
  /// The SD of the changes.
  public var changeStandardDeviation: Double?
  /// The paired t interval of the mean change.
  public var interval: ConfidenceInterval?
  /// The paired t statistic.
  public var tStatistic: Double?
  /// Its degrees of freedom, n − 1.
  public var degreesOfFreedom: Double?
  /// The paired t-test's two-sided p-value.
  public var pValue: Double?
  /// The Wilcoxon signed-rank test's two-sided p-value.
  public var wilcoxonPValue: Double?
  /// How the Wilcoxon p-value was obtained.
  public var wilcoxonMethod: String?
  /// The standardised mean change d_z = mean change / SD of changes.
  public var standardizedChange: Double?
  /// The meaningful-change threshold used, if any.
  public var threshold: ChangeThreshold?
  /// The shares improved / unchanged / worse (with a threshold and a better direction), or up /
  /// same / down (without).
  public var shares: [Share]
  /// Baseline band by follow-up band, when the score has bands.
  public var transitions: BandTransitions?
  /// Whether the statistics are hidden because too few pairs have the score.
  public var isSuppressed: Bool
  /// Notes for this score.
  public var notes: [String]

  /// Creates a record with no statistics yet.
  public init(id: String, title: String, decimals: Int, better: Direction?, pairsUsed: Int) {
    self.id = id
    self.title = title
    self.decimals = decimals
    self.better = better
    self.pairsUsed = pairsUsed
    pairs = ProtectedCount(count: pairsUsed, shownCount: pairsUsed, percent: nil, suppression: nil)
    missing = []
    shares = []
    isSuppressed = false
    notes = []
  }
}

/// Counts of paired respondents by baseline band (rows) and follow-up band (columns).
public struct BandTransitions: Sendable, Hashable {
  /// The band labels, in ascending order of value.
  public var bands: [String]
  /// The cells: `cells[baseline][followUp]`, with percentages of all pairs used.
  public var cells: [[ProtectedCount]]
  /// Pairs whose value is in no band at one wave or both.
  public var outsideBands: ProtectedCount
  /// Where the band cut-offs come from.
  public var source: String?

  /// Where the cut-offs of `bands` come from, in words: citations and how sure they are.
  public static func source(of bands: BandSet, in instrument: Instrument) -> String {
    provenanceText(bands.provenance, in: instrument)
  }

  /// Creates a table.
  public init(
    bands: [String],
    cells: [[ProtectedCount]],
    outsideBands: ProtectedCount,
    source: String?
  ) {
    self.bands = bands
    self.cells = cells
    self.outsideBands = outsideBands
    self.source = source
  }
}

/// Change in one yes/no indicator among paired respondents: the paired 2×2 table and McNemar's
/// test.
public struct IndicatorChange: Sendable {
  /// The indicator's id.
  public var id: String
  /// Its title.
  public var title: String
  /// Pairs with a value at both waves.
  public var pairsUsed: Int
  /// Pairs with a value at both waves, as shown: hidden when small, rounded under a rounding
  /// policy.
  public var pairs: ProtectedCount
  /// Pairs left out because the value is missing at one wave or both, by reason.
  public var missing: [ReasonCount]
  /// Yes at both waves.
  public var yesYes: ProtectedCount
  /// Yes at baseline, no at follow-up (b).
  public var yesNo: ProtectedCount
  /// No at baseline, yes at follow-up (c).
  public var noYes: ProtectedCount
  /// No at both waves.
  public var noNo: ProtectedCount
  /// The percentage yes at baseline among the pairs used; `nil` when hidden.
  public var baselinePercent: Double?
  /// The percentage yes at follow-up among the pairs used; `nil` when hidden.
  public var followUpPercent: Double?
  /// McNemar's two-sided p-value; `nil` when hidden or not computed.
  public var pValue: Double?
  /// McNemar's statistic (min(b, c) for the exact test, the corrected chi-square otherwise).
  public var statistic: Double?
  /// The form of McNemar's test used.
  public var method: String?
  /// Why that form was used.
  public var methodNote: String?
  /// Notes for this indicator.
  public var notes: [String]

  /// Creates a record.
  public init(
    id: String,
    title: String,
    pairsUsed: Int,
    missing: [ReasonCount],
    yesYes: ProtectedCount,
    yesNo: ProtectedCount,
    noYes: ProtectedCount,
    noNo: ProtectedCount,
    baselinePercent: Double?,
    followUpPercent: Double?,
    pValue: Double?,
    statistic: Double?,
    method: String?,
    methodNote: String?,
    notes: [String] = []
  ) {
    self.id = id
    self.title = title
    self.pairsUsed = pairsUsed
    pairs = ProtectedCount(count: pairsUsed, shownCount: pairsUsed, percent: nil, suppression: nil)
    self.missing = missing
    self.yesYes = yesYes
    self.yesNo = yesNo
    self.noYes = noYes
    self.noNo = noNo
    self.baselinePercent = baselinePercent
    self.followUpPercent = followUpPercent
    self.pValue = pValue
    self.statistic = statistic
    self.method = method
    self.methodNote = methodNote
    self.notes = notes
  }
}
