// The scores of an instrument, and the items, recodes and missing-data rules of sums and means.

extension DecodingSession {
  func decodeScore(
    _ node: JSONNode,
    _ path: String,
    items: [ItemID: Item],
    scales: [ScaleID: ResponseScale],
    scores: [ScoreRule],
    sources: Set<SourceID>
  ) -> ScoreRule? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: ScoreRule.self) }
    let title = reader.required("title").flatMap { string($0, "\(path).title") }
    let methodNode = reader.required("method")
    let methodName = methodNode.flatMap { string($0, "\(path).method") }
    let higherMeans = reader.take("higherMeans").flatMap { string($0, "\(path).higherMeans") }
    var better: Direction?
    if let betterNode = reader.take("better"), let text = string(betterNode, "\(path).better") {
      better = Direction(rawValue: text)
      if better == nil {
        report(
          betterNode.position,
          "\(path).better",
          "expected \"higher\" or \"lower\", found '\(text)'"
        )
      }
    }
    let decimalsNode = reader.take("decimals")
    var decimals = decimalsNode.flatMap { integer($0, "\(path).decimals") } ?? 0
    if let decimalsNode, !(0...6).contains(decimals) {
      report(
        decimalsNode.position,
        "\(path).decimals",
        "expected 0 to 6 decimal places, found \(decimals)"
      )
      decimals = 0
    }
    let rangeNode = reader.required("range")
    let declaredRange = rangeNode.flatMap { decodeNumberRange($0, "\(path).range") }

    var method: ScoreMethod?
    var scoreItems: [ScoreItem] = []
    var derivedRange: ClosedRange<Double>?
    var missingRule = MissingDataRule()

    switch methodName {
    case "sum", "mean":
      method = methodName == "sum" ? .sum : .mean
      if reader.has("of") || reader.has("conversion") {
        report(
          node.position,
          path,
          "\"of\" and \"conversion\" belong to scores with \"method\": \"convert\""
        )
        _ = reader.take("of")
        _ = reader.take("conversion")
      }
      let (decoded, itemRanges) = decodeScoreItems(
        reader.required("items"),
        "\(path).items",
        items: items,
        scales: scales
      )
      scoreItems = decoded
      if let missingNode = reader.take("missing") {
        missingRule = decodeMissingRule(
          missingNode,
          "\(path).missing",
          itemCount: scoreItems.count,
          method: method,
          sources: sources
        )
      }
      if itemRanges.count == scoreItems.count, !itemRanges.isEmpty {
        derivedRange = derive(method: method ?? .sum, itemRanges: itemRanges, rule: missingRule)
      }
    case "convert":
      if reader.has("items") {
        report(
          node.position,
          "\(path).items",
          "a converted score takes its value from \"of\", not from items"
        )
        _ = reader.take("items")
      }
      if let missingNode = reader.take("missing") {
        report(
          missingNode.position,
          "\(path).missing",
          "a converted score follows the missing-data rule of the score it converts"
        )
      }
      let ofNode = reader.required("of")
      let of = ofNode.flatMap { identifier($0, "\(path).of", of: ScoreRule.self) }
      var sourceScore: ScoreRule?
      if let of, let ofNode {
        sourceScore = scores.first { $0.id == of }
        if sourceScore == nil {
          report(
            ofNode.position,
            "\(path).of",
            "unknown score '\(of)'; a converted score must name a sum or mean score of this instrument",
            hint: didYouMean(of.rawValue, among: scores.map(\.id.rawValue))
          )
        } else if let sourceScore, !isWholeNumbered(sourceScore, items: items) {
          report(
            ofNode.position,
            "\(path).of",
            "the score '\(of)' can take values that are not whole numbers, so it cannot be converted through a table"
          )
          return nil
        }
      }
      if let tableNode = reader.required("conversion") {
        let table = decodeConversion(
          tableNode,
          "\(path).conversion",
          source: sourceScore,
          sources: sources
        )
        if let table, let of {
          method = .convert(from: of, table: table)
          let values = table.entries.map(\.to)
          if let low = values.min(), let high = values.max() { derivedRange = low...high }
          if let sourceScore { missingRule = sourceScore.missingRule }
        }
      }
    case let other?:
      report(
        methodNode?.position,
        "\(path).method",
        "unknown method '\(other)'; expected sum, mean or convert",
        hint: didYouMean(other, among: ["sum", "mean", "convert"])
      )
    case nil:
      break
    }

    if let declaredRange, let derivedRange, let rangeNode,
      abs(declaredRange.lowerBound - derivedRange.lowerBound) > 1e-9
        || abs(declaredRange.upperBound - derivedRange.upperBound) > 1e-9
    {
      report(
        rangeNode.position,
        "\(path).range",
        "the range says \(formatNumber(declaredRange.lowerBound)) to \(formatNumber(declaredRange.upperBound)), but the items and rule give \(formatNumber(derivedRange.lowerBound)) to \(formatNumber(derivedRange.upperBound))",
        hint:
          "set \"range\": {\"min\": \(formatNumber(derivedRange.lowerBound)), \"max\": \(formatNumber(derivedRange.upperBound))}"
      )
    }
    let range = declaredRange ?? derivedRange ?? 0...0
    let bands = reader.take("bands").flatMap {
      decodeBands($0, "\(path).bands", range: range, sources: sources)
    }
    var meaningfulChange: MeaningfulChange?
    if let changeNode = reader.take("meaningfulChange"),
      var changeReader = object(changeNode, "\(path).meaningfulChange")
    {
      let pointsNode = changeReader.required("points")
      let points = pointsNode.flatMap { number($0, "\(path).meaningfulChange.points") }
      if let points, let pointsNode, points <= 0 {
        report(
          pointsNode.position,
          "\(path).meaningfulChange.points",
          "expected a positive number of points, found \(formatNumber(points))"
        )
      }
      let provenance = provenance(&changeReader, sources: sources)
      changeReader.finish()
      if let points, points > 0 {
        meaningfulChange = MeaningfulChange(points: points, provenance: provenance)
      }
    }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    guard let id, let title, let method else { return nil }
    return ScoreRule(
      id: id,
      title: title,
      method: method,
      items: scoreItems,
      range: range,
      higherMeans: higherMeans,
      better: better,
      decimals: decimals,
      missingRule: missingRule,
      bands: bands,
      meaningfulChange: meaningfulChange,
      provenance: provenance
    )
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
    method: ScoreMethod?,
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
