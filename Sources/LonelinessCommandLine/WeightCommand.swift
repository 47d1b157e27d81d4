import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyPlatform
import SurveyReports
import SurveyScoring
import SurveyStatistics

enum WeightCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: weightSpec, console: console)
    else { return .success }
    guard parsed.positionals.count == 1, let file = parsed.positionals.first else {
      throw UsageError(
        message: parsed.positionals.isEmpty ? "'weight' needs a file" : "'weight' takes one file",
        hint: "for example: loneliness weight Examples/residents-survey/survey.csv --margins "
          + "Examples/residents-survey/margins.csv --name raked_weight -o raked.csv",
        command: "weight"
      )
    }
    guard let marginsPath = parsed.value("--margins") else {
      throw UsageError(
        message: "'weight' needs the population margins: --margins FILE",
        hint: "a CSV file with the header margin,category,population; see 'loneliness help weight'",
        command: "weight"
      )
    }
    let format = try self.format(parsed)
    let options = try rakingOptions(parsed)
    let name = parsed.value("--name") ?? "weight"
    let margins = try PopulationMargins(
      contentsOfFile: console.resolve(marginsPath),
      displayPath: marginsPath
    )
    let base = SurveyReadingOptions(
      importOptions: try ExportArguments.importOptions(
        parsed,
        console: console,
        command: "weight",
        attributes: .none
      ),
      instruments: .named([]),
      allowsNoInstrument: true
    )
    let survey = try ExportArguments.readSurvey(
      file,
      options: SurveyWeighting.readingOptions(for: margins, base: base),
      console: console
    )
    let weights = try SurveyWeighting.rake(survey, margins: margins, options: options)
    let writer = try SurveyWeighting.exportWriter(
      survey,
      weights: weights,
      columnName: name,
      format: format
    )
    let summary = weights.summary(weightColumn: name)
    guard let output = parsed.value("--output"), output != "-" else {
      try writer.write { chunk in console.writeRaw(String(decoding: chunk, as: UTF8.self)) }
      console.writeDiagnostic(summary)
      return .success
    }
    let target: AtomicFileWriter
    do {
      target = try AtomicFileWriter(path: console.resolve(output))
    } catch {
      throw OutputError(underlying: error)
    }
    try writer.write { chunk in
      do { try target.write(chunk) } catch let error as FileSystemError {
        throw OutputError(underlying: error)
      }
    }
    do { try target.commit() } catch { throw OutputError(underlying: error) }
    console.write(visibleControlCharacters(summary, keepingLineBreaks: true))
    return .success
  }

  /// CSV or JSON, from `--format` or the extension of `-o`.
  static func format(_ parsed: ParsedArguments) throws -> ScoredExportFormat {
    let implied = parsed.value("--output").flatMap(OutputArguments.formatImplied(byPath:))
    if let given = parsed.value("--format"), let implied, implied == .csv || implied == .json,
      given != implied.rawValue
    {
      throw UsageError(
        message: "--format \(given) does not fit -o \(parsed.value("--output") ?? ""), whose name "
          + "says \(implied.rawValue)",
        hint: "give one of them, or an output name that fits the format",
        command: "weight"
      )
    }
    let name = parsed.value("--format") ?? (implied == .json ? "json" : "csv")
    guard let format = ScoredExportFormat(rawValue: name) else {
      throw UsageError(message: "unknown format '\(name)'; expected csv or json", command: "weight")
    }
    return format
  }

  /// The raking options from `--max-iterations`, `--epsilon`, `--trim` and `--rerake`.
  static func rakingOptions(_ parsed: ParsedArguments) throws -> RakingOptions {
    var options = RakingOptions()
    if let text = parsed.value("--max-iterations") {
      guard let value = Int(text), value >= 1, value <= 100_000 else {
        throw UsageError(
          message:
            "--max-iterations needs a whole number from 1 to 100,000, not '\(excerpt(text))'",
          command: "weight"
        )
      }
      options.maximumIterations = value
    }
    if let text = parsed.value("--epsilon") {
      guard let value = Double(text), value.isFinite, value > 0, !text.contains("x") else {
        throw UsageError(
          message: "--epsilon needs a positive number, not '\(excerpt(text))'",
          hint: "for example --epsilon 1 (one person, with totals that are counts) or 1e-8",
          command: "weight"
        )
      }
      options.epsilon = value
    }
    if let text = parsed.value("--trim") {
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]),
        low.isFinite, low >= 0, low < 1, high.isFinite, high > 1
      else {
        throw UsageError(
          message: "--trim needs LOW,HIGH with LOW from 0 to below 1 and HIGH above 1 (multiples "
            + "of the mean weight), not '\(excerpt(text))'",
          hint: "for example --trim 0.3,3",
          command: "weight"
        )
      }
      options.trimming = WeightTrimming(lowerRelativeToMean: low, upperRelativeToMean: high)
    }
    if let text = parsed.value("--rerake") {
      guard options.trimming != nil else {
        throw UsageError(message: "--rerake goes with --trim", command: "weight")
      }
      guard let value = Int(text), value >= 0, value <= 1_000 else {
        throw UsageError(
          message: "--rerake needs a whole number from 0 to 1,000, not '\(excerpt(text))'",
          command: "weight"
        )
      }
      options.trimming?.maximumRerakings = value
    }
    return options
  }
}
