import SurveyCSV
import SurveyCapture
import SurveyInstruments

/// The options of every command that reads a survey export, and how they become import options:
/// one place, so that `inspect`, `score`, `report`, `compare` and `change` read files alike.
enum ExportArguments {
  /// `-i`, `--from`, `--delimiter`, `--sheet`, `--column`, `--map` and `--strict`.
  static let options: [OptionSpec] = [
    .value(
      "--instrument",
      short: "-i",
      "ID",
      repeatable: true,
      "An instrument to read. Repeatable. Without it, the instruments whose items match a column are used."
    ),
    .value(
      "--from",
      "PLATFORM",
      "The platform that exported the file: " + ExportDialect.identifiers.joined(separator: ", ")
        + ". Detected when not given."
    ),
    .value(
      "--delimiter",
      "C",
      "The field delimiter: a character, or comma, semicolon, tab. Detected when not given."
    ),
    .value(
      "--sheet",
      "NAME|NUMBER",
      "The worksheet to read from an Excel workbook (.xlsx), by name or number (1 is the first). Default: the first worksheet."
    ),
    .value(
      "--column",
      "ITEM=HEADER",
      repeatable: true,
      "Read ITEM (INSTRUMENT.ITEM, or an item id) from the column with HEADER. Repeatable."
    ),
    .value(
      "--map",
      "FILE",
      "A JSON file of columns: {\"format\": 1, \"columns\": {\"ITEM\": \"HEADER\"}}."
    ),
    .value(
      "--recode",
      "\"COLUMN: FROM=TO\"",
      repeatable: true,
      "Read the text FROM in COLUMN (a header, or INSTRUMENT.ITEM) as TO: a one-off fix of an answer or a group's spelling. Repeatable; each is counted in the output."
    ),
    .flag(
      "--strict",
      "Exit 65 if reading the file finds any problem (an unrecognised answer, a ragged row, ...)."
    ),
  ]

  /// The import options the command line asks for.
  ///
  /// - Throws: ``UsageError`` for an unknown platform or delimiter; `ImportError` for a bad
  ///   `--column` or `--map`.
  static func importOptions(
    _ parsed: ParsedArguments,
    console: Console,
    command: String,
    attributes: AttributeSelection
  )
    throws -> ImportOptions
  {
    var options = ImportOptions(
      attributes: attributes,
      isStrict: parsed.has("--strict"),
      sheet: parsed.value("--sheet")
    )
    if let name = parsed.value("--from") {
      guard let dialect = ExportDialect(named: name) else {
        throw UsageError(
          message: "unknown platform '\(name)'",
          hint: closestMatches(to: name, among: ExportDialect.identifiers).first.map {
            "did you mean '\($0)'?"
          }
            ?? "expected one of: " + ExportDialect.identifiers.joined(separator: ", "),
          command: command
        )
      }
      options.dialect = dialect
    }
    if let text = parsed.value("--delimiter") {
      options.delimiter = try delimiter(text, command: command)
    }
    for argument in parsed.values("--column") {
      options.columnMappings.append(try ColumnMapping(argument: argument))
    }
    for argument in parsed.values("--recode") {
      options.recodes.append(try AnswerRecode(argument: argument))
    }
    if let mapFile = parsed.value("--map") {
      options.columnMappings += try ColumnMapping.mappings(
        fromMapFileAt: console.resolve(mapFile),
        displayPath: mapFile
      )
    }
    return options
  }

  /// The delimiter named by `text`: one character, or `comma`, `semicolon`, `tab`.
  static func delimiter(_ text: String, command: String) throws -> CSVDelimiter {
    switch text.lowercased() {
    case "comma", ",": return .comma
    case "semicolon", ";": return .semicolon
    case "tab", "\\t", "\t": return .tab
    default:
      if text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first,
        let delimiter = CSVDelimiter(scalar)
      {
        return delimiter
      }
      throw UsageError(
        message:
          "invalid delimiter '\(text)'; expected one ASCII character (not a quote or line break), comma, semicolon or tab",
        command: command
      )
    }
  }

  /// How the instruments were chosen, for messages.
  enum Choice {
    case given
    case matched
  }

  /// The instruments named with `-i`, or, without it, those whose items match a column of the
  /// export.
  ///
  /// - Throws: ``UnknownInstrumentError`` for an unknown id; ``UsageError`` when none is named and
  ///   none matches (unless `allowNone`).
  static func instruments(
    _ parsed: ParsedArguments,
    catalogue: InstrumentCatalogue,
    layout: ExportLayout,
    file: String,
    command: String,
    allowNone: Bool = false
  ) throws -> ([Instrument], Choice) {
    let names = parsed.values("--instrument")
    guard !names.isEmpty else {
      let matching = ExportImporter.instrumentsMatching(layout, among: catalogue.instruments)
      if matching.isEmpty && !allowNone {
        throw UsageError(
          message: "no instrument's items match a column of \(file)",
          hint:
            "name the instruments with -i, for example -i ons-loneliness; 'loneliness instruments' lists them",
          command: command
        )
      }
      return (matching, .matched)
    }
    var instruments: [Instrument] = []
    for name in names {
      let instrument = try catalogue.instrument(named: name)
      if !instruments.contains(where: { $0.id == instrument.id }) { instruments.append(instrument) }
    }
    return (instruments, .given)
  }

  /// The instruments for a command that reads `file`: those named with `-i`, or those whose items
  /// match a column of the file.
  static func instruments(
    for file: String,
    parsed: ParsedArguments,
    console: Console,
    catalogue: InstrumentCatalogue,
    command: String
  ) throws -> [Instrument] {
    let options = try importOptions(parsed, console: console, command: command, attributes: .none)
    let layout = try ExportImporter.layout(
      of: .file(path: console.resolve(file), displayName: file),
      options: options
    )
    return try instruments(
      parsed,
      catalogue: catalogue,
      layout: layout,
      file: file,
      command: command
    ).0
  }

  /// Reads `file` for a command: its layout, the instruments (chosen as
  /// ``instruments(_:catalogue:layout:file:command:allowNone:)`` does unless given), and the table
  /// with the attribute columns asked for.
  ///
  /// Problems are reported on standard error as a note, or, with `--strict`, as an error (the
  /// result is then `nil` and the command exits 65).
  ///
  /// - Throws: ``UsageError`` when a column in `required` is not in the file.
  static func read(
    _ file: String,
    parsed: ParsedArguments,
    console: Console,
    catalogue: InstrumentCatalogue,
    command: String,
    attributes: AttributeSelection,
    instruments given: [Instrument]? = nil,
    required: [String] = [],
    multiSelect: [String] = []
  ) throws -> (
    result: ImportResult, layout: ExportLayout, instruments: [Instrument],
    multiSelect: [MultiSelectQuestion]
  )? {
    var options = try importOptions(
      parsed,
      console: console,
      command: command,
      attributes: attributes
    )
    let source = ExportSource.file(path: console.resolve(file), displayName: file)
    let layout = try ExportImporter.layout(of: source, options: options)
    let headers = layout.headers.map(\.name)
    var questions: [MultiSelectQuestion] = []
    for name in multiSelect {
      guard let question = MultiSelectQuestion.locate(name, in: layout.headers) else {
        throw UsageError(
          message: "--multi names the question '\(excerpt(name))', which \(file) does not have",
          hint: nearestColumnsHint(name, among: headers),
          command: command
        )
      }
      questions.append(question)
    }
    if case .named(let names) = options.attributes, !questions.isEmpty {
      options.attributes = .named(names + questions.flatMap(\.headers))
    }
    for column in required
    where !headers.contains(where: { normalizedLabel($0) == normalizedLabel(column) }) {
      throw UsageError(
        message: "\(file) has no column '\(excerpt(column))'",
        hint: nearestColumnsHint(column, among: headers),
        command: command
      )
    }
    let instruments =
      try given
      ?? self.instruments(
        parsed,
        catalogue: catalogue,
        layout: layout,
        file: file,
        command: command
      ).0
    let result = try ExportImporter.read(layout, instruments: instruments, options: options)
    let problems = result.report.problems
    if !problems.isEmpty {
      let found = "\(counted(problems.count, "problem")) reading \(file)"
      if !result.isAcceptable(strict: options.isStrict) {
        let kinds = ImportProblem.summary(of: problems, sayingWhatWasDone: false)
        console.writeDiagnostic(
          "error: \(found) (--strict): \(kinds); nothing was written\nhint: see them with: loneliness inspect \(file)\n"
        )
        return nil
      }
      console.writeDiagnostic(
        "note: \(found): \(ImportProblem.summary(of: problems))\nhint: see them with: loneliness inspect \(file); --strict makes any problem an error\n"
      )
    }
    return (result, layout, instruments, questions)
  }
}
