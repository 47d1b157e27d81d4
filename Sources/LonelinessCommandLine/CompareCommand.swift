import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyPlatform
import SurveyReports
import SurveyScoring

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
    var options = ComparisonOptions(
      title: parsed.value("--title") ?? "Cohort comparison",
      reference: parsed.value("--reference"),
      suppression: try OutputArguments.suppression(parsed, command: "compare")
    )
    options.maximumGroups = try OutputArguments.maximumGroups(parsed, command: "compare")
    options.weightColumn = parsed.value("--weight")
    options.decimals = try OutputArguments.decimals(parsed, command: "compare") ?? 1
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    var reading = try ExportArguments.readingOptions(
      parsed,
      console: console,
      catalogue: catalogue,
      command: "compare",
      columns: (cohortColumn.map { [ColumnRequest($0, role: .cohort)] } ?? [])
        + (options.weightColumn.map { [ColumnRequest($0, role: .weight)] } ?? [])
    )
    let cohorts: CohortSource
    if let cohortColumn {
      let survey = try ExportArguments.readSurvey(files[0], options: reading, console: console)
      cohorts = .column(survey, cohortColumn)
    } else {
      // The first file's instruments are read from every file, so their scores line up.
      var surveys: [(label: String, survey: Survey)] = []
      for file in files {
        let survey = try ExportArguments.readSurvey(file, options: reading, console: console)
        reading.instruments = .named(survey.instruments)
        surveys.append((SurveyAnalysis.label(ofFile: file), survey))
      }
      cohorts = .surveys(surveys)
    }
    let comparison = try SurveyAnalysis.compare(
      cohorts,
      options: options,
      referral: ExportArguments.referral
    )
    try OutputArguments.emit(format: format, parsed: parsed, console: console) {
      comparison.render(as: format, width: console.width, to: &$0)
    }
    return .success
  }
}
