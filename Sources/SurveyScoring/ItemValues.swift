import SurveyCapture
import SurveyInstruments

/// The value that each code of an item's scale contributes to one score, after recoding or
/// reversing, looked up straight from a packed ``Answer``.
struct ItemValues: Sendable {
  /// Code spans up to this size are looked up in an array; wider ones in a dictionary.
  private static let denseLimit = 65_536

  /// The item.
  let item: ItemID
  /// The labels of the scale's declared missing answers, by index.
  let missingLabels: [String]
  private let lowestCode: Int
  private let dense: [Double]
  private let sparse: [Int: Double]

  /// The values of `scoreItem`'s codes on `scale` (no scale: every answer counts as missing).
  ///
  /// - Complexity: O(*c*) for a scale whose codes span *c* values.
  init(_ scoreItem: ScoreItem, scale: ResponseScale?) {
    item = scoreItem.item
    missingLabels = scale?.missingAnswers.map(\.label) ?? []
    guard let scale, !scale.options.isEmpty else {
      lowestCode = 0
      dense = []
      sparse = [:]
      return
    }
    let low = scale.minimumCode
    let high = scale.maximumCode
    func value(of code: Int) -> Double {
      if let recoded = scoreItem.recode[code] { return recoded }
      if scoreItem.isReversed { return Double(low + high - code) }
      return Double(code)
    }
    lowestCode = low
    if high - low < Self.denseLimit {
      var values = [Double](repeating: .nan, count: high - low + 1)
      for option in scale.options { values[option.code - low] = value(of: option.code) }
      dense = values
      sparse = [:]
    } else {
      dense = []
      sparse = Dictionary(
        scale.options.map { ($0.code, value(of: $0.code)) },
        uniquingKeysWith: { first, _ in first }
      )
    }
  }

  /// The value of `answer`, or NaN when it carries no code of the scale.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  func value(of answer: Answer) -> Double {
    let offset = Int(answer.rawValue) &- lowestCode
    if offset >= 0 && offset < dense.count { return dense[offset] }
    if !sparse.isEmpty, let code = answer.code, let value = sparse[code] { return value }
    return .nan
  }
}

/// One item of a score together with every respondent's answer to it, for explaining absences.
struct ItemEvidence: Sendable {
  /// How the item's codes count.
  let values: ItemValues
  /// One answer per respondent; empty when the table has no column for the item.
  let answers: [Answer]

  /// The answer of the respondent at `row`.
  func answer(at row: Int) -> Answer { row < answers.count ? answers[row] : .notAnswered }

  /// Whether the respondent at `row` has no usable code for the item.
  func isMissing(at row: Int) -> Bool { values.value(of: answer(at: row)).isNaN }

  /// Why the item has no usable code, as a sentence on its own: "item lonely not answered",
  /// "item lonely answered 'Prefer not to say'", "unrecognised answer to left-out".
  func absenceSentence(at row: Int) -> String {
    let answer = answer(at: row)
    let item = values.item
    if answer == .notAnswered { return "item \(item) not answered" }
    if answer == .unrecognised { return "unrecognised answer to \(item)" }
    if let index = answer.missingReasonIndex {
      let label =
        index < values.missingLabels.count ? values.missingLabels[index] : "a missing answer"
      return "item \(item) answered '\(label)'"
    }
    if let code = answer.code {
      return "item \(item) answered \(code), which is not a code of its scale"
    }
    return "item \(item) not answered"
  }

  /// The item as it appears in a list of missing items: "optimistic" when left blank,
  /// "useful answered 'Prefer not to say'", "left-out unrecognised".
  func listEntry(at row: Int) -> String {
    let answer = answer(at: row)
    let item = values.item
    if answer == .notAnswered { return item.rawValue }
    if answer == .unrecognised { return "\(item) unrecognised" }
    if let index = answer.missingReasonIndex {
      let label =
        index < values.missingLabels.count ? values.missingLabels[index] : "a missing answer"
      return "\(item) answered '\(label)'"
    }
    if let code = answer.code { return "\(item) answered \(code), not on its scale" }
    return item.rawValue
  }
}
