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
    if format == "json" {
      console.writeRaw(json(report, instruments: instruments, chosenBy: chosenBy))
    } else {
      console.write(text(report, instruments: instruments, chosenBy: chosenBy))
    }
    if options.isStrict && !report.problems.isEmpty {
      console.writeDiagnostic(
        "error: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") in \(file) (--strict)\n"
      )
      return .dataError
    }
    return .success
  }

  // MARK: - Text

  static func text(_ report: ImportReport, instruments: [Instrument], chosenBy: String) -> String {
    var lines: [String] = []
    var encoding = report.encoding.description
    encoding += report.hasByteOrderMark ? " with byte order mark" : ""
    if report.isTranscoded { encoding += ", converted to UTF-8" }
    if report.encodingDetection == .invalidUTF8 { encoding += " (the file is not valid UTF-8)" }
    var facts: [(String, String)] = [("File", report.file ?? "(input)")]
    if let workbook = report.workbook {
      facts.append(("Format", "Excel workbook"))
      facts.append(
        (
          "Sheet",
          "'\(workbook.sheet.name)' (sheet \(workbook.sheet.number) of \(workbook.sheets.count); "
            + (workbook.isNamed ? "given with --sheet)" : "the first worksheet)")
        )
      )
      let others = workbook.otherSheets.map { sheet in
        "\(sheet.number) '\(sheet.name)'"
          + (sheet.kind == .chartsheet
            ? " (chart)" : sheet.kind == .other ? " (not a worksheet)" : "")
          + (sheet.isHidden ? " (hidden)" : "")
      }
      facts.append(
        (
          "Other sheets",
          others.isEmpty ? "none" : others.joined(separator: ", ") + "; read one with --sheet"
        )
      )
    } else {
      facts.append(("Encoding", encoding))
      facts.append(
        (
          "Delimiter",
          report.delimiter.description + (report.isDelimiterDetected ? " (detected)" : " (given)")
        )
      )
    }
    facts += [
      ("Dialect", "\(report.dialect.name) (\(report.dialectDetection))"),
      ("Header rows", String(report.headerRowCount)),
      ("Records", String(report.recordCount)),
      (
        "Respondent id",
        report.respondentIDColumn.map { "column \($0 + 1) '\(report.columns[$0].header.name)'" }
          ?? "none"
      ),
      (
        "Instruments",
        (instruments.isEmpty ? "none" : instruments.map(\.id.rawValue).joined(separator: ", "))
          + " (\(chosenBy))"
      ),
    ]
    for (label, value) in facts { lines.append(padded(label, to: 15) + value) }
    if let wave = report.waveColumn {
      lines.append(
        padded("Waves", to: 15)
          + "column \(wave + 1) '\(report.columns[wave].header.name)' (ids are checked within each wave)"
      )
    }
    for notice in report.notices where notice.hasPrefix("the file") {
      lines.append(padded("Note", to: 15) + notice)
    }

    lines.append("")
    lines.append("COLUMNS")
    let numberWidth = String(report.columns.count).count
    let headerWidth = min(60, report.columns.map { shortened($0.header.name, 60).count }.max() ?? 0)
    for column in report.columns {
      var use: String
      switch column.role {
      case .item:
        use = column.matches.map { "\($0.key) (\($0.ruleDescription))" }.joined(separator: "; ")
      case .attribute:
        use = column.index == report.respondentIDColumn ? "respondent id" : "other column"
      case .notKept:
        use = "not kept"
      }
      if let importID = column.header.importID, column.role == .item {
        use += " [ImportId \(importID)]"
      }
      let name = shortened(column.header.name, 60)
      var line =
        "  " + leftPadded(String(column.index + 1), to: numberWidth) + "  "
        + padded(name, to: headerWidth) + "  " + use
      while line.hasSuffix(" ") { line.removeLast() }
      lines.append(line)
      if report.dialect == .qualtrics, column.header.question != column.header.name {
        lines.append(
          "  " + String(repeating: " ", count: numberWidth) + "  " + "  '"
            + shortened(column.header.question, 80) + "'"
        )
      }
    }

    lines.append("")
    lines.append("ANSWERS")
    if report.items.isEmpty { lines.append("  (no instrument chosen)") }
    for item in report.items {
      var title = "  \(item.key)  '\(shortened(item.text, 60))'"
      if let column = item.column {
        title += "  column \(column + 1)"
      } else {
        title += "  no column"
      }
      lines.append(title)
      var rows: [(String, String, Int)] = item.counts.options.map {
        (String($0.code), $0.label, $0.count)
      }
      rows.append(("", "base (valid answers)", item.counts.base))
      rows += item.counts.missing.map { ("", $0.label, $0.count) }
      rows.append(("", "blank", item.counts.blank))
      rows.append(("", "unrecognised", item.counts.unrecognised))
      let codeWidth = rows.map(\.0.count).max() ?? 0
      let labelWidth = rows.map(\.1.count).max() ?? 0
      let countWidth = rows.map { String($0.2).count }.max() ?? 0
      for row in rows {
        lines.append(
          "    " + leftPadded(row.0, to: codeWidth) + "  " + padded(row.1, to: labelWidth) + "  "
            + leftPadded(String(row.2), to: countWidth)
        )
      }
    }

    lines.append("")
    lines.append("PROBLEMS (\(report.problems.count))")
    if report.problems.isEmpty { lines.append("  none") }
    var hidden = 0
    for kind in ImportProblem.Kind.allCases {
      let problems = report.problems.filter { $0.kind == kind }
      guard !problems.isEmpty else { continue }
      lines.append("  \(kind.heading) (\(problems.count))")
      for problem in problems.prefix(problemsShownPerKind) {
        for (index, part) in problem.description.split(
          separator: "\n",
          omittingEmptySubsequences: false
        ).enumerated() {
          lines.append((index == 0 ? "    " : "      ") + part)
        }
      }
      if problems.count > problemsShownPerKind {
        hidden += problems.count - problemsShownPerKind
        lines.append(
          "    … and \(problems.count - problemsShownPerKind) more of these \(kind.heading.lowercased())"
        )
      }
    }
    if hidden > 0 {
      lines.append(
        "  \(counted(hidden, "problem")) \(hidden == 1 ? "is" : "are") not shown here; use --format json to list them all."
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `text` on one line (line breaks become spaces), cut to `limit` characters with "…".
  ///
  /// - Complexity: O(`limit`), whatever the length of the text.
  static func shortened(_ text: String, _ limit: Int) -> String {
    var flat: [Character] = []
    var pendingBreak = false
    for character in text {
      if character == "\n" || character == "\r" || character == "\r\n" {
        pendingBreak = true
        continue
      }
      if pendingBreak && !flat.isEmpty { flat.append(" ") }
      pendingBreak = false
      flat.append(character)
      if flat.count > limit { return String(flat.prefix(limit - 1)) + "…" }
    }
    return String(flat)
  }

  // MARK: - JSON

  static func json(_ report: ImportReport, instruments: [Instrument], chosenBy: String) -> String {
    guard case .object(let members) = report.jsonValue else {
      return JSONWriter.text(for: report.jsonValue)
    }
    let instrumentMembers = [
      JSONObjectMember("instruments", .array(instruments.map { .string($0.id.rawValue) })),
      JSONObjectMember("instrumentsChosenBy", .string(chosenBy)),
    ]
    return JSONWriter.text(for: .object(instrumentMembers + members))
  }

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
