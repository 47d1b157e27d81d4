public import SurveyInstruments

/// Every score and indicator of every instrument of a ``SurveyCapture/ResponseTable``, one column per score and
/// per indicator, in the table's row order.
///
/// Make one with `Scorer.score(table)`. Renderers name and order their output
/// columns with ``columns``: for each instrument in turn, each score's value, band and reason
/// (`INSTRUMENT.SCORE`, `INSTRUMENT.SCORE.band`, `INSTRUMENT.SCORE.reason`), then each indicator
/// (`INSTRUMENT.INDICATOR`).
///
/// ```swift
/// let scored = Scorer.score(table)
/// if let metric = scored.score(instrument: "swemwbs", id: "metric") {
///   let summary = metric.validValues          // for means and histograms
///   let why = metric.reason(at: 12)           // "raw score absent: ..." or nil
/// }
/// ```
public struct ScoredTable: Sendable {
  /// One output column: a score's value, band or reason, or an indicator.
  public struct Column: Sendable, Hashable {
    /// What the column holds.
    public enum Kind: Sendable, Hashable {
      /// A score's value: a number, empty when absent.
      case value
      /// The label of the band the score falls in, empty when none.
      case band
      /// Why the score is absent, empty when it has a value.
      case reason
      /// An indicator: 1, 0, or empty when absent.
      case indicator
    }

    /// What the column holds.
    public let kind: Kind
    /// The index in ``ScoredTable/scores`` (for values, bands and reasons) or in
    /// ``ScoredTable/indicators`` (for indicators).
    public let index: Int
    /// The column's name, such as `swemwbs.metric.band`.
    public let name: String

    /// Whether the column holds numbers (score values and indicators) rather than text.
    public var isNumeric: Bool { kind == .value || kind == .indicator }
  }

  /// How many respondents the table holds.
  public let count: Int
  /// The instruments scored, in the table's order.
  public let instruments: [Instrument]
  /// One column per score, in instrument then score order.
  public let scores: [ScoreColumn]
  /// One column per indicator, in instrument then indicator order.
  public let indicators: [IndicatorColumn]
  /// The output columns in the order every renderer writes them.
  public let columns: [Column]

  init(count: Int, instruments: [Instrument], scores: [ScoreColumn], indicators: [IndicatorColumn])
  {
    self.count = count
    self.instruments = instruments
    self.scores = scores
    self.indicators = indicators
    var columns: [Column] = []
    for instrument in instruments {
      for (index, score) in scores.enumerated() where score.instrument == instrument.id {
        columns.append(Column(kind: .value, index: index, name: score.name))
        columns.append(Column(kind: .band, index: index, name: score.bandName))
        columns.append(Column(kind: .reason, index: index, name: score.reasonName))
      }
      for (index, indicator) in indicators.enumerated() where indicator.instrument == instrument.id
      {
        columns.append(Column(kind: .indicator, index: index, name: indicator.name))
      }
    }
    self.columns = columns
  }

  /// The names of ``columns``, in order.
  public var columnNames: [String] { columns.map(\.name) }

  /// The column of score `id` of `instrument`, if scored.
  ///
  /// - Complexity: O(*s*) in the number of scores.
  public func score(instrument: InstrumentID, id: ScoreID) -> ScoreColumn? {
    scores.first { $0.instrument == instrument && $0.rule.id == id }
  }

  /// The column of indicator `id` of `instrument`, if scored.
  ///
  /// - Complexity: O(*i*) in the number of indicators.
  public func indicator(instrument: InstrumentID, id: IndicatorID) -> IndicatorColumn? {
    indicators.first { $0.instrument == instrument && $0.indicator.id == id }
  }

  /// The text of `column` for the respondent at `row`, or `nil` for an empty cell: a score value
  /// as ``ScoreColumn/formattedValue(at:)`` writes it, a band label, a reason, or `1`/`0` for an
  /// indicator.
  ///
  /// - Complexity: O(1), except reasons (O(*k*) for a score of *k* items).
  public func text(of column: Column, at row: Int) -> String? {
    switch column.kind {
    case .value: scores[column.index].formattedValue(at: row)
    case .band: scores[column.index].band(at: row)?.label
    case .reason: scores[column.index].reason(at: row)
    case .indicator: indicators[column.index].value(at: row).map { $0 ? "1" : "0" }
    }
  }

  /// The scores and indicators of `instrument` for the respondent at `row`, or `nil` if the
  /// instrument was not scored.
  ///
  /// - Complexity: O(*s* + *i*) in the number of scores and indicators.
  public func responseScores(at row: Int, instrument: InstrumentID) -> ResponseScores? {
    guard instruments.contains(where: { $0.id == instrument }) else { return nil }
    let scoreResults = scores.filter { $0.instrument == instrument }.map { column in
      ScoreResult(
        id: column.rule.id,
        value: column.value(at: row),
        band: column.band(at: row),
        reason: column.reason(at: row)
      )
    }
    let indicatorResults = indicators.filter { $0.instrument == instrument }.map { column in
      IndicatorResult(
        id: column.indicator.id,
        value: column.value(at: row),
        reason: column.reason(at: row)
      )
    }
    return ResponseScores(
      instrument: instrument,
      scores: scoreResults,
      indicators: indicatorResults
    )
  }

  /// The name of a score's value column: `INSTRUMENT.SCORE`, such as `ons-loneliness.ucla3`.
  public static func valueColumnName(instrument: InstrumentID, score: ScoreID) -> String {
    "\(instrument).\(score)"
  }

  /// The name of a score's band column: `INSTRUMENT.SCORE.band`.
  public static func bandColumnName(instrument: InstrumentID, score: ScoreID) -> String {
    "\(instrument).\(score).band"
  }

  /// The name of a score's reason column: `INSTRUMENT.SCORE.reason`.
  public static func reasonColumnName(instrument: InstrumentID, score: ScoreID) -> String {
    "\(instrument).\(score).reason"
  }

  /// The name of an indicator's column: `INSTRUMENT.INDICATOR`, such as `djg6.lonely`.
  public static func indicatorColumnName(instrument: InstrumentID, indicator: IndicatorID) -> String
  {
    "\(instrument).\(indicator)"
  }
}
