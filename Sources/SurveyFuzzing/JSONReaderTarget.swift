import SurveyInstruments

extension FuzzTarget {
  /// The JSON reader of instrument and map files, with a round trip through `JSONWriter`.
  static let jsonReader = FuzzTarget(
    name: "json-reader",
    summary: """
      JSONReader on the input as a file. A document that parses is written with JSONWriter \
      (indented and compact) and read again, which must give the same values; every number is \
      also written from its Double and must read back equal.
      """,
    run: readJSON
  )
}

@Sendable private func readJSON(_ bytes: [UInt8]) {
  let lineCount = bytes.lines().count
  let root: JSONNode
  do {
    root = try JSONReader.parse(bytes)
  } catch {
    check(!error.message.isEmpty, "an error without a message")
    check(
      error.position.line >= 1 && error.position.line <= lineCount && error.position.column >= 1,
      "the error position \(error.position) is outside the \(lineCount) lines of the input"
    )
    return
  }
  checkPositions(root, lineCount: lineCount)
  let value = writable(root)
  for text in [JSONWriter.text(for: value), JSONWriter.compactText(for: value)] {
    do {
      let again = try JSONReader.parse(Array(text.utf8))
      check(writable(again) == value, "JSONWriter's output reads back as other values")
    } catch {
      fatalError("JSONWriter wrote text that does not parse (\(error.message)):\n\(text)")
    }
  }
  checkNumbers(root)
}

/// The node as a `JSONValue`, numbers kept as their literal text.
private func writable(_ node: JSONNode) -> JSONValue {
  switch node.value {
  case .null: .null
  case .bool(let flag): .bool(flag)
  case .number(_, let literal): .literal(literal)
  case .string(let text): .string(text)
  case .array(let elements): .array(elements.map(writable))
  case .object(let members):
    .object(members.map { JSONObjectMember($0.key, writable($0.value)) })
  }
}

/// Checks that every position lies inside the input, and builds every error description.
private func checkPositions(_ node: JSONNode, lineCount: Int) {
  check(
    node.position.line >= 1 && node.position.line <= lineCount && node.position.column >= 1,
    "the position \(node.position) is outside the \(lineCount) lines of the input"
  )
  _ = node.kindDescription
  switch node.value {
  case .array(let elements):
    for element in elements { checkPositions(element, lineCount: lineCount) }
  case .object(let members):
    for member in members {
      check(member.keyPosition <= member.value.position, "a value before its key")
      checkPositions(member.value, lineCount: lineCount)
    }
  default: break
  }
}

/// Checks that every number written from its `Double` reads back as the same `Double`.
private func checkNumbers(_ node: JSONNode) {
  switch node.value {
  case .number(let value, let literal):
    let text = JSONWriter.compactText(for: .number(value))
    guard value.isFinite else {
      check(text == "null", "\(literal) is not finite but was written as \(text)")
      return
    }
    do {
      let again = try JSONReader.parse(Array(text.utf8))
      guard case .number(let read, _) = again.value else {
        fatalError("\(literal) was written as \(text), which is not a number")
      }
      check(read == value, "\(literal) was written as \(text), which reads as \(read)")
    } catch {
      fatalError("\(literal) was written as \(text), which does not parse: \(error.message)")
    }
  case .array(let elements):
    for element in elements { checkNumbers(element) }
  case .object(let members):
    for member in members { checkNumbers(member.value) }
  default: break
  }
}
