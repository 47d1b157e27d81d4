public import SurveyInstruments

/// One score of one respondent: its value, its band, and why it is absent if it is.
public struct ScoreResult: Sendable, Hashable {
  /// The score.
  public var id: ScoreID
  /// The value, or `nil` when absent.
  public var value: Double?
  /// The band the value falls in, if any.
  public var band: Band?
  /// Why the score is absent, in words; `nil` when it has a value.
  public var reason: String?

  /// Creates a result.
  public init(id: ScoreID, value: Double?, band: Band?, reason: String?) {
    self.id = id
    self.value = value
    self.band = band
    self.reason = reason
  }
}

/// One indicator of one respondent: true, false, or absent with its reason.
public struct IndicatorResult: Sendable, Hashable {
  /// The indicator.
  public var id: IndicatorID
  /// Whether the indicator holds, or `nil` when absent.
  public var value: Bool?
  /// Why the indicator is absent, in words; `nil` when it has a value.
  public var reason: String?

  /// Creates a result.
  public init(id: IndicatorID, value: Bool?, reason: String?) {
    self.id = id
    self.value = value
    self.reason = reason
  }
}

/// Every score and indicator of one instrument for one respondent.
public struct ResponseScores: Sendable, Hashable {
  /// The instrument.
  public var instrument: InstrumentID
  /// The scores, in the instrument's order.
  public var scores: [ScoreResult]
  /// The indicators, in the instrument's order.
  public var indicators: [IndicatorResult]

  /// Creates the scores of one respondent.
  public init(instrument: InstrumentID, scores: [ScoreResult], indicators: [IndicatorResult]) {
    self.instrument = instrument
    self.scores = scores
    self.indicators = indicators
  }

  /// The score `id`, if the instrument defines it.
  ///
  /// - Complexity: O(*s*) in the number of scores.
  public func score(_ id: ScoreID) -> ScoreResult? { scores.first { $0.id == id } }

  /// The indicator `id`, if the instrument defines it.
  ///
  /// - Complexity: O(*i*) in the number of indicators.
  public func indicator(_ id: IndicatorID) -> IndicatorResult? { indicators.first { $0.id == id } }
}
