/// Reads the members of one JSON object, remembering which keys were used, so that unknown keys
/// can be reported with a suggestion.
///
/// The keys are listed in unknown-key messages in the order they were asked for.
struct ObjectReader {
  let session: DecodingSession
  let node: JSONNode
  let path: String
  let members: [JSONMember]
  let byKey: [String: JSONMember]
  var expected: [String] = []

  init(
    session: DecodingSession,
    node: JSONNode,
    path: String,
    members: [JSONMember],
    byKey: [String: JSONMember]
  ) {
    self.session = session
    self.node = node
    self.path = path
    self.members = members
    self.byKey = byKey
  }

  func has(_ key: String) -> Bool { byKey[key] != nil }

  mutating func take(_ key: String) -> JSONNode? {
    expected.append(key)
    return byKey[key]?.value
  }

  mutating func required(_ key: String) -> JSONNode? {
    let value = take(key)
    if value == nil {
      session.report(
        node.position,
        joinKeyPath(path, key),
        "the required key \"\(key)\" is missing"
      )
    }
    return value
  }

  /// Reports `key`, when the object has it, as one that does not go with the others (saying
  /// `why` at the object), and takes it so that it is not reported again as unknown.
  mutating func refuse(_ key: String, because why: String) {
    guard has(key) else { return }
    session.report(node.position, joinKeyPath(path, key), why)
    _ = take(key)
  }

  func finish(hint: String? = nil) {
    for member in members where !expected.contains(member.key) {
      session.report(
        member.keyPosition,
        joinKeyPath(path, excerpt(member.key)),
        "unknown key \"\(excerpt(member.key))\"; expected one of: \(expected.joined(separator: ", "))",
        hint: [didYouMean(member.key, among: expected), hint].compactMap { $0 }
          .joined(separator: "; ").nilIfEmpty
      )
    }
  }
}

extension String {
  /// The string, or `nil` when it is empty.
  fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
