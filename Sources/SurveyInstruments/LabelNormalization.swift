/// Normalises a label or header for matching: lowercase, curly quotes and dashes folded, every
/// run of punctuation and spaces turned into one space, and the ends trimmed.
///
/// "Often / always", "often/always" and " OFTEN - always " all become "often always";
/// "Don’t know" and "Don't know" both become "don t know".
///
/// - Complexity: O(*n*) in the length of `text`.
public func normalizedLabel(_ text: String) -> String {
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
