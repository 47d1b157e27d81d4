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

/// Pads `text` on the right to `width` characters.
public func padded(_ text: String, to width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Pads `text` on the left to `width` characters.
public func leftPadded(_ text: String, to width: Int) -> String {
  text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
