import SurveyInstruments
import SurveyPlatform

/// What reading one line of input gave.
public enum InputLine: Sendable, Hashable {
  /// A line, without its line ending.
  case line(String)
  /// The input ended.
  case endOfInput
  /// Ctrl-C (or a termination signal) arrived while waiting; see ``Console/catchInterrupts(_:)``.
  case interrupted
}

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
  /// current folder.
  ///
  /// Messages show paths as the user wrote them.
  public let workingDirectory: String?
  /// Whether standard input is a terminal (a person typing, rather than piped answers).
  public let isInputTerminal: Bool
  private var scriptedInput: [InputLine]?
  private var pendingInput: [UInt8] = []
  private var inputEnded = false

  private init(
    capturing: Bool,
    width: Int,
    isOutputTerminal: Bool,
    workingDirectory: String? = nil,
    isInputTerminal: Bool = false,
    scriptedInput: [InputLine]? = nil
  ) {
    self.capturing = capturing
    self.isInputTerminal = isInputTerminal
    self.scriptedInput = scriptedInput
    self.workingDirectory = workingDirectory
    self.width = width
    self.isOutputTerminal = isOutputTerminal
  }

  /// The process's own standard output and error.
  public static func standard() -> Console {
    Console(
      capturing: false,
      width: terminalWidth(),
      isOutputTerminal: isTerminal(1),
      isInputTerminal: isTerminal(0)
    )
  }

  /// A console that keeps what is written, for tests, resolving relative paths against
  /// `workingDirectory`.
  public static func capturing(width: Int = 100, workingDirectory: String? = nil) -> Console {
    Console(
      capturing: true,
      width: width,
      isOutputTerminal: false,
      workingDirectory: workingDirectory
    )
  }

  /// A console that keeps what is written and reads `input` as its standard input, one entry per
  /// read, then ``InputLine/endOfInput``; for tests of interactive commands.
  public static func capturing(
    width: Int = 100,
    workingDirectory: String? = nil,
    input: [InputLine]
  ) -> Console {
    Console(
      capturing: true,
      width: width,
      isOutputTerminal: false,
      workingDirectory: workingDirectory,
      scriptedInput: input
    )
  }

  /// Reads the next line of standard input (or of the scripted input), without its line ending (LF
  /// or CR LF).
  ///
  /// A last line without a line ending is returned before the end of input.
  ///
  /// - Complexity: O(*n*) in the length of the line.
  public func readLine() -> InputLine {
    if scriptedInput != nil {
      guard let next = scriptedInput?.first else { return .endOfInput }
      scriptedInput?.removeFirst()
      return next
    }
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      if let newline = pendingInput.firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(pendingInput[..<newline])
        pendingInput.removeSubrange(...newline)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return .line(String(decoding: line, as: UTF8.self))
      }
      if inputEnded {
        guard !pendingInput.isEmpty else { return .endOfInput }
        defer { pendingInput = [] }
        return .line(String(decoding: pendingInput, as: UTF8.self))
      }
      switch readStandardInput(into: &chunk) {
      case .bytes(let count): pendingInput += chunk[0..<count]
      case .endOfInput, .failed: inputEnded = true
      case .interrupted: return .interrupted
      }
    }
  }

  /// Starts (`true`) or stops catching Ctrl-C and termination signals, so that a command can say
  /// what it abandoned and finish a durable write; while caught, ``readLine()`` returns
  /// ``InputLine/interrupted``.
  ///
  /// Does nothing for a capturing console.
  public func catchInterrupts(_ isOn: Bool) {
    guard !capturing else { return }
    if isOn { InterruptSignals.install() } else { InterruptSignals.restoreDefaults() }
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

  /// Writes `text` to standard output as text: control characters that a terminal would act on
  /// (escape sequences, carriage returns, bidirectional overrides) are shown as visible escapes
  /// such as `\u{1B}`; line feeds and tabs are kept.
  public func write(_ text: String) {
    writeRaw(visibleControlCharacters(text, keepingLineBreaks: true))
  }

  /// Writes `text` to standard output unchanged: for formats that escape control characters
  /// themselves (JSON, CSV, HTML), or text already made safe.
  public func writeRaw(_ text: String) {
    if capturing { capturedOutput += text } else { writeStandardOutput(text) }
  }

  /// Writes `text` to standard error, with control characters shown as visible escapes as
  /// ``write(_:)`` does: every message quoting a file's contents or name is safe to print.
  public func writeDiagnostic(_ text: String) {
    let safe = visibleControlCharacters(text, keepingLineBreaks: true)
    if capturing { capturedError += safe } else { writeStandardError(safe) }
  }
}
