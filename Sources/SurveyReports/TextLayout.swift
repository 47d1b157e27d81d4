/// Wraps `text` to lines of at most `width` characters, breaking at spaces, with `indent` before
/// every line.
///
/// Words longer than the width stand on their own line.
///
/// - Complexity: O(*n*) in the length of `text`.
public func wrapped(
  _ text: String,
  width: Int,
  indent: String = "",
  firstIndent: String? = nil
) -> String {
  var lines: [String] = []
  var current = firstIndent ?? indent
  var currentIsEmpty = true
  let limit = max(width, indent.count + 20)
  for word in text.split(separator: " ", omittingEmptySubsequences: true) {
    if !currentIsEmpty && current.count + 1 + word.count > limit {
      lines.append(current)
      current = indent
      currentIsEmpty = true
    }
    current += currentIsEmpty ? String(word) : " " + word
    currentIsEmpty = false
  }
  if !currentIsEmpty || lines.isEmpty { lines.append(current) }
  return lines.joined(separator: "\n")
}

/// The words of `text` for wrapping: split at spaces, except inside square brackets, so that a
/// flag such as `[low base]` stays whole.
///
/// - Complexity: O(*n*) in the length of `text`.
func wrappingWords(_ text: String) -> [String] {
  var words: [String] = []
  var open = false
  for word in text.split(separator: " ", omittingEmptySubsequences: true) {
    if open, let last = words.popLast() {
      words.append(last + " " + word)
    } else {
      words.append(String(word))
    }
    if word.hasPrefix("[") || open { open = !word.hasSuffix("]") }
  }
  return words
}

/// The lines of `text` broken at spaces to at most `width` characters each; a word longer than
/// `width`, or a bracketed flag such as `[low base]`, stands on its own line.
///
/// - Complexity: O(*n*) in the length of `text`.
func wordLines(_ text: String, width: Int) -> [String] {
  var lines: [String] = []
  var current = ""
  for word in wrappingWords(text) {
    if !current.isEmpty && current.count + 1 + word.count > width {
      lines.append(current)
      current = ""
    }
    current += current.isEmpty ? String(word) : " " + word
  }
  if !current.isEmpty || lines.isEmpty { lines.append(current) }
  return lines
}

/// The lines of a table row's label, broken to at most `width` characters.
///
/// The first line is at the left, and continuation lines are indented by two spaces so that they
/// read as the rest of the label above rather than as another row. A bracketed flag such as
/// `[low base]` goes with the word before it when the two fit on one line.
///
/// - Complexity: O(*n*) in the length of `text`.
func labelLines(_ text: String, width: Int) -> [String] {
  // Most labels fit as they are: one line, when no spaces would be dropped by the split.
  if text.utf8.count <= width, text.first != " ", text.last != " ", !text.contains("  ") {
    return [text]
  }
  let continuation = "  "
  var words: [String] = []
  for word in wrappingWords(text) {
    if word.hasPrefix("["), let last = words.last,
      last.count + 1 + word.count <= width - continuation.count
    {
      words[words.count - 1] = last + " " + word
    } else {
      words.append(word)
    }
  }
  var lines: [String] = []
  var current = ""
  for word in words {
    let limit = lines.isEmpty ? width : width - continuation.count
    if !current.isEmpty && current.count + 1 + word.count > limit {
      lines.append(current)
      current = ""
    }
    current += current.isEmpty ? word : " " + word
  }
  if !current.isEmpty || lines.isEmpty { lines.append(current) }
  return lines.enumerated().map { $0.offset == 0 ? $0.element : continuation + $0.element }
}

/// The narrowest width at which ``labelLines(_:width:)`` keeps every line of `text` within it:
/// the first word at the left, every other word with the continuation indent.
///
/// - Complexity: O(*n*) in the length of `text`.
func labelMinimumWidth(_ text: String) -> Int {
  let words = wrappingWords(text)
  guard let first = words.first else { return 0 }
  return max(first.count, (words.dropFirst().map(\.count).max() ?? 0) + 2)
}

/// The length of the longest word of `text`, a bracketed flag counting as one word.
func longestWord(_ text: String) -> Int {
  wrappingWords(text).map(\.count).max() ?? 0
}

/// Pads `text` on the right to `width` characters.
public func padded(_ text: String, to width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Pads `text` on the left to `width` characters.
public func leftPadded(_ text: String, to width: Int) -> String {
  text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
