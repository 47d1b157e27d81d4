public import SurveyCSV
import SurveyInstruments
public import SurveyWorkbook

/// Where an export's records come from once its format is known: the rows of a CSV file, or the
/// rows of one worksheet of an Excel workbook.
///
/// Both hand out `CSVRecord`s, so that dialect detection, header rows, column matching and the
/// listing of problems are the same for both. A worksheet's record has the row's number in the
/// sheet as its `lineNumber`.
public enum ExportRecords: Sendable {
  /// A CSV (or TSV) file, with its encoding and delimiter settled.
  case csv(CSVReader)
  /// A worksheet; `file` names the workbook in errors.
  case worksheet(WorksheetRecords, file: String?)

  /// Calls `body` with each record, in order, until it returns `false`.
  ///
  /// - Throws: `CSVError` when a CSV file cannot be read, ``ImportError`` of kind
  ///   `unreadableWorkbook` when a worksheet is damaged, and anything `body` throws.
  /// - Complexity: O(*n*) in the size of the input up to the last record read.
  public func readRecords(while body: (borrowing CSVRecord) throws -> Bool) throws {
    switch self {
    case .csv(let reader):
      try reader.readRecords(while: body)
    case .worksheet(let records, let file):
      do {
        try records.readRecords(while: body)
      } catch let error as WorkbookError {
        throw ImportError(workbookError: error, file: file)
      }
    }
  }

  /// Calls `body` with each record, in order.
  ///
  /// - Throws: As ``readRecords(while:)``.
  /// - Complexity: O(*n*) in the size of the input.
  public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
    try readRecords { record in
      try body(record)
      return true
    }
  }

  /// The CSV reader, for a CSV file.
  public var csvReader: CSVReader? {
    if case .csv(let reader) = self { return reader }
    return nil
  }

  /// The field delimiter of a CSV file; comma for a worksheet (for writing its rows as CSV).
  public var delimiter: CSVDelimiter { csvReader?.delimiter ?? .comma }

  /// Whether output written from these records should start with a UTF-8 byte order mark: when
  /// the CSV file had one, and for a worksheet, so that Excel opens the output as UTF-8.
  public var writesByteOrderMark: Bool { csvReader?.hasByteOrderMark ?? true }

  /// The same records, with a worksheet's rows padded with blank fields to `count` (a worksheet
  /// does not store trailing blank cells; a CSV file's records are left as they are).
  func padded(to count: Int) -> ExportRecords {
    guard case .worksheet(var records, let file) = self else { return self }
    records.minimumFieldCount = count
    return .worksheet(records, file: file)
  }
}

/// Which sheet of a workbook an export was read from, and which others it has.
public struct WorkbookSheetChoice: Sendable, Hashable {
  /// The sheet read.
  public var sheet: Workbook.Sheet
  /// Every sheet of the workbook, in order.
  public var sheets: [Workbook.Sheet]
  /// Whether the sheet was named (`--sheet`) rather than read as the workbook's first
  /// worksheet.
  public var isNamed: Bool

  /// The sheets other than the one read.
  public var otherSheets: [Workbook.Sheet] { sheets.filter { $0.number != sheet.number } }
}

extension ImportError {
  /// The import error for a workbook that cannot be read.
  init(workbookError error: WorkbookError, file: String?) {
    self.init(
      kind: error.kind == .unsupportedFormat ? .unsupportedFile : .unreadableWorkbook,
      file: file,
      message: error.message,
      hint: error.hint
    )
  }
}

extension ExportSource {
  /// Reads the start of the input, refuses what is not a survey export (a PDF, an old `.xls`,
  /// an encrypted workbook, binary data, a ZIP without a workbook), and opens a CSV reader or the
  /// chosen worksheet.
  ///
  /// A file is judged by its content, never by its name: a workbook named `.csv` is read as a
  /// workbook, and a binary file is never read as text.
  ///
  /// - Throws: `CSVError` when the file cannot be read; ``ImportError`` of kind
  ///   `unsupportedFile` or `unreadableWorkbook` for a file that cannot be read as an export,
  ///   and of kind `unknownSheet` (a command-line error) for a sheet the workbook does not have,
  ///   or for a sheet named for a CSV file.
  /// - Complexity: O(*n*) in the size of a CSV file (to check its encoding) or of a workbook
  ///   (read into memory, its directory and shared strings read).
  func openRecords(_ options: ImportOptions) throws -> (ExportRecords, WorkbookSheetChoice?) {
    let leading: [UInt8]
    switch self {
    case .file(let path, _):
      leading = try CSVReader.leadingBytes(ofFile: path, count: FileContentKind.sampleSize)
    case .bytes(let bytes, _):
      leading = Array(bytes.prefix(FileContentKind.sampleSize))
    case .rows(let rows, _):
      // Rows in memory are text by construction; no content to judge.
      guard options.sheet == nil else {
        throw ImportError(
          kind: .unknownSheet,
          message:
            "a sheet was named, but \(displayName ?? "the input") is rows of text, not a workbook",
          hint: "name no sheet for rows"
        )
      }
      let reader = CSVReader(
        bytes: Self.csvBytes(of: rows),
        options: CSVReader.Options(delimiter: .comma, encoding: .utf8)
      )
      return (.csv(reader), nil)
    }
    let kind = FileContentKind(leadingBytes: leading)
    switch kind {
    case .text:
      if let sheet = options.sheet {
        throw ImportError(
          kind: .unknownSheet,
          message:
            "--sheet '\(sheet)' is for Excel workbooks, but \(displayName ?? "the input") is a text (CSV) file",
          hint: "leave out --sheet for a CSV file"
        )
      }
      let csvOptions = CSVReader.Options(delimiter: options.delimiter)
      switch self {
      case .file(let path, _):
        return (.csv(try CSVReader(contentsOfFile: path, options: csvOptions)), nil)
      case .bytes(let bytes, _):
        return (.csv(CSVReader(bytes: bytes, options: csvOptions)), nil)
      case .rows:
        preconditionFailure("rows are opened above")
      }
    case .zipArchive:
      return try openWorkbook(options)
    case .compoundDocument, .pdf, .binary:
      var bytes = leading
      if kind == .compoundDocument {
        // The directory that tells an .xls from an encrypted workbook is usually near the start.
        switch self {
        case .file(let path, _): bytes = try CSVReader.leadingBytes(ofFile: path, count: 1 << 20)
        case .bytes(let all, _): bytes = all
        case .rows: break
        }
      }
      throw ImportError(
        workbookError: kind.refusal(fileBytes: bytes)
          ?? WorkbookError(kind: .unsupportedFormat, message: "the file cannot be read"),
        file: displayName
      )
    }
  }

  private func openWorkbook(
    _ options: ImportOptions
  ) throws -> (
    ExportRecords, WorkbookSheetChoice?
  ) {
    let workbook: Workbook
    do {
      switch self {
      case .file(let path, _): workbook = try Workbook(contentsOfFile: path)
      case .bytes(let bytes, _): workbook = try Workbook(bytes: bytes)
      case .rows: preconditionFailure("rows are never a workbook")
      }
    } catch let error as WorkbookError {
      throw ImportError(workbookError: error, file: displayName)
    }
    let file = displayName ?? "the workbook"
    let sheetList = workbook.sheets.map { sheet in
      "\(sheet.number) '\(sheet.name)'"
        + (sheet.kind == .worksheet
          ? "" : " (\(sheet.kind == .chartsheet ? "chart" : "not a worksheet"))")
        + (sheet.isHidden ? " (hidden)" : "")
    }
    let chosen: Workbook.Sheet
    if let selector = options.sheet {
      guard let sheet = workbook.sheet(matching: selector) else {
        let names = workbook.sheets.map(\.name)
        throw ImportError(
          kind: .unknownSheet,
          message: "\(file) has no sheet '\(selector)'; its sheets are "
            + listed(sheetList, conjunction: "and"),
          hint: closestMatches(to: selector, among: names).first.map {
            "did you mean --sheet '\($0)'?"
          } ?? "name a sheet with --sheet NAME or --sheet NUMBER (1 is the first)"
        )
      }
      guard sheet.kind == .worksheet else {
        throw ImportError(
          kind: .unknownSheet,
          message:
            "the sheet '\(sheet.name)' of \(file) is a \(sheet.kind == .chartsheet ? "chart" : "dialog or macro sheet"), not a worksheet of responses; its sheets are "
            + listed(sheetList, conjunction: "and"),
          hint: "name a worksheet with --sheet NAME or --sheet NUMBER"
        )
      }
      chosen = sheet
    } else {
      guard let sheet = workbook.defaultSheet else {
        throw ImportError(
          kind: .unreadableWorkbook,
          file: displayName,
          message: "the workbook has no worksheet (its sheets are "
            + (sheetList.isEmpty ? "none" : listed(sheetList, conjunction: "and")) + ")",
          hint: "add the responses to a worksheet, or save them as CSV UTF-8"
        )
      }
      chosen = sheet
    }
    let records: WorksheetRecords
    do {
      records = try workbook.records(of: chosen)
    } catch {
      throw ImportError(workbookError: error, file: displayName)
    }
    return (
      .worksheet(records, file: displayName),
      WorkbookSheetChoice(sheet: chosen, sheets: workbook.sheets, isNamed: options.sheet != nil)
    )
  }
}
