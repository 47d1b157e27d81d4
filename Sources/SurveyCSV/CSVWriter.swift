/// Formats records as CSV that spreadsheets and `CSVReader` read back safely.
///
///     let writer = CSVWriter()
///     var output = ""
///     writer.write(["id", "comment"], to: &output)
///     writer.write(["1", "said \"hi\", left"], to: &output)
///     // id,comment
///     // 1,"said ""hi"", left"
///
/// ## Quoting
///
/// A field is put in quotes when it contains the delimiter, `"`, CR or LF, or starts or ends with
/// a space or a tab; quotes inside it are doubled. A record of one empty field is written as `""`
/// so that it is not read back as a blank line (which readers skip). A record with no fields is
/// written as an empty line.
///
/// ## Formula injection
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, which lets text
/// typed into a survey run commands when the export is opened. Unless `neutralizesFormulas` is
/// `false`, a value that starts with one of those characters, a tab or a CR gets a leading `'`,
/// which spreadsheets show as text and do not display. Plain numbers are left alone, so negative
/// scores stay numbers: an optional sign, digits with at most one `.` or `,` between them (or
/// before them), and an optional exponent (`-3`, `+1.5`, `-0,25`, `-.5`, `-2.5e3`). Anything
/// else, such as `-1,234.5` or `=1+1`, is neutralized.
public struct CSVWriter: Sendable, Hashable {
  /// The bytes written after each record.
  public enum LineEnding: Sendable, Hashable {
    /// LF (`\n`), the default.
    case lineFeed
    /// CR LF (`\r\n`), as RFC 4180 specifies and Windows tools expect.
    case carriageReturnLineFeed

    /// The line ending as a string.
    public var text: String {
      switch self {
      case .lineFeed: "\n"
      case .carriageReturnLineFeed: "\r\n"
      }
    }
  }

  /// The field delimiter.
  public var delimiter: CSVDelimiter

  /// The line ending written after each record.
  public var lineEnding: LineEnding

  /// Whether values that a spreadsheet would run as formulas get a leading `'`.
  public var neutralizesFormulas: Bool

  /// Creates a writer.
  ///
  /// - Parameters:
  ///   - delimiter: The field delimiter; comma by default.
  ///   - lineEnding: The line ending; LF by default.
  ///   - neutralizesFormulas: Whether to neutralize formulas; `true` by default. Turn it off only
  ///     for output that no spreadsheet will open.
  public init(
    delimiter: CSVDelimiter = .comma,
    lineEnding: LineEnding = .lineFeed,
    neutralizesFormulas: Bool = true
  ) {
    self.delimiter = delimiter
    self.lineEnding = lineEnding
    self.neutralizesFormulas = neutralizesFormulas
  }

  /// Returns a value as one CSV field: neutralized, then quoted if needed.
  ///
  /// - Parameter value: The value of the field.
  /// - Returns: The text to write between delimiters.
  /// - Complexity: O(*m*), where *m* is the length of `value`.
  public func field(_ value: String) -> String {
    var bytes = Array(value.utf8)
    if neutralizesFormulas && Self.isFormulaLike(bytes) {
      bytes.insert(.apostrophe, at: 0)
    }
    guard needsQuotes(bytes) else {
      return String(decoding: bytes, as: UTF8.self)
    }
    var quoted: [UInt8] = [.quote]
    quoted.reserveCapacity(bytes.count + 2)
    for byte in bytes {
      quoted.append(byte)
      if byte == .quote {
        quoted.append(.quote)
      }
    }
    quoted.append(.quote)
    return String(decoding: quoted, as: UTF8.self)
  }

  /// Returns a record as one line of CSV, including the line ending.
  ///
  /// - Parameter fields: The values of the record.
  /// - Returns: The formatted record.
  /// - Complexity: O(*n*), where *n* is the total length of the values.
  public func line(_ fields: some Sequence<String>) -> String {
    var text = ""
    var fieldCount = 0
    var isOnlyFieldEmpty = false
    let separator = String(Character(Unicode.Scalar(delimiter.asciiValue)))
    for value in fields {
      if fieldCount > 0 {
        text += separator
      }
      text += field(value)
      fieldCount += 1
      isOnlyFieldEmpty = fieldCount == 1 && value.isEmpty
    }
    if isOnlyFieldEmpty {
      text = "\"\""
    }
    return text + lineEnding.text
  }

  /// Writes a record as one line of CSV, including the line ending.
  ///
  /// - Parameters:
  ///   - fields: The values of the record.
  ///   - output: The stream to write to.
  /// - Complexity: O(*n*), where *n* is the total length of the values.
  public func write(_ fields: some Sequence<String>, to output: inout some TextOutputStream) {
    output.write(line(fields))
  }

  /// Returns records as CSV text, one line per record.
  ///
  /// - Parameter records: The records, header first if there is one.
  /// - Returns: The CSV text, ending with a line ending unless `records` is empty.
  /// - Complexity: O(*n*), where *n* is the total length of the values.
  public func text(for records: some Sequence<some Sequence<String>>) -> String {
    var text = ""
    for record in records {
      text += line(record)
    }
    return text
  }

  private func needsQuotes(_ bytes: [UInt8]) -> Bool {
    guard let first = bytes.first, let last = bytes.last else {
      return false
    }
    if first == .space || first == .tab || last == .space || last == .tab {
      return true
    }
    return bytes.contains { byte in
      byte == delimiter.asciiValue || byte == .quote || byte == .carriageReturn
        || byte == .lineFeed
    }
  }

  /// Returns whether a spreadsheet could run `bytes` as a formula: it starts with `=`, `+`, `-`,
  /// `@`, tab or CR and is not a plain number.
  static func isFormulaLike(_ bytes: [UInt8]) -> Bool {
    guard let first = bytes.first else {
      return false
    }
    switch first {
    case .equalsSign, .atSign, .tab, .carriageReturn:
      return true
    case .plusSign, .minusSign:
      return !isPlainNumber(bytes)
    default:
      return false
    }
  }

  /// Returns whether `bytes` is a plain decimal number: an optional sign, digits with at most one
  /// `.` or `,` (at least one digit, and a digit after the separator), and an optional exponent.
  static func isPlainNumber(_ bytes: [UInt8]) -> Bool {
    var index = 0
    if index < bytes.count && (bytes[index] == .plusSign || bytes[index] == .minusSign) {
      index += 1
    }
    var integerDigits = 0
    while index < bytes.count && bytes[index].isASCIIDigit {
      integerDigits += 1
      index += 1
    }
    if index < bytes.count && (bytes[index] == .period || bytes[index] == .comma) {
      index += 1
      var fractionDigits = 0
      while index < bytes.count && bytes[index].isASCIIDigit {
        fractionDigits += 1
        index += 1
      }
      if fractionDigits == 0 {
        return false
      }
    } else if integerDigits == 0 {
      return false
    }
    if index < bytes.count && (bytes[index] == .lowercaseE || bytes[index] == .uppercaseE) {
      index += 1
      if index < bytes.count && (bytes[index] == .plusSign || bytes[index] == .minusSign) {
        index += 1
      }
      var exponentDigits = 0
      while index < bytes.count && bytes[index].isASCIIDigit {
        exponentDigits += 1
        index += 1
      }
      if exponentDigits == 0 {
        return false
      }
    }
    return index == bytes.count
  }
}
