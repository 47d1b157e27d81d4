import SurveyCSV
public import SurveyInstruments
import SurveyPlatform
import SurveyWorkbook

/// A capture file made ready to receive one session's row, checked before any question is
/// asked: what `loneliness capture` and an app that asks the questions itself both need.
///
/// ```swift
/// let target = try CaptureTarget(path: "visits.csv", instruments: [ons], extraColumns: [("worker", "AB")])
/// // … ask the questions with a CaptureSession …
/// let saved = try target.save(session.response, respondentID: "C-0042", status: .complete)
/// ```
///
/// Saving is the durable append of ``DurableAppend``: the whole row or nothing, flushed to disk,
/// locked against other captures.
public struct CaptureTarget: Sendable {
  /// The capture file.
  public let path: String
  /// The columns this capture writes, and how a response becomes a row.
  public let layout: CaptureFileLayout
  /// The `--set`-style columns and their values, written on every row of this capture.
  public let extraValues: [String: String]
  /// Whether the file is new, matches, or will gain columns.
  public let state: DurableAppend.FileState
  /// The file's columns when it was checked (empty for a new file).
  public let acceptedColumns: [String]

  /// Checks `path` for a capture of `instruments` with `extraColumns` (name and value).
  ///
  /// - Throws: `CaptureLayoutError` for an extra column that clashes with an item column;
  ///   ``CaptureFileError`` for a file that is not a CSV file (a workbook or other binary file,
  ///   which is never read as text), not a regular file, has a column this capture would leave
  ///   out, or cannot be read or gain columns.
  /// - Complexity: O(*h*) in the length of the file's header.
  public init(
    path: String,
    instruments: [Instrument],
    extraColumns: [(name: String, value: String)] = []
  ) throws {
    layout = try CaptureFileLayout(instruments: instruments, extraColumns: extraColumns.map(\.name))
    extraValues = Dictionary(extraColumns.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    self.path = path
    if pathKind(path) == .file,
      let leading = try? CSVReader.leadingBytes(ofFile: path, count: FileContentKind.sampleSize)
    {
      let kind = FileContentKind(leadingBytes: leading)
      if kind != .text {
        let what =
          kind == .zipArchive ? "an Excel workbook or another ZIP archive" : "not a text file"
        throw CaptureFileError(
          kind: .notACSVFile,
          path: path,
          message: "'\(path)' is \(what), and captures are appended to a CSV file",
          hint: "capture into a new .csv file, or into one an earlier capture made; "
            + "'\(path)' was not changed"
        )
      }
    }
    state = try DurableAppend.inspect(path, header: layout.header)
    acceptedColumns = try DurableAppend.existingColumns(path)
  }

  /// The lines of the file that already hold a row for `respondentID` with this capture's extra
  /// values: often a mistyped id, worth a word before the first question.
  ///
  /// - Complexity: O(*n*) in the size of the file.
  public func earlierRows(of respondentID: String) throws -> [Int] {
    guard state != .new else { return [] }
    return try CaptureFileLayout.linesHolding(
      respondentID: respondentID,
      attributes: extraValues,
      inFile: path
    )
  }

  /// What a save wrote.
  public struct Saved: Sendable {
    /// What the durable append did (columns added, line ending restored).
    public var receipt: DurableAppend.Receipt
    /// The row, in the columns of ``CaptureFileLayout/header``.
    public var row: [String]
  }

  /// Appends `response` as one row, durably.
  ///
  /// - Parameters:
  ///   - response: The answers (and attributes) to save.
  ///   - respondentID: The row's respondent id.
  ///   - status: Complete, or partial for a session ended early.
  ///   - capturedAt: The time to record, ISO 8601 in UTC; `nil` (the default) for now.
  /// - Returns: What was written.
  /// - Throws: ``CaptureFileError`` when the row cannot be appended; the file is then unchanged,
  ///   and ``row(for:respondentID:status:capturedAt:)`` gives the row to keep.
  /// - Complexity: O(*r* + *h*), or O(*n*) in the size of the file when columns are added.
  public func save(
    _ response: Response,
    respondentID: String,
    status: CaptureStatus,
    capturedAt: String? = nil
  ) throws(CaptureFileError) -> Saved {
    let row = row(
      for: response,
      respondentID: respondentID,
      status: status,
      capturedAt: capturedAt ?? iso8601UTC(secondsSinceEpoch: secondsSinceUnixEpoch())
    )
    let receipt = try DurableAppend.append(
      row,
      header: layout.header,
      to: path,
      acceptedFileColumns: acceptedColumns
    )
    return Saved(receipt: receipt, row: row)
  }

  /// The row a save would write, in the columns of the layout's header.
  public func row(
    for response: Response,
    respondentID: String,
    status: CaptureStatus,
    capturedAt: String
  ) -> [String] {
    layout.row(for: response, respondentID: respondentID, capturedAt: capturedAt, status: status)
  }
}
