// The top of an instrument file: its format version, and then a whole instrument, section by
// section, or an extension (see DecodingSession+Extension.swift).

/// What the earlier sections of an instrument file define, for later sections to refer to by id.
struct Definitions {
  /// The ids of the top-level `sources`.
  var sources: Set<SourceID>
  /// The response scales, by id.
  var scales: [ScaleID: ResponseScale]
  /// The items, by id.
  var items: [ItemID: Item]
  /// The scores decoded so far: none while the scores that convert no other are read.
  var scores: [ScoreRule]
}

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

  /// Decodes a whole instrument: its description, then sources, scales, items, scores and
  /// indicators, each section checked against those before it.
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

    let scales = reader.required("scales").map { decodeScales($0, sources: sourceIDs) } ?? []
    let scalesByID = Dictionary(scales.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let items =
      reader.required("items").map {
        decodeItems($0, scales: scalesByID, sources: sourceIDs)
      } ?? []
    let itemsByID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    itemIDs = Set(items.map(\.id.rawValue))

    var definitions = Definitions(
      sources: sourceIDs,
      scales: scalesByID,
      items: itemsByID,
      scores: []
    )
    definitions.scores = reader.take("scores").map { decodeScores($0, definitions) } ?? []
    let indicators = reader.take("indicators").map { decodeIndicators($0, definitions) } ?? []
    reader.finish()

    guard let id, let version, let title else { return nil }
    return Instrument(
      id: id,
      version: version,
      title: title,
      population: population,
      recallPeriod: recallPeriod,
      introduction: introduction,
      scales: scales,
      items: items,
      scores: definitions.scores,
      indicators: indicators,
      licence: licence,
      sources: sources,
      notes: notes
    )
  }
}
