import SurveyPlatform

/// Where a command writes: standard output for results, standard error for diagnostics.
///
/// Commands never touch the terminal directly, so tests can run them in-process and read what a
/// person would have seen.
public final class Console {
  /// Whether standard output is a terminal (decides colour and table width).
  public let isOutputTerminal: Bool
  /// The width to lay tables out in.
  public let width: Int
  /// Everything written to standard output, when capturing.
  public private(set) var capturedOutput = ""
  /// Everything written to standard error, when capturing.
  public private(set) var capturedError = ""
  private let capturing: Bool

  private init(capturing: Bool, width: Int, isOutputTerminal: Bool) {
    self.capturing = capturing
    self.width = width
    self.isOutputTerminal = isOutputTerminal
  }

  /// The process's own standard output and error.
  public static func standard() -> Console {
    Console(capturing: false, width: terminalWidth(), isOutputTerminal: isTerminal(1))
  }

  /// A console that keeps what is written, for tests.
  public static func capturing(width: Int = 100) -> Console {
    Console(capturing: true, width: width, isOutputTerminal: false)
  }

  /// Writes `text` to standard output.
  public func write(_ text: String) {
    if capturing { capturedOutput += text } else { writeStandardOutput(text) }
  }

  /// Writes `text` to standard error.
  public func writeDiagnostic(_ text: String) {
    if capturing { capturedError += text } else { writeStandardError(text) }
  }
}
