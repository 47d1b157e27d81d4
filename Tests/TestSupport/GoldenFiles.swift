// Golden files: committed outputs that a test's output must match byte for byte.

public import Foundation
public import Testing

/// Records an issue unless `actual` is exactly the text of the golden file at `url`.
///
/// A difference is reported with its first differing line. With `RECORD_SNAPSHOTS=1` in the
/// environment the file is written instead and the test fails saying so; a missing file is
/// recorded the same way. Review every recorded file before committing it.
public func expectGoldenFile(
  _ actual: String,
  at url: URL,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let name = url.lastPathComponent
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
  guard expected != actual else { return }
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
