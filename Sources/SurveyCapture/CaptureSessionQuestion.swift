public import SurveyInstruments

/// What a ``CaptureSession`` shows before an instrument's items.
public struct CaptureIntroduction: Sendable, Hashable {
  /// The instrument about to be asked.
  public var instrument: Instrument
  /// Its position among the session's instruments (1-based).
  public var position: Int
  /// How many instruments the session asks.
  public var count: Int

  /// Creates an introduction.
  public init(instrument: Instrument, position: Int, count: Int) {
    self.instrument = instrument
    self.position = position
    self.count = count
  }

  /// The instrument's title.
  public var title: String { instrument.title }
  /// The text to read or show first, if the instrument has one.
  public var text: String? { instrument.introduction?.text }
  /// The period respondents are asked about, such as "the last 2 weeks".
  public var recallPeriod: String? { instrument.recallPeriod }

  /// How many items have no wording installed (licensed instruments ship without it).
  ///
  /// - Complexity: O(*n*) in the number of items.
  public var itemsWithoutWording: Int { instrument.items.count { $0.wording == nil } }

  /// A note for the interviewer when some wording is not installed, or `nil`:
  /// "The licensed wording of the 7 items of … is not installed: each is asked by its key phrase.
  /// Read the exact wording from your licensed copy."
  ///
  /// - Complexity: O(*n*) in the number of items.
  public var missingWordingNote: String? {
    let missing = itemsWithoutWording
    guard missing > 0 else { return nil }
    let which =
      missing == instrument.items.count
      ? "the \(missing) item\(missing == 1 ? "" : "s")" : "\(missing) of the items"
    return "The licensed wording of \(which) of \(instrument.title) is not installed: "
      + "\(missing == 1 ? "it is" : "each is") asked by its key phrase. "
      + "Read the exact wording from your licensed copy."
  }
}

/// One question of a ``CaptureSession``, with everything a screen or prompt needs.
public struct CaptureQuestion: Sendable, Hashable {
  /// The item asked.
  public var key: ItemKey
  /// The title of the item's instrument.
  public var instrumentTitle: String
  /// The question's position in the session (1-based).
  public var number: Int
  /// How many questions the session has.
  public var count: Int
  /// The item's position in its instrument (1-based).
  public var positionInInstrument: Int
  /// How many items the instrument has.
  public var itemsInInstrument: Int
  /// The wording, or the key phrase when the wording is not installed.
  public var text: String
  /// Whether `text` is only a key phrase because the licensed wording is not installed.
  public var isWordingMissing: Bool
  /// The period the question is about, if the instrument states one.
  public var recallPeriod: String?
  /// Labels of the ends of a numeric scale, by code.
  public var anchors: [CaptureAnchor]
  /// The answers: the scale's options in order, then its declared missing answers.
  public var choices: [CaptureChoice]
  /// The answer given before, when the respondent came back to this question.
  public var currentAnswer: Answer?
  /// The earlier answer in words (`2 Some of the time`, `skipped`), if any.
  public var currentAnswerText: String?

  /// Creates a question.
  public init(
    key: ItemKey,
    instrumentTitle: String,
    number: Int,
    count: Int,
    positionInInstrument: Int,
    itemsInInstrument: Int,
    text: String,
    isWordingMissing: Bool,
    recallPeriod: String?,
    anchors: [CaptureAnchor],
    choices: [CaptureChoice],
    currentAnswer: Answer?,
    currentAnswerText: String?
  ) {
    self.key = key
    self.instrumentTitle = instrumentTitle
    self.number = number
    self.count = count
    self.positionInInstrument = positionInInstrument
    self.itemsInInstrument = itemsInInstrument
    self.text = text
    self.isWordingMissing = isWordingMissing
    self.recallPeriod = recallPeriod
    self.anchors = anchors
    self.choices = choices
    self.currentAnswer = currentAnswer
    self.currentAnswerText = currentAnswerText
  }

  /// Whether every option's label is just its code, as on a 0-10 scale.
  public var isNumericScale: Bool {
    choices.allSatisfy { $0.isMissingAnswer || $0.label == $0.key }
  }

  /// The valid replies in a sentence: "answer 1 Hardly ever or never, 2 Some of the time,
  /// 3 Often, d Don't know or p Prefer not to say; s skips, b goes back".
  ///
  /// - Complexity: O(*k*) in the number of answers.
  public var validAnswersHint: String {
    let options = choices.filter { !$0.isMissingAnswer }
    var parts: [String]
    if isNumericScale, let first = options.first, let last = options.last, options.count > 2 {
      parts = ["a whole number from \(first.key) to \(last.key)"]
    } else {
      parts = options.map { "\($0.key) \($0.label)" }
    }
    for missing in choices where missing.isMissingAnswer {
      parts.append(missing.key.isEmpty ? "'\(missing.label)'" : "\(missing.key) \(missing.label)")
    }
    let list =
      parts.count > 1
      ? parts.dropLast().joined(separator: ", ") + " or " + (parts.last ?? "") : parts.joined()
    return "answer \(list); s skips, b goes back"
  }

  /// Labels close to `text`, for "did you mean" hints: labels and aliases that start with it,
  /// then those within a small edit distance, then those sharing a word of four or more letters
  /// with it, given as the answers' own labels, at most three.
  ///
  /// - Complexity: O(*k* × *m* × *n*) for *k* labels of length *m* and a reply of length *n*.
  public func suggestions(for text: String) -> [String] {
    let normalized = normalizedLabel(text)
    var labelOfSpelling: [String: String] = [:]
    var spellings: [String] = []
    for choice in choices {
      for spelling in [choice.label] + choice.aliases {
        let key = normalizedLabel(spelling)
        if labelOfSpelling[key] == nil {
          labelOfSpelling[key] = choice.label
          spellings.append(key)
        }
      }
    }
    var found: [String] = []
    func add(_ label: String) { if !found.contains(label) { found.append(label) } }
    if normalized.count >= 2 {
      for spelling in spellings where spelling.hasPrefix(normalized) {
        if let label = labelOfSpelling[spelling] { add(label) }
      }
    }
    for spelling in closestMatches(to: normalized, among: spellings) {
      if let label = labelOfSpelling[spelling] { add(label) }
    }
    // Shared words of four or more letters: "sometimes" suggests "Some of the time".
    let joined = normalized.filter { $0 != " " }
    let typedWords = normalized.split(separator: " ").filter { $0.count >= 4 }
    for spelling in spellings {
      let words = spelling.split(separator: " ").filter { $0.count >= 4 }
      let shares = words.contains { word in
        joined.contains(word) || typedWords.contains { word.contains($0) }
      }
      if shares, let label = labelOfSpelling[spelling] { add(label) }
    }
    return Array(found.prefix(3))
  }
}

/// One answer a question accepts.
public struct CaptureChoice: Sendable, Hashable {
  /// What the respondent types to choose it: the code for an option (`2`), a declared code or a
  /// letter for a missing answer (`p`); empty when only the label chooses it.
  public var key: String
  /// The code the answer records, or a missing answer's declared code, if any.
  public var code: Int?
  /// The label shown.
  public var label: String
  /// Other spellings that also choose it.
  public var aliases: [String]
  /// The answer recorded.
  public var answer: Answer
  /// Whether it is a declared missing answer such as "Prefer not to say".
  public var isMissingAnswer: Bool

  /// Creates a choice.
  public init(
    key: String,
    code: Int?,
    label: String,
    aliases: [String],
    answer: Answer,
    isMissingAnswer: Bool
  ) {
    self.key = key
    self.code = code
    self.label = label
    self.aliases = aliases
    self.answer = answer
    self.isMissingAnswer = isMissingAnswer
  }
}

/// The label of one end of a numeric scale, such as 0 = "not at all satisfied".
public struct CaptureAnchor: Sendable, Hashable {
  /// The code.
  public var code: Int
  /// What the code means.
  public var label: String

  /// Creates an anchor.
  public init(code: Int, label: String) {
    self.code = code
    self.label = label
  }
}

/// One question and its answer, for a summary to confirm.
public struct CaptureSummaryLine: Sendable, Hashable {
  /// The question's position in the session (1-based).
  public var number: Int
  /// The item.
  public var key: ItemKey
  /// The index of its instrument in the session.
  public var instrumentIndex: Int
  /// The index of the item in its instrument.
  public var itemIndex: Int
  /// The wording or key phrase.
  public var text: String
  /// The answer, or `nil` when the question was not reached.
  public var answer: Answer?
  /// The answer in words: `2 Some of the time`, `Prefer not to say`, `skipped`, `not asked`.
  public var answerText: String

  /// Creates a summary line.
  public init(
    number: Int,
    key: ItemKey,
    instrumentIndex: Int,
    itemIndex: Int,
    text: String,
    answer: Answer?,
    answerText: String
  ) {
    self.number = number
    self.key = key
    self.instrumentIndex = instrumentIndex
    self.itemIndex = itemIndex
    self.text = text
    self.answer = answer
    self.answerText = answerText
  }
}
