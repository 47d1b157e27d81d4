import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyReports
import SurveyScoring

let reportSpec = CommandSpec(
  name: "report",
  summary:
    "Tally a survey: counts and percentages with intervals, breakdowns, scores, safe to publish.",
  usage: [
    "loneliness report FILE [-i ID]... [--by COLUMN]... [--weight COLUMN] [--tally COLUMN]... [--multi COLUMN]...",
    "                       [--format text|markdown|csv|json|html] [-o FILE] [--decimals 0|1]",
    "                       [--suppress-below N | --suppression nhs-digital | --no-suppression]",
  ],
  discussion:
    "Reads a survey export and reports every item of each instrument (each answer's count and percentage of those who answered, with a 95% interval, and missing answers by reason), each indicator as a headline such as \"Lonely often/always: 97 of 262 (37%; 95% CI 31% to 43%)\", and each score (n, mean, SD, interval of the mean, median, quartiles, and the distribution over its bands, naming the cut-off's source). --by breaks every estimate down by a column, with a chi-square test where it is valid; --tally and --multi count any other column. --weight weights percentages and means (counts stay unweighted) and reports the effective sample size. By default any count from 1 to 4 is hidden with its percentage, and so are counts that would reveal it from a total; bases under 30 are flagged. The report says what was read, excluded and suppressed, the instruments and their versions, the cut-offs and their sources, and the licence notices the instruments require.",
  options: ExportArguments.options + [
    .value(
      "--by",
      "COLUMN",
      repeatable: true,
      "Break every estimate down by this column. Repeatable."
    ),
    .value("--weight", "COLUMN", "Weight percentages and means by this column of survey weights."),
    .value(
      "--tally",
      "COLUMN",
      repeatable: true,
      "Also count the answers in this column. Repeatable."
    ),
    .value(
      "--multi",
      "COLUMN",
      repeatable: true,
      "Also count a multi-select column: percentages of respondents. Repeatable."
    ),
    .value(
      "--separator",
      "TEXT",
      "What separates answers in a --multi cell (default: ';' if any cell has one, else ',')."
    ),
    .value("--decimals", "N", "Decimal places for percentages: 0 (the default) or 1."),
    OutputArguments.maximumGroupsOption,
  ] + OutputArguments.options(nhsDigital: true),
  examples: [
    "loneliness report Examples/kent-esurvey/export.csv --instruments Examples/kent-esurvey/kent-loneliness.json --by \"Which district do you live in?\"",
    "loneliness report export.csv -i ons-loneliness --by age_band --weight weight --format html -o report.html",
  ]
)

enum ReportCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: reportSpec, console: console)
    else { return .success }
    guard parsed.positionals.count == 1, let file = parsed.positionals.first else {
      throw UsageError(
        message: parsed.positionals.isEmpty ? "'report' needs a file" : "'report' takes one file",
        hint: "for example: loneliness report Examples/platform-exports/google-forms.csv",
        command: "report"
      )
    }
    let format = try OutputArguments.format(parsed, command: "report")
    var options = ReportOptions(
      title: parsed.value("--title") ?? "Survey report",
      groupBy: parsed.values("--by"),
      weightColumn: parsed.value("--weight"),
      tallies: parsed.values("--tally"),
      multiSelectSeparator: parsed.value("--separator")
    )
    options.suppression = try OutputArguments.suppression(parsed, command: "report")
    options.maximumGroups = try OutputArguments.maximumGroups(parsed, command: "report")
    if let text = parsed.value("--decimals") {
      guard let decimals = Int(text), decimals == 0 || decimals == 1 else {
        throw UsageError(message: "--decimals takes 0 or 1, not '\(text)'", command: "report")
      }
      options.decimals = decimals
    }
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    let columns =
      options.groupBy.map { ColumnRequest($0, role: .breakdown) }
      + (options.weightColumn.map { [ColumnRequest($0, role: .weight)] } ?? [])
      + options.tallies.map { ColumnRequest($0, role: .tally) }
    let multi = parsed.values("--multi")
    let survey = try ExportArguments.readSurvey(
      file,
      options: ExportArguments.readingOptions(
        parsed,
        console: console,
        catalogue: catalogue,
        command: "report",
        columns: columns,
        multiSelect: multi,
        allowsNoInstrument: !options.tallies.isEmpty || !multi.isEmpty || !options.groupBy.isEmpty
      ),
      console: console
    )
    let report = try SurveyAnalysis.report(
      survey,
      options: options,
      referral: ExportArguments.referral
    )
    try OutputArguments.emit(
      report.rendered(as: format, width: console.width),
      format: format,
      parsed: parsed,
      console: console
    )
    return .success
  }
}
