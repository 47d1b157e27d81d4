import Foundation
import LonelinessCommandLine
import Testing

/// The package's top folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

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

/// Compares `actual` with the golden file `Snapshots/NAME`.
///
/// With `RECORD_SNAPSHOTS=1` in the environment the file is written instead, and the test fails
/// saying so; a missing file is recorded the same way. Review every recorded file before committing
/// it.
func expectSnapshot(
  _ actual: String,
  named name: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let url = packageRoot.appendingPathComponent("Tests/LonelinessCommandLineTests/Snapshots/\(name)")
  let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(),
      withIntermediateDirectories: true
    )
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    Issue.record(
      "recorded new baseline for \(name); review it and run again",
      sourceLocation: sourceLocation
    )
    return
  }
  if expected != actual {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDifference =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let expectedLine =
      firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end>"
    let actualLine =
      firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end>"
    Issue.record(
      "\(name) differs at line \(firstDifference + 1):\n  expected: \(expectedLine)\n  actual:   \(actualLine)\n(RECORD_SNAPSHOTS=1 re-records)",
      sourceLocation: sourceLocation
    )
  }
}
