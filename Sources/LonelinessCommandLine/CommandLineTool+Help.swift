import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPipeline
import SurveyPlatform
import SurveyReports

/// The help texts: the list of commands, each command's usage and the exit codes.
extension CommandLineTool {
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
