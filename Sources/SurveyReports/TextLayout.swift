/// Wraps `text` to lines of at most `width` characters, breaking at spaces, with `indent` before
/// every line. Words longer than the width stand on their own line.
///
/// - Complexity: O(*n*) in the length of `text`.
public func wrapped(_ text: String, width: Int, indent: String = "", firstIndent: String? = nil) -> String {
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

/// `value` with exactly `decimals` places, rounded half away from zero: 26.02, 7.00, 37.
///
/// - Complexity: O(1).
public func fixed(_ value: Double, decimals: Int) -> String {
  guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = (abs(value) * scale + 1e-9).rounded(.toNearestOrAwayFromZero)
  let negative = value < 0 && scaled != 0
  let whole = Int(scaled) / Int(scale)
  let fraction = Int(scaled) % Int(scale)
  var text = (negative ? "-" : "") + String(whole)
  if decimals > 0 {
    let digits = String(fraction)
    text += "." + String(repeating: "0", count: decimals - digits.count) + digits
  }
  return text
}
