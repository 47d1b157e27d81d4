// Where an instrument's facts come from: the top-level sources, the provenance keys any fact
// may carry, and the introduction and licence.

extension DecodingSession {
  /// Decodes the top-level `sources`: an object mapping source ids to citations.
  func decodeSources(_ node: JSONNode) -> [Source] {
    guard case .object(let members) = node.value else {
      report(
        node.position,
        "sources",
        "expected an object mapping source ids to citations, found \(node.kindDescription)"
      )
      return []
    }
    var sources: [Source] = []
    for member in members {
      let path = "sources.\(member.key)"
      guard Identifier<Source>.isValid(member.key) else {
        report(
          member.keyPosition,
          path,
          "'\(member.key)' is not a valid source id: expected a lowercase letter followed by lowercase letters, digits, '-' or '_'"
        )
        continue
      }
      if sources.contains(where: { $0.id.rawValue == member.key }) {
        report(member.keyPosition, path, "the source id '\(member.key)' is used twice")
        continue
      }
      guard var reader = object(member.value, path) else { continue }
      let citation = reader.required("citation").flatMap { string($0, "\(path).citation") }
      let url = reader.take("url").flatMap { string($0, "\(path).url") }
      reader.finish()
      if let citation {
        sources.append(Source(id: SourceID(rawValue: member.key), citation: citation, url: url))
      }
    }
    return sources
  }

  /// Reads `sources`, `certainty` and `note` from an object that states a fact.
  ///
  /// `known` holds the ids of the top-level sources, or is `nil` in an extension, which may cite
  /// sources of the instrument it extends.
  func provenance(_ reader: inout ObjectReader, sources known: Set<SourceID>?) -> Provenance {
    var result = Provenance()
    let sourcesPath = joinKeyPath(reader.path, "sources")
    if let node = reader.take("sources"), let elements = array(node, sourcesPath) {
      for (index, element) in elements.enumerated() {
        let path = "\(sourcesPath)[\(index)]"
        guard let id = identifier(element, path, of: Source.self) else { continue }
        if let known, !known.contains(id) {
          report(
            element.position,
            path,
            "unknown source '\(id)'; every cited source must be listed in the top-level \"sources\"",
            hint: didYouMean(id.rawValue, among: known.map(\.rawValue).sorted())
          )
        }
        result.sources.append(id)
      }
    }
    let certaintyPath = joinKeyPath(reader.path, "certainty")
    if let node = reader.take("certainty"), let text = string(node, certaintyPath) {
      if let certainty = Certainty(rawValue: text), certainty != .unstated {
        result.certainty = certainty
      } else {
        report(
          node.position,
          certaintyPath,
          "unknown certainty '\(text)'; expected one of: confirmed, single-source, unconfirmed, convention",
          hint: didYouMean(
            text,
            among: ["confirmed", "single-source", "unconfirmed", "convention"]
          )
        )
      }
    }
    result.note = reader.take("note").flatMap { string($0, joinKeyPath(reader.path, "note")) }
    return result
  }

  func decodeIntroduction(
    _ node: JSONNode,
    _ path: String,
    sources: Set<SourceID>?
  ) -> Introduction? {
    guard var reader = object(node, path) else { return nil }
    let text = reader.required("text").flatMap { string($0, "\(path).text") }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    return text.map { Introduction(text: $0, provenance: provenance) }
  }

  func decodeLicence(_ node: JSONNode, sources: Set<SourceID>) -> Licence? {
    let path = "licence"
    guard var reader = object(node, path) else { return nil }
    let notice = reader.required("notice").flatMap { string($0, "\(path).notice") }
    let terms = reader.take("terms").flatMap { string($0, "\(path).terms") }
    let registration =
      reader.take("requiresRegistration").flatMap { bool($0, "\(path).requiresRegistration") }
      ?? false
    let url = reader.take("url").flatMap { string($0, "\(path).url") }
    let shown = reader.take("showOnReports").flatMap { bool($0, "\(path).showOnReports") } ?? false
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    guard let notice else { return nil }
    return Licence(
      notice: notice,
      terms: terms,
      requiresRegistration: registration,
      url: url,
      isShownOnReports: shown,
      provenance: provenance
    )
  }
}
