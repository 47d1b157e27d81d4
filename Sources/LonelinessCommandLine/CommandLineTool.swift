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
    } catch {
      return exitCode(for: error, command: arguments.first, console: console)
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
}
