// The scores of an instrument: the keys every score has, read here; the method-specific keys in
// DecodingSession+ScoreItems.swift (sum and mean) and DecodingSession+Conversion.swift (convert);
// bands and meaningful change in DecodingSession+Bands.swift.

/// What the method-specific keys of a score give.
struct ScoreCalculation {
  /// The method, or `nil` when the score has none that could be read.
  var method: ScoreMethod?
  /// The items of a sum or mean.
  var items: [ScoreItem] = []
  /// The range the method gives, when it can be worked out; checked against the declared one.
  var derivedRange: ClosedRange<Double>?
  /// How many items may be missing, and whether the score is then prorated.
  var missingRule = MissingDataRule()
}

extension DecodingSession {
  /// Decodes the instrument's `scores`, in file order.
  ///
  /// Their ids must differ from each other's and the items'. Scores that convert another score
  /// are decoded after the others, so that they may name any of them.
  func decodeScores(_ node: JSONNode, _ definitions: Definitions) -> [ScoreRule] {
    guard let elements = array(node, "scores") else { return [] }
    var scores: [ScoreRule] = []
    var pending: [(JSONNode, String)] = []
    var known = definitions
    known.scores = []
    for (index, element) in elements.enumerated() {
      let path = "scores[\(index)]"
      if isConversion(element) {
        pending.append((element, path))
        continue
      }
      if let score = decodeScore(element, path, known) {
        appendScore(score, to: &scores, element: element, path: path)
      }
    }
    // Each conversion may name any score decoded before it.
    for (element, path) in pending {
      known.scores = scores
      if let score = decodeScore(element, path, known) {
        appendScore(score, to: &scores, element: element, path: path)
      }
    }
    // Keep file order.
    let order = elements.compactMap { element -> String? in
      guard case .object(let members) = element.value,
        let idNode = members.first(where: { $0.key == "id" }),
        case .string(let text) = idNode.value.value
      else { return nil }
      return text
    }
    scores.sort {
      (order.firstIndex(of: $0.id.rawValue) ?? 0) < (order.firstIndex(of: $1.id.rawValue) ?? 0)
    }
    return scores
  }

  func appendScore(
    _ score: ScoreRule,
    to scores: inout [ScoreRule],
    element: JSONNode,
    path: String
  ) {
    if itemIDs.contains(score.id.rawValue) {
      report(
        element.position,
        "\(path).id",
        "'\(score.id)' is already the id of an item; output columns would clash"
      )
    } else if scores.contains(where: { $0.id == score.id }) {
      report(element.position, "\(path).id", "the score id '\(score.id)' is used twice")
    } else {
      scores.append(score)
    }
  }

  func isConversion(_ node: JSONNode) -> Bool {
    guard case .object(let members) = node.value,
      let method = members.first(where: { $0.key == "method" }),
      case .string("convert") = method.value.value
    else { return false }
    return true
  }

  /// Decodes one score.
  ///
  /// Its items, scales and sources must be among `definitions`, and the score a conversion
  /// converts among `definitions.scores`.
  func decodeScore(_ node: JSONNode, _ path: String, _ definitions: Definitions) -> ScoreRule? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: ScoreRule.self) }
    let title = reader.required("title").flatMap { string($0, "\(path).title") }
    let methodNode = reader.required("method")
    let methodName = methodNode.flatMap { string($0, "\(path).method") }
    let higherMeans = reader.take("higherMeans").flatMap { string($0, "\(path).higherMeans") }
    let better = reader.take("better").flatMap { decodeDirection($0, "\(path).better") }
    let decimals = reader.take("decimals").map { decodeDecimals($0, "\(path).decimals") } ?? 0
    let rangeNode = reader.required("range")
    let declaredRange = rangeNode.flatMap { decodeNumberRange($0, "\(path).range") }

    guard
      let calculation = decodeCalculation(
        &reader,
        methodName,
        at: methodNode,
        score: node,
        path,
        definitions
      )
    else { return nil }
    if let declaredRange, let derivedRange = calculation.derivedRange, let rangeNode {
      checkRange(declaredRange, against: derivedRange, rangeNode, "\(path).range")
    }
    let range = declaredRange ?? calculation.derivedRange ?? 0...0
    let bands = reader.take("bands").flatMap {
      decodeBands($0, "\(path).bands", range: range, sources: definitions.sources)
    }
    let meaningfulChange = reader.take("meaningfulChange").flatMap {
      decodeMeaningfulChange($0, "\(path).meaningfulChange", sources: definitions.sources)
    }
    let provenance = provenance(&reader, sources: definitions.sources)
    reader.finish()
    guard let id, let title, let method = calculation.method else { return nil }
    return ScoreRule(
      id: id,
      title: title,
      method: method,
      items: calculation.items,
      range: range,
      higherMeans: higherMeans,
      better: better,
      decimals: decimals,
      missingRule: calculation.missingRule,
      bands: bands,
      meaningfulChange: meaningfulChange,
      provenance: provenance
    )
  }

  /// Decodes the keys that belong to the score's method.
  ///
  /// - Returns: The calculation, or `nil` when the score cannot be decoded and the rest of it is
  ///   not read.
  func decodeCalculation(
    _ reader: inout ObjectReader,
    _ methodName: String?,
    at methodNode: JSONNode?,
    score node: JSONNode,
    _ path: String,
    _ definitions: Definitions
  ) -> ScoreCalculation? {
    switch methodName {
    case "sum", "mean":
      let method: ScoreMethod = methodName == "sum" ? .sum : .mean
      return decodeSumOrMean(&reader, method, score: node, path, definitions)
    case "convert":
      return decodeConvertedScore(&reader, path, definitions)
    case let other?:
      report(
        methodNode?.position,
        "\(path).method",
        "unknown method '\(other)'; expected sum, mean or convert",
        hint: didYouMean(other, among: ["sum", "mean", "convert"])
      )
      return ScoreCalculation()
    case nil:
      return ScoreCalculation()
    }
  }

  /// Decodes `better`: "higher" or "lower".
  func decodeDirection(_ node: JSONNode, _ path: String) -> Direction? {
    guard let text = string(node, path) else { return nil }
    guard let direction = Direction(rawValue: text) else {
      report(node.position, path, "expected \"higher\" or \"lower\", found '\(text)'")
      return nil
    }
    return direction
  }

  /// Decodes `decimals`: 0 to 6, or 0 when it is not.
  func decodeDecimals(_ node: JSONNode, _ path: String) -> Int {
    let decimals = integer(node, path) ?? 0
    guard (0...6).contains(decimals) else {
      report(node.position, path, "expected 0 to 6 decimal places, found \(decimals)")
      return 0
    }
    return decimals
  }

  /// Reports a declared range that differs from the one the items and rule give.
  func checkRange(
    _ declared: ClosedRange<Double>,
    against derived: ClosedRange<Double>,
    _ node: JSONNode,
    _ path: String
  ) {
    guard
      abs(declared.lowerBound - derived.lowerBound) > 1e-9
        || abs(declared.upperBound - derived.upperBound) > 1e-9
    else { return }
    report(
      node.position,
      path,
      "the range says \(formatNumber(declared.lowerBound)) to \(formatNumber(declared.upperBound)), but the items and rule give \(formatNumber(derived.lowerBound)) to \(formatNumber(derived.upperBound))",
      hint:
        "set \"range\": {\"min\": \(formatNumber(derived.lowerBound)), \"max\": \(formatNumber(derived.upperBound))}"
    )
  }
}
