import SurveyDisclosure

/// Every count a survey report publishes, what a reader knows of each, and how they relate: the
/// attacker's view of the report, which ``PublicationAudit`` plays.
struct PublicationLedger {
  /// One count of the report.
  struct Figure: Hashable {
    var measure: Int
    var breakdown: Int
    var group: Int
    var slot: Slot
  }

  /// Which count of a group.
  enum Slot: Hashable {
    case category(Int)
    case missing(Int)
    case base
    case histogram(Int)
  }

  /// A quantity in a relation: a published or hidden count, or a group's size (not published
  /// as such, but the same for every measure).
  enum Term: Hashable {
    case figure(Figure)
    case size(breakdown: Int, group: Int)
  }

  /// What a reader knows of a quantity.
  enum Knowledge: Equatable {
    /// Its exact value.
    case exact(Int)
    /// A range: a count rounded to 5 is within 2 of its rounded value.
    case range(Int, Int)
    /// Nothing but a lower bound: a hidden count (at least 1, as zeros are shown), or a size.
    case unknown(atLeast: Int)
  }

  /// `Σ coefficient × term = 0`.
  struct Relation {
    var terms: [(term: Term, coefficient: Int)]
  }

  /// What an audit found.
  struct Findings {
    /// Hidden counts a reader can work out exactly, in the report's order.
    var exposed: [Figure]
    /// Parts of the report too large to audit, in words.
    var skipped: [String]
  }

  let measures: [MeasureReport]
  let policy: SuppressionPolicy
  let includedRows: Int
  private(set) var relations: [Relation] = []
  /// The relations each term appears in.
  private var relationsOf: [Term: [Int]] = [:]
  /// Each group's size, as the estimates count it.
  private var sizes: [Term: Int] = [:]

  /// The ledger of `measures`.
  ///
  /// - Complexity: O(*f*) in the number of counts.
  init(measures: [MeasureReport], includedRows: Int, policy: SuppressionPolicy) {
    self.measures = measures
    self.policy = policy
    self.includedRows = includedRows
    findSizes()
    buildRelations()
  }

  /// Whether a hidden figure must not be determined: every count but a missing answer's.
  ///
  /// Only small hidden counts are checked (see ``SuppressionPolicy/isSmall(_:)``): the larger
  /// counts hidden beside a small one are there only to protect it. Counts of missing answers
  /// (not answered, don't know, prefer not to say) are hidden when small, but they follow from
  /// the group's size and base, and say nothing of how anyone answered; the report says so.
  static func isProtected(_ figure: Figure) -> Bool {
    if case .missing = figure.slot { return false }
    return true
  }

  // MARK: - Values and knowledge

  /// The true value of a term.
  func value(_ term: Term) -> Int {
    switch term {
    case .size:
      return sizes[term] ?? 0
    case .figure(let figure):
      let group = measures[figure.measure].breakdowns[figure.breakdown].groups[figure.group]
      switch figure.slot {
      case .category(let index): return group.categories[index].count
      case .missing(let index): return group.missing[index].count
      case .histogram(let index): return group.histogram[index].count
      case .base: return group.base
      }
    }
  }

  /// Whether a figure is hidden.
  func isHidden(_ figure: Figure) -> Bool {
    let group = measures[figure.measure].breakdowns[figure.breakdown].groups[figure.group]
    switch figure.slot {
    case .category(let index): return group.categories[index].suppression != nil
    case .missing(let index): return group.missing[index].suppression != nil
    case .histogram(let index): return group.histogram[index].suppression != nil
    case .base: return group.shownBase == nil
    }
  }

  /// What a reader knows of a term.
  func knowledge(_ term: Term) -> Knowledge {
    guard case .figure(let figure) = term else {
      if case .size(0, 0) = term { return .exact(includedRows) }
      return .unknown(atLeast: 0)
    }
    let group = measures[figure.measure].breakdowns[figure.breakdown].groups[figure.group]
    if isHidden(figure) {
      // Zeros are shown, except in a group hidden whole.
      return .unknown(atLeast: group.isSuppressed || figure.slot == .base ? 0 : 1)
    }
    let shown: Int?
    switch figure.slot {
    case .category(let index): shown = group.categories[index].shownCount
    case .missing(let index): shown = group.missing[index].shownCount
    case .histogram(let index): shown = group.histogram[index].shownCount
    case .base: shown = group.shownBase
    }
    let published = shown ?? value(term)
    guard policy == .nhsDigital else { return .exact(published) }
    // Rounded to the nearest 5; counts from 1 to 7 are hidden, so 0 is exact.
    if published == 0 { return .exact(0) }
    return .range(max(8, published - 2), published + 2)
  }

  // MARK: - Structure

  private mutating func findSizes() {
    guard let first = measures.firstIndex(where: { $0.kind != .multiSelect }) else { return }
    for (b, breakdown) in measures[first].breakdowns.enumerated() {
      for (g, group) in breakdown.groups.enumerated() {
        sizes[.size(breakdown: b, group: g)] =
          group.base + group.missing.reduce(0) { $0 + $1.count }
      }
    }
  }

  /// Adds a relation if it holds for the true values (a relation that does not hold would be a
  /// mistake in this model, not knowledge a reader has).
  private mutating func relate(_ terms: [(Term, Int)]) {
    let terms = terms.filter { $0.1 != 0 }
    guard terms.count >= 2, terms.reduce(0, { $0 + $1.1 * value($1.0) }) == 0 else { return }
    let index = relations.count
    relations.append(Relation(terms: terms.map { (term: $0.0, coefficient: $0.1) }))
    for (term, _) in terms { relationsOf[term, default: []].append(index) }
  }

  private mutating func buildRelations() {
    let index = Dictionary(
      measures.enumerated().map { ($1.id, $0) },
      uniquingKeysWith: { first, _ in first }
    )
    for (m, measure) in measures.enumerated() {
      for (b, breakdown) in measure.breakdowns.enumerated() {
        for (g, group) in breakdown.groups.enumerated() {
          func figure(_ slot: Slot) -> Term {
            .figure(Figure(measure: m, breakdown: b, group: g, slot: slot))
          }
          if measure.kind != .multiSelect {
            relate(
              [(figure(.base), 1)] + group.categories.indices.map { (figure(.category($0)), -1) }
            )
          }
          relate(
            [(figure(.base), 1), (.size(breakdown: b, group: g), -1)]
              + group.missing.indices.map { (figure(.missing($0)), 1) }
          )
        }
        guard b > 0, let whole = measure.breakdowns.first?.groups.first else { continue }
        let groups = breakdown.groups.indices
        func total(_ slot: Slot) {
          relate(
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
        relate(
          [(.figure(Figure(measure: m, breakdown: 0, group: 0, slot: .base)), -1)]
            + whole.histogram.indices.map {
              (.figure(Figure(measure: m, breakdown: 0, group: 0, slot: .histogram($0))), 1)
            }
        )
      }
      if let derivation = measure.derivation { relateDerived(m, derivation, index: index) }
    }
    if let breakdowns = measures.first?.breakdowns, breakdowns.count > 1 {
      for b in 1..<breakdowns.count {
        relate(
          [(.size(breakdown: 0, group: 0), 1)]
            + breakdowns[b].groups.indices.map { (.size(breakdown: b, group: $0), -1) }
        )
      }
    }
  }

  private mutating func relateDerived(
    _ m: Int,
    _ derivation: MeasureDerivation,
    index: [String: Int]
  ) {
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
    guard let source else { return }
    for (b, breakdown) in measures[m].breakdowns.enumerated() {
      for g in breakdown.groups.indices {
        func figure(_ measure: Int, _ slot: Slot) -> Term {
          .figure(Figure(measure: measure, breakdown: b, group: g, slot: slot))
        }
        let sourceGroup = measures[source].breakdowns[b].groups[g]
        let categories = sourceGroup.categories.indices
        if case .ticks = derivation {
          let ticks = measures[m].breakdowns[b].groups[g].categories.indices
          relate(
            ticks.map { (figure(m, .category($0)), $0 + 1) }
              + categories.map { (figure(source, .category($0)), -1) }
          )
          relate([(figure(m, .base), 1), (figure(source, .base), -1)])
          continue
        }
        let yes = categories.filter { chosen(sourceGroup.categories[$0]) }
        let no = categories.filter { !chosen(sourceGroup.categories[$0]) }
        relate([(figure(m, .category(0)), 1)] + yes.map { (figure(source, .category($0)), -1) })
        relate([(figure(m, .category(1)), 1)] + no.map { (figure(source, .category($0)), -1) })
      }
    }
  }

  // MARK: - The attack

  /// Plays the attacker on every part of the report that has a hidden count.
  ///
  /// - Complexity: Two exact linear programs per hidden count (and two integer programs more in
  ///   parts of at most ``PublicationAudit/maximumExactComponentSize`` related counts), on parts
  ///   of at most ``PublicationAudit/maximumComponentSize`` related counts.
  func findExposedCounts() -> Findings {
    var findings = Findings(exposed: [], skipped: [])
    for component in components() {
      let hidden = component.terms.compactMap { term -> Figure? in
        guard case .figure(let figure) = term, isHidden(figure), Self.isProtected(figure),
          policy.isSmall(value(term))
        else { return nil }
        return figure
      }
      guard !hidden.isEmpty else { continue }
      var system = LinearSystem()
      var variableOf: [Term: Variable] = [:]
      for term in component.terms {
        switch knowledge(term) {
        case .exact: continue
        case .range(let low, let high):
          variableOf[term] = system.addVariable(lower: Rational(low), upper: Rational(high))
        case .unknown(let atLeast):
          variableOf[term] = system.addVariable(lower: Rational(atLeast))
        }
      }
      guard variableOf.count <= PublicationAudit.maximumComponentSize else {
        findings.skipped.append(describe(component.terms))
        continue
      }
      for relation in component.relations.map({ relations[$0] }) {
        var expression = LinearExpression(constant: 0)
        var constant = 0
        for (term, coefficient) in relation.terms {
          if let variable = variableOf[term] {
            expression = expression + Rational(coefficient) * LinearExpression(variable)
          } else if case .exact(let known) = knowledge(term) {
            constant += coefficient * known
          }
        }
        system.require(expression, equals: Rational(-constant))
      }
      var solver = BoundSolver(system, nodeLimit: PublicationAudit.nodeLimit)
      let exactly = variableOf.count <= PublicationAudit.maximumExactComponentSize
      for figure in hidden {
        guard let variable = variableOf[.figure(figure)] else { continue }
        if Self.isExposed(variable, by: &solver, exactly: exactly) {
          findings.exposed.append(figure)
        }
      }
    }
    findings.exposed.sort {
      ($0.measure, $0.breakdown, $0.group) < ($1.measure, $1.breakdown, $1.group)
    }
    return findings
  }

  /// Whether a reader can narrow `variable` to one whole number.
  ///
  /// The linear relaxation comes first: its range holds every whole-number value, so a range
  /// with one whole number in it exposes the count (or the publication is inconsistent, and
  /// hiding more is still the safe answer). A wider range still holds a single whole-number
  /// point only in rare systems; parts small enough are settled exactly, by integer
  /// programming, and a search that reaches its limit counts as exposed.
  ///
  /// - Complexity: Two linear programs; in small parts, up to two integer programs more.
  private static func isExposed(
    _ variable: Variable,
    by solver: inout BoundSolver,
    exactly: Bool
  ) -> Bool {
    let relaxed = solver.bounds(of: variable, relaxingIntegrality: true)
    guard let low = relaxed.lower.attainedValue, let high = relaxed.upper.attainedValue else {
      // Unbounded above (a count no relation limits), or an inconsistent system: no single
      // value follows.
      return false
    }
    if low.ceiling == high.floor { return true }
    guard exactly else { return false }
    switch solver.determination(of: variable) {
    case .determined, .unknown: return true
    case .undetermined, .infeasible: return false
    }
  }

  /// The terms linked by relations, in groups that do not touch each other, each with the
  /// positions of its relations.
  ///
  /// - Complexity: Nearly O(*t*) in the terms of all relations (union by size with path
  ///   halving).
  private func components() -> [(terms: [Term], relations: [Int])] {
    var indexOf: [Term: Int] = [:]
    var terms: [Term] = []
    var parent: [Int] = []
    var size: [Int] = []
    func index(_ term: Term) -> Int {
      if let known = indexOf[term] { return known }
      let new = terms.count
      indexOf[term] = new
      terms.append(term)
      parent.append(new)
      size.append(1)
      return new
    }
    func root(_ start: Int) -> Int {
      var current = start
      while parent[current] != current {
        parent[current] = parent[parent[current]]
        current = parent[current]
      }
      return current
    }
    for relation in relations {
      guard let first = relation.terms.first?.term else { continue }
      let firstIndex = index(first)
      for (term, _) in relation.terms.dropFirst() {
        var (a, b) = (root(firstIndex), root(index(term)))
        guard a != b else { continue }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
      }
    }
    var groups: [Int: (terms: [Term], relations: [Int])] = [:]
    for (position, term) in terms.enumerated() {
      groups[root(position), default: ([], [])].terms.append(term)
    }
    for (position, relation) in relations.enumerated() {
      guard let first = relation.terms.first?.term, let firstIndex = indexOf[first] else {
        continue
      }
      groups[root(firstIndex), default: ([], [])].relations.append(position)
    }
    return groups.keys.sorted().compactMap { groups[$0] }
  }

  /// The breakdowns a part of the report covers, in words.
  private func describe(_ component: [Term]) -> String {
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

  // MARK: - Protection

  /// The published count to hide so that `exposed` can no longer be worked out, and the
  /// relations that choice touches.
  ///
  /// Among the non-zero counts published beside it in one of its relations (not bases), the
  /// choice prefers one whose every other relation already has a hidden count (so that it is not
  /// exposed in turn), then the smallest, then one of its own table.
  func complement(for exposed: Figure) -> (figure: Figure, relations: [Int])? {
    var best: (figure: Figure, rank: [Int])?
    for relation in relationsOf[.figure(exposed)] ?? [] {
      for (term, _) in relations[relation].terms {
        guard case .figure(let figure) = term, figure != exposed, !isHidden(figure),
          figure.slot != .base
        else { continue }
        let count = value(term)
        guard count > 0 else { continue }
        let alone = (relationsOf[term] ?? []).filter { other in
          other != relation
            && !relations[other].terms.contains { entry in
              entry.term != term && isUnknown(entry.term)
            }
        }.count
        let sameTable = figure.measure == exposed.measure && figure.breakdown == exposed.breakdown
        let rank = [alone, count, sameTable ? 0 : 1]
        if best == nil || rank.lexicographicallyPrecedes(best?.rank ?? rank) {
          best = (figure, rank)
        }
      }
    }
    guard let best else { return nil }
    return (best.figure, relationsOf[.figure(best.figure)] ?? [])
  }

  /// The relations `figure` appears in.
  func relations(of figure: Figure) -> [Int] { relationsOf[.figure(figure)] ?? [] }

  /// Whether a reader does not know a term exactly.
  private func isUnknown(_ term: Term) -> Bool {
    if case .exact = knowledge(term) { return false }
    return true
  }

  /// Hides `figure` in `measures`: its count, percentage and interval, or, for a base, its group.
  ///
  /// - Returns: Whether anything was not already hidden.
  @discardableResult
  func hide(_ figure: Figure, in measures: inout [MeasureReport]) -> Bool {
    var group = measures[figure.measure].breakdowns[figure.breakdown].groups[figure.group]
    let wasHidden = figure.slot == .base ? group.isSuppressed : isHidden(figure)
    switch figure.slot {
    case .category(let index): Suppressor.hide(&group.categories[index])
    case .missing(let index): Suppressor.hide(&group.missing[index])
    case .histogram(let index): Suppressor.hide(&group.histogram[index])
    case .base: Suppressor.hideGroup(&group)
    }
    measures[figure.measure].breakdowns[figure.breakdown].groups[figure.group] = group
    return !wasHidden
  }

  /// Hides the whole group of `figure`.
  ///
  /// - Returns: Whether the group was not already hidden whole.
  @discardableResult
  func hideGroup(of figure: Figure, in measures: inout [MeasureReport]) -> Bool {
    hide(
      Figure(
        measure: figure.measure,
        breakdown: figure.breakdown,
        group: figure.group,
        slot: .base
      ),
      in: &measures
    )
  }
}
