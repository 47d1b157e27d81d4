public import SurveyCSV
public import SurveyInstruments
import SurveyPlatform

/// How to read an export: everything that overrides detection, names columns, or decides what
/// is kept.
public struct ImportOptions: Sendable {
  /// The platform the export comes from, or `nil` to detect it from the headers.
  public var dialect: ExportDialect?
  /// The field delimiter, or `nil` to detect it.
  public var delimiter: CSVDelimiter?
  /// Columns named for items explicitly (`--column`, `--map`); these win over every other rule.
  public var columnMappings: [ColumnMapping]
  /// Which columns that are not items to keep in the table.
  public var attributes: AttributeSelection
  /// Whether the caller treats any problem as an error (the importer still reads everything;
  /// see ``ImportResult/isAcceptable(strict:)``).
  public var isStrict: Bool
  /// The worksheet to read from an Excel workbook, by name or number (`"2"`).
  ///
  /// `nil` reads the workbook's first worksheet. Naming a sheet for a CSV file is an error.
  public var sheet: String?
  /// One-off fixes: in a column, cells reading one text are read as another.
  public var recodes: [AnswerRecode] = []

  /// Creates options; the defaults detect everything and keep every column.
  public init(
    dialect: ExportDialect? = nil,
    delimiter: CSVDelimiter? = nil,
    columnMappings: [ColumnMapping] = [],
    attributes: AttributeSelection = .all,
    isStrict: Bool = false,
    sheet: String? = nil
  ) {
    self.dialect = dialect
    self.delimiter = delimiter
    self.columnMappings = columnMappings
    self.attributes = attributes
    self.isStrict = isStrict
    self.sheet = sheet
  }
}

/// Which non-item columns an import keeps.
public enum AttributeSelection: Sendable, Hashable {
  /// Every column that is not an item.
  case all
  /// The columns with these headers (compared ignoring case, spacing and punctuation).
  case named([String])
  /// None.
  case none

  func keeps(_ header: ExportHeader) -> Bool {
    switch self {
    case .all: true
    case .none: false
    case .named(let names):
      names.contains { normalizedLabel($0) == normalizedLabel(header.name) || $0 == header.name }
    }
  }
}

/// One explicit "this item is in that column", from `--column ITEM=HEADER` or a map file.
public struct ColumnMapping: Sendable, Hashable {
  /// Where a mapping was written, for error messages.
  public enum Origin: Sendable, Hashable {
    /// On the command line (or in code).
    case commandLine
    /// In a map file, at the positions of its key and value.
    case mapFile(path: String, keyPosition: TextPosition, valuePosition: TextPosition)
  }

  /// The item as written: `INSTRUMENT.ITEM`, or a bare item id when only one chosen
  /// instrument has it.
  public var item: String
  /// The column's header as written (matched exactly, then ignoring case, spacing and
  /// punctuation; any header row counts).
  public var header: String
  /// Where the mapping was written.
  public var origin: Origin

  /// Creates a mapping.
  public init(item: String, header: String, origin: Origin = .commandLine) {
    self.item = item
    self.header = header
    self.origin = origin
  }

  /// Parses `ITEM=HEADER` as given to `--column`.
  ///
  /// - Throws: ``ImportError`` of kind `invalidMapping` when there is no `=` or a side is empty.
  public init(argument: String) throws(ImportError) {
    guard let equals = argument.firstIndex(of: "="),
      !String(argument[..<equals]).trimmedSpaces().isEmpty,
      !argument[argument.index(after: equals)...].isEmpty
    else {
      throw ImportError(
        kind: .invalidMapping,
        message: "expected ITEM=HEADER in '--column \(argument)'",
        hint: "for example: --column ons-loneliness.lonely=\"Q4 How often do you feel lonely?\""
      )
    }
    self.init(
      item: String(argument[..<equals]).trimmedSpaces(),
      header: String(argument[argument.index(after: equals)...])
    )
  }

  /// Reads a map file: `{"format": 1, "columns": {"ons-loneliness.lonely": "Q4 How often…"}}`.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents.
  ///   - path: The path to show in errors.
  /// - Returns: The mappings, in file order.
  /// - Throws: ``ImportError`` of kind `invalidMapFile` with the line and column of the fault.
  /// - Complexity: O(*n*) in the size of the file.
  public static func mappings(
    fromMapFile bytes: [UInt8],
    path: String
  ) throws(ImportError) -> [ColumnMapping] {
    let root: JSONNode
    do {
      root = try JSONReader.parse(bytes)
    } catch {
      throw ImportError(
        kind: .invalidMapFile,
        file: path,
        position: error.position,
        message: error.message,
        hint: error.hint
      )
    }
    func fail(_ position: TextPosition, _ message: String, hint: String? = nil) -> ImportError {
      ImportError(
        kind: .invalidMapFile,
        file: path,
        position: position,
        message: message,
        hint: hint
      )
    }
    let example = "{\"format\": 1, \"columns\": {\"ons-loneliness.lonely\": \"HEADER\"}}"
    guard case .object(let members) = root.value else {
      throw fail(
        root.position,
        "expected an object, found \(root.kindDescription)",
        hint: "a map file looks like \(example)"
      )
    }
    var format: JSONNode?
    var columns: JSONNode?
    for member in members {
      switch member.key {
      case "format":
        if format != nil { throw fail(member.keyPosition, "'format' is given twice") }
        format = member.value
      case "columns":
        if columns != nil { throw fail(member.keyPosition, "'columns' is given twice") }
        columns = member.value
      default:
        throw fail(
          member.keyPosition,
          "unknown key '\(member.key)'; expected 'format' or 'columns'",
          hint: closestMatches(to: member.key, among: ["format", "columns"]).first.map {
            "did you mean '\($0)'?"
          }
        )
      }
    }
    guard let format else {
      throw fail(root.position, "the map file has no 'format'", hint: "start it with \"format\": 1")
    }
    guard case .number(let number, let literal) = format.value, number == 1 else {
      throw fail(
        format.position,
        "unsupported format \(format.kindDescription); expected 1",
        hint: "this version reads map files of format 1"
      )
    }
    _ = literal
    guard let columns else {
      throw fail(
        root.position,
        "the map file has no 'columns'",
        hint: "a map file looks like \(example)"
      )
    }
    guard case .object(let entries) = columns.value else {
      throw fail(
        columns.position,
        "'columns' should be an object of ITEM: HEADER, found \(columns.kindDescription)"
      )
    }
    var result: [ColumnMapping] = []
    for entry in entries {
      guard case .string(let header) = entry.value.value else {
        throw fail(
          entry.value.position,
          "the header for '\(entry.key)' should be a string, found \(entry.value.kindDescription)"
        )
      }
      if result.contains(where: { $0.item == entry.key }) {
        throw fail(entry.keyPosition, "'\(entry.key)' is mapped twice")
      }
      result.append(
        ColumnMapping(
          item: entry.key,
          header: header,
          origin: .mapFile(
            path: path,
            keyPosition: entry.keyPosition,
            valuePosition: entry.value.position
          )
        )
      )
    }
    return result
  }

  /// Reads the map file at `path`.
  ///
  /// - Throws: `FileSystemError` when it cannot be read, ``ImportError`` when it is invalid.
  public static func mappings(
    fromMapFileAt path: String,
    displayPath: String? = nil
  ) throws -> [ColumnMapping] {
    try mappings(fromMapFile: try readFile(path), path: displayPath ?? path)
  }
}

/// A one-off fix of an export's cells, read instead of editing the export: in `column`, a cell
/// that reads `from` (compared ignoring case, spacing and punctuation, as answers are) is read as
/// `to`.
///
/// It applies to an item's column (before the answer is matched, so `to` may be an answer's label
/// or code) and to any other kept column (so two spellings of a group become one). Every recode
/// is counted in the import report.
public struct AnswerRecode: Sendable, Hashable {
  /// The column: its header, or `INSTRUMENT.ITEM` for the column of an item.
  public var column: String
  /// The text to replace.
  public var from: String
  /// What it is read as.
  public var to: String

  /// Creates a recode.
  public init(column: String, from: String, to: String) {
    self.column = column
    self.from = from
    self.to = to
  }

  /// Parses `COLUMN: FROM=TO`.
  ///
  /// The text is split at the first `=`, and what comes before it at its last `: `, so a column
  /// header may itself contain `: ` (`Wellbeing: Optimistic: Sometimes=Some of the time`).
  ///
  /// - Throws: ``ImportError`` of kind `invalidRecode` when a part is missing.
  public init(argument: String) throws(ImportError) {
    let invalid = ImportError(
      kind: .invalidRecode,
      message: "expected COLUMN: FROM=TO in '\(excerpt(argument))'",
      hint: "for example: \"How often do you feel lonely?: Sometimes=Some of the time\""
    )
    guard let equals = argument.firstIndex(of: "=") else { throw invalid }
    let left = argument[..<equals]
    guard let colon = left.ranges(of: ": ").last else { throw invalid }
    let column = String(left[..<colon.lowerBound]).trimmedSpaces()
    let from = String(left[colon.upperBound...]).trimmedSpaces()
    let to = String(argument[argument.index(after: equals)...]).trimmedSpaces()
    guard !column.isEmpty, !from.isEmpty else { throw invalid }
    self.init(column: column, from: from, to: to)
  }
}

/// An import that cannot go ahead: a mapping that names no item or no column, an invalid map file.
///
/// Problems in the data are not errors; they are listed in ``ImportReport/problems``.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of import error.
  public enum Kind: String, Sendable, Hashable {
    /// `--column` is not `ITEM=HEADER`.
    case invalidMapping
    /// A mapping names an item no chosen instrument has, or a bare id two instruments share.
    case unknownItem
    /// A mapping names a header no column has, or one several columns share.
    case unknownColumn
    /// A map file is not valid.
    case invalidMapFile
    /// The export has no header row.
    case noHeader
    /// The export has more columns than ``ExportImporter/maximumColumns``.
    case tooManyColumns
    /// A recode is not `COLUMN: FROM=TO`, or names a column the export does not have.
    case invalidRecode
    /// The file is not a survey export this toolkit reads: an old `.xls` or encrypted workbook,
    /// an OpenDocument or Numbers spreadsheet, a PDF, binary data, a ZIP without a workbook.
    case unsupportedFile
    /// The file is an Excel workbook that is damaged, truncated, or beyond the reader's limits.
    case unreadableWorkbook
    /// The sheet asked for is not in the workbook (or a sheet was named for a CSV file); a
    /// command-line error.
    case unknownSheet
  }

  /// What went wrong.
  public var kind: Kind
  /// The file at fault (a map file or the export), if any; `nil` for the command line.
  public var file: String?
  /// The line and column in `file`, if known.
  public var position: TextPosition?
  /// What is wrong, starting in lower case.
  public var message: String
  /// How to fix it.
  public var hint: String?

  /// Creates an error.
  public init(
    kind: Kind,
    file: String? = nil,
    position: TextPosition? = nil,
    message: String,
    hint: String? = nil
  ) {
    self.kind = kind
    self.file = file
    self.position = position
    self.message = message
    self.hint = hint
  }

  /// `FILE:LINE:COLUMN: error: message` (location when known), then `hint: …`.
  public var description: String {
    var location = file ?? ""
    if let position { location += location.isEmpty ? "\(position)" : ":\(position)" }
    var text = location.isEmpty ? "error: \(message)" : "\(location): error: \(message)"
    if let hint { text += "\nhint: \(hint)" }
    return text
  }

  /// Whether the error is in the command line rather than in a file.
  public var isCommandLineError: Bool { file == nil }
}
