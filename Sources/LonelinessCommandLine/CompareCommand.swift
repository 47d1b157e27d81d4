import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPipeline
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
    var options = ComparisonOptions(
      title: parsed.value("--title") ?? "Cohort comparison",
      reference: parsed.value("--reference"),
      suppression: try OutputArguments.suppression(parsed, command: "compare")
    )
    options.maximumGroups = try OutputArguments.maximumGroups(parsed, command: "compare")
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    var reading = try ExportArguments.readingOptions(
      parsed,
      console: console,
      catalogue: catalogue,
      command: "compare",
      columns: cohortColumn.map { [ColumnRequest($0, role: .cohort)] } ?? []
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
    try OutputArguments.emit(
      comparison.rendered(as: format, width: console.width),
      format: format,
      parsed: parsed,
      console: console
    )
    return .success
  }
}
