/// A comparison of cohorts as the publication audit sees it.
///
/// Figures: for each indicator and cohort, the count (category 0), the base and the number with
/// no value (missing 0); for each score and cohort, the number with the score (the base) and
/// the number without (missing 0); each cohort's rows (the base of a measure after the scores;
/// hiding it hides the cohort whole); and, never published, how many in a cohort gave each
/// combination of answers behind the indicators of one item or one score (unpublished counts
/// of the measures after that).
///
/// Relations a reader knows: a cohort's rows are every measure's base plus its missing; the
/// cohorts' rows add up to the rows read less those with no cohort; each published count of the
/// measures that share an item or a score is the sum of the combinations of answers it covers
/// (so an indicator's count and base, a second indicator of the same item, and the number with
/// the score its bands come from are tied together).
struct ComparisonPublication: AuditedPublication {
  typealias Figure = Ledger.Figure
  typealias Term = Ledger.Term

  var report: ComparisonReport
  var policy: SuppressionPolicy { report.metadata.suppression }
  /// The rows with a cohort, which the rows read and the exclusions publish.
  let includedRows: Int
  /// How many in each combination of answers behind the measures of one item or score.
  private var combinations: Ledger.Combinations

  private var indicatorCount: Int { report.indicators.count }
  /// The measure whose bases are the cohorts' rows.
  private var rowsMeasure: Int { report.indicators.count + report.scores.count }

  /// The publication of `report`, whose counts were protected table by table.
  ///
  /// - Parameters:
  ///   - report: The comparison.
  ///   - cohortOfRow: Each row's cohort (in the report's order), or -1.
  ///   - indicatorValues: Each indicator's value per row (1, 0, or -1 when absent).
  ///   - indicatorSources: The item or score each indicator is worked out from (for example
  ///     `ons-loneliness.lonely`), when known.
  ///   - scoreHasValue: Whether each score has a value, per row.
  /// - Complexity: O(*n* × *m*) for *n* rows and *m* measures.
  init(
    report: ComparisonReport,
    cohortOfRow: [Int],
    indicatorValues: [[Int8]],
    indicatorSources: [String?],
    scoreHasValue: [[Bool]]
  ) {
    self.report = report
    includedRows = cohortOfRow.filter { $0 >= 0 }.count
    // Measures that share a source: its indicators, and the score of that name.
    var sources: [String] = []
    var indicatorsOf: [String: [Int]] = [:]
    for (i, source) in indicatorSources.enumerated() {
      let key = source ?? "indicator \(i)"
      if indicatorsOf[key] == nil { sources.append(key) }
      indicatorsOf[key, default: []].append(i)
    }
    combinations = Ledger.Combinations(measure: report.indicators.count + report.scores.count + 1)
    for (position, source) in sources.enumerated() {
      let indicators = indicatorsOf[source] ?? []
      let score = report.scores.firstIndex { $0.id == source }
      for (row, cohort) in cohortOfRow.enumerated() where cohort >= 0 {
        var signature: [Figure] = []
        for i in indicators where row < indicatorValues[i].count {
          let value = indicatorValues[i][row]
          guard value == 0 || value == 1 else { continue }
          signature.append(Figure(measure: i, breakdown: 0, group: cohort, slot: .base))
          if value == 1 {
            signature.append(Figure(measure: i, breakdown: 0, group: cohort, slot: .category(0)))
          }
        }
        if let score, row < scoreHasValue[score].count, scoreHasValue[score][row] {
          signature.append(
            Figure(measure: indicatorCount + score, breakdown: 0, group: cohort, slot: .base)
          )
        }
        combinations.add(signature, part: position)
      }
    }
  }

  // MARK: - Figures

  func value(_ term: Term) -> Int {
    switch term {
    case .size: return includedRows
    case .figure(let figure):
      if case .unpublished = figure.slot { return combinations.counts[figure] ?? 0 }
      return count(figure)?.count ?? 0
    }
  }

  /// The published count behind a figure.
  private func count(_ figure: Figure) -> ProtectedCount? {
    if figure.measure == rowsMeasure {
      return figure.slot == .base ? report.cohorts[figure.group].rows : nil
    }
    if figure.measure < indicatorCount {
      let cohort = report.indicators[figure.measure].cohorts[figure.group]
      switch figure.slot {
      case .category(0): return cohort.successes
      case .base: return cohort.base
      case .missing(0): return cohort.absent
      default: return nil
      }
    }
    let score = figure.measure - indicatorCount
    guard score < report.scores.count else { return nil }
    let cohort = report.scores[score].cohorts[figure.group]
    switch figure.slot {
    case .base: return cohort.count
    case .missing(0): return cohort.absent
    default: return nil
    }
  }

  func isHidden(_ figure: Figure) -> Bool {
    guard let count = count(figure) else { return true }
    return count.shownCount == nil
  }

  func shownCount(_ figure: Figure) -> Int? { count(figure)?.shownCount }

  func hiddenLowerBound(_ figure: Figure) -> Int {
    // A count is hidden also when its base less it is small, so a hidden count may be 0; and
    // so may anything in an entry whose base is hidden. A cohort has at least one row.
    if figure.measure == rowsMeasure { return 1 }
    switch figure.slot {
    case .missing:
      return isHidden(
        Figure(measure: figure.measure, breakdown: 0, group: figure.group, slot: .base)
      )
        ? 0 : 1
    default: return 0
    }
  }

  /// The rows with a cohort are the rows read less the rows with no cohort, both published.
  func sizeKnowledge(_ term: Term) -> Ledger.Knowledge { .exact(includedRows) }

  mutating func hide(_ figure: Figure) -> Bool {
    if figure.measure == rowsMeasure {
      // A cohort's rows are every measure's base plus its missing: hide the cohort whole.
      var changed = !isHidden(figure)
      Self.hide(&report.cohorts[figure.group].rows)
      for m in 0..<rowsMeasure {
        changed =
          hide(Figure(measure: m, breakdown: 0, group: figure.group, slot: .base)) || changed
      }
      return changed
    }
    guard !isHidden(figure) || figure.slot == .base else { return false }
    if figure.measure < indicatorCount {
      var cohort = report.indicators[figure.measure].cohorts[figure.group]
      let wasShown = cohort.successes.shownCount != nil || cohort.base.shownCount != nil
      switch figure.slot {
      case .category(0):
        Self.hide(&cohort.successes)
        cohort.interval = nil
      case .missing(0): Self.hide(&cohort.absent)
      case .base:
        Self.hide(&cohort.successes)
        Self.hide(&cohort.base)
        Self.hide(&cohort.absent)
        cohort.interval = nil
      default: return false
      }
      report.indicators[figure.measure].cohorts[figure.group] = cohort
      return figure.slot == .base ? wasShown : true
    }
    var cohort = report.scores[figure.measure - indicatorCount].cohorts[figure.group]
    let wasShown = cohort.count.shownCount != nil
    switch figure.slot {
    case .missing(0): Self.hide(&cohort.absent)
    case .base:
      Self.hide(&cohort.count)
      Self.hide(&cohort.absent)
      cohort.isSuppressed = true
      cohort.mean = nil
      cohort.standardDeviation = nil
      cohort.interval = nil
      cohort.notes = []
    default: return false
    }
    report.scores[figure.measure - indicatorCount].cohorts[figure.group] = cohort
    return figure.slot == .base ? wasShown : true
  }

  private static func hide(_ count: inout ProtectedCount) {
    count.shownCount = nil
    count.percent = nil
    count.suppression = .hidden
  }

  func describe(_ terms: [Term]) -> String { "the comparison's counts" }

  func name(of figure: Figure) -> String {
    let cohort = report.cohorts[figure.group].cohort
    if figure.measure == rowsMeasure { return "rows \(cohort)" }
    if figure.measure < indicatorCount {
      return "\(report.indicators[figure.measure].id) \(cohort) \(figure.slot)"
    }
    let score = figure.measure - indicatorCount
    if score < report.scores.count { return "\(report.scores[score].id) \(cohort) \(figure.slot)" }
    return "combination \(cohort) \(figure.slot)"
  }

  // MARK: - Relations

  func relations() -> [[(Term, Int)]] {
    var relations: [[(Term, Int)]] = []
    let cohorts = report.cohorts.indices
    func rows(_ c: Int) -> Term {
      .figure(Figure(measure: rowsMeasure, breakdown: 0, group: c, slot: .base))
    }
    relations.append([(.size(breakdown: 0, group: 0), 1)] + cohorts.map { (rows($0), -1) })
    for m in 0..<rowsMeasure {
      for c in cohorts {
        func figure(_ slot: Ledger.Slot) -> Term {
          .figure(Figure(measure: m, breakdown: 0, group: c, slot: slot))
        }
        relations.append([(figure(.base), 1), (figure(.missing(0)), 1), (rows(c), -1)])
      }
    }
    return relations + combinations.relations()
  }

  // MARK: - Protection

  /// Hides whole every cohort whose rows are hidden, and, when the rows of only one cohort are
  /// hidden, the smallest other cohort too: the cohorts' rows add up to a published total.
  ///
  /// - Complexity: O(*c* × *m*) for *c* cohorts and *m* measures.
  mutating func protectCohortRows() {
    guard policy != .none else { return }
    var hidden = report.cohorts.indices.filter { report.cohorts[$0].rows.shownCount == nil }
    if hidden.count == 1,
      let next = report.cohorts.indices.filter({
        !hidden.contains($0) && report.cohorts[$0].rows.count > 0
      }).min(by: { report.cohorts[$0].rows.count < report.cohorts[$1].rows.count })
    {
      hidden.append(next)
    }
    for c in hidden {
      _ = hide(Figure(measure: rowsMeasure, breakdown: 0, group: c, slot: .base))
    }
  }

  // MARK: - After the audit

  /// Hides every percentage, interval and difference computed from a hidden count.
  mutating func hideDerivedFigures() {
    let note = "hidden: it involves a count that is suppressed to protect small numbers"
    for m in report.indicators.indices {
      var measure = report.indicators[m]
      for c in measure.cohorts.indices where measure.cohorts[c].successes.shownCount == nil {
        Self.hide(&measure.cohorts[c].successes)
        measure.cohorts[c].interval = nil
      }
      let hidden = Set(
        measure.cohorts.filter { $0.successes.shownCount == nil }.map(\.cohort)
      )
      for d in measure.comparisons.indices
      where hidden.contains(measure.comparisons[d].cohort)
        || hidden.contains(measure.comparisons[d].reference)
      {
        measure.comparisons[d].isSuppressed = true
        measure.comparisons[d].difference = nil
        measure.comparisons[d].interval = nil
        measure.comparisons[d].pValue = nil
        measure.comparisons[d].adjustedPValue = nil
        measure.comparisons[d].notes = [note]
      }
      if Self.dropHolm(
        hasHidden: measure.comparisons.contains(where: \.isSuppressed),
        count: measure.comparisons.count,
        isAdjusted: &measure.isAdjusted,
        notes: &measure.notes
      ) {
        for d in measure.comparisons.indices { measure.comparisons[d].adjustedPValue = nil }
      }
      report.indicators[m] = measure
    }
    for m in report.scores.indices {
      var measure = report.scores[m]
      let hidden = Set(measure.cohorts.filter(\.isSuppressed).map(\.cohort))
      for d in measure.comparisons.indices
      where hidden.contains(measure.comparisons[d].cohort)
        || hidden.contains(measure.comparisons[d].reference)
      {
        measure.comparisons[d].isSuppressed = true
        measure.comparisons[d].difference = nil
        measure.comparisons[d].interval = nil
        measure.comparisons[d].degreesOfFreedom = nil
        measure.comparisons[d].pValue = nil
        measure.comparisons[d].adjustedPValue = nil
        measure.comparisons[d].hedgesG = nil
        measure.comparisons[d].notes = [note]
      }
      if Self.dropHolm(
        hasHidden: measure.comparisons.contains(where: \.isSuppressed),
        count: measure.comparisons.count,
        isAdjusted: &measure.isAdjusted,
        notes: &measure.notes
      ) {
        for d in measure.comparisons.indices { measure.comparisons[d].adjustedPValue = nil }
      }
      report.scores[m] = measure
    }
  }

  /// Drops Holm's adjustment from a measure one of whose comparisons is hidden.
  ///
  /// Holm's adjusted p-values depend on the order of every p-value of the family, the hidden
  /// one's too, and one of them can equal a multiple of it: from that p-value and the base shown,
  /// a reader could work out the hidden count. The raw p-values stay, with Bonferroni's threshold
  /// in words, which depends only on how many comparisons there are.
  ///
  /// - Returns: Whether the adjusted p-values are to be dropped.
  private static func dropHolm(
    hasHidden: Bool,
    count: Int,
    isAdjusted: inout Bool,
    notes: inout [String]
  ) -> Bool {
    guard isAdjusted, hasHidden else { return false }
    isAdjusted = false
    notes.removeAll { $0.hasPrefix("p-values are Holm-adjusted") }
    notes.append(
      "p-values are not adjusted for the \(count) comparisons with the reference: Holm's "
        + "adjustment would reveal something of a comparison hidden to protect small numbers. To "
        + "allow for them, compare each p-value with 0.05 divided by \(count) (Bonferroni)."
    )
    return true
  }
}
