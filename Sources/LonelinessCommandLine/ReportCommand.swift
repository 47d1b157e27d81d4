import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyReports
import SurveyScoring

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
    try OutputArguments.emit(format: format, parsed: parsed, console: console) {
      report.render(as: format, width: console.width, to: &$0)
    }
    return .success
  }
}
