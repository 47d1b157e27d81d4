import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPipeline

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

  /// The options for reading an export into a survey, from the command line: the import
  /// options, the instruments named with `-i` (or, without it, every instrument of the
  /// catalogue whose items match a column), and the columns and questions the command needs.
  ///
  /// - Throws: ``UsageError`` for a bad option; `UnknownInstrumentError` for an unknown id.
  static func readingOptions(
    _ parsed: ParsedArguments,
    console: Console,
    catalogue: InstrumentCatalogue,
    command: String,
    columns: [ColumnRequest] = [],
    multiSelect: [String] = [],
    allowsNoInstrument: Bool = false
  ) throws -> SurveyReadingOptions {
    let names = parsed.values("--instrument")
    var selection = InstrumentSelection.matching(catalogue.instruments)
    if !names.isEmpty {
      var instruments: [Instrument] = []
      for name in names {
        let instrument = try catalogue.instrument(named: name)
        if !instruments.contains(where: { $0.id == instrument.id }) {
          instruments.append(instrument)
        }
      }
      selection = .named(instruments)
    }
    return SurveyReadingOptions(
      importOptions: try importOptions(
        parsed,
        console: console,
        command: command,
        attributes: .none
      ),
      instruments: selection,
      allowsNoInstrument: allowsNoInstrument,
      columns: columns,
      multiSelect: multiSelect,
      instrumentOrigins: catalogue.origins
    )
  }

  /// Reads `file` into a survey with `options`, and notes on standard error any problems met in
  /// reading it.
  ///
  /// - Throws: `SurveyReadingError` and the errors of reading the file, which
  ///   ``CommandLineTool/run(_:console:)`` words for the command line.
  static func readSurvey(
    _ file: String,
    options: SurveyReadingOptions,
    console: Console
  ) throws -> Survey {
    let survey = try Survey(
      reading: .file(path: console.resolve(file), displayName: file),
      options: options
    )
    let problems = survey.importReport.problems
    if !problems.isEmpty {
      console.writeDiagnostic(
        "note: \(counted(problems.count, "problem")) reading \(file): \(ImportProblem.summary(of: problems))\nhint: see them with: loneliness inspect \(file); --strict makes any problem an error\n"
      )
    }
    return survey
  }

  /// How reports refer readers to the problems of a file.
  static let referral = SurveyAnalysis.ProblemReferral(command: "loneliness inspect")

  /// The option that names a column of each role, for messages.
  static func option(for role: ColumnRole) -> String {
    switch role {
    case .breakdown: "--by"
    case .weight: "--weight"
    case .tally: "--tally"
    case .cohort: "--cohort"
    case .respondentID: "--id"
    case .wave: "--wave"
    }
  }
}
