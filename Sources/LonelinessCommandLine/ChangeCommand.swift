import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyReports
import SurveyScoring

enum ChangeCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: changeSpec, console: console)
    else {
      return .success
    }
    let files = parsed.positionals
    guard let idColumn = parsed.value("--id") else {
      throw UsageError(
        message: "'change' needs --id COLUMN to pair respondents",
        hint: "for example: --id client_id",
        command: "change"
      )
    }
    let waveColumn = parsed.value("--wave")
    switch (files.count, waveColumn) {
    case (1, nil):
      throw UsageError(
        message: "one file needs --wave COLUMN to say which wave each row belongs to",
        hint: "or give the baseline and follow-up files",
        command: "change"
      )
    case (2, .some):
      throw UsageError(
        message:
          "--wave is for one file; with two files the first is the baseline and the second the follow-up",
        hint: "drop --wave",
        command: "change"
      )
    case (1, .some), (2, nil):
      break
    default:
      throw UsageError(
        message: files.isEmpty
          ? "'change' needs a file" : "'change' takes one file or two, got \(files.count)",
        hint: "one long file with --wave, or BASELINE.csv FOLLOWUP.csv",
        command: "change"
      )
    }
    if files.count == 2 && (parsed.value("--baseline") != nil || parsed.value("--followup") != nil)
    {
      throw UsageError(
        message: "--baseline and --followup are for one file with a wave column",
        hint: "with two files the first is the baseline",
        command: "change"
      )
    }
    if (parsed.value("--baseline") == nil) != (parsed.value("--followup") == nil) {
      throw UsageError(
        message: "give both --baseline and --followup, or neither",
        command: "change"
      )
    }
    let format = try OutputArguments.format(parsed, command: "change")
    let options = ChangeOptions(
      title: parsed.value("--title") ?? "Change from baseline to follow-up",
      suppression: try OutputArguments.suppression(parsed, command: "change"),
      decimals: try OutputArguments.decimals(parsed, command: "change") ?? 1,
      duplicates: parsed.has("--exclude-duplicates") ? .excludeAll : .useIdenticalOnce,
      weightColumn: parsed.value("--weight")
    )
    let overrides = try thresholdOverrides(parsed)
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    var reading = try ExportArguments.readingOptions(
      parsed,
      console: console,
      catalogue: catalogue,
      command: "change",
      columns: [ColumnRequest(idColumn, role: .respondentID)]
        + (waveColumn.map { [ColumnRequest($0, role: .wave)] } ?? [])
        + (options.weightColumn.map { [ColumnRequest($0, role: .weight)] } ?? [])
    )
    let waves: WaveSource
    if let waveColumn {
      let survey = try ExportArguments.readSurvey(files[0], options: reading, console: console)
      waves = .column(
        survey,
        wave: waveColumn,
        baseline: parsed.value("--baseline"),
        followUp: parsed.value("--followup")
      )
    } else {
      let baseline = try ExportArguments.readSurvey(files[0], options: reading, console: console)
      // The baseline's instruments are read from the follow-up, so their scores line up.
      reading.instruments = .named(baseline.instruments)
      let followUp = try ExportArguments.readSurvey(files[1], options: reading, console: console)
      waves = .surveys(baseline: baseline, followUp: followUp)
    }
    let change = try SurveyAnalysis.change(
      waves,
      idColumn: idColumn,
      options: options,
      overrides: overrides,
      referral: ExportArguments.referral
    )
    try OutputArguments.emit(format: format, parsed: parsed, console: console) {
      change.render(as: format, width: console.width, to: &$0)
    }
    return .success
  }

  /// Thresholds from --meaningful-change: per score, and one for every score.
  static func thresholdOverrides(_ parsed: ParsedArguments) throws -> MeaningfulChangeOverrides {
    var overrides = MeaningfulChangeOverrides(
      source: "set on the command line with --meaningful-change"
    )
    for argument in parsed.values("--meaningful-change") {
      let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
      let pointsText = parts.count == 2 ? parts[1] : argument
      guard let points = Double(pointsText.trimmingSpaces()), points.isFinite, points > 0 else {
        throw UsageError(
          message:
            "--meaningful-change expects SCORE=POINTS or POINTS with a positive number, got '\(argument)'",
          hint: "for example --meaningful-change swemwbs.metric=3",
          command: "change"
        )
      }
      if parts.count == 2 {
        overrides.byScore[parts[0].trimmingSpaces()] = points
      } else {
        overrides.all = points
      }
    }
    return overrides
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs.
  fileprivate func trimmingSpaces() -> String {
    var text = Substring(self)
    while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
    while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
    return String(text)
  }
}
