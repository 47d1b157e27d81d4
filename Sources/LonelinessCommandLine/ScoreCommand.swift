import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyPlatform
import SurveyReports
import SurveyScoring

enum ScoreCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: scoreSpec, console: console)
    else {
      return .success
    }
    guard parsed.positionals.count == 1, let file = parsed.positionals.first else {
      throw UsageError(
        message: parsed.positionals.isEmpty ? "'score' needs a file" : "'score' takes one file",
        hint: "for example: loneliness score Examples/provider-outcomes/baseline.csv -i swemwbs",
        command: "score"
      )
    }
    let implied = parsed.value("--output").flatMap(OutputArguments.formatImplied(byPath:))
    if let given = parsed.value("--format"), let implied, implied == .csv || implied == .json,
      given != implied.rawValue
    {
      throw UsageError(
        message:
          "--format \(given) does not fit -o \(parsed.value("--output") ?? ""), whose name says \(implied.rawValue)",
        hint: "give one of them, or an output name that fits the format",
        command: "score"
      )
    }
    let format = parsed.value("--format") ?? (implied == .json ? "json" : "csv")
    guard format == "csv" || format == "json" else {
      throw UsageError(
        message: "unknown format '\(format)'; expected csv or json",
        command: "score"
      )
    }
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    let survey = try ExportArguments.readSurvey(
      file,
      options: ExportArguments.readingOptions(
        parsed,
        console: console,
        catalogue: catalogue,
        command: "score"
      ),
      console: console
    )
    let writer = ScoredExportWriter(
      layout: survey.layout,
      headerRowCount: survey.importReport.headerRowCount,
      scored: survey.scores,
      format: format == "json" ? .json : .csv
    )
    guard let output = parsed.value("--output"), output != "-" else {
      try writer.write { chunk in console.writeRaw(String(decoding: chunk, as: UTF8.self)) }
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
    return .success
  }
}
