import Foundation
import LonelinessCommandLine
import TestSupport
import Testing

/// Bytes a terminal acts on: retitle the window, clear the screen, turn text red; a C1 CSI; a
/// right-to-left override.
private let payload = "\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{1B}[31m\u{9B}31m\u{202E}"

/// Whether `text` holds any control character a terminal would act on, other than a line feed.
private func hasTerminalControls(_ text: String) -> Bool {
  text.unicodeScalars.contains { scalar in
    (scalar.value < 0x20 && scalar != "\n" && scalar != "\t")
      || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
  }
}

@Suite struct TerminalSafetyTests {
  /// A Google Forms-like export whose file name, a header and answers carry the payload.
  private func hostileExport() throws -> URL {
    let folder = try temporaryFolder("terminal")
    let file = folder.appendingPathComponent("export\(payload).csv")
    let text = """
      Timestamp,How often do you feel lonely?,Ward\(payload),Comments
      1,Often/always,North\(payload),hello\(payload)
      2,Never\(payload),South,fine
      3,Hardly ever,North,

      """
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test(arguments: [
    ["inspect"], ["inspect", "--format", "json"], ["inspect", "--rows", "3"],
    ["report", "-i", "ons-loneliness", "--by", "Ward\(payload)", "--tally", "Comments"],
    ["report", "-i", "ons-loneliness", "--format", "markdown", "--tally", "Comments"],
    ["report", "-i", "ons-loneliness", "--format", "json", "--tally", "Comments"],
    ["score", "-i", "ons-loneliness", "--format", "json"],
    ["report", "--by", "no such column\(payload)"],
  ])
  func `text from a file never reaches the terminal as control characters`(
    arguments: [String]
  )
    throws
  {
    let file = try hostileExport()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let result = run([arguments[0], file.path] + arguments.dropFirst())
    #expect(!hasTerminalControls(result.output), "standard output of \(arguments)")
    #expect(!hasTerminalControls(result.errors), "standard error of \(arguments)")
    #expect(
      result.output.contains("\\u{1B}") || result.errors.contains("\\u{1B}")
        || result.output.contains("\\u001b"),
      "the payload is shown, escaped"
    )
  }

  @Test func `a text report written to a file shows control characters as escapes`() throws {
    let file = try hostileExport()
    let folder = file.deletingLastPathComponent()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("report.txt")
    let result = run([
      "report", file.path, "-i", "ons-loneliness", "--tally", "Comments", "-o", output.path,
    ])
    #expect(result.exitCode == .success)
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(!hasTerminalControls(text))
    #expect(text.contains("hello\\u{1B}]0;PWNED\\u{7}"))
  }
}
