// The indicators of an instrument: respondents who gave some answers to an item, or whose score
// fell in some bands.

extension DecodingSession {
  /// Decodes the instrument's `indicators`, with ids distinct from each other's and from the
  /// scores' and items'.
  func decodeIndicators(_ node: JSONNode, _ definitions: Definitions) -> [Indicator] {
    guard let elements = array(node, "indicators") else { return [] }
    var indicators: [Indicator] = []
    for (index, element) in elements.enumerated() {
      let path = "indicators[\(index)]"
      guard let indicator = decodeIndicator(element, path, definitions) else { continue }
      if indicators.contains(where: { $0.id == indicator.id }) {
        report(
          element.position,
          "\(path).id",
          "the indicator id '\(indicator.id)' is used twice"
        )
      } else if definitions.scores.contains(where: { $0.id.rawValue == indicator.id.rawValue }) {
        report(
          element.position,
          "\(path).id",
          "'\(indicator.id)' is already the id of a score; output columns would clash"
        )
      } else if itemIDs.contains(indicator.id.rawValue) {
        report(
          element.position,
          "\(path).id",
          "'\(indicator.id)' is already the id of an item; output columns would clash"
        )
      } else {
        indicators.append(indicator)
      }
    }
    return indicators
  }

  func decodeIndicator(_ node: JSONNode, _ path: String, _ definitions: Definitions) -> Indicator? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: Indicator.self) }
    let title = reader.required("title").flatMap { string($0, "\(path).title") }
    var condition: Indicator.Condition?
    let itemNode = reader.take("item")
    let scoreNode = reader.take("score")
    switch (itemNode, scoreNode) {
    case (let itemNode?, nil):
      condition = decodeItemCondition(&reader, item: itemNode, path, definitions)
    case (nil, let scoreNode?):
      condition = decodeScoreCondition(&reader, score: scoreNode, path, definitions)
    case (_?, _?):
      report(
        node.position,
        path,
        "an indicator is defined by \"item\" and \"codes\", or by \"score\" and \"bands\", not both"
      )
    case (nil, nil):
      report(
        node.position,
        path,
        "an indicator needs \"item\" and \"codes\", or \"score\" and \"bands\""
      )
    }
    let provenance = provenance(&reader, sources: definitions.sources)
    reader.finish()
    guard let id, let title, let condition else { return nil }
    return Indicator(id: id, title: title, condition: condition, provenance: provenance)
  }

  /// Decodes an item indicator's `item` and `codes`: codes of the item's scale.
  func decodeItemCondition(
    _ reader: inout ObjectReader,
    item itemNode: JSONNode,
    _ path: String,
    _ definitions: Definitions
  ) -> Indicator.Condition? {
    reader.refuse(
      "bands",
      because: "\"bands\" goes with \"score\"; an item indicator lists \"codes\""
    )
    let codesNode = reader.required("codes")
    guard let itemID = identifier(itemNode, "\(path).item", of: Item.self) else { return nil }
    guard let item = definitions.items[itemID] else {
      report(
        itemNode.position,
        "\(path).item",
        "unknown item '\(itemID)'",
        hint: didYouMean(itemID.rawValue, among: definitions.items.keys.map(\.rawValue))
      )
      return nil
    }
    // An item whose scale is unknown was reported with the item.
    guard let scale = definitions.scales[item.scale] else { return nil }
    var codes: [Int] = []
    if let codesNode, let elements = array(codesNode, "\(path).codes") {
      if elements.isEmpty {
        report(codesNode.position, "\(path).codes", "expected at least one code")
      }
      for (index, element) in elements.enumerated() {
        guard let code = integer(element, "\(path).codes[\(index)]") else { continue }
        if scale.option(withCode: code) == nil {
          report(
            element.position,
            "\(path).codes[\(index)]",
            "\(code) is not a code of the scale '\(scale.id)' used by '\(itemID)' (codes: \(scale.options.map { String($0.code) }.joined(separator: ", ")))"
          )
        } else {
          codes.append(code)
        }
      }
    }
    return .itemCodes(itemID, codes)
  }

  /// Decodes a score indicator's `score` and `bands`: bands of that score.
  func decodeScoreCondition(
    _ reader: inout ObjectReader,
    score scoreNode: JSONNode,
    _ path: String,
    _ definitions: Definitions
  ) -> Indicator.Condition? {
    reader.refuse(
      "codes",
      because: "\"codes\" goes with \"item\"; a score indicator lists \"bands\""
    )
    let bandsNode = reader.required("bands")
    guard let scoreID = identifier(scoreNode, "\(path).score", of: ScoreRule.self) else {
      return nil
    }
    guard let score = definitions.scores.first(where: { $0.id == scoreID }) else {
      report(
        scoreNode.position,
        "\(path).score",
        "unknown score '\(scoreID)'",
        hint: didYouMean(scoreID.rawValue, among: definitions.scores.map(\.id.rawValue))
      )
      return nil
    }
    var bandIDs: [BandID] = []
    if let bandsNode, let elements = array(bandsNode, "\(path).bands") {
      let known = score.bands?.bands.map(\.id) ?? []
      for (index, element) in elements.enumerated() {
        guard let bandID = identifier(element, "\(path).bands[\(index)]", of: Band.self)
        else { continue }
        if known.contains(bandID) {
          bandIDs.append(bandID)
        } else {
          report(
            element.position,
            "\(path).bands[\(index)]",
            "the score '\(scoreID)' has no band '\(bandID)'",
            hint: didYouMean(bandID.rawValue, among: known.map(\.rawValue))
          )
        }
      }
    }
    return .scoreBands(scoreID, bandIDs)
  }
}
