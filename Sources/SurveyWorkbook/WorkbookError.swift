/// Why a file could not be read as an Excel workbook, with the part of the archive at fault.
///
/// The `description` names the entry (the file inside the workbook's ZIP archive) and, for a
/// problem in a worksheet, the row, so that a person can tell a damaged download from a file
/// that is not a workbook at all:
///
///     error: the archive entry 'xl/worksheets/sheet1.xml' is damaged: its CRC-32 is 0x1c291ca3 but the archive records 0x00000000
///     hint: download or save the workbook again; …
///
/// A caller adds the file's name (see ``description(file:)``). Switch on `kind` to decide an exit
/// code: every kind is a problem with the file's content.
public struct WorkbookError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The category of a `WorkbookError`.
  ///
  /// New kinds may be added in later versions, so a `switch` over kinds needs a `default` case.
  public struct Kind: Sendable, Hashable, CustomStringConvertible {
    private let name: String

    private init(_ name: String) {
      self.name = name
    }

    /// The file is of a kind this reader does not read: an old `.xls` workbook, an encrypted
    /// workbook, an OpenDocument or Numbers spreadsheet, a binary workbook (`.xlsb`), a PDF, a
    /// ZIP archive with no workbook in it, or binary data.
    public static let unsupportedFormat = Kind("unsupportedFormat")

    /// The ZIP archive is damaged or truncated: its directory, an entry's header, sizes that
    /// disagree, a checksum that does not match, or compressed data that cannot be decoded.
    public static let damagedArchive = Kind("damagedArchive")

    /// The archive or an entry is beyond one of the ``WorkbookLimits``: too many entries, an
    /// entry that expands too far (a "ZIP bomb"), an element too long to hold.
    public static let limitExceeded = Kind("limitExceeded")

    /// A part of the workbook is not the SpreadsheetML this reader expects: malformed XML, a
    /// missing part, a cell reference outside the sheet, a shared string that does not exist.
    public static let invalidSpreadsheet = Kind("invalidSpreadsheet")

    /// The name of the kind, such as `damagedArchive`.
    public var description: String { name }
  }

  /// The category of the error.
  public var kind: Kind

  /// The archive entry at fault, such as `xl/worksheets/sheet1.xml`, or `nil` when the problem
  /// concerns the whole file.
  public var entry: String?

  /// The worksheet row (1-based, as Excel numbers rows) at fault, if the problem is in a row.
  public var row: Int?

  /// What went wrong, starting in lowercase, naming the entry when there is one.
  public var message: String

  /// A suggestion for what to do, or `nil` when there is none.
  public var hint: String?

  /// Creates an error from its parts.
  ///
  /// - Parameters:
  ///   - kind: The category of the error.
  ///   - entry: The archive entry at fault, if any.
  ///   - row: The worksheet row at fault, if any.
  ///   - message: What went wrong, starting in lowercase.
  ///   - hint: A suggestion, if any.
  public init(
    kind: Kind,
    entry: String? = nil,
    row: Int? = nil,
    message: String,
    hint: String? = nil
  ) {
    self.kind = kind
    self.entry = entry
    self.row = row
    self.message = message
    self.hint = hint
  }

  /// The error as `error: message`, followed by a `hint: …` line when there is a hint.
  public var description: String { description(file: nil) }

  /// The error as `FILE: error: message`, followed by a `hint: …` line when there is a hint.
  ///
  /// - Parameter file: The workbook's name as the user gave it, or `nil`.
  /// - Returns: The text to show.
  public func description(file: String?) -> String {
    var text = (file.map { "\($0): " } ?? "") + "error: " + message
    if let hint { text += "\nhint: " + hint }
    return text
  }

  /// The advice for a file that Excel can open but this reader cannot.
  static let saveAsHint = "open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8"

  /// The advice for a damaged archive.
  static let damagedHint =
    "download or save the workbook again; if Excel cannot open it either, the file is damaged"

  static func damaged(
    _ entry: String?,
    _ message: String,
    hint: String? = damagedHint
  ) -> WorkbookError {
    WorkbookError(kind: .damagedArchive, entry: entry, message: message, hint: hint)
  }

  static func invalid(
    _ entry: String?,
    row: Int? = nil,
    _ message: String,
    hint: String? = nil
  ) -> WorkbookError {
    WorkbookError(
      kind: .invalidSpreadsheet,
      entry: entry,
      row: row,
      message: message,
      hint: hint ?? "open the workbook in Excel and save it again, or save it as CSV UTF-8"
    )
  }
}
