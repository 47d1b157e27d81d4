// The decoding session and its primitives: the generic readers of JSON values, each checking the
// value's kind and the bounds in `InstrumentLimits`, and reporting a located diagnostic otherwise.
// The readers of each section of an instrument file are extensions in the files beside this one.

/// Holds the diagnostics while one file is decoded.
final class DecodingSession {
  let file: String
  var diagnostics: [InstrumentDiagnostic] = []
  /// The instrument's item ids: scores and indicators share their namespace, because all three
  /// name output columns `INSTRUMENT.ID`.
  var itemIDs: Set<String> = []

  init(file: String) { self.file = file }

  func report(_ position: TextPosition?, _ path: String, _ message: String, hint: String? = nil) {
    diagnostics.append(
      InstrumentDiagnostic(
        file: file,
        position: position,
        keyPath: path,
        message: message,
        hint: hint
      )
    )
  }

  // MARK: Generic readers

  func object(_ node: JSONNode, _ path: String) -> ObjectReader? {
    guard case .object(let members) = node.value else {
      report(node.position, path, "expected an object ({ … }), found \(node.kindDescription)")
      return nil
    }
    guard isWithin(InstrumentLimits.maximumTableRows, members.count, "object", "keys", node, path)
    else { return nil }
    var seen: [String: JSONMember] = [:]
    for member in members {
      if seen[member.key] != nil {
        report(
          member.keyPosition,
          joinKeyPath(path, excerpt(member.key)),
          "the key \"\(excerpt(member.key))\" appears twice in the same object"
        )
      } else {
        seen[member.key] = member
      }
    }
    return ObjectReader(session: self, node: node, path: path, members: members, byKey: seen)
  }

  func array(_ node: JSONNode, _ path: String) -> [JSONNode]? {
    guard case .array(let elements) = node.value else {
      report(node.position, path, "expected a list ([ … ]), found \(node.kindDescription)")
      return nil
    }
    guard
      isWithin(InstrumentLimits.maximumListLength, elements.count, "list", "entries", node, path)
    else { return nil }
    return elements
  }

  /// Whether an object's or a list's `count` of members is within `limit`; reports it if not.
  func isWithin(
    _ limit: Int,
    _ count: Int,
    _ kind: String,
    _ members: String,
    _ node: JSONNode,
    _ path: String
  ) -> Bool {
    guard count > limit else { return true }
    report(
      node.position,
      path,
      "the \(kind) has \(groupedThousands(count)) \(members); an instrument file allows at most \(groupedThousands(limit))"
    )
    return false
  }

  func string(_ node: JSONNode, _ path: String, allowEmpty: Bool = false) -> String? {
    guard case .string(let text) = node.value else {
      report(
        node.position,
        path,
        "expected a string in double quotes, found \(node.kindDescription)"
      )
      return nil
    }
    if !allowEmpty && text.allSatisfy(\.isWhitespace) {
      report(node.position, path, "expected some text, found an empty string")
      return nil
    }
    let length = text.unicodeScalars.count
    guard length <= InstrumentLimits.maximumTextLength else {
      report(
        node.position,
        path,
        "the text '\(excerpt(text))' is too long: an instrument file allows at most \(groupedThousands(InstrumentLimits.maximumTextLength)) characters in one value"
      )
      return nil
    }
    return text
  }

  func integer(_ node: JSONNode, _ path: String) -> Int? {
    guard case .number(let value, let literal) = node.value else {
      report(node.position, path, "expected a whole number, found \(node.kindDescription)")
      return nil
    }
    guard value.rounded() == value, abs(value) < 1e15,
      !literal.contains(".") && !literal.lowercased().contains("e")
    else {
      report(node.position, path, "expected a whole number, found \(excerpt(literal))")
      return nil
    }
    guard abs(value) <= InstrumentLimits.maximumMagnitude else {
      report(node.position, path, "\(excerpt(literal)) is \(outOfInstrumentBounds)")
      return nil
    }
    return Int(value)
  }

  func number(_ node: JSONNode, _ path: String) -> Double? {
    guard case .number(let value, let literal) = node.value else {
      report(node.position, path, "expected a number, found \(node.kindDescription)")
      return nil
    }
    guard value.isFinite, abs(value) <= InstrumentLimits.maximumMagnitude else {
      report(node.position, path, "\(excerpt(literal)) is \(outOfInstrumentBounds)")
      return nil
    }
    return value
  }

  func bool(_ node: JSONNode, _ path: String) -> Bool? {
    guard case .bool(let flag) = node.value else {
      report(node.position, path, "expected true or false, found \(node.kindDescription)")
      return nil
    }
    return flag
  }

  func identifier<Tag>(_ node: JSONNode, _ path: String, of _: Tag.Type) -> Identifier<Tag>? {
    guard let text = string(node, path) else { return nil }
    guard Identifier<Tag>.isValid(text) else {
      report(
        node.position,
        path,
        "'\(excerpt(text))' is not a valid id: expected a lowercase letter followed by lowercase letters, digits, '-' or '_'",
        hint: suggestedIdentifier(text).map { "for example '\(excerpt($0))'" }
      )
      return nil
    }
    return Identifier(rawValue: text)
  }

  func stringList(_ node: JSONNode, _ path: String) -> [String]? {
    guard let elements = array(node, path) else { return nil }
    var result: [String] = []
    for (index, element) in elements.enumerated() {
      if let text = string(element, "\(path)[\(index)]") { result.append(text) }
    }
    return result
  }

  /// Reads an object of whole numbers `min` and `max`, with `min` no greater than `max`.
  func decodeIntegerRange(_ node: JSONNode, _ path: String) -> (Int, Int)? {
    guard var reader = object(node, path) else { return nil }
    let low = reader.required("min").flatMap { integer($0, "\(path).min") }
    let high = reader.required("max").flatMap { integer($0, "\(path).max") }
    reader.finish()
    guard let low, let high else { return nil }
    guard low <= high else {
      report(node.position, path, "min (\(low)) is greater than max (\(high))")
      return nil
    }
    return (low, high)
  }

  /// Reads an object of numbers `min` and `max`, with `min` no greater than `max`.
  func decodeNumberRange(_ node: JSONNode, _ path: String) -> ClosedRange<Double>? {
    guard var reader = object(node, path) else { return nil }
    let low = reader.required("min").flatMap { number($0, "\(path).min") }
    let high = reader.required("max").flatMap { number($0, "\(path).max") }
    reader.finish()
    guard let low, let high else { return nil }
    guard low <= high else {
      report(
        node.position,
        path,
        "min (\(formatNumber(low))) is greater than max (\(formatNumber(high)))"
      )
      return nil
    }
    return low...high
  }
}

/// The key path of `key` inside the object at `path`: `path.key`, or `key` at the top.
func joinKeyPath(_ path: String, _ key: String) -> String {
  path.isEmpty ? key : "\(path).\(key)"
}

/// What a number outside ``InstrumentLimits/maximumMagnitude`` is told.
let outOfInstrumentBounds =
  "outside the numbers an instrument file may hold (-1,000,000 to 1,000,000)"

/// A valid id made from `text`, to suggest in place of an invalid one: lowercase letters and
/// digits, other runs of characters as one '-', starting with a letter.
private func suggestedIdentifier(_ text: String) -> String? {
  var result = ""
  for scalar in text.lowercased().unicodeScalars {
    if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
      result.unicodeScalars.append(scalar)
    } else if !result.isEmpty && !result.hasSuffix("-") {
      result += "-"
    }
  }
  while result.hasSuffix("-") { result.removeLast() }
  while let first = result.unicodeScalars.first, !("a"..."z").contains(first) {
    result.removeFirst()
  }
  return result.isEmpty ? nil : result
}
