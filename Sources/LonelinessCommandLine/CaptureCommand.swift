import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPlatform
import SurveyReports
import SurveyScoring
import SurveyWorkbook

let captureSpec = CommandSpec(
  name: "capture",
  summary: "Ask one respondent the questions and append their answers to a CSV file.",
  usage: [
    "loneliness capture -i ID [-i ID]... --to FILE [--set COLUMN=VALUE]... [--respondent ID]",
    "                   [--show-scores] [--keep-partial]",
  ],
  discussion: """
    Asks each instrument's questions in order with numbered answers, shows a summary to confirm, \
    then appends ONE row to FILE.

    ANSWERING
    Answer with the number shown (the answer's code), the words of an answer ('some of the \
    time'), or the letter of a missing answer such as p for 'Prefer not to say'; s skips a \
    question, b goes back, Enter keeps an earlier answer. An invalid answer is asked again with \
    a hint. At the summary, y saves, n discards, b goes back, and a question number changes that \
    answer.

    THE ROW
    respondent_id (from --respondent, or the date and time with a random suffix), captured_at \
    (ISO 8601, UTC), the --set columns, one column per item named INSTRUMENT.ITEM with the code, \
    a missing answer's label or nothing when skipped, and status (complete or partial). A new \
    file gets a header.

    AN EXISTING FILE
    The row is written in the file's column order. Columns this capture adds (another \
    instrument, a new --set column) are appended to the header, and earlier rows are kept as \
    they are, read as blank there. A file with a column this capture does not write is refused \
    before any question, with exit code 65: existing rows are never rewritten. A note before the \
    first question says when the file already has a row for the --respondent id with the same \
    --set values.

    SAVING SAFELY
    Each row is written whole with one write under an exclusive lock and flushed to disk before \
    'Saved' is printed, so two people can capture into one file at once. Ctrl-C or the end of \
    input before the row is saved abandons the session: nothing is saved and the exit code is \
    65, unless --keep-partial, which saves the answers so far with status partial (still exit 65).

    PIPED ANSWERS
    With standard input not a terminal, answers are read one per line (printf '1\\n2\\n…' | \
    loneliness capture …). Questions and prompts go to standard output when it is a terminal, \
    otherwise to standard error, so standard output keeps only the result.
    """,
  options: [
    .value(
      "--instrument",
      short: "-i",
      "ID",
      repeatable: true,
      "An instrument to ask, such as ons-loneliness; repeat it or separate ids with commas."
    ),
    .value("--to", "FILE", "The CSV file to append the row to; created if missing."),
    .value(
      "--set",
      "COLUMN=VALUE",
      repeatable: true,
      "An extra column and its value for this row, such as site=Ashford. Repeatable."
    ),
    .value("--respondent", "ID", "The respondent id; generated from the date and time if absent."),
    .flag("--show-scores", "Print the respondent's scores after saving."),
    .flag("--keep-partial", "If the session is abandoned, save the answers so far as partial."),
  ],
  examples: [
    "loneliness capture -i ons-loneliness --to responses.csv --set site=Ashford",
    "loneliness capture -i ons-loneliness -i swemwbs --to visits.csv --respondent C-0042",
    "loneliness capture -i ons-loneliness -i swemwbs --to visits.csv --set wave=baseline --respondent C-0042 --show-scores",
    "printf '1\\n2\\n2\\n3\\ny\\n' | loneliness capture -i ons-loneliness --to responses.csv",
  ]
)

enum CaptureCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: captureSpec, console: console)
    else {
      return .success
    }
    if let extra = parsed.positionals.first {
      throw UsageError(
        message: "unexpected argument '\(extra)'",
        hint: "give each instrument with -i, for example: -i ons-loneliness -i swemwbs",
        command: "capture"
      )
    }
    let ids = parsed.values("--instrument").flatMap { $0.split(separator: ",") }.map(String.init)
    guard !ids.isEmpty else {
      throw UsageError(
        message: "capture needs at least one instrument",
        hint: "for example: -i ons-loneliness",
        command: "capture"
      )
    }
    guard let target = parsed.value("--to") else {
      throw UsageError(
        message: "capture needs --to FILE, the CSV file to append the row to",
        hint: "for example: --to responses.csv",
        command: "capture"
      )
    }
    var extras: [(String, String)] = []
    for assignment in parsed.values("--set") {
      guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
        throw UsageError(
          message: "--set needs COLUMN=VALUE, found '\(assignment)'",
          hint: "for example: --set site=Ashford",
          command: "capture"
        )
      }
      extras.append(
        (String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
      )
    }
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    var instruments: [Instrument] = []
    for id in ids {
      let instrument = try catalogue.instrument(named: id)
      if !instruments.contains(where: { $0.id == instrument.id }) { instruments.append(instrument) }
    }
    let layout: CaptureFileLayout
    do {
      layout = try CaptureFileLayout(instruments: instruments, extraColumns: extras.map(\.0))
    } catch {
      throw UsageError(message: "--set: \(error.message)", hint: error.hint, command: "capture")
    }
    let path = console.resolve(target)
    // A workbook or other binary file is never read as CSV, nor appended to.
    if pathKind(path) == .file,
      let leading = try? CSVReader.leadingBytes(ofFile: path, count: FileContentKind.sampleSize)
    {
      let kind = FileContentKind(leadingBytes: leading)
      if kind != .text {
        let what =
          kind == .zipArchive ? "an Excel workbook or another ZIP archive" : "not a text file"
        console.writeDiagnostic(
          "\(target): error: the file is \(what), and capture appends rows to a CSV file\nhint: capture into a new .csv file, or into one an earlier capture made; \(target) was not changed\n"
        )
        return .dataError
      }
    }
    let fileState: DurableAppend.FileState
    let acceptedColumns: [String]
    do {
      fileState = try DurableAppend.inspect(path, header: layout.header)
      acceptedColumns = try DurableAppend.existingColumns(path)
    } catch {
      return report(error, target: target, console: console)
    }

    let now = secondsSinceUnixEpoch()
    var generator = SystemRandomNumberGenerator()
    let chosen = parsed.value("--respondent")
    let respondent = chosen ?? generatedRespondentID(secondsSinceEpoch: now, using: &generator)
    var interview = Interview(
      console: console,
      session: CaptureSession(
        instruments: instruments,
        attributes: Dictionary(extras, uniquingKeysWith: { $1 })
      ),
      catalogue: catalogue
    )
    interview.say(
      chosen == nil
        ? "Respondent \(respondent) (an id made from the date, time and a random suffix; "
          + "give --respondent to choose one).\n"
        : "Respondent \(respondent).\n"
    )
    if let chosen, fileState != .new {
      warnOfEarlierRows(
        of: chosen,
        attributes: Dictionary(extras, uniquingKeysWith: { $1 }),
        in: path,
        target: target,
        interview: &interview
      )
    }
    if case .addingColumns(let added) = fileState {
      interview.say(
        "\(target) lacks \(columnsPhrase(added)); saving adds \(added.count == 1 ? "it" : "them") "
          + "to its header. Its earlier rows are kept as they are and read as blank there.\n"
      )
    }
    interview.say(
      "Answer with a number or the words of an answer; s skips, b goes back.\n"
        + (parsed.has("--keep-partial")
          ? "Ctrl-C ends the session and saves the answers so far as a partial row.\n"
          : "Ctrl-C abandons the session without saving.\n")
    )

    console.catchInterrupts(true)
    defer { console.catchInterrupts(false) }
    let outcome = interview.run()

    let status: CaptureStatus
    switch outcome {
    case .confirmed:
      status = .complete
    case .discarded:
      console.write("Not saved: the answers were discarded.\n")
      return .success
    case .abandoned(let reason):
      let answered = interview.session.answers.count
      guard parsed.has("--keep-partial"), answered > 0 else {
        console.writeDiagnostic(
          "Session abandoned (\(reason)): nothing was saved to \(target).\n"
            + (answered > 0
              ? "hint: --keep-partial saves the answers so far as a partial row\n" : "")
        )
        return .dataError
      }
      status = .partial
    }

    let capturedAt = iso8601UTC(secondsSinceEpoch: secondsSinceUnixEpoch())
    let response = interview.session.response
    let row = layout.row(
      for: response,
      respondentID: respondent,
      capturedAt: capturedAt,
      status: status
    )
    let receipt: DurableAppend.Receipt
    do {
      receipt = try DurableAppend.append(
        row,
        header: layout.header,
        to: path,
        acceptedFileColumns: acceptedColumns
      )
    } catch {
      let code = report(error, target: target, console: console)
      // Nothing is lost: the answers, as the CSV lines they would have been.
      let writer = CSVWriter()
      console.writeDiagnostic(
        "The answers were not saved. Keep these two lines (header and row) to add them later:\n"
          + writer.line(layout.header) + writer.line(row)
      )
      return code
    }
    if !receipt.addedColumns.isEmpty {
      console.write("Added \(columnsPhrase(receipt.addedColumns)) to the header of \(target).\n")
    }
    let given = interview.session.answers.values
    var counts =
      "\(given.count { $0.isAnswered }) of \(counted(interview.session.questionCount, "question")) answered"
    let missing = given.count { $0.missingReasonIndex != nil }
    let skipped = given.count { $0 == .notAnswered }
    let unreached = interview.session.questionCount - given.count
    if missing > 0 { counts += ", \(missing) with a missing answer" }
    if skipped > 0 { counts += ", \(skipped) skipped" }
    if unreached > 0 { counts += ", \(unreached) not reached" }
    if status == .partial {
      console.writeDiagnostic(
        "Session abandoned: the answers so far were saved to \(target) as a partial row "
          + "(respondent \(respondent), \(counts)).\n"
      )
      return .dataError
    }
    console.write("Saved respondent \(respondent) to \(target) (\(counts)).\n")
    if parsed.has("--show-scores") {
      console.write(scoreLines(response, instruments: interview.session.instruments))
    }
    return .success
  }

  /// Says when the file already holds a row for `respondent` with the same `--set` values, which
  /// is often a mistyped id: the capture goes on, and `n` at the summary discards it.
  private static func warnOfEarlierRows(
    of respondent: String,
    attributes: [String: String],
    in path: String,
    target: String,
    interview: inout Interview
  ) {
    let lines: [Int]
    do {
      lines = try CaptureFileLayout.linesHolding(
        respondentID: respondent,
        attributes: attributes,
        inFile: path
      )
    } catch {
      interview.say(
        "Note: could not look for earlier rows of \(respondent) in \(target): \(error)\n"
      )
      return
    }
    guard let first = lines.first else { return }
    let rows =
      lines.count == 1
      ? "a row (line \(first))"
      : "\(lines.count) rows (lines \(lines.map(String.init).joined(separator: ", ")))"
    let same =
      attributes.isEmpty
      ? ""
      : " with the same "
        + attributes.keys.sorted().map { "\($0)=\(attributes[$0] ?? "")" }.joined(separator: ", ")
    interview.say(
      "Note: \(target) already has \(rows) for respondent \(respondent)\(same). Saving adds "
        + "another, which inspect and change list as a duplicate respondent id. Check the id; "
        + "n at the summary discards.\n"
    )
  }

  /// The respondent's scores and indicators, one per line, with the band or the reason a score is
  /// absent.
  static func scoreLines(_ response: Response, instruments: [Instrument]) -> String {
    var lines: [String] = []
    for instrument in instruments where !instrument.scores.isEmpty || !instrument.indicators.isEmpty
    {
      let scores = Scorer.score(response, instrument: instrument)
      for score in scores.scores {
        let decimals = instrument.score(withID: score.id)?.decimals ?? 0
        let name = "\(instrument.id).\(score.id)"
        if let value = score.value {
          lines.append(
            "  \(name): \(ScoreColumn.format(value, decimals: decimals))"
              + (score.band.map { " (\($0.label))" } ?? "")
          )
        } else {
          lines.append("  \(name): not scored (\(score.reason ?? "missing"))")
        }
      }
      for indicator in scores.indicators {
        let name = "\(instrument.id).\(indicator.id)"
        let title = instrument.indicator(withID: indicator.id)?.title ?? indicator.id.rawValue
        switch indicator.value {
        case true?: lines.append("  \(name): yes (\(title))")
        case false?: lines.append("  \(name): no (\(title))")
        case nil: lines.append("  \(name): not known (\(indicator.reason ?? "missing"))")
        }
      }
    }
    return lines.isEmpty
      ? "Scores: the instruments define no scores or indicators.\n"
      : "Scores\n" + lines.joined(separator: "\n") + "\n"
  }

  /// Reports a file that cannot take the row; header problems exit 65.
  static func report(_ error: CaptureFileError, target: String, console: Console) -> ExitCode {
    var copy = error
    copy.message = copy.message.replacingPath(error.path, with: target)
    console.writeDiagnostic("error: \(copy.message)\n" + (copy.hint.map { "hint: \($0)\n" } ?? ""))
    switch error.kind {
    case .headerMismatch, .unreadableHeader: return .dataError
    case .cannotAddColumns, .notARegularFile: return .cannotCreate
    case .fileSystem(.notFound), .fileSystem(.permissionDenied), .fileSystem(.isDirectory):
      return .cannotCreate
    case .fileSystem(.inputOutput): return .ioError
    }
  }
}

/// How an interview ended.
enum InterviewOutcome: Equatable {
  case confirmed
  case discarded
  case abandoned(String)
}

/// Drives a capture session through the console: shows each step, reads replies, re-asks with a
/// hint.
struct Interview {
  let console: Console
  var session: CaptureSession
  let catalogue: InstrumentCatalogue

  /// Writes conversation text: standard output on a terminal, else standard error.
  func say(_ text: String) {
    if console.isOutputTerminal { console.write(text) } else { console.writeDiagnostic(text) }
  }

  /// Reads a reply after `prompt`, echoing it when the input is not a terminal.
  func ask(_ prompt: String) -> InputLine {
    say(prompt)
    let line = console.readLine()
    switch line {
    case .line(let text): if !console.isInputTerminal { say(text + "\n") }
    case .endOfInput, .interrupted: say("\n")
    }
    return line
  }

  mutating func run() -> InterviewOutcome {
    var showQuestion = true
    while true {
      switch session.step {
      case .introduction:
        if let introduction = session.introduction { say(text(of: introduction)) }
        session.proceed()
      case .question:
        guard let question = session.question else { return .abandoned("no question") }
        if showQuestion { say(text(of: question)) }
        let reply = ask("Answer: ")
        guard case .line(let text) = reply else { return abandonment(reply, at: question) }
        do {
          let input = try session.respond(text)
          showQuestion = true
          if input == .back, session.question?.key == question.key {
            say("  (this is the first question)\n")
          }
        } catch {
          say("  error: \(error.message)\n" + (error.hint.map { "  hint: \($0)\n" } ?? ""))
          showQuestion = false
        }
      case .summary:
        say(summaryText())
        let reply = ask(
          "Save these answers? y = save, n = discard, b = back, or a question number to change: "
        )
        guard case .line(let text) = reply else { return abandonment(reply, at: nil) }
        switch normalizedLabel(text) {
        case "y", "yes":
          _ = session.finish()
          return .confirmed
        case "n", "no":
          return .discarded
        case "b", "back":
          session.goBack()
        case let other:
          if let number = Int(other), session.goToQuestion(number) { continue }
          say(
            "  error: '\(text)' is not y, n, b or a question number from 1 to \(session.questionCount)\n"
          )
        }
      case .finished:
        return .confirmed
      }
    }
  }

  func abandonment(_ reply: InputLine, at question: CaptureQuestion?) -> InterviewOutcome {
    let place = question.map { " at question \($0.number) of \($0.count)" } ?? " at the summary"
    if reply == .interrupted { return .abandoned("interrupted\(place)") }
    return .abandoned("the input ended\(place)")
  }

  func text(of introduction: CaptureIntroduction) -> String {
    let width = console.width
    var lines = [""]
    let heading = "\(introduction.title)"
    lines.append(heading)
    lines.append(String(repeating: "=", count: min(heading.count, width)))
    if let recall = introduction.recallPeriod {
      lines.append(wrapped("About \(recall).", width: width))
    }
    if let text = introduction.text { lines.append(wrapped(text, width: width)) }
    if let note = introduction.missingWordingNote {
      lines.append("")
      lines.append(wrapped("Note: \(note)", width: width))
      let sheet = InstrumentSheet(
        instrument: introduction.instrument,
        origin: catalogue.origins[introduction.instrument.id] ?? "",
        width: width
      )
      lines.append(sheet.addWordingHelp())
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func text(of question: CaptureQuestion) -> String {
    let width = console.width
    var lines = [""]
    lines.append(
      "Question \(question.number) of \(question.count) (\(question.key.instrument) "
        + "\(question.positionInInstrument)/\(question.itemsInInstrument))"
    )
    if question.isWordingMissing {
      lines.append(wrapped("Key phrase: \(question.text)", width: width, indent: "  "))
      lines.append(
        wrapped(
          "(licensed wording not installed: read item \(question.positionInInstrument) from "
            + "your licensed copy)",
          width: width,
          indent: "  "
        )
      )
    } else {
      lines.append(wrapped(question.text, width: width, indent: "  "))
    }
    let options = question.choices.filter { !$0.isMissingAnswer }
    let keyWidth = question.choices.map(\.key.count).max() ?? 1
    if question.isNumericScale, let first = options.first, let last = options.last {
      var line = "  \(first.key) to \(last.key)"
      if !question.anchors.isEmpty {
        line +=
          " ("
          + question.anchors.map { "\($0.code) = \($0.label)" }.joined(separator: ", ") + ")"
      }
      lines.append(wrapped(line, width: width, indent: "    "))
    } else {
      for option in options {
        lines.append("  \(leftPadded(option.key, to: keyWidth))  \(option.label)")
      }
    }
    for missing in question.choices where missing.isMissingAnswer {
      let key = missing.key.isEmpty ? "" : leftPadded(missing.key, to: keyWidth) + "  "
      lines.append("  \(key)\(missing.label)")
    }
    if let current = question.currentAnswerText {
      lines.append("  (answered before: \(current); Enter keeps it)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func summaryText() -> String {
    let summary = session.summary
    let numberWidth = String(summary.count).count
    let textWidth = max(20, min(52, console.width - numberWidth - 28))
    var lines = ["", "Summary"]
    for line in summary {
      var text = line.text
      if text.count > textWidth { text = String(text.prefix(textWidth - 1)) + "…" }
      lines.append(
        "  \(leftPadded(String(line.number), to: numberWidth)). \(padded(text, to: textWidth))  "
          + line.answerText
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  /// The text with every `path` replaced by `shown`, the path as the user wrote it.
  fileprivate func replacingPath(_ path: String, with shown: String) -> String {
    guard !path.isEmpty, path != shown else { return self }
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: path) {
      result += rest[..<range.lowerBound] + shown
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}

/// `the column 'site'` or `the columns 'site', 'wave'`.
private func columnsPhrase(_ columns: [String]) -> String {
  (columns.count == 1 ? "the column " : "the columns ")
    + columns.map { "'\($0)'" }.joined(separator: ", ")
}
