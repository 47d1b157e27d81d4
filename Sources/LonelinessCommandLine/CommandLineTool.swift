import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyPlatform
import SurveyReports

/// The `loneliness` command: parses arguments, wires the library stages together, writes output and
/// returns the exit code.
///
/// It holds no survey logic of its own.
public enum CommandLineTool {
  /// Runs one command line.
  ///
  /// - Parameters:
  ///   - arguments: The arguments after the program name.
  ///   - console: Where output and diagnostics go.
  /// - Returns: The exit code (see ``ExitCode``).
  public static func run(_ arguments: [String], console: Console) -> ExitCode {
    do {
      return try dispatch(arguments, console: console)
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
      return report(error, command: arguments.first, console: console)
    } catch let error as AnalysisError {
      return report(error, command: arguments.first, console: console)
    } catch let error as MarginsFileError {
      var shown = error
      shown.file = console.displayPath(error.file)
      console.writeDiagnostic("\(shown)\n")
      return .dataError
    } catch let error as WeightingError {
      switch error.kind {
      case .columnExists, .invalidOptions:
        return report(
          UsageError(message: error.message, hint: error.hint, command: arguments.first),
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

  static let commands: [CommandSpec] = [
    instrumentsSpec, inspectSpec, scoreSpec, reportSpec, compareSpec, changeSpec, weightSpec,
    captureSpec, formSpec,
  ]

  static func dispatch(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let first = arguments.first else {
      // No command is a usage error, as with git: the usage goes to standard error.
      console.writeDiagnostic(mainHelp())
      return .usage
    }
    switch first {
    case "--help", "-h":
      console.write(mainHelp())
      return .success
    case "--version":
      console.write("loneliness \(Toolkit.version)\n")
      return .success
    case "help":
      guard arguments.count > 1 else {
        console.write(mainHelp())
        return .success
      }
      let name = arguments[1]
      guard let spec = commands.first(where: { $0.name == name }) else {
        throw unknownCommand(name)
      }
      console.write(help(for: spec))
      return .success
    default:
      break
    }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "instruments": return try InstrumentsCommand.run(rest, console: console)
    case "inspect": return try InspectCommand.run(rest, console: console)
    case "score": return try ScoreCommand.run(rest, console: console)
    case "report": return try ReportCommand.run(rest, console: console)
    case "compare": return try CompareCommand.run(rest, console: console)
    case "change": return try ChangeCommand.run(rest, console: console)
    case "weight": return try WeightCommand.run(rest, console: console)
    case "capture": return try CaptureCommand.run(rest, console: console)
    case "form": return try FormCommand.run(rest, console: console)
    default: throw unknownCommand(first)
    }
  }

  static func unknownCommand(_ name: String) -> UsageError {
    let names = commands.map(\.name) + ["help"]
    return UsageError(
      message: "unknown command '\(name)'",
      hint: closestMatches(to: name, among: names).first.map { "did you mean '\($0)'?" }
        ?? "the commands are: \(names.joined(separator: ", "))",
      command: nil
    )
  }

  /// Parses `arguments` for `spec`, answering `--help` by printing help.
  static func parse(
    _ arguments: [String],
    spec: CommandSpec,
    console: Console
  ) throws -> ParsedArguments? {
    let parsed = try ParsedArguments.parse(arguments, spec: spec)
    if parsed.has("--help") {
      console.write(help(for: spec))
      return nil
    }
    if let output = parsed.value("--output") {
      try refuseOutput(output, namingAnInputOf: parsed, console: console, command: spec.name)
    }
    return parsed
  }

  /// Refuses, before anything is read, an output path that names one of the command's inputs.
  ///
  /// The inputs are its files, `--map`, `--margins` and `--instruments`, however the output is spelled: by
  /// `./`, a symbolic link or a hard link. Inputs are never modified.
  ///
  /// - Throws: ``UsageError`` (exit 64) naming both paths.
  static func refuseOutput(
    _ output: String,
    namingAnInputOf parsed: ParsedArguments,
    console: Console,
    command: String
  ) throws {
    guard output != "-", let target = fileIdentity(console.resolve(output)) else { return }
    var inputs = parsed.positionals + parsed.values("--map") + parsed.values("--margins")
    for path in parsed.values("--instruments") {
      let resolved = console.resolve(path)
      inputs.append(path)
      if pathKind(resolved) == .directory, let names = try? listDirectory(resolved) {
        let folder = path.hasSuffix("/") ? path : path + "/"
        inputs += names.map { folder + $0 }
      }
    }
    for input in inputs where fileIdentity(console.resolve(input)) == target {
      throw UsageError(
        message: "the output '\(output)' is the input file '\(input)'; writing it would replace "
          + "the input, which is never modified",
        hint: "write to another file, for example -o \(suggestedOutputName(command))",
        command: command
      )
    }
  }

  /// A file name to suggest for a command's output.
  static func suggestedOutputName(_ command: String) -> String {
    switch command {
    case "score": "scores.csv"
    case "weight": "weighted.csv"
    case "form": "visit-form.html"
    default: "\(command).txt"
    }
  }

  /// The built-in instruments plus any loaded with `--instruments`.
  static func catalogue(_ parsed: ParsedArguments, console: Console) throws -> InstrumentCatalogue {
    var catalogue = InstrumentCatalogue.builtIn
    let paths = parsed.values("--instruments").map(console.resolve)
    if !paths.isEmpty { try catalogue.load(paths: paths, displayPath: console.displayPath) }
    return catalogue
  }

  static func mainHelp() -> String {
    var text = """
      loneliness \(Toolkit.version): measure loneliness and wellbeing from survey responses.

      USAGE
        loneliness COMMAND [ARGUMENTS] [OPTIONS]

      COMMANDS

      """
    for spec in commands {
      text += "  \(padded(spec.name, to: 13)) \(spec.summary)\n"
    }
    text += "  \(padded("help", to: 13)) Show help for a command: loneliness help COMMAND\n"
    text += """

      OPTIONS FOR EVERY COMMAND
        --instruments PATH   Load instrument or extension files (a .json file or a folder).
        -h, --help           Show help.
        --version            Show the version.

      \(exitCodeHelp())
      """
    return text
  }

  /// A command's discussion for help: paragraphs separated by blank lines, each wrapped to 100
  /// columns; a paragraph whose first line is in capitals is a section heading over the rest.
  static func discussionHelp(_ discussion: String) -> String {
    let paragraphs = discussion.split(separator: "\n\n", omittingEmptySubsequences: true)
    return paragraphs.map { paragraph in
      var lines = paragraph.split(separator: "\n", maxSplits: 1).map(String.init)
      let first = lines.first ?? ""
      let isHeading =
        lines.count == 2 && first.uppercased() == first && first.contains(where: \.isLetter)
      guard isHeading else { return wrapped(String(paragraph), width: 100) }
      lines.removeFirst()
      return first + "\n" + wrapped(lines.joined(separator: " "), width: 100, indent: "  ")
    }.joined(separator: "\n\n")
  }

  static func exitCodeHelp() -> String {
    var text = "EXIT CODES\n"
    for code in ExitCode.allCases {
      text += "  \(leftPadded(String(code.rawValue), to: 3))  \(code.explanation)\n"
    }
    return text
  }

  static func help(for spec: CommandSpec) -> String {
    var text = "loneliness \(spec.name): \(spec.summary)\n\nUSAGE\n"
    for usage in spec.usage { text += "  \(usage)\n" }
    text += "\n" + discussionHelp(spec.discussion) + "\n\nOPTIONS\n"
    let indent = String(repeating: " ", count: 28)
    for option in spec.allOptions {
      var left = option.short.map { "\($0), " } ?? ""
      left += option.name
      if let valueName = option.valueName { left += " \(valueName)" }
      // An option too long for its column has its description on the next line.
      let fits = left.count < 26
      if !fits { text += "  \(left)\n" }
      text += wrapped(
        option.help,
        width: 100,
        indent: indent,
        firstIndent: fits ? "  " + padded(left, to: 26) : indent
      )
      text += "\n"
    }
    if !spec.examples.isEmpty {
      text += "\nEXAMPLES\n"
      for example in spec.examples { text += "  \(example)\n" }
    }
    text += "\n" + exitCodeHelp()
    return text
  }
}

/// An output file could not be written.
struct OutputError: Error {
  var underlying: FileSystemError
}
