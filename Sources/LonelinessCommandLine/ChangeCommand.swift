import SurveyCapture
import SurveyInstruments
import SurveyReports
import SurveyScoring

let changeSpec = CommandSpec(
  name: "change",
  summary: "Measure change from baseline to follow-up among the same respondents, paired by id.",
  usage: [
    "loneliness change FILE [-i ID]... --id COLUMN --wave COLUMN [--baseline VALUE --followup VALUE]",
    "loneliness change BASELINE.csv FOLLOWUP.csv [-i ID]... --id COLUMN",
    "                  [--meaningful-change SCORE=POINTS]... [--format F] [-o FILE]",
  ],
  discussion:
    "Pairs respondents by id between the baseline and the follow-up, from one long file with a wave column or from two files, and reports the number paired, the ids seen at one wave only, and ids with more than one row in a wave (used once when the rows agree on every measure, left out of pairing otherwise; listed with their lines either way). For each score, among pairs with the score at both waves: baseline and follow-up means, the mean change with a paired t interval and test, the Wilcoxon signed-rank test, the standardised change d_z, the shares improved, unchanged and worse by the instrument's meaningful-change threshold (or by any amount when it has none), and the movement between bands. For each indicator: the paired 2x2 table and McNemar's test (exact below 25 discordant pairs). Pairs missing a measure are counted with the reason. Counts below 5 are hidden (--suppress-below N to change, --no-suppression for internal use).",
  options: ExportArguments.options + [
    .value("--id", "COLUMN", "The column that identifies respondents (required)."),
    .value("--wave", "COLUMN", "The column that names the wave (one file)."),
    .value("--baseline", "VALUE", "The baseline wave's value in the wave column."),
    .value("--followup", "VALUE", "The follow-up wave's value in the wave column."),
    .value(
      "--meaningful-change",
      "SCORE=POINTS",
      repeatable: true,
      "The smallest change that counts as meaningful for SCORE (INSTRUMENT.SCORE), overriding the instrument; a number alone sets it for every score. Repeatable."
    ),
    .flag(
      "--exclude-duplicates",
      "Leave every duplicated id out of pairing, even when its rows agree."
    ),
  ] + OutputArguments.options(nhsDigital: false),
  examples: [
    "loneliness change Examples/provider-outcomes/outcomes-long.csv -i ons-loneliness -i swemwbs --id client_id --wave wave --baseline baseline --followup '12 weeks'",
    "loneliness change Examples/provider-outcomes/baseline.csv Examples/provider-outcomes/followup.csv -i ons-loneliness -i swemwbs --id client_id",
  ]
)

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
    let suppression = try OutputArguments.suppression(parsed, command: "change")
    let overrides = try thresholdOverrides(parsed)
    do {
      let catalogue = try CommandLineTool.catalogue(parsed, console: console)
      let instruments = try ExportArguments.instruments(
        for: files[0],
        parsed: parsed,
        console: console,
        catalogue: catalogue,
        command: "change"
      )
      var surveys: [ScoredSurvey] = []
      var ids: [String] = []
      var waves: [String] = []
      let baseline: String
      let followUp: String
      if let waveColumn {
        guard
          let survey = try ScoredSurvey.read(
            files[0],
            parsed: parsed,
            console: console,
            catalogue: catalogue,
            instruments: instruments,
            columns: [idColumn, waveColumn],
            command: "change"
          )
        else { return .dataError }
        guard let idValues = survey.table.attribute(named: idColumn),
          let waveValues = survey.table.attribute(named: waveColumn)
        else {
          return .usage
        }
        ids = (0..<survey.table.count).map { idValues.value(at: $0) }
        waves = (0..<survey.table.count).map { waveValues.value(at: $0) }
        if let given = parsed.value("--baseline"), let other = parsed.value("--followup") {
          (baseline, followUp) = (given, other)
        } else {
          do {
            (baseline, followUp) = try ChangeBuilder.inferWaves(waves)
          } catch {
            throw UsageError(message: error.message, hint: error.hint, command: "change")
          }
        }
        surveys = [survey]
      } else {
        var labels = files.map(SurveyFiles.cohortName)
        if labels[0] == labels[1] { labels = ["baseline", "follow-up"] }
        (baseline, followUp) = (labels[0], labels[1])
        for (file, label) in zip(files, labels) {
          guard
            let survey = try ScoredSurvey.read(
              file,
              parsed: parsed,
              console: console,
              catalogue: catalogue,
              instruments: instruments,
              columns: [idColumn],
              command: "change"
            )
          else { return .dataError }
          guard let idValues = survey.table.attribute(named: idColumn) else { return .usage }
          ids += (0..<survey.table.count).map { idValues.value(at: $0) }
          waves += Array(repeating: label, count: survey.table.count)
          surveys.append(survey)
        }
      }
      let options = ChangeOptions(
        title: parsed.value("--title") ?? "Change from baseline to follow-up",
        suppression: suppression,
        duplicates: parsed.has("--exclude-duplicates") ? .excludeAll : .useIdenticalOnce
      )
      var builder: ChangeBuilder
      do {
        builder = try ChangeBuilder(
          ids: ids,
          waves: waves,
          baseline: baseline,
          followUp: followUp,
          options: options,
          sourceFiles: files,
          idColumn: idColumn,
          waveColumn: waveColumn,
          rowLocations: surveys.flatMap(\.rowLocations)
        )
      } catch {
        throw UsageError(message: error.message, hint: error.hint, command: "change")
      }
      builder.addInstruments(
        instruments,
        origins: catalogue.origins
      )
      for note in surveys.flatMap(\.notes) { builder.addNote(note) }
      let first = surveys[0].scored
      try checkOverrides(overrides, scores: first.scores)
      for (index, score) in first.scores.enumerated() {
        let columns = surveys.map { $0.scored.scores[index] }
        let values = columns.flatMap(\.values)
        let offsets = rowOffsets(columns.map(\.count))
        let instrument = instruments.first { $0.id == score.instrument }
        var threshold = instrument.flatMap { ChangeThreshold(rule: score.rule, in: $0) }
        if let points = overrides.byScore[score.name] ?? overrides.all {
          threshold = ChangeThreshold(
            points: points,
            source: "set on the command line with --meaningful-change"
          )
        }
        builder.addScore(
          id: score.name,
          title: score.rule.title,
          values: values,
          decimals: score.rule.decimals,
          better: score.rule.better,
          threshold: threshold,
          bands: score.rule.bands,
          bandSource: score.rule.bands.flatMap { bands in
            instrument.map { BandTransitions.source(of: bands, in: $0) }
          },
          reason: { row in
            let (file, local) = locate(row, offsets: offsets)
            return columns[file].reason(at: local) ?? "no score"
          }
        )
      }
      for (index, indicator) in first.indicators.enumerated() {
        let columns = surveys.map { $0.scored.indicators[index] }
        let offsets = rowOffsets(columns.map(\.count))
        builder.addIndicator(
          id: indicator.name,
          title: indicator.indicator.title,
          values: columns.flatMap(\.values),
          reason: { row in
            let (file, local) = locate(row, offsets: offsets)
            return columns[file].reason(at: local) ?? "no value"
          }
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

  /// Thresholds from --meaningful-change: per score, and one for every score.
  struct Overrides {
    var byScore: [String: Double] = [:]
    var all: Double?
  }

  static func thresholdOverrides(_ parsed: ParsedArguments) throws -> Overrides {
    var overrides = Overrides()
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

  static func checkOverrides(_ overrides: Overrides, scores: [ScoreColumn]) throws {
    let names = scores.map(\.name)
    for name in overrides.byScore.keys.sorted() where !names.contains(name) {
      throw UsageError(
        message: "--meaningful-change names the score '\(name)', which the instruments do not have",
        hint: closestMatches(to: name, among: names).first.map { "did you mean '\($0)'?" }
          ?? "the scores are: \(names.joined(separator: ", "))",
        command: "change"
      )
    }
  }

  /// The first row of each file in the combined rows.
  static func rowOffsets(_ counts: [Int]) -> [Int] {
    var offsets: [Int] = []
    var total = 0
    for count in counts {
      offsets.append(total)
      total += count
    }
    return offsets
  }

  /// Which file a combined row is in, and its row in that file.
  static func locate(_ row: Int, offsets: [Int]) -> (file: Int, row: Int) {
    let file = (offsets.lastIndex { $0 <= row }) ?? 0
    return (file, row - offsets[file])
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
