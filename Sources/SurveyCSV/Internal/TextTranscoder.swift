/// Converts input bytes in a `CSVEncoding` to UTF-8, a chunk at a time.
///
/// A character split between two chunks (a UTF-16 code unit or surrogate pair) is carried over to
/// the next call. UTF-8 input is copied unchanged. Unpaired UTF-16 surrogates and a trailing odd
/// byte become U+FFFD REPLACEMENT CHARACTER.
struct TextTranscoder {
  let encoding: CSVEncoding
  private var pendingByte: UInt8?
  private var pendingHighSurrogate: UInt16?

  init(encoding: CSVEncoding) {
    self.encoding = encoding
  }

  /// Appends the UTF-8 form of `input` to `output`.
  ///
  /// - Complexity: O(*n*), where *n* is `input.count`.
  mutating func transcode(_ input: ArraySlice<UInt8>, appendingTo output: inout [UInt8]) {
    switch encoding {
    case .utf8:
      output.append(contentsOf: input)
    case .windows1252:
      Self.transcodeWindows1252(input, appendingTo: &output)
    case .utf16LittleEndian:
      transcodeUTF16(input, isBigEndian: false, appendingTo: &output)
    case .utf16BigEndian:
      transcodeUTF16(input, isBigEndian: true, appendingTo: &output)
    }
  }

  /// Flushes anything held back at the end of the input.
  mutating func finish(appendingTo output: inout [UInt8]) {
    if pendingHighSurrogate != nil || pendingByte != nil {
      Self.appendUTF8(of: 0xFFFD, to: &output)
    }
    pendingHighSurrogate = nil
    pendingByte = nil
  }

  private static func transcodeWindows1252(
    _ input: ArraySlice<UInt8>,
    appendingTo output: inout [UInt8]
  ) {
    let bytes = input.span
    var index = 0
    while index < bytes.count {
      // Copy runs of ASCII in one go; they are the same in UTF-8.
      let runStart = index
      while index < bytes.count && bytes[index] < 0x80 {
        index += 1
      }
      if index > runStart {
        output.append(contentsOf: input[(input.startIndex + runStart)..<(input.startIndex + index)])
      }
      if index == bytes.count {
        break
      }
      let byte = bytes[index]
      index += 1
      if byte < 0xA0 {
        appendUTF8(of: UInt32(windows1252C1Block[Int(byte) - 0x80]), to: &output)
      } else {
        appendUTF8(of: UInt32(byte), to: &output)
      }
    }
  }

  private mutating func transcodeUTF16(
    _ input: ArraySlice<UInt8>,
    isBigEndian: Bool,
    appendingTo output: inout [UInt8]
  ) {
    let bytes = input.span
    var index = 0
    while index < bytes.count {
      let first: UInt8
      if let pending = pendingByte {
        first = pending
        pendingByte = nil
      } else {
        first = bytes[index]
        index += 1
        if index == bytes.count {
          pendingByte = first
          return
        }
      }
      let second = bytes[index]
      index += 1
      let unit =
        isBigEndian
        ? UInt16(first) << 8 | UInt16(second)
        : UInt16(second) << 8 | UInt16(first)
      appendUTF16(unit, to: &output)
    }
  }

  private mutating func appendUTF16(_ unit: UInt16, to output: inout [UInt8]) {
    switch unit {
    case 0xD800...0xDBFF:
      if pendingHighSurrogate != nil {
        Self.appendUTF8(of: 0xFFFD, to: &output)
      }
      pendingHighSurrogate = unit
    case 0xDC00...0xDFFF:
      if let high = pendingHighSurrogate {
        let scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
        Self.appendUTF8(of: scalar, to: &output)
        pendingHighSurrogate = nil
      } else {
        Self.appendUTF8(of: 0xFFFD, to: &output)
      }
    default:
      if pendingHighSurrogate != nil {
        Self.appendUTF8(of: 0xFFFD, to: &output)
        pendingHighSurrogate = nil
      }
      Self.appendUTF8(of: UInt32(unit), to: &output)
    }
  }

  /// Appends the UTF-8 encoding of a Unicode scalar value.
  static func appendUTF8(of scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      output.append(UInt8(scalar))
    case 0x80..<0x800:
      output.append(0xC0 | UInt8(scalar >> 6))
      output.append(0x80 | UInt8(scalar & 0x3F))
    case 0x800..<0x10000:
      output.append(0xE0 | UInt8(scalar >> 12))
      output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
      output.append(0x80 | UInt8(scalar & 0x3F))
    default:
      output.append(0xF0 | UInt8(scalar >> 18))
      output.append(0x80 | UInt8((scalar >> 12) & 0x3F))
      output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
      output.append(0x80 | UInt8(scalar & 0x3F))
    }
  }

  /// The Unicode scalar values of Windows-1252 bytes 0x80–0x9F.
  ///
  /// The five undefined bytes map to the C1 control with the same value, as Windows does.
  static let windows1252C1Block: [UInt16] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]
}

/// Checks that bytes are valid UTF-8, a chunk at a time.
///
/// Follows the well-formed byte sequences of the Unicode Standard (table 3-7): no overlong forms,
/// no surrogates, nothing above U+10FFFF. A sequence split between chunks is followed across the
/// split.
struct UTF8Validator {
  private var remainingContinuationBytes = 0
  private var lowestNext: UInt8 = 0x80
  private var highestNext: UInt8 = 0xBF

  /// Whether every byte so far is part of a well-formed sequence.
  private(set) var isValid = true

  /// Whether the input so far is valid and does not end inside a multi-byte sequence.
  var isValidAtEnd: Bool { isValid && remainingContinuationBytes == 0 }

  /// Checks the next chunk of input.
  ///
  /// - Complexity: O(*n*), where *n* is `input.count`.
  mutating func validate(_ input: Span<UInt8>) {
    guard isValid else {
      return
    }
    var index = 0
    let count = input.count
    while index < count {
      let byte = input[index]
      index += 1
      if remainingContinuationBytes == 0 {
        if byte < 0x80 {
          continue
        }
        switch byte {
        case 0xC2...0xDF:
          remainingContinuationBytes = 1
        case 0xE0:
          remainingContinuationBytes = 2
          lowestNext = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF:
          remainingContinuationBytes = 2
        case 0xED:
          remainingContinuationBytes = 2
          highestNext = 0x9F
        case 0xF0:
          remainingContinuationBytes = 3
          lowestNext = 0x90
        case 0xF1...0xF3:
          remainingContinuationBytes = 3
        case 0xF4:
          remainingContinuationBytes = 3
          highestNext = 0x8F
        default:
          isValid = false
          return
        }
      } else {
        guard byte >= lowestNext && byte <= highestNext else {
          isValid = false
          return
        }
        lowestNext = 0x80
        highestNext = 0xBF
        remainingContinuationBytes -= 1
      }
    }
  }
}
