import SurveyInstruments

/// Something in an export that did not fit: listed in the import report, never fatal (unless
/// the caller is strict).
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
  /// The kinds of problem.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A cell matches no option, code or missing answer of its item's scale.
    case unrecognisedAnswer = "unrecognised-answer"
    /// A record has more or fewer fields than the header.
    case raggedRow = "ragged-row"
    /// A respondent id occurs on more than one record.
    case duplicateRespondentID = "duplicate-respondent-id"
    /// An item of a chosen instrument has no column.
    case itemWithoutColumn = "item-without-column"
    /// A column matches two items of one instrument equally well.
    case ambiguousColumn = "ambiguous-column"
    /// An item matches more than one column.
    case itemInSeveralColumns = "item-in-several-columns"

    /// A heading for grouped output: `Unrecognised answers`, `Ragged rows`, ….
    public var heading: String {
      switch self {
      case .unrecognisedAnswer: "Unrecognised answers"
      case .raggedRow: "Ragged rows"
      case .duplicateRespondentID: "Duplicate respondent ids"
      case .itemWithoutColumn: "Items without a column"
      case .ambiguousColumn: "Columns matching two items"
      case .itemInSeveralColumns: "Items matching several columns"
      }
    }
  }

  /// What kind of problem this is.
  public var kind: Kind
  /// The file, as given, or `nil` for bytes in memory.
  public var file: String?
  /// The 1-based line where the record starts, for problems in a record.
  public var line: Int?
  /// The 1-based column (field) number, for problems in a column.
  public var column: Int?
  /// The column's header, when there is a column.
  public var header: String?
  /// The offending cell value or id, when there is one.
  public var value: String?
  /// The item concerned, if any.
  public var item: ItemKey?
  /// The nearest valid answers, for unrecognised answers.
  public var suggestions: [String]
  /// What is wrong, starting in lower case.
  public var message: String
  /// How to fix it, if there is advice.
  public var hint: String?

  /// Creates a problem.
  public init(
    kind: Kind,
    file: String?,
    line: Int? = nil,
    column: Int? = nil,
    header: String? = nil,
    value: String? = nil,
    item: ItemKey? = nil,
    suggestions: [String] = [],
    message: String,
    hint: String? = nil
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.header = header
    self.value = value
    self.item = item
    self.suggestions = suggestions
    self.message = message
    self.hint = hint
  }

  /// `FILE:LINE: message` (or `FILE: message`), then `hint: …` on its own line when there is
  /// one.
  public var description: String {
    var text = location.isEmpty ? message : "\(location): \(message)"
    if let hint { text += "\nhint: \(hint)" }
    return text
  }

  /// `FILE:LINE`, `FILE`, or empty.
  public var location: String {
    var parts: [String] = []
    if let file { parts.append(file) }
    if let line { parts.append(String(line)) }
    return parts.joined(separator: ":")
  }
}

extension ImportProblem {
  /// What `problems` were, kind by kind in the order of ``Kind``, and, unless
  /// `sayingWhatWasDone` is false (when nothing is kept), what reading did about them:
  /// "2 unrecognised answers, counted as missing; 1 repeated respondent id, every record read".
  ///
  /// - Complexity: O(*n*) in the number of problems.
  public static func summary(
    of problems: [ImportProblem],
    sayingWhatWasDone: Bool = true
  )
    -> String
  {
    var parts: [String] = []
    for kind in Kind.allCases {
      let count = problems.count { $0.kind == kind }
      guard count > 0 else { continue }
      let (what, done): (String, String) =
        switch kind {
        case .unrecognisedAnswer: (counted(count, "unrecognised answer"), ", counted as missing")
        case .raggedRow:
          (
            counted(count, "record") + " with more or fewer fields than the header",
            " (missing fields read as blank, extra ones not read)"
          )
        case .duplicateRespondentID:
          (counted(count, "repeated respondent id"), ", every record read")
        case .itemWithoutColumn:
          (counted(count, "item") + " without a column", ", read as not answered")
        case .ambiguousColumn:
          (counted(count, "column") + " matching two items equally", ", used for neither")
        case .itemInSeveralColumns:
          (counted(count, "item") + " matching several columns", ", one column used")
        }
      parts.append(sayingWhatWasDone ? what + done : what)
    }
    return parts.joined(separator: "; ")
  }
}

extension ImportProblem {
  static func unrecognisedAnswer(
    file: String?,
    line: Int,
    column: Int,
    header: String,
    value: String,
    key: ItemKey,
    scale: ResponseScale
  ) -> ImportProblem {
    let candidates = scale.options.map(\.label) + scale.missingAnswers.map(\.label)
    let shownValue = excerpt(value)
    let suggestions = closestMatches(to: value.trimmedSpaces(), among: candidates)
    return ImportProblem(
      kind: .unrecognisedAnswer,
      file: file,
      line: line,
      column: column + 1,
      header: header,
      value: value,
      item: key,
      suggestions: suggestions,
      message:
        "unrecognised answer '\(shownValue)' in column \(column + 1) '\(excerpt(header))' (\(key)): expected \(expectedAnswers(scale))",
      hint: suggestions.isEmpty
        ? "the answer is left missing; if it means one of the options, add it as an answer alias in an instrument extension file (Instruments/README.md says how), or recode it for this file alone with --recode \"COLUMN: TEXT=ANSWER\""
        : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
    )
  }

  /// `one of 'A', 'B' or 'C' (codes 1–3)` or `a whole number from 0 to 10`, plus the missing
  /// answers.
  static func expectedAnswers(_ scale: ResponseScale) -> String {
    var text: String
    if scale.options.allSatisfy({ Int($0.label) == $0.code }) {
      text = "a whole number from \(scale.minimumCode) to \(scale.maximumCode)"
    } else {
      let labels = scale.options.map { "'\($0.label)'" }
      text =
        "one of " + listed(labels, conjunction: "or")
        + " (codes \(scale.minimumCode)–\(scale.maximumCode))"
    }
    if !scale.missingAnswers.isEmpty {
      text += ", or " + listed(scale.missingAnswers.map { "'\($0.label)'" }, conjunction: "or")
    }
    return text
  }

  static func raggedRow(file: String?, line: Int, fieldCount: Int, expected: Int) -> ImportProblem {
    let consequence =
      fieldCount < expected
      ? "the missing fields are read as blank" : "the extra fields are not read"
    return ImportProblem(
      kind: .raggedRow,
      file: file,
      line: line,
      value: String(fieldCount),
      message:
        "the record has \(counted(fieldCount, "field")) but the header has \(expected); \(consequence)",
      hint: "check for an unquoted delimiter or line break in this record"
    )
  }

  /// A worksheet row with values in columns that have no header.
  static func valuesBeyondHeader(
    file: String?,
    row: Int,
    fieldCount: Int,
    expected: Int
  ) -> ImportProblem {
    ImportProblem(
      kind: .raggedRow,
      file: file,
      line: row,
      value: String(fieldCount),
      message:
        "row \(row) has values up to column \(fieldCount) but the header has \(expected) columns; the values beyond it are not read",
      hint: "give those columns a header in the sheet, or delete the stray values"
    )
  }

  static func duplicateRespondentID(
    file: String?,
    line: Int,
    column: Int,
    header: String,
    id: String,
    wave: (header: String, value: String)?,
    firstLine: Int,
    unit: String = "line"
  ) -> ImportProblem {
    let waveText = wave.map { " with \(excerpt($0.header)) '\(excerpt($0.value))'" } ?? ""
    return ImportProblem(
      kind: .duplicateRespondentID,
      file: file,
      line: line,
      column: column + 1,
      header: header,
      value: id,
      message:
        "respondent id '\(excerpt(id))'\(waveText) in column \(column + 1) '\(excerpt(header))' appears again (first on \(unit) \(firstLine))",
      hint: "if it was entered twice, remove one record before reporting; both are read"
    )
  }

  static func itemWithoutColumn(file: String?, key: ItemKey, item: Item) -> ImportProblem {
    ImportProblem(
      kind: .itemWithoutColumn,
      file: file,
      item: key,
      message: "no column matches \(key) '\(item.displayText)'; its answers are all 'not answered'",
      hint: "name its column with --column \(key)=HEADER or in a --map file"
    )
  }

  static func ambiguousColumn(
    file: String?,
    column: Int,
    header: String,
    candidates: [ColumnMatch]
  ) -> ImportProblem {
    let names = candidates.map { "\($0.key) (\($0.ruleDescription))" }
    return ImportProblem(
      kind: .ambiguousColumn,
      file: file,
      column: column + 1,
      header: header,
      message:
        "column \(column + 1) '\(excerpt(header))' matches \(candidates.count) items equally well: "
        + listed(names, conjunction: "and") + "; it is used for none of them",
      hint: "choose one with --column \(candidates[0].key)=HEADER or in a --map file"
    )
  }

  static func itemInSeveralColumns(
    file: String?,
    key: ItemKey,
    columns: [(Int, String)],
    chosen: Int
  ) -> ImportProblem {
    let names = columns.map { "\($0.0 + 1) '\(excerpt($0.1))'" }
    return ImportProblem(
      kind: .itemInSeveralColumns,
      file: file,
      column: chosen + 1,
      item: key,
      message: "\(key) matches \(columns.count) columns: " + listed(names, conjunction: "and")
        + "; column \(chosen + 1) is used and the others are kept as other columns",
      hint: "choose another with --column \(key)=HEADER or in a --map file"
    )
  }
}

/// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
func listed(_ items: [String], conjunction: String) -> String {
  guard items.count > 1, let last = items.last else { return items.first ?? "" }
  return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
}
