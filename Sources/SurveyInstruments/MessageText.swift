// Text from a user's files, made safe to print: control characters become visible escapes (so a
// cell cannot move the cursor, retitle the terminal or clear the screen), and long values are cut
// to a readable length in messages.

/// Whether `scalar` is a control character a terminal may act on, or a formatting character that
/// reorders the text around it: C0 controls, DEL, C1 controls, and the bidirectional marks,
/// embeddings, overrides and isolates (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069).
@inline(__always)
func isUnsafeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar.value {
  case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
  default: false
  }
}

/// `text` with every control character written as a visible escape such as `\u{1B}`, so that
/// printing it cannot act on a terminal.
///
/// Line feeds and tabs are kept when `keepingLineBreaks` is true (for whole reports and messages
/// whose layout is the toolkit's own); for a single value they are escaped too. Text without such
/// characters is returned unchanged without copying.
///
/// - Complexity: O(*n*) in the length of the text.
public func visibleControlCharacters(_ text: String, keepingLineBreaks: Bool = false) -> String {
  func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    if keepingLineBreaks && (scalar == "\n" || scalar == "\t") { return false }
    return isUnsafeForTerminal(scalar)
  }
  // Fast path: only bytes below 0x20, DEL, and the lead bytes of C1 (0xC2) and of the
  // bidirectional formatting characters (0xE2) can start an unsafe scalar.
  let mayNeed = text.utf8.contains { byte in
    byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2
  }
  guard mayNeed, text.unicodeScalars.contains(where: needsEscape) else { return text }
  var result = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    if needsEscape(scalar) {
      result.append(
        contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars
      )
    } else {
      result.append(scalar)
    }
  }
  return String(result)
}

/// `text` as a message may quote it: control characters and line breaks shown as visible escapes
/// and, past `limit` characters, cut with `…` and the full length, as in
/// `Hello worl… (10,485,760 characters)`.
///
/// - Complexity: O(*min*(*n*, `limit`)) for text without control characters, O(*n*) to count a
///   longer text's characters.
public func excerpt(_ text: String, limit: Int = 60) -> String {
  var end = text.startIndex
  var count = 0
  while end < text.endIndex && count < limit {
    text.formIndex(after: &end)
    count += 1
  }
  guard end < text.endIndex else { return visibleControlCharacters(text) }
  let total = text.unicodeScalars.count
  return visibleControlCharacters(String(text[..<end]))
    + "… (\(groupedThousands(total)) characters)"
}

/// `1234567` as `1,234,567`.
func groupedThousands(_ value: Int) -> String {
  let digits = String(value.magnitude)
  var result = ""
  for (index, digit) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
    result.append(digit)
  }
  return value < 0 ? "-" + result : result
}
