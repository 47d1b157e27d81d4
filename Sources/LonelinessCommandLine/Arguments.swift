import SurveyInstruments

/// One option a command accepts.
struct OptionSpec: Sendable {
  /// The long name, with its dashes: `--format`.
  var name: String
  /// A short alias such as `-o`.
  var short: String?
  /// The placeholder for its value (`FILE`), or `nil` for a flag.
  var valueName: String?
  /// Whether it may be given more than once.
  var isRepeatable = false
  /// One or two lines of help.
  var help: String

  static func flag(_ name: String, short: String? = nil, _ help: String) -> OptionSpec {
    OptionSpec(name: name, short: short, valueName: nil, help: help)
  }

  static func value(
    _ name: String,
    short: String? = nil,
    _ valueName: String,
    repeatable: Bool = false,
    _ help: String
  ) -> OptionSpec {
    OptionSpec(name: name, short: short, valueName: valueName, isRepeatable: repeatable, help: help)
  }
}

/// What a command accepts and how it is described in help.
struct CommandSpec: Sendable {
  var name: String
  var summary: String
  var usage: [String]
  var discussion: String
  var options: [OptionSpec]
  var examples: [String] = []

  /// Options every command accepts.
  static let globalOptions: [OptionSpec] = [
    .value(
      "--instruments",
      "PATH",
      repeatable: true,
      "Load instrument or extension files: a .json file, or a folder of them. Repeatable."
    ),
    .flag("--help", short: "-h", "Show help for this command."),
  ]

  var allOptions: [OptionSpec] { options + Self.globalOptions }
}

/// A command line that does not fit the command's rules.
struct UsageError: Error, Sendable {
  var message: String
  var hint: String?
  var command: String?
}

/// The arguments of one command, parsed.
struct ParsedArguments: Sendable {
  private(set) var values: [String: [String]] = [:]
  private(set) var flags: Set<String> = []
  /// Positional arguments, in order.
  private(set) var positionals: [String] = []

  func has(_ flag: String) -> Bool { flags.contains(flag) }
  func value(_ option: String) -> String? { values[option]?.last }
  func values(_ option: String) -> [String] { values[option] ?? [] }

  /// Parses `arguments` against `spec`.
  ///
  /// Accepts `--name value`, `--name=value`, `-x value`, flags, and `--` to end options.
  ///
  /// - Complexity: O(*n* × *k*) for *n* arguments and *k* options.
  static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments
  {
    var result = ParsedArguments()
    var index = 0
    var optionsEnded = false
    let options = spec.allOptions
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        result.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let option = options.first(where: { $0.name == name || $0.short == name }) else {
        let names = options.map(\.name) + options.compactMap(\.short)
        throw UsageError(
          message: "unknown option '\(name)' for '\(spec.name)'",
          hint: closestMatches(to: name, among: names).first.map { "did you mean '\($0)'?" },
          command: spec.name
        )
      }
      if let valueName = option.valueName {
        let value: String
        if let inlineValue {
          value = inlineValue
        } else if index < arguments.count {
          value = arguments[index]
          index += 1
        } else {
          throw UsageError(
            message: "\(option.name) needs a value (\(valueName))",
            hint: nil,
            command: spec.name
          )
        }
        if !option.isRepeatable, result.values[option.name] != nil {
          throw UsageError(
            message: "\(option.name) is given more than once",
            hint: nil,
            command: spec.name
          )
        }
        result.values[option.name, default: []].append(value)
      } else {
        if inlineValue != nil {
          throw UsageError(message: "\(option.name) takes no value", hint: nil, command: spec.name)
        }
        result.flags.insert(option.name)
      }
    }
    return result
  }
}
