import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPlatform
import SurveyReports
import SurveyWorkbook

let inspectSpec = CommandSpec(
  name: "inspect",
  summary:
    "Show how an export was read: encoding, dialect, columns matched to items, answers, problems.",
  usage: [
    "loneliness inspect FILE [-i ID]... [--from PLATFORM] [--delimiter C] [--sheet NAME|NUMBER]",
    "                        [--column ITEM=HEADER]... [--map FILE] [--strict] [--format text|json]",
    "                        [--rows N]",
  ],
  discussion:
    "Reads a survey export (CSV, or an Excel workbook, told apart by content) and shows how it was understood: the encoding (and whether it was converted) and the delimiter, or the worksheet read and the workbook's other sheets, the platform dialect and how it was recognised, the header rows and number of records, each column with the item it matched and the rule that matched it (explicit mapping, INSTRUMENT.ITEM header, item id, wording, alias, key phrase, grid item part), the answer counts per item, and every problem: unrecognised answers with their line, column and the nearest valid answers, ragged rows, duplicate respondent ids, items with no column, and columns matching two items. Without -i, the built-in instruments whose items match a column are used. The file is never modified. With --strict, any problem exits 65. --rows N --format json prints the first N records exactly as read, keyed by header.",
  options: ExportArguments.options + [
    .value("--format", "FORMAT", "text (the default) or json."),
    .value("--rows", "N", "Print the first N records exactly as read instead of the report."),
  ],
  examples: [
    "loneliness inspect Examples/platform-exports/surveymonkey.csv",
    "loneliness inspect Examples/platform-exports/google-forms.csv -i ons-loneliness -i swemwbs",
    "loneliness inspect export.csv -i ons-loneliness --column ons-loneliness.lonely=\"Q4\" --strict",
    "loneliness inspect export.csv --rows 5 --format json",
  ]
)

enum InspectCommand {
  /// The most problems of one kind listed in text output before "and N more".
  static let problemsShownPerKind = 20

  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: inspectSpec, console: console)
    else {
      return .success
    }
    guard parsed.positionals.count == 1, let file = parsed.positionals.first else {
      throw UsageError(
        message: parsed.positionals.isEmpty ? "'inspect' needs a file" : "'inspect' takes one file",
        hint: "for example: loneliness inspect Examples/platform-exports/surveymonkey.csv",
        command: "inspect"
      )
    }
    let format = parsed.value("--format") ?? "text"
    guard format == "text" || format == "json" else {
      throw UsageError(
        message: "unknown format '\(format)'; expected text or json",
        command: "inspect"
      )
    }
    var rowLimit: Int?
    if let text = parsed.value("--rows") {
      guard let limit = Int(text), limit >= 0 else {
        throw UsageError(message: "--rows needs a whole number, not '\(text)'", command: "inspect")
      }
      rowLimit = limit
    }
    let options = try ExportArguments.importOptions(
      parsed,
      console: console,
      command: "inspect",
      attributes: .all
    )
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    let source = ExportSource.file(path: console.resolve(file), displayName: file)
    let layout = try ExportImporter.layout(of: source, options: options)
    if let rowLimit {
      let rows = try ExportImporter.previewRecords(layout, limit: rowLimit)
      if format == "json" {
        console.writeRaw(previewJSON(rows))
      } else {
        console.write(previewText(rows, layout: layout))
      }
      return .success
    }
    let (instruments, choice) = try ExportArguments.instruments(
      parsed,
      catalogue: catalogue,
      layout: layout,
      file: file,
      command: "inspect",
      allowNone: true
    )
    let chosenBy =
      switch choice {
      case .given: "given with -i"
      case .matched:
        instruments.isEmpty
          ? "no built-in instrument matches a column; choose one with -i"
          : "not given, so the instruments whose items match columns"
      }
    let report = try ExportImporter.report(layout, instruments: instruments, options: options)
    let inspection = ImportInspection(
      report: report,
      instruments: instruments.map(\.id.rawValue),
      instrumentsChosenBy: chosenBy,
      problemsShownPerKind: problemsShownPerKind
    )
    if format == "json" {
      console.writeRaw(inspection.rendered(as: .json))
    } else {
      console.write(inspection.rendered(as: .text))
    }
    if options.isStrict && !report.problems.isEmpty {
      console.writeDiagnostic(
        "error: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") in \(file) (--strict)\n"
      )
      return .dataError
    }
    return .success
  }

  // MARK: - Records

  static func previewJSON(_ rows: [[(name: String, value: String)]]) -> String {
    JSONWriter.text(
      for: .array(
        rows.map { row in .object(row.map { JSONObjectMember($0.name, .string($0.value)) }) }
      )
    )
  }

  static func previewText(_ rows: [[(name: String, value: String)]], layout: ExportLayout) -> String
  {
    var text = ""
    for (index, row) in rows.enumerated() {
      text += "record \(index + 1)\n"
      for field in row { text += "  \(field.name): \(field.value)\n" }
    }
    return text
  }
}
