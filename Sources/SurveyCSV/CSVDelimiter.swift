/// The byte that separates fields in a record.
///
/// The reader detects comma, semicolon and tab; any other ASCII byte except `"`, CR and LF can be
/// given explicitly.
public struct CSVDelimiter: Sendable, Hashable, CustomStringConvertible {
  /// The ASCII code of the delimiter.
  public let asciiValue: UInt8

  private init(uncheckedASCIIValue: UInt8) {
    self.asciiValue = uncheckedASCIIValue
  }

  /// Creates a delimiter from an ASCII character.
  ///
  /// The initializer fails if `character` is not ASCII, or is `"`, CR or LF.
  ///
  /// - Parameter character: The delimiter, such as `"|"`.
  public init?(_ character: Unicode.Scalar) {
    guard character.isASCII else {
      return nil
    }
    let byte = UInt8(character.value)
    guard byte != .quote, byte != .carriageReturn, byte != .lineFeed else {
      return nil
    }
    self.asciiValue = byte
  }

  /// `,`, the delimiter of RFC 4180 and most English-language exports.
  public static let comma = CSVDelimiter(uncheckedASCIIValue: .comma)

  /// `;`, used by spreadsheets in locales that write decimals with a comma.
  public static let semicolon = CSVDelimiter(uncheckedASCIIValue: .semicolon)

  /// A horizontal tab, used by "tab-separated" and "Unicode Text" exports.
  public static let tab = CSVDelimiter(uncheckedASCIIValue: .tab)

  /// `comma`, `semicolon` or `tab` for those delimiters; otherwise the character in quotes.
  public var description: String {
    switch asciiValue {
    case .comma: "comma"
    case .semicolon: "semicolon"
    case .tab: "tab"
    default: "'\(Character(Unicode.Scalar(asciiValue)))'"
    }
  }
}

extension CSVDelimiter {
  /// The delimiters the reader can detect, in order of preference when the evidence is even.
  ///
  /// Tab and semicolon come first because they rarely occur in text by chance, while commas do
  /// (in prose and in decimal numbers).
  static let detectable: [CSVDelimiter] = [.tab, .semicolon, .comma]

  /// The most records that detection looks at.
  static let detectionRecordLimit = 50

  /// Chooses the delimiter of UTF-8 CSV text from its first records.
  ///
  /// For each detectable delimiter the records are split the way the reader would split them
  /// (delimiters inside quoted fields do not count; blank lines are skipped). A delimiter that
  /// does not occur in the first record (the header) is ruled out. Of the rest, the one that
  /// gives the most records with the header's field count wins; ties go to the one that splits
  /// the header into more fields, then to tab, semicolon, comma in that order. A semicolon file
  /// whose numbers use decimal commas is therefore read as semicolon-separated, because its
  /// header rarely contains a comma outside quotes.
  ///
  /// - Parameters:
  ///   - text: The start of the input, as UTF-8.
  ///   - isWholeInput: Whether `text` is all of the input; when it is not, the last record may
  ///     be cut short and is ignored.
  /// - Returns: The detected delimiter, or `nil` when no candidate occurs in the first record.
  /// - Complexity: O(*n*), where *n* is the length of `text`.
  static func detect(in text: Span<UInt8>, isWholeInput: Bool) -> CSVDelimiter? {
    var best: (delimiter: CSVDelimiter, consistent: Int, headerCount: Int)?
    for candidate in detectable {
      var counts = delimiterCounts(of: candidate.asciiValue, in: text)
      if !isWholeInput && counts.count > 1 {
        counts.removeLast()
      }
      guard let headerCount = counts.first, headerCount > 0 else {
        continue
      }
      let consistent = counts.count(where: { $0 == headerCount })
      if let current = best {
        let isBetter =
          consistent > current.consistent
          || (consistent == current.consistent && headerCount > current.headerCount)
        if !isBetter {
          continue
        }
      }
      best = (candidate, consistent, headerCount)
    }
    return best?.delimiter
  }

  /// Counts `delimiter` outside quotes in each of the first records of `text`.
  private static func delimiterCounts(of delimiter: UInt8, in text: Span<UInt8>) -> [Int] {
    var counts: [Int] = []
    var current = 0
    var recordHasBytes = false
    var isInQuotes = false
    var index = 0
    while index < text.count && counts.count < detectionRecordLimit {
      let byte = text[index]
      index += 1
      if byte == .quote {
        isInQuotes.toggle()
        recordHasBytes = true
      } else if isInQuotes {
        continue
      } else if byte == delimiter {
        current += 1
        recordHasBytes = true
      } else if byte == .lineFeed || byte == .carriageReturn {
        if recordHasBytes {
          counts.append(current)
        }
        current = 0
        recordHasBytes = false
      } else {
        recordHasBytes = true
      }
    }
    if recordHasBytes && counts.count < detectionRecordLimit {
      counts.append(current)
    }
    return counts
  }
}
