public import SurveyCSV
public import SurveyPlatform

/// Appends whole rows to a shared CSV file so that no completed row is ever lost, torn or
/// interleaved with another, and no existing row is rewritten.
///
/// ``append(_:header:to:writer:acceptedFileColumns:)`` opens the file (following a symbolic link)
/// with `O_APPEND` (creating it if needed), takes
/// an exclusive `flock` lock, checks that the path still names the file it locked, checks the
/// header, writes the row, or the header and the row for a new or empty file, with ONE `write(2)`
/// call, and calls `fsync` before it returns. The lock is released when the file is closed, also
/// if the process dies.
///
/// - A crash or kill before the write leaves the file as it was; the single write puts the whole
///   row after the existing rows, and a short write (a full disk) is cut back off the file.
/// - Two processes appending at once wait for each other's lock, so their rows never interleave
///   and a header check cannot race with another process creating the file.
/// - Every column of an existing file must be one this capture writes (or one another capture
///   added after this one inspected the file, left blank); the row is written in the file's
///   column order. Otherwise nothing is written and ``CaptureFileError`` names the columns.
/// - Columns this capture writes that the file lacks are appended to its header: still holding
///   the lock, the longer header, the existing rows byte for byte and the new row go to a
///   temporary file that is flushed and renamed over the file, so a reader sees the old file or
///   the new one. Earlier rows stay as they were, shorter than the header; readers take their
///   missing trailing cells as blank. A process that was waiting for the lock finds that the path
///   names a new file and opens it again. Columns are not added to a file with other hard links
///   (renaming would split it) or in a folder this process cannot write to.
public enum DurableAppend {
  /// What ``inspect(_:header:)`` found.
  public enum FileState: Sendable, Hashable {
    /// The file does not exist or is empty: the header will be written with the first row.
    case new
    /// The file has the same columns, perhaps in another order: rows follow the file's order.
    case matchingHeader
    /// The file lacks these columns of this capture, which will be appended to its header.
    case addingColumns([String])
  }

  /// What an append did.
  public struct Receipt: Sendable, Hashable {
    /// Whether the header was written, because the file was new or empty.
    public var wroteHeader: Bool
    /// Whether a line ending was added first because the file's last line had none.
    public var addedMissingLineEnding: Bool
    /// The file's size after the append, in bytes.
    public var fileSize: Int
    /// The columns appended to the file's header, if any.
    public var addedColumns: [String]

    /// Creates a receipt.
    public init(
      wroteHeader: Bool,
      addedMissingLineEnding: Bool,
      fileSize: Int,
      addedColumns: [String] = []
    ) {
      self.wroteHeader = wroteHeader
      self.addedMissingLineEnding = addedMissingLineEnding
      self.fileSize = fileSize
      self.addedColumns = addedColumns
    }
  }

  /// Checks, without writing or locking, that rows with `header` could be appended to `path`, so a
  /// session can refuse before asking any question.
  ///
  /// ``append(_:header:to:writer:acceptedFileColumns:)`` checks again under the lock.
  ///
  /// - Throws: ``CaptureFileError`` when the file has a column this capture does not write, the
  ///   file cannot be read, the folder it would go in does not exist, or columns would have to be
  ///   added to a file that has other hard links or whose folder this process cannot write to.
  /// - Complexity: O(*h*) in the length of the file's header.
  public static func inspect(
    _ path: String,
    header: [String]
  ) throws(CaptureFileError)
    -> FileState
  {
    let columns = try existingColumns(path)
    if columns.isEmpty { return .new }
    let added = try FileHeader.columnsToAdd(to: columns, for: header, tolerating: [], path: path)
    if added.isEmpty { return .matchingHeader }
    try checkColumnsCanBeAdded(to: resolvedPath(path), hardLinks: hardLinkCount(path) ?? 1)
    return .addingColumns(added)
  }

  /// The columns of the capture file at `path`: empty when it does not exist or is empty.
  ///
  /// - Throws: ``CaptureFileError`` when the file cannot be read, its first line is not a CSV
  ///   header, the path is a folder, or the folder it would go in does not exist.
  /// - Complexity: O(*h*) in the length of the file's header.
  public static func existingColumns(_ path: String) throws(CaptureFileError) -> [String] {
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
      return []
    case .directory:
      throw CaptureFileError(
        kind: .fileSystem(.isDirectory),
        path: path,
        message: "'\(path)' is a folder, not a file",
        hint: "give the path of a .csv file"
      )
    case .other:
      throw notARegularFile(path)
    case .file:
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
      if found.isEmpty { return [] }
      return try FileHeader(found, path: path).columns
    }
  }

  /// The error for a path that names a FIFO, a device or a socket: reading or appending to one
  /// could wait for ever or send the respondent's answers elsewhere.
  static func notARegularFile(_ path: String) -> CaptureFileError {
    CaptureFileError(
      kind: .notARegularFile,
      path: path,
      message: "'\(path)' is not a regular file (it is a FIFO, a device or a socket); "
        + "captures are appended to a CSV file",
      hint: "give the path of a .csv file"
    )
  }

  /// Adding columns renames a new file over the old one, which needs a folder this process can
  /// write to and would split a file that has other hard links in two.
  private static func checkColumnsCanBeAdded(
    to path: String,
    hardLinks: Int
  ) throws(CaptureFileError) {
    let hint =
      "capture with the same -i instruments and --set columns as the file's earlier captures, "
      + "or into a new file"
    if hardLinks > 1 {
      throw CaptureFileError(
        kind: .cannotAddColumns,
        path: path,
        message: "columns cannot be added to '\(path)': it has \(hardLinks) hard links, and "
          + "rewriting it would leave the other names with the old rows",
        hint: hint
      )
    }
    guard isWritableFolder(folderOf(path)) else {
      throw CaptureFileError(
        kind: .cannotAddColumns,
        path: path,
        message: "columns cannot be added to '\(path)': adding them writes a new copy of the "
          + "file beside it, and its folder cannot be written to",
        hint: hint
      )
    }
  }

  /// Appends one row durably; see ``DurableAppend`` for the guarantees.
  ///
  /// - Parameters:
  ///   - row: The row's values, in `header` order.
  ///   - header: The columns this capture writes: the header of a new or empty file. An existing
  ///     file may have them in another order, or lack some, which are then added to its header.
  ///   - path: The CSV file; a symbolic link is followed, and the file it names is the one written.
  ///   - writer: Formats the fields; rows take the file's own line ending (LF or CR LF).
  ///   - acceptedFileColumns: The file's columns when ``inspect(_:header:)`` accepted it, before
  ///     a session. Columns another capture has added since are left blank in this row, so that
  ///     a finished session is not refused; `nil` refuses any column `header` lacks.
  /// - Returns: What was written.
  /// - Throws: ``CaptureFileError`` when the file has a column this capture does not write
  ///   (nothing is written), columns cannot be added (see ``inspect(_:header:)``), or the file
  ///   cannot be opened, locked, written or flushed.
  /// - Complexity: O(*r* + *h*) in the lengths of the row and of the file's header; O(*n*) in the
  ///   size of the file when columns are added.
  @discardableResult
  public static func append(
    _ row: [String],
    header: [String],
    to path: String,
    writer: CSVWriter = CSVWriter(),
    acceptedFileColumns: [String]? = nil
  ) throws(CaptureFileError) -> Receipt {
    do {
      return try withLockedFile(path) { file in
        try append(
          [row],
          header: header,
          to: file,
          writer: writer,
          acceptedFileColumns: acceptedFileColumns
        )
      }
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

  /// Appends the rows that `choose` picks, durably and in one write, with the guarantees of
  /// ``append(_:header:to:writer:acceptedFileColumns:)``: all of them or none, flushed to disk,
  /// locked against other captures and merges.
  ///
  /// `choose` runs while the lock is held, with the file's whole content (empty for a new file),
  /// so that it can leave out rows the file already has without another process adding them in
  /// between. When it picks no rows, nothing is written.
  ///
  /// - Parameters:
  ///   - header: The columns of the rows (see ``append(_:header:to:writer:acceptedFileColumns:)``).
  ///   - path: The CSV file; a symbolic link is followed.
  ///   - writer: Formats the fields; rows take the file's own line ending.
  ///   - acceptedFileColumns: The file's columns when it was inspected, as for a single row.
  ///   - choose: Given the file's bytes, the rows to append, each in `header` order.
  /// - Returns: What was written (a receipt of the file's size when nothing was).
  /// - Throws: ``CaptureFileError`` as a single append does, also for a file of more than
  ///   ``maximumFileBytes`` bytes; any error `choose` throws, with nothing written.
  /// - Complexity: O(*n*) in the size of the file, plus the cost of `choose`.
  @discardableResult
  public static func appendRows(
    header: [String],
    to path: String,
    writer: CSVWriter = CSVWriter(),
    acceptedFileColumns: [String]? = nil,
    choosing choose: (_ existingBytes: [UInt8]) throws -> [[String]]
  ) throws -> Receipt {
    try withLockedFile(path) { file in
      let size = try file.size()
      guard size <= maximumFileBytes else {
        throw CaptureFileError(
          kind: .fileSystem(.inputOutput),
          path: path,
          message: "'\(path)' has \(size) bytes, more than the \(maximumFileBytes) that rows "
            + "can be checked against",
          hint: "merge into a new capture file"
        )
      }
      let rows = try choose(size == 0 ? [] : try file.read(count: size, at: 0))
      if rows.isEmpty {
        return Receipt(wroteHeader: false, addedMissingLineEnding: false, fileSize: size)
      }
      return try append(
        rows,
        header: header,
        to: file,
        writer: writer,
        acceptedFileColumns: acceptedFileColumns
      )
    }
  }

  /// Opens `path` for appending, locks it, and runs `body` on it once the lock is held on the
  /// file the path still names.
  ///
  /// - Throws: ``CaptureFileError`` for a path that is no regular file or a failing system
  ///   call; any error of `body`.
  private static func withLockedFile(
    _ path: String,
    _ body: (borrowing AppendOnlyFile) throws -> Receipt
  ) throws -> Receipt {
    let target = resolvedPath(path)
    do {
      while true {
        let file = try AppendOnlyFile(path: target)
        guard file.isRegularFile else { throw notARegularFile(path) }
        try file.lockExclusively()
        // Temporary copies left by captures that died while adding columns hold respondents'
        // answers; they are removed while no other capture can be writing one.
        removeAbandonedTemporaryFiles(besides: target)
        // Another capture may have replaced the file, to add columns, while this one waited.
        guard try file.isStillAtPath() else { continue }
        return try body(file)
      }
    } catch let error as FileSystemError {
      throw CaptureFileError(error)
    }
  }

  /// The largest file ``appendRows(header:to:writer:acceptedFileColumns:choosing:)`` reads
  /// whole: 512 MiB.
  public static let maximumFileBytes = 1 << 29

  /// Appends `rows` to `file`, which this process has locked.
  private static func append(
    _ rows: [[String]],
    header: [String],
    to file: borrowing AppendOnlyFile,
    writer: CSVWriter,
    acceptedFileColumns: [String]?
  ) throws -> Receipt {
    let path = file.path
    let size = try file.size()
    var writer = writer
    if size == 0 {
      let bytes = Array((writer.line(header) + rows.map { writer.line($0) }.joined()).utf8)
      try file.appendInOneWrite(bytes, previousSize: 0)
      try file.synchronize()
      synchronizeFolder(containing: path)
      return Receipt(wroteHeader: true, addedMissingLineEnding: false, fileSize: bytes.count)
    }
    let existing = try readHeader(of: file, size: size)
    writer.lineEnding = existing.lineEnding
    let tolerated = acceptedFileColumns.map { Set(existing.columns).subtracting($0) } ?? []
    let added = try FileHeader.columnsToAdd(
      to: existing.columns,
      for: header,
      tolerating: tolerated,
      path: path
    )
    let columns = existing.columns + added
    let position = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { $1 })
    let line = Array(
      rows.map { row in
        writer.line(columns.map { position[$0].flatMap { $0 < row.count ? row[$0] : nil } ?? "" })
      }.joined().utf8
    )
    let lastByte = try file.read(count: 1, at: size - 1)
    let addsLineEnding = lastByte != [UInt8(ascii: "\n")]
    let lineEnding = addsLineEnding ? Array(existing.lineEnding.text.utf8) : []
    if added.isEmpty {
      let bytes = lineEnding + line
      try file.appendInOneWrite(bytes, previousSize: size)
      try file.synchronize()
      return Receipt(
        wroteHeader: false,
        addedMissingLineEnding: addsLineEnding,
        fileSize: size + bytes.count
      )
    }
    // The longer header, every byte after the old one, and the row, renamed over the file.
    try checkColumnsCanBeAdded(to: path, hardLinks: try file.hardLinkCount())
    let rows = try file.read(count: size - existing.byteCount, at: existing.byteCount)
    let newHeader = Array(writer.line(columns).utf8)
    let bytes = newHeader + rows + (rows.isEmpty ? [] : lineEnding) + line
    do {
      try writeFileAtomically(
        path,
        bytes: bytes,
        permissions: try file.permissions(),
        owner: try? file.owner()
      )
    } catch {
      throw CaptureFileError(
        kind: .cannotAddColumns,
        path: path,
        message: "columns could not be added to '\(path)': \(error.reason)",
        hint: "the file is unchanged; capture with the file's columns, or into a new file"
      )
    }
    synchronizeFolder(containing: path)
    return Receipt(
      wroteHeader: false,
      addedMissingLineEnding: addsLineEnding && !rows.isEmpty,
      fileSize: bytes.count,
      addedColumns: added
    )
  }

  static let maximumHeaderBytes = 1 << 20

  /// Reads the first record of the locked `file`.
  private static func readHeader(
    of file: borrowing AppendOnlyFile,
    size: Int
  ) throws -> FileHeader {
    var found: [UInt8] = []
    while found.count < min(size, maximumHeaderBytes) {
      let more = try file.read(count: 65_536, at: found.count)
      if more.isEmpty { break }
      found += more
      if firstRecordEnd(found) != nil { break }
    }
    return try FileHeader(found, path: file.path)
  }

  /// An existing file's header: its columns, its line ending and its length in bytes.
  private struct FileHeader {
    var columns: [String]
    var lineEnding: CSVWriter.LineEnding
    /// The bytes up to and including the header's line ending.
    var byteCount: Int

    /// Parses the first record of `bytes`.
    init(_ bytes: [UInt8], path: String) throws(CaptureFileError) {
      let end = firstRecordEnd(bytes) ?? bytes.count
      var found: [String] = []
      do {
        let reader = CSVReader(
          bytes: Array(bytes[0..<end]),
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
      columns = found
      lineEnding =
        end >= 2 && bytes[end - 2] == UInt8(ascii: "\r") ? .carriageReturnLineFeed : .lineFeed
      byteCount = end
    }

    /// The columns of `header` that `columns` lacks, in `header` order.
    ///
    /// - Throws: ``CaptureFileError`` when `columns` has a column that `header` lacks and that is
    ///   not `tolerated`, or a column twice.
    static func columnsToAdd(
      to columns: [String],
      for header: [String],
      tolerating tolerated: Set<String>,
      path: String
    ) throws(CaptureFileError) -> [String] {
      let written = Set(header).union(tolerated)
      let present = Set(columns)
      if present.count != columns.count || !present.isSubset(of: written) {
        throw CaptureFileError.headerMismatch(path: path, found: columns, expected: header)
      }
      return header.filter { !present.contains($0) }
    }
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
    /// The file's header has columns this capture does not write (`unexpected`) or repeats one;
    /// `missing` lists the columns this capture writes that the file lacks.
    case headerMismatch(missing: [String], unexpected: [String])
    /// The file's first line is not a CSV header.
    case unreadableHeader
    /// Columns this capture writes could not be added to the file's header.
    case cannotAddColumns
    /// The path names something other than a regular file: a FIFO, a device or a socket.
    case notARegularFile
    /// The file is not a CSV file: a workbook or other binary file, never read as text.
    case notACSVFile
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
    let repeated = found.enumerated().filter { found[..<$0.offset].contains($0.element) }
    if !repeated.isEmpty {
      details.append(
        "the file repeats columns: " + repeated.map { "'\($0.element)'" }.joined(separator: ", ")
      )
    }
    return CaptureFileError(
      kind: .headerMismatch(missing: missing, unexpected: unexpected),
      path: path,
      message: "the header of '\(path)' does not match this capture; "
        + details.joined(separator: "; "),
      hint: "a capture may add columns to a file but not leave any out: give at least the -i "
        + "instruments and --set columns of the file's earlier captures, or capture into a new file"
    )
  }
}
