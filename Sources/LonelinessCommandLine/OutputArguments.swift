import SurveyInstruments
import SurveyPlatform
import SurveyReports

/// The options of commands that write reports (`report`, `compare`, `change`): the format, the
/// output file and the disclosure-control policy, and how they are read.
enum OutputArguments {
  /// `--format`, `-o` and the suppression options; `nhsDigital` offers the NHS Digital policy
  /// through `--suppression`.
  static func options(nhsDigital: Bool) -> [OptionSpec] {
    var options: [OptionSpec] = [
      .value(
        "--format",
        "FORMAT",
        "text, markdown, csv, json or html; by default the one -o's extension names (.txt, .md, .csv, .json, .html), else text."
      ),
      .value(
        "--output",
        short: "-o",
        "FILE",
        "Write to FILE (replaced in one step; a device or FIFO is written in place) instead of standard output; - is standard output."
      ),
      .value("--suppress-below", "N", "Hide counts from 1 to N-1 (default 5)."),
    ]
    options.append(
      .value(
        "--suppression",
        "POLICY",
        nhsDigital
          ? "below-5 (the default), nhs-digital (hide 1 to 7, round others to 5) or none."
          : "below-5 (the default) or none."
      )
    )
    options.append(
      .flag("--no-suppression", "Show every count. Not for publishing data about people.")
    )
    options.append(.value("--title", "TEXT", "The report's title."))
    return options
  }

  /// `--max-groups N`, for commands that break estimates down by a column.
  static let maximumGroupsOption = OptionSpec.value(
    "--max-groups",
    "N",
    "Allow up to N groups in a breakdown (default 1000, and not mostly groups of one respondent, as an id column gives)."
  )

  /// `--decimals 0|1`, for commands that show percentages.
  static func decimalsOption(default value: Int) -> OptionSpec {
    .value(
      "--decimals",
      "N",
      "Decimal places for percentages and percentage points: 0 or 1 (default \(value))."
    )
  }

  /// The `--decimals` given, if any: 0 or 1.
  static func decimals(_ parsed: ParsedArguments, command: String) throws -> Int? {
    guard let text = parsed.value("--decimals") else { return nil }
    guard let decimals = Int(text), decimals == 0 || decimals == 1 else {
      throw UsageError(message: "--decimals takes 0 or 1, not '\(excerpt(text))'", command: command)
    }
    return decimals
  }

  /// `--weight COLUMN`, for commands that weight their estimates.
  static let weightOption = OptionSpec.value(
    "--weight",
    "COLUMN",
    "Weight percentages, means and differences by this column of survey weights (counts stay unweighted)."
  )

  /// The `--max-groups` given, if any.
  static func maximumGroups(_ parsed: ParsedArguments, command: String) throws -> Int? {
    guard let text = parsed.value("--max-groups") else { return nil }
    guard let value = Int(text), value >= 1 else {
      throw UsageError(
        message: "--max-groups needs a whole number of 1 or more, not '\(excerpt(text))'",
        command: command
      )
    }
    return value
  }

  /// The format asked for, text by default.
  static func format(_ parsed: ParsedArguments, command: String) throws -> ReportFormat {
    let implied = parsed.value("--output").flatMap(formatImplied(byPath:))
    if let implied, let given = parsed.value("--format"), given != implied.rawValue {
      throw UsageError(
        message: "--format \(given) does not fit -o \(parsed.value("--output") ?? ""), "
          + "whose name says \(implied.rawValue)",
        hint: "give one of them, or an output name that fits the format",
        command: command
      )
    }
    let name = parsed.value("--format") ?? implied?.rawValue ?? "text"
    guard let format = ReportFormat(rawValue: name) else {
      let names = ReportFormat.allCases.map(\.rawValue)
      throw UsageError(
        message: "unknown format '\(name)'; expected \(names.joined(separator: ", "))",
        hint: closestMatches(to: name, among: names).first.map { "did you mean '\($0)'?" },
        command: command
      )
    }
    return format
  }

  /// The format an output file's extension names: `.html`/`.htm`, `.md`/`.markdown`, `.json`,
  /// `.csv`, `.txt`; `nil` for any other name.
  static func formatImplied(byPath path: String) -> ReportFormat? {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "html", "htm": return .html
    case "md", "markdown": return .markdown
    case "json": return .json
    case "csv": return .csv
    case "txt": return .text
    default: return nil
    }
  }

  /// The suppression policy asked for: counts below 5 hidden unless another is chosen.
  static func suppression(_ parsed: ParsedArguments, command: String) throws -> SuppressionPolicy {
    let chosen = [
      parsed.value("--suppress-below") != nil, parsed.value("--suppression") != nil,
      parsed.has("--no-suppression"),
    ]
    guard chosen.filter({ $0 }).count <= 1 else {
      throw UsageError(
        message:
          "--suppress-below, --suppression and --no-suppression each choose a policy; give one",
        command: command
      )
    }
    if parsed.has("--no-suppression") { return .none }
    if let text = parsed.value("--suppress-below") {
      guard let threshold = Int(text), threshold >= 2 else {
        throw UsageError(
          message: "--suppress-below needs a whole number of 2 or more, not '\(text)'",
          hint: "for example --suppress-below 10; --no-suppression shows every count",
          command: command
        )
      }
      return .threshold(threshold)
    }
    switch parsed.value("--suppression") {
    case nil, "below-5": return .threshold(5)
    case "nhs-digital" where command == "report": return .nhsDigital
    case "nhs-digital":
      throw UsageError(
        message: "the nhs-digital policy rounds counts, which would change the differences and "
          + "tests that '\(command)' works out from them; it is offered by 'report' only",
        hint: "hide small counts with --suppress-below N (for example 8 to hide 1 to 7)",
        command: command
      )
    case "none": return .none
    case let other?:
      throw UsageError(
        message: "unknown suppression policy '\(other)'",
        hint: command == "report"
          ? "expected below-5, nhs-digital or none" : "expected below-5 or none",
        command: command
      )
    }
  }

  /// Writes `text` to `-o FILE` in one step, or to standard output (also for `-o -`).
  ///
  /// - Throws: ``OutputError`` when the file cannot be written (exit 73).
  static func emit(
    _ text: String,
    format: ReportFormat,
    parsed: ParsedArguments,
    console: Console
  ) throws {
    try emit(format: format, parsed: parsed, console: console) { $0.write(text) }
  }

  /// Writes what `write` writes to `-o FILE` (through a temporary file that replaces it only
  /// once complete), or to standard output (also for `-o -`), a chunk at a time, so that memory
  /// does not grow with the output's size.
  ///
  /// Text and Markdown show control characters from the data as visible escapes, in a file as
  /// on a terminal (a file is often printed with cat); CSV, JSON and HTML escape their own. A
  /// device, FIFO or terminal named by `-o` is written in place (see `AtomicFileWriter`).
  ///
  /// - Throws: ``OutputError`` when the file cannot be written (exit 73).
  static func emit(
    format: ReportFormat,
    parsed: ParsedArguments,
    console: Console,
    write: (inout ChunkedTextOutput) -> Void
  ) throws {
    let transform: ((String) -> String)? =
      format == .text || format == .markdown
      ? { visibleControlCharacters($0, keepingLineBreaks: true) } : nil
    guard let path = parsed.value("--output"), path != "-" else {
      var output = ChunkedTextOutput(transform: transform) {
        console.writeRaw(String(decoding: $0, as: UTF8.self))
      }
      write(&output)
      try output.finish()
      return
    }
    do throws(FileSystemError) {
      let writer = try AtomicFileWriter(path: console.resolve(path))
      var output = ChunkedTextOutput(transform: transform) { bytes throws(FileSystemError) in
        try writer.write(bytes)
      }
      write(&output)
      do {
        try output.finish()
      } catch let error as FileSystemError {
        throw error
      } catch {
        throw FileSystemError(kind: .inputOutput, path: path, reason: "\(error)")
      }
      try writer.commit()
    } catch {
      throw OutputError(underlying: error)
    }
  }
}
