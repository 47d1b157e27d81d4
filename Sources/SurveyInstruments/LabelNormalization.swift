/// Normalises a label or header for matching: lowercase, curly quotes and dashes folded, every
/// run of punctuation and spaces turned into one space, and the ends trimmed.
///
/// "Often / always", "often/always" and " OFTEN - always " all become "often always";
/// "Don’t know" and "Don't know" both become "don t know".
///
/// - Complexity: O(*n*) in the length of `text`.
public func normalizedLabel(_ text: String) -> String {
  var text = text
  if let ascii = text.withUTF8({ normalizedASCIILabel($0) }) { return ascii }
  var result = String.UnicodeScalarView()
  var pendingSpace = false
  for scalar in text.unicodeScalars {
    let properties = scalar.properties
    if properties.isAlphabetic || properties.numericType != nil {
      if pendingSpace && !result.isEmpty { result.append(" ") }
      pendingSpace = false
      for lower in properties.lowercaseMapping.unicodeScalars { result.append(lower) }
    } else {
      pendingSpace = true
    }
  }
  return String(result)
}

/// ``normalizedLabel(_:)`` for text that is all ASCII, byte by byte (the common case, and many
/// times faster than looking up Unicode properties); `nil` when the text has other characters.
private func normalizedASCIILabel(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
  var output: [UInt8] = []
  output.reserveCapacity(utf8.count)
  var pendingSpace = false
  for byte in utf8 {
    guard byte < 0x80 else { return nil }
    let lower = byte | 0x20
    let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    if isLetter || isDigit {
      if pendingSpace && !output.isEmpty { output.append(UInt8(ascii: " ")) }
      pendingSpace = false
      output.append(isLetter ? lower : byte)
    } else {
      pendingSpace = true
    }
  }
  return String(decoding: output, as: UTF8.self)
}
