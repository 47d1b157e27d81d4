import SurveyCSV
public import SurveyInstruments

/// The columns of a capture file and how one response becomes one row of it.
///
/// The header is `respondent_id`, `captured_at`, the extra columns in the order given, one column
/// per item named `INSTRUMENT.ITEM` (such as `ons-loneliness.lonely`) in instrument then item
/// order, and `status`. An item's cell holds the numeric code, a declared missing answer's label
/// ("Prefer not to say"), or nothing when the item was skipped or not reached. `status` is
/// `complete` for a confirmed session and `partial` for an abandoned one that was kept.
/// Importers read these files without a mapping: item columns by name, cells by code or label.
public struct CaptureFileLayout: Sendable, Hashable {
  /// The header of the respondent id column.
  public static let respondentColumn = "respondent_id"
  /// The header of the capture time column (ISO 8601, UTC).
  public static let capturedAtColumn = "captured_at"
  /// The header of the status column.
  public static let statusColumn = "status"

  /// The instruments whose items have columns, in order.
  public var instruments: [Instrument]
  /// Extra columns (such as `site` or `wave`), between `captured_at` and the items.
  public var extraColumns: [String]

  /// Creates a layout.
  ///
  /// - Throws: ``CaptureLayoutError`` when an extra column is empty, repeated, or has the name
  ///   of another column.
  public init(instruments: [Instrument], extraColumns: [String] = []) throws(CaptureLayoutError) {
    self.instruments = instruments
    self.extraColumns = extraColumns
    var seen: Set<String> = []
    let reserved = Set(
      [Self.respondentColumn, Self.capturedAtColumn, Self.statusColumn] + itemColumns
    )
    for column in extraColumns {
      if column.isEmpty {
        throw CaptureLayoutError(column: column, message: "a column name is empty", hint: nil)
      }
      if reserved.contains(column) {
        throw CaptureLayoutError(
          column: column,
          message: "'\(column)' is a column the capture fills itself",
          hint: "choose another name for the extra column"
        )
      }
      if !seen.insert(column).inserted {
        throw CaptureLayoutError(
          column: column,
          message: "the column '\(column)' is given more than once",
          hint: nil
        )
      }
    }
  }

  /// The item columns, `INSTRUMENT.ITEM`.
  ///
  /// - Complexity: O(*n*) in the number of items.
  public var itemColumns: [String] {
    instruments.flatMap { instrument in
      instrument.items.map { ItemKey(instrument: instrument.id, item: $0.id).description }
    }
  }

  /// The whole header.
  ///
  /// - Complexity: O(*n*) in the number of columns.
  public var header: [String] {
    [Self.respondentColumn, Self.capturedAtColumn] + extraColumns + itemColumns
      + [Self.statusColumn]
  }

  /// The row for `response`, in header order.
  ///
  /// - Parameters:
  ///   - response: The answers; extra columns are taken from its attributes (empty if absent).
  ///   - respondentID: The respondent's id.
  ///   - capturedAt: When the response was captured, as ISO 8601 text.
  ///   - status: Whether the session was completed.
  /// - Returns: The row's cells, in the layout's column order.
  /// - Complexity: O(*n*) in the number of columns.
  public func row(
    for response: Response,
    respondentID: String,
    capturedAt: String,
    status: CaptureStatus
  ) -> [String] {
    var row = [respondentID, capturedAt]
    for column in extraColumns { row.append(response.attributes[column] ?? "") }
    for instrument in instruments {
      for item in instrument.items {
        let answer = response.answers[ItemKey(instrument: instrument.id, item: item.id)]
        row.append(Self.cell(for: answer ?? .notAnswered, on: instrument.scale(for: item)))
      }
    }
    row.append(status.rawValue)
    return row
  }

  /// The cell for one answer: the code, a declared missing answer's label, or empty.
  public static func cell(for answer: Answer, on scale: ResponseScale?) -> String {
    if let code = answer.code { return String(code) }
    if let index = answer.missingReasonIndex, let scale, index < scale.missingAnswers.count {
      return scale.missingAnswers[index].label
    }
    return ""
  }
}

extension CaptureFileLayout {
  /// The lines of the capture file at `path` whose rows already hold `respondentID` with the same
  /// values in the columns of `attributes` (a `wave` or `site` given with `--set`), so a capture
  /// can warn before it adds a second row for the same respondent at the same time.
  ///
  /// A column the file lacks counts as blank in its rows.
  ///
  /// - Returns: 1-based line numbers, in file order; empty when the file has no such row or no
  ///   `respondent_id` column.
  /// - Throws: `CSVError` when the file cannot be read or a quoted field is never closed.
  /// - Complexity: O(*n*) in the size of the file.
  public static func linesHolding(
    respondentID: String,
    attributes: [String: String],
    inFile path: String
  ) throws -> [Int] {
    let reader = try CSVReader(
      contentsOfFile: path,
      options: CSVReader.Options(delimiter: .comma, encoding: .utf8)
    )
    var idColumn: Int?
    var attributeColumns: [(column: Int?, value: String)] = []
    var lines: [Int] = []
    try reader.forEachRecord { record in
      if record.index == 0 {
        let header = record.strings()
        idColumn = header.firstIndex(of: respondentColumn)
        attributeColumns = attributes.map { (header.firstIndex(of: $0.key), $0.value) }
        return
      }
      guard let idColumn, idColumn < record.count, record.string(at: idColumn) == respondentID
      else { return }
      let sameAttributes = attributeColumns.allSatisfy { column, value in
        let found = column.map { $0 < record.count ? record.string(at: $0) : "" } ?? ""
        return found == value
      }
      if sameAttributes { lines.append(record.lineNumber) }
    }
    return lines
  }
}

/// Whether a captured row holds a finished session.
public enum CaptureStatus: String, Sendable, Hashable, CaseIterable {
  /// The session reached the summary and was confirmed (items may still have been skipped).
  case complete
  /// The session was abandoned and the answers so far were kept on request.
  case partial
}

/// An extra column that a capture file cannot have.
public struct CaptureLayoutError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The column name as given.
  public var column: String
  /// What is wrong, starting lowercase.
  public var message: String
  /// What to do instead, when known.
  public var hint: String?

  /// Creates the error.
  public init(column: String, message: String, hint: String?) {
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// `message`, then `hint: …` on a second line when there is a hint.
  public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }
}

/// `2025-03-07T14:05:09Z`: the moment `seconds` after 1970-01-01 00:00:00 UTC in ISO 8601.
///
/// - Complexity: O(1).
public func iso8601UTC(secondsSinceEpoch seconds: Int) -> String {
  let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
  let secondOfDay = seconds - days * 86_400
  let (year, month, day) = civilDate(daysSinceEpoch: days)
  func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
  var yearText = String(year)
  while yearText.count < 4 { yearText = "0" + yearText }
  return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600))"
    + ":\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))Z"
}

/// A respondent id made from the capture time and a random suffix, such as
/// `20250307-140509-k3f9`: sortable by time, and unlikely to repeat when two people capture in
/// the same second.
public func generatedRespondentID(
  secondsSinceEpoch seconds: Int,
  using generator: inout some RandomNumberGenerator
) -> String {
  let stamp = iso8601UTC(secondsSinceEpoch: seconds)
  let digits = stamp.filter { $0.isNumber }
  let date = digits.prefix(8)
  let time = digits.dropFirst(8).prefix(6)
  let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
  var suffix = ""
  for _ in 0..<4 {
    suffix.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
  }
  return "\(date)-\(time)-\(suffix)"
}

/// The proleptic Gregorian date of the day `days` after 1970-01-01.
private func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
  // Count from 0000-03-01 so that the leap day ends each 4-, 100- and 400-year cycle.
  let shifted = days + 719_468
  let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
  let dayOfEra = shifted - era * 146_097
  let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
  let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
  let monthFromMarch = (5 * dayOfYear + 2) / 153
  let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
  let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
  let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return (year, month, day)
}
