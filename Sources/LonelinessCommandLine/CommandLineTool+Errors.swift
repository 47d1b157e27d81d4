import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyPlatform
import SurveyReports

/// How each error a command meets is shown, and the exit code it gives.
extension CommandLineTool {
  /// Writes `error` as the diagnostic a user reads (the file, line and value where it has them,
  /// a hint) and returns its documented exit code.
  static func exitCode(for error: any Error, command: String?, console: Console) -> ExitCode {
    do {
      throw error
    } catch let error as UsageError {
      return report(error, console: console)
    } catch let error as UnknownInstrumentError {
      console.writeDiagnostic("\(error)\n")
      return .usage
    } catch let error as InstrumentFileError {
      let shown = error.diagnostics.map { diagnostic in
        var copy = diagnostic
        copy.file = console.displayPath(diagnostic.file)
        return copy.description
      }
      console.writeDiagnostic(shown.joined(separator: "\n") + "\n")
      return .dataError
    } catch let error as FileSystemError {
      console.writeDiagnostic(
        "error: cannot read \(console.displayPath(error.path)): \(error.reason)\n"
      )
      return error.kind == .inputOutput ? .ioError : .noInput
    } catch let error as ImportError {
      var shown = error
      shown.file = error.file.map(console.displayPath)
      console.writeDiagnostic("\(shown)\n")
      return error.isCommandLineError ? .usage : .dataError
    } catch let error as CSVError {
      var shown = error
      shown.filePath = error.filePath.map(console.displayPath)
      console.writeDiagnostic("\(shown)\n")
      switch error.kind {
      case .fileNotFound, .permissionDenied, .isDirectory: return .noInput
      case .unterminatedQuote: return .dataError
      default: return .ioError
      }
    } catch let error as SurveyReadingError {
      return report(error, command: command, console: console)
    } catch let error as AnalysisError {
      return report(error, command: command, console: console)
    } catch let error as MarginsFileError {
      var shown = error
      shown.file = console.displayPath(error.file)
      console.writeDiagnostic("\(shown)\n")
      return .dataError
    } catch let error as WeightingError {
      switch error.kind {
      case .columnExists, .invalidOptions:
        return report(
          UsageError(message: error.message, hint: error.hint, command: command),
          console: console
        )
      case .everyRowExcluded, .notConverged:
        console.writeDiagnostic("\(error)\n")
        return .dataError
      }
    } catch let error as ReportError {
      console.writeDiagnostic("\(error)\n")
      return .usage
    } catch let error as OutputError {
      console.writeDiagnostic(
        "error: cannot write \(console.displayPath(error.underlying.path)): \(error.underlying.reason)\n"
      )
      return error.underlying.kind == .inputOutput ? .ioError : .cannotCreate
    } catch {
      console.writeDiagnostic("error: \(error)\n")
      return .ioError
    }
  }
}

/// An output file could not be written.
struct OutputError: Error {
  var underlying: FileSystemError
}
