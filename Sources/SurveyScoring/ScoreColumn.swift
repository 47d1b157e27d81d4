import SurveyCapture
public import SurveyInstruments

/// Why a respondent has no value for a score, as a one-byte code; ``ScoreColumn/reason(at:)``
/// renders it in words from the answers.
public enum ScoreAbsence: UInt8, Sendable, Hashable, CaseIterable {
  /// The score has a value.
  case present = 0
  /// More items are missing than the instrument's missing-data rule allows.
  case itemsMissing
  /// The score converts another score, and that score is absent.
  case sourceAbsent
  /// The score converts another score whose value has no row in the conversion table.
  case notInConversionTable
  /// The score converts a score that the instrument does not define.
  case sourceUndefined
}

/// Every respondent's value of one score of one instrument, with its band and, where it is
/// absent, why.
///
/// Values are exact: a sum of codes or recoded values is computed in `Double`, which holds sums
/// of small whole numbers exactly; a converted score is the table's value itself. A mean is the
/// sum divided once by the number of answered items, and a prorated sum is
/// sum × items ÷ answered, rounded once.
///
/// Reasons are kept as a one-byte ``ScoreAbsence`` per row and worded on demand from the answers,
/// so a table of a million respondents stores no text.
public struct ScoreColumn: Sendable {
  /// The instrument the score belongs to.
  public let instrument: InstrumentID
  /// The scoring rule, with its range, decimals and bands.
  public let rule: ScoreRule
  /// The score per row, NaN where the score is absent.
  public let values: [Double]
  /// The index in `rule.bands` of the band each row's value falls in; -1 where the score is
  /// absent or falls in no band.
  public let bandIndices: [Int16]
  /// Why each row's score is absent; ``ScoreAbsence/present`` where it has a value.
  public let absences: [ScoreAbsence]
  let items: [ItemEvidence]
  let source: ScoreColumnReference?

  init(
    instrument: InstrumentID,
    rule: ScoreRule,
    values: [Double],
    absences: [ScoreAbsence],
    items: [ItemEvidence],
    source: ScoreColumnReference?
  ) {
    self.instrument = instrument
    self.rule = rule
    self.values = values
    self.absences = absences
    self.items = items
    self.source = source
    let bands = rule.bands?.bands ?? []
    var indices = [Int16](repeating: -1, count: values.count)
    if !bands.isEmpty {
      for row in values.indices where !values[row].isNaN {
        let value = values[row]
        if let index = bands.firstIndex(where: { $0.contains(value) }) {
          indices[row] = Int16(index)
        }
      }
    }
    bandIndices = indices
  }

  /// How many rows the column holds.
  public var count: Int { values.count }

  /// The score's column name, `INSTRUMENT.SCORE`, such as `swemwbs.metric`.
  public var name: String { ScoredTable.valueColumnName(instrument: instrument, score: rule.id) }
  /// The band column's name, `INSTRUMENT.SCORE.band`.
  public var bandName: String { ScoredTable.bandColumnName(instrument: instrument, score: rule.id) }
  /// The reason column's name, `INSTRUMENT.SCORE.reason`.
  public var reasonName: String {
    ScoredTable.reasonColumnName(instrument: instrument, score: rule.id)
  }

  /// The score of the respondent at `row`, or `nil` when it is absent.
  public func value(at row: Int) -> Double? {
    let value = values[row]
    return value.isNaN ? nil : value
  }

  /// The band that the score of the respondent at `row` falls in, if any.
  public func band(at row: Int) -> Band? {
    let index = Int(bandIndices[row])
    guard index >= 0, let bands = rule.bands?.bands, index < bands.count else { return nil }
    return bands[index]
  }

  /// The score of the respondent at `row` as text: at least the rule's decimals, and more only
  /// where the value needs them to be written exactly ("26.02", "7.00", "12", "12.5"); `nil` when
  /// absent.
  ///
  /// - Complexity: O(1).
  public func formattedValue(at row: Int) -> String? {
    value(at: row).map { Self.format($0, decimals: rule.decimals) }
  }

  /// Why the score of the respondent at `row` is absent, in words for a report reader.
  ///
  /// `nil` when it has a value. For example "2 of 14 items missing (optimistic, loved); wemwbs.total
  /// allows none", "item anxiety answered 'Prefer not to say'", or "raw score absent: 1 of 7
  /// items missing (useful); swemwbs.raw allows none".
  ///
  /// - Complexity: O(*k*) for a score of *k* items (times the length of a conversion chain).
  public func reason(at row: Int) -> String? {
    switch absences[row] {
    case .present:
      return nil
    case .itemsMissing:
      return itemsMissingReason(at: row)
    case .sourceAbsent:
      let inner = source?.column.reason(at: row) ?? "no value"
      return "\(sourceID) score absent: \(inner)"
    case .notInConversionTable:
      let shown = source?.column.formattedValue(at: row) ?? "?"
      return "\(sourceID) score \(shown) has no row in the conversion table"
    case .sourceUndefined:
      return "the instrument defines no score '\(sourceID)' to convert"
    }
  }

  /// The values of the rows that have a score, in row order, for summaries.
  ///
  /// - Complexity: O(*n*) for *n* rows.
  public var validValues: [Double] { values.filter { !$0.isNaN } }

  /// How many rows have a score.
  ///
  /// - Complexity: O(*n*) for *n* rows.
  public var validCount: Int { absences.reduce(0) { $0 + ($1 == .present ? 1 : 0) } }

  /// `value` with at least `decimals` places, and more only where needed to write it exactly
  /// (up to 15); whole values need no point when `decimals` is 0.
  ///
  /// - Complexity: O(1).
  public static func format(_ value: Double, decimals: Int) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return String(value) }
    var places = max(0, decimals)
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    while places <= 15 {
      let scaled = (value * scale).rounded()
      if scaled / scale == value, abs(scaled) < 9e15 {
        let digits = Int(abs(scaled))
        let whole = digits / Int(scale)
        let fraction = digits % Int(scale)
        var text = (scaled < 0 ? "-" : "") + String(whole)
        if places > 0 {
          let fractionText = String(fraction)
          text += "." + String(repeating: "0", count: places - fractionText.count) + fractionText
        }
        return text
      }
      places += 1
      scale *= 10
    }
    return String(value)
  }

  private var sourceID: ScoreID {
    if case .convert(let from, _) = rule.method { return from }
    return rule.id
  }

  private func itemsMissingReason(at row: Int) -> String {
    let missing = items.filter { $0.isMissing(at: row) }
    if items.count == 1, let only = missing.first { return only.absenceSentence(at: row) }
    let allowance =
      rule.missingRule.maximumMissing == 0 ? "none" : String(rule.missingRule.maximumMissing)
    let qualified = "\(instrument).\(rule.id)"
    if missing.count == items.count, missing.allSatisfy({ $0.answer(at: row) == .notAnswered }) {
      return "none of the \(items.count) items answered"
    }
    let list = missing.map { $0.listEntry(at: row) }.joined(separator: ", ")
    return
      "\(missing.count) of \(items.count) items missing (\(list)); \(qualified) allows \(allowance)"
  }
}

/// A shared, immutable reference to a score column, so that a converted score can explain its
/// absences through the score it converts.
final class ScoreColumnReference: Sendable {
  let column: ScoreColumn
  init(_ column: ScoreColumn) { self.column = column }
}
