// The response scales of an instrument and the items that use them.

extension DecodingSession {
  // MARK: Scales

  /// Decodes the instrument's `scales`: at least one, with distinct ids.
  func decodeScales(_ node: JSONNode, sources: Set<SourceID>) -> [ResponseScale] {
    guard let elements = array(node, "scales") else { return [] }
    if elements.isEmpty {
      report(node.position, "scales", "expected at least one response scale")
    }
    var scales: [ResponseScale] = []
    for (index, element) in elements.enumerated() {
      if let scale = decodeScale(element, "scales[\(index)]", sources: sources) {
        if scales.contains(where: { $0.id == scale.id }) {
          report(
            element.position,
            "scales[\(index)].id",
            "the scale id '\(scale.id)' is used twice"
          )
        } else {
          scales.append(scale)
        }
      }
    }
    return scales
  }

  func decodeScale(_ node: JSONNode, _ path: String, sources: Set<SourceID>) -> ResponseScale? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: ResponseScale.self) }
    let optionsNode = reader.take("options")
    let rangeNode = reader.take("range")
    let options = decodeOptions(optionsNode, or: rangeNode, scale: node, path)
    let missingAnswers =
      reader.take("missingAnswers").map {
        decodeMissingAnswers($0, "\(path).missingAnswers", options: options)
      } ?? []
    let better = reader.take("better").flatMap { decodeDirection($0, "\(path).better") }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    checkLabelsAreDistinct(
      options: options,
      missing: missingAnswers,
      path: path,
      position: node.position
    )
    guard let id else { return nil }
    return ResponseScale(
      id: id,
      options: options,
      missingAnswers: missingAnswers,
      better: better,
      provenance: provenance
    )
  }

  /// Decodes a scale's answers from exactly one of `options` (codes and labels) and `range`
  /// (whole numbers from min to max, each its own label).
  func decodeOptions(
    _ optionsNode: JSONNode?,
    or rangeNode: JSONNode?,
    scale node: JSONNode,
    _ path: String
  ) -> [ResponseOption] {
    var options: [ResponseOption] = []
    switch (optionsNode, rangeNode) {
    case (nil, nil):
      report(
        node.position,
        path,
        "a scale needs \"options\" (a list of codes and labels) or \"range\" (whole numbers from min to max)"
      )
    case (let optionsNode?, _?):
      report(
        optionsNode.position,
        "\(path).options",
        "a scale has either \"options\" or \"range\", not both"
      )
    case (let optionsNode?, nil):
      guard let elements = array(optionsNode, "\(path).options") else { break }
      if elements.isEmpty {
        report(optionsNode.position, "\(path).options", "expected at least one option")
      }
      for (index, element) in elements.enumerated() {
        let optionPath = "\(path).options[\(index)]"
        guard var option = object(element, optionPath) else { continue }
        let code = option.required("code").flatMap { integer($0, "\(optionPath).code") }
        let label = option.required("label").flatMap { string($0, "\(optionPath).label") }
        let aliases =
          option.take("aliases").flatMap { stringList($0, "\(optionPath).aliases") } ?? []
        option.finish()
        guard let code, let label else { continue }
        if options.contains(where: { $0.code == code }) {
          report(
            element.position,
            "\(optionPath).code",
            "the code \(code) is used by two options of this scale"
          )
        }
        options.append(ResponseOption(code: code, label: label, aliases: aliases))
      }
    case (nil, let rangeNode?):
      if let (low, high) = decodeIntegerRange(rangeNode, "\(path).range") {
        if high - low > 1000 {
          report(rangeNode.position, "\(path).range", "a range scale may have at most 1001 codes")
        } else {
          options = (low...high).map { ResponseOption(code: $0, label: String($0)) }
        }
      }
    }
    return options
  }

  /// Decodes a scale's `missingAnswers`, whose codes, if any, must not be codes of `options`.
  func decodeMissingAnswers(
    _ node: JSONNode,
    _ path: String,
    options: [ResponseOption]
  ) -> [MissingAnswer] {
    guard let elements = array(node, path) else { return [] }
    var missingAnswers: [MissingAnswer] = []
    for (index, element) in elements.enumerated() {
      let missingPath = "\(path)[\(index)]"
      guard var answer = object(element, missingPath) else { continue }
      let label = answer.required("label").flatMap { string($0, "\(missingPath).label") }
      let aliases =
        answer.take("aliases").flatMap { stringList($0, "\(missingPath).aliases") } ?? []
      let codeNode = answer.take("code")
      let code = codeNode.flatMap { integer($0, "\(missingPath).code") }
      answer.finish()
      if let code, let codeNode, options.contains(where: { $0.code == code }) {
        report(
          codeNode.position,
          "\(missingPath).code",
          "the code \(code) is already the code of an answer on this scale"
        )
      }
      if let label {
        missingAnswers.append(MissingAnswer(label: label, aliases: aliases, code: code))
      }
    }
    return missingAnswers
  }

  /// Two answers of one scale must not normalise to the same text, or matching would be ambiguous.
  func checkLabelsAreDistinct(
    options: [ResponseOption],
    missing: [MissingAnswer],
    path: String,
    position: TextPosition
  ) {
    var owner: [String: String] = [:]
    let spellings: [(String, [String])] =
      options.map { ($0.label, [$0.label] + $0.aliases) }
      + missing.map { ($0.label, [$0.label] + $0.aliases) }
    for (label, texts) in spellings {
      for text in texts {
        let key = normalizedLabel(text)
        if let other = owner[key], other != label {
          report(
            position,
            path,
            "'\(text)' would match both '\(other)' and '\(label)'; labels and aliases must be distinct"
          )
        } else {
          owner[key] = label
        }
      }
    }
  }

  // MARK: Items

  /// Decodes the instrument's `items`: at least one, with distinct ids.
  func decodeItems(
    _ node: JSONNode,
    scales: [ScaleID: ResponseScale],
    sources: Set<SourceID>
  ) -> [Item] {
    guard let elements = array(node, "items") else { return [] }
    if elements.isEmpty { report(node.position, "items", "expected at least one item") }
    var items: [Item] = []
    for (index, element) in elements.enumerated() {
      if let item = decodeItem(element, "items[\(index)]", scales: scales, sources: sources) {
        if items.contains(where: { $0.id == item.id }) {
          report(element.position, "items[\(index)].id", "the item id '\(item.id)' is used twice")
        } else {
          items.append(item)
        }
      }
    }
    return items
  }

  func decodeItem(
    _ node: JSONNode,
    _ path: String,
    scales: [ScaleID: ResponseScale],
    sources: Set<SourceID>
  ) -> Item? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: Item.self) }
    let wording = reader.take("wording").flatMap { string($0, "\(path).wording") }
    let keyPhrase = reader.take("keyPhrase").flatMap { string($0, "\(path).keyPhrase") }
    let scaleNode = reader.required("scale")
    let scaleID = scaleNode.flatMap { identifier($0, "\(path).scale", of: ResponseScale.self) }
    if let scaleID, let scaleNode, scales[scaleID] == nil {
      report(
        scaleNode.position,
        "\(path).scale",
        "unknown scale '\(scaleID)'; expected one of the ids in \"scales\": \(scales.keys.map(\.rawValue).sorted().joined(separator: ", "))",
        hint: didYouMean(scaleID.rawValue, among: scales.keys.map(\.rawValue))
      )
    }
    let aliases = reader.take("aliases").flatMap { stringList($0, "\(path).aliases") } ?? []
    let anchors =
      reader.take("anchors").map {
        decodeAnchors($0, "\(path).anchors", scale: scaleID.flatMap { scales[$0] })
      } ?? [:]
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    if wording == nil && keyPhrase == nil {
      report(
        node.position,
        path,
        "an item needs \"wording\", or a \"keyPhrase\" when its wording may not be shipped"
      )
    }
    guard let id, let scaleID else { return nil }
    return Item(
      id: id,
      wording: wording,
      keyPhrase: keyPhrase,
      scale: scaleID,
      aliases: aliases,
      anchors: anchors,
      provenance: provenance
    )
  }

  /// Decodes an item's `anchors`: the labels it shows for some codes of its scale, which is
  /// `nil` when the item names no known scale.
  func decodeAnchors(_ node: JSONNode, _ path: String, scale: ResponseScale?) -> [Int: String] {
    guard case .object(let members) = node.value else {
      report(
        node.position,
        path,
        "expected an object mapping codes to labels, found \(node.kindDescription)"
      )
      return [:]
    }
    var anchors: [Int: String] = [:]
    for member in members {
      guard let code = Int(member.key) else {
        report(
          member.keyPosition,
          path,
          "anchor keys are codes; '\(excerpt(member.key))' is not a whole number"
        )
        continue
      }
      if let scale, scale.option(withCode: code) == nil {
        report(member.keyPosition, path, "\(code) is not a code of the scale '\(scale.id)'")
      }
      if let text = string(member.value, "\(path).\(member.key)") {
        anchors[code] = text
      }
    }
    return anchors
  }
}
