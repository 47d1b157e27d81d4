import SurveyInstruments

/// Orders group labels as a reader expects: age bands and other labels that start with a number
/// by that number ("16-24" before "25-34", "75+" after "65-74"), other labels alphabetically, and
/// non-answers ("Prefer not to say", "Don't know", "(not stated)") last.
///
/// - Complexity: O(*n* log *n*) for *n* labels.
public func naturallyOrdered(_ labels: [String]) -> [String] {
  labels.sorted { lhs, rhs in
    let left = GroupSortKey(lhs)
    let right = GroupSortKey(rhs)
    return left < right
  }
}

/// The label for respondents who left a grouping column blank.
public let notStatedGroupLabel = "(not stated)"

private struct GroupSortKey: Comparable {
  var tier: Int
  var number: Double
  var text: String

  init(_ label: String) {
    let normalized = label.lowercased().trimmingSpaces()
    let nonAnswers = [
      "prefer not to say", "don't know", "dont know", "don’t know", "not known", "unknown", "other",
      "not stated", "(not stated)", "refused",
    ]
    if label == notStatedGroupLabel || normalized.isEmpty {
      tier = 4
    } else if nonAnswers.contains(normalized) {
      tier = normalized == "other" ? 2 : 3
    } else {
      tier = 0
    }
    text = normalized
    number = 0
    if tier == 0, let leading = leadingNumber(normalized) {
      tier = 0
      number = leading
    } else if tier == 0 {
      tier = 1
    }
  }

  static func < (lhs: GroupSortKey, rhs: GroupSortKey) -> Bool {
    if lhs.tier != rhs.tier { return lhs.tier < rhs.tier }
    if lhs.number != rhs.number { return lhs.number < rhs.number }
    return lhs.text < rhs.text
  }
}

/// The number a label starts with, allowing "under 16" and "£10,000".
private func leadingNumber(_ text: String) -> Double? {
  var digits = ""
  var started = false
  for character in text {
    if character.isNumber {
      digits.append(character)
      started = true
    } else if started && (character == "." || character == ",") {
      if character == "." { digits.append(character) }
    } else if started {
      break
    } else if character.isLetter && !text.hasPrefix("under") && !text.hasPrefix("less than") {
      return nil
    }
  }
  guard var value = Double(digits) else { return nil }
  if text.hasPrefix("under") || text.hasPrefix("less than") { value -= 0.5 }
  return value
}

extension String {
  func trimmingSpaces() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}

/// The group that a cell's value names: the value exactly as exported, or `nil` when it is blank
/// (empty, or only spaces).
///
/// Values are not trimmed or otherwise changed, so `=1`, ` =1` and a tab before `=1` are three
/// groups, as they are three values in the file; ``similarLabelsNote(_:column:)`` tells the reader
/// when groups differ only in such characters.
///
/// - Complexity: O(*n*) in the length of the value when it is blank, O(1) otherwise.
func groupLabel(_ value: String) -> String? {
  value.allSatisfy(\.isWhitespace) ? nil : value
}

/// A note naming the groups among `labels` that differ only in spaces or other invisible
/// characters at their ends (`North` and `North `), which are kept apart; `nil` when there are
/// none.
///
/// - Complexity: O(*g*) for *g* labels.
func similarLabelsNote(_ labels: [String], column: String) -> String? {
  var byTrimmed: [String: [String]] = [:]
  for label in labels { byTrimmed[label.trimmingSpaces(), default: []].append(label) }
  let similar = byTrimmed.values.filter { $0.count > 1 }.map { $0.sorted() }
    .sorted { $0[0] < $1[0] }
  guard !similar.isEmpty else { return nil }
  let shown = similar.prefix(5).map { set in
    set.map { "'\(excerpt($0, limit: 40))'" }.joined(separator: ", ")
  }
  let more = similar.count > 5 ? " and \(similar.count - 5) more sets" : ""
  return "In '\(excerpt(column))', some values differ only in spaces or invisible characters at "
    + "their ends and are counted as separate groups: \(shown.joined(separator: "; "))\(more). "
    + "Correct the export if they should be one group."
}

/// Refuses a breakdown into more groups than a report can use: more than `maximum` (by default
/// ``ReportOptions/defaultMaximumGroups``), or, unless a maximum is given, mostly groups of a single
/// respondent, which is what an id column gives.
///
/// - Parameters:
///   - count: The number of distinct groups.
///   - labelOfRow: Each row's group.
///   - column: The column the groups come from, for the message.
///   - maximum: The most groups allowed, or `nil` for the default.
/// - Throws: ``ReportError`` naming the number of distinct values.
/// - Complexity: O(*n*) for *n* rows.
func checkGroupCount(
  _ count: Int,
  labelOfRow: [String],
  column: String,
  maximum: Int?
) throws(ReportError) {
  let limit = maximum ?? ReportOptions.defaultMaximumGroups
  if count > limit {
    throw ReportError(
      message:
        "the column '\(excerpt(column))' has \(count) distinct values, more groups than a report can show (at most \(limit))",
      hint: "break down by a column with fewer values (an area or an age band); "
        + "--max-groups \(count) allows this many"
    )
  }
  guard maximum == nil, count >= 20 else { return }
  var sizes: [String: Int] = [:]
  for label in labelOfRow { sizes[label, default: 0] += 1 }
  let single = sizes.values.filter { $0 == 1 }.count
  if single * 2 > count {
    throw ReportError(
      message:
        "the column '\(excerpt(column))' has \(count) distinct values and \(single) of them belong to one respondent each: it looks like an id, not a grouping",
      hint: "break down by a column that groups respondents; --max-groups \(count) allows it"
    )
  }
}
