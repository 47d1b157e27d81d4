import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyPlatform
import SurveyReports

/// Errors worded in the command line's terms: the option to change, where to read the help.
extension CommandLineTool {
  /// Prints `error` as a usage error (its message, hint, and where to read the command's help).
  static func report(_ error: UsageError, console: Console) -> ExitCode {
    var text = "error: \(error.message)\n"
    if let hint = error.hint { text += "hint: \(hint)\n" }
    text += "Run 'loneliness help\(error.command.map { " \($0)" } ?? "")' for usage.\n"
    console.writeDiagnostic(text)
    return .usage
  }

  /// Words a survey that could not be read in the command line's terms: the option that named a
  /// missing column, `--strict`, `-i`.
  static func report(
    _ error: SurveyReadingError,
    command: String?,
    console: Console
  ) -> ExitCode {
    let file = error.file.map(console.displayPath) ?? "the export"
    switch error.kind {
    case .unknownColumn(let request):
      return report(
        UsageError(
          message:
            "\(ExportArguments.option(for: request.role)) names the column '\(excerpt(request.name))', which \(file) does not have",
          hint: error.hint,
          command: command
        ),
        console: console
      )
    case .unknownQuestion(let name):
      return report(
        UsageError(
          message: "--multi names the question '\(excerpt(name))', which \(file) does not have",
          hint: error.hint,
          command: command
        ),
        console: console
      )
    case .noInstrumentMatched:
      return report(
        UsageError(
          message: "no instrument's items match a column of \(file)",
          hint:
            "name the instruments with -i, for example -i ons-loneliness; 'loneliness instruments' lists them",
          command: command
        ),
        console: console
      )
    case .problemsFound(let count):
      let kinds = ImportProblem.summary(of: error.problems, sayingWhatWasDone: false)
      console.writeDiagnostic(
        "error: \(counted(count, "problem")) reading \(file) (--strict): \(kinds); nothing was written\nhint: see them with: loneliness inspect \(file)\n"
      )
      return .dataError
    case .noItemMatched:
      console.writeDiagnostic(
        "error: \(error.message)\nhint: name each item's column with --column ITEM=HEADER, or see how the file was read with: loneliness inspect \(file)\n"
      )
      return .dataError
    case .noRows:
      console.writeDiagnostic("\(error)\n")
      return .dataError
    }
  }

  /// Words an analysis that could not be made in the command line's terms.
  static func report(_ error: AnalysisError, command: String?, console: Console) -> ExitCode {
    switch error.kind {
    case .duplicateLabel, .columnNotKept:
      return report(
        UsageError(message: error.message, hint: error.hint, command: command),
        console: console
      )
    case .unknownScore(let name):
      return report(
        UsageError(
          message:
            "--meaningful-change names the score '\(excerpt(name))', which the instruments do not have",
          hint: error.hint,
          command: command
        ),
        console: console
      )
    case .everyRowExcluded, .differentInstruments:
      console.writeDiagnostic("\(error)\n")
      return .dataError
    }
  }
}
