import SurveyCSV

/// A worksheet being read: its decompressing stream, the parser, and where the parser is.
///
/// A value, so that it can be moved to the thread that reads ahead.
struct WorksheetReading: Sendable {
  private var stream: EntryStream
  private var parser: WorksheetParser
  private var position = 0
  private var isFinished = false
  /// An error met after some rows of a batch: those rows are handed out first.
  private var pendingError: WorkbookError?

  init(stream: EntryStream, parser: WorksheetParser) {
    self.stream = stream
    self.parser = parser
  }

  /// Replaces the contents of `batch` with the next rows that have a value: up to
  /// `maximumRows` rows, or until their texts and fields take `maximumBytes`; none at the end
  /// of the sheet.
  ///
  /// - Throws: `WorkbookError` when the worksheet is damaged or not SpreadsheetML; the rows
  ///   before the fault are handed out first, and the next call throws.
  /// - Complexity: O(*n*) in the number of bytes read.
  mutating func fill(
    _ batch: inout RowBatch,
    maximumRows: Int,
    maximumBytes: Int
  ) throws(WorkbookError) {
    batch.removeAll()
    if let pendingError { throw pendingError }
    swap(&parser.rowBytes, &batch.bytes)
    swap(&parser.fields, &batch.fields)
    parser.rowByteStart = 0
    parser.rowFieldStart = 0
    defer {
      // Rows parsed only in part are dropped: the parse restarts at the row's start.
      parser.rowBytes.removeSubrange(parser.rowByteStart...)
      parser.fields.removeSubrange(parser.rowFieldStart...)
      swap(&parser.rowBytes, &batch.bytes)
      swap(&parser.fields, &batch.fields)
    }
    // Fields count too, so that a batch of sparse rows (one cell in column XFD) is bounded.
    let fieldSize = MemoryLayout<FieldRange>.stride
    while batch.rowEnds.count < maximumRows
      && parser.rowBytes.count + parser.fields.count * fieldSize < maximumBytes
    {
      do {
        guard try nextRow() else { return }
      } catch {
        guard batch.rowEnds.isEmpty else {
          pendingError = error
          return
        }
        throw error
      }
      batch.rowEnds.append(parser.fields.count)
      batch.rowNumbers.append(parser.rowNumber)
      parser.rowByteStart = parser.rowBytes.count
      parser.rowFieldStart = parser.fields.count
    }
  }

  /// Parses the next row with a value, appending it to the parser's buffers; returns `false`
  /// at the end of the sheet, once the rest of the part has been read and checked.
  private mutating func nextRow() throws(WorkbookError) -> Bool {
    guard !isFinished else { return false }
    let limits = parser.limits
    while true {
      let step = try stream.withBytes { bytes throws(WorkbookError) in
        try parser.step(bytes, position: &position)
      }
      switch step {
      case .row:
        return true
      case .needsMoreInput:
        if stream.isAtEnd {
          throw WorkbookError.invalid(
            parser.entry,
            row: parser.rowNumber + 1,
            parser.phase == .beforeSheetData
              ? "the sheet '\(parser.sheetName)' (\(parser.entry)) has no cell data (<sheetData>)"
              : "the sheet '\(parser.sheetName)' (\(parser.entry)) ends in the middle of its XML, after row \(parser.rowNumber)"
          )
        }
        if stream.count - position > limits.maximumRowSize {
          throw WorkbookError(
            kind: .limitExceeded,
            entry: parser.entry,
            row: parser.rowNumber + 1,
            message:
              "in the sheet '\(parser.sheetName)' (\(parser.entry)), the row after row \(parser.rowNumber) is longer than \(ZipArchive.describe(bytes: limits.maximumRowSize))",
            hint: WorkbookError.saveAsHint
          )
        }
        position -= try stream.fill(keepingFrom: position, adding: 1 << 18)
      case .finished:
        // Read the rest of the part, so that its size and checksum are checked.
        while !stream.isAtEnd {
          try stream.fill(keepingFrom: stream.count, adding: 1 << 18)
        }
        isFinished = true
        return false
      }
    }
  }
}
