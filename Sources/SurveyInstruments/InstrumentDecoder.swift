/// The instrument-file format versions this toolkit reads.
public enum InstrumentFormat {
  /// The newest `format` value this toolkit understands.
  public static let newestVersion = 1
}

/// What an instrument file holds: a whole instrument, or an extension that adds wording to
/// another instrument (how licensed users add WEMWBS wording from their own copy).
public enum InstrumentFileContents: Sendable, Hashable {
  /// A complete instrument.
  case instrument(Instrument)
  /// Additions to an instrument defined elsewhere.
  case `extension`(InstrumentExtension)
}

/// Additions to an instrument defined in another file: item wording, header aliases, answer
/// aliases, and the introduction.
///
/// An extension cannot change codes, scores or thresholds.
public struct InstrumentExtension: Sendable, Hashable {
  /// The instrument being extended.
  public var extends: InstrumentID
  /// The file the extension came from.
  public var file: String
  /// Where `extends` is written in the file, for errors.
  public var extendsPosition: TextPosition?
  /// A replacement introduction, if given.
  public var introduction: Introduction?
  /// Wording and aliases to add, by item.
  public var items: [ItemAddition]
  /// Answer aliases to add, by scale.
  public var scales: [ScaleAddition]

  /// Further spellings of a scale's answers, as an export writes them.
  public struct ScaleAddition: Sendable, Hashable {
    /// The scale extended.
    public var id: ScaleID
    /// Aliases to add to options, by code.
    public var optionAliases: [Int: [String]]
    /// Aliases to add to declared missing answers, by label.
    public var missingAliases: [String: [String]]
    /// Where the addition sits in its file, for errors.
    public var position: TextPosition?

    /// Creates an addition.
    public init(
      id: ScaleID,
      optionAliases: [Int: [String]] = [:],
      missingAliases: [String: [String]] = [:],
      position: TextPosition? = nil
    ) {
      self.id = id
      self.optionAliases = optionAliases
      self.missingAliases = missingAliases
      self.position = position
    }
  }

  /// Wording and aliases for one item.
  public struct ItemAddition: Sendable, Hashable {
    /// The item extended.
    public var id: ItemID
    /// The item's wording.
    public var wording: String?
    /// Further header aliases.
    public var aliases: [String]
    /// Where the addition sits in its file, for errors.
    public var position: TextPosition?

    /// Creates an addition.
    public init(id: ItemID, wording: String?, aliases: [String] = [], position: TextPosition? = nil)
    {
      self.id = id
      self.wording = wording
      self.aliases = aliases
      self.position = position
    }
  }

  /// Creates an extension.
  public init(
    extends: InstrumentID,
    file: String,
    extendsPosition: TextPosition? = nil,
    introduction: Introduction? = nil,
    items: [ItemAddition],
    scales: [ScaleAddition] = []
  ) {
    self.extends = extends
    self.file = file
    self.extendsPosition = extendsPosition
    self.introduction = introduction
    self.items = items
    self.scales = scales
  }
}

/// Decodes and validates instrument files.
///
/// Every problem is reported with the file, line, column and key path, and all problems in a
/// file are reported together rather than one at a time.
public enum InstrumentDecoder {
  /// Decodes an instrument file's bytes.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents (UTF-8 JSON).
  ///   - file: The file's name as the user gave it, used in diagnostics.
  /// - Returns: The instrument or extension the file defines.
  /// - Throws: ``InstrumentFileError`` listing every problem found.
  /// - Complexity: O(*n*) in the file's size, plus O(*i* × *s*) cross-checks of items and scores.
  public static func decode(
    _ bytes: [UInt8],
    file: String
  ) throws(InstrumentFileError) -> InstrumentFileContents {
    guard bytes.count <= InstrumentLimits.maximumFileSize else {
      throw InstrumentFileError(diagnostics: [
        InstrumentLimits.fileTooLarge(file, size: bytes.count)
      ])
    }
    let root: JSONNode
    do {
      root = try JSONReader.parse(bytes)
    } catch {
      throw InstrumentFileError(diagnostics: [
        InstrumentDiagnostic(
          file: file,
          position: error.position,
          keyPath: "",
          message: "not valid JSON: \(error.message)",
          hint: error.hint
        )
      ])
    }
    let session = DecodingSession(file: file)
    let contents = session.decodeFile(root)
    if !session.diagnostics.isEmpty || contents == nil {
      let sorted = session.diagnostics.enumerated().sorted { lhs, rhs in
        switch (lhs.element.position, rhs.element.position) {
        case let (l?, r?) where l != r: l < r
        default: lhs.offset < rhs.offset
        }
      }.map(\.element)
      throw InstrumentFileError(diagnostics: sorted)
    }
    guard let contents else { throw InstrumentFileError(diagnostics: []) }
    return contents
  }

  /// Decodes a file that must define a whole instrument.
  ///
  /// - Throws: ``InstrumentFileError`` listing every problem found, or saying the file is an
  ///   extension.
  public static func decodeInstrument(
    _ bytes: [UInt8],
    file: String
  ) throws(InstrumentFileError) -> Instrument {
    switch try decode(bytes, file: file) {
    case .instrument(let instrument): return instrument
    case .extension(let addition):
      throw InstrumentFileError(diagnostics: [
        InstrumentDiagnostic(
          file: file,
          position: TextPosition(line: 1, column: 1),
          keyPath: "extends",
          message: "the file extends '\(addition.extends)' instead of defining an instrument"
        )
      ])
    }
  }
}

// MARK: - Decoding session

/// Holds the diagnostics while one file is decoded.
private final class DecodingSession {
  let file: String
  var diagnostics: [InstrumentDiagnostic] = []
  /// The instrument's item ids: scores and indicators share their namespace, because all three
  /// name output columns `INSTRUMENT.ID`.
  var itemIDs: Set<String> = []

  init(file: String) { self.file = file }

  func report(_ position: TextPosition?, _ path: String, _ message: String, hint: String? = nil) {
    diagnostics.append(
      InstrumentDiagnostic(
        file: file,
        position: position,
        keyPath: path,
        message: message,
        hint: hint
      )
    )
  }

  // MARK: Generic readers

  func object(_ node: JSONNode, _ path: String) -> ObjectReader? {
    guard case .object(let members) = node.value else {
      report(node.position, path, "expected an object ({ … }), found \(node.kindDescription)")
      return nil
    }
    guard members.count <= InstrumentLimits.maximumTableRows else {
      report(
        node.position,
        path,
        "the object has \(groupedThousands(members.count)) keys; an instrument file allows at most \(groupedThousands(InstrumentLimits.maximumTableRows))"
      )
      return nil
    }
    var seen: [String: JSONMember] = [:]
    for member in members {
      if seen[member.key] != nil {
        report(
          member.keyPosition,
          join(path, excerpt(member.key)),
          "the key \"\(excerpt(member.key))\" appears twice in the same object"
        )
      } else {
        seen[member.key] = member
      }
    }
    return ObjectReader(session: self, node: node, path: path, members: members, byKey: seen)
  }

  func array(_ node: JSONNode, _ path: String) -> [JSONNode]? {
    guard case .array(let elements) = node.value else {
      report(node.position, path, "expected a list ([ … ]), found \(node.kindDescription)")
      return nil
    }
    guard elements.count <= InstrumentLimits.maximumListLength else {
      report(
        node.position,
        path,
        "the list has \(groupedThousands(elements.count)) entries; an instrument file allows at most \(groupedThousands(InstrumentLimits.maximumListLength))"
      )
      return nil
    }
    return elements
  }

  func string(_ node: JSONNode, _ path: String, allowEmpty: Bool = false) -> String? {
    guard case .string(let text) = node.value else {
      report(
        node.position,
        path,
        "expected a string in double quotes, found \(node.kindDescription)"
      )
      return nil
    }
    if !allowEmpty && text.allSatisfy(\.isWhitespace) {
      report(node.position, path, "expected some text, found an empty string")
      return nil
    }
    let length = text.unicodeScalars.count
    guard length <= InstrumentLimits.maximumTextLength else {
      report(
        node.position,
        path,
        "the text '\(excerpt(text))' is too long: an instrument file allows at most \(groupedThousands(InstrumentLimits.maximumTextLength)) characters in one value"
      )
      return nil
    }
    return text
  }

  func integer(_ node: JSONNode, _ path: String) -> Int? {
    guard case .number(let value, let literal) = node.value else {
      report(node.position, path, "expected a whole number, found \(node.kindDescription)")
      return nil
    }
    guard value.rounded() == value, abs(value) < 1e15,
      !literal.contains(".") && !literal.lowercased().contains("e")
    else {
      report(node.position, path, "expected a whole number, found \(excerpt(literal))")
      return nil
    }
    guard abs(value) <= InstrumentLimits.maximumMagnitude else {
      report(node.position, path, "\(excerpt(literal)) is \(outOfBounds)")
      return nil
    }
    return Int(value)
  }

  func number(_ node: JSONNode, _ path: String) -> Double? {
    guard case .number(let value, let literal) = node.value else {
      report(node.position, path, "expected a number, found \(node.kindDescription)")
      return nil
    }
    guard value.isFinite, abs(value) <= InstrumentLimits.maximumMagnitude else {
      report(node.position, path, "\(excerpt(literal)) is \(outOfBounds)")
      return nil
    }
    return value
  }

  func bool(_ node: JSONNode, _ path: String) -> Bool? {
    guard case .bool(let flag) = node.value else {
      report(node.position, path, "expected true or false, found \(node.kindDescription)")
      return nil
    }
    return flag
  }

  func identifier<Tag>(_ node: JSONNode, _ path: String, of _: Tag.Type) -> Identifier<Tag>? {
    guard let text = string(node, path) else { return nil }
    guard Identifier<Tag>.isValid(text) else {
      report(
        node.position,
        path,
        "'\(excerpt(text))' is not a valid id: expected a lowercase letter followed by lowercase letters, digits, '-' or '_'",
        hint: suggestedIdentifier(text).map { "for example '\(excerpt($0))'" }
      )
      return nil
    }
    return Identifier(rawValue: text)
  }

  func stringList(_ node: JSONNode, _ path: String) -> [String]? {
    guard let elements = array(node, path) else { return nil }
    var result: [String] = []
    for (index, element) in elements.enumerated() {
      if let text = string(element, "\(path)[\(index)]") { result.append(text) }
    }
    return result
  }

  // MARK: File

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

  func decodeExtension(_ reader: inout ObjectReader) -> InstrumentExtension? {
    let extendsNode = reader.take("extends")
    let extends = extendsNode.flatMap { identifier($0, "extends", of: Instrument.self) }
    let introduction = reader.take("introduction").flatMap {
      decodeIntroduction($0, "introduction", sources: nil)
    }
    var additions: [InstrumentExtension.ItemAddition] = []
    if let itemsNode = reader.take("items"), let elements = array(itemsNode, "items") {
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
    }
    var scaleAdditions: [InstrumentExtension.ScaleAddition] = []
    if let scalesNode = reader.take("scales"), let elements = array(scalesNode, "scales") {
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
          scaleAdditions.append(addition)
        }
      }
    }
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

  /// Decodes one scale of an extension: `id`, then `options` (each a `code` and `aliases`) and
  /// `missingAnswers` (each a `label` and `aliases`); aliases are the only thing it may add.
  func decodeScaleAddition(_ node: JSONNode, _ path: String) -> InstrumentExtension.ScaleAddition? {
    guard var reader = object(node, path) else { return nil }
    let id = reader.required("id").flatMap { identifier($0, "\(path).id", of: ResponseScale.self) }
    var optionAliases: [Int: [String]] = [:]
    if let optionsNode = reader.take("options"),
      let elements = array(optionsNode, "\(path).options")
    {
      for (index, element) in elements.enumerated() {
        let optionPath = "\(path).options[\(index)]"
        guard var option = object(element, optionPath) else { continue }
        let code = option.required("code").flatMap { integer($0, "\(optionPath).code") }
        let aliases =
          option.required("aliases").flatMap { stringList($0, "\(optionPath).aliases") } ?? []
        option.finish(hint: "an extension adds only aliases to an answer")
        if let code { optionAliases[code, default: []] += aliases }
      }
    }
    var missingAliases: [String: [String]] = [:]
    if let missingNode = reader.take("missingAnswers"),
      let elements = array(missingNode, "\(path).missingAnswers")
    {
      for (index, element) in elements.enumerated() {
        let missingPath = "\(path).missingAnswers[\(index)]"
        guard var answer = object(element, missingPath) else { continue }
        let label = answer.required("label").flatMap { string($0, "\(missingPath).label") }
        let aliases =
          answer.required("aliases").flatMap { stringList($0, "\(missingPath).aliases") } ?? []
        answer.finish(hint: "an extension adds only aliases to a missing answer")
        if let label { missingAliases[label, default: []] += aliases }
      }
    }
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

  // MARK: Instrument

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

  // MARK: Parts

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
  func provenance(_ reader: inout ObjectReader, sources known: Set<SourceID>?) -> Provenance {
    var result = Provenance()
    if let node = reader.take("sources"), let elements = array(node, join(reader.path, "sources")) {
      for (index, element) in elements.enumerated() {
        let path = "\(join(reader.path, "sources"))[\(index)]"
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
    if let node = reader.take("certainty"), let text = string(node, join(reader.path, "certainty"))
    {
      if let certainty = Certainty(rawValue: text), certainty != .unstated {
        result.certainty = certainty
      } else {
        report(
          node.position,
          join(reader.path, "certainty"),
          "unknown certainty '\(text)'; expected one of: confirmed, single-source, unconfirmed, convention",
          hint: didYouMean(
            text,
            among: ["confirmed", "single-source", "unconfirmed", "convention"]
          )
        )
      }
    }
    result.note = reader.take("note").flatMap { string($0, join(reader.path, "note")) }
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
    let better = reader.take("better").flatMap { direction($0, "\(path).better") }
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

  /// `"higher"` or `"lower"`; anything else is reported.
  func direction(_ node: JSONNode, _ path: String) -> Direction? {
    guard let text = string(node, path) else { return nil }
    guard let direction = Direction(rawValue: text) else {
      report(node.position, path, "expected \"higher\" or \"lower\", found '\(text)'")
      return nil
    }
    return direction
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

  func decodeIntegerRange(_ node: JSONNode, _ path: String) -> (Int, Int)? {
    guard var reader = object(node, path) else { return nil }
    let low = reader.required("min").flatMap { integer($0, "\(path).min") }
    let high = reader.required("max").flatMap { integer($0, "\(path).max") }
    reader.finish()
    guard let low, let high else { return nil }
    guard low <= high else {
      report(node.position, path, "min (\(low)) is greater than max (\(high))")
      return nil
    }
    return (low, high)
  }

  func decodeNumberRange(_ node: JSONNode, _ path: String) -> ClosedRange<Double>? {
    guard var reader = object(node, path) else { return nil }
    let low = reader.required("min").flatMap { number($0, "\(path).min") }
    let high = reader.required("max").flatMap { number($0, "\(path).max") }
    reader.finish()
    guard let low, let high else { return nil }
    guard low <= high else {
      report(
        node.position,
        path,
        "min (\(formatNumber(low))) is greater than max (\(formatNumber(high)))"
      )
      return nil
    }
    return low...high
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
    let better = reader.take("better").flatMap { direction($0, "\(path).better") }
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

  func isWholeNumbered(_ score: ScoreRule, items: [ItemID: Item]) -> Bool {
    guard score.method == .sum, !score.missingRule.prorates || score.missingRule.maximumMissing == 0
    else { return false }
    return score.items.allSatisfy { item in item.recode.values.allSatisfy { $0.rounded() == $0 } }
  }

  func decodeConversion(
    _ node: JSONNode,
    _ path: String,
    source: ScoreRule?,
    sources: Set<SourceID>
  ) -> ConversionTable? {
    guard var reader = object(node, path) else { return nil }
    var entries: [(from: Int, to: Double)] = []
    if let tableNode = reader.required("table") {
      if case .object(let members) = tableNode.value {
        for member in members {
          guard let from = Int(member.key),
            abs(Double(from)) <= InstrumentLimits.maximumMagnitude
          else {
            report(
              member.keyPosition,
              "\(path).table",
              Int(member.key) == nil
                ? "table keys are whole score values; '\(excerpt(member.key))' is not a whole number"
                : "the table key \(excerpt(member.key)) is \(outOfBounds)"
            )
            continue
          }
          if let to = number(member.value, "\(path).table.\(member.key)") {
            entries.append((from, to))
          }
        }
      } else {
        report(
          tableNode.position,
          "\(path).table",
          "expected an object mapping each whole score to its converted value, such as {\"7\": 7.00}, found \(tableNode.kindDescription)"
        )
      }
      if let source {
        // The source's range is bounded by the decoder, so these conversions cannot trap.
        let low = Int(source.range.lowerBound.rounded(.up))
        let high = Int(source.range.upperBound.rounded(.down))
        let gaps = missingValues(from: low, through: high, keys: entries.map(\.from))
        if gaps.count > 0 {
          report(
            tableNode.position,
            "\(path).table",
            "the table has no row for \(listed(gaps.first, count: gaps.count)); it must cover every whole value of '\(source.id)' from \(low) to \(high)"
          )
        }
        let outside = entries.map(\.from).filter { $0 < low || $0 > high }
        if !outside.isEmpty {
          report(
            tableNode.position,
            "\(path).table",
            "the table has rows for \(listed(outside)), outside the range of '\(source.id)' (\(low) to \(high))"
          )
        }
      }
    }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    return ConversionTable(entries: entries, provenance: provenance)
  }

  func decodeBands(
    _ node: JSONNode,
    _ path: String,
    range: ClosedRange<Double>,
    sources: Set<SourceID>
  ) -> BandSet? {
    guard var reader = object(node, path) else { return nil }
    var bands: [(Band, TextPosition)] = []
    if let rangesNode = reader.required("ranges"),
      let elements = array(rangesNode, "\(path).ranges")
    {
      for (index, element) in elements.enumerated() {
        let bandPath = "\(path).ranges[\(index)]"
        guard var bandReader = object(element, bandPath) else { continue }
        let id = bandReader.required("id").flatMap {
          identifier($0, "\(bandPath).id", of: Band.self)
        }
        let label = bandReader.required("label").flatMap { string($0, "\(bandPath).label") }
        let low = bandReader.required("min").flatMap { number($0, "\(bandPath).min") }
        let high = bandReader.required("max").flatMap { number($0, "\(bandPath).max") }
        bandReader.finish()
        guard let id, let label, let low, let high else { continue }
        if low > high {
          report(
            element.position,
            bandPath,
            "min (\(formatNumber(low))) is greater than max (\(formatNumber(high)))"
          )
          continue
        }
        if low < range.lowerBound || high > range.upperBound {
          report(
            element.position,
            bandPath,
            "the band \(formatNumber(low)) to \(formatNumber(high)) lies outside the score's range (\(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)))"
          )
        }
        if bands.contains(where: { $0.0.id == id }) {
          report(element.position, "\(bandPath).id", "the band id '\(id)' is used twice")
          continue
        }
        bands.append((Band(id: id, label: label, minimum: low, maximum: high), element.position))
      }
    }
    bands.sort { $0.0.minimum < $1.0.minimum }
    for (previous, next) in zip(bands, bands.dropFirst()) where next.0.minimum <= previous.0.maximum
    {
      report(
        next.1,
        path,
        "the bands '\(previous.0.id)' (\(formatNumber(previous.0.minimum)) to \(formatNumber(previous.0.maximum))) and '\(next.0.id)' (\(formatNumber(next.0.minimum)) to \(formatNumber(next.0.maximum))) overlap",
        hint: "a value may fall in only one band; make each band start above the previous one's max"
      )
    }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    return BandSet(bands: bands.map(\.0), provenance: provenance)
  }

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

// MARK: - Object reader

/// Reads the members of one JSON object, remembering which keys were used, so that unknown keys
/// can be reported with a suggestion.
private struct ObjectReader {
  let session: DecodingSession
  let node: JSONNode
  let path: String
  let members: [JSONMember]
  let byKey: [String: JSONMember]
  var expected: [String] = []

  init(
    session: DecodingSession,
    node: JSONNode,
    path: String,
    members: [JSONMember],
    byKey: [String: JSONMember]
  ) {
    self.session = session
    self.node = node
    self.path = path
    self.members = members
    self.byKey = byKey
  }

  func has(_ key: String) -> Bool { byKey[key] != nil }

  mutating func take(_ key: String) -> JSONNode? {
    expected.append(key)
    return byKey[key]?.value
  }

  mutating func required(_ key: String) -> JSONNode? {
    let value = take(key)
    if value == nil {
      session.report(node.position, join(path, key), "the required key \"\(key)\" is missing")
    }
    return value
  }

  func finish(hint: String? = nil) {
    for member in members where !expected.contains(member.key) {
      session.report(
        member.keyPosition,
        join(path, excerpt(member.key)),
        "unknown key \"\(excerpt(member.key))\"; expected one of: \(expected.joined(separator: ", "))",
        hint: [didYouMean(member.key, among: expected), hint].compactMap { $0 }
          .joined(separator: "; ").nilIfEmpty
      )
    }
  }
}

extension String {
  /// The string, or `nil` when it is empty.
  fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

private func suggestedIdentifier(_ text: String) -> String? {
  var result = ""
  for scalar in text.lowercased().unicodeScalars {
    if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
      result.unicodeScalars.append(scalar)
    } else if !result.isEmpty && !result.hasSuffix("-") {
      result += "-"
    }
  }
  while result.hasSuffix("-") { result.removeLast() }
  while let first = result.unicodeScalars.first, !("a"..."z").contains(first) {
    result.removeFirst()
  }
  return result.isEmpty ? nil : result
}

/// What a number outside ``InstrumentLimits/maximumMagnitude`` is told.
private let outOfBounds =
  "outside the numbers an instrument file may hold (-1,000,000 to 1,000,000)"

/// The whole numbers from `low` through `high` that `keys` lacks: the first few of them and how
/// many there are, without enumerating the range.
///
/// - Complexity: O(*k* log *k*) for *k* keys.
private func missingValues(
  from low: Int,
  through high: Int,
  keys: [Int]
) -> (first: [Int], count: Int) {
  guard low <= high else { return ([], 0) }
  let present = Array(Set(keys.filter { $0 >= low && $0 <= high })).sorted()
  let count = (high - low + 1) - present.count
  var first: [Int] = []
  var next = low
  for key in present + [high + 1] {
    while next < key && first.count < 8 {
      first.append(next)
      next += 1
    }
    if first.count == 8 { break }
    next = key + 1
  }
  return (first, count)
}

/// The first values of a longer list, and how many more: "3, 4, 5 and 12 more".
private func listed(_ first: [Int], count: Int) -> String {
  let shown = first.map(String.init).joined(separator: ", ")
  return count > first.count ? "\(shown) and \(count - first.count) more" : shown
}

private func listed(_ values: [Int]) -> String {
  let shown = values.prefix(8).map(String.init).joined(separator: ", ")
  return values.count > 8 ? "\(shown) and \(values.count - 8) more" : shown
}

/// A number without a trailing `.0` when it is whole: 14, 26.02.
public func formatNumber(_ value: Double) -> String {
  if value.rounded() == value && abs(value) < 1e15 { return String(Int(value)) }
  return String(value)
}
