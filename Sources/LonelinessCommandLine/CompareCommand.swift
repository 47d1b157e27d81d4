import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPlatform
import SurveyReports
import SurveyScoring

let compareSpec = CommandSpec(
  name: "compare",
  summary:
    "Compare cohorts: differences in indicators and scores against a reference cohort, with intervals and tests.",
  usage: [
    "loneliness compare FILE -i ID... --cohort COLUMN [--reference VALUE] [--format F] [-o OUT]",
    "loneliness compare A.csv B.csv... -i ID... [--reference NAME] [--format F] [-o OUT]",
  ],
  discussion:
    "Reads one export with a column naming each respondent's cohort (--cohort), or several exports with one cohort per file (named by the file name without its extension), scores them, and compares every cohort with the reference cohort (--reference; the first cohort otherwise). For each indicator: each cohort's percentage with a Wilson interval, and the difference from the reference in percentage points with Newcombe's interval and a two-proportion z-test. For each score: each cohort's mean with a t interval, and the difference in means with Welch's interval and test and Hedges' g. With three or more cohorts, p-values are also Holm-adjusted across the comparisons of each measure. Cohorts under 30 are marked as a low base. Counts below 5 are hidden (--suppress-below N to change, --no-suppression for internal use), and so is every figure computed from them.",
  options: [
    .value(
      "--instrument",
      short: "-i",
      "ID",
      repeatable: true,
      "An instrument to score. Repeatable. Without it, the instruments whose items match a column."
    ),
    .value("--cohort", "COLUMN", "The column that names each respondent's cohort (one file)."),
    .value("--reference", "VALUE", "The cohort every other cohort is compared with."),
    .value("--format", "FORMAT", "text (the default), markdown, csv, json or html."),
    .value(
      "--output",
      short: "-o",
      "OUT",
      "Write to OUT (replaced in one step) instead of standard output."
    ),
    .value("--suppress-below", "N", "Hide counts from 1 to N-1 (default 5)."),
    .flag(
      "--no-suppression",
      "Show every count. Do not publish the result if it describes people."
    ),
    .value("--title", "TEXT", "The report's title."),
  ],
  examples: [
    "loneliness compare Examples/cohort-comparison/combined.csv -i ons-loneliness -i ons4 --cohort group --reference comparison",
    "loneliness compare Examples/cohort-comparison/comparison.csv Examples/cohort-comparison/intervention.csv -i ons-loneliness -i ons4",
  ]
)

enum CompareCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: compareSpec, console: console)
    else {
      return .success
    }
    let files = parsed.positionals
    let cohortColumn = parsed.value("--cohort")
    guard !files.isEmpty else {
      throw UsageError(
        message: "'compare' needs a file with --cohort COLUMN, or two or more files",
        hint: "for example: loneliness compare combined.csv -i ons-loneliness --cohort group",
        command: "compare"
      )
    }
    if files.count == 1 && cohortColumn == nil {
      throw UsageError(
        message: "one file needs --cohort COLUMN to say which cohort each row belongs to",
        hint: "or give one file per cohort",
        command: "compare"
      )
    }
    if files.count > 1 && cohortColumn != nil {
      throw UsageError(
        message: "--cohort is for one file; with several files each file is a cohort",
        hint: "drop --cohort, or combine the files",
        command: "compare"
      )
    }
    let format = try SurveyFiles.format(parsed, command: "compare")
    let suppression = try SurveyFiles.suppression(parsed, command: "compare")
    return try SurveyFiles.handlingReadErrors(console: console) {
      let catalogue = try CommandLineTool.catalogue(parsed, console: console)
      let instruments = try SurveyFiles.instruments(
        parsed,
        catalogue: catalogue,
        file: files[0],
        console: console,
        command: "compare"
      )
      var options = ComparisonOptions(
        title: parsed.value("--title") ?? "Cohort comparison",
        reference: parsed.value("--reference"),
        suppression: suppression
      )
      var cohorts: [String] = []
      var surveys: [ScoredSurvey] = []
      if let cohortColumn {
        let survey = try ScoredSurvey.read(
          files[0],
          instruments: instruments,
          columns: [cohortColumn],
          console: console,
          command: "compare"
        )
        guard let column = survey.table.attribute(named: cohortColumn) else { return .usage }
        cohorts = (0..<survey.table.count).map { column.value(at: $0) }
        surveys = [survey]
      } else {
        var labels: [String] = []
        for file in files {
          let label = SurveyFiles.cohortName(of: file)
          guard !labels.contains(label) else {
            throw UsageError(
              message: "two files would both be the cohort '\(label)'",
              hint: "rename one of them",
              command: "compare"
            )
          }
          labels.append(label)
          let survey = try ScoredSurvey.read(
            file,
            instruments: instruments,
            columns: [],
            console: console,
            command: "compare"
          )
          cohorts += Array(repeating: label, count: survey.table.count)
          surveys.append(survey)
        }
        options.cohortOrder = labels
      }
      var builder: ComparisonBuilder
      do {
        builder = try ComparisonBuilder(
          cohorts: cohorts,
          options: options,
          sourceFiles: files,
          cohortColumn: cohortColumn,
          rowLocations: surveys.flatMap(\.rowLocations)
        )
      } catch let error as ReportError {
        throw UsageError(message: error.message, hint: error.hint, command: "compare")
      }
      builder.addInstruments(
        instruments,
        origins: SurveyFiles.origins(parsed, instruments: instruments)
      )
      for note in surveys.flatMap(\.notes) { builder.addNote(note) }
      let first = surveys[0].scored
      for (index, indicator) in first.indicators.enumerated() {
        let values = surveys.flatMap { $0.scored.indicators[index].values }
        builder.addIndicator(id: indicator.name, title: indicator.indicator.title, values: values)
      }
      for (index, score) in first.scores.enumerated() {
        let values = surveys.flatMap { $0.scored.scores[index].values }
        builder.addScore(
          id: score.name,
          title: score.rule.title,
          values: values,
          decimals: score.rule.decimals,
          better: score.rule.better
        )
      }
      let report = builder.build()
      let text: String
      switch format {
      case .text: text = TextRenderer(width: console.width).render(report)
      case .markdown: text = MarkdownRenderer().render(report)
      case .csv: text = TidyCSVRenderer().render(report)
      case .json: text = JSONReportRenderer().render(report)
      case .html: text = HTMLRenderer().render(report)
      }
      try SurveyFiles.emit(text, parsed: parsed, console: console)
      return .success
    }
  }
}

/// An export read and scored, for the compare and change commands.
struct ScoredSurvey {
  /// The file as the user named it.
  var file: String
  /// The answers, with the requested attribute columns.
  var table: ResponseTable
  /// The scores and indicators of every row.
  var scored: ScoredTable
  /// Notes for the report's readers about how the file was read.
  var notes: [String]

  /// `file:line` of every row.
  var rowLocations: [String] { table.lineNumbers.map { "\(file):\($0)" } }

  /// Reads and scores `file`, keeping `columns`.
  ///
  /// - Throws: `UsageError` when a column is not in the file; `ImportError` and `CSVError` when
  ///   it cannot be read.
  static func read(
    _ file: String,
    instruments: [Instrument],
    columns: [String],
    console: Console,
    command: String
  ) throws -> ScoredSurvey {
    let options = ImportOptions(attributes: .named(columns))
    let source = ExportSource.file(path: console.resolve(file), displayName: file)
    let layout = try ExportImporter.layout(of: source, options: options)
    let headers = layout.headers.map(\.name)
    for column in columns
    where !headers.contains(where: { normalizedLabel($0) == normalizedLabel(column) }) {
      throw UsageError(
        message: "\(file) has no column '\(column)'",
        hint: closestMatches(to: column, among: headers).first.map { "did you mean '\($0)'?" },
        command: command
      )
    }
    let result = try ExportImporter.read(source, instruments: instruments, options: options)
    var notes: [String] = []
    let problems = result.report.problems
    if !problems.isEmpty {
      var kinds: [String] = []
      for problem in problems {
        let heading = problem.kind.heading.lowercased()
        if !kinds.contains(heading) { kinds.append(heading) }
      }
      let summary =
        "\(problems.count) problem\(problems.count == 1 ? "" : "s") reading \(file) (\(kinds.joined(separator: ", ")))"
      notes.append(
        "\(summary); unrecognised answers count as missing. See them with: loneliness inspect \(file)."
      )
      console.writeDiagnostic("note: \(summary)\nhint: see them with: loneliness inspect \(file)\n")
    }
    return ScoredSurvey(
      file: file,
      table: result.table,
      scored: Scorer.score(result.table),
      notes: notes
    )
  }
}

/// What the compare and change commands share: formats, suppression, instruments, output.
enum SurveyFiles {
  enum Format: String, CaseIterable {
    case text, markdown, csv, json, html
  }

  static func format(_ parsed: ParsedArguments, command: String) throws -> Format {
    let name = parsed.value("--format") ?? "text"
    guard let format = Format(rawValue: name) else {
      let names = Format.allCases.map(\.rawValue)
      throw UsageError(
        message: "unknown format '\(name)'; expected \(names.joined(separator: ", "))",
        hint: closestMatches(to: name, among: names).first.map { "did you mean '\($0)'?" },
        command: command
      )
    }
    return format
  }

  static func suppression(_ parsed: ParsedArguments, command: String) throws -> SuppressionPolicy {
    let below = parsed.value("--suppress-below")
    if parsed.has("--no-suppression") {
      guard below == nil else {
        throw UsageError(
          message: "--no-suppression and --suppress-below contradict each other",
          command: command
        )
      }
      return .none
    }
    guard let below else { return .threshold(5) }
    guard let threshold = Int(below), threshold >= 1 else {
      throw UsageError(
        message: "--suppress-below expects a whole number of 1 or more, got '\(below)'",
        hint: "for example --suppress-below 10; --no-suppression shows every count",
        command: command
      )
    }
    return threshold == 1 ? .none : .threshold(threshold)
  }

  static func instruments(
    _ parsed: ParsedArguments,
    catalogue: InstrumentCatalogue,
    file: String,
    console: Console,
    command: String
  ) throws -> [Instrument] {
    let names = parsed.values("--instrument")
    guard names.isEmpty else {
      var instruments: [Instrument] = []
      for name in names {
        let instrument = try catalogue.instrument(named: name)
        if !instruments.contains(where: { $0.id == instrument.id }) {
          instruments.append(instrument)
        }
      }
      return instruments
    }
    let source = ExportSource.file(path: console.resolve(file), displayName: file)
    let layout = try ExportImporter.layout(of: source, options: ImportOptions(attributes: .none))
    let matching = ExportImporter.instrumentsMatching(layout, among: catalogue.instruments)
    guard !matching.isEmpty else {
      throw UsageError(
        message: "no instrument's items match a column of \(file)",
        hint:
          "name the instruments with -i, for example -i ons-loneliness; 'loneliness instruments' lists them",
        command: command
      )
    }
    return matching
  }

  static func origins(
    _ parsed: ParsedArguments,
    instruments: [Instrument]
  ) -> [InstrumentID: String] {
    let builtIn = Set(InstrumentCatalogue.builtIn.instruments.map(\.id))
    var origins: [InstrumentID: String] = [:]
    for instrument in instruments where !builtIn.contains(instrument.id) {
      origins[instrument.id] = "loaded with --instruments"
    }
    return origins
  }

  /// The file's name without folders or extension: `Examples/x/intervention.csv` → `intervention`.
  static func cohortName(of file: String) -> String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  static func emit(_ text: String, parsed: ParsedArguments, console: Console) throws {
    guard let output = parsed.value("--output") else {
      console.write(text)
      return
    }
    do {
      try writeFileAtomically(console.resolve(output), bytes: Array(text.utf8))
    } catch {
      throw OutputError(underlying: error)
    }
  }

  /// Runs `body`, turning import and CSV errors into messages and exit codes.
  static func handlingReadErrors(console: Console, _ body: () throws -> ExitCode) throws -> ExitCode
  {
    do {
      return try body()
    } catch let error as ImportError {
      console.writeDiagnostic("\(error)\n")
      return error.isCommandLineError ? .usage : .dataError
    } catch let error as CSVError {
      var shown = error
      shown.filePath = error.filePath.map(console.displayPath)
      console.writeDiagnostic("\(shown)\n")
      switch error.kind {
      case .fileNotFound, .permissionDenied, .isDirectory: return .noInput
      case .unterminatedQuote: return .dataError
      default: return .ioError
      }
    }
  }
}
