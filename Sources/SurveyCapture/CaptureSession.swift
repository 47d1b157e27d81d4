public import SurveyInstruments

/// Asks one respondent the items of one or more instruments, in order, and yields a
/// ``Response``: a state machine free of any user interface, which a terminal, a Mac or iPad app
/// or a web service drives.
///
/// The session moves through ``CaptureStep``s: each instrument's introduction, then its items,
/// then a summary to confirm. At a question the caller passes what the respondent said to
/// ``respond(_:)``, which accepts a code (`2`), a missing-answer key (`p`), any label or alias of
/// an answer ("some of the time", "Prefer not to say"), `s`/`skip`, or `b`/`back`; anything else
/// throws a ``CaptureInputError`` whose hint lists the valid answers and the nearest ones.
///
/// ```swift
/// var session = CaptureSession(instruments: [ons])
/// session.proceed()                        // past the introduction
/// try session.respond("2")                 // by code
/// try session.respond("often")             // by label
/// try session.respond("p")                 // Prefer not to say
/// try session.respond("skip")
/// let response = session.finish()          // at the summary
/// ```
///
/// Going back (``goBack()``) moves to the previous question, across instruments; questions
/// already answered keep their answers, which an empty reply keeps. Going forward again does not
/// show an introduction a second time.
public struct CaptureSession: Sendable {
  /// The instruments asked, in order (an instrument named twice is asked once).
  public let instruments: [Instrument]
  /// Every step of the session in order: introductions, questions, then the summary.
  public let steps: [CaptureStep]
  /// The index in ``steps`` of the current step; `steps.count` once finished.
  public private(set) var stepIndex: Int
  /// The answers given so far by item, including skipped items (`.notAnswered`).
  ///
  /// Items not yet reached are absent.
  public private(set) var answers: [ItemKey: Answer]
  /// Values recorded with the response besides the answers, such as a respondent id.
  public var attributes: [String: String]
  /// Whether the current question was reached from the summary with ``goToQuestion(_:)``, so
  /// that answering it returns to the summary.
  public private(set) var isRevisiting = false
  /// The furthest step reached, so that an introduction already shown is not shown again after
  /// going back.
  private var furthestStepIndex = 0

  /// Starts a session at the first instrument's introduction.
  ///
  /// - Parameters:
  ///   - instruments: The instruments to ask, in order.
  ///   - attributes: Values to record with the response.
  /// - Complexity: O(*n*) in the total number of items.
  public init(instruments: [Instrument], attributes: [String: String] = [:]) {
    var seen: Set<InstrumentID> = []
    let unique = instruments.filter { seen.insert($0.id).inserted }
    self.instruments = unique
    var steps: [CaptureStep] = []
    for (instrumentIndex, instrument) in unique.enumerated() {
      steps.append(.introduction(instrumentIndex: instrumentIndex))
      for itemIndex in instrument.items.indices {
        steps.append(.question(instrumentIndex: instrumentIndex, itemIndex: itemIndex))
      }
    }
    steps.append(.summary)
    self.steps = steps
    stepIndex = 0
    answers = [:]
    self.attributes = attributes
  }

  /// The current step; ``CaptureStep/finished`` after ``finish()``.
  public var step: CaptureStep { stepIndex < steps.count ? steps[stepIndex] : .finished }

  /// The number of questions in the whole session.
  public var questionCount: Int { instruments.reduce(0) { $0 + $1.items.count } }

  /// Whether the session has reached the summary or finished.
  public var isAtSummary: Bool { step == .summary }

  /// What the current introduction shows, when the current step is one.
  public var introduction: CaptureIntroduction? {
    guard case .introduction(let instrumentIndex) = step else { return nil }
    return CaptureIntroduction(
      instrument: instruments[instrumentIndex],
      position: instrumentIndex + 1,
      count: instruments.count
    )
  }

  /// The current question, when the current step is one.
  ///
  /// - Complexity: O(*k*) in the number of answers on the item's scale.
  public var question: CaptureQuestion? {
    guard case .question(let instrumentIndex, let itemIndex) = step else { return nil }
    return makeQuestion(instrumentIndex: instrumentIndex, itemIndex: itemIndex)
  }

  /// Every question with the answer given so far, for a summary to confirm.
  ///
  /// - Complexity: O(*n*) in the total number of items.
  public var summary: [CaptureSummaryLine] {
    var lines: [CaptureSummaryLine] = []
    for (instrumentIndex, instrument) in instruments.enumerated() {
      for (itemIndex, item) in instrument.items.enumerated() {
        let key = ItemKey(instrument: instrument.id, item: item.id)
        let answer = answers[key]
        var text = "not asked"
        if let answer, let scale = instrument.scale(for: item) {
          text = CaptureSession.describe(answer, on: scale)
        }
        lines.append(
          CaptureSummaryLine(
            number: lines.count + 1,
            key: key,
            instrumentIndex: instrumentIndex,
            itemIndex: itemIndex,
            text: item.displayText,
            answer: answer,
            answerText: text
          )
        )
      }
    }
    return lines
  }

  /// The answers so far as a response: items not reached count as not answered.
  ///
  /// - Complexity: O(*n*) in the total number of items.
  public var response: Response {
    var all: [ItemKey: Answer] = [:]
    for instrument in instruments {
      for item in instrument.items {
        let key = ItemKey(instrument: instrument.id, item: item.id)
        all[key] = answers[key] ?? .notAnswered
      }
    }
    return Response(answers: all, attributes: attributes)
  }

  /// Moves past an introduction to the next step.
  ///
  /// Does nothing at other steps.
  public mutating func proceed() {
    if case .introduction = step { moveOn() }
  }

  /// Reads what the respondent said at the current question and acts on it: records an answer,
  /// skips, goes back, or keeps the answer already given (an empty reply).
  ///
  /// - Parameter text: The reply as typed or said.
  /// - Returns: What the reply was taken as.
  /// - Throws: ``CaptureInputError`` when the reply is not a valid answer or command, or the
  ///   current step is not a question; the session does not move.
  /// - Complexity: O(*k* × *m*) for *k* answer labels of length *m*.
  @discardableResult
  public mutating func respond(_ text: String) throws(CaptureInputError) -> CaptureInput {
    let input = try interpret(text)
    switch input {
    case .answer(let answer): try record(answer)
    case .skip: skip()
    case .back: goBack()
    case .keepCurrent: moveOn()
    }
    return input
  }

  /// Works out what `text` means at the current question without changing the session.
  ///
  /// Tried in this order: an empty reply (keeps the current answer, if any); a whole number
  /// (an answer's code, or a missing answer's declared code); a missing answer's key letter; a
  /// label or alias of an answer, compared with ``SurveyInstruments/normalizedLabel(_:)``; `s`/`skip`;
  /// `b`/`back`.
  ///
  /// - Throws: ``CaptureInputError`` when `text` is none of these.
  /// - Complexity: O(*k* × *m*) for *k* answer labels of length *m*.
  public func interpret(_ text: String) throws(CaptureInputError) -> CaptureInput {
    guard let question else {
      throw CaptureInputError(
        kind: .notAtQuestion,
        input: text,
        question: nil,
        message: "the session is not at a question",
        hint: nil
      )
    }
    let trimmed = text.trimmingSpaces()
    if trimmed.isEmpty {
      if question.currentAnswer != nil { return .keepCurrent }
      throw CaptureInputError(
        kind: .empty,
        input: text,
        question: question.key,
        message: "no answer was given",
        hint: question.validAnswersHint
      )
    }
    if let number = Int(trimmed) {
      if let choice = question.choices.first(where: { $0.code == number }) {
        return .answer(choice.answer)
      }
      throw CaptureInputError(
        kind: .unrecognised,
        input: text,
        question: question.key,
        message: "'\(trimmed)' is not a code of an answer to this question",
        hint: question.validAnswersHint
      )
    }
    let normalized = normalizedLabel(trimmed)
    if let choice = question.choices.first(where: {
      !$0.key.isEmpty && $0.key == normalized && $0.code == nil
    }) {
      return .answer(choice.answer)
    }
    for choice in question.choices
    where ([choice.label] + choice.aliases).contains(where: { normalizedLabel($0) == normalized }) {
      return .answer(choice.answer)
    }
    if CaptureSession.skipWords.contains(normalized) { return .skip }
    if CaptureSession.backWords.contains(normalized) { return .back }
    var hint = question.validAnswersHint
    let suggestions = question.suggestions(for: trimmed)
    if !suggestions.isEmpty {
      hint = "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "? " + hint
    }
    throw CaptureInputError(
      kind: .unrecognised,
      input: text,
      question: question.key,
      message: "'\(trimmed)' is not one of the answers to this question",
      hint: hint
    )
  }

  /// Records `answer` for the current question and moves to the next step.
  ///
  /// - Throws: ``CaptureInputError`` when the current step is not a question, or `answer` has a
  ///   code that is not on the item's scale or a missing-answer index the scale does not have.
  public mutating func record(_ answer: Answer) throws(CaptureInputError) {
    guard let question else {
      throw CaptureInputError(
        kind: .notAtQuestion,
        input: answer.description,
        question: nil,
        message: "the session is not at a question",
        hint: nil
      )
    }
    let isValid = answer == .notAnswered || question.choices.contains { $0.answer == answer }
    guard isValid else {
      throw CaptureInputError(
        kind: .unrecognised,
        input: answer.description,
        question: question.key,
        message: "'\(answer)' is not an answer to '\(question.key)'",
        hint: question.validAnswersHint
      )
    }
    answers[question.key] = answer
    moveOn()
  }

  /// Leaves the current question unanswered (recorded as not answered) and moves on.
  ///
  /// Does nothing at other steps.
  public mutating func skip() {
    guard let question else { return }
    answers[question.key] = .notAnswered
    moveOn()
  }

  /// Moves to the next step, or back to the summary after changing an answer from it.
  private mutating func moveOn() {
    if isRevisiting {
      isRevisiting = false
      stepIndex = steps.count - 1
    } else {
      stepIndex += 1
      if case .introduction = step, stepIndex <= furthestStepIndex { stepIndex += 1 }
    }
    furthestStepIndex = max(furthestStepIndex, stepIndex)
  }

  /// Goes back to the previous question, across instruments and from the summary; its answer
  /// is kept until replaced.
  ///
  /// - Returns: `false`, without moving, when there is no earlier question.
  /// - Complexity: O(*n*) in the number of steps.
  @discardableResult
  public mutating func goBack() -> Bool {
    guard stepIndex <= steps.count else { return false }
    var index = min(stepIndex, steps.count) - 1
    while index >= 0 {
      if case .question = steps[index] {
        stepIndex = index
        isRevisiting = false
        return true
      }
      index -= 1
    }
    return false
  }

  /// Goes to question `number` (1-based, as in ``summary``) from the summary, for changing an
  /// answer; answering it (or an empty reply, which keeps the answer) returns to the summary.
  ///
  /// - Returns: `false`, without moving, when there is no such question.
  /// - Complexity: O(*n*) in the number of steps.
  @discardableResult
  public mutating func goToQuestion(_ number: Int) -> Bool {
    var count = 0
    for (index, candidate) in steps.enumerated() {
      guard case .question = candidate else { continue }
      count += 1
      if count == number {
        isRevisiting = self.step == .summary
        stepIndex = index
        return true
      }
    }
    return false
  }

  /// Ends the session at the summary and returns the response; every item that was not reached
  /// counts as not answered.
  ///
  /// - Returns: The finished response, or `nil` when the session is not at the summary.
  /// - Complexity: O(*n*) in the total number of items.
  public mutating func finish() -> Response? {
    guard step == .summary else { return nil }
    stepIndex = steps.count
    return response
  }

  static let skipWords: Set<String> = ["s", "skip"]
  static let backWords: Set<String> = ["b", "back"]

  /// `2 Some of the time`, `Prefer not to say`, `skipped` or `unrecognised answer`.
  static func describe(_ answer: Answer, on scale: ResponseScale) -> String {
    if let code = answer.code {
      let label = scale.option(withCode: code)?.label ?? ""
      return label == String(code) || label.isEmpty ? String(code) : "\(code) \(label)"
    }
    if answer == .notAnswered { return "skipped" }
    return answer.missingReason(on: scale) ?? answer.description
  }

  private func makeQuestion(instrumentIndex: Int, itemIndex: Int) -> CaptureQuestion {
    let instrument = instruments[instrumentIndex]
    let item = instrument.items[itemIndex]
    let key = ItemKey(instrument: instrument.id, item: item.id)
    let scale = instrument.scale(for: item) ?? ResponseScale(id: item.scale, options: [])
    var choices = scale.options.map { option in
      CaptureChoice(
        key: String(option.code),
        code: option.code,
        label: option.label,
        aliases: option.aliases,
        answer: .code(option.code),
        isMissingAnswer: false
      )
    }
    var takenKeys = CaptureSession.skipWords.union(CaptureSession.backWords)
    for (index, missing) in scale.missingAnswers.enumerated() {
      let letters = normalizedLabel(missing.label).unicodeScalars.filter {
        ("a"..."z").contains($0)
      }
      let key = letters.map(String.init).first { !takenKeys.contains($0) }
      if let key { takenKeys.insert(key) }
      choices.append(
        CaptureChoice(
          key: missing.code.map(String.init) ?? key ?? "",
          code: missing.code,
          label: missing.label,
          aliases: missing.aliases,
          answer: .missing(reasonIndex: index),
          isMissingAnswer: true
        )
      )
    }
    var number = 0
    for earlier in instruments[..<instrumentIndex] { number += earlier.items.count }
    return CaptureQuestion(
      key: key,
      instrumentTitle: instrument.title,
      number: number + itemIndex + 1,
      count: questionCount,
      positionInInstrument: itemIndex + 1,
      itemsInInstrument: instrument.items.count,
      text: item.displayText,
      isWordingMissing: item.wording == nil,
      recallPeriod: instrument.recallPeriod,
      anchors: item.anchors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }.map {
        CaptureAnchor(code: $0.0, label: $0.1)
      },
      choices: choices,
      currentAnswer: answers[key],
      currentAnswerText: answers[key].map { CaptureSession.describe($0, on: scale) }
    )
  }
}

/// One step of a ``CaptureSession``.
public enum CaptureStep: Sendable, Hashable {
  /// The introduction of the instrument at this index: show it, then call
  /// ``CaptureSession/proceed()``.
  case introduction(instrumentIndex: Int)
  /// The item at `itemIndex` of the instrument at `instrumentIndex`.
  case question(instrumentIndex: Int, itemIndex: Int)
  /// Every answer is given: show ``CaptureSession/summary`` and confirm with
  /// ``CaptureSession/finish()``, or go back.
  case summary
  /// The response has been taken with ``CaptureSession/finish()``.
  case finished
}

/// What a reply to a question was taken as.
public enum CaptureInput: Sendable, Hashable {
  /// An answer: a code, or a declared missing answer such as "Prefer not to say".
  case answer(Answer)
  /// The question is skipped and recorded as not answered.
  case skip
  /// Go back to the previous question.
  case back
  /// An empty reply to a question answered before: the answer is kept.
  case keepCurrent
}

/// A reply that the session cannot take, with a hint listing what it can.
public struct CaptureInputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong with the reply.
  public enum Kind: Sendable, Hashable {
    /// Nothing was typed, and the question has no earlier answer to keep.
    case empty
    /// The reply is no code, label, alias or command of this question.
    case unrecognised
    /// The session is at an introduction, the summary or finished, not at a question.
    case notAtQuestion
  }

  /// What is wrong.
  public var kind: Kind
  /// The reply as given.
  public var input: String
  /// The question it was given to (its position in the session).
  public var question: ItemKey?
  /// What is wrong, starting lowercase and quoting the reply.
  public var message: String
  /// The valid answers and the nearest ones, when known.
  public var hint: String?

  /// Creates the error.
  public init(kind: Kind, input: String, question: ItemKey?, message: String, hint: String?) {
    self.kind = kind
    self.input = input
    self.question = question
    self.message = message
    self.hint = hint
  }

  /// `message`, then `hint: …` on a second line when there is a hint.
  public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
