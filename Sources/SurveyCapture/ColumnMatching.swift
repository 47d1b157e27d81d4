import SurveyInstruments

/// The rule by which a column was matched to an item, strongest first.
public enum HeaderMatchRule: Int, Sendable, Hashable, Comparable, CaseIterable,
  CustomStringConvertible
{
  /// Named in `--column ITEM=HEADER` or a `--map` file.
  case explicitMapping = 0
  /// The header is `INSTRUMENT.ITEM` (as `loneliness capture` writes).
  case qualifiedItemID = 1
  /// The header is the item's id.
  case itemID = 2
  /// The header is the item's wording, normalised.
  case wording = 3
  /// The header is one of the item's aliases, normalised.
  case alias = 4
  /// The header contains the item's key phrase (items whose wording is not shipped).
  case keyPhrase = 5

  /// The identifier used in JSON output: `explicit-mapping`, `item-id`, `key-phrase`, ….
  public var identifier: String {
    switch self {
    case .explicitMapping: "explicit-mapping"
    case .qualifiedItemID: "instrument-item-id"
    case .itemID: "item-id"
    case .wording: "wording"
    case .alias: "alias"
    case .keyPhrase: "key-phrase"
    }
  }

  /// `explicit mapping`, `INSTRUMENT.ITEM header`, `item id`, `wording`, `alias`, `key phrase`.
  public var description: String {
    switch self {
    case .explicitMapping: "explicit mapping"
    case .qualifiedItemID: "INSTRUMENT.ITEM header"
    case .itemID: "item id"
    case .wording: "wording"
    case .alias: "alias"
    case .keyPhrase: "key phrase"
    }
  }

  /// Orders stronger rules first.
  public static func < (lhs: HeaderMatchRule, rhs: HeaderMatchRule) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// How one column matched one item.
public struct ColumnMatch: Sendable, Hashable {
  /// The item.
  public var key: ItemKey
  /// The rule that matched.
  public var rule: HeaderMatchRule
  /// Whether the match was on the row part of a grid header (`Optimistic` in `Wellbeing -
  /// Optimistic`) rather than the whole header.
  public var isGridItemPart: Bool
  /// The text of the item that matched: its id, wording, alias or key phrase.
  public var matchedText: String

  /// Creates a match.
  public init(key: ItemKey, rule: HeaderMatchRule, isGridItemPart: Bool, matchedText: String) {
    self.key = key
    self.rule = rule
    self.isGridItemPart = isGridItemPart
    self.matchedText = matchedText
  }

  /// `wording`, `key phrase 'optimistic' in the grid item part`, `alias 'left out'`.
  public var ruleDescription: String {
    var text: String
    switch rule {
    case .explicitMapping, .qualifiedItemID, .itemID, .wording: text = rule.description
    case .alias, .keyPhrase: text = "\(rule) '\(matchedText)'"
    }
    if isGridItemPart { text += " in grid item part" }
    return text
  }
}

/// Header texts of one column prepared for matching.
struct PreparedHeader {
  /// Trimmed raw texts: the name, every header row, the ImportId.
  var rawTexts: [String]
  /// The normalised question, without its number.
  var question: String
  /// The normalised grid item part, if any.
  var itemPart: String?

  init(_ header: ExportHeader) {
    var texts = [header.name.trimmedSpaces()]
    for row in header.rows where !texts.contains(row.trimmedSpaces()) {
      texts.append(row.trimmedSpaces())
    }
    if let importID = header.importID { texts.append(importID) }
    rawTexts = texts
    question = normalizedLabel(strippingQuestionNumber(header.question))
    itemPart = header.itemPart.map { normalizedLabel(strippingQuestionNumber($0)) }.flatMap {
      $0.isEmpty ? nil : $0
    }
  }
}

/// Prepared match texts of one item.
struct PreparedItem {
  var key: ItemKey
  var qualifiedID: String
  var id: String
  var wording: (normalized: String, text: String)?
  var aliases: [(normalized: String, text: String)]
  var keyPhrase: (normalized: String, text: String)?

  init(instrument: Instrument, item: Item) {
    key = ItemKey(instrument: instrument.id, item: item.id)
    qualifiedID = key.description.lowercased()
    id = item.id.rawValue.lowercased()
    wording = item.wording.map { (normalizedLabel(strippingQuestionNumber($0)), $0) }
    aliases = item.aliases.map { (normalizedLabel($0), $0) }.filter { !$0.0.isEmpty }
    keyPhrase = item.keyPhrase.map { (normalizedLabel($0), $0) }.flatMap { $0.0.isEmpty ? nil : $0 }
  }

  /// The strongest automatic match of `header` to this item, if any.
  func match(_ header: PreparedHeader) -> ColumnMatch? {
    let lowered = header.rawTexts.map { $0.lowercased() }
    if lowered.contains(qualifiedID) {
      return ColumnMatch(
        key: key,
        rule: .qualifiedItemID,
        isGridItemPart: false,
        matchedText: key.description
      )
    }
    if lowered.contains(id) {
      return ColumnMatch(
        key: key,
        rule: .itemID,
        isGridItemPart: false,
        matchedText: key.item.rawValue
      )
    }
    if let wording {
      if header.question == wording.normalized {
        return ColumnMatch(
          key: key,
          rule: .wording,
          isGridItemPart: false,
          matchedText: wording.text
        )
      }
      if header.itemPart == wording.normalized {
        return ColumnMatch(
          key: key,
          rule: .wording,
          isGridItemPart: true,
          matchedText: wording.text
        )
      }
    }
    for alias in aliases where header.question == alias.normalized {
      return ColumnMatch(key: key, rule: .alias, isGridItemPart: false, matchedText: alias.text)
    }
    for alias in aliases where header.itemPart == alias.normalized {
      return ColumnMatch(key: key, rule: .alias, isGridItemPart: true, matchedText: alias.text)
    }
    if let keyPhrase {
      if let part = header.itemPart {
        if containsWords(part, keyPhrase.normalized) {
          return ColumnMatch(
            key: key,
            rule: .keyPhrase,
            isGridItemPart: true,
            matchedText: keyPhrase.text
          )
        }
      } else if containsWords(header.question, keyPhrase.normalized) {
        return ColumnMatch(
          key: key,
          rule: .keyPhrase,
          isGridItemPart: false,
          matchedText: keyPhrase.text
        )
      }
    }
    return nil
  }
}

/// Whether normalised `text` contains normalised `phrase` as whole words.
func containsWords(_ text: String, _ phrase: String) -> Bool {
  guard !phrase.isEmpty else { return false }
  return " \(text) ".contains(" \(phrase) ")
}

/// The result of matching every column of an export against the items of some instruments.
struct ColumnAssignment {
  /// Every match found, per column.
  var matchesByColumn: [[ColumnMatch]]
  /// The column chosen for each item (by `ItemKey`).
  var columnForItem: [ItemKey: Int]
  /// The problems found while matching.
  var problems: [ImportProblem]

  /// Matches `headers` against the items of `instruments`, honouring explicit mappings.
  ///
  /// - Complexity: O(*c* × *i*) for *c* columns and *i* items.
  static func assign(
    headers: [ExportHeader],
    instruments: [Instrument],
    explicit: [(column: Int, key: ItemKey)],
    file: String?
  ) -> ColumnAssignment {
    let prepared = headers.map(PreparedHeader.init)
    var matchesByColumn = [[ColumnMatch]](repeating: [], count: headers.count)
    var problems: [ImportProblem] = []
    let explicitKeys = Set(explicit.map(\.key))
    let explicitColumns = Set(explicit.map(\.column))
    for mapping in explicit {
      matchesByColumn[mapping.column].append(
        ColumnMatch(
          key: mapping.key,
          rule: .explicitMapping,
          isGridItemPart: false,
          matchedText: headers[mapping.column].name
        )
      )
    }
    for instrument in instruments {
      let items = instrument.items.map { PreparedItem(instrument: instrument, item: $0) }
        .filter { !explicitKeys.contains($0.key) }
      for (column, header) in prepared.enumerated() where !explicitColumns.contains(column) {
        let found = items.compactMap { $0.match(header) }
        guard let best = found.map(\.rule).min() else { continue }
        let strongest = found.filter { $0.rule == best }
        if strongest.count == 1 {
          matchesByColumn[column].append(strongest[0])
        } else {
          problems.append(
            .ambiguousColumn(
              file: file,
              column: column,
              header: headers[column].name,
              candidates: strongest
            )
          )
        }
      }
    }
    var columnForItem: [ItemKey: Int] = [:]
    var columnsForItem: [ItemKey: [(column: Int, match: ColumnMatch)]] = [:]
    for (column, matches) in matchesByColumn.enumerated() {
      for match in matches { columnsForItem[match.key, default: []].append((column, match)) }
    }
    for instrument in instruments {
      for item in instrument.items {
        let key = ItemKey(instrument: instrument.id, item: item.id)
        guard let candidates = columnsForItem[key], !candidates.isEmpty else {
          problems.append(.itemWithoutColumn(file: file, key: key, item: item))
          continue
        }
        let best = candidates.map(\.match.rule).min() ?? .keyPhrase
        let chosen = candidates.first { $0.match.rule == best } ?? candidates[0]
        columnForItem[key] = chosen.column
        if candidates.count > 1 {
          problems.append(
            .itemInSeveralColumns(
              file: file,
              key: key,
              columns: candidates.map { ($0.column, headers[$0.column].name) },
              chosen: chosen.column
            )
          )
          for other in candidates where other.column != chosen.column {
            matchesByColumn[other.column].removeAll { $0.key == key }
          }
        }
      }
    }
    return ColumnAssignment(
      matchesByColumn: matchesByColumn,
      columnForItem: columnForItem,
      problems: problems
    )
  }
}
