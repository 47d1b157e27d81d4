/// A text encoding the CSV reader can read.
///
/// Whatever the encoding of the input, the reader hands out fields as UTF-8.
public enum CSVEncoding: Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// UTF-8, with or without a byte order mark.
  case utf8
  /// UTF-16, least significant byte first, as written by Excel's "Unicode Text".
  case utf16LittleEndian
  /// UTF-16, most significant byte first.
  case utf16BigEndian
  /// Windows code page 1252 (Western European), the usual "ANSI" encoding of Excel on Windows.
  ///
  /// All 256 byte values are read: 0x80–0x9F as the Windows characters (`€`, `‘`, `’`, `“`,
  /// `”`, `–`, `—`, …), the five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90,
  /// 0x9D) as the control characters with the same number, and 0xA0–0xFF as U+00A0–U+00FF.
  case windows1252

  /// The usual name of the encoding, such as `UTF-8` or `Windows-1252`.
  public var description: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16LittleEndian: "UTF-16LE"
    case .utf16BigEndian: "UTF-16BE"
    case .windows1252: "Windows-1252"
    }
  }

  /// The byte order mark of the encoding, or an empty array for Windows-1252, which has none.
  var byteOrderMark: [UInt8] {
    switch self {
    case .utf8: [0xEF, 0xBB, 0xBF]
    case .utf16LittleEndian: [0xFF, 0xFE]
    case .utf16BigEndian: [0xFE, 0xFF]
    case .windows1252: []
    }
  }
}

/// How a `CSVReader` chose its encoding.
public enum CSVEncodingDetection: Sendable, Hashable {
  /// The encoding was given in `CSVReader.Options`.
  case specified
  /// The input starts with the byte order mark of the encoding (the mark is not part of the data).
  case byteOrderMark
  /// The input has no byte order mark but every other byte of its start is zero, the pattern of
  /// ASCII text in UTF-16.
  case zeroBytePattern
  /// The whole input is valid UTF-8.
  case validUTF8
  /// The input is not valid UTF-8, so it was read as Windows-1252.
  case invalidUTF8
}
