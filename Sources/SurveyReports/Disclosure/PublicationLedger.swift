import SurveyDisclosure

/// The vocabulary of the publication audit: which count, what a reader knows of it, and how
/// counts relate.
enum Ledger {
  /// One count of a publication: for a survey report, a measure's count in a group of a
  /// breakdown; for a comparison, a measure's count in a cohort (breakdown 0); for a change
  /// report, a measure's count (breakdown 0, group 0).
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
    /// A count a reader knows is there but that is never published: how many gave each
    /// combination of answers behind several published counts (the answers of an item behind
    /// its indicators, a pair's bands behind a score's transitions and its indicators' tables).
    case unpublished(Int)
  }

  /// A quantity in a relation: a published or hidden count, or a size (of a group, a cohort,
  /// the pairs or the whole sample), which a publication may or may not print.
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

    /// What a reader knows of a count published as `shown` under `policy`.
    static func published(_ shown: Int, policy: SuppressionPolicy) -> Knowledge {
      guard policy == .nhsDigital else { return .exact(shown) }
      // Rounded to the nearest 5; counts from 1 to 7 are hidden, so 0 is exact.
      if shown == 0 { return .exact(0) }
      return .range(max(8, shown - 2), shown + 2)
    }
  }
}

extension Ledger {
  /// The combinations of answers behind several published counts, and their relations.
  ///
  /// Each unit (a respondent, or a pair of answers) adds to a set of published counts, its
  /// signature; the units with one signature in one part are an unpublished count, and every
  /// published count is the sum of the combinations whose signatures hold it.
  struct Combinations {
    /// How many units gave each combination.
    private(set) var counts: [Figure: Int] = [:]
    /// The published counts of each combination, in the order first seen.
    private(set) var members: [(combination: Figure, counts: [Figure])] = []
    private var index: [[Figure]: Figure] = [:]
    private let measure: Int

    /// An empty set whose combinations are counts of `measure`, a measure no publication has.
    init(measure: Int) { self.measure = measure }

    /// Adds one unit of `part` with `signature` (empty signatures are left out).
    ///
    /// - Complexity: O(*s*) in the signature's length.
    mutating func add(_ signature: [Figure], part: Int) {
      guard let first = signature.first else { return }
      let key = [Figure(measure: part, breakdown: -1, group: -1, slot: .base)] + signature
      if let known = index[key] {
        counts[known, default: 0] += 1
        return
      }
      let combination = Figure(
        measure: measure + part,
        breakdown: first.breakdown,
        group: first.group,
        slot: .unpublished(members.count)
      )
      index[key] = combination
      counts[combination] = 1
      members.append((combination, signature))
    }

    /// Each published count is the sum of the combinations that hold it.
    ///
    /// - Complexity: O(*u*) in the signatures' total length.
    func relations() -> [[(Term, Int)]] {
      var order: [Figure] = []
      var parts: [Figure: [Figure]] = [:]
      for (combination, figures) in members {
        for figure in figures {
          if parts[figure] == nil { order.append(figure) }
          parts[figure, default: []].append(combination)
        }
      }
      return order.map { figure in
        [(.figure(figure), -1)] + (parts[figure] ?? []).map { (.figure($0), 1) }
      }
    }
  }
}

/// A publication the audit can play the attacker on: its counts, what it prints of each, how
/// they relate, and how to hide one more.
protocol AuditedPublication {
  /// The policy its counts were protected under.
  var policy: SuppressionPolicy { get }
  /// Every relation a reader knows, as `Σ coefficient × term = 0`; relations that do not hold
  /// for the true values are dropped by the ledger.
  func relations() -> [[(Ledger.Term, Int)]]
  /// The true value of a term.
  func value(_ term: Ledger.Term) -> Int
  /// Whether a figure is hidden (an unpublished count always is).
  func isHidden(_ figure: Ledger.Figure) -> Bool
  /// The count as printed, when it is shown.
  func shownCount(_ figure: Ledger.Figure) -> Int?
  /// The least a reader knows a hidden figure to be: 1 when zeros are shown, 0 otherwise.
  func hiddenLowerBound(_ figure: Ledger.Figure) -> Int
  /// What a reader knows of a size.
  func sizeKnowledge(_ term: Ledger.Term) -> Ledger.Knowledge
  /// Hides a figure (for a base, its whole group) and what is computed from it.
  ///
  /// - Returns: Whether anything was not already hidden.
  mutating func hide(_ figure: Ledger.Figure) -> Bool
  /// A part of the publication, in words, for a note that it was not audited.
  func describe(_ terms: [Ledger.Term]) -> String
  /// A figure in words, for tracing.
  func name(of figure: Ledger.Figure) -> String
}

/// Every count a publication prints, what a reader knows of each, and how they relate: the
/// attacker's view of a survey report, a comparison or a change report, which
/// ``PublicationAudit`` plays.
struct PublicationLedger<Publication: AuditedPublication> {
  typealias Figure = Ledger.Figure
  typealias Slot = Ledger.Slot
  typealias Term = Ledger.Term
  typealias Knowledge = Ledger.Knowledge

  /// `Σ coefficient × term = 0`.
  struct Relation {
    var terms: [(term: Term, coefficient: Int)]
  }

  /// What an audit found.
  struct Findings {
    /// Hidden counts a reader can work out exactly, in the publication's order.
    var exposed: [Figure]
    /// Parts of the publication too large to audit, in words.
    var skipped: [String]
  }

  let publication: Publication
  var policy: SuppressionPolicy { publication.policy }
  private(set) var relations: [Relation] = []
  /// The relations each term appears in.
  private var relationsOf: [Term: [Int]] = [:]

  /// The ledger of `publication`.
  ///
  /// - Complexity: O(*t*) in the terms of its relations.
  init(_ publication: Publication) {
    self.publication = publication
    for relation in publication.relations() { relate(relation) }
  }

  /// Whether a hidden figure must not be determined: every count but a missing answer's.
  ///
  /// Only small hidden counts are checked (see ``SuppressionPolicy/isSmall(_:)``): the larger
  /// counts hidden beside a small one are there only to protect it. Counts of missing answers
  /// (not answered, don't know, prefer not to say, no value at a wave) are hidden when small, but
  /// they follow from the group's size and base, and say nothing of how anyone answered; the
  /// publication says so.
  static func isProtected(_ figure: Figure) -> Bool {
    if case .missing = figure.slot { return false }
    return true
  }

  // MARK: - Values and knowledge

  /// The true value of a term.
  func value(_ term: Term) -> Int { publication.value(term) }

  /// Whether a figure is hidden.
  func isHidden(_ figure: Figure) -> Bool { publication.isHidden(figure) }

  /// What a reader knows of a term.
  func knowledge(_ term: Term) -> Knowledge {
    guard case .figure(let figure) = term else { return publication.sizeKnowledge(term) }
    guard let shown = publication.shownCount(figure), !isHidden(figure) else {
      return .unknown(atLeast: publication.hiddenLowerBound(figure))
    }
    return .published(shown, policy: policy)
  }

  /// Adds a relation if it holds for the true values (a relation that does not hold would be a
  /// mistake in a publication's model, not knowledge a reader has).
  private mutating func relate(_ terms: [(Term, Int)]) {
    let terms = terms.filter { $0.1 != 0 }
    guard terms.count >= 2, terms.reduce(0, { $0 + $1.1 * value($1.0) }) == 0 else { return }
    let index = relations.count
    relations.append(Relation(terms: terms.map { (term: $0.0, coefficient: $0.1) }))
    for (term, _) in terms { relationsOf[term, default: []].append(index) }
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
        findings.skipped.append(publication.describe(component.terms))
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
      var witnesses: [[Rational]] = []
      for figure in hidden {
        guard let variable = variableOf[.figure(figure)] else { continue }
        let truth = Rational(value(.figure(figure)))
        if Self.isExposed(
          variable,
          truth: truth,
          by: &solver,
          witnesses: &witnesses,
          exactly: exactly
        ) {
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
    truth: Rational,
    by solver: inout BoundSolver,
    witnesses: inout [[Rational]],
    exactly: Bool
  ) -> Bool {
    // A point met before whose value is 1 or more from the true one proves the range holds two
    // whole numbers (the true value is always feasible), with no program solved.
    if witnesses.contains(where: { ($0[variable.index] - truth).magnitude >= 1 }) { return false }
    let expression = LinearExpression(variable)
    guard
      case .optimal(let low, let lowPoint) = solver.minimum(
        of: expression,
        relaxingIntegrality: true
      )
    else {
      // An inconsistent system: no single value follows.
      return false
    }
    witnesses.append(lowPoint)
    if truth - low >= 1 { return false }
    guard
      case .optimal(let high, let highPoint) = solver.maximum(
        of: expression,
        relaxingIntegrality: true
      )
    else {
      // Unbounded above: a count no relation limits.
      return false
    }
    witnesses.append(highPoint)
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

  // MARK: - Protection

  /// The published count to hide so that `exposed` can no longer be worked out, and the
  /// relations that choice touches.
  ///
  /// Among the non-zero counts published beside it in one of its relations (not bases), the
  /// choice prefers one whose every other relation already has a hidden count (so that it is not
  /// exposed in turn), then the smallest, then one of its own table. When every count beside it
  /// is hidden already, the route runs through those hidden counts: the search moves out to
  /// their relations, up to three steps away.
  ///
  /// - Complexity: O(*r* × *t*) in the relations reached and their terms.
  func complement(for exposed: Figure) -> (figure: Figure, relations: [Int])? {
    var frontier: [Figure] = [exposed]
    var visited: Set<Figure> = [exposed]
    for _ in 0..<4 {
      var best: (figure: Figure, rank: [Int])?
      var next: [Figure] = []
      for source in frontier {
        for relation in relationsOf[.figure(source)] ?? [] {
          for (term, _) in relations[relation].terms {
            guard case .figure(let figure) = term, !visited.contains(figure) else { continue }
            if isHidden(figure) {
              next.append(figure)
              continue
            }
            guard figure.slot != .base else { continue }
            let count = value(term)
            guard count > 0 else { continue }
            let alone = (relationsOf[term] ?? []).filter { other in
              other != relation
                && !relations[other].terms.contains { entry in
                  entry.term != term && isUnknown(entry.term)
                }
            }.count
            let sameTable =
              figure.measure == exposed.measure && figure.breakdown == exposed.breakdown
            let rank = [alone, count, sameTable ? 0 : 1]
            if best == nil || rank.lexicographicallyPrecedes(best?.rank ?? rank) {
              best = (figure, rank)
            }
          }
        }
      }
      if let best { return (best.figure, relationsOf[.figure(best.figure)] ?? []) }
      frontier = next.filter { visited.insert($0).inserted }
      if frontier.isEmpty { break }
    }
    return nil
  }

  /// The relations `figure` appears in.
  func relations(of figure: Figure) -> [Int] { relationsOf[.figure(figure)] ?? [] }

  /// Whether a reader does not know a term exactly.
  private func isUnknown(_ term: Term) -> Bool {
    if case .exact = knowledge(term) { return false }
    return true
  }

  /// Hides `figure` in `publication` (for a base, its group).
  ///
  /// - Returns: Whether anything was not already hidden.
  @discardableResult
  func hide(_ figure: Figure, in publication: inout Publication) -> Bool {
    publication.hide(figure)
  }

  /// Hides the whole group of `figure`.
  ///
  /// - Returns: Whether the group was not already hidden whole.
  @discardableResult
  func hideGroup(of figure: Figure, in publication: inout Publication) -> Bool {
    var base = figure
    base.slot = .base
    return publication.hide(base)
  }
}
