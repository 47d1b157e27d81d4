// An extension file: wording and aliases added to an instrument defined elsewhere.

extension DecodingSession {
  func decodeExtension(_ reader: inout ObjectReader) -> InstrumentExtension? {
    let extendsNode = reader.take("extends")
    let extends = extendsNode.flatMap { identifier($0, "extends", of: Instrument.self) }
    let introduction = reader.take("introduction").flatMap {
      decodeIntroduction($0, "introduction", sources: nil)
    }
    let additions = reader.take("items").map(decodeItemAdditions) ?? []
    let scaleAdditions = reader.take("scales").map(decodeScaleAdditions) ?? []
    _ = reader.take("notes").flatMap { stringList($0, "notes") }
    reader.finish(
      hint:
        "an extension file may contain only format, extends, introduction, items, scales and notes"
    )
    guard let extends else { return nil }
    return InstrumentExtension(
      extends: extends,
      file: file,
      extendsPosition: extendsNode?.position,
      introduction: introduction,
      items: additions,
      scales: scaleAdditions
    )
  }

  /// Decodes an extension's `items`: each an `id` and the `wording` or `aliases` it adds.
  func decodeItemAdditions(_ node: JSONNode) -> [InstrumentExtension.ItemAddition] {
    guard let elements = array(node, "items") else { return [] }
    var additions: [InstrumentExtension.ItemAddition] = []
    var seen = Set<ItemID>()
    for (index, element) in elements.enumerated() {
      let path = "items[\(index)]"
      guard var item = object(element, path) else { continue }
      guard let id = item.required("id").flatMap({ identifier($0, "\(path).id", of: Item.self) })
      else {
        item.finish()
        continue
      }
      if !seen.insert(id).inserted {
        report(element.position, "\(path).id", "the item '\(id)' is extended twice in this file")
      }
      let wording = item.take("wording").flatMap { string($0, "\(path).wording") }
      let aliases = item.take("aliases").flatMap { stringList($0, "\(path).aliases") } ?? []
      if wording == nil && aliases.isEmpty && !item.has("wording") {
        report(element.position, path, "an extension item must add \"wording\" or \"aliases\"")
      }
      item.finish()
      additions.append(
        .init(id: id, wording: wording, aliases: aliases, position: element.position)
      )
    }
    return additions
  }

  /// Decodes an extension's `scales`, each extended at most once.
  func decodeScaleAdditions(_ node: JSONNode) -> [InstrumentExtension.ScaleAddition] {
    guard let elements = array(node, "scales") else { return [] }
    var additions: [InstrumentExtension.ScaleAddition] = []
    var seen = Set<ScaleID>()
    for (index, element) in elements.enumerated() {
      if let addition = decodeScaleAddition(element, "scales[\(index)]") {
        if !seen.insert(addition.id).inserted {
          report(
            element.position,
            "scales[\(index)].id",
            "the scale '\(addition.id)' is extended twice in this file"
          )
        }
        additions.append(addition)
      }
    }
    return additions
  }

  /// Decodes one scale of an extension: `id`, then `options` (each a `code` and `aliases`) and
  /// `missingAnswers` (each a `label` and `aliases`); aliases are the only thing it may add.
  func decodeScaleAddition(_ node: JSONNode, _ path: String) -> InstrumentExtension.ScaleAddition? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: ResponseScale.self) }
    let optionAliases = decodeAliasAdditions(
      reader.take("options"),
      "\(path).options",
      to: "code",
      hint: "an extension adds only aliases to an answer",
      read: { integer($0, $1) }
    )
    let missingAliases = decodeAliasAdditions(
      reader.take("missingAnswers"),
      "\(path).missingAnswers",
      to: "label",
      hint: "an extension adds only aliases to a missing answer",
      read: { string($0, $1) }
    )
    reader.finish(hint: "an extension's scale holds only id, options and missingAnswers")
    if optionAliases.isEmpty && missingAliases.isEmpty {
      report(
        node.position,
        path,
        "an extension scale must add aliases to \"options\" or \"missingAnswers\""
      )
    }
    guard let id else { return nil }
    return InstrumentExtension.ScaleAddition(
      id: id,
      optionAliases: optionAliases,
      missingAliases: missingAliases,
      position: node.position
    )
  }

  /// Decodes a list of answers an extension adds aliases to: each names the answer by `key` (read
  /// with `read`) and gives its `aliases`.
  func decodeAliasAdditions<Key: Hashable>(
    _ node: JSONNode?,
    _ path: String,
    to key: String,
    hint: String,
    read: (JSONNode, String) -> Key?
  ) -> [Key: [String]] {
    guard let node, let elements = array(node, path) else { return [:] }
    var additions: [Key: [String]] = [:]
    for (index, element) in elements.enumerated() {
      let answerPath = "\(path)[\(index)]"
      guard var answer = object(element, answerPath) else { continue }
      let answerKey = answer.required(key).flatMap { read($0, "\(answerPath).\(key)") }
      let aliases =
        answer.required("aliases").flatMap { stringList($0, "\(answerPath).aliases") } ?? []
      answer.finish(hint: hint)
      if let answerKey { additions[answerKey, default: []] += aliases }
    }
    return additions
  }
}
