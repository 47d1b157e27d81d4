import SurveyCSV
import SurveyPlatform

/// An Excel workbook (`.xlsx`, `.xlsm`) read from its bytes: its sheets, and each worksheet's
/// rows as records of cell texts.
///
///     let workbook = try Workbook(bytes: bytes)
///     guard let sheet = workbook.defaultSheet else { … }
///     try workbook.records(of: sheet).forEachRecord { record in
///       print(record.lineNumber, record.strings())   // the row number and its cells
///     }
///
/// The workbook is read without any library: the ZIP archive (stored and deflated entries, data
/// descriptors, ZIP64), DEFLATE, and SpreadsheetML, following ECMA-376. Opening a workbook
/// reads its directory, its list of sheets, its shared strings and which cell styles show dates;
/// a worksheet is streamed when its records are read, so memory does not grow with the number
/// of rows.
///
/// ## Cells as text
///
/// Each cell reads as the text a person sees in Excel's formula bar:
///
/// - a string (shared, inline, rich text with its runs joined, or a formula's string result)
///   as written, with XML's entities and Excel's `_xHHHH_` escapes undone, phonetic guides left
///   out, and, as Excel does, white space at the ends of a text element trimmed unless it says
///   `xml:space="preserve"` (text that is only white space is kept);
/// - a number rounded to 15 significant digits without trailing zeros: a code `3` is `3`, an id
///   `1042` is `1042`, `2.5` is `2.5`, and `0.30000000000000004` is `0.3`;
/// - a number in a date or time format (built-in formats 14–22 and 45–47, or a custom format
///   with date or time tokens) as ISO 8601: `2024-03-05`, `14:30:00`, `2024-03-05T14:30:00`,
///   a duration as `36:05:00`; in the 1900 date system, as in Excel, day 60 is 1900-02-29; the
///   1904 date system is read when the workbook declares it;
/// - a boolean as `TRUE` or `FALSE`, an error as its code (`#N/A`).
///
/// Cells are placed by their reference, so missing cells are blank fields; rows without a value
/// are skipped. A record's `lineNumber` is the row's number in the sheet.
///
/// ## Limits
///
/// Every size read from the file is checked against the file and against ``WorkbookLimits``, so
/// that a damaged or hostile file gives a ``WorkbookError`` naming the entry at fault rather than
/// a crash or unbounded memory.
public struct Workbook: Sendable {
  /// One sheet of a workbook, as the workbook lists it.
  public struct Sheet: Sendable, Hashable {
    /// What a sheet holds.
    public enum Kind: Sendable, Hashable {
      /// A grid of cells.
      case worksheet
      /// A chart on a sheet of its own.
      case chartsheet
      /// A dialog sheet or macro sheet.
      case other
    }

    /// The sheet's name, as on its tab.
    public var name: String
    /// The sheet's position in the workbook, from 1.
    public var number: Int
    /// What the sheet holds.
    public var kind: Kind
    /// Whether the sheet is hidden (or very hidden).
    public var isHidden: Bool
    /// The archive entry that holds the sheet, or `nil` when the workbook does not say.
    public var partName: String?

    /// Creates a sheet description.
    public init(name: String, number: Int, kind: Kind, isHidden: Bool, partName: String?) {
      self.name = name
      self.number = number
      self.kind = kind
      self.isHidden = isHidden
      self.partName = partName
    }
  }

  /// The sheets in workbook order (the order of their tabs).
  public let sheets: [Sheet]

  /// Whether dates count from 1904-01-01 (the 1904 date system of old Mac workbooks) rather than
  /// from 1900-01-01.
  public let usesDate1904: Bool

  /// The limits the workbook was opened with.
  public let limits: WorkbookLimits

  private let archive: ZipArchive
  private let sharedStrings: SharedStrings
  private let dateKinds: [DateFormatKind]

  /// Opens a workbook held in memory.
  ///
  /// - Parameters:
  ///   - bytes: The contents of an `.xlsx` file.
  ///   - limits: The bounds the file must stay within.
  /// - Throws: ``WorkbookError``: of kind `unsupportedFormat` for a ZIP archive that is not an
  ///   Excel workbook (an OpenDocument or Numbers spreadsheet, a binary `.xlsb` workbook, a Word
  ///   document, or no workbook at all), `damagedArchive`, `limitExceeded` or
  ///   `invalidSpreadsheet` for a damaged one.
  /// - Complexity: O(*d* + *s*) in the size of the archive's directory and of the parts read
  ///   whole (workbook, relationships, styles, shared strings); worksheets are not read.
  public init(bytes: [UInt8], limits: WorkbookLimits = .standard) throws(WorkbookError) {
    self.limits = limits
    let archive = try ZipArchive(bytes: bytes, limits: limits)
    self.archive = archive
    try Self.refuseOtherFormats(archive)
    let workbookPart = try Self.workbookPart(archive)
    guard let workbookEntry = archive.entry(named: workbookPart) else {
      throw WorkbookError(
        kind: .unsupportedFormat,
        message:
          "the file is a ZIP archive but holds no Excel workbook (no '\(workbookPart)')",
        hint:
          "if the survey platform sent a ZIP of exports, unzip it and give the .xlsx or .csv file inside"
      )
    }
    let description = try WorkbookParts.workbook(
      archive.read(workbookEntry),
      entry: workbookEntry.name,
      limits: limits
    )
    let relationships = try WorkbookParts.relationships(of: workbookEntry.name, in: archive)
    var byID: [String: Relationship] = [:]
    for relationship in relationships ?? [] { byID[relationship.id] = relationship }
    var sheets: [Sheet] = []
    for (offset, entry) in description.sheets.enumerated() {
      let relationship = byID[entry.relationshipID]
      var kind = Sheet.Kind.worksheet
      if let relationship, !relationship.isOfType("worksheet") {
        kind = relationship.isOfType("chartsheet") ? .chartsheet : .other
      }
      sheets.append(
        Sheet(
          name: entry.name,
          number: offset + 1,
          kind: kind,
          isHidden: entry.isHidden,
          partName: relationship.flatMap { $0.isExternal ? nil : $0.target }
            ?? (relationships == nil ? "xl/worksheets/sheet\(offset + 1).xml" : nil)
        )
      )
    }
    self.sheets = sheets
    usesDate1904 = description.usesDate1904
    func part(ofType type: String, fallback: String) -> ZipEntry? {
      if let relationships {
        return relationships.first { $0.isOfType(type) && !$0.isExternal }.flatMap {
          archive.entry(named: $0.target)
        }
      }
      return archive.entry(named: fallback)
    }
    if let entry = part(ofType: "sharedStrings", fallback: "xl/sharedStrings.xml") {
      sharedStrings = try WorkbookParts.sharedStrings(
        archive.read(entry),
        entry: entry.name,
        limits: limits
      )
    } else {
      sharedStrings = SharedStrings()
    }
    if let entry = part(ofType: "styles", fallback: "xl/styles.xml") {
      dateKinds = try WorkbookParts.styles(archive.read(entry), entry: entry.name)
    } else {
      dateKinds = []
    }
  }

  /// Opens the workbook in the file at `path`.
  ///
  /// - Throws: `FileSystemError` when the file cannot be read, ``WorkbookError`` of kind
  ///   `limitExceeded` when it is larger than ``WorkbookLimits/maximumFileSize``, and as
  ///   ``init(bytes:limits:)`` does.
  /// - Complexity: O(*n*) in the size of the file, which is read into memory.
  public init(contentsOfFile path: String, limits: WorkbookLimits = .standard) throws {
    try self.init(bytes: try Self.readFile(path, limits: limits), limits: limits)
  }

  /// Reads a whole file into memory, refusing one larger than the limit allows.
  ///
  /// - Throws: `FileSystemError`, or ``WorkbookError`` of kind `limitExceeded`.
  /// - Complexity: O(*n*) in the size of the file.
  public static func readFile(_ path: String, limits: WorkbookLimits = .standard) throws -> [UInt8]
  {
    let reader = try FileByteReader(path: path)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = try reader.read(into: &chunk)
      if count == 0 { break }
      guard bytes.count + count <= limits.maximumFileSize else {
        throw WorkbookError(
          kind: .limitExceeded,
          message:
            "the workbook is larger than \(ZipArchive.describe(bytes: limits.maximumFileSize))",
          hint: "save the responses as CSV UTF-8, which is read without loading it whole"
        )
      }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }

  /// The sheet read when none is named: the first visible worksheet, or else the first
  /// worksheet; `nil` when the workbook has no worksheet.
  public var defaultSheet: Sheet? {
    sheets.first { $0.kind == .worksheet && !$0.isHidden }
      ?? sheets.first { $0.kind == .worksheet }
  }

  /// The sheet that `selector` names: a sheet with exactly that name; else one whose name
  /// matches ignoring case and surrounding spaces; else, for a whole number *n*, the *n*-th
  /// sheet.
  ///
  /// - Complexity: O(*s*) in the number of sheets.
  public func sheet(matching selector: String) -> Sheet? {
    if let exact = sheets.first(where: { $0.name == selector }) { return exact }
    let folded = Self.folded(selector)
    if let loose = sheets.first(where: { Self.folded($0.name) == folded }) { return loose }
    if let number = Int(selector.filter { $0 != " " }), number >= 1, number <= sheets.count {
      return sheets[number - 1]
    }
    return nil
  }

  private static func folded(_ name: String) -> String {
    String(
      name.lowercased().split(separator: " ", omittingEmptySubsequences: true).joined(
        separator: " "
      )
    )
  }

  /// The records of a worksheet, ready to be read.
  ///
  /// - Parameters:
  ///   - sheet: One of ``sheets``.
  ///   - minimumFieldCount: Rows with fewer fields are padded with blank fields to this many
  ///     (usually the width of the header), since a worksheet does not store trailing blank
  ///     cells.
  /// - Returns: The sheet's records, read when asked for.
  /// - Throws: ``WorkbookError`` of kind `invalidSpreadsheet` when the sheet is not a worksheet
  ///   or its part is missing, and as reading the entry's header does.
  /// - Complexity: O(1).
  public func records(
    of sheet: Sheet,
    minimumFieldCount: Int = 0
  ) throws(WorkbookError)
    -> WorksheetRecords
  {
    guard sheet.kind == .worksheet else {
      throw WorkbookError(
        kind: .invalidSpreadsheet,
        message:
          "the sheet '\(sheet.name)' is a \(sheet.kind == .chartsheet ? "chart sheet" : "dialog or macro sheet"), not a worksheet of cells",
        hint: "choose a worksheet with --sheet"
      )
    }
    guard let partName = sheet.partName, let entry = archive.entry(named: partName) else {
      throw .invalid(
        sheet.partName,
        "the workbook lists the sheet '\(sheet.name)' but its part \(sheet.partName.map { "'\($0)' " } ?? "")is missing from the archive"
      )
    }
    _ = try archive.stream(entry)
    return WorksheetRecords(
      sheet: sheet,
      archive: archive,
      entry: entry,
      sharedStrings: sharedStrings,
      dateKinds: dateKinds,
      usesDate1904: usesDate1904,
      minimumFieldCount: minimumFieldCount
    )
  }

  /// Reads every row of the default worksheet of the workbook in `bytes` as strings: the one
  /// entry point that takes raw bytes and goes through the whole reader, for fuzzing and quick
  /// use.
  ///
  /// It never traps: any input gives rows or a ``WorkbookError``.
  ///
  /// - Throws: ``WorkbookError`` for any file that is not a readable workbook.
  /// - Complexity: O(*n*) in the size of the workbook's parts.
  public static func rowsOfDefaultSheet(
    in bytes: [UInt8],
    limits: WorkbookLimits = .standard
  ) throws(WorkbookError) -> [[String]] {
    let workbook = try Workbook(bytes: bytes, limits: limits)
    guard let sheet = workbook.defaultSheet else {
      throw WorkbookError(
        kind: .invalidSpreadsheet,
        message: "the workbook has no worksheet",
        hint: "add a worksheet of responses, or save the responses as CSV UTF-8"
      )
    }
    var rows: [[String]] = []
    do {
      try workbook.records(of: sheet).forEachRecord { record in rows.append(record.strings()) }
    } catch let error as WorkbookError {
      throw error
    } catch {
      throw WorkbookError(kind: .invalidSpreadsheet, message: "\(error)")
    }
    return rows
  }

  // MARK: - What the archive holds

  private static func refuseOtherFormats(_ archive: ZipArchive) throws(WorkbookError) {
    if let mimetype = archive.entry(named: "mimetype"), mimetype.size < 200 {
      let type = String(decoding: try archive.read(mimetype), as: UTF8.self)
      if type.hasPrefix("application/vnd.oasis.opendocument") {
        let isSpreadsheet = type.hasPrefix("application/vnd.oasis.opendocument.spreadsheet")
        throw WorkbookError(
          kind: .unsupportedFormat,
          message: isSpreadsheet
            ? "the file is an OpenDocument spreadsheet (.ods), not an Excel workbook"
            : "the file is an OpenDocument document (\(type)), not a spreadsheet",
          hint: isSpreadsheet
            ? "open it in LibreOffice Calc or Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As)"
            : "give the CSV or Excel (.xlsx) file the survey platform exported"
        )
      }
    }
    if archive.entries.contains(where: {
      ($0.name.hasPrefix("Index/") && $0.name.hasSuffix(".iwa")) || $0.name == "Index.zip"
    }) {
      throw WorkbookError(
        kind: .unsupportedFormat,
        message: "the file is an Apple Numbers spreadsheet, not an Excel workbook",
        hint: "in Numbers choose File > Export To > Excel (.xlsx) or CSV"
      )
    }
  }

  /// The workbook part the package's relationships name, refusing documents of other kinds.
  private static func workbookPart(_ archive: ZipArchive) throws(WorkbookError) -> String {
    var part = "xl/workbook.xml"
    if let relationships = try WorkbookParts.relationships(of: "", in: archive),
      let document = relationships.first(where: { $0.isOfType("officeDocument") })
    {
      part = document.target
    } else if archive.entry(named: part) == nil, archive.entry(named: "xl/workbook.bin") != nil {
      part = "xl/workbook.bin"
    }
    let lower = part.lowercased()
    if lower.hasSuffix(".bin") {
      throw WorkbookError(
        kind: .unsupportedFormat,
        message: "the file is an Excel binary workbook (.xlsb), which cannot be read",
        hint: WorkbookError.saveAsHint
      )
    }
    if lower.hasPrefix("word/") || lower.hasPrefix("ppt/") {
      throw WorkbookError(
        kind: .unsupportedFormat,
        message:
          "the file is a \(lower.hasPrefix("word/") ? "Word" : "PowerPoint") document, not a workbook",
        hint: "give the CSV or Excel (.xlsx) file the survey platform exported"
      )
    }
    return part
  }
}
