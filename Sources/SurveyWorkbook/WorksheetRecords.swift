public import SurveyCSV

/// The rows of one worksheet as records, read from the start each time they are asked for.
///
/// Reading streams the worksheet's part: it is decompressed in pieces of 256 KiB and parsed row
/// by row, each row lent as a `CSVRecord` whose fields are the cells' texts (see ``Workbook``)
/// and whose `lineNumber` is the row's number in the sheet; `index` counts the records lent, as
/// for a CSV file.
///
/// The first rows are read on the caller's thread, so that reading a header costs little. For a
/// large worksheet, the rest is decompressed and parsed on a second thread, a few batches of rows
/// ahead of the caller, while the caller works through the rows already parsed; if the caller
/// stops early or throws, the second thread stops before `readRecords(while:)` returns.
///
/// Memory holds the piece being parsed, the decompressor's 32 KiB window, and at most four
/// batches of about 1 MiB of parsed rows, whatever the number of rows.
public struct WorksheetRecords: Sendable {
  /// The sheet being read.
  public let sheet: Workbook.Sheet

  /// Rows with fewer fields are padded with blank fields to this many.
  public var minimumFieldCount: Int

  private let archive: ZipArchive
  private let entry: ZipEntry
  private let sharedStrings: SharedStrings
  private let dateKinds: [DateFormatKind]
  private let usesDate1904: Bool

  /// Rows read on the caller's thread before the rest of a large sheet moves to a second thread.
  static let rowsReadFirst = 64

  /// The decompressed size from which a sheet is read on a second thread: 4 MiB (about 10,000
  /// rows of 20 answers).
  static let sizeReadAlongside = 4 << 20

  init(
    sheet: Workbook.Sheet,
    archive: ZipArchive,
    entry: ZipEntry,
    sharedStrings: SharedStrings,
    dateKinds: [DateFormatKind],
    usesDate1904: Bool,
    minimumFieldCount: Int
  ) {
    self.sheet = sheet
    self.archive = archive
    self.entry = entry
    self.sharedStrings = sharedStrings
    self.dateKinds = dateKinds
    self.usesDate1904 = usesDate1904
    self.minimumFieldCount = minimumFieldCount
  }

  /// Calls `body` with each record of the sheet, in order.
  ///
  /// The worksheet's size and CRC-32 are checked once the whole part has been read, so a
  /// damaged part may fail after some records were handed out.
  ///
  /// - Throws: ``WorkbookError`` when the part is damaged or is not a worksheet, and anything
  ///   `body` throws.
  /// - Complexity: O(*n*) in the size of the worksheet.
  public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
    try readRecords { record in
      try body(record)
      return true
    }
  }

  /// Calls `body` with each record of the sheet, in order, until it returns `false`.
  ///
  /// - Throws: ``WorkbookError`` when the part is damaged or is not a worksheet, and anything
  ///   `body` throws.
  /// - Complexity: O(*n*) in the size of the worksheet up to the last record read.
  public func readRecords(while body: (borrowing CSVRecord) throws -> Bool) throws {
    var reading = WorksheetReading(
      stream: try archive.stream(entry),
      parser: WorksheetParser(
        entry: entry.name,
        sheetName: sheet.name,
        sharedStrings: sharedStrings,
        dateKinds: dateKinds,
        uses1904: usesDate1904,
        limits: archive.limits
      )
    )
    var lender = RecordLender(minimumFieldCount: minimumFieldCount)
    var batch = RowBatch()
    let rowsOnThisThread = entry.size >= Self.sizeReadAlongside ? Self.rowsReadFirst : Int.max
    while lender.index < rowsOnThisThread {
      try reading.fill(&batch, maximumRows: 1, maximumBytes: Int.max)
      if batch.rowEnds.isEmpty { return }
      if try !lender.lend(batch, to: body) { return }
    }
    try readAlongside(reading, lender: &lender, body: body)
  }

  /// Reads the rest of the sheet on a second thread, lending its rows to `body` here.
  private func readAlongside(
    _ reading: WorksheetReading,
    lender: inout RecordLender,
    body: (borrowing CSVRecord) throws -> Bool
  ) throws {
    let channel = BatchChannel(capacity: 3)
    channel.startProducing(reading) { reading, batch throws(WorkbookError) in
      try reading.fill(&batch, maximumRows: 4096, maximumBytes: 1 << 20)
    }
    defer { channel.stopAndWait() }
    while true {
      let batch = try channel.receive().get()
      if batch.rowEnds.isEmpty { return }
      if try !lender.lend(batch, to: body) { return }
      channel.recycle(batch)
    }
  }
}

/// Parsed rows handed from the reading to the caller: the cells' texts of several rows end to
/// end, their fields, and where each row's fields end.
struct RowBatch: Sendable {
  var bytes: [UInt8] = []
  var fields: [FieldRange] = []
  /// For each row, the end of its fields in `fields`.
  var rowEnds: [Int] = []
  /// For each row, its number in the sheet.
  var rowNumbers: [Int] = []

  mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    fields.removeAll(keepingCapacity: true)
    rowEnds.removeAll(keepingCapacity: true)
    rowNumbers.removeAll(keepingCapacity: true)
  }
}

/// Lends the rows of batches to a caller as records, padded to a width.
struct RecordLender {
  let minimumFieldCount: Int
  /// The number of records lent so far.
  private(set) var index = 0
  private var rowFields: [FieldRange] = []

  init(minimumFieldCount: Int) {
    self.minimumFieldCount = minimumFieldCount
  }

  /// Lends each row of `batch`; returns `false` as soon as `body` does.
  mutating func lend(
    _ batch: RowBatch,
    to body: (borrowing CSVRecord) throws -> Bool
  ) rethrows
    -> Bool
  {
    var start = 0
    for (row, end) in batch.rowEnds.enumerated() {
      rowFields.removeAll(keepingCapacity: true)
      rowFields.append(contentsOf: batch.fields[start..<end])
      start = end
      let padding = minimumFieldCount - rowFields.count
      if padding > 0 {
        let blank = FieldRange(start: 0, end: 0, needsUnescape: false)
        rowFields.append(contentsOf: repeatElement(blank, count: padding))
      }
      let shouldContinue: Bool
      do {
        let record = CSVRecord(
          buffer: batch.bytes,
          fields: rowFields,
          lineNumber: batch.rowNumbers[row],
          index: index
        )
        shouldContinue = try body(record)
      }
      index += 1
      if !shouldContinue { return false }
    }
    return true
  }
}
