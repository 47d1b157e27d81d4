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
    "loneliness compare FILE [-i ID]... --cohort COLUMN [--reference VALUE] [--format F] [-o FILE]",
    "loneliness compare A.csv B.csv... [-i ID]... [--reference NAME] [--format F] [-o FILE]",
  ],
  discussion:
    "Reads one export with a column naming each respondent's cohort (--cohort), or several exports with one cohort per file (named by the file name without its extension), scores them, and compares every cohort with the reference cohort (--reference; the first cohort otherwise). For each indicator: each cohort's percentage with a Wilson interval, and the difference from the reference in percentage points with Newcombe's interval and a two-proportion z-test. For each score: each cohort's mean with a t interval, and the difference in means with Welch's interval and test and Hedges' g. With three or more cohorts, p-values are also Holm-adjusted across the comparisons of each measure. Cohorts under 30 are marked as a low base. Counts below 5 are hidden (--suppress-below N to change, --no-suppression for internal use), and so is every figure computed from them.",
  options: ExportArguments.options + [
    .value("--cohort", "COLUMN", "The column that names each respondent's cohort (one file)."),
    .value("--reference", "VALUE", "The cohort every other cohort is compared with."),
    OutputArguments.maximumGroupsOption,
  ] + OutputArguments.options(nhsDigital: false),
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
    let format = try OutputArguments.format(parsed, command: "compare")
    let suppression = try OutputArguments.suppression(parsed, command: "compare")
    do {
      let catalogue = try CommandLineTool.catalogue(parsed, console: console)
      let instruments = try ExportArguments.instruments(
        for: files[0],
        parsed: parsed,
        console: console,
        catalogue: catalogue,
        command: "compare"
      )
      var options = ComparisonOptions(
        title: parsed.value("--title") ?? "Cohort comparison",
        reference: parsed.value("--reference"),
        suppression: suppression
      )
      options.maximumGroups = try OutputArguments.maximumGroups(parsed, command: "compare")
      var cohorts: [String] = []
      var surveys: [ScoredSurvey] = []
      if let cohortColumn {
        guard
          let survey = try ScoredSurvey.read(
            files[0],
            parsed: parsed,
            console: console,
            catalogue: catalogue,
            instruments: instruments,
            columns: [cohortColumn],
            command: "compare"
          )
        else { return .dataError }
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
          guard
            let survey = try ScoredSurvey.read(
              file,
              parsed: parsed,
              console: console,
              catalogue: catalogue,
              instruments: instruments,
              columns: [],
              command: "compare"
            )
          else { return .dataError }
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
      } catch {
        throw UsageError(message: error.message, hint: error.hint, command: "compare")
      }
      builder.addInstruments(
        instruments,
        origins: catalogue.origins
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
      try OutputArguments.emit(
        builder.build().rendered(as: format, width: console.width),
        format: format,
        parsed: parsed,
        console: console
      )
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

  /// Reads and scores `file` with the shared export options, keeping `columns` (which must be in
  /// the file).
  ///
  /// - Returns: `nil` when `--strict` is given and reading found a problem (already reported).
  static func read(
    _ file: String,
    parsed: ParsedArguments,
    console: Console,
    catalogue: InstrumentCatalogue,
    instruments: [Instrument],
    columns: [String],
    command: String
  ) throws -> ScoredSurvey? {
    guard
      let (result, _, _, _) = try ExportArguments.read(
        file,
        parsed: parsed,
        console: console,
        catalogue: catalogue,
        command: command,
        attributes: .named(columns),
        instruments: instruments,
        required: columns
      )
    else { return nil }
    var notes: [String] = []
    let problems = result.report.problems
    if !problems.isEmpty {
      notes.append(
        "\(counted(problems.count, "problem")) reading \(file): \(ImportProblem.summary(of: problems)). See them with: loneliness inspect \(file)."
      )
    }
    return ScoredSurvey(
      file: file,
      table: result.table,
      scored: Scorer.score(result.table),
      notes: notes
    )
  }
}

/// The cohort names of the compare and change commands' files.
enum SurveyFiles {
  /// The file's name without folders or extension: `Examples/x/intervention.csv` → `intervention`.
  static func cohortName(of file: String) -> String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }
}
