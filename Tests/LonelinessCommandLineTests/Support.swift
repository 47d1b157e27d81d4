import Foundation
import LonelinessCommandLine
import TestSupport
import Testing

/// The result of running one command line in-process.
struct CommandRun {
  var exitCode: ExitCode
  var output: String
  var errors: String
}

/// Runs `loneliness` with `arguments` in-process, with relative paths resolved against the
/// package's top folder, so that `Examples/kent-esurvey/export.csv` works as in the README.
func run(_ arguments: [String], width: Int = 100) -> CommandRun {
  let console = Console.capturing(width: width, workingDirectory: packageRoot.path)
  let code = CommandLineTool.run(arguments, console: console)
  return CommandRun(exitCode: code, output: console.capturedOutput, errors: console.capturedError)
}

/// Compares `actual` with the golden file `Snapshots/NAME` (see `expectGoldenFile`).
func expectSnapshot(
  _ actual: String,
  named name: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  expectGoldenFile(
    actual,
    at: packageRoot.appendingPathComponent("Tests/LonelinessCommandLineTests/Snapshots/\(name)"),
    sourceLocation: sourceLocation
  )
}
