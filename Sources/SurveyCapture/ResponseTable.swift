public import SurveyInstruments

/// One respondent's answer to one item, in four bytes: a code of the item's scale, or why there
/// is none (not answered, an unrecognised answer, or a declared missing answer such as
/// "Prefer not to say", kept with its reason).
public struct Answer: Hashable, Sendable, CustomStringConvertible {
  /// The packed value: a code, or one of the reserved values at the bottom of `Int32`.
  public var rawValue: Int32

  private static let base = Int32.min
  private static let firstCode = Int32.min + 1024

  /// Wraps a packed value.
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The item was left blank.
  public static let notAnswered = Answer(rawValue: base)
  /// The cell held text that matches no option (listed as a problem where it was read).
  public static let unrecognised = Answer(rawValue: base + 1)

  /// The lowest code an answer can carry: -2,147,482,624 (the values below are reserved).
  public static let lowestCode = Int(firstCode)
  /// The most declared missing answers a scale's answers can be told apart by: 1,022.
  public static let maximumMissingReasons = Int(firstCode - base - 2)

  /// An answer with `code`.
  ///
  /// Codes from ``lowestCode`` to 2,147,483,647 are kept; any other is ``unrecognised``, never
  /// another code. (Instrument files keep codes within a million either side of zero.)
  public static func code(_ code: Int) -> Answer {
    guard code >= lowestCode, code <= Int(Int32.max) else { return .unrecognised }
    return Answer(rawValue: Int32(code))
  }

  /// The declared missing answer at `index` in the item's scale's `missingAnswers`.
  ///
  /// An index from ``maximumMissingReasons`` on is ``unrecognised``, never a code. (Instrument
  /// files hold at most 1,000 entries in any list.)
  public static func missing(reasonIndex index: Int) -> Answer {
    guard index >= 0, index < maximumMissingReasons else { return .unrecognised }
    return Answer(rawValue: base + 2 + Int32(index))
  }

  /// The code, when the item was answered with one.
  public var code: Int? { rawValue >= Self.firstCode ? Int(rawValue) : nil }

  /// The index of the declared missing answer in the scale's `missingAnswers`, if any.
  public var missingReasonIndex: Int? {
    rawValue >= Self.base + 2 && rawValue < Self.firstCode ? Int(rawValue - Self.base - 2) : nil
  }

  /// Whether the answer carries a code.
  public var isAnswered: Bool { rawValue >= Self.firstCode }

  /// `3`, `not answered`, `unrecognised`, or `missing #0`.
  public var description: String {
    if let code { return String(code) }
    if self == .notAnswered { return "not answered" }
    if self == .unrecognised { return "unrecognised" }
    return "missing #\(missingReasonIndex ?? -1)"
  }

  /// Why there is no code, in words, using `scale` for declared missing answers:
  /// "not answered", "unrecognised answer", "Prefer not to say"; `nil` when answered.
  public func missingReason(on scale: ResponseScale) -> String? {
    if isAnswered { return nil }
    if self == .notAnswered { return "not answered" }
    if self == .unrecognised { return "unrecognised answer" }
    if let index = missingReasonIndex, index < scale.missingAnswers.count {
      return scale.missingAnswers[index].label
    }
    return "missing"
  }
}

/// An item of a particular instrument: how columns and outputs name it (`ons-loneliness.lonely`).
public struct ItemKey: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The instrument.
  public var instrument: InstrumentID
  /// The item within it.
  public var item: ItemID

  /// Creates a key.
  public init(instrument: InstrumentID, item: ItemID) {
    self.instrument = instrument
    self.item = item
  }

  /// `INSTRUMENT.ITEM`.
  public var description: String { "\(instrument).\(item)" }

  /// Orders by instrument, then item.
  public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool {
    (lhs.instrument, lhs.item) < (rhs.instrument, rhs.item)
  }
}

/// Every respondent's answer to one item, in respondent order.
public struct ItemAnswers: Sendable, Hashable {
  /// The item.
  public var key: ItemKey
  /// The input column it was read from, if any (0-based), and that column's header.
  public var sourceColumn: Int?
  /// The header of the source column, for messages.
  public var sourceHeader: String?
  /// One answer per respondent.
  public var answers: [Answer]

  /// Creates a column of answers.
  public init(
    key: ItemKey,
    sourceColumn: Int? = nil,
    sourceHeader: String? = nil,
    answers: [Answer]
  ) {
    self.key = key
    self.sourceColumn = sourceColumn
    self.sourceHeader = sourceHeader
    self.answers = answers
  }
}

/// A column that is not an instrument item (an id, a date, an area, a weight, free text),
/// stored with each distinct value once.
public struct AttributeColumn: Sendable, Hashable {
  /// The column's header as exported.
  public var header: String
  /// The input column it was read from (0-based), if read from a file.
  public var sourceColumn: Int?
  /// Each distinct value, in the order first seen.
  public private(set) var distinctValues: [String]
  /// For each respondent, the index of its value in `distinctValues`.
  public private(set) var valueIndices: [UInt32]
  private var indexOfValue: [String: UInt32]

  /// An empty column.
  public init(header: String, sourceColumn: Int? = nil) {
    self.header = header
    self.sourceColumn = sourceColumn
    distinctValues = []
    valueIndices = []
    indexOfValue = [:]
  }

  /// A column holding `values`, one per respondent.
  ///
  /// - Complexity: O(*n*) for *n* values.
  public init(header: String, sourceColumn: Int? = nil, values: [String]) {
    self.init(header: header, sourceColumn: sourceColumn)
    for value in values { append(value) }
  }

  /// A column from values already interned: each distinct value once, and for each respondent
  /// the index of its value (an importer's output).
  ///
  /// - Precondition: every index is below `distinctValues.count`.
  /// - Complexity: O(1); the lookup used by ``append(_:)`` is built on first append.
  public init(
    header: String,
    sourceColumn: Int? = nil,
    distinctValues: [String],
    valueIndices: [UInt32]
  ) {
    self.header = header
    self.sourceColumn = sourceColumn
    self.distinctValues = distinctValues
    self.valueIndices = valueIndices
    indexOfValue = [:]
  }

  /// Adds the next respondent's value.
  ///
  /// - Complexity: amortised O(1) for a value's length.
  public mutating func append(_ value: String) {
    if indexOfValue.count != distinctValues.count {
      indexOfValue = Dictionary(distinctValues.enumerated().map { ($0.element, UInt32($0.offset)) })
      { first, _ in first }
    }
    if let index = indexOfValue[value] {
      valueIndices.append(index)
    } else {
      let index = UInt32(distinctValues.count)
      distinctValues.append(value)
      indexOfValue[value] = index
      valueIndices.append(index)
    }
  }

  /// The value for the respondent at `row`.
  public func value(at row: Int) -> String { distinctValues[Int(valueIndices[row])] }

  /// How many respondents the column holds.
  public var count: Int { valueIndices.count }
}

/// Responses to one or more instruments, stored by column: a compact answer per item per
/// respondent, plus the other columns that were kept, so that later stages can score, tally and
/// break down without going back to the file.
///
/// Build one from an export with the import functions of this module, from a capture session,
/// or directly:
///
/// ```swift
/// var table = ResponseTable(instruments: [ons])
/// try table.append(Response(answers: [ItemKey(instrument: "ons-loneliness", item: "lonely"): .code(1)]))
/// ```
public struct ResponseTable: Sendable {
  /// The instruments whose items the table holds, in the order asked for.
  public private(set) var instruments: [Instrument]
  /// One column of answers per item of every instrument, in instrument then item order.
  ///
  /// An item with no input column is present with every answer `.notAnswered`.
  public private(set) var itemColumns: [ItemAnswers]
  /// The other columns that were kept.
  public private(set) var attributes: [AttributeColumn]
  /// For each respondent, the 1-based line of the input where its row starts (0 when not read
  /// from a file), so messages can point at it.
  public private(set) var lineNumbers: [Int]
  private var columnIndex: [ItemKey: Int]

  /// An empty table for `instruments`, optionally with named attribute columns.
  public init(instruments: [Instrument], attributeHeaders: [String] = []) {
    self.instruments = instruments
    var columns: [ItemAnswers] = []
    var index: [ItemKey: Int] = [:]
    for instrument in instruments {
      for item in instrument.items {
        let key = ItemKey(instrument: instrument.id, item: item.id)
        index[key] = columns.count
        columns.append(ItemAnswers(key: key, answers: []))
      }
    }
    itemColumns = columns
    columnIndex = index
    attributes = attributeHeaders.map { AttributeColumn(header: $0) }
    lineNumbers = []
  }

  /// A table assembled from columns that were read elsewhere (an importer's output).
  ///
  /// - Precondition: every column has `lineNumbers.count` entries, and `itemColumns` holds exactly
  ///   the items of `instruments`.
  public init(
    instruments: [Instrument],
    itemColumns: [ItemAnswers],
    attributes: [AttributeColumn],
    lineNumbers: [Int]
  ) {
    self.instruments = instruments
    self.itemColumns = itemColumns
    self.attributes = attributes
    self.lineNumbers = lineNumbers
    var index: [ItemKey: Int] = [:]
    for (position, column) in itemColumns.enumerated() { index[column.key] = position }
    columnIndex = index
  }

  /// How many respondents the table holds.
  public var count: Int { lineNumbers.count }

  /// The answers to `key`'s item, if the table has it.
  ///
  /// - Complexity: O(1).
  public func answers(for key: ItemKey) -> ItemAnswers? { columnIndex[key].map { itemColumns[$0] } }

  /// The attribute column whose header is `header` (compared exactly, then ignoring case and
  /// punctuation), if kept.
  ///
  /// - Complexity: O(*n*) in the number of attribute columns.
  public func attribute(named header: String) -> AttributeColumn? {
    attributes.first { $0.header == header }
      ?? attributes.first { normalizedLabel($0.header) == normalizedLabel(header) }
  }

  /// The instrument with `id`, if the table holds it.
  public func instrument(withID id: InstrumentID) -> Instrument? {
    instruments.first { $0.id == id }
  }

  /// Appends one respondent.
  ///
  /// - Throws: ``ResponseTableError`` when the response names an item or attribute the table
  ///   does not have, or gives a code that is not on the item's scale.
  /// - Complexity: O(*i* + *a*) for *i* items and *a* attributes.
  public mutating func append(_ response: Response, lineNumber: Int = 0) throws(ResponseTableError)
  {
    for key in response.answers.keys where columnIndex[key] == nil {
      throw ResponseTableError(message: "the table has no item '\(key)'")
    }
    for header in response.attributes.keys
    where !attributes.contains(where: { $0.header == header }) {
      throw ResponseTableError(message: "the table has no column '\(header)'")
    }
    for instrument in instruments {
      for item in instrument.items {
        let key = ItemKey(instrument: instrument.id, item: item.id)
        guard let answer = response.answers[key], let code = answer.code else { continue }
        if instrument.scale(for: item)?.option(withCode: code) == nil {
          throw ResponseTableError(message: "\(code) is not a code of the scale of '\(key)'")
        }
      }
    }
    for (position, column) in itemColumns.enumerated() {
      itemColumns[position].answers.append(response.answers[column.key] ?? .notAnswered)
    }
    for position in attributes.indices {
      attributes[position].append(response.attributes[attributes[position].header] ?? "")
    }
    lineNumbers.append(lineNumber)
  }

  /// The respondent at `row` as a ``Response``.
  ///
  /// - Complexity: O(*i* + *a*).
  public func response(at row: Int) -> Response {
    var answers: [ItemKey: Answer] = [:]
    for column in itemColumns { answers[column.key] = column.answers[row] }
    var values: [String: String] = [:]
    for column in attributes { values[column.header] = column.value(at: row) }
    return Response(answers: answers, attributes: values)
  }
}

/// One respondent's answers and other values, as an app records them.
public struct Response: Sendable, Hashable {
  /// Answers by item; items left out count as not answered.
  public var answers: [ItemKey: Answer]
  /// Other values by column header.
  public var attributes: [String: String]

  /// Creates a response.
  public init(answers: [ItemKey: Answer] = [:], attributes: [String: String] = [:]) {
    self.answers = answers
    self.attributes = attributes
  }
}

/// A response that does not fit its table.
public struct ResponseTableError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// Creates the error.
  public init(message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}
