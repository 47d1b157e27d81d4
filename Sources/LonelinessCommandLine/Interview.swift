import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPlatform
import SurveyReports
import SurveyScoring

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
  func replacingPath(_ path: String, with shown: String) -> String {
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

extension Interview {
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
}

extension Interview {
  /// Says who the respondent is, warns of earlier rows of the same respondent and of columns the
  /// save will add, and explains the keys, before the first question.
  mutating func introduce(
    respondent: String,
    chosen: Bool,
    target: CaptureTarget,
    file: String,
    keepsPartial: Bool
  ) {
    say(
      chosen
        ? "Respondent \(respondent).\n"
        : "Respondent \(respondent) (an id made from the date, time and a random suffix; "
          + "give --respondent to choose one).\n"
    )
    if chosen {
      do {
        let lines = try target.earlierRows(of: respondent)
        if let first = lines.first {
          let rows =
            lines.count == 1
            ? "a row (line \(first))"
            : "\(lines.count) rows (lines \(lines.map(String.init).joined(separator: ", ")))"
          let attributes = target.extraValues
          let same =
            attributes.isEmpty
            ? ""
            : " with the same "
              + attributes.keys.sorted().map { "\($0)=\(attributes[$0] ?? "")" }
              .joined(separator: ", ")
          say(
            "Note: \(file) already has \(rows) for respondent \(respondent)\(same). Saving adds "
              + "another, which inspect and change list as a duplicate respondent id. Check the "
              + "id; n at the summary discards.\n"
          )
        }
      } catch {
        say("Note: could not look for earlier rows of \(respondent) in \(file): \(error)\n")
      }
    }
    if case .addingColumns(let added) = target.state {
      say(
        "\(file) lacks \(columnsPhrase(added)); saving adds \(added.count == 1 ? "it" : "them") "
          + "to its header. Its earlier rows are kept as they are and read as blank there.\n"
      )
    }
    say(
      "Answer with a number or the words of an answer; s skips, b goes back.\n"
        + (keepsPartial
          ? "Ctrl-C ends the session and saves the answers so far as a partial row.\n"
          : "Ctrl-C abandons the session without saving.\n")
    )
  }

  /// Says what was saved (and the scores, when asked), and gives the command's exit code: 65
  /// for a partial row.
  func finish(
    _ saved: CaptureTarget.Saved,
    respondent: String,
    status: CaptureStatus,
    file: String,
    showsScores: Bool
  ) -> ExitCode {
    if !saved.receipt.addedColumns.isEmpty {
      console.write(
        "Added \(columnsPhrase(saved.receipt.addedColumns)) to the header of \(file).\n"
      )
    }
    let given = session.answers.values
    var counts =
      "\(given.count { $0.isAnswered }) of \(counted(session.questionCount, "question")) answered"
    let missing = given.count { $0.missingReasonIndex != nil }
    let skipped = given.count { $0 == .notAnswered }
    let unreached = session.questionCount - given.count
    if missing > 0 { counts += ", \(missing) with a missing answer" }
    if skipped > 0 { counts += ", \(skipped) skipped" }
    if unreached > 0 { counts += ", \(unreached) not reached" }
    if status == .partial {
      console.writeDiagnostic(
        "Session abandoned: the answers so far were saved to \(file) as a partial row "
          + "(respondent \(respondent), \(counts)).\n"
      )
      return .dataError
    }
    console.write("Saved respondent \(respondent) to \(file) (\(counts)).\n")
    if showsScores {
      console.write(Self.scoreLines(session.response, instruments: session.instruments))
    }
    return .success
  }
}
