/// A streaming reader for CSV files as survey platforms and spreadsheets export them.
///
/// Create a reader for a file or for bytes in memory, then visit its records:
///
///     let reader = try CSVReader(contentsOfFile: "export.csv")
///     if reader.encodingDetection == .invalidUTF8 {
///       print("read as \(reader.encoding): the file is not valid UTF-8")
///     }
///     try reader.forEachRecord { record in
///       print(record.lineNumber, record.string(at: 0))
///     }
///
/// Creating the reader settles the encoding and the delimiter (see below); reading happens in
/// `forEachRecord(_:)`, `readRecords(while:)` and `readAll()`, which can be called more than
/// once and each read the input from the start.
///
/// ## Dialect
///
/// The reader follows RFC 4180 and accepts what spreadsheets write:
///
/// - **Records** end at LF (`0x0A`), at CR LF (`0x0D 0x0A`) and at a bare CR (`0x0D`) outside
///   quotes. No other bytes end a record: not VT, FF, NEL (U+0085) nor U+2028/U+2029. The last
///   record may or may not end with a line break.
/// - **Blank lines** (a line break directly after a line break, or at the start of the input) are
///   skipped; they still count for line numbers. A line holding only `""` or only delimiters is a
///   record, not a blank line.
/// - **Fields** are separated by the delimiter. A field that starts with `"` is quoted: it may
///   contain the delimiter, line breaks (kept exactly as they are, CR LF included) and quotes
///   written twice (`""`), and ends at the next single `"`. Fields may be empty.
/// - **Stray quotes** are kept, as Excel keeps them: a `"` inside a field that did not start with
///   one is an ordinary character (`5" tall` reads as `5" tall`), and text after the closing
///   quote of a quoted field is appended to it (`"ab"c` reads as `abc`). Spaces around fields are
///   part of the fields, so ` "x"` reads as ` "x"`.
/// - **An unclosed quoted field** is an error of kind `unterminatedQuote`, located at the line and
///   column of its opening quote.
/// - Records may have different numbers of fields; checking the count is up to the caller.
///
/// ## Encoding
///
/// Unless `Options.encoding` says otherwise, the encoding is chosen when the reader is created:
///
/// 1. A byte order mark selects UTF-8, UTF-16LE or UTF-16BE; the mark itself is dropped. A
///    UTF-8 mark is believed only when the bytes after it are valid UTF-8, checked as in step 3;
///    otherwise they are read as Windows-1252 (still without the mark).
/// 2. Without one, input that starts with ASCII text in UTF-16 (every other byte zero) is read as
///    UTF-16 in that byte order.
/// 3. Otherwise the **whole input** is checked for valid UTF-8 before any record is read, in one
///    streaming pass with constant memory, so an invalid byte late in a large file is found. Valid
///    input is read as UTF-8; invalid input as Windows-1252. For a file this pass reads the file
///    once more; the check stops at the first invalid byte.
///
/// Fields are always handed out as UTF-8. `encoding` and `encodingDetection` tell how the input
/// was read, so that a tool can tell its user.
///
/// ## Delimiter
///
/// Unless `Options.delimiter` gives one, the delimiter is tab, semicolon or comma, whichever
/// splits the first record (the header) and the records after it (up to 50, from the first
/// 64 KiB) most consistently, counting only delimiters outside quotes. A delimiter that does not
/// occur in the header is never chosen, so semicolon files with decimal commas (`1;2,5;3`) are
/// read correctly. When no candidate occurs in the header, the delimiter is comma.
///
/// ## Memory and speed
///
/// Input is read in chunks of `Options.chunkSize` bytes into a reused buffer. Only the record
/// being read is kept between chunks, so memory depends on the chunk size and the longest record,
/// not on the size of the input. (A quoted field that is never closed makes the rest of the input
/// one record.) The scan looks at each byte once and records field boundaries as offsets; strings
/// are built only when a field is asked for as a string.
public struct CSVReader: Sendable {
  /// Settings that override detection, and the chunk size.
  public struct Options: Sendable, Hashable {
    /// The chunk size used unless another is given: 256 KiB.
    public static let defaultChunkSize = 262_144

    /// The delimiter to use, or `nil` to detect it.
    public var delimiter: CSVDelimiter?

    /// The encoding to read the input as, or `nil` to detect it.
    ///
    /// A byte order mark of the given encoding is still dropped.
    public var encoding: CSVEncoding?

    /// The number of bytes read from the input at a time; values below 1 count as 1.
    public var chunkSize: Int

    /// Creates options.
    ///
    /// - Parameters:
    ///   - delimiter: The delimiter to use, or `nil` (the default) to detect it.
    ///   - encoding: The encoding to read the input as, or `nil` (the default) to detect it.
    ///   - chunkSize: The number of bytes read from the input at a time.
    public init(
      delimiter: CSVDelimiter? = nil,
      encoding: CSVEncoding? = nil,
      chunkSize: Int = Options.defaultChunkSize
    ) {
      self.delimiter = delimiter
      self.encoding = encoding
      self.chunkSize = chunkSize
    }
  }

  private enum Source: Sendable {
    case file(String)
    case memory([UInt8])
  }

  /// The number of bytes from the start of the input used to detect the delimiter.
  private static let detectionSampleSize = 65_536

  private let source: Source
  private let byteOrderMarkLength: Int
  private let chunkSize: Int

  /// The path of the file being read, or `nil` when reading bytes from memory.
  public var filePath: String? {
    switch source {
    case .file(let path): path
    case .memory: nil
    }
  }

  /// The encoding the input is read as.
  public let encoding: CSVEncoding

  /// How `encoding` was chosen.
  public let encodingDetection: CSVEncodingDetection

  /// Whether the input starts with a byte order mark (which is not part of the data): a mark of
  /// `encoding`, or a UTF-8 mark before bytes that are not valid UTF-8.
  public var hasByteOrderMark: Bool { byteOrderMarkLength > 0 }

  /// The field delimiter.
  public let delimiter: CSVDelimiter

  /// Whether `delimiter` was detected rather than given in the options.
  public let isDelimiterDetected: Bool

  /// Creates a reader for a file, detecting its encoding and delimiter.
  ///
  /// - Parameters:
  ///   - path: The path of the file.
  ///   - options: Settings that override detection, and the chunk size.
  /// - Throws: `CSVError` of kind `fileNotFound`, `permissionDenied`, `isDirectory` or
  ///   `readFailed`.
  /// - Complexity: O(*n*), where *n* is the size of the file, to check that it is valid UTF-8
  ///   when it has no byte order mark or a UTF-8 one, and no encoding is given; otherwise O(1).
  public init(contentsOfFile path: String, options: Options = Options()) throws {
    var chunks = try FileChunks(
      path: path,
      chunkSize: max(options.chunkSize, Self.detectionSampleSize)
    )
    var sample: [UInt8] = []
    var isWholeInput = false
    while sample.count < Self.detectionSampleSize {
      let hasMoreInput = try chunks.withNextChunk { chunk in
        sample.append(contentsOf: chunk)
      }
      if !hasMoreInput {
        isWholeInput = true
        break
      }
    }
    let settings = try Self.detectSettings(
      sample: sample,
      isWholeInput: isWholeInput,
      options: options
    ) { validator in
      while validator.isValid {
        let hasMoreInput = try chunks.withNextChunk { chunk in
          validator.validate(chunk.span)
        }
        if !hasMoreInput {
          break
        }
      }
    }
    self.init(source: .file(path), settings: settings, chunkSize: options.chunkSize)
  }

  /// Reads up to `count` bytes from the start of a file, for a caller that decides from them
  /// whether the file is text at all before reading it as CSV.
  ///
  /// - Parameters:
  ///   - path: The path of the file.
  ///   - count: The most bytes to read.
  /// - Returns: The file's first bytes; fewer than `count` when the file is shorter.
  /// - Throws: `CSVError` of kind `fileNotFound`, `permissionDenied`, `isDirectory` or
  ///   `readFailed`, as ``init(contentsOfFile:options:)`` would.
  /// - Complexity: O(`count`).
  public static func leadingBytes(ofFile path: String, count: Int) throws -> [UInt8] {
    var chunks = try FileChunks(path: path, chunkSize: max(1, min(count, 1 << 20)))
    var bytes: [UInt8] = []
    while bytes.count < count {
      let hasMoreInput = try chunks.withNextChunk { chunk in
        bytes.append(contentsOf: chunk.prefix(count - bytes.count))
      }
      if !hasMoreInput { break }
    }
    return bytes
  }

  /// Creates a reader for CSV bytes in memory, detecting their encoding and delimiter.
  ///
  /// - Parameters:
  ///   - bytes: The contents of a CSV file.
  ///   - options: Settings that override detection, and the chunk size.
  /// - Complexity: O(*n*), where *n* is `bytes.count`, to check that the bytes are valid UTF-8
  ///   when they have no byte order mark or a UTF-8 one, and no encoding is given; otherwise
  ///   O(1).
  public init(bytes: [UInt8], options: Options = Options()) {
    let sampleSize = min(bytes.count, Self.detectionSampleSize)
    let settings = Self.detectSettings(
      sample: Array(bytes[0..<sampleSize]),
      isWholeInput: sampleSize == bytes.count,
      options: options
    ) { validator in
      validator.validate(bytes.span.extracting(sampleSize...))
    }
    self.init(source: .memory(bytes), settings: settings, chunkSize: options.chunkSize)
  }

  private init(source: Source, settings: DetectedSettings, chunkSize: Int) {
    self.source = source
    self.encoding = settings.encoding
    self.encodingDetection = settings.encodingDetection
    self.byteOrderMarkLength = settings.byteOrderMarkLength
    self.delimiter = settings.delimiter
    self.isDelimiterDetected = settings.isDelimiterDetected
    self.chunkSize = max(1, chunkSize)
  }

  /// Calls `body` with each record of the input, in order.
  ///
  /// - Parameter body: A closure that receives each record. The record is lent for the duration
  ///   of the call.
  /// - Throws: `CSVError` when the file cannot be read or a quoted field is never closed, and
  ///   anything `body` throws; reading stops at the first error.
  /// - Complexity: O(*n*), where *n* is the size of the input.
  public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
    try read { record in
      try body(record)
      return true
    }
  }

  /// Calls `body` with each record of the input, in order, until it returns `false`.
  ///
  /// Use this to read only the start of a file, for example its header:
  ///
  ///     var header: [String] = []
  ///     try reader.readRecords(while: { record in
  ///       header = record.strings()
  ///       return false
  ///     })
  ///
  /// - Parameter body: A closure that receives each record and returns whether to go on.
  /// - Throws: `CSVError` when the file cannot be read or a quoted field is never closed, and
  ///   anything `body` throws; reading stops at the first error.
  /// - Complexity: O(*n*), where *n* is the size of the input up to the last record read.
  public func readRecords(while body: (borrowing CSVRecord) throws -> Bool) throws {
    try read(body)
  }

  /// Reads every record of the input as an array of strings.
  ///
  /// - Returns: The records, in order; the header, if any, is the first.
  /// - Throws: `CSVError` when the file cannot be read or a quoted field is never closed.
  /// - Complexity: O(*n*), where *n* is the size of the input.
  public func readAll() throws -> [[String]] {
    var records: [[String]] = []
    try forEachRecord { record in
      records.append(record.strings())
    }
    return records
  }

  private func read(_ handler: CSVTokenizer.RecordHandler) throws {
    switch source {
    case .file(let path):
      var chunks = try FileChunks(path: path, chunkSize: chunkSize)
      try parse(&chunks, handler)
    case .memory(let bytes):
      var chunks = MemoryChunks(bytes: bytes, chunkSize: chunkSize)
      try parse(&chunks, handler)
    }
  }

  private func parse<Chunks: ChunkSource & ~Copyable>(
    _ chunks: inout Chunks,
    _ handler: CSVTokenizer.RecordHandler
  ) throws {
    var transcoder = TextTranscoder(encoding: encoding)
    var tokenizer = CSVTokenizer(delimiter: delimiter.asciiValue, filePath: filePath)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(2 * chunkSize)
    var bytesToSkip = byteOrderMarkLength
    while true {
      let hasMoreInput = try chunks.withNextChunk { chunk in
        let skipped = min(bytesToSkip, chunk.count)
        bytesToSkip -= skipped
        transcoder.transcode(chunk.dropFirst(skipped), appendingTo: &buffer)
      }
      if !hasMoreInput {
        transcoder.finish(appendingTo: &buffer)
      }
      let outcome = try tokenizer.scan(buffer, isEndOfInput: !hasMoreInput, handler: handler)
      if outcome != .needsMoreInput {
        return
      }
      let consumed = tokenizer.recordStart
      if consumed > 0 {
        buffer.removeFirst(consumed)
        tokenizer.rebase(by: consumed)
      }
    }
  }
}

// MARK: - Detection

extension CSVReader {
  private struct DetectedSettings {
    var encoding: CSVEncoding
    var encodingDetection: CSVEncodingDetection
    var byteOrderMarkLength: Int
    var delimiter: CSVDelimiter
    var isDelimiterDetected: Bool
  }

  /// Chooses the encoding and the delimiter from the start of the input.
  ///
  /// - Parameters:
  ///   - sample: The first bytes of the input.
  ///   - isWholeInput: Whether `sample` is all of the input.
  ///   - options: The reader options.
  ///   - validateRest: Feeds the input after `sample` to the validator, stopping early once the
  ///     validator has found an invalid byte.
  /// - Returns: The encoding, byte order mark and delimiter to read the input with.
  private static func detectSettings(
    sample: [UInt8],
    isWholeInput: Bool,
    options: Options,
    validatingRest validateRest: (inout UTF8Validator) throws -> Void
  ) rethrows -> DetectedSettings {
    let markedEncoding = CSVEncoding.allCases.first { encoding in
      let mark = encoding.byteOrderMark
      return !mark.isEmpty && sample.starts(with: mark)
    }
    var settings = DetectedSettings(
      encoding: .utf8,
      encodingDetection: .validUTF8,
      byteOrderMarkLength: 0,
      delimiter: .comma,
      isDelimiterDetected: false
    )
    if let specified = options.encoding {
      settings.encoding = specified
      settings.encodingDetection = .specified
      if markedEncoding == specified {
        settings.byteOrderMarkLength = specified.byteOrderMark.count
      }
    } else if let markedEncoding, markedEncoding != .utf8 {
      settings.encoding = markedEncoding
      settings.encodingDetection = .byteOrderMark
      settings.byteOrderMarkLength = markedEncoding.byteOrderMark.count
    } else if markedEncoding == nil, let unmarkedUTF16 = utf16EncodingFromZeroBytes(in: sample) {
      settings.encoding = unmarkedUTF16
      settings.encodingDetection = .zeroBytePattern
    } else {
      // No mark, or a UTF-8 mark: a UTF-8 mark is believed only when the bytes after it are
      // valid UTF-8, so that fields are always well-formed UTF-8 and no byte is replaced.
      let markLength = markedEncoding?.byteOrderMark.count ?? 0
      settings.byteOrderMarkLength = markLength
      var validator = UTF8Validator()
      validator.validate(sample.span.extracting(markLength...))
      if !isWholeInput {
        try validateRest(&validator)
      }
      if !validator.isValidAtEnd {
        settings.encoding = .windows1252
        settings.encodingDetection = .invalidUTF8
      } else if markLength > 0 {
        settings.encodingDetection = .byteOrderMark
      }
    }

    if let delimiter = options.delimiter {
      settings.delimiter = delimiter
    } else {
      var transcoder = TextTranscoder(encoding: settings.encoding)
      var text: [UInt8] = []
      transcoder.transcode(
        sample.dropFirst(settings.byteOrderMarkLength),
        appendingTo: &text
      )
      settings.delimiter =
        CSVDelimiter.detect(in: text.span, isWholeInput: isWholeInput) ?? .comma
      settings.isDelimiterDetected = true
    }
    return settings
  }

  /// Returns the UTF-16 byte order of input without a byte order mark whose first characters are
  /// ASCII, or `nil` when the input does not start that way.
  private static func utf16EncodingFromZeroBytes(in sample: [UInt8]) -> CSVEncoding? {
    let unitCount = min(sample.count / 2, 32)
    guard unitCount >= 2 else {
      return nil
    }
    var isLittleEndian = true
    var isBigEndian = true
    for unit in 0..<unitCount {
      let first = sample[2 * unit]
      let second = sample[2 * unit + 1]
      isLittleEndian = isLittleEndian && first != 0 && first < 0x80 && second == 0
      isBigEndian = isBigEndian && first == 0 && second != 0 && second < 0x80
    }
    if isLittleEndian {
      return .utf16LittleEndian
    }
    return isBigEndian ? .utf16BigEndian : nil
  }
}
