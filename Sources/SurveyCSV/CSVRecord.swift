/// The location of one field inside the reader's UTF-8 buffer.
///
/// A plain field is the bytes `start..<end`. A field that needs unescaping is the raw text after
/// its opening quote: it contains doubled quotes, and its closing quote followed by any text the
/// writer left after it (see `CSVReader`, "Stray quotes").
///
/// Other readers in the package (the worksheet reader) build records from the same ranges, with
/// `needsUnescape` false.
package struct FieldRange: Sendable, Hashable {
  package var start: Int
  package var end: Int
  package var needsUnescape: Bool

  package init(start: Int, end: Int, needsUnescape: Bool) {
    self.start = start
    self.end = end
    self.needsUnescape = needsUnescape
  }
}

/// One record of a CSV file, lent to the closure passed to `CSVReader.forEachRecord(_:)`, or one
/// row of a worksheet, lent the same way by the workbook reader.
///
/// The record refers to the reader's buffer rather than copying fields out of it: looking at a
/// field with `withBytes(at:_:)` or `isEmpty(at:)` allocates nothing, and `string(at:)` builds a
/// `String` only for the field asked for. A record cannot be copied or kept after the closure
/// returns; copy what you need out of it (for example with `strings()`).
///
/// Field values are always UTF-8, whatever the encoding of the input, and are unescaped: the
/// quotes around a quoted field are removed and `""` inside it becomes `"`.
///
/// Accessing a field index outside `0..<count` stops the program, as array subscripts do.
public struct CSVRecord: ~Copyable, Sendable {
  private let buffer: [UInt8]
  private let fields: [FieldRange]

  /// The 1-based physical line on which the record starts.
  ///
  /// Line breaks inside quoted fields count, so this is the line a text editor shows. For a
  /// worksheet row, it is the row's number as the spreadsheet shows it.
  public let lineNumber: Int

  /// The 0-based position of the record among the records of the input.
  ///
  /// The first record, usually the header, is 0. Skipped blank lines are not counted.
  public let index: Int

  /// Creates a record of the fields `fields` in `buffer`.
  ///
  /// The CSV reader and the worksheet reader both lend out records made this way, so that the
  /// rows of a CSV file and of a worksheet reach their readers through one type.
  package init(buffer: [UInt8], fields: [FieldRange], lineNumber: Int, index: Int) {
    self.buffer = buffer
    self.fields = fields
    self.lineNumber = lineNumber
    self.index = index
  }

  /// The number of fields in the record; at least 1.
  public var count: Int { fields.count }

  /// Returns whether the field at `index` has no characters (`` or `""`).
  ///
  /// - Parameter index: The 0-based position of the field.
  /// - Returns: `true` if the unescaped field has no bytes.
  /// - Complexity: O(1) for fields without doubled quotes; otherwise O(*m*), where *m* is the
  ///   length of the field.
  public func isEmpty(at index: Int) -> Bool {
    let field = fields[index]
    if !field.needsUnescape {
      return field.start == field.end
    }
    return unescapedBytes(of: field).isEmpty
  }

  /// Returns the field at `index` as a string.
  ///
  /// - Parameter index: The 0-based position of the field.
  /// - Returns: The unescaped value of the field. The reader checks or produces well-formed UTF-8,
  ///   so no characters are replaced, unless an encoding was specified that does not match the
  ///   input: then ill-formed bytes become U+FFFD REPLACEMENT CHARACTER.
  /// - Complexity: O(*m*), where *m* is the length of the field.
  public func string(at index: Int) -> String {
    let field = fields[index]
    if !field.needsUnescape {
      return String(decoding: buffer[field.start..<field.end], as: UTF8.self)
    }
    return String(decoding: unescapedBytes(of: field), as: UTF8.self)
  }

  /// Calls `body` with the UTF-8 bytes of the field at `index`, without building a `String`.
  ///
  /// Use this to compare a field with known byte strings, or to parse numbers straight from
  /// bytes. The span is only valid inside `body`.
  ///
  ///     let isYes = record.withBytes(at: 3) { bytes in
  ///       bytes.count == 3 && bytes[0] == UInt8(ascii: "Y")
  ///         && bytes[1] == UInt8(ascii: "e") && bytes[2] == UInt8(ascii: "s")
  ///     }
  ///
  /// - Parameters:
  ///   - index: The 0-based position of the field.
  ///   - body: A closure that receives the unescaped bytes of the field.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  /// - Complexity: O(1) plus the cost of `body`, for fields without doubled quotes; otherwise
  ///   O(*m*), where *m* is the length of the field, to unescape it into a temporary array.
  public func withBytes<Result, Failure: Error>(
    at index: Int,
    _ body: (Span<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let field = fields[index]
    if !field.needsUnescape {
      return try body(buffer.span.extracting(field.start..<field.end))
    }
    let unescaped = unescapedBytes(of: field)
    return try body(unescaped.span)
  }

  /// Returns all fields of the record as strings.
  ///
  /// - Complexity: O(*n*), where *n* is the length of the record.
  public func strings() -> [String] {
    var values: [String] = []
    values.reserveCapacity(fields.count)
    for index in fields.indices {
      values.append(string(at: index))
    }
    return values
  }

  /// Unescapes the raw text of a quoted field with doubled quotes or text after its closing
  /// quote.
  private func unescapedBytes(of field: FieldRange) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(field.end - field.start)
    var isInsideQuotes = true
    var index = field.start
    while index < field.end {
      let byte = buffer[index]
      index += 1
      if isInsideQuotes && byte == .quote {
        if index < field.end && buffer[index] == .quote {
          result.append(.quote)
          index += 1
        } else {
          isInsideQuotes = false
        }
      } else {
        result.append(byte)
      }
    }
    return result
  }
}
