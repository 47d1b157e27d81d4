public import SurveyInstruments

/// How many respondents an indicator is true, false and absent for.
public struct IndicatorCounts: Sendable, Hashable {
  /// Rows where the indicator is true.
  public var yes: Int
  /// Rows where the indicator is false.
  public var no: Int
  /// Rows where the indicator is absent (its item not answered, or its score absent).
  public var absent: Int

  /// Creates counts.
  public init(yes: Int, no: Int, absent: Int) {
    self.yes = yes
    self.no = no
    self.absent = absent
  }

  /// The rows that count towards the proportion: `yes + no`.
  public var base: Int { yes + no }
}

/// Every respondent's value of one indicator of one instrument: 1 (true), 0 (false) or -1
/// (absent), with the reason for each absence worded on demand.
///
/// An item indicator (`.itemCodes`) is 1 when the answer's code is listed, 0 when the item is
/// answered with another code, and absent when it has no code. A band indicator (`.scoreBands`) is
/// 1 when the score falls in a listed band, 0 when it is scored outside them, and absent when the
/// score is absent.
public struct IndicatorColumn: Sendable {
  /// The instrument the indicator belongs to.
  public let instrument: InstrumentID
  /// The indicator's definition.
  public let indicator: Indicator
  /// 1, 0 or -1 (absent) per row.
  public let values: [Int8]
  let item: ItemEvidence?
  let score: ScoreColumnReference?

  init(
    instrument: InstrumentID,
    indicator: Indicator,
    values: [Int8],
    item: ItemEvidence?,
    score: ScoreColumnReference?
  ) {
    self.instrument = instrument
    self.indicator = indicator
    self.values = values
    self.item = item
    self.score = score
  }

  /// How many rows the column holds.
  public var count: Int { values.count }

  /// The column name, `INSTRUMENT.INDICATOR`, such as `ons-loneliness.often-always`.
  public var name: String {
    ScoredTable.indicatorColumnName(instrument: instrument, indicator: indicator.id)
  }

  /// The indicator for the respondent at `row`, or `nil` when it is absent.
  public func value(at row: Int) -> Bool? {
    switch values[row] {
    case 1: true
    case 0: false
    default: nil
    }
  }

  /// Why the indicator is absent for the respondent at `row`, or `nil` when it has a value: for
  /// example "item lonely answered 'Prefer not to say'" or "ucla3 score absent: 1 of 3 items
  /// missing (left-out unrecognised); ons-loneliness.ucla3 allows none".
  ///
  /// - Complexity: O(*k*) for a score of *k* items.
  public func reason(at row: Int) -> String? {
    guard values[row] < 0 else { return nil }
    switch indicator.condition {
    case .itemCodes(let itemID, _):
      return item?.absenceSentence(at: row) ?? "the instrument has no item '\(itemID)'"
    case .scoreBands(let scoreID, _):
      guard let score else { return "the instrument defines no score '\(scoreID)'" }
      return "\(scoreID) score absent: \(score.column.reason(at: row) ?? "no value")"
    }
  }

  /// How many rows are true, false and absent.
  ///
  /// - Complexity: O(*n*) for *n* rows.
  public var counts: IndicatorCounts {
    var yes = 0
    var no = 0
    for value in values {
      if value == 1 { yes += 1 } else if value == 0 { no += 1 }
    }
    return IndicatorCounts(yes: yes, no: no, absent: values.count - yes - no)
  }
}
