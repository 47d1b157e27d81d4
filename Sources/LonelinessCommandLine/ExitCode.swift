/// The exit codes of `loneliness`, following BSD sysexits.
public enum ExitCode: Int32, Sendable, CaseIterable {
  /// The command did what was asked.
  case success = 0
  /// The command line was wrong: no command, an unknown option, a missing argument, an unknown
  /// instrument.
  case usage = 64
  /// An input was read but its content is wrong: an invalid instrument file, or with `--strict`
  /// any problem in an export.
  case dataError = 65
  /// An input file does not exist or cannot be read.
  case noInput = 66
  /// An output file cannot be created.
  case cannotCreate = 73
  /// Reading or writing failed part-way.
  case ioError = 74

  /// One line for the help text.
  var explanation: String {
    switch self {
    case .success: "success"
    case .usage: "usage error: no command, unknown option, missing argument, unknown instrument"
    case .dataError:
      "bad data: an invalid instrument, map or margins file, margins a survey cannot be weighted to, an unclosed quote, an abandoned capture, or with --strict any problem in an export"
    case .noInput: "an input file does not exist or cannot be read"
    case .cannotCreate: "an output file cannot be created"
    case .ioError: "reading or writing failed part-way"
    }
  }
}
