public import SurveyCSV
public import SurveyInstruments
import SurveyWorkbook

/// How an export was read: encoding, delimiter, dialect, header rows, every column and what it
/// matched, answer counts per item, and every problem.
public struct ImportReport: Sendable {
  /// The file as the caller named it, or `nil` for bytes in memory.
  public var file: String?
  /// For an Excel workbook, the sheet read and the others; `nil` for a CSV file.
  ///
  /// For a workbook the encoding and delimiter below describe nothing read from the file (they
  /// are UTF-8 and comma).
  public var workbook: WorkbookSheetChoice?
  /// The encoding the file was read as.
  public var encoding: CSVEncoding
  /// How the encoding was chosen.
  public var encodingDetection: CSVEncodingDetection
  /// Whether the file starts with a byte order mark.
  public var hasByteOrderMark: Bool
  /// The field delimiter.
  public var delimiter: CSVDelimiter
  /// Whether the delimiter was detected rather than given.
  public var isDelimiterDetected: Bool
  /// The export's dialect.
  public var dialect: ExportDialect
  /// How the dialect was chosen.
  public var dialectDetection: DialectDetection
  /// The number of header rows before the first data record.
  public var headerRowCount: Int
  /// The number of data records (respondents).
  public var recordCount: Int
  /// The column that identifies respondents (0-based), if one was found.
  public var respondentIDColumn: Int?
  /// The column that tells waves apart in a long file (`wave`, `timepoint`), if any: duplicate
  /// ids are checked within each wave.
  public var waveColumn: Int?
  /// Every column, in file order.
  public var columns: [ColumnReport]
  /// Every item of the chosen instruments, in instrument then item order.
  public var items: [ItemReport]
  /// Every problem, in the order found: matching problems first, then record problems by line.
  public var problems: [ImportProblem]
  /// Sentences about how the file was read that a person should see (transcoding, detection,
  /// recodes).
  public var notices: [String]
  /// The sentences of ``notices`` that say what each recode changed, which a report built from
  /// the file repeats.
  public var recodeNotices: [String] = []

  /// Whether the file was converted to UTF-8 while reading (Windows-1252 or UTF-16).
  public var isTranscoded: Bool { encoding != .utf8 }
}

/// One column of an export and what became of it.
public struct ColumnReport: Sendable, Hashable {
  /// What the column is used for.
  public enum Role: String, Sendable, Hashable {
    /// It feeds one or more items.
    case item
    /// It is kept as an attribute column (id, date, area, free text…).
    case attribute
    /// It is not kept (the attribute selection left it out).
    case notKept = "not-kept"
  }

  /// The 0-based position.
  public var index: Int
  /// The combined header.
  public var header: ExportHeader
  /// The items it feeds, each with the rule that matched.
  public var matches: [ColumnMatch]
  /// What it is used for.
  public var role: Role
}

/// One item of a chosen instrument: its column and how its answers were read.
public struct ItemReport: Sendable, Hashable {
  /// The item.
  public var key: ItemKey
  /// The item's text for people: wording, or key phrase.
  public var text: String
  /// The column it was read from (0-based), if any.
  public var column: Int?
  /// How that column matched.
  public var match: ColumnMatch?
  /// How its answers were read.
  public var counts: AnswerCounts
}

/// How many answers an item got, per option, per missing reason, blank and unrecognised.
public struct AnswerCounts: Sendable, Hashable {
  /// One option of the scale and how many chose it.
  public struct OptionCount: Sendable, Hashable {
    /// The code.
    public var code: Int
    /// The label.
    public var label: String
    /// How many answers.
    public var count: Int
  }

  /// One declared missing answer and how many gave it.
  public struct MissingCount: Sendable, Hashable {
    /// The label (`Prefer not to say`).
    public var label: String
    /// How many answers.
    public var count: Int
  }

  /// Per option, in scale order.
  public var options: [OptionCount]
  /// Per declared missing answer, in scale order.
  public var missing: [MissingCount]
  /// Blank cells (and records too short to reach the column).
  public var blank: Int
  /// Cells that matched nothing.
  public var unrecognised: Int

  /// The valid answers: the sum of the option counts.
  public var base: Int { options.reduce(0) { $0 + $1.count } }

  /// Counts for `answers` on `scale`.
  ///
  /// - Complexity: O(*n*) for *n* answers.
  public init(answers: [Answer], scale: ResponseScale) {
    var tallies: [Int32: Int] = [:]
    for answer in answers { tallies[answer.rawValue, default: 0] += 1 }
    self.init(tallies: tallies, scale: scale)
  }

  init(tallies: [Int32: Int], scale: ResponseScale) {
    options = scale.options.map {
      OptionCount(
        code: $0.code,
        label: $0.label,
        count: tallies[Answer.code($0.code).rawValue] ?? 0
      )
    }
    missing = scale.missingAnswers.enumerated().map {
      MissingCount(
        label: $0.element.label,
        count: tallies[Answer.missing(reasonIndex: $0.offset).rawValue] ?? 0
      )
    }
    blank = tallies[Answer.notAnswered.rawValue] ?? 0
    unrecognised = tallies[Answer.unrecognised.rawValue] ?? 0
  }
}

/// What an import produces: the table and the report.
public struct ImportResult: Sendable {
  /// One row per data record, in file order, none dropped: row *i* is the *i*-th record after
  /// the ``headerRowCount`` header rows.
  public var table: ResponseTable
  /// How the file was read.
  public var report: ImportReport
  /// The number of header rows; a later pass over the file skips these many records and then
  /// zips each record with the table's rows.
  public var headerRowCount: Int { report.headerRowCount }

  /// Whether the import may be used: always when not strict; when strict, only without
  /// problems.
  public func isAcceptable(strict: Bool) -> Bool { !strict || report.problems.isEmpty }
}

extension ImportReport {
  /// The report as JSON with stable keys, for programs.
  ///
  /// - Complexity: O(*c* + *i* + *p*) for columns, items and problems.
  public var jsonValue: JSONValue {
    func member(_ key: String, _ value: JSONValue) -> JSONObjectMember {
      JSONObjectMember(key, value)
    }
    let columnValues: [JSONValue] = columns.map { column in
      .object([
        member("index", .integer(column.index + 1)),
        member("header", .string(column.header.name)),
        member("headerRows", .array(column.header.rows.map { .string($0) })),
        member("question", .string(column.header.question)),
        member("gridItemPart", .optional(column.header.itemPart)),
        member("importId", .optional(column.header.importID)),
        member("role", .string(column.role.rawValue)),
        member("respondentId", .bool(column.index == respondentIDColumn)),
        member(
          "matches",
          .array(
            column.matches.map { match in
              .object([
                member("item", .string(match.key.description)),
                member("rule", .string(match.rule.identifier)),
                member("gridItemPart", .bool(match.isGridItemPart)),
                member("matchedText", .string(match.matchedText)),
              ])
            }
          )
        ),
      ])
    }
    let itemValues: [JSONValue] = items.map { item in
      .object([
        member("item", .string(item.key.description)),
        member("text", .string(item.text)),
        member("column", .optional(item.column.map { $0 + 1 })),
        member("header", .optional(item.column.map { columns[$0].header.name })),
        member("rule", .optional(item.match?.rule.identifier)),
        member(
          "options",
          .array(
            item.counts.options.map {
              .object([
                member("code", .integer($0.code)), member("label", .string($0.label)),
                member("count", .integer($0.count)),
              ])
            }
          )
        ),
        member(
          "missing",
          .array(
            item.counts.missing.map {
              .object([member("label", .string($0.label)), member("count", .integer($0.count))])
            }
          )
        ),
        member("blank", .integer(item.counts.blank)),
        member("unrecognised", .integer(item.counts.unrecognised)),
        member("base", .integer(item.counts.base)),
      ])
    }
    let problemValues: [JSONValue] = problems.map { problem in
      .object([
        member("kind", .string(problem.kind.rawValue)),
        member("file", .optional(problem.file)),
        member("line", .optional(problem.line)),
        member("column", .optional(problem.column)),
        member("header", .optional(problem.header)),
        member("value", .optional(problem.value)),
        member("item", .optional(problem.item?.description)),
        member("suggestions", .array(problem.suggestions.map { .string($0) })),
        member("message", .string(problem.message)),
        member("hint", .optional(problem.hint)),
      ])
    }
    func sheetValue(_ sheet: Workbook.Sheet) -> JSONValue {
      .object([
        member("name", .string(sheet.name)),
        member("number", .integer(sheet.number)),
        member(
          "kind",
          .string(
            sheet.kind == .worksheet
              ? "worksheet" : sheet.kind == .chartsheet ? "chartsheet" : "other"
          )
        ),
        member("hidden", .bool(sheet.isHidden)),
      ])
    }
    let workbookValue: JSONValue? = workbook.map { choice in
      .object([
        member("sheet", sheetValue(choice.sheet)),
        member("sheetChosenBy", .string(choice.isNamed ? "--sheet" : "first worksheet")),
        member("sheets", .array(choice.sheets.map(sheetValue))),
      ])
    }
    let encodingValue: JSONValue = .object([
      member("name", .string(encoding.description)),
      member("detection", .string(encodingDetection.identifier)),
      member("byteOrderMark", .bool(hasByteOrderMark)),
      member("transcoded", .bool(isTranscoded)),
    ])
    let delimiterValue: JSONValue = .object([
      member("character", .string(String(Character(Unicode.Scalar(delimiter.asciiValue))))),
      member("name", .string(delimiter.description)),
      member("detected", .bool(isDelimiterDetected)),
    ])
    return .object([
      member("file", .optional(file)),
      member("format", .string(workbook == nil ? "csv" : "xlsx")),
      member("workbook", workbookValue ?? .null),
      member("encoding", workbook == nil ? encodingValue : .null),
      member("delimiter", workbook == nil ? delimiterValue : .null),
      member(
        "dialect",
        .object([
          member("id", .string(dialect.rawValue)),
          member("name", .string(dialect.name)),
          member("detection", .string(dialectDetection.description)),
        ])
      ),
      member("headerRows", .integer(headerRowCount)),
      member("records", .integer(recordCount)),
      member("respondentIdColumn", .optional(respondentIDColumn.map { $0 + 1 })),
      member("waveColumn", .optional(waveColumn.map { $0 + 1 })),
      member("notices", .array(notices.map { .string($0) })),
      member("columns", .array(columnValues)),
      member("items", .array(itemValues)),
      member("problemCount", .integer(problems.count)),
      member("problems", .array(problemValues)),
    ])
  }
}

extension CSVEncodingDetection {
  /// `specified`, `byte-order-mark`, `zero-byte-pattern`, `valid-utf8`, `invalid-utf8`.
  public var identifier: String {
    switch self {
    case .specified: "specified"
    case .byteOrderMark: "byte-order-mark"
    case .zeroBytePattern: "zero-byte-pattern"
    case .validUTF8: "valid-utf8"
    case .invalidUTF8: "invalid-utf8"
    }
  }
}
