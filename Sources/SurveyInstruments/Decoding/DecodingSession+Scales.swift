// The response scales of an instrument and the items that use them.

extension DecodingSession {
  func decodeScale(_ node: JSONNode, _ path: String, sources: Set<SourceID>) -> ResponseScale? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: ResponseScale.self) }
    var options: [ResponseOption] = []
    let optionsNode = reader.take("options")
    let rangeNode = reader.take("range")
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
      if let elements = array(optionsNode, "\(path).options") {
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
    var missingAnswers: [MissingAnswer] = []
    if let missingNode = reader.take("missingAnswers"),
      let elements = array(missingNode, "\(path).missingAnswers")
    {
      for (index, element) in elements.enumerated() {
        let missingPath = "\(path).missingAnswers[\(index)]"
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
    }
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
      provenance: provenance
    )
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
    var anchors: [Int: String] = [:]
    if let anchorsNode = reader.take("anchors") {
      if case .object(let members) = anchorsNode.value {
        for member in members {
          guard let code = Int(member.key) else {
            report(
              member.keyPosition,
              "\(path).anchors",
              "anchor keys are codes; '\(excerpt(member.key))' is not a whole number"
            )
            continue
          }
          if let scaleID, let scale = scales[scaleID], scale.option(withCode: code) == nil {
            report(
              member.keyPosition,
              "\(path).anchors",
              "\(code) is not a code of the scale '\(scaleID)'"
            )
          }
          if let text = string(member.value, "\(path).anchors.\(member.key)") {
            anchors[code] = text
          }
        }
      } else {
        report(
          anchorsNode.position,
          "\(path).anchors",
          "expected an object mapping codes to labels, found \(anchorsNode.kindDescription)"
        )
      }
    }
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
}
