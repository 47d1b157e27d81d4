import SurveyCapture
import SurveyInstruments
public import SurveyScoring

extension ReportBuilder {
  /// Adds, instrument by instrument, the distribution of every item, every indicator's
  /// proportion and every score's summary, with the cut-offs and their sources recorded in the
  /// report's metadata.
  ///
  /// Missing answers are grouped by reason: "not answered", "unrecognised answer", a declared
  /// answer such as "Prefer not to say", or, for scores, "too many items missing".
  ///
  /// - Complexity: O(*n* × (*i* + *s*) × (1 + *g*)) for *n* rows, *i* items, *s* scores and
  ///   indicators, and *g* grouping columns.
  public mutating func addInstruments(scored: ScoredTable) {
    for instrument in table.instruments {
      for item in instrument.items { addItem(ItemKey(instrument: instrument.id, item: item.id)) }
      for indicator in scored.indicators where indicator.instrument == instrument.id {
        addIndicator(indicator, instrument: instrument, scored: scored)
      }
      for score in scored.scores where score.instrument == instrument.id {
        addScore(score, instrument: instrument)
      }
    }
  }

  private mutating func addIndicator(
    _ column: IndicatorColumn,
    instrument: Instrument,
    scored: ScoredTable
  ) {
    let indicator = column.indicator
    var notes: [String] = []
    var definition: String
    var reason: (Int) -> String
    switch indicator.condition {
    case .itemCodes(let itemID, let codes):
      let item = instrument.item(withID: itemID)
      let scale = item.flatMap { instrument.scale(for: $0) }
      let labels = codes.map { code in scale?.option(withCode: code)?.label ?? String(code) }
      definition = "\(itemID) answered " + labels.map { "'\($0)'" }.joined(separator: " or ")
      let answers =
        table.answers(for: ItemKey(instrument: instrument.id, item: itemID))?.answers ?? []
      reason = { row in
        guard row < answers.count, let scale else { return "not answered" }
        return answers[row].missingReason(on: scale) ?? "not answered"
      }
    case .scoreBands(let scoreID, let bands):
      let rule = instrument.score(withID: scoreID)
      let labels = bands.map { band in
        rule?.bands?.bands.first { $0.id == band }?.label ?? band.rawValue
      }
      definition = "\(scoreID) in " + labels.joined(separator: " or ")
      let source = scored.score(instrument: instrument.id, id: scoreID)
      let table = self.table
      reason = { row in source.map { Self.absenceLabel($0, row: row, table: table) } ?? "not scored"
      }
      if rule?.bands?.provenance.isUncertain == true {
        notes.append(
          "Uses an UNCONFIRMED cut-off (\(labels.joined(separator: ", "))): see the cut-offs under About this report."
        )
      }
    }
    addProportion(
      id: column.name,
      title: indicator.title,
      values: column.values,
      notes: notes,
      better: instrument.better(forIndicator: indicator),
      reason: reason
    )
    switch indicator.condition {
    case .itemCodes(let itemID, let codes):
      setDerivation(.itemCodes(item: "\(instrument.id).\(itemID)", codes: codes), of: column.name)
    case .scoreBands(let scoreID, let bands):
      let rule = instrument.score(withID: scoreID)
      let labels = bands.map { band in
        rule?.bands?.bands.first { $0.id == band }?.label ?? band.rawValue
      }
      setDerivation(
        .scoreBands(score: "\(instrument.id).\(scoreID)", bands: labels),
        of: column.name
      )
    }
    addCutoff(
      CutoffNote(
        measure: column.name,
        definition: definition,
        sources: citations(indicator.provenance, instrument),
        certainty: indicator.provenance.certainty.phrase(
          citing: indicator.provenance.sources.count
        ),
        isUncertain: indicator.provenance.isUncertain,
        note: indicator.provenance.note
      )
    )
  }

  private mutating func addScore(_ column: ScoreColumn, instrument: Instrument) {
    let rule = column.rule
    var notes: [String] = []
    if let higher = rule.higherMeans {
      notes.append(
        "Range \(formatNumber(rule.range.lowerBound)) to \(formatNumber(rule.range.upperBound)); higher means \(higher)."
      )
    }
    if let bands = rule.bands {
      let definition = bands.bands.map(\.label).joined(separator: ", ")
      addCutoff(
        CutoffNote(
          measure: column.name,
          definition: definition,
          sources: citations(bands.provenance, instrument),
          certainty: bands.provenance.certainty.phrase(citing: bands.provenance.sources.count),
          isUncertain: bands.provenance.isUncertain,
          note: bands.provenance.note
        )
      )
      if bands.provenance.isUncertain {
        notes.append(
          "The bands use an UNCONFIRMED cut-off (\(definition)): see the cut-offs under About this report."
        )
      }
    }
    // A score that is one item's answer as given (each ONS4 question) bands that item.
    if rule.bands != nil, rule.method == .sum, rule.items.count == 1,
      let only = rule.items.first, !only.isReversed, only.recode.isEmpty
    {
      setBandedScore(
        column.name,
        ofItem: ItemKey(instrument: instrument.id, item: only.item).description
      )
    }
    let table = self.table
    addScore(
      id: column.name,
      title: rule.title,
      values: column.values,
      bands: rule.bands,
      decimals: rule.decimals,
      range: rule.range,
      better: rule.better,
      notes: notes,
      reason: { row in Self.absenceLabel(column, row: row, table: table) }
    )
  }

  /// A coarse reason for an absent score, for counting in reports.
  static func absenceLabel(_ column: ScoreColumn, row: Int, table: ResponseTable) -> String {
    guard row < column.absences.count else { return "not scored" }
    switch column.absences[row] {
    case .present: return "scored"
    case .itemsMissing, .sourceAbsent:
      let items = scoreItems(column.rule, instrument: column.instrument, table: table)
      let answered = items.contains { key in
        table.answers(for: key).map { $0.answers[row] != .notAnswered } ?? false
      }
      return answered ? "too many items missing" : "not answered"
    case .notInConversionTable, .sourceUndefined:
      return "cannot be converted"
    }
  }

  /// The items a score draws on, following a conversion to its source score.
  private static func scoreItems(
    _ rule: ScoreRule,
    instrument: InstrumentID,
    table: ResponseTable
  ) -> [ItemKey] {
    if case .convert(let from, _) = rule.method,
      let source = table.instrument(withID: instrument)?.score(withID: from)
    {
      return source.items.map { ItemKey(instrument: instrument, item: $0.item) }
    }
    return rule.items.map { ItemKey(instrument: instrument, item: $0.item) }
  }

  private func citations(_ provenance: Provenance, _ instrument: Instrument) -> [String] {
    provenance.sources.map { id in
      instrument.source(withID: id).map { $0.citation + ($0.url.map { " \($0)" } ?? "") }
        ?? id.rawValue
    }
  }
}
