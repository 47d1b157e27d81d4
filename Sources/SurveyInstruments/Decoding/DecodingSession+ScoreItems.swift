// Scores with "method": "sum" or "mean": their items (reversed or recoded), the missing-data
// rule, and the range these give.

extension DecodingSession {
  /// Decodes the keys of a sum or mean score: `items` and `missing`, and works out its range.
  func decodeSumOrMean(
    _ reader: inout ObjectReader,
    _ method: ScoreMethod,
    score node: JSONNode,
    _ path: String,
    _ definitions: Definitions
  ) -> ScoreCalculation {
    if reader.has("of") || reader.has("conversion") {
      report(
        node.position,
        path,
        "\"of\" and \"conversion\" belong to scores with \"method\": \"convert\""
      )
      _ = reader.take("of")
      _ = reader.take("conversion")
    }
    let (items, itemRanges) = decodeScoreItems(
      reader.required("items"),
      "\(path).items",
      items: definitions.items,
      scales: definitions.scales
    )
    var calculation = ScoreCalculation(method: method, items: items)
    if let missingNode = reader.take("missing") {
      calculation.missingRule = decodeMissingRule(
        missingNode,
        "\(path).missing",
        itemCount: calculation.items.count,
        method: method,
        sources: definitions.sources
      )
    }
    if itemRanges.count == calculation.items.count, !itemRanges.isEmpty {
      calculation.derivedRange = derive(
        method: method,
        itemRanges: itemRanges,
        rule: calculation.missingRule
      )
    }
    return calculation
  }

  /// Decodes the items of a sum or mean score and the range of values each contributes.
  func decodeScoreItems(
    _ node: JSONNode?,
    _ path: String,
    items: [ItemID: Item],
    scales: [ScaleID: ResponseScale]
  ) -> ([ScoreItem], [ClosedRange<Double>]) {
    guard let node, let elements = array(node, path) else { return ([], []) }
    if elements.isEmpty { report(node.position, path, "expected at least one item") }
    var result: [ScoreItem] = []
    var ranges: [ClosedRange<Double>] = []
    for (index, element) in elements.enumerated() {
      let elementPath = "\(path)[\(index)]"
      var scoreItem: ScoreItem?
      var idNode = element
      var recodeNode: JSONNode?
      if case .string = element.value {
        scoreItem = identifier(element, elementPath, of: Item.self).map { ScoreItem(item: $0) }
      } else if var reader = object(element, elementPath) {
        if let itemNode = reader.required("item") {
          idNode = itemNode
          if let id = identifier(itemNode, "\(elementPath).item", of: Item.self) {
            let reversed =
              reader.take("reverse").flatMap { bool($0, "\(elementPath).reverse") } ?? false
            scoreItem = ScoreItem(item: id, isReversed: reversed)
          }
        }
        recodeNode = reader.take("recode")
        reader.finish()
      }
      guard var scoreItem else { continue }
      guard let item = items[scoreItem.item] else {
        report(
          idNode.position,
          elementPath,
          "unknown item '\(scoreItem.item)'; a score may only use items of this instrument",
          hint: didYouMean(scoreItem.item.rawValue, among: items.keys.map(\.rawValue))
        )
        continue
      }
      if result.contains(where: { $0.item == scoreItem.item }) {
        report(
          idNode.position,
          elementPath,
          "the item '\(scoreItem.item)' is counted twice in this score"
        )
        continue
      }
      guard let scale = scales[item.scale] else { continue }
      if let recodeNode {
        if scoreItem.isReversed {
          report(
            recodeNode.position,
            "\(elementPath).recode",
            "an item is either reversed or recoded, not both; write the reversed values in the recode"
          )
        }
        scoreItem.recode = decodeRecode(recodeNode, "\(elementPath).recode", scale: scale)
      }
      result.append(scoreItem)
      let values = scale.options.map { option -> Double in
        if let recoded = scoreItem.recode[option.code] { return recoded }
        if scoreItem.isReversed {
          return Double(scale.minimumCode + scale.maximumCode - option.code)
        }
        return Double(option.code)
      }
      if let low = values.min(), let high = values.max() { ranges.append(low...high) }
    }
    return (result, ranges)
  }

  func decodeRecode(_ node: JSONNode, _ path: String, scale: ResponseScale) -> [Int: Double] {
    guard case .object(let members) = node.value else {
      report(
        node.position,
        path,
        "expected an object mapping each code to its value, such as {\"1\": 0, \"2\": 1}, found \(node.kindDescription)"
      )
      return [:]
    }
    var recode: [Int: Double] = [:]
    for member in members {
      guard let code = Int(member.key) else {
        report(
          member.keyPosition,
          path,
          "recode keys are codes; '\(excerpt(member.key))' is not a whole number"
        )
        continue
      }
      if scale.option(withCode: code) == nil {
        report(
          member.keyPosition,
          path,
          "\(code) is not a code of the scale '\(scale.id)' (codes: \(scale.options.map { String($0.code) }.joined(separator: ", ")))"
        )
        continue
      }
      if let value = number(member.value, "\(path).\(member.key)") { recode[code] = value }
    }
    let missing = scale.options.map(\.code).filter { recode[$0] == nil }
    if !missing.isEmpty && !recode.isEmpty {
      report(
        node.position,
        path,
        "the recode gives no value for code\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of the scale '\(scale.id)'",
        hint: "give every code of the scale a value"
      )
    }
    return recode
  }

  func decodeMissingRule(
    _ node: JSONNode,
    _ path: String,
    itemCount: Int,
    method: ScoreMethod,
    sources: Set<SourceID>
  ) -> MissingDataRule {
    guard var reader = object(node, path) else { return MissingDataRule() }
    let maxNode = reader.required("maxMissing")
    var maximum = maxNode.flatMap { integer($0, "\(path).maxMissing") } ?? 0
    if let maxNode, maximum < 0 || (itemCount > 0 && maximum >= itemCount) {
      report(
        maxNode.position,
        "\(path).maxMissing",
        "expected 0 to \(max(0, itemCount - 1)) (the score has \(itemCount) items and at least one must be answered), found \(maximum)"
      )
      maximum = 0
    }
    let prorateNode = reader.take("prorate")
    let prorates = prorateNode.flatMap { bool($0, "\(path).prorate") } ?? false
    if let prorateNode, prorates, method == .mean {
      report(
        prorateNode.position,
        "\(path).prorate",
        "a mean is taken over the answered items already; \"prorate\" applies to sums"
      )
    }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    return MissingDataRule(maximumMissing: maximum, prorates: prorates, provenance: provenance)
  }

  /// The range of a sum or mean of items with `itemRanges` under `rule`.
  func derive(
    method: ScoreMethod,
    itemRanges: [ClosedRange<Double>],
    rule: MissingDataRule
  ) -> ClosedRange<Double> {
    let lows = itemRanges.map(\.lowerBound)
    let highs = itemRanges.map(\.upperBound)
    switch method {
    case .mean:
      if rule.maximumMissing == 0 {
        return lows.reduce(0, +) / Double(lows.count)...highs.reduce(0, +) / Double(highs.count)
      }
      return (lows.min() ?? 0)...(highs.max() ?? 0)
    default:
      var low = lows.reduce(0, +)
      if !rule.prorates && rule.maximumMissing > 0 {
        // Missing items add nothing, so the lowest sum drops the largest positive minimums.
        low -= lows.filter { $0 > 0 }.sorted(by: >).prefix(rule.maximumMissing).reduce(0, +)
      }
      return low...highs.reduce(0, +)
    }
  }
}
