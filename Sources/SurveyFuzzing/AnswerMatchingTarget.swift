import SurveyCapture
import SurveyInstruments

extension FuzzTarget {
  /// `AnswerMatcher`: a cell's text matched against a scale's answers.
  static let answerMatching = FuzzTarget(
    name: "answer-matching",
    summary: """
      AnswerMatcher. Byte 1 chooses a scale of a built-in instrument, or (past the last one) a \
      scale made from the input: lines '#CODE:LABEL|ALIAS…' are options, lines '?LABEL|ALIAS…' or \
      '?CODE:LABEL|…' are missing answers. Every other line of the rest is a cell's text.
      """,
    run: matchAnswers
  )
}

/// The largest code written in a made scale: codes are read from at most nine digits.
private let largestCode = 999_999_999

@Sendable private func matchAnswers(_ data: [UInt8]) {
  var input = FuzzInput(data)
  let choice = Int(input.byte())
  var cells: [String] = []
  let scale: ResponseScale
  if choice < builtInScales.count {
    scale = builtInScales[choice]
    cells = input.rest.lines().map { String(decoding: $0, as: UTF8.self) }
  } else {
    var options: [ResponseOption] = []
    var missingAnswers: [MissingAnswer] = []
    for line in input.rest.lines() {
      let text = String(decoding: line, as: UTF8.self)
      if let first = text.first, first == "#" || first == "?" {
        let (code, labels) = definition(text.dropFirst())
        if first == "#" {
          options.append(
            ResponseOption(
              code: code ?? options.count,
              label: labels[0],
              aliases: Array(labels.dropFirst())
            )
          )
        } else {
          missingAnswers.append(
            MissingAnswer(label: labels[0], aliases: Array(labels.dropFirst()), code: code)
          )
        }
      } else {
        cells.append(text)
      }
    }
    scale = ResponseScale(id: "fuzz", options: options, missingAnswers: missingAnswers)
  }
  let matcher = AnswerMatcher(scale: scale)
  for cell in cells {
    checkAnswer(matcher, cell)
    checkAnswer(matcher, " \(cell) ")
    check(
      matcher.answer(for: " \(cell) ") == matcher.answer(for: cell),
      "spaces around '\(cell)' change its answer"
    )
  }
  checkDeclaredAnswers(matcher)
}

/// `CODE:LABEL|ALIAS|…` or `LABEL|ALIAS|…` as a code (clamped to what can be written) and at
/// least one label.
private func definition(_ text: Substring) -> (Int?, [String]) {
  var rest = text
  var code: Int?
  if let colon = text.firstIndex(of: ":"), let number = Int(text[..<colon]) {
    code = min(max(number, -largestCode), largestCode)
    rest = text[text.index(after: colon)...]
  }
  return (code, rest.split(separator: "|", omittingEmptySubsequences: false).map(String.init))
}

/// Checks that the answer to `text` is one the scale has, and is "not answered" exactly when
/// the text is blank.
private func checkAnswer(_ matcher: AnswerMatcher, _ text: String) {
  let isBlank = text.unicodeScalars.allSatisfy {
    $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{A0}"
  }
  guard let answer = matcher.answer(for: text) else {
    check(!isBlank, "the blank text '\(text)' is unrecognised instead of not answered")
    return
  }
  check(answer != .unrecognised, "'\(text)' matched as unrecognised instead of nil")
  if let code = answer.code {
    check(
      matcher.scale.options.contains { $0.code == code },
      "'\(text)' matched code \(code), which the scale does not have"
    )
  } else if let index = answer.missingReasonIndex {
    check(
      index < matcher.scale.missingAnswers.count,
      "'\(text)' matched missing answer #\(index) of \(matcher.scale.missingAnswers.count)"
    )
  } else {
    check(answer == .notAnswered, "'\(text)' matched \(answer)")
    check(isBlank, "'\(text)' is not blank but matched as not answered")
  }
}

/// Checks that every code of the scale reads as itself, and that every label or alias without
/// digits whose normalised form no other answer shares reads as its answer.
private func checkDeclaredAnswers(_ matcher: AnswerMatcher) {
  let scale = matcher.scale
  // Answers a response table cannot hold read as unrecognised (see `Answer.code(_:)` and
  // `Answer.missing(reasonIndex:)`), so only the others are checked.
  var declared: [(text: String, answer: Answer)] = []
  for option in scale.options where Answer.code(option.code) != .unrecognised {
    for text in [option.label] + option.aliases { declared.append((text, .code(option.code))) }
  }
  for (index, missing) in scale.missingAnswers.enumerated()
  where index < Answer.maximumMissingReasons {
    for text in [missing.label] + missing.aliases {
      declared.append((text, .missing(reasonIndex: index)))
    }
  }
  var owners: [String: Set<Answer>] = [:]
  for (text, answer) in declared { owners[normalizedLabel(text), default: []].insert(answer) }
  for option in scale.options where abs(option.code) <= largestCode {
    check(
      matcher.answer(for: String(option.code)) == .code(option.code),
      "the code \(option.code) does not read as itself"
    )
  }
  for (text, answer) in declared {
    let key = normalizedLabel(text)
    guard !key.isEmpty, owners[key]?.count == 1,
      !text.unicodeScalars.contains(where: { $0.properties.numericType != nil })
    else { continue }
    check(matcher.answer(for: text) == answer, "the label '\(text)' does not read as \(answer)")
  }
}
