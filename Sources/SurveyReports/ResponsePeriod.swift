public import SurveyCapture

/// When the responses were given: the first and last date in the export's date column (the
/// time a response was started, its timestamp, or the date recorded), for the first page of a
/// report.
///
/// Dates are read as `2020-05-11` (with or without a time after them) or `11/05/2020`. Whether
/// `11/05/2020` is the 11th of May or the 5th of November is settled by the column itself (a
/// first number over 12 means day first, a second one over 12 month first), or by the platform
/// (SurveyMonkey writes month first); a column that settles neither way gives no period rather
/// than a guess.
public struct ResponsePeriod: Sendable, Hashable, CustomStringConvertible {
  /// A day of the calendar.
  public struct Day: Sendable, Hashable, Comparable {
    /// The year.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int

    /// Creates a day.
    public init(year: Int, month: Int, day: Int) {
      self.year = year
      self.month = month
      self.day = day
    }

    /// Whether `lhs` is earlier than `rhs`.
    public static func < (lhs: Day, rhs: Day) -> Bool {
      (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `11 May 2020`.
    public var description: String {
      let names = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
      ]
      return "\(day) \(names[min(max(month, 1), 12) - 1]) \(year)"
    }
  }

  /// The column the dates come from.
  public var column: String
  /// The earliest date.
  public var first: Day
  /// The latest date.
  public var last: Day

  /// Creates a period.
  public init(column: String, first: Day, last: Day) {
    self.column = column
    self.first = first
    self.last = last
  }

  /// `11 May 2020 to 30 June 2020 (column “Started”)`.
  public var description: String {
    let span = first == last ? first.description : "\(first.description) to \(last.description)"
    return "\(span) (column “\(column)”)"
  }

  /// The headers of date columns, as the platforms name them, most telling first (compared
  /// in lower case with `_` as a space).
  static let dateHeaders = [
    "started", "start date", "startdate", "start time", "timestamp", "date", "submitted",
    "submission date", "date submitted", "recorded date", "recordeddate", "captured at", "ended",
    "end date", "enddate", "completion time",
  ]

  /// The period of `table`'s responses, from its first column of dates.
  ///
  /// That is the first date column in which at least half the values that are not blank read
  /// as dates; `nil` when there is none. `monthFirst` says how the platform writes
  /// `11/05/2020` (`nil` when it is not known).
  ///
  /// - Complexity: O(*n*) for *n* rows.
  public init?(table: ResponseTable, monthFirst: Bool? = nil) {
    let byName = Dictionary(
      table.attributes.map { (Self.normalized($0.header), $0) },
      uniquingKeysWith: { first, _ in first }
    )
    for name in Self.dateHeaders {
      guard let column = byName[name] else { continue }
      let values = (0..<table.count).map { column.value(at: $0) }
      if let period = Self.period(of: values, column: column.header, monthFirst: monthFirst) {
        self = period
        return
      }
    }
    return nil
  }

  /// Whether `header` names a column of dates that a period is read from.
  public static func isDateHeader(_ header: String) -> Bool {
    dateHeaders.contains(normalized(header))
  }

  private static func normalized(_ header: String) -> String {
    String(header.lowercased().map { $0 == "_" ? " " : $0 }).trimmingSpaces()
  }

  /// The period of `values`, when at least half of those not blank are dates that read one
  /// way only.
  static func period(of values: [String], column: String, monthFirst: Bool?) -> ResponsePeriod? {
    var iso: [Day] = []
    var slashed: [(Int, Int, Int)] = []
    var nonBlank = 0
    for value in values {
      let text = value.trimmingSpaces()
      guard !text.isEmpty else { continue }
      nonBlank += 1
      let fields = Self.leadingNumbers(text)
      if fields.separator == "-", fields.numbers.count == 3, fields.numbers[0] >= 1000 {
        iso.append(
          Day(year: fields.numbers[0], month: fields.numbers[1], day: fields.numbers[2])
        )
      } else if fields.separator == "/", fields.numbers.count == 3, fields.numbers[2] >= 1000 {
        slashed.append((fields.numbers[0], fields.numbers[1], fields.numbers[2]))
      }
    }
    var days = iso
    if !slashed.isEmpty {
      let firstOver12 = slashed.contains { $0.0 > 12 }
      let secondOver12 = slashed.contains { $0.1 > 12 }
      let isMonthFirst: Bool
      switch (firstOver12, secondOver12, monthFirst) {
      case (true, false, _): isMonthFirst = false
      case (false, true, _): isMonthFirst = true
      case (false, false, let known?): isMonthFirst = known
      default: return nil
      }
      days += slashed.map { a, b, year in
        isMonthFirst ? Day(year: year, month: a, day: b) : Day(year: year, month: b, day: a)
      }
    }
    days = days.filter(isValid)
    guard !days.isEmpty, days.count * 2 >= nonBlank, let first = days.min(), let last = days.max()
    else { return nil }
    return ResponsePeriod(column: column, first: first, last: last)
  }

  /// The numbers at the start of `text` and what separates them: `2020-05-11 10:46` gives
  /// `[2020, 5, 11]` and `-`.
  private static func leadingNumbers(_ text: String) -> (numbers: [Int], separator: Character?) {
    var numbers: [Int] = []
    var separator: Character?
    var current = ""
    for character in text.prefix(12) {
      if character.isASCII, character.isNumber {
        current.append(character)
        guard current.count <= 4 else { return ([], nil) }
      } else if (character == "-" || character == "/") && !current.isEmpty
        && (separator == nil || separator == character) && numbers.count < 2
      {
        separator = character
        numbers.append(Int(current) ?? 0)
        current = ""
      } else {
        break
      }
    }
    if !current.isEmpty { numbers.append(Int(current) ?? 0) }
    return (numbers, separator)
  }

  /// Whether `day` is a day of the calendar (between 1900 and 2200).
  private static func isValid(_ day: Day) -> Bool {
    guard (1900...2200).contains(day.year), (1...12).contains(day.month), day.day >= 1 else {
      return false
    }
    let leap = day.year % 4 == 0 && (day.year % 100 != 0 || day.year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day.day <= lengths[day.month - 1]
  }
}
