/// The candidates closest to `text` by edit distance, for "did you mean …?" hints.
///
/// Only candidates within a distance of about a third of the text's length (at least 2) are
/// returned, closest first, at most `limit` of them.
///
/// Texts and candidates longer than ``maximumSuggestionLength`` characters get no suggestion, and
/// candidates whose length alone puts them too far away are skipped, so that a hostile header or
/// key cannot make a hint slow.
///
/// - Complexity: O(*k* × *m* × *n*) for *k* candidates of length *n* and text of length *m*, both
///   at most ``maximumSuggestionLength``.
public func closestMatches(to text: String, among candidates: [String], limit: Int = 3) -> [String]
{
  guard text.utf8.count <= maximumSuggestionLength * 4 else { return [] }
  let target = Array(text.lowercased().unicodeScalars)
  guard target.count <= maximumSuggestionLength else { return [] }
  let threshold = max(2, target.count / 3)
  var scored: [(String, Int)] = []
  for candidate in candidates {
    // Each scalar is one to four bytes, so this bounds the length before any copy is made.
    let bytes = candidate.utf8.count
    guard bytes <= maximumSuggestionLength * 4, bytes >= target.count - threshold else { continue }
    let scalars = Array(candidate.lowercased().unicodeScalars)
    guard abs(scalars.count - target.count) <= threshold else { continue }
    let distance = editDistance(target, scalars)
    if distance <= threshold { scored.append((candidate, distance)) }
  }
  scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
  return Array(scored.prefix(limit).map(\.0))
}

/// The longest text, in characters, that ``closestMatches(to:among:limit:)`` compares.
public let maximumSuggestionLength = 500

/// The Levenshtein distance between two sequences of scalars.
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

/// A hint such as "did you mean 'frequency'?" or `nil` when nothing is close.
func didYouMean(_ text: String, among candidates: [String]) -> String? {
  let matches = closestMatches(to: text, among: candidates)
  guard !matches.isEmpty else { return nil }
  return "did you mean " + matches.map { "'\($0)'" }.joined(separator: " or ") + "?"
}

/// A hint for a name that matches none of `names` (columns of a file, say): "did you mean 'X'?"
/// for the nearest by spelling, or those that contain the name or that it contains (a question
/// typed short or long); otherwise the first names, so a user sees what there is.
///
/// - Complexity: O(*k* × *m* × *n*) as ``closestMatches(to:among:limit:)``.
public func nearestColumnsHint(_ name: String, among names: [String]) -> String {
  var nearest = closestMatches(to: name, among: names)
  let wanted = normalizedLabel(name)
  if nearest.isEmpty {
    nearest = Array(
      names.filter { candidate in
        let label = normalizedLabel(candidate)
        return !wanted.isEmpty && !label.isEmpty
          && (label.contains(wanted) || wanted.contains(label))
      }.prefix(3)
    )
  }
  if nearest.isEmpty, !wanted.isEmpty, !wanted.contains(" ") {
    // One word, perhaps misspelt or cut short: a header with a word close to it ("Wrd" and
    // "Which ward do you live in?").
    let target = Array(wanted.unicodeScalars)
    nearest = Array(
      names.filter { candidate in
        normalizedLabel(candidate).split(separator: " ").contains { word in
          let scalars = Array(word.unicodeScalars)
          guard scalars.count >= 3, abs(scalars.count - target.count) <= 2 else { return false }
          return editDistance(target, scalars) <= max(1, target.count / 3)
        }
      }.prefix(3)
    )
  }
  if !nearest.isEmpty {
    return "did you mean " + nearest.map { "'\(excerpt($0))'" }.joined(separator: " or ") + "?"
  }
  guard !names.isEmpty else { return "the file has no columns besides the instruments' items" }
  let shown = names.prefix(12).map { "'\(excerpt($0, limit: 50))'" }.joined(separator: ", ")
  return "the file's columns are: \(shown)"
    + (names.count > 12 ? " and \(names.count - 12) more" : "")
}
