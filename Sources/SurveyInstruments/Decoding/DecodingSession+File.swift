// The top of an instrument file: its format version, and then a whole instrument or an
// extension (see DecodingSession+Extension.swift).

extension DecodingSession {
  func decodeFile(_ root: JSONNode) -> InstrumentFileContents? {
    guard var reader = object(root, "") else { return nil }
    guard let formatNode = reader.take("format") else {
      report(
        root.position,
        "format",
        "the file has no \"format\" key",
        hint: "add \"format\": 1 at the top"
      )
      return nil
    }
    guard let format = integer(formatNode, "format") else { return nil }
    if format > InstrumentFormat.newestVersion {
      report(
        formatNode.position,
        "format",
        "instrument file format \(format) is newer than this toolkit supports (newest: \(InstrumentFormat.newestVersion))",
        hint: "update the toolkit, or write the file in format \(InstrumentFormat.newestVersion)"
      )
      return nil
    }
    if format < 1 {
      report(
        formatNode.position,
        "format",
        "expected a format version of 1 or more, found \(format)"
      )
      return nil
    }
    if reader.has("extends") {
      return decodeExtension(&reader).map(InstrumentFileContents.extension)
    }
    return decodeInstrument(&reader).map(InstrumentFileContents.instrument)
  }

  func decodeInstrument(_ reader: inout ObjectReader) -> Instrument? {
    let id = reader.required("id").flatMap { identifier($0, "id", of: Instrument.self) }
    let version = reader.required("version").flatMap { string($0, "version") }
    let title = reader.required("title").flatMap { string($0, "title") }
    let population = reader.take("population").flatMap { string($0, "population") }
    let recallPeriod = reader.take("recallPeriod").flatMap { string($0, "recallPeriod") }
    let notes = reader.take("notes").flatMap { stringList($0, "notes") } ?? []

    let sources = reader.take("sources").map(decodeSources) ?? []
    let sourceIDs = Set(sources.map(\.id))
    let introduction = reader.take("introduction").flatMap {
      decodeIntroduction($0, "introduction", sources: sourceIDs)
    }
    let licence = reader.take("licence").flatMap { decodeLicence($0, sources: sourceIDs) }

    var scales: [(ResponseScale, TextPosition)] = []
    if let node = reader.required("scales"), let elements = array(node, "scales") {
      if elements.isEmpty {
        report(node.position, "scales", "expected at least one response scale")
      }
      for (index, element) in elements.enumerated() {
        if let scale = decodeScale(element, "scales[\(index)]", sources: sourceIDs) {
          if scales.contains(where: { $0.0.id == scale.id }) {
            report(
              element.position,
              "scales[\(index)].id",
              "the scale id '\(scale.id)' is used twice"
            )
          } else {
            scales.append((scale, element.position))
          }
        }
      }
    }
    let scalesByID = Dictionary(
      scales.map { ($0.0.id, $0.0) },
      uniquingKeysWith: { first, _ in first }
    )

    var items: [Item] = []
    if let node = reader.required("items"), let elements = array(node, "items") {
      if elements.isEmpty { report(node.position, "items", "expected at least one item") }
      for (index, element) in elements.enumerated() {
        if let item = decodeItem(element, "items[\(index)]", scales: scalesByID, sources: sourceIDs)
        {
          if items.contains(where: { $0.id == item.id }) {
            report(element.position, "items[\(index)].id", "the item id '\(item.id)' is used twice")
          } else {
            items.append(item)
          }
        }
      }
    }
    let itemsByID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    itemIDs = Set(items.map(\.id.rawValue))

    var scores: [ScoreRule] = []
    if let node = reader.take("scores"), let elements = array(node, "scores") {
      // Scores that convert another score are resolved after the others.
      var pending: [(JSONNode, String)] = []
      for (index, element) in elements.enumerated() {
        let path = "scores[\(index)]"
        if isConversion(element) {
          pending.append((element, path))
          continue
        }
        if let score = decodeScore(
          element,
          path,
          items: itemsByID,
          scales: scalesByID,
          scores: [],
          sources: sourceIDs
        ) {
          appendScore(score, to: &scores, element: element, path: path)
        }
      }
      for (element, path) in pending {
        if let score = decodeScore(
          element,
          path,
          items: itemsByID,
          scales: scalesByID,
          scores: scores,
          sources: sourceIDs
        ) {
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
    }

    var indicators: [Indicator] = []
    if let node = reader.take("indicators"), let elements = array(node, "indicators") {
      for (index, element) in elements.enumerated() {
        let path = "indicators[\(index)]"
        if let indicator = decodeIndicator(
          element,
          path,
          items: itemsByID,
          scales: scalesByID,
          scores: scores,
          sources: sourceIDs
        ) {
          if indicators.contains(where: { $0.id == indicator.id }) {
            report(
              element.position,
              "\(path).id",
              "the indicator id '\(indicator.id)' is used twice"
            )
          } else if scores.contains(where: { $0.id.rawValue == indicator.id.rawValue }) {
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
      }
    }
    reader.finish()

    guard let id, let version, let title else { return nil }
    return Instrument(
      id: id,
      version: version,
      title: title,
      population: population,
      recallPeriod: recallPeriod,
      introduction: introduction,
      scales: scales.map(\.0),
      items: items,
      scores: scores,
      indicators: indicators,
      licence: licence,
      sources: sources,
      notes: notes
    )
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
}
