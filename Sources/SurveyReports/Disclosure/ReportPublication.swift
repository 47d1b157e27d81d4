/// A survey report's measures as the publication audit sees them.
///
/// Relations a reader knows: in each group, the base is the sum of the answers, and the base
/// plus the missing answers is the group's size, the same for every measure; each whole-sample
/// count is the sum of that count over the groups of every breakdown, and the whole sample's size
/// is the rows the estimates are made from; an indicator's yes and no are sums of its item's
/// answers (or its score's bands); a score's histogram adds up to its base and a band is the sum
/// of the histogram's values in its range; the counts of how many options people ticked add up
/// to a multi-select question's base and, weighted, to its options' counts.
struct ReportPublication: AuditedPublication {
  typealias Figure = Ledger.Figure
  typealias Term = Ledger.Term

  var measures: [MeasureReport]
  let policy: SuppressionPolicy
  /// The rows the estimates are made from, which the report publishes.
  let includedRows: Int
  /// Each group's size, as the estimates count it.
  private var sizes: [Term: Int] = [:]

  /// The publication of `measures`, each already protected on its own by `Suppressor`.
  ///
  /// - Complexity: O(*g*) in the groups of the first measure.
  init(measures: [MeasureReport], policy: SuppressionPolicy, includedRows: Int) {
    self.measures = measures
    self.policy = policy
    self.includedRows = includedRows
    guard let first = measures.firstIndex(where: { $0.kind != .multiSelect }) else { return }
    for (b, breakdown) in measures[first].breakdowns.enumerated() {
      for (g, group) in breakdown.groups.enumerated() {
        sizes[.size(breakdown: b, group: g)] =
          group.base + group.missing.reduce(0) { $0 + $1.count }
      }
    }
  }

  private func group(of figure: Figure) -> GroupEstimate {
    measures[figure.measure].breakdowns[figure.breakdown].groups[figure.group]
  }

  func value(_ term: Term) -> Int {
    guard case .figure(let figure) = term else { return sizes[term] ?? 0 }
    let group = group(of: figure)
    switch figure.slot {
    case .category(let index): return group.categories[index].count
    case .missing(let index): return group.missing[index].count
    case .histogram(let index): return group.histogram[index].count
    case .base: return group.base
    case .unpublished: return 0
    }
  }

  func isHidden(_ figure: Figure) -> Bool {
    let group = group(of: figure)
    switch figure.slot {
    case .category(let index): return group.categories[index].suppression != nil
    case .missing(let index): return group.missing[index].suppression != nil
    case .histogram(let index): return group.histogram[index].suppression != nil
    case .base: return group.shownBase == nil
    case .unpublished: return true
    }
  }

  func shownCount(_ figure: Figure) -> Int? {
    let group = group(of: figure)
    switch figure.slot {
    case .category(let index): return group.categories[index].shownCount ?? value(.figure(figure))
    case .missing(let index): return group.missing[index].shownCount ?? value(.figure(figure))
    case .histogram(let index): return group.histogram[index].shownCount ?? value(.figure(figure))
    case .base: return group.shownBase
    case .unpublished: return nil
    }
  }

  func hiddenLowerBound(_ figure: Figure) -> Int {
    // Zeros are shown, except in a group hidden whole.
    group(of: figure).isSuppressed || figure.slot == .base ? 0 : 1
  }

  func sizeKnowledge(_ term: Term) -> Ledger.Knowledge {
    if case .size(0, 0) = term { return .exact(includedRows) }
    return .unknown(atLeast: 0)
  }

  mutating func hide(_ figure: Figure) -> Bool {
    var group = group(of: figure)
    let wasHidden = figure.slot == .base ? group.isSuppressed : isHidden(figure)
    switch figure.slot {
    case .category(let index): Suppressor.hide(&group.categories[index])
    case .missing(let index): Suppressor.hide(&group.missing[index])
    case .histogram(let index): Suppressor.hide(&group.histogram[index])
    case .base: Suppressor.hideGroup(&group)
    case .unpublished: return false
    }
    measures[figure.measure].breakdowns[figure.breakdown].groups[figure.group] = group
    return !wasHidden
  }

  func name(of figure: Figure) -> String {
    let measure = measures[figure.measure]
    let group = measure.breakdowns[figure.breakdown].groups[figure.group]
    return "\(measure.id) b\(figure.breakdown) \(group.group ?? "all") \(figure.slot)"
  }

  /// The breakdowns a part of the report covers, in words.
  func describe(_ component: [Term]) -> String {
    var names: [String] = []
    for term in component {
      guard case .figure(let figure) = term, figure.breakdown > 0,
        let by = measures[figure.measure].breakdowns[figure.breakdown].groupBy
      else { continue }
      let name = "'\(by)'"
      if !names.contains(name) { names.append(name) }
    }
    return names.isEmpty
      ? "the whole-sample counts" : "the breakdowns by " + names.joined(separator: " and ")
  }

  // MARK: - Relations

  func relations() -> [[(Term, Int)]] {
    var relations: [[(Term, Int)]] = []
    let index = Dictionary(
      measures.enumerated().map { ($1.id, $0) },
      uniquingKeysWith: { first, _ in first }
    )
    for (m, measure) in measures.enumerated() {
      for (b, breakdown) in measure.breakdowns.enumerated() {
        for (g, group) in breakdown.groups.enumerated() {
          func figure(_ slot: Ledger.Slot) -> Term {
            .figure(Figure(measure: m, breakdown: b, group: g, slot: slot))
          }
          if measure.kind != .multiSelect {
            relations.append(
              [(figure(.base), 1)] + group.categories.indices.map { (figure(.category($0)), -1) }
            )
          }
          relations.append(
            [(figure(.base), 1), (.size(breakdown: b, group: g), -1)]
              + group.missing.indices.map { (figure(.missing($0)), 1) }
          )
        }
        guard b > 0, let whole = measure.breakdowns.first?.groups.first else { continue }
        let groups = breakdown.groups.indices
        func total(_ slot: Ledger.Slot) {
          relations.append(
            [(.figure(Figure(measure: m, breakdown: 0, group: 0, slot: slot)), 1)]
              + groups.map {
                (.figure(Figure(measure: m, breakdown: b, group: $0, slot: slot)), -1)
              }
          )
        }
        total(.base)
        for c in whole.categories.indices { total(.category(c)) }
        for k in whole.missing.indices { total(.missing(k)) }
      }
      if let whole = measure.breakdowns.first?.groups.first, !whole.histogram.isEmpty {
        func figure(_ slot: Ledger.Slot) -> Term {
          .figure(Figure(measure: m, breakdown: 0, group: 0, slot: slot))
        }
        relations.append(
          [(figure(.base), -1)] + whole.histogram.indices.map { (figure(.histogram($0)), 1) }
        )
        // A band is the sum of the whole-number values in its range.
        let bins = whole.histogram.map { Self.valueRange(of: $0.category) }
        for (c, band) in measure.bandRanges.enumerated() where c < whole.categories.count {
          let inside = bins.indices.filter { index in
            bins[index].map { band.contains($0.lowerBound) && band.contains($0.upperBound) } == true
          }
          relations.append(
            [(figure(.category(c)), -1)] + inside.map { (figure(.histogram($0)), 1) }
          )
        }
      }
      if let derivation = measure.derivation {
        relations += derivedRelations(m, derivation, index: index)
      }
    }
    if let breakdowns = measures.first?.breakdowns, breakdowns.count > 1 {
      for b in 1..<breakdowns.count {
        relations.append(
          [(.size(breakdown: 0, group: 0), 1)]
            + breakdowns[b].groups.indices.map { (.size(breakdown: b, group: $0), -1) }
        )
      }
    }
    return relations
  }

  /// The whole numbers a histogram bin's label covers ("7" or "3-5"), or `nil` for a bin of
  /// fractional values, which no band is the sum of.
  private static func valueRange(of label: String) -> ClosedRange<Double>? {
    let ends = label.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
    switch ends.count {
    case 1: return ends[0].map { Double($0)...Double($0) }
    case 2:
      guard let low = ends[0], let high = ends[1], low <= high else { return nil }
      return Double(low)...Double(high)
    default: return nil
    }
  }

  private func derivedRelations(
    _ m: Int,
    _ derivation: MeasureDerivation,
    index: [String: Int]
  ) -> [[(Term, Int)]] {
    let source: Int?
    var chosen: (CategoryEstimate) -> Bool = { _ in false }
    switch derivation {
    case .itemCodes(let item, let codes):
      source = index[item]
      chosen = { $0.code.map(codes.contains) ?? false }
    case .scoreBands(let score, let bands):
      source = index[score]
      chosen = { bands.contains($0.category) }
    case .ticks(let of):
      source = index[of]
    }
    guard let source else { return [] }
    var relations: [[(Term, Int)]] = []
    for (b, breakdown) in measures[m].breakdowns.enumerated() {
      for g in breakdown.groups.indices {
        func figure(_ measure: Int, _ slot: Ledger.Slot) -> Term {
          .figure(Figure(measure: measure, breakdown: b, group: g, slot: slot))
        }
        let sourceGroup = measures[source].breakdowns[b].groups[g]
        let categories = sourceGroup.categories.indices
        if case .ticks = derivation {
          let ticks = measures[m].breakdowns[b].groups[g].categories.indices
          relations.append(
            ticks.map { (figure(m, .category($0)), $0 + 1) }
              + categories.map { (figure(source, .category($0)), -1) }
          )
          relations.append([(figure(m, .base), 1), (figure(source, .base), -1)])
          continue
        }
        let yes = categories.filter { chosen(sourceGroup.categories[$0]) }
        let no = categories.filter { !chosen(sourceGroup.categories[$0]) }
        relations.append(
          [(figure(m, .category(0)), 1)] + yes.map { (figure(source, .category($0)), -1) }
        )
        relations.append(
          [(figure(m, .category(1)), 1)] + no.map { (figure(source, .category($0)), -1) }
        )
      }
    }
    return relations
  }
}
