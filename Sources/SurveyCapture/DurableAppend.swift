public import SurveyCSV
public import SurveyPlatform

/// Appends whole rows to a shared CSV file so that no completed row is ever lost, torn or
/// interleaved with another, and no existing row is rewritten.
///
/// ``append(_:header:to:writer:)`` opens the file with `O_APPEND` (creating it if needed), takes
/// an exclusive `flock` lock, checks the header against the expected one, writes the row, or the
/// header and the row for a new or empty file, with ONE `write(2)` call, and calls `fsync` before
/// it returns. The lock is released when the file is closed, also if the process dies.
///
/// - A crash or kill before the write leaves the file as it was; the single write puts the whole
///   row after the existing rows, and a short write (a full disk) is cut back off the file.
/// - Two processes appending at once wait for each other's lock, so their rows never interleave
///   and a header check cannot race with another process creating the file.
/// - An existing file's header must equal the expected header exactly; otherwise nothing is
///   written and ``CaptureFileError`` names the differing columns.
public enum DurableAppend {
  /// What ``inspect(_:header:)`` found.
  public enum FileState: Sendable, Hashable {
    /// The file does not exist or is empty: the header will be written with the first row.
    case new
    /// The file's header matches.
    case matchingHeader
  }

  /// What an append did.
  public struct Receipt: Sendable, Hashable {
    /// Whether the header was written, because the file was new or empty.
    public var wroteHeader: Bool
    /// Whether a line ending was added first because the file's last line had none.
    public var addedMissingLineEnding: Bool
    /// The file's size after the append, in bytes.
    public var fileSize: Int

    /// Creates a receipt.
    public init(wroteHeader: Bool, addedMissingLineEnding: Bool, fileSize: Int) {
      self.wroteHeader = wroteHeader
      self.addedMissingLineEnding = addedMissingLineEnding
      self.fileSize = fileSize
    }
  }

  /// Checks, without writing or locking, that rows with `header` could be appended to `path`, so a
  /// session can refuse before asking any question.
  ///
  /// ``append(_:header:to:writer:)`` checks again under the lock.
  ///
  /// - Throws: ``CaptureFileError`` when the header differs, the file cannot be read, or the
  ///   folder it would go in does not exist.
  /// - Complexity: O(*h*) in the length of the file's header.
  public static func inspect(
    _ path: String,
    header: [String]
  ) throws(CaptureFileError)
    -> FileState
  {
    switch pathKind(path) {
    case .missing:
      let folder = folderOf(path)
      guard pathKind(folder) == .directory else {
        throw CaptureFileError(
          kind: .fileSystem(.notFound),
          path: path,
          message: "the folder that would hold '\(path)' does not exist",
          hint: "create the folder first, or give another path to --to"
        )
      }
      return .new
    case .directory:
      throw CaptureFileError(
        kind: .fileSystem(.isDirectory),
        path: path,
        message: "'\(path)' is a folder, not a file",
        hint: "give the path of a .csv file"
      )
    case .file, .other:
      let reader: FileByteReader
      do { reader = try FileByteReader(path: path) } catch { throw CaptureFileError(error) }
      var found: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 65_536)
      while found.count < maximumHeaderBytes {
        let count: Int
        do { count = try reader.read(into: &chunk) } catch { throw CaptureFileError(error) }
        if count == 0 { break }
        found.append(contentsOf: chunk[0..<count])
        if firstRecordEnd(found) != nil { break }
      }
      if found.isEmpty { return .new }
      _ = try checkHeader(found, expected: header, path: path)
      return .matchingHeader
    }
  }

  /// Appends one row durably; see ``DurableAppend`` for the guarantees.
  ///
  /// - Parameters:
  ///   - row: The row's values, in header order.
  ///   - header: The header the file must have, written first when the file is new or empty.
  ///   - path: The CSV file.
  ///   - writer: Formats the fields; rows take the file's own line ending (LF or CR LF).
  /// - Returns: What was written.
  /// - Throws: ``CaptureFileError`` when the header differs (nothing is written) or the file
  ///   cannot be opened, locked, written or flushed.
  /// - Complexity: O(*r* + *h*) in the lengths of the row and of the file's header.
  @discardableResult
  public static func append(
    _ row: [String],
    header: [String],
    to path: String,
    writer: CSVWriter = CSVWriter()
  ) throws(CaptureFileError) -> Receipt {
    do {
      let file = try AppendOnlyFile(path: path)
      try file.lockExclusively()
      let size = try file.size()
      var writer = writer
      var bytes: [UInt8] = []
      var addedLineEnding = false
      if size == 0 {
        bytes = Array(writer.line(header).utf8)
      } else {
        let lineEnding = try checkHeader(in: file, size: size, expected: header)
        writer.lineEnding = lineEnding
        let last = try file.read(count: 1, at: size - 1)
        if last != [UInt8(ascii: "\n")] {
          bytes = Array(lineEnding.text.utf8)
          addedLineEnding = true
        }
      }
      bytes += Array(writer.line(row).utf8)
      try file.appendInOneWrite(bytes, previousSize: size)
      try file.synchronize()
      if size == 0 { synchronizeFolder(containing: path) }
      return Receipt(
        wroteHeader: size == 0,
        addedMissingLineEnding: addedLineEnding,
        fileSize: size + bytes.count
      )
    } catch let error as FileSystemError {
      throw CaptureFileError(error)
    } catch let error as CaptureFileError {
      throw error
    } catch {
      throw CaptureFileError(
        kind: .fileSystem(.inputOutput),
        path: path,
        message: "\(error)",
        hint: nil
      )
    }
  }

  static let maximumHeaderBytes = 1 << 20

  private static func checkHeader(
    in file: borrowing AppendOnlyFile,
    size: Int,
    expected: [String]
  )
    throws -> CSVWriter.LineEnding
  {
    var found: [UInt8] = []
    while found.count < min(size, maximumHeaderBytes) {
      let more = try file.read(count: 65_536, at: found.count)
      if more.isEmpty { break }
      found += more
      if firstRecordEnd(found) != nil { break }
    }
    return try checkHeader(found, expected: expected, path: file.path)
  }

  /// Parses the first record of `bytes` and compares it with `expected`.
  private static func checkHeader(
    _ bytes: [UInt8],
    expected: [String],
    path: String
  ) throws(CaptureFileError) -> CSVWriter.LineEnding {
    let end = firstRecordEnd(bytes) ?? bytes.count
    let headerBytes = Array(bytes[0..<end])
    var found: [String] = []
    do {
      let reader = CSVReader(
        bytes: headerBytes,
        options: CSVReader.Options(delimiter: .comma, encoding: .utf8)
      )
      try reader.readRecords { record in
        found = record.strings()
        return false
      }
    } catch {
      throw CaptureFileError(
        kind: .unreadableHeader,
        path: path,
        message: "the first line of '\(path)' cannot be read as a CSV header: \(error)",
        hint: "capture into a new file"
      )
    }
    if found != expected {
      throw CaptureFileError.headerMismatch(path: path, found: found, expected: expected)
    }
    let usesCRLF = end >= 2 && bytes[end - 2] == UInt8(ascii: "\r")
    return usesCRLF ? .carriageReturnLineFeed : .lineFeed
  }

  /// The index just past the line feed that ends the first record, outside quotes.
  static func firstRecordEnd(_ bytes: [UInt8]) -> Int? {
    var inQuotes = false
    for (index, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if byte == UInt8(ascii: "\n") && !inQuotes {
        return index + 1
      }
    }
    return nil
  }

  static func folderOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}

/// A capture file that cannot take the row: its header differs, or the system refused.
public struct CaptureFileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Hashable {
    /// The file's header is not the header this capture writes.
    case headerMismatch(missing: [String], unexpected: [String])
    /// The file's first line is not a CSV header.
    case unreadableHeader
    /// The operating system could not open, lock, read, write or flush the file.
    case fileSystem(FileSystemError.Kind)
  }

  /// What went wrong.
  public var kind: Kind
  /// The file.
  public var path: String
  /// What is wrong, starting lowercase.
  public var message: String
  /// What to do, when known.
  public var hint: String?

  /// Creates the error.
  public init(kind: Kind, path: String, message: String, hint: String?) {
    self.kind = kind
    self.path = path
    self.message = message
    self.hint = hint
  }

  /// Wraps an operating-system error.
  public init(_ error: FileSystemError) {
    self.init(kind: .fileSystem(error.kind), path: error.path, message: error.reason, hint: nil)
  }

  /// `message`, then `hint: …` on a second line when there is a hint.
  public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }

  static func headerMismatch(
    path: String,
    found: [String],
    expected: [String]
  )
    -> CaptureFileError
  {
    let missing = expected.filter { !found.contains($0) }
    let unexpected = found.filter { !expected.contains($0) }
    var details: [String] = []
    if !missing.isEmpty {
      details.append(
        "this capture writes columns the file lacks: "
          + missing.map { "'\($0)'" }.joined(separator: ", ")
      )
    }
    if !unexpected.isEmpty {
      details.append(
        "the file has columns this capture does not write: "
          + unexpected.map { "'\($0)'" }.joined(separator: ", ")
      )
    }
    if missing.isEmpty && unexpected.isEmpty {
      let position = zip(found, expected).enumerated().first { $0.element.0 != $0.element.1 }
      if let position {
        details.append(
          "the columns are in another order: column \(position.offset + 1) is "
            + "'\(position.element.0)' in the file but '\(position.element.1)' in this capture"
        )
      } else {
        details.append("a column is repeated")
      }
    }
    return CaptureFileError(
      kind: .headerMismatch(missing: missing, unexpected: unexpected),
      path: path,
      message: "the header of '\(path)' does not match this capture; "
        + details.joined(separator: "; "),
      hint: "existing rows are never rewritten: capture into a new file, or use the same "
        + "-i instruments and --set columns as the file's earlier captures"
    )
  }
}
