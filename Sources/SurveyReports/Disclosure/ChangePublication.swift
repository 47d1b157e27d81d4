/// A change report as the publication audit sees it.
///
/// Figures (scores first, then indicators, each in breakdown 0, group 0): a measure's pairs used
/// (the base) and its pairs left out by reason (missing); a score's shares (categories) and its
/// transitions from baseline band to follow-up band, the pairs outside the bands last
/// (histogram); an indicator's paired table, yes-yes, yes-no, no-yes and no-no (categories); the
/// pairs (a size, published with the pairing); and, never published, how many pairs gave each
/// combination of answers behind the tables of the measures that share an item or a score.
///
/// Relations a reader knows: every measure's pairs used plus its pairs left out are the pairs;
/// a score's shares, its transitions, and an indicator's table each add up to its pairs used;
/// each cell of the tables of measures that share an item or a score is the sum of the
/// combinations it covers (so two indicators of one item, and a score's transitions with the
/// indicators of its bands, are tied together).
struct ChangePublication: AuditedPublication {
  typealias Figure = Ledger.Figure
  typealias Term = Ledger.Term

  var report: ChangeReport
  var policy: SuppressionPolicy { report.metadata.suppression }
  /// How many pairs gave each combination of answers.
  let combinations: Ledger.Combinations

  private var scoreCount: Int { report.scores.count }

  // MARK: - Figures

  /// The published count behind a figure.
  private func count(_ figure: Figure) -> ProtectedCount? {
    if figure.measure < scoreCount {
      let score = report.scores[figure.measure]
      switch figure.slot {
      case .base: return score.pairs
      case .missing(let k): return score.missing[k].count
      case .category(let j): return score.shares[j].count
      case .histogram(let t):
        guard let table = score.transitions else { return nil }
        let count = table.bands.count
        return t == count * count ? table.outsideBands : table.cells[t / count][t % count]
      case .unpublished: return nil
      }
    }
    let i = figure.measure - scoreCount
    guard i < report.indicators.count else { return nil }
    let indicator = report.indicators[i]
    switch figure.slot {
    case .base: return indicator.pairs
    case .missing(let k): return indicator.missing[k].count
    case .category(0): return indicator.yesYes
    case .category(1): return indicator.yesNo
    case .category(2): return indicator.noYes
    case .category(3): return indicator.noNo
    default: return nil
    }
  }

  func value(_ term: Term) -> Int {
    guard case .figure(let figure) = term else { return report.pairing.paired }
    if case .unpublished = figure.slot { return combinations.counts[figure] ?? 0 }
    return count(figure)?.count ?? 0
  }

  func isHidden(_ figure: Figure) -> Bool { count(figure)?.shownCount == nil }

  func shownCount(_ figure: Figure) -> Int? { count(figure)?.shownCount }

  func hiddenLowerBound(_ figure: Figure) -> Int {
    // Zeros are shown, except in a measure hidden whole.
    figure.slot == .base
      || isHidden(Figure(measure: figure.measure, breakdown: 0, group: 0, slot: .base))
      ? 0 : 1
  }

  /// The pairs are published, with every id in one wave only.
  func sizeKnowledge(_ term: Term) -> Ledger.Knowledge { .exact(report.pairing.paired) }

  mutating func hide(_ figure: Figure) -> Bool {
    let wasHidden = isHidden(figure)
    if figure.measure < scoreCount {
      var score = report.scores[figure.measure]
      switch figure.slot {
      case .base:
        Self.hide(&score.pairs)
        for k in score.missing.indices { Self.hide(&score.missing[k].count) }
        for j in score.shares.indices {
          Self.hide(&score.shares[j].count)
          score.shares[j].interval = nil
        }
        if var table = score.transitions {
          for i in table.cells.indices {
            for j in table.cells[i].indices { Self.hide(&table.cells[i][j]) }
          }
          Self.hide(&table.outsideBands)
          score.transitions = table
        }
        score.isSuppressed = true
      case .missing(let k): Self.hide(&score.missing[k].count)
      case .category(let j):
        Self.hide(&score.shares[j].count)
        score.shares[j].interval = nil
      case .histogram(let t):
        guard var table = score.transitions else { return false }
        let count = table.bands.count
        if t == count * count {
          Self.hide(&table.outsideBands)
        } else {
          Self.hide(&table.cells[t / count][t % count])
        }
        score.transitions = table
      case .unpublished: return false
      }
      report.scores[figure.measure] = score
      return !wasHidden
    }
    let i = figure.measure - scoreCount
    guard i < report.indicators.count else { return false }
    var indicator = report.indicators[i]
    switch figure.slot {
    case .base:
      Self.hide(&indicator.pairs)
      for k in indicator.missing.indices { Self.hide(&indicator.missing[k].count) }
      for cell in [\IndicatorChange.yesYes, \.yesNo, \.noYes, \.noNo] {
        Self.hide(&indicator[keyPath: cell])
      }
    case .missing(let k): Self.hide(&indicator.missing[k].count)
    case .category(0): Self.hide(&indicator.yesYes)
    case .category(1): Self.hide(&indicator.yesNo)
    case .category(2): Self.hide(&indicator.noYes)
    case .category(3): Self.hide(&indicator.noNo)
    default: return false
    }
    report.indicators[i] = indicator
    return !wasHidden
  }

  private static func hide(_ count: inout ProtectedCount) {
    count.shownCount = nil
    count.percent = nil
    count.suppression = .hidden
  }

  func describe(_ terms: [Term]) -> String { "the change report's counts" }

  func name(of figure: Figure) -> String {
    if figure.measure < scoreCount { return "\(report.scores[figure.measure].id) \(figure.slot)" }
    let i = figure.measure - scoreCount
    if i < report.indicators.count { return "\(report.indicators[i].id) \(figure.slot)" }
    return "combination \(figure.slot)"
  }

  // MARK: - Relations

  func relations() -> [[(Term, Int)]] {
    var relations: [[(Term, Int)]] = []
    let pairs = Term.size(breakdown: 0, group: 0)
    func figure(_ measure: Int, _ slot: Ledger.Slot) -> Term {
      .figure(Figure(measure: measure, breakdown: 0, group: 0, slot: slot))
    }
    for (s, score) in report.scores.enumerated() {
      relations.append(
        [(figure(s, .base), 1), (pairs, -1)]
          + score.missing.indices.map { (figure(s, .missing($0)), 1) }
      )
      if !score.shares.isEmpty {
        relations.append(
          [(figure(s, .base), -1)] + score.shares.indices.map { (figure(s, .category($0)), 1) }
        )
      }
      if let table = score.transitions {
        let cells = table.bands.count * table.bands.count + 1
        relations.append(
          [(figure(s, .base), -1)] + (0..<cells).map { (figure(s, .histogram($0)), 1) }
        )
      }
    }
    for (i, indicator) in report.indicators.enumerated() {
      let m = scoreCount + i
      relations.append(
        [(figure(m, .base), 1), (pairs, -1)]
          + indicator.missing.indices.map { (figure(m, .missing($0)), 1) }
      )
      relations.append([(figure(m, .base), -1)] + (0..<4).map { (figure(m, .category($0)), 1) })
    }
    return relations + combinations.relations()
  }

  // MARK: - After the audit

  /// Hides the statistics of a score hidden whole, and every percentage and test computed from
  /// a hidden cell of an indicator's table.
  mutating func hideDerivedFigures() {
    for s in report.scores.indices where report.scores[s].isSuppressed {
      var score = report.scores[s]
      guard score.meanChange != nil || score.baselineMean != nil else { continue }
      score.baselineMean = nil
      score.followUpMean = nil
      score.baselineStandardDeviation = nil
      score.followUpStandardDeviation = nil
      score.meanChange = nil
      score.changeStandardDeviation = nil
      score.interval = nil
      score.tStatistic = nil
      score.degreesOfFreedom = nil
      score.pValue = nil
      score.wilcoxonPValue = nil
      score.wilcoxonMethod = nil
      score.standardizedChange = nil
      score.notes.append("hidden: it involves a count that is suppressed to protect small numbers")
      report.scores[s] = score
    }
    for i in report.indicators.indices {
      var indicator = report.indicators[i]
      let (yy, yn, ny) = (
        indicator.yesYes.shownCount, indicator.yesNo.shownCount, indicator.noYes.shownCount
      )
      if yy == nil || yn == nil { indicator.baselinePercent = nil }
      if yy == nil || ny == nil { indicator.followUpPercent = nil }
      if (yn == nil || ny == nil) && indicator.pValue != nil {
        indicator.pValue = nil
        indicator.statistic = nil
        indicator.method = nil
        indicator.methodNote = nil
        indicator.notes.append(
          "McNemar's test hidden: it would reveal a count suppressed to protect small numbers"
        )
      }
      report.indicators[i] = indicator
    }
  }
}
