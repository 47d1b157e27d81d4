/// A questionnaire instrument defined as data: its items, response scales, scores, bands,
/// indicators, licence and the source of every fact.
///
/// Instruments are decoded from instrument files (see `Instruments/README.md`) with
/// ``InstrumentDecoder`` and collected in an ``InstrumentCatalogue``.
public struct Instrument: Sendable, Hashable {
  /// The instrument's identifier, used on the command line and in score columns.
  public var id: InstrumentID
  /// The version of this instrument definition, such as `1.0.0`.
  public var version: String
  /// The instrument's full title.
  public var title: String
  /// Who the instrument is for, such as "Adults aged 16 and over".
  public var population: String?
  /// The period respondents are asked about, such as "the last 2 weeks".
  public var recallPeriod: String?
  /// Text read or shown before the items.
  public var introduction: Introduction?
  /// The response scales that items use.
  public var scales: [ResponseScale]
  /// The items, in the order they are asked.
  public var items: [Item]
  /// The scores computed from the items.
  public var scores: [ScoreRule]
  /// Yes/no indicators reported as headline proportions.
  public var indicators: [Indicator]
  /// The owner's licence conditions and notice.
  public var licence: Licence?
  /// The sources that facts in this instrument cite, in file order.
  public var sources: [Source]
  /// Free-text notes for users of the instrument.
  public var notes: [String]

  /// Creates an instrument.
  ///
  /// Decoding from a file also validates it; this initialiser does not.
  public init(
    id: InstrumentID,
    version: String,
    title: String,
    population: String? = nil,
    recallPeriod: String? = nil,
    introduction: Introduction? = nil,
    scales: [ResponseScale],
    items: [Item],
    scores: [ScoreRule] = [],
    indicators: [Indicator] = [],
    licence: Licence? = nil,
    sources: [Source] = [],
    notes: [String] = []
  ) {
    self.id = id
    self.version = version
    self.title = title
    self.population = population
    self.recallPeriod = recallPeriod
    self.introduction = introduction
    self.scales = scales
    self.items = items
    self.scores = scores
    self.indicators = indicators
    self.licence = licence
    self.sources = sources
    self.notes = notes
  }

  /// The item with `id`, if any.
  ///
  /// - Complexity: O(*n*) in the number of items.
  public func item(withID id: ItemID) -> Item? { items.first { $0.id == id } }

  /// The response scale with `id`, if any.
  ///
  /// - Complexity: O(*n*) in the number of scales.
  public func scale(withID id: ScaleID) -> ResponseScale? { scales.first { $0.id == id } }

  /// The response scale that `item` is answered on.
  ///
  /// - Complexity: O(*n*) in the number of scales.
  public func scale(for item: Item) -> ResponseScale? { scale(withID: item.scale) }

  /// The score with `id`, if any.
  ///
  /// - Complexity: O(*n*) in the number of scores.
  public func score(withID id: ScoreID) -> ScoreRule? { scores.first { $0.id == id } }

  /// The indicator with `id`, if any.
  ///
  /// - Complexity: O(*n*) in the number of indicators.
  public func indicator(withID id: IndicatorID) -> Indicator? { indicators.first { $0.id == id } }

  /// The source with `id`, if any.
  ///
  /// - Complexity: O(*n*) in the number of sources.
  public func source(withID id: SourceID) -> Source? { sources.first { $0.id == id } }

  /// Whether some item has no wording, as licensed instruments ship without it.
  public var isMissingWording: Bool { items.contains { $0.wording == nil } }
}

/// Where a fact comes from and how sure we are of it.
///
/// Every wording, code, rule, table, band and threshold in a built-in instrument carries one.
public struct Provenance: Sendable, Hashable {
  /// The ids of the instrument's ``Source``s that state this fact.
  public var sources: [SourceID]
  /// How well the sources establish the fact.
  public var certainty: Certainty
  /// What a user should know about the fact's source, especially when it is uncertain.
  public var note: String?

  /// Creates a provenance record.
  public init(sources: [SourceID] = [], certainty: Certainty = .unstated, note: String? = nil) {
    self.sources = sources
    self.certainty = certainty
    self.note = note
  }

  /// Whether reports must say which value was used because its source is uncertain.
  public var isUncertain: Bool { certainty == .unconfirmed }
}

/// How well a fact's sources establish it.
public enum Certainty: String, Sendable, Hashable, CaseIterable {
  /// Confirmed by two or more sources that do not copy each other.
  case confirmed
  /// Stated by one source only (often the owner's own document).
  case singleSource = "single-source"
  /// Not found in any retrievable source: the value is in common use but must be checked.
  case unconfirmed
  /// A decision of this toolkit where the owner publishes none, stated as such.
  case convention
  /// The file does not say.
  case unstated

  /// A phrase for reports: "confirmed by two or more sources", ...
  ///
  /// It does not know how many sources a fact cites; ``phrase(citing:)`` words it to agree.
  public var phrase: String { phrase(citing: 1) }

  /// A phrase for reports that agrees with the number of sources cited beside it: a
  /// `single-source` fact that cites several sources (one publisher's series, copies of one
  /// document, or pages of which only one states the fact) is "not confirmed by two independent
  /// sources", and an `unconfirmed` fact that cites none is "a convention in use, with no primary
  /// source found".
  public func phrase(citing sourceCount: Int) -> String {
    switch self {
    case .confirmed: "confirmed by two or more independent sources"
    case .singleSource:
      sourceCount > 1
        ? "not confirmed by two independent sources"
        : "from a single source"
    case .unconfirmed:
      sourceCount == 0
        ? "UNCONFIRMED: a convention in use, with no primary source found; check before relying on it"
        : "UNCONFIRMED: no primary source found; check before relying on it"
    case .convention: "a toolkit convention where the owner publishes no rule"
    case .unstated: "source not stated"
    }
  }
}

/// A document that an instrument's facts cite.
public struct Source: Sendable, Hashable {
  /// The id by which facts cite this source.
  public var id: SourceID
  /// The citation as a reader would look it up.
  public var citation: String
  /// Where the source can be read, if online.
  public var url: String?

  /// Creates a source.
  public init(id: SourceID, citation: String, url: String? = nil) {
    self.id = id
    self.citation = citation
    self.url = url
  }
}

/// Text read or shown to a respondent before an instrument's items.
public struct Introduction: Sendable, Hashable {
  /// The text itself.
  public var text: String
  /// Where the wording comes from.
  public var provenance: Provenance

  /// Creates an introduction.
  public init(text: String, provenance: Provenance = Provenance()) {
    self.text = text
    self.provenance = provenance
  }
}

/// A set of answers that items share, with their numeric codes.
public struct ResponseScale: Sendable, Hashable {
  /// The scale's id, which items cite.
  public var id: ScaleID
  /// The answers that carry a code, in the order they are shown.
  public var options: [ResponseOption]
  /// Answers that are recorded as missing, each with its reason ("Prefer not to say").
  public var missingAnswers: [MissingAnswer]
  /// Which codes are the better answers, when the scale says.
  ///
  /// A scale states it when its answers run from worse to better whatever the item asks (how
  /// often someone feels lonely); it is `nil` when they do not, or when it depends on the item
  /// (a 0-10 scale shared by happiness and anxiety). See ``Instrument/better(forItem:)``, which
  /// also reads it from the scores that use an item.
  public var better: Direction?
  /// Where the labels and codes come from.
  public var provenance: Provenance

  /// Creates a scale.
  public init(
    id: ScaleID,
    options: [ResponseOption],
    missingAnswers: [MissingAnswer] = [],
    better: Direction? = nil,
    provenance: Provenance = Provenance()
  ) {
    self.id = id
    self.options = options
    self.missingAnswers = missingAnswers
    self.better = better
    self.provenance = provenance
  }

  /// The smallest code on the scale.
  public var minimumCode: Int { options.map(\.code).min() ?? 0 }
  /// The largest code on the scale.
  public var maximumCode: Int { options.map(\.code).max() ?? 0 }

  /// The option with `code`, if any.
  ///
  /// - Complexity: O(*n*) in the number of options.
  public func option(withCode code: Int) -> ResponseOption? { options.first { $0.code == code } }
}

/// One answer on a response scale.
public struct ResponseOption: Sendable, Hashable {
  /// The numeric code used in scoring.
  public var code: Int
  /// The label shown to respondents.
  public var label: String
  /// Other spellings of the label that exports use ("Often / always", "often or always").
  public var aliases: [String]

  /// Creates an option.
  public init(code: Int, label: String, aliases: [String] = []) {
    self.code = code
    self.label = label
    self.aliases = aliases
  }
}

/// An answer that does not count as a response to the item, such as "Prefer not to say".
public struct MissingAnswer: Sendable, Hashable {
  /// The label shown to respondents; also the reason reported for the missing answer.
  public var label: String
  /// Other spellings that exports use.
  public var aliases: [String]
  /// A numeric code that some exports use for this answer (for example 99 or -9), if any.
  public var code: Int?

  /// Creates a missing answer.
  public init(label: String, aliases: [String] = [], code: Int? = nil) {
    self.label = label
    self.aliases = aliases
    self.code = code
  }
}

/// One question or statement of an instrument.
public struct Item: Sendable, Hashable {
  /// The item's id, used in mappings and output columns.
  public var id: ItemID
  /// The exact wording.
  ///
  /// `nil` for licensed instruments whose wording is not shipped: a licensed user adds it with an
  /// extension file.
  public var wording: String?
  /// A short phrase that identifies the item in export headers when the wording is absent.
  public var keyPhrase: String?
  /// The response scale the item is answered on.
  public var scale: ScaleID
  /// Other header texts that identify this item in exports.
  public var aliases: [String]
  /// Labels of the ends of a numeric scale for this item, by code ("0": "not at all satisfied").
  public var anchors: [Int: String]
  /// Where the wording comes from.
  public var provenance: Provenance

  /// Creates an item.
  public init(
    id: ItemID,
    wording: String?,
    keyPhrase: String? = nil,
    scale: ScaleID,
    aliases: [String] = [],
    anchors: [Int: String] = [:],
    provenance: Provenance = Provenance()
  ) {
    self.id = id
    self.wording = wording
    self.keyPhrase = keyPhrase
    self.scale = scale
    self.aliases = aliases
    self.anchors = anchors
    self.provenance = provenance
  }

  /// The wording if known, otherwise the key phrase, otherwise the id.
  public var displayText: String { wording ?? keyPhrase ?? id.rawValue }
}

/// How a score is computed from its items.
public struct ScoreRule: Sendable, Hashable {
  /// The score's id; columns are named `INSTRUMENT.SCORE`.
  public var id: ScoreID
  /// A title for reports.
  public var title: String
  /// How item values combine.
  public var method: ScoreMethod
  /// The items that contribute, with any per-item recoding.
  ///
  /// Empty for `convert`.
  public var items: [ScoreItem]
  /// The lowest and highest possible values.
  public var range: ClosedRange<Double>
  /// What a higher score means ("lonelier", "better wellbeing").
  public var higherMeans: String?
  /// Which direction is an improvement, when the instrument says; used to count people who
  /// improved or got worse.
  public var better: Direction?
  /// Decimal places to show.
  public var decimals: Int
  /// How many items may be missing and what happens then.
  public var missingRule: MissingDataRule
  /// Bands that a value falls in, with their source.
  public var bands: BandSet?
  /// The smallest individual change that counts as meaningful, with its source.
  public var meaningfulChange: MeaningfulChange?
  /// Where the scoring rule comes from.
  public var provenance: Provenance

  /// Creates a score rule.
  public init(
    id: ScoreID,
    title: String,
    method: ScoreMethod,
    items: [ScoreItem],
    range: ClosedRange<Double>,
    higherMeans: String? = nil,
    better: Direction? = nil,
    decimals: Int = 0,
    missingRule: MissingDataRule = MissingDataRule(),
    bands: BandSet? = nil,
    meaningfulChange: MeaningfulChange? = nil,
    provenance: Provenance = Provenance()
  ) {
    self.id = id
    self.title = title
    self.method = method
    self.items = items
    self.range = range
    self.higherMeans = higherMeans
    self.better = better
    self.decimals = decimals
    self.missingRule = missingRule
    self.bands = bands
    self.meaningfulChange = meaningfulChange
    self.provenance = provenance
  }

  /// The band that `value` falls in, if any.
  ///
  /// - Complexity: O(*n*) in the number of bands.
  public func band(for value: Double) -> Band? { bands?.band(for: value) }
}

/// Which way a score moves when things get better.
public enum Direction: String, Sendable, Hashable {
  /// A higher score is better (wellbeing).
  case higher
  /// A lower score is better (loneliness, anxiety).
  case lower
}

/// How a score combines its items.
public enum ScoreMethod: Sendable, Hashable {
  /// The sum of the item values (after recoding and reversing).
  case sum
  /// The mean of the answered item values.
  case mean
  /// Another score of the same instrument, converted through a table.
  case convert(from: ScoreID, table: ConversionTable)

  /// The method's name as written in instrument files.
  public var name: String {
    switch self {
    case .sum: "sum"
    case .mean: "mean"
    case .convert: "convert"
    }
  }
}

/// One item's contribution to a score.
public struct ScoreItem: Sendable, Hashable {
  /// The item.
  public var item: ItemID
  /// Whether the item is reverse-scored: value = scale minimum + scale maximum - code.
  public var isReversed: Bool
  /// A value for each code, replacing the code (for example dichotomising 1, 2, 3 to 0, 1, 1).
  public var recode: [Int: Double]

  /// Creates a score item.
  public init(item: ItemID, isReversed: Bool = false, recode: [Int: Double] = [:]) {
    self.item = item
    self.isReversed = isReversed
    self.recode = recode
  }
}

/// What happens when some of a score's items are missing.
public struct MissingDataRule: Sendable, Hashable {
  /// How many items may be missing with the score still computed.
  public var maximumMissing: Int
  /// Whether a sum is scaled up to the full number of items when items are missing (sum × items ÷
  /// answered).
  ///
  /// When false, missing items add nothing.
  public var prorates: Bool
  /// Where the rule comes from.
  public var provenance: Provenance

  /// Creates a rule.
  ///
  /// The default scores complete responses only.
  public init(
    maximumMissing: Int = 0,
    prorates: Bool = false,
    provenance: Provenance = Provenance()
  ) {
    self.maximumMissing = maximumMissing
    self.prorates = prorates
    self.provenance = provenance
  }
}

/// A table that converts each whole value of one score to a value of another.
public struct ConversionTable: Sendable, Hashable {
  /// The converted value for each whole source value, in ascending order of source value.
  public var entries: [(from: Int, to: Double)] {
    fromValues.indices.map { (fromValues[$0], toValues[$0]) }
  }
  private var fromValues: [Int]
  private var toValues: [Double]
  /// Where the table comes from.
  public var provenance: Provenance

  /// Creates a table from `(from, to)` pairs; they are sorted by `from`.
  public init(entries: [(from: Int, to: Double)], provenance: Provenance = Provenance()) {
    let sorted = entries.sorted { $0.from < $1.from }
    fromValues = sorted.map(\.from)
    toValues = sorted.map(\.to)
    self.provenance = provenance
  }

  /// The converted value of `value`, or `nil` if the table has no row for it.
  ///
  /// - Complexity: O(log *n*) in the number of rows.
  public func convert(_ value: Int) -> Double? {
    var low = 0
    var high = fromValues.count
    while low < high {
      let middle = (low + high) / 2
      if fromValues[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < fromValues.count && fromValues[low] == value ? toValues[low] : nil
  }
}

/// A score's bands and the source of their cut-offs.
public struct BandSet: Sendable, Hashable {
  /// The bands in ascending order of value.
  public var bands: [Band]
  /// Where the cut-offs come from; reports name them.
  public var provenance: Provenance

  /// Creates a band set.
  public init(bands: [Band], provenance: Provenance = Provenance()) {
    self.bands = bands
    self.provenance = provenance
  }

  /// The band containing `value`, if any.
  ///
  /// - Complexity: O(*n*) in the number of bands.
  public func band(for value: Double) -> Band? { bands.first { $0.contains(value) } }
}

/// A named range of score values, both ends included.
public struct Band: Sendable, Hashable {
  /// The band's id, which indicators cite.
  public var id: BandID
  /// The label shown in reports.
  public var label: String
  /// The lowest value in the band.
  public var minimum: Double
  /// The highest value in the band.
  public var maximum: Double

  /// Creates a band.
  public init(id: BandID, label: String, minimum: Double, maximum: Double) {
    self.id = id
    self.label = label
    self.minimum = minimum
    self.maximum = maximum
  }

  /// Whether `value` lies in the band.
  public func contains(_ value: Double) -> Bool { value >= minimum && value <= maximum }
}

/// The smallest change in a score that counts as meaningful for one person.
public struct MeaningfulChange: Sendable, Hashable {
  /// The size of the change in score points.
  public var points: Double
  /// Where the threshold comes from.
  public var provenance: Provenance

  /// Creates a threshold.
  public init(points: Double, provenance: Provenance = Provenance()) {
    self.points = points
    self.provenance = provenance
  }
}

/// A yes/no classification of each respondent, reported as a proportion.
public struct Indicator: Sendable, Hashable {
  /// The indicator's id; columns are named `INSTRUMENT.INDICATOR`.
  public var id: IndicatorID
  /// The headline wording, such as "Lonely often/always".
  public var title: String
  /// What makes the indicator true.
  public var condition: Condition
  /// Where the definition comes from.
  public var provenance: Provenance

  /// What makes an indicator true.
  public enum Condition: Sendable, Hashable {
    /// The item was answered with one of these codes.
    case itemCodes(ItemID, [Int])
    /// The score falls in one of these bands.
    case scoreBands(ScoreID, [BandID])
  }

  /// Creates an indicator.
  public init(
    id: IndicatorID,
    title: String,
    condition: Condition,
    provenance: Provenance = Provenance()
  ) {
    self.id = id
    self.title = title
    self.condition = condition
    self.provenance = provenance
  }
}

/// The owner's conditions of use.
public struct Licence: Sendable, Hashable {
  /// The notice that must accompany copies and reports, such as a copyright line.
  public var notice: String
  /// The conditions in plain words.
  public var terms: String?
  /// Whether users must register with the owner before use.
  public var requiresRegistration: Bool
  /// Where to register or read the terms.
  public var url: String?
  /// Whether the notice must appear on every report that uses the instrument.
  public var isShownOnReports: Bool
  /// Where the licence terms come from.
  public var provenance: Provenance

  /// Creates a licence.
  public init(
    notice: String,
    terms: String? = nil,
    requiresRegistration: Bool = false,
    url: String? = nil,
    isShownOnReports: Bool = false,
    provenance: Provenance = Provenance()
  ) {
    self.notice = notice
    self.terms = terms
    self.requiresRegistration = requiresRegistration
    self.url = url
    self.isShownOnReports = isShownOnReports
    self.provenance = provenance
  }
}
