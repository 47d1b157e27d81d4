// The indicators of an instrument: respondents who gave some answers to an item, or whose score
// fell in some bands.

extension DecodingSession {
  func decodeIndicator(
    _ node: JSONNode,
    _ path: String,
    items: [ItemID: Item],
    scales: [ScaleID: ResponseScale],
    scores: [ScoreRule],
    sources: Set<SourceID>
  ) -> Indicator? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: Indicator.self) }
    let title = reader.required("title").flatMap { string($0, "\(path).title") }
    var condition: Indicator.Condition?
    let itemNode = reader.take("item")
    let scoreNode = reader.take("score")
    switch (itemNode, scoreNode) {
    case (let itemNode?, nil):
      if reader.has("bands") {
        report(
          node.position,
          "\(path).bands",
          "\"bands\" goes with \"score\"; an item indicator lists \"codes\""
        )
        _ = reader.take("bands")
      }
      let codesNode = reader.required("codes")
      if let itemID = identifier(itemNode, "\(path).item", of: Item.self) {
        if let item = items[itemID], let scale = scales[item.scale] {
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
          condition = .itemCodes(itemID, codes)
        } else if items[itemID] == nil {
          report(
            itemNode.position,
            "\(path).item",
            "unknown item '\(itemID)'",
            hint: didYouMean(itemID.rawValue, among: items.keys.map(\.rawValue))
          )
        }
      }
    case (nil, let scoreNode?):
      if reader.has("codes") {
        report(
          node.position,
          "\(path).codes",
          "\"codes\" goes with \"item\"; a score indicator lists \"bands\""
        )
        _ = reader.take("codes")
      }
      let bandsNode = reader.required("bands")
      if let scoreID = identifier(scoreNode, "\(path).score", of: ScoreRule.self) {
        if let score = scores.first(where: { $0.id == scoreID }) {
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
          condition = .scoreBands(scoreID, bandIDs)
        } else {
          report(
            scoreNode.position,
            "\(path).score",
            "unknown score '\(scoreID)'",
            hint: didYouMean(scoreID.rawValue, among: scores.map(\.id.rawValue))
          )
        }
      }
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
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    guard let id, let title, let condition else { return nil }
    return Indicator(id: id, title: title, condition: condition, provenance: provenance)
  }
}
