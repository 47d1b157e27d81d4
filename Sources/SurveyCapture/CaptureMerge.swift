import SurveyCSV
public import SurveyInstruments
import SurveyPlatform
import SurveyWorkbook

/// A file of rows in the capture file format, such as the responses an offline form downloads,
/// read and checked so that its rows can be merged into a capture file.
///
/// The header must be a capture file's: `respondent_id`, `captured_at` and `status` once each,
/// every item of each instrument it names as `INSTRUMENT.ITEM`, and any other columns (the
/// `--set` columns) in any order. Each row is checked: as many fields as the header, a respondent
/// id, a time in ISO 8601 UTC (`2025-03-07T14:05:09Z`), a status of `complete` or `partial`, and
/// each item's cell as a capture writes it: blank, a code of the item's scale, or the label of
/// one of its declared missing answers. Rows that fail are kept in ``problems`` with their line
/// and reason; a row that repeats an earlier row of the file is kept in ``repeats``.
///
/// ```swift
/// let export = try CaptureExport(path: "form-export.csv", catalogue: .builtIn)
/// guard export.problems.isEmpty else { … }
/// let target = try CaptureTarget(merging: export, into: "visits.csv")
/// let merged = try target.merge(export)
/// ```
public struct CaptureExport: Sendable {
  /// One row of the file, with its cells in the order of ``layout``'s header.
  public struct Row: Sendable, Hashable {
    /// The row's line in the file (1-based).
    public var line: Int
    /// The cells, in the order of the layout's header.
    public var cells: [String]

    /// Creates a row.
    public init(line: Int, cells: [String]) {
      self.line = line
      self.cells = cells
    }
  }

  /// A row that cannot be merged, and why.
  public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The row's line in the file (1-based).
    public var line: Int
    /// The column at fault, if one is.
    public var column: String?
    /// What is wrong, starting lowercase and quoting the value.
    public var message: String

    /// Creates a problem.
    public init(line: Int, column: String?, message: String) {
      self.line = line
      self.column = column
      self.message = message
    }

    /// `line 4, column 'ons-loneliness.lonely': '7' is not …`.
    public var description: String {
      "line \(line)" + (column.map { ", column '\(excerpt($0))'" } ?? "") + ": \(message)"
    }
  }

  /// A row that repeats an earlier row of the same file.
  public struct Repeat: Sendable, Hashable {
    /// The repeating row's line.
    public var line: Int
    /// The line of the row it repeats.
    public var earlierLine: Int

    /// Creates a repeat.
    public init(line: Int, earlierLine: Int) {
      self.line = line
      self.earlierLine = earlierLine
    }
  }

  /// The file, as given.
  public let path: String
  /// The file's columns as a capture file layout: its instruments and its other columns.
  public let layout: CaptureFileLayout
  /// The rows that can be merged, in file order, without repeats.
  public let rows: [Row]
  /// Why rows cannot be merged, each row's problems together, at most ``maximumProblems``.
  public let problems: [Problem]
  /// How many rows cannot be merged, including any whose problems are beyond
  /// ``maximumProblems``.
  public let problemCount: Int
  /// Rows that repeat an earlier row of the file.
  public let repeats: [Repeat]

  /// The most problems kept: 1,000.
  public static let maximumProblems = 1000
  /// The largest file read: 64 MiB, some 400,000 responses to a dozen items.
  public static let maximumBytes = 1 << 26

  /// Reads and checks the file at `path`.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - catalogue: The instruments whose items its columns may name.
  ///   - displayPath: How messages name the file; `path` by default.
  /// - Throws: ``CaptureExportError`` when the file is too large, is a workbook or other binary
  ///   file, is empty, or its header is not a capture file's; `FileSystemError` or `CSVError`
  ///   when it cannot be read.
  /// - Complexity: O(*n*) in the size of the file.
  public init(path: String, catalogue: InstrumentCatalogue, displayPath: String? = nil) throws {
    let shown = displayPath ?? path
    if pathKind(path) == .other {
      throw CaptureExportError(
        path: shown,
        message: "'\(shown)' is not a regular file (it is a FIFO, a device or a socket)",
        hint: "merge the CSV file the form downloaded"
      )
    }
    let size = regularFileSize(path) ?? 0
    guard size <= Self.maximumBytes else {
      throw CaptureExportError(
        path: shown,
        message: "'\(shown)' has \(size) bytes, more than the \(Self.maximumBytes) a merge reads",
        hint: "split it into smaller files and merge each"
      )
    }
    if pathKind(path) == .file {
      let leading = try CSVReader.leadingBytes(ofFile: path, count: FileContentKind.sampleSize)
      let kind = FileContentKind(leadingBytes: leading)
      if kind != .text {
        throw CaptureExportError(
          path: shown,
          message: "'\(shown)' is "
            + (kind == .zipArchive ? "an Excel workbook or another ZIP archive" : "not a text file")
            + ", not a CSV file in the capture file format",
          hint: "merge the CSV file the form downloaded, as it was downloaded"
        )
      }
    }
    let reader = try CSVReader(
      contentsOfFile: path,
      options: CSVReader.Options(delimiter: .comma, encoding: .utf8)
    )
    try self.init(reader: reader, path: shown, catalogue: catalogue)
  }

  /// Reads and checks `bytes`, named `name` in messages.
  ///
  /// - Throws: As ``init(path:catalogue:displayPath:)``.
  /// - Complexity: O(*n*) in the number of bytes.
  public init(bytes: [UInt8], name: String, catalogue: InstrumentCatalogue) throws {
    guard bytes.count <= Self.maximumBytes else {
      throw CaptureExportError(
        path: name,
        message: "'\(name)' has \(bytes.count) bytes, more than the \(Self.maximumBytes) a merge "
          + "reads",
        hint: "split it into smaller files and merge each"
      )
    }
    let reader = CSVReader(
      bytes: bytes,
      options: CSVReader.Options(delimiter: .comma, encoding: .utf8)
    )
    try self.init(reader: reader, path: name, catalogue: catalogue)
  }

  private init(reader: CSVReader, path: String, catalogue: InstrumentCatalogue) throws {
    self.path = path
    var header: HeaderPlan?
    var rows: [Row] = []
    var problems: [Problem] = []
    var problemCount = 0
    var repeats: [Repeat] = []
    var lineOfCells: [[String]: Int] = [:]
    try reader.forEachRecord { record in
      if record.index == 0 {
        header = try HeaderPlan(record.strings(), path: path, catalogue: catalogue)
        return
      }
      guard let header else { return }
      let found = header.check(record)
      if !found.problems.isEmpty {
        problemCount += 1
        problems += found.problems.prefix(max(0, Self.maximumProblems - problems.count))
        return
      }
      if let earlier = lineOfCells[found.cells] {
        repeats.append(Repeat(line: record.lineNumber, earlierLine: earlier))
        return
      }
      lineOfCells[found.cells] = record.lineNumber
      rows.append(Row(line: record.lineNumber, cells: found.cells))
    }
    guard let header else {
      throw CaptureExportError(
        path: path,
        message: "'\(path)' is empty: it has no header",
        hint: "merge the CSV file the form downloaded"
      )
    }
    layout = header.layout
    self.rows = rows
    self.problems = problems
    self.problemCount = problemCount
    self.repeats = repeats
  }
}

/// How the header of a file to merge maps onto a capture file layout, and how its rows are
/// checked.
private struct HeaderPlan {
  var layout: CaptureFileLayout
  /// For each column of the layout's header, its position in the file.
  var sourceColumn: [Int]
  var fileColumnCount: Int
  /// For each item column of the layout, in order, the matcher of its scale.
  var matchers: [AnswerMatcher]

  init(_ columns: [String], path: String, catalogue: InstrumentCatalogue) throws {
    func refuse(_ message: String, _ hint: String?) -> CaptureExportError {
      CaptureExportError(path: path, message: "the header of '\(path)' \(message)", hint: hint)
    }
    let formatHint =
      "a capture file's header is respondent_id, captured_at, any --set columns, one "
      + "INSTRUMENT.ITEM column per item, then status"
    var seen: Set<String> = []
    for column in columns where !seen.insert(column).inserted {
      throw refuse("has the column '\(excerpt(column))' twice", formatHint)
    }
    for required in [
      CaptureFileLayout.respondentColumn, CaptureFileLayout.capturedAtColumn,
      CaptureFileLayout.statusColumn,
    ] where !seen.contains(required) {
      throw refuse("has no '\(required)' column, so it is not a capture file", formatHint)
    }
    var instruments: [Instrument] = []
    var extras: [String] = []
    for column in columns {
      if [
        CaptureFileLayout.respondentColumn, CaptureFileLayout.capturedAtColumn,
        CaptureFileLayout.statusColumn,
      ].contains(column) {
        continue
      }
      guard let dot = column.firstIndex(of: ".") else {
        extras.append(column)
        continue
      }
      let instrumentName = String(column[..<dot])
      let itemName = String(column[column.index(after: dot)...])
      guard let instrument = catalogue.instrument(withID: InstrumentID(rawValue: instrumentName))
      else {
        throw refuse(
          "names the item '\(excerpt(column))' of an instrument '\(excerpt(instrumentName))' "
            + "that is not loaded",
          "give the instrument's file with --instruments, as when the form was made"
        )
      }
      guard instrument.item(withID: ItemID(rawValue: itemName)) != nil else {
        throw refuse(
          "names the item '\(excerpt(itemName))', which \(instrument.id) does not have",
          "its items are "
            + instrument.items.map { "\(instrument.id).\($0.id)" }.joined(separator: ", ")
        )
      }
      if !instruments.contains(where: { $0.id == instrument.id }) { instruments.append(instrument) }
    }
    for instrument in instruments {
      let lacking = instrument.items.map { "\(instrument.id).\($0.id)" }.filter {
        !seen.contains($0)
      }
      if !lacking.isEmpty {
        throw refuse(
          "has only some of the items of \(instrument.id): it lacks "
            + lacking.map { "'\($0)'" }.joined(separator: ", "),
          "a capture file has a column for every item of each instrument"
        )
      }
    }
    do {
      layout = try CaptureFileLayout(instruments: instruments, extraColumns: extras)
    } catch {
      // An extra column the layout refuses (an empty name, one that looks like an item): the
      // header's fault, named with the file.
      throw refuse("is not a capture file's: \(error.message)", error.hint ?? formatHint)
    }
    let position = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { $1 })
    sourceColumn = layout.header.map { position[$0] ?? 0 }
    fileColumnCount = columns.count
    matchers = instruments.flatMap { instrument in
      instrument.items.map { item in
        AnswerMatcher(
          scale: instrument.scale(for: item) ?? ResponseScale(id: item.scale, options: [])
        )
      }
    }
  }

  /// The row's cells in layout order, or why it cannot be merged.
  func check(_ record: borrowing CSVRecord) -> (cells: [String], problems: [CaptureExport.Problem])
  {
    let line = record.lineNumber
    guard record.count == fileColumnCount else {
      return (
        [],
        [
          CaptureExport.Problem(
            line: line,
            column: nil,
            message: "the row has \(counted(record.count, "field")), the header "
              + "\(counted(fileColumnCount, "column"))"
          )
        ]
      )
    }
    let cells = sourceColumn.map { record.string(at: $0) }
    let header = layout.header
    var problems: [CaptureExport.Problem] = []
    if cells[0].allSatisfy(\.isWhitespace) {
      problems.append(
        .init(line: line, column: header[0], message: "the respondent id is blank")
      )
    }
    if !isISO8601UTC(cells[1]) {
      problems.append(
        .init(
          line: line,
          column: header[1],
          message: "'\(excerpt(cells[1]))' is not a time in ISO 8601 UTC, such as "
            + "2025-03-07T14:05:09Z"
        )
      )
    }
    let firstItem = 2 + layout.extraColumns.count
    for (offset, matcher) in matchers.enumerated() {
      let cell = cells[firstItem + offset]
      let answer = matcher.answer(for: cell)
      if let answer, CaptureFileLayout.cell(for: answer, on: matcher.scale) == cell { continue }
      let codes = matcher.scale.options.map { String($0.code) }
      let choices =
        ["blank", "a code (" + listed(codes, "or") + ")"]
        + matcher.scale.missingAnswers.map { "'\($0.label)'" }
      let expected = listed(choices, "or")
      let written = answer.map {
        "; a capture writes it as '\(CaptureFileLayout.cell(for: $0, on: matcher.scale))'"
      }
      problems.append(
        .init(
          line: line,
          column: header[firstItem + offset],
          message: "'\(excerpt(cell))' is not an answer as a capture file holds it: expected "
            + expected + (written ?? "")
        )
      )
    }
    let status = cells[cells.count - 1]
    if CaptureStatus(rawValue: status) == nil {
      problems.append(
        .init(
          line: line,
          column: header[header.count - 1],
          message: "'\(excerpt(status))' is not a status; expected complete or partial"
        )
      )
    }
    return (cells, problems)
  }
}

/// `a, b or c`.
private func listed(_ items: [String], _ conjunction: String) -> String {
  guard let last = items.last else { return "" }
  return items.count == 1
    ? last : items.dropLast().joined(separator: ", ") + " \(conjunction) \(last)"
}

/// Whether `text` is a time as captures write it: `YYYY-MM-DDTHH:MM:SSZ`, with a real date.
func isISO8601UTC(_ text: String) -> Bool {
  let bytes = Array(text.utf8)
  guard bytes.count == 20 else { return false }
  let pattern = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
  for (byte, expected) in zip(bytes, pattern) {
    if expected == UInt8(ascii: "d") {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
    } else if byte != expected {
      return false
    }
  }
  func number(_ range: Range<Int>) -> Int {
    bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
  }
  let year = number(0..<4)
  let month = number(5..<7)
  let day = number(8..<10)
  guard (1...12).contains(month), day >= 1 else { return false }
  let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return day <= days && number(11..<13) < 24 && number(14..<16) < 60 && number(17..<19) < 60
}

/// A file that cannot be merged as a whole: not a capture file, or too large.
public struct CaptureExportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file, as given.
  public var path: String
  /// What is wrong, starting lowercase.
  public var message: String
  /// What to do, when known.
  public var hint: String?

  /// Creates the error.
  public init(path: String, message: String, hint: String?) {
    self.path = path
    self.message = message
    self.hint = hint
  }

  /// `message`, then `hint: …` on a second line when there is a hint.
  public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }
}

extension CaptureTarget {
  /// Checks the capture file at `path` for the rows of `export`: its instruments and other
  /// columns, as a capture of them would.
  ///
  /// - Throws: As ``init(path:instruments:extraColumns:)``.
  /// - Complexity: O(*h*) in the length of the file's header.
  public init(merging export: CaptureExport, into path: String) throws {
    try self.init(
      path: path,
      instruments: export.layout.instruments,
      extraColumns: export.layout.extraColumns.map { ($0, "") }
    )
  }

  /// Appends the rows of `export` that the capture file does not have yet, in one durable write
  /// under the capture lock (see ``DurableAppend/appendRows(header:to:writer:acceptedFileColumns:choosing:)``),
  /// so that merges and captures at the same time neither lose nor repeat a row.
  ///
  /// A row the file already has (the same respondent id, capture time and answers) is skipped.
  /// A row with the same respondent id and time but other answers is a conflict: nothing is
  /// merged.
  ///
  /// - Parameter export: A checked export with no problems, whose layout this target was made
  ///   for (``init(merging:into:)``).
  /// - Returns: What was added and what was skipped.
  /// - Throws: ``CaptureMergeError`` when the export has problems or rows conflict with the file,
  ///   or the file cannot be read; ``CaptureFileError`` when it cannot take the rows. Nothing is
  ///   written then.
  /// - Complexity: O(*n* + *m*) in the sizes of the file and the export.
  public func merge(_ export: CaptureExport) throws -> CaptureMergeResult {
    guard export.problemCount == 0 else {
      throw CaptureMergeError(
        kind: .problemsInExport(export.problemCount),
        path: export.path,
        message: "\(counted(export.problemCount, "row")) of '\(export.path)' cannot be merged",
        hint: "correct them and merge again; rows already merged are skipped"
      )
    }
    var added: [CaptureExport.Row] = []
    var skipped: [CaptureMergeResult.Skipped] = []
    let header = export.layout.header
    let receipt = try DurableAppend.appendRows(
      header: header,
      to: path,
      acceptedFileColumns: acceptedColumns
    ) { bytes in
      added = []
      skipped = []
      let existing = try ExistingRows(bytes, path: path, keys: Set(export.rows.map(\.key)))
      var conflicts: [CaptureMergeError.Conflict] = []
      let itemColumns = export.layout.itemColumns
      let firstItem = 2 + export.layout.extraColumns.count
      for row in export.rows {
        let answers = Array(row.cells[firstItem..<(firstItem + itemColumns.count)])
        let matches = existing.rows[row.key] ?? []
        if let same = matches.first(where: { $0.answers(for: itemColumns) == answers }) {
          skipped.append(.init(row: row, fileLine: same.line))
        } else if let other = matches.first {
          conflicts.append(.init(exportLine: row.line, fileLine: other.line))
        } else {
          added.append(row)
        }
      }
      if !conflicts.isEmpty {
        throw CaptureMergeError(
          kind: .conflicts(conflicts),
          path: export.path,
          message: "\(counted(conflicts.count, "row")) of '\(export.path)' "
            + "\(conflicts.count == 1 ? "has" : "have") the respondent id and time of a row of "
            + "'\(path)' but other answers",
          hint: "check which answers are right; nothing was merged"
        )
      }
      return added.map(\.cells)
    }
    return CaptureMergeResult(added: added, skipped: skipped, receipt: receipt)
  }
}

extension CaptureExport.Row {
  /// The respondent id and capture time.
  var key: RowKey {
    RowKey(respondent: cells.first ?? "", capturedAt: cells.count > 1 ? cells[1] : "")
  }
}

/// A respondent id and capture time.
struct RowKey: Hashable {
  var respondent: String
  var capturedAt: String
}

/// The rows of a capture file whose respondent id and time are among `keys`.
private struct ExistingRows {
  struct Row {
    var line: Int
    var cellOfColumn: [String: String]

    func answers(for columns: [String]) -> [String] { columns.map { cellOfColumn[$0] ?? "" } }
  }

  var rows: [RowKey: [Row]] = [:]

  init(_ bytes: [UInt8], path: String, keys: Set<RowKey>) throws(CaptureMergeError) {
    guard !bytes.isEmpty else { return }
    let reader = CSVReader(
      bytes: bytes,
      options: CSVReader.Options(delimiter: .comma, encoding: .utf8)
    )
    var columns: [String] = []
    var found: [RowKey: [Row]] = [:]
    do {
      try reader.forEachRecord { record in
        if record.index == 0 {
          columns = record.strings()
          return
        }
        let cells = record.strings()
        var cellOfColumn: [String: String] = [:]
        for (column, cell) in zip(columns, cells) { cellOfColumn[column] = cell }
        let key = RowKey(
          respondent: cellOfColumn[CaptureFileLayout.respondentColumn] ?? "",
          capturedAt: cellOfColumn[CaptureFileLayout.capturedAtColumn] ?? ""
        )
        guard keys.contains(key) else { return }
        found[key, default: []].append(Row(line: record.lineNumber, cellOfColumn: cellOfColumn))
      }
    } catch {
      throw CaptureMergeError(
        kind: .unreadableFile,
        path: path,
        message: "'\(path)' cannot be read to look for rows it already has: \(error)",
        hint: "nothing was merged; repair the file, or merge into a new one"
      )
    }
    rows = found
  }
}

/// What a merge added and skipped.
public struct CaptureMergeResult: Sendable {
  /// A row that was not added because the capture file already has it.
  public struct Skipped: Sendable, Hashable {
    /// The row of the export.
    public var row: CaptureExport.Row
    /// The line of the capture file that has it.
    public var fileLine: Int

    /// Creates a skipped row.
    public init(row: CaptureExport.Row, fileLine: Int) {
      self.row = row
      self.fileLine = fileLine
    }
  }

  /// The rows added, in export order.
  public var added: [CaptureExport.Row]
  /// The rows the file already had.
  public var skipped: [Skipped]
  /// What the durable append did.
  public var receipt: DurableAppend.Receipt

  /// Creates a result.
  public init(added: [CaptureExport.Row], skipped: [Skipped], receipt: DurableAppend.Receipt) {
    self.added = added
    self.skipped = skipped
    self.receipt = receipt
  }
}

/// A merge that was refused, with nothing written.
public struct CaptureMergeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A row of the export whose respondent id and time a row of the file has with other answers.
  public struct Conflict: Sendable, Hashable {
    /// The line of the export.
    public var exportLine: Int
    /// The line of the capture file.
    public var fileLine: Int

    /// Creates a conflict.
    public init(exportLine: Int, fileLine: Int) {
      self.exportLine = exportLine
      self.fileLine = fileLine
    }
  }

  /// Why the merge was refused.
  public enum Kind: Sendable, Hashable {
    /// This many rows of the export cannot be merged (see ``CaptureExport/problems``).
    case problemsInExport(Int)
    /// Rows of the export conflict with rows of the file.
    case conflicts([Conflict])
    /// The capture file could not be read as CSV.
    case unreadableFile
  }

  /// Why.
  public var kind: Kind
  /// The file at fault.
  public var path: String
  /// What is wrong, starting lowercase.
  public var message: String
  /// What to do.
  public var hint: String?

  /// Creates the error.
  public init(kind: Kind, path: String, message: String, hint: String?) {
    self.kind = kind
    self.path = path
    self.message = message
    self.hint = hint
  }

  /// `message`, then `hint: …` on a second line when there is a hint.
  public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }
}
