import SurveyInstruments

/// The layout of a survey platform's CSV export: how many header rows it has, how its headers
/// combine, and which column identifies a respondent.
///
/// | Dialect | Header rows | Respondent id | Detected by | Layout checked against |
/// |---|---|---|---|---|
/// | SurveyMonkey | 2 (question; sub-question, option, `Response` or `Open-Ended Response`) | Respondent ID | `Respondent ID` with `Collector ID`, or with `Response` cells in row 2 | other projects' readers and documented demos; no real file |
/// | Qualtrics | 3 (ids, question text, ImportId: JSON since 2017, `{'ImportId': '…'}` in 2016); 2 in the legacy export (`V1,V2,…` then `ResponseID,ResponseSet,…`) | ResponseId | a row of ImportId cells, the legacy rows, or `ResponseId` with `StartDate` | two real exports (qualtRics) and the layouts of three more (QualtricsTools) |
/// | Microsoft Forms | 1 | ID | `ID`, `Start time` and `Completion time` | other projects' test data; no real file |
/// | Google Forms | 1 | none | a first column `Timestamp` | other projects' test data; no real file |
/// | SmartSurvey | 1 | UserNo | `UserNo` with `Started` or `Ended` | nothing: assumed |
/// | JISC Online Surveys | 1 | Response ID | `Response ID` with `Start date` or `Completion date` | nothing: assumed |
/// | generic | 1 | the first column named `id` or `… id` | anything else | |
///
/// Qualtrics joins a question and its option with ` - ` (since 2017, with ` - Selected Choice`
/// between them when the question has a text-entry option, which is left out of the question
/// text) or with a bare `-` (2016 and legacy exports, split by what a question's columns share).
///
/// The sources of each fact, and the test files that repeat them, are listed in
/// `Examples/platform-exports/README.md` ("Sources for the layouts") and in the README beside
/// each file under `Tests/SurveyCaptureTests/Fixtures/real-exports/`. SmartSurvey and JISC
/// publish no description of their export layout and no real export was found; the layouts
/// assumed here (one header row, metadata columns first, questions numbered `Q1.` or `1.`, grid
/// rows as `Question: Row` or `Question - Row`) should be checked against real exports.
public enum ExportDialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// SurveyMonkey's CSV export ("All responses data", expanded).
  case surveyMonkey = "surveymonkey"
  /// Qualtrics' CSV or TSV export.
  case qualtrics = "qualtrics"
  /// Microsoft Forms' Excel export, read as it is or saved as CSV.
  case microsoftForms = "microsoft-forms"
  /// Google Forms' response sheet downloaded as CSV.
  case googleForms = "google-forms"
  /// SmartSurvey's raw data export (layout assumed).
  case smartSurvey = "smartsurvey"
  /// JISC Online Surveys' response export (layout assumed).
  case jisc = "jisc"
  /// Any other file with one header row.
  case generic = "generic"

  /// The platform's name as people write it: `SurveyMonkey`, `Microsoft Forms`.
  public var name: String {
    switch self {
    case .surveyMonkey: "SurveyMonkey"
    case .qualtrics: "Qualtrics"
    case .microsoftForms: "Microsoft Forms"
    case .googleForms: "Google Forms"
    case .smartSurvey: "SmartSurvey"
    case .jisc: "JISC Online Surveys"
    case .generic: "generic"
    }
  }

  /// The platform's name.
  public var description: String { name }

  /// The dialect named `text`: its identifier (`microsoft-forms`) or its name in any case and
  /// spacing (`Microsoft Forms`, `msforms`, `google`, `jisc online surveys`).
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public init?(named text: String) {
    let key = normalizedLabel(text).replacingSpaces()
    let names: [(String, ExportDialect)] = [
      ("surveymonkey", .surveyMonkey), ("qualtrics", .qualtrics),
      ("microsoftforms", .microsoftForms),
      ("msforms", .microsoftForms), ("forms", .microsoftForms), ("googleforms", .googleForms),
      ("google", .googleForms), ("smartsurvey", .smartSurvey), ("jisc", .jisc),
      ("jisconlinesurveys", .jisc), ("onlinesurveys", .jisc), ("generic", .generic),
      ("csv", .generic),
    ]
    guard let match = names.first(where: { $0.0 == key }) else { return nil }
    self = match.1
  }

  /// The identifiers accepted by ``init(named:)``, one per dialect.
  public static var identifiers: [String] { allCases.map(\.rawValue) }

  /// The headers (normalised) of the column that identifies a respondent, in order of preference.
  var idColumnHeaders: [String] {
    switch self {
    case .surveyMonkey: ["respondent id"]
    case .qualtrics: ["responseid", "response id"]
    case .microsoftForms: ["id"]
    case .googleForms: []
    case .smartSurvey: ["userno"]
    case .jisc: ["response id"]
    case .generic: []
    }
  }
}

/// How the dialect of an export was chosen.
public enum DialectDetection: Sendable, Hashable, CustomStringConvertible {
  /// Given with `--from` (``ImportOptions/dialect``).
  case specified
  /// Recognised from its header signature, described in words (`headers "Respondent ID" and
  /// "Collector ID"`).
  case signature(String)
  /// More than one dialect's signature matched, so the file is read as generic.
  case ambiguous([ExportDialect])
  /// No signature matched, so the file is read as generic.
  case noSignature

  /// `given with --from`, `detected from headers "Respondent ID" and "Collector ID"`, ….
  public var description: String {
    switch self {
    case .specified: "given with --from"
    case .signature(let text): "detected from \(text)"
    case .ambiguous(let dialects):
      "the headers fit " + dialects.map(\.name).joined(separator: " and ")
        + ", so read as generic; choose one with --from"
    case .noSignature: "no platform's headers recognised, so read as generic"
    }
  }
}

extension ExportDialect {
  /// Chooses the dialect from the first records of a file.
  ///
  /// - Parameter records: Up to the first three records, as read.
  /// - Returns: The dialect and how it was chosen.
  static func detect(_ records: [[String]]) -> (ExportDialect, DialectDetection) {
    guard let first = records.first else { return (.generic, .noSignature) }
    let headers = Set(first.map { normalizedLabel($0) })
    func has(_ names: String...) -> Bool {
      names.allSatisfy { headers.contains(normalizedLabel($0)) }
    }
    var found: [(ExportDialect, String)] = []
    if has("Respondent ID", "Collector ID") {
      found.append((.surveyMonkey, "headers \"Respondent ID\" and \"Collector ID\""))
    } else if has("Respondent ID"), hasSurveyMonkeyPlaceholders(records) {
      found.append(
        (.surveyMonkey, "the header \"Respondent ID\" and \"Response\" cells in header row 2")
      )
    }
    if let row = importIDRow(records) {
      found.append((.qualtrics, "the ImportId cells of header row \(row + 1)"))
    } else if isLegacyQualtrics(records) {
      found.append(
        (.qualtrics, "the legacy header rows \"V1,V2,…\" and \"ResponseID,ResponseSet,…\"")
      )
    } else if has("ResponseId", "StartDate") || has("ResponseID", "StartDate") {
      found.append((.qualtrics, "headers \"ResponseId\" and \"StartDate\""))
    }
    if has("ID", "Start time", "Completion time") {
      found.append((.microsoftForms, "headers \"ID\", \"Start time\" and \"Completion time\""))
    }
    if let firstHeader = first.first, normalizedLabel(firstHeader) == "timestamp" {
      found.append((.googleForms, "the first header \"Timestamp\""))
    }
    if has("UserNo") && (has("Started") || has("Ended")) {
      found.append((.smartSurvey, "headers \"UserNo\" and \"Started\""))
    }
    if has("Response ID") && (has("Start date") || has("Completion date")) {
      found.append((.jisc, "headers \"Response ID\" and \"Start date\""))
    }
    switch found.count {
    case 0: return (.generic, .noSignature)
    case 1: return (found[0].0, .signature(found[0].1))
    default: return (.generic, .ambiguous(found.map(\.0)))
    }
  }

  /// Whether the records start as Qualtrics' legacy export does.
  ///
  /// That export has a first row of column ids `V1,V2,…,V10` (then question ids such as `Q1`),
  /// and a second row of `ResponseID,ResponseSet,…` then the question texts. Every row of it
  /// ends with a comma. Layout as in the legacy test export of the qualtRics R package
  /// (`tests/testthat/files/sample_legacy.csv`).
  static func isLegacyQualtrics(_ records: [[String]]) -> Bool {
    guard records.count >= 2, records[0].count >= 3, records[1].count >= 2 else { return false }
    let ids = records[0].prefix(3).map { $0.trimmedSpaces() }
    guard ids == ["V1", "V2", "V3"] else { return false }
    return normalizedLabel(records[1][0]) == "responseid"
  }

  /// Whether the second record has a cell that only SurveyMonkey's second header row holds:
  /// `Response` or `Open-Ended Response` under a question with one column.
  ///
  /// Lets an export whose metadata columns were deleted in a spreadsheet (all but
  /// `Respondent ID`) still be read with its two header rows.
  static func hasSurveyMonkeyPlaceholders(_ records: [[String]]) -> Bool {
    guard records.count >= 2 else { return false }
    return records[1].contains { ExportHeader.isPlaceholder($0) }
  }

  /// Whether `name` is a legacy Qualtrics metadata column id: `V` and a number.
  static func isLegacyColumnID(_ name: String) -> Bool {
    name.count >= 2 && name.first == "V"
      && name.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// The index of the Qualtrics ImportId header row among the first three records, if any.
  static func importIDRow(_ records: [[String]]) -> Int? {
    for (index, record) in records.prefix(3).enumerated() {
      let cells = record.filter { !$0.isEmpty }
      if !cells.isEmpty, cells.allSatisfy({ importID(in: $0) != nil }) { return index }
    }
    return nil
  }

  /// The `ImportId` of a Qualtrics third-row cell such as `{"ImportId":"QID5_1"}` (JSON, as
  /// exports since 2017 write it, sometimes with more members such as `"choiceId":"1"`), or
  /// `{'ImportId': 'QID2-1'}` (single quotes, as the 2016 exports of the Insights platform wrote
  /// it).
  static func importID(in cell: String) -> String? {
    if cell.hasPrefix("{'") { return singleQuotedImportID(in: cell) }
    guard cell.hasPrefix("{"), let node = try? JSONReader.parse(Array(cell.utf8)),
      case .object(let members) = node.value,
      let member = members.first(where: { $0.key == "ImportId" }),
      case .string(let value) = member.value.value
    else { return nil }
    return value
  }

  /// The value of a cell that is exactly `{'ImportId': 'VALUE'}` (spaces allowed after the
  /// colon), where VALUE holds no quote; otherwise `nil`.
  ///
  /// - Complexity: O(*n*) in the length of `cell`.
  static func singleQuotedImportID(in cell: String) -> String? {
    let opening = "{'ImportId':"
    guard cell.hasPrefix(opening), cell.hasSuffix("'}") else { return nil }
    var rest = cell.dropFirst(opening.count).dropLast(2)
    while rest.first == " " { rest = rest.dropFirst() }
    guard rest.first == "'" else { return nil }
    let value = rest.dropFirst()
    guard !value.isEmpty, !value.contains("'") else { return nil }
    return String(value)
  }

  /// The number of header rows of this dialect for a file whose first records are `records`.
  func headerRowCount(_ records: [[String]]) -> Int {
    switch self {
    case .surveyMonkey: return 2
    case .qualtrics:
      if let row = Self.importIDRow(records) { return row + 1 }
      return 2
    default: return 1
    }
  }
}

extension String {
  /// The text with spaces removed.
  func replacingSpaces() -> String { String(unicodeScalars.filter { $0 != " " }) }
}
