/// Splits UTF-8 CSV text into records and fields, resuming where it stopped when more input
/// arrives.
///
/// The tokenizer scans a buffer owned by the caller. Each byte is looked at once, however the
/// input is split into chunks: the scan state, the offsets of the current record's fields and the
/// line count survive between calls. After a call, bytes before `recordStart` are no longer
/// needed; the caller drops them and calls `rebase(by:)`.
struct CSVTokenizer {
  /// Where the scan is inside the current record.
  private enum State {
    /// At the first byte of a field.
    case fieldStart
    /// Inside a field that did not start with a quote.
    case unquoted
    /// Inside a quoted field.
    case quoted
    /// Just after a quote inside a quoted field: either the closing quote or the first of `""`.
    case quoteInQuoted
    /// After the closing quote of a field, with more text before the delimiter.
    case afterClosingQuote
  }

  /// Whether scanning can go on.
  enum Outcome {
    /// The buffer is used up; call again with more input.
    case needsMoreInput
    /// The record handler asked to stop.
    case stopped
    /// The input is finished.
    case finished
  }

  /// A closure that receives each record and returns whether to go on.
  typealias RecordHandler = (borrowing CSVRecord) throws -> Bool

  private let delimiter: UInt8
  private let highestSpecialByte: UInt8
  private let filePath: String?

  /// The offset of the first byte of the current (incomplete) record.
  private(set) var recordStart = 0
  private var position = 0
  private var fieldStart = 0
  private var openingQuote = 0
  private var state = State.fieldStart
  private var fieldNeedsUnescape = false
  private var skipsLineFeed = false
  private var fields: [FieldRange] = []
  private var lineNumber = 1
  private var lineBreaksInRecord = 0
  private var recordIndex = 0

  init(delimiter: UInt8, filePath: String?) {
    self.delimiter = delimiter
    self.highestSpecialByte = max(delimiter, .carriageReturn, .lineFeed)
    self.filePath = filePath
  }

  /// Moves all offsets back by `count` after the caller dropped that many bytes.
  ///
  /// The bytes are dropped from the front of the buffer; `count` must not exceed `recordStart`.
  mutating func rebase(by count: Int) {
    recordStart -= count
    position -= count
    fieldStart -= count
    openingQuote -= count
    for index in fields.indices {
      fields[index].start -= count
      fields[index].end -= count
    }
  }

  /// Scans the unscanned bytes of `buffer`, calling `handler` for each complete record.
  ///
  /// - Parameters:
  ///   - buffer: All bytes from `recordStart` on, with any new input appended.
  ///   - isEndOfInput: Whether `buffer` ends the input, so an unfinished last record is complete.
  ///   - handler: Receives each record; returns `false` to stop.
  /// - Returns: Whether the input is finished, the handler stopped, or more input is needed.
  /// - Throws: `CSVError.Kind.unterminatedQuote` at the end of input inside a quoted field, and
  ///   anything `handler` throws.
  /// - Complexity: O(*n*), where *n* is the number of bytes not scanned before.
  mutating func scan(
    _ buffer: [UInt8],
    isEndOfInput: Bool,
    handler: RecordHandler
  ) throws -> Outcome {
    let bytes = buffer.span
    let end = bytes.count
    var index = position
    defer { position = index }
    scanning: while index < end {
      switch state {
      case .fieldStart:
        let byte = bytes[index]
        if fields.isEmpty {
          if skipsLineFeed {
            skipsLineFeed = false
            if byte == .lineFeed {
              index += 1
              recordStart = index
              continue scanning
            }
          }
          if byte == .lineFeed || byte == .carriageReturn {
            // A blank line: skipped, but counted.
            lineNumber += 1
            skipsLineFeed = byte == .carriageReturn
            index += 1
            recordStart = index
            continue scanning
          }
        }
        if byte == .quote {
          state = .quoted
          openingQuote = index
          fieldNeedsUnescape = false
          index += 1
          fieldStart = index
        } else {
          state = .unquoted
          fieldStart = index
        }

      case .unquoted, .afterClosingQuote:
        while index < end {
          let byte = bytes[index]
          if byte > highestSpecialByte {
            index += 1
            continue
          }
          if byte == delimiter || byte == .lineFeed || byte == .carriageReturn {
            break
          }
          index += 1
        }
        if index == end {
          break scanning
        }
        fields.append(
          FieldRange(start: fieldStart, end: index, needsUnescape: state == .afterClosingQuote)
        )
        if try !endField(at: &index, separator: bytes[index], buffer, handler) {
          return .stopped
        }

      case .quoted:
        while index < end {
          let byte = bytes[index]
          if byte > .quote {
            index += 1
            continue
          }
          if byte == .quote {
            break
          }
          if byte == .carriageReturn {
            lineBreaksInRecord += 1
          } else if byte == .lineFeed && (index == 0 || bytes[index - 1] != .carriageReturn) {
            lineBreaksInRecord += 1
          }
          index += 1
        }
        if index == end {
          break scanning
        }
        state = .quoteInQuoted
        index += 1

      case .quoteInQuoted:
        let byte = bytes[index]
        if byte == .quote {
          fieldNeedsUnescape = true
          state = .quoted
          index += 1
        } else if byte == delimiter || byte == .lineFeed || byte == .carriageReturn {
          fields.append(closedQuotedField(endingAt: index))
          if try !endField(at: &index, separator: byte, buffer, handler) {
            return .stopped
          }
        } else {
          // Text after the closing quote: kept literally (see CSVReader, "Stray quotes").
          state = .afterClosingQuote
        }
      }
    }
    guard isEndOfInput else {
      return .needsMoreInput
    }
    switch state {
    case .fieldStart:
      if fields.isEmpty {
        return .finished
      }
      fields.append(FieldRange(start: end, end: end, needsUnescape: false))
    case .unquoted, .afterClosingQuote:
      fields.append(
        FieldRange(start: fieldStart, end: end, needsUnescape: state == .afterClosingQuote)
      )
    case .quoted:
      throw unterminatedQuoteError(in: buffer)
    case .quoteInQuoted:
      fields.append(closedQuotedField(endingAt: end))
    }
    _ = try emitRecord(buffer, handler)
    recordStart = end
    state = .fieldStart
    return .finished
  }

  /// The range of a quoted field whose closing quote is just before `end`.
  private func closedQuotedField(endingAt end: Int) -> FieldRange {
    if fieldNeedsUnescape {
      return FieldRange(start: fieldStart, end: end, needsUnescape: true)
    }
    return FieldRange(start: fieldStart, end: end - 1, needsUnescape: false)
  }

  /// Handles the delimiter or line break after a field; returns `false` if the handler stopped.
  private mutating func endField(
    at index: inout Int,
    separator: UInt8,
    _ buffer: [UInt8],
    _ handler: RecordHandler
  ) throws -> Bool {
    index += 1
    state = .fieldStart
    if separator == delimiter {
      return true
    }
    let shouldContinue = try emitRecord(buffer, handler)
    recordStart = index
    skipsLineFeed = separator == .carriageReturn
    return shouldContinue
  }

  /// Hands the current record to `handler` and starts the next one.
  private mutating func emitRecord(_ buffer: [UInt8], _ handler: RecordHandler) throws -> Bool {
    let shouldContinue: Bool
    do {
      let record = CSVRecord(
        buffer: buffer,
        fields: fields,
        lineNumber: lineNumber,
        index: recordIndex
      )
      shouldContinue = try handler(record)
    }
    fields.removeAll(keepingCapacity: true)
    recordIndex += 1
    lineNumber += 1 + lineBreaksInRecord
    lineBreaksInRecord = 0
    return shouldContinue
  }

  /// The error for a quoted field still open at the end of the input, located at its opening
  /// quote.
  private func unterminatedQuoteError(in buffer: [UInt8]) -> CSVError {
    let bytes = buffer.span
    var line = lineNumber
    var lineStart = recordStart
    var index = recordStart
    while index < openingQuote {
      let byte = bytes[index]
      if byte == .carriageReturn {
        line += 1
        lineStart = index + 1
      } else if byte == .lineFeed {
        if index == recordStart || bytes[index - 1] != .carriageReturn {
          line += 1
        }
        lineStart = index + 1
      }
      index += 1
    }
    var column = 1
    for offset in lineStart..<openingQuote where !bytes[offset].isUTF8Continuation {
      column += 1
    }
    return CSVError(
      kind: .unterminatedQuote,
      filePath: filePath,
      line: line,
      column: column,
      message: "quoted field is never closed",
      hint: "add the closing '\"' to the field that starts '\(excerpt(of: buffer))'; "
        + "write each '\"' inside a quoted field as '\"\"'"
    )
  }

  /// The first characters of the unclosed field, up to the end of its line.
  private func excerpt(of buffer: [UInt8]) -> String {
    let maximumScalars = 20
    var end = openingQuote + 1
    var scalars = 0
    while end < buffer.count {
      let byte = buffer[end]
      if byte == .lineFeed || byte == .carriageReturn {
        break
      }
      if !byte.isUTF8Continuation {
        if scalars == maximumScalars {
          break
        }
        scalars += 1
      }
      end += 1
    }
    return String(decoding: buffer[openingQuote..<end], as: UTF8.self)
  }
}
