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
  /// The folder that relative paths on the command line are relative to; `nil` for the process's
  /// current folder. Messages show paths as the user wrote them.
  public let workingDirectory: String?

  private init(capturing: Bool, width: Int, isOutputTerminal: Bool, workingDirectory: String? = nil) {
    self.capturing = capturing
    self.workingDirectory = workingDirectory
    self.width = width
    self.isOutputTerminal = isOutputTerminal
  }

  /// The process's own standard output and error.
  public static func standard() -> Console {
    Console(capturing: false, width: terminalWidth(), isOutputTerminal: isTerminal(1))
  }

  /// A console that keeps what is written, for tests, resolving relative paths against
  /// `workingDirectory`.
  public static func capturing(width: Int = 100, workingDirectory: String? = nil) -> Console {
    Console(capturing: true, width: width, isOutputTerminal: false, workingDirectory: workingDirectory)
  }

  /// The path to open for `path` as the user wrote it.
  public func resolve(_ path: String) -> String {
    guard let workingDirectory, !path.hasPrefix("/"), path != "-" else { return path }
    return workingDirectory.hasSuffix("/") ? workingDirectory + path : workingDirectory + "/" + path
  }

  /// `path` as the user wrote it: a path resolved by ``resolve(_:)`` loses the working folder.
  public func displayPath(_ path: String) -> String {
    guard let workingDirectory else { return path }
    let prefix = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
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
