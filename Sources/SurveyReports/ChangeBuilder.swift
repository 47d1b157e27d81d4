public import SurveyInstruments
import SurveyStatistics

/// What a change report should contain and how it should protect its figures.
public struct ChangeOptions: Sendable {
  /// What to do with an id that has more than one row in a wave.
  public enum DuplicateHandling: String, Sendable, Hashable {
    /// Use the first row once when the rows agree on every measure in the report; leave the id
    /// out of pairing when they differ. Either way the id is listed.
    case useIdenticalOnce = "use-identical-once"
    /// Always leave the id out of pairing, and list it.
    case excludeAll = "exclude"
  }

  /// The title.
  public var title: String
  /// How small counts are protected.
  public var suppression: SuppressionPolicy
  /// Decimal places for percentages.
  public var decimals: Int
  /// The confidence level of every interval.
  public var confidenceLevel: Double
  /// What to do with duplicated ids.
  public var duplicates: DuplicateHandling
  /// A column of survey weights, when means, percentages and changes are to be weighted.
  ///
  /// Each pair takes its baseline row's weight. Read by the pipeline, which passes the weights
  /// to ``ChangeBuilder``.
  public var weightColumn: String?

  /// Creates options; the defaults suppress counts below 5 and show one decimal place.
  public init(
    title: String = "Change from baseline to follow-up",
    suppression: SuppressionPolicy = .threshold(5),
    decimals: Int = 1,
    confidenceLevel: Double = 0.95,
    duplicates: DuplicateHandling = .useIdenticalOnce,
    weightColumn: String? = nil
  ) {
    self.title = title
    self.suppression = suppression
    self.decimals = decimals
    self.confidenceLevel = confidenceLevel
    self.duplicates = duplicates
    self.weightColumn = weightColumn
  }
}

/// Builds a ``ChangeReport`` from plain per-row arrays.
///
/// The arrays are an id and a wave per row, then scores (a value or NaN per row) and indicators
/// (1, 0 or -1 per row) added one by one. Pairing happens in ``build()``, so that duplicated rows
/// can be compared on every measure.
///
/// ```swift
/// var builder = try ChangeBuilder(
///   ids: ids, waves: waves, baseline: "baseline", followUp: "12 weeks",
///   options: ChangeOptions(), sourceFiles: ["outcomes-long.csv"], idColumn: "client_id",
///   waveColumn: "wave")
/// builder.addScore(id: "swemwbs.metric", title: "SWEMWBS", values: metric, decimals: 2,
///   better: .higher, threshold: ChangeThreshold(points: 2.87, source: "Shah et al. 2018"))
/// let change = builder.build()
/// ```
public struct ChangeBuilder: Sendable {
  /// The options.
  public let options: ChangeOptions
  private var metadata: ChangeMetadata
  private let ids: [String]
  /// 0 for baseline, 1 for follow-up, -1 for rows left out.
  private let waveOfRow: [Int]
  private let locations: [String]
  private let protection: CountProtection
  private var measures: [PendingMeasure] = []
  /// Each row's weight, when estimates are weighted; a pair takes its baseline row's.
  private let weights: RowWeights?

  private enum PendingMeasure: Sendable {
    case score(PendingScore)
    case indicator(PendingIndicator)
  }

  private struct PendingScore: Sendable {
    var id: String
    var title: String
    var values: [Double]
    var decimals: Int
    var better: Direction?
    var range: ClosedRange<Double>?
    var threshold: ChangeThreshold?
    var bands: BandSet?
    var bandSource: String?
    var notes: [String]
    var reasons: [Int: String]
  }

  private struct PendingIndicator: Sendable {
    var id: String
    var title: String
    var values: [Int8]
    var notes: [String]
    var reasons: [Int: String]
    var source: String?
  }

  /// Works out which wave is the baseline when the data have exactly two waves and one of them is
  /// called "baseline" (any case), or the first wave starts with "base" or "pre".
  ///
  /// - Parameter waves: The wave of each row.
  /// - Returns: The baseline and follow-up labels.
  /// - Throws: ``ReportError`` when there are not exactly two waves or neither looks like a
  ///   baseline.
  /// - Complexity: O(*n*) for *n* rows.
  public static func inferWaves(
    _ waves: [String]
  ) throws(ReportError) -> (baseline: String, followUp: String) {
    var distinct: [String] = []
    for wave in waves {
      let trimmed = wave.trimmingSpaces()
      if !trimmed.isEmpty && !distinct.contains(trimmed) { distinct.append(trimmed) }
    }
    let listed = distinct.map { "'\($0)'" }.joined(separator: ", ")
    guard distinct.count == 2 else {
      throw ReportError(
        message:
          "expected two waves, found \(distinct.count)\(distinct.isEmpty ? "" : ": \(listed)")",
        hint: "name them with --baseline VALUE --followup VALUE"
      )
    }
    let looksLikeBaseline = { (label: String) -> Bool in
      let lower = label.lowercased()
      return lower.hasPrefix("base") || lower.hasPrefix("pre") || lower == "before" || lower == "t0"
    }
    switch (looksLikeBaseline(distinct[0]), looksLikeBaseline(distinct[1])) {
    case (true, false): return (distinct[0], distinct[1])
    case (false, true): return (distinct[1], distinct[0])
    default:
      throw ReportError(
        message: "cannot tell which of the waves \(listed) is the baseline",
        hint: "name them with --baseline VALUE --followup VALUE"
      )
    }
  }

  /// Prepares a change report.
  ///
  /// Rows with a blank id, and rows whose wave is neither `baseline` nor `followUp`, are left out
  /// and counted as exclusions.
  ///
  /// - Parameters:
  ///   - ids: The respondent id of each row.
  ///   - waves: The wave of each row.
  ///   - baseline: The baseline wave's label.
  ///   - followUp: The follow-up wave's label.
  ///   - options: What to compute and how to protect it.
  ///   - sourceFiles: The input files, as the user named them.
  ///   - idColumn: The column the ids came from.
  ///   - waveColumn: The column the waves came from, or `nil` when each file is a wave.
  ///   - rowLocations: Where each row came from (`file:line`), for listing duplicates.
  ///   - weights: Survey weights, one per row, when estimates are to be weighted. Each pair takes
  ///     its baseline row's weight (the follow-up rows' weights are not used); pairs whose
  ///     baseline weight is unusable are left out of every estimate and listed.
  /// - Throws: ``ReportError`` when the arrays differ in length or a wave has no rows.
  /// - Complexity: O(*n*) for *n* rows.
  public init(
    ids: [String],
    waves: [String],
    baseline: String,
    followUp: String,
    options: ChangeOptions,
    sourceFiles: [String],
    idColumn: String,
    waveColumn: String?,
    rowLocations: [String]? = nil,
    weights: RowWeights? = nil
  ) throws(ReportError) {
    self.weights = weights
    guard ids.count == waves.count else {
      throw ReportError(
        message: "expected one wave per id, got \(ids.count) ids and \(waves.count) waves"
      )
    }
    guard baseline != followUp else {
      throw ReportError(
        message: "the baseline and follow-up waves are both '\(baseline)'",
        hint: "name two different waves with --baseline and --followup"
      )
    }
    self.options = options
    let trimmedWaves = waves.map { $0.trimmingSpaces() }
    let present = Set(trimmedWaves)
    for (option, label) in [("--baseline", baseline), ("--followup", followUp)]
    where !present.contains(label) {
      let values = naturallyOrdered(Array(present.filter { !$0.isEmpty }))
      throw ReportError(
        message:
          "\(option) names the wave '\(label)', which \(waveColumn.map { "column '\($0)'" } ?? "the data") does not have",
        hint: closestMatches(to: label, among: values).first.map { "did you mean '\($0)'?" }
          ?? "the waves are: \(values.map { "'\($0)'" }.joined(separator: ", "))"
      )
    }
    self.ids = ids.map { $0.trimmingSpaces() }
    locations = rowLocations ?? ids.indices.map { "row \($0 + 1)" }
    var waveOfRow: [Int] = []
    waveOfRow.reserveCapacity(ids.count)
    var blankIDs = 0
    var otherWaves: [String: Int] = [:]
    for row in ids.indices {
      if self.ids[row].isEmpty {
        blankIDs += 1
        waveOfRow.append(-1)
      } else if trimmedWaves[row] == baseline {
        waveOfRow.append(0)
      } else if trimmedWaves[row] == followUp {
        waveOfRow.append(1)
      } else {
        otherWaves[trimmedWaves[row], default: 0] += 1
        waveOfRow.append(-1)
      }
    }
    self.waveOfRow = waveOfRow
    protection = CountProtection(policy: options.suppression)
    var exclusions: [Exclusion] = []
    if blankIDs > 0 {
      exclusions.append(
        Exclusion(scope: "pairing", reason: "no id in column '\(idColumn)'", count: blankIDs)
      )
    }
    for (wave, count) in otherWaves.sorted(by: { $0.key < $1.key }) {
      exclusions.append(
        Exclusion(
          scope: "pairing",
          reason: wave.isEmpty
            ? "no wave" : "wave '\(wave)' is neither the baseline nor the follow-up",
          count: count
        )
      )
    }
    metadata = ChangeMetadata(
      title: options.title,
      sourceFiles: sourceFiles,
      idColumn: idColumn,
      waveColumn: waveColumn,
      baseline: baseline,
      followUp: followUp,
      rowsRead: ids.count,
      exclusions: exclusions,
      suppression: options.suppression,
      confidenceLevel: options.confidenceLevel,
      decimals: options.decimals
    )
  }

  /// Records the instruments used, and the licence notices they require on reports.
  public mutating func addInstruments(
    _ instruments: [Instrument],
    origins: [InstrumentID: String] = [:]
  ) {
    for instrument in instruments {
      metadata.instruments.append(
        InstrumentUsed(
          id: instrument.id.rawValue,
          title: instrument.title,
          version: instrument.version,
          origin: origins[instrument.id] ?? "built-in"
        )
      )
      if let licence = instrument.licence, licence.isShownOnReports {
        metadata.licenceNotices.append(licence.notice)
      }
    }
  }

  /// Adds a note for readers.
  public mutating func addNote(_ note: String) { metadata.notes.append(note) }

  /// Adds a score.
  ///
  /// - Parameters:
  ///   - id: The score's id.
  ///   - title: Its title.
  ///   - values: The score per row, NaN when absent.
  ///   - decimals: Decimal places of its values.
  ///   - better: Which direction is better, when known.
  ///   - range: The score's possible values, when known.
  ///   - threshold: The meaningful-change threshold, when there is one.
  ///   - bands: The score's bands, for the transition table.
  ///   - bandSource: Where the band cut-offs come from.
  ///   - notes: Notes to show with it.
  ///   - reason: Why an absent score is absent, in words, for a row.
  /// - Complexity: O(*n*) for *n* rows.
  public mutating func addScore(
    id: String,
    title: String,
    values: [Double],
    decimals: Int,
    better: Direction? = nil,
    range: ClosedRange<Double>? = nil,
    threshold: ChangeThreshold? = nil,
    bands: BandSet? = nil,
    bandSource: String? = nil,
    notes: [String] = [],
    reason: (Int) -> String = { _ in "no score" }
  ) {
    var reasons: [Int: String] = [:]
    for row in values.indices where !values[row].isFinite { reasons[row] = reason(row) }
    measures.append(
      .score(
        PendingScore(
          id: id,
          title: title,
          values: values,
          decimals: decimals,
          better: better,
          range: range,
          threshold: threshold,
          bands: bands,
          bandSource: bandSource,
          notes: notes,
          reasons: reasons
        )
      )
    )
  }

  /// Adds a yes/no indicator.
  ///
  /// - Parameters:
  ///   - id: The indicator's id.
  ///   - title: Its title.
  ///   - values: 1, 0, or -1 (absent) per row.
  ///   - notes: Notes to show with it.
  ///   - source: The item or score it is worked out from (`INSTRUMENT.ITEM` or
  ///     `INSTRUMENT.SCORE`), when known: indicators of one source, and the score of that name,
  ///     are protected together, as a reader can set their tables against each other.
  ///   - reason: Why an absent value is absent, in words, for a row.
  /// - Complexity: O(*n*) for *n* rows.
  public mutating func addIndicator(
    id: String,
    title: String,
    values: [Int8],
    notes: [String] = [],
    source: String? = nil,
    reason: (Int) -> String = { _ in "no value" }
  ) {
    var reasons: [Int: String] = [:]
    for row in values.indices where values[row] != 0 && values[row] != 1 {
      reasons[row] = reason(row)
    }
    measures.append(
      .indicator(
        PendingIndicator(
          id: id,
          title: title,
          values: values,
          notes: notes,
          reasons: reasons,
          source: source
        )
      )
    )
  }

  /// Pairs the rows, computes every measure, and protects the report as one publication.
  ///
  /// Each table is protected on its own as it is computed; the publication audit then plays the
  /// attacker on every count the report publishes together (README, "Disclosure control") and hides
  /// further counts, with the percentages and tests computed from them.
  ///
  /// - Complexity: O(*n* log *n*) for *n* rows, plus the Wilcoxon test's exact distribution for
  ///   small samples and the audit's linear programs.
  public func build() -> ChangeReport {
    let (pairing, pairs) = pair()
    var metadata = metadata
    if let weights { noteWeights(of: pairs, weights: weights, in: &metadata) }
    var scores: [ScoreChange] = []
    var indicators: [IndicatorChange] = []
    for measure in measures {
      switch measure {
      case .score(let score): scores.append(change(in: score, pairs: pairs))
      case .indicator(let indicator): indicators.append(change(in: indicator, pairs: pairs))
      }
    }
    var publication = ChangePublication(
      report: ChangeReport(
        metadata: metadata,
        pairing: pairing,
        scores: scores,
        indicators: indicators
      ),
      combinations: combinations(of: pairs)
    )
    let notes = PublicationAudit.protect(&publication)
    publication.hideDerivedFigures()
    var report = publication.report
    report.metadata.notes += notes
    return report
  }

  /// Records the pairs whose baseline weight cannot be used as exclusions, with their ids in a
  /// note, and adds the weighting note over the other pairs.
  ///
  /// Each measure counts those pairs among its pairs left out (see `weightProblem(_:)`), so that
  /// every measure's pairs used and left out still add up to the pairs.
  private func noteWeights(
    of pairs: [(baseline: Int, followUp: Int)],
    weights: RowWeights,
    in metadata: inout ChangeMetadata
  ) {
    var kept: [(baseline: Int, followUp: Int)] = []
    var left: [String: [String]] = [:]
    for pair in pairs {
      if let problem = weights.problems[pair.baseline] {
        left[problem, default: []].append("\(ids[pair.baseline]) (\(locations[pair.baseline]))")
      } else {
        kept.append(pair)
      }
    }
    for (reason, pairs) in left.sorted(by: { $0.key < $1.key }) {
      metadata.exclusions.append(
        Exclusion(
          scope: "all estimates",
          reason:
            "pairs whose baseline row has \(reason == "no weight" ? "no weight" : "a weight that \(reason.dropFirst(7))") in column '\(weights.column)'",
          count: pairs.count
        )
      )
      metadata.notes.append(
        "Pairs left out, their baseline row having \(reason == "no weight" ? "no weight" : "a weight that \(reason.dropFirst(7))"): "
          + pairs.prefix(20).joined(separator: ", ")
          + (pairs.count > 20 ? " and \(pairs.count - 20) more." : ".")
      )
    }
    let baselineRows = Set(kept.map(\.baseline))
    metadata.weighting = weights.note(method: Self.weightingMethod(weights.column)) {
      baselineRows.contains($0)
    }
  }

  /// Why a pair's baseline weight cannot be used, as a reason for leaving it out of a measure,
  /// or `nil` when it can be (or estimates are unweighted).
  private func weightProblem(_ baselineRow: Int) -> String? {
    weights?.problems[baselineRow].map { "baseline \($0)" }
  }

  /// The weighted methods, in words, for the weighting note.
  static func weightingMethod(_ column: String) -> String {
    "Means, percentages and changes are weighted by '\(column)' at baseline: each pair takes its "
      + "baseline row's weight, and the follow-up rows' weights are not used. Counts, pairs and "
      + "band transitions are unweighted. Respondents are treated as a simple random sample with "
      + "unequal weights (no strata or clusters), as R's survey package with svydesign(ids = ~1, "
      + "weights = ~w) on the pairs. A score's mean change is the weighted mean of each pair's "
      + "change, with the design-based t-test and interval on n − 2 degrees of freedom for n "
      + "pairs, as survey::svyttest(change ~ 0) gives them; an indicator's change is tested the same way on each "
      + "pair's change from 0 or 1 to 0 or 1, in place of McNemar's test. The shares improved, "
      + "unchanged and worse are weighted percentages with logit intervals (survey::svyciprop). "
      + "Standard deviations are unweighted; the standardised change and the Wilcoxon "
      + "signed-rank test are not given."
  }

  /// The combinations of answers behind the tables of the measures that share an item or a
  /// score: each pair adds to its cell of every indicator's table and of the score's
  /// transitions, and to each of their pairs used.
  ///
  /// Measures are numbered as ``ChangePublication`` numbers them: scores, then indicators.
  ///
  /// - Complexity: O(*p* × *m*) for *p* pairs and *m* measures.
  private func combinations(of pairs: [(baseline: Int, followUp: Int)]) -> Ledger.Combinations {
    var scoreIndex: [String] = []
    var indicatorIndex: [(PendingIndicator, Int)] = []
    var scoreData: [(PendingScore, Int)] = []
    for measure in measures {
      switch measure {
      case .score(let score):
        scoreData.append((score, scoreIndex.count))
        scoreIndex.append(score.id)
      case .indicator(let indicator): indicatorIndex.append((indicator, indicatorIndex.count))
      }
    }
    let measureCount = scoreIndex.count + indicatorIndex.count
    var combinations = Ledger.Combinations(measure: measureCount)
    // One part per score (with the indicators from its bands) and per other source.
    var parts: [String] = scoreIndex
    for (indicator, i) in indicatorIndex where !parts.contains(indicator.source ?? "#\(i)") {
      parts.append(indicator.source ?? "#\(i)")
    }
    for (part, name) in parts.enumerated() {
      let score = scoreData.first { $0.0.id == name }
      let indicators = indicatorIndex.filter { ($0.0.source ?? "#\($0.1)") == name }
      guard score?.0.bands != nil || !indicators.isEmpty else { continue }
      for (b, f) in pairs {
        var signature: [Ledger.Figure] = []
        if let (score, s) = score, let bands = score.bands, !bands.bands.isEmpty {
          let x = b < score.values.count ? score.values[b] : .nan
          let y = f < score.values.count ? score.values[f] : .nan
          if x.isFinite && y.isFinite {
            let count = bands.bands.count
            var cell = count * count
            if let i = bands.bands.firstIndex(where: { $0.contains(x) }),
              let j = bands.bands.firstIndex(where: { $0.contains(y) })
            {
              cell = i * count + j
            }
            signature.append(Ledger.Figure(measure: s, breakdown: 0, group: 0, slot: .base))
            signature.append(
              Ledger.Figure(measure: s, breakdown: 0, group: 0, slot: .histogram(cell))
            )
          }
        }
        for (indicator, i) in indicators {
          let x = b < indicator.values.count ? indicator.values[b] : -1
          let y = f < indicator.values.count ? indicator.values[f] : -1
          guard (x == 0 || x == 1) && (y == 0 || y == 1) else { continue }
          let measure = scoreIndex.count + i
          signature.append(Ledger.Figure(measure: measure, breakdown: 0, group: 0, slot: .base))
          signature.append(
            Ledger.Figure(
              measure: measure,
              breakdown: 0,
              group: 0,
              slot: .category((x == 1 ? 0 : 2) + (y == 1 ? 0 : 1))
            )
          )
        }
        combinations.add(signature, part: part)
      }
    }
    return combinations
  }

  // MARK: - Pairing

  private func rowsAgree(_ first: Int, _ second: Int) -> Bool {
    for measure in measures {
      switch measure {
      case .score(let score):
        let a = first < score.values.count ? score.values[first] : .nan
        let b = second < score.values.count ? score.values[second] : .nan
        if a.isFinite != b.isFinite || (a.isFinite && a != b) { return false }
      case .indicator(let indicator):
        let a = first < indicator.values.count ? indicator.values[first] : -1
        let b = second < indicator.values.count ? indicator.values[second] : -1
        if a != b { return false }
      }
    }
    return true
  }

  private func pair() -> (Pairing, [(baseline: Int, followUp: Int)]) {
    var rowsByID: [[String: [Int]]] = [[:], [:]]
    var order: [[String]] = [[], []]
    for row in ids.indices where waveOfRow[row] >= 0 {
      let wave = waveOfRow[row]
      if rowsByID[wave][ids[row]] == nil { order[wave].append(ids[row]) }
      rowsByID[wave][ids[row], default: []].append(row)
    }
    var excluded = Set<String>()
    var duplicates: [DuplicateID] = []
    var usable: [[String: Int]] = [[:], [:]]
    let waveNames = [metadata.baseline, metadata.followUp]
    for wave in 0..<2 {
      for id in order[wave] {
        let rows = rowsByID[wave][id] ?? []
        guard let first = rows.first else { continue }
        if rows.count == 1 {
          usable[wave][id] = first
          continue
        }
        let identical =
          options.duplicates == .useIdenticalOnce
          && rows.dropFirst().allSatisfy { rowsAgree(first, $0) }
        duplicates.append(
          DuplicateID(
            id: id,
            wave: waveNames[wave],
            locations: rows.map { locations[$0] },
            resolution: identical ? .identicalUsedOnce : .excluded
          )
        )
        if identical { usable[wave][id] = first } else { excluded.insert(id) }
      }
    }
    let pairedIDs = naturallyOrdered(
      order[0].filter { !excluded.contains($0) && usable[0][$0] != nil && usable[1][$0] != nil }
    )
    let baselineOnly = naturallyOrdered(
      order[0].filter { !excluded.contains($0) && rowsByID[1][$0] == nil }
    )
    let followUpOnly = naturallyOrdered(
      order[1].filter { !excluded.contains($0) && rowsByID[0][$0] == nil }
    )
    let pairs = pairedIDs.compactMap { id -> (baseline: Int, followUp: Int)? in
      guard let b = usable[0][id], let f = usable[1][id] else { return nil }
      return (b, f)
    }
    let pairing = Pairing(
      paired: pairs.count,
      baselineIDs: order[0].count,
      followUpIDs: order[1].count,
      baselineOnly: baselineOnly,
      followUpOnly: followUpOnly,
      duplicates: duplicates.sorted { ($0.id, $0.wave) < ($1.id, $1.wave) }
    )
    return (pairing, pairs)
  }

  private func missingReason(
    baseline: String?,
    followUp: String?
  ) -> (reason: String, detail: String?) {
    switch (baseline, followUp) {
    case (let b?, let f?): ("missing at both waves", "baseline: \(b); follow-up: \(f)")
    case (let b?, nil): ("missing at baseline", b)
    case (nil, let f?): ("missing at follow-up", f)
    case (nil, nil): ("missing", nil)
    }
  }

  // MARK: - Scores

  private func change(
    in score: PendingScore,
    pairs: [(baseline: Int, followUp: Int)]
  ) -> ScoreChange {
    var before: [Double] = []
    var after: [Double] = []
    var missing: [(reason: String, detail: String?)] = []
    var pairWeights: [Double] = []
    for (b, f) in pairs {
      let x = b < score.values.count ? score.values[b] : .nan
      let y = f < score.values.count ? score.values[f] : .nan
      if let problem = weightProblem(b) {
        missing.append((problem, nil))
      } else if x.isFinite && y.isFinite {
        before.append(x)
        after.append(y)
        if let weights { pairWeights.append(weights.values[b]) }
      } else {
        missing.append(
          missingReason(
            baseline: x.isFinite ? nil : (score.reasons[b] ?? "no score"),
            followUp: y.isFinite ? nil : (score.reasons[f] ?? "no score")
          )
        )
      }
    }
    let n = before.count
    var result = ScoreChange(
      id: score.id,
      title: score.title,
      decimals: score.decimals,
      better: score.better,
      pairsUsed: n
    )
    result.notes = score.notes
    result.range = score.range
    result.missing = ReasonCount.tally(missing, protection: protection)
    result.threshold = score.threshold
    result.pairs = ProtectedCount(
      count: n,
      shownCount: protection.shown(n),
      percent: nil,
      suppression: protection.isSmall(n) ? .hidden : nil
    )
    if protection.isSmall(n) {
      result.isSuppressed = true
      result.notes.append("hidden: fewer pairs have this score than the disclosure threshold")
      return result
    }
    guard n > 0 else {
      result.notes.append("no pairs have this score at both waves")
      return result
    }
    let level = options.confidenceLevel
    if let first = try? SampleSummary(before), let second = try? SampleSummary(after) {
      result.baselineMean = first.mean
      result.followUpMean = second.mean
      result.baselineStandardDeviation = first.standardDeviation
      result.followUpStandardDeviation = second.standardDeviation
    }
    let changes = zip(after, before).map { $0 - $1 }
    result.meanChange = changes.reduce(0, +) / Double(n)
    if n < 2 {
      result.notes.append("no interval or tests: at least 2 pairs are needed, got \(n)")
    } else {
      do {
        let test = try PairedTTest(baseline: before, followUp: after, confidenceLevel: level)
        result.meanChange = test.meanChange
        result.changeStandardDeviation = test.standardDeviationOfChange
        result.interval = test.interval
        result.tStatistic = test.tStatistic
        result.degreesOfFreedom = test.degreesOfFreedom
        result.pValue = test.pValue
        result.standardizedChange = test.standardizedChange
      } catch {
        result.notes.append("no paired t-test: every pair changed by the same amount")
      }
      do {
        let wilcoxon = try WilcoxonSignedRankTest(baseline: before, followUp: after)
        result.wilcoxonPValue = wilcoxon.pValue
        result.wilcoxonMethod = wilcoxon.method
      } catch {
        result.notes.append("no Wilcoxon signed-rank test: no pair's score changed")
      }
      if weights != nil { weigh(&result, before: before, after: after, weights: pairWeights) }
      if n < 30 {
        result.notes.append("fewer than 30 pairs: the interval and tests are unreliable")
      }
    }
    result.shares = shares(of: changes, score: score, weights: weights == nil ? nil : pairWeights)
    if let bands = score.bands, !bands.bands.isEmpty {
      result.transitions = transitions(
        before: before,
        after: after,
        bands: bands,
        source: score.bandSource
      )
    }
    return result
  }

  /// Replaces a score's unweighted means, change, interval and test with weighted ones.
  private func weigh(
    _ result: inout ScoreChange,
    before: [Double],
    after: [Double],
    weights: [Double]
  ) {
    result.changeStandardDeviation = nil
    result.standardizedChange = nil
    result.wilcoxonPValue = nil
    result.wilcoxonMethod = nil
    result.interval = nil
    result.tStatistic = nil
    result.degreesOfFreedom = nil
    result.pValue = nil
    result.baselineMean = try? WeightedMean(values: before, weights: weights).estimate
    result.followUpMean = try? WeightedMean(values: after, weights: weights).estimate
    do {
      let test = try WeightedPairedMeanChange(
        before: before,
        after: after,
        weights: weights,
        confidenceLevel: options.confidenceLevel
      )
      result.meanChange = test.change.estimate
      result.interval = test.interval
      result.tStatistic = test.tStatistic
      result.degreesOfFreedom = test.degreesOfFreedom
      result.pValue = test.pValue
    } catch {
      result.notes.append("no weighted test: every pair changed by the same amount")
    }
  }

  private func shares(
    of changes: [Double],
    score: PendingScore,
    weights: [Double]?
  ) -> [ScoreChange.Share] {
    let n = changes.count
    let places = score.decimals
    var counts: [Int]
    var movements: [ScoreChange.Movement]
    var labels: [String]
    let tolerance = 1e-9
    if let threshold = score.threshold, let better = score.better {
      let sign = better == .higher ? 1.0 : -1.0
      let points = pointsText(threshold.points)
      let improved = changes.filter { sign * $0 >= threshold.points - tolerance }.count
      let worse = changes.filter { -sign * $0 >= threshold.points - tolerance }.count
      counts = [improved, n - improved - worse, worse]
      movements = [.improved, .unchanged, .worse]
      labels = [
        "improved by \(points) or more", "changed by less than \(points)",
        "worse by \(points) or more",
      ]
    } else {
      let up = changes.filter { $0 > 0 }.count
      let down = changes.filter { $0 < 0 }.count
      counts = [up, n - up - down, down]
      movements = [.up, .same, .down]
      let direction =
        score.better.map { $0 == .higher ? " (higher is better)" : " (lower is better)" } ?? ""
      labels = [
        "went up by any amount" + direction, "stayed exactly the same",
        "went down by any amount" + direction,
      ]
      _ = places
    }
    var protected = ProtectedCount.table(counts, base: n, protection: protection)
    if let weights {
      // Which share each pair is in, to weigh the shares.
      let tolerance = 1e-9
      let sign = score.better == .lower ? -1.0 : 1.0
      let threshold = score.better == nil ? nil : score.threshold?.points
      let share = changes.map { change -> Int in
        if let threshold {
          sign * change >= threshold - tolerance
            ? 0 : (-sign * change >= threshold - tolerance ? 2 : 1)
        } else {
          change > 0 ? 0 : (change < 0 ? 2 : 1)
        }
      }
      return movements.indices.map { index in
        let weighted =
          protected[index].shownCount == nil
          ? nil
          : try? WeightedProportion(
            indicators: share.map { $0 == index },
            weights: weights,
            confidenceLevel: options.confidenceLevel
          )
        protected[index].percent = weighted.map { 100 * $0.estimate }
        return ScoreChange.Share(
          movement: movements[index],
          label: labels[index],
          count: protected[index],
          interval: weighted.map {
            ConfidenceInterval(
              lower: 100 * $0.interval.lower,
              upper: 100 * $0.interval.upper,
              level: $0.interval.level
            )
          }
        )
      }
    }
    return movements.indices.map { index in
      let hidden = protected[index].shownCount == nil
      let wilson =
        hidden
        ? nil
        : try? WilsonScoreInterval(
          successes: counts[index],
          trials: n,
          confidenceLevel: options.confidenceLevel
        )
      return ScoreChange.Share(
        movement: movements[index],
        label: labels[index],
        count: protected[index],
        interval: wilson.map {
          ConfidenceInterval(
            lower: 100 * $0.interval.lower,
            upper: 100 * $0.interval.upper,
            level: $0.interval.level
          )
        }
      )
    }
  }

  private func transitions(
    before: [Double],
    after: [Double],
    bands: BandSet,
    source: String?
  ) -> BandTransitions {
    let count = bands.bands.count
    var cells = [Int](repeating: 0, count: count * count)
    var outside = 0
    for (x, y) in zip(before, after) {
      if let i = bands.bands.firstIndex(where: { $0.contains(x) }),
        let j = bands.bands.firstIndex(where: { $0.contains(y) })
      {
        cells[i * count + j] += 1
      } else {
        outside += 1
      }
    }
    let protected = ProtectedCount.table(
      cells + [outside],
      base: before.count,
      protection: protection
    )
    return BandTransitions(
      bands: bands.bands.map(\.label),
      cells: (0..<count).map { i in Array(protected[(i * count)..<(i * count + count)]) },
      outsideBands: protected[count * count],
      source: source
    )
  }

  // MARK: - Indicators

  private func change(
    in indicator: PendingIndicator,
    pairs: [(baseline: Int, followUp: Int)]
  ) -> IndicatorChange {
    var table = [0, 0, 0, 0]  // yes-yes, yes-no, no-yes, no-no
    var missing: [(reason: String, detail: String?)] = []
    var before: [Double] = []
    var after: [Double] = []
    var pairWeights: [Double] = []
    for (b, f) in pairs {
      let x = b < indicator.values.count ? indicator.values[b] : -1
      let y = f < indicator.values.count ? indicator.values[f] : -1
      let xKnown = x == 0 || x == 1
      let yKnown = y == 0 || y == 1
      if let problem = weightProblem(b) {
        missing.append((problem, nil))
      } else if xKnown && yKnown {
        table[(x == 1 ? 0 : 2) + (y == 1 ? 0 : 1)] += 1
        if let weights {
          before.append(Double(x))
          after.append(Double(y))
          pairWeights.append(weights.values[b])
        }
      } else {
        missing.append(
          missingReason(
            baseline: xKnown ? nil : (indicator.reasons[b] ?? "no value"),
            followUp: yKnown ? nil : (indicator.reasons[f] ?? "no value")
          )
        )
      }
    }
    let n = table.reduce(0, +)
    var cells = ProtectedCount.table(table, base: n, protection: protection)
    if protection.isSmall(n) {
      // Too few pairs: the table is hidden whole, as a group is whose base is small.
      cells = table.map {
        ProtectedCount(count: $0, shownCount: nil, percent: nil, suppression: .hidden)
      }
    }
    var notes = indicator.notes
    let baselineHidden = cells[0].shownCount == nil || cells[1].shownCount == nil
    let followUpHidden = cells[0].shownCount == nil || cells[2].shownCount == nil
    var pValue: Double?
    var statistic: Double?
    var method: String?
    var methodNote: String?
    if cells[1].shownCount == nil || cells[2].shownCount == nil {
      notes.append(
        "\(weights == nil ? "McNemar's test" : "The weighted test") hidden: it would reveal a "
          + "count suppressed to protect small numbers"
      )
    } else if n == 0 {
      notes.append("no pairs have this indicator at both waves")
    } else if weights != nil {
      if let test = try? WeightedPairedMeanChange(
        before: before,
        after: after,
        weights: pairWeights,
        confidenceLevel: options.confidenceLevel
      ) {
        pValue = test.pValue
        statistic = test.tStatistic
        method =
          "design-based paired t-test of the change in the weighted percentage "
          + "(as survey::svyttest(change ~ 0)), t on \(fixed(test.degreesOfFreedom, decimals: 0)) "
          + "degrees of freedom"
      } else {
        notes.append("no weighted test: no pair changed, or fewer than 2 pairs")
      }
    } else if let test = try? McNemarTest(firstOnly: table[1], secondOnly: table[2]) {
      pValue = test.pValue
      statistic = test.statistic
      method = test.method
      methodNote = test.note
    }
    if n > 0 && n < 30 {
      notes.append("fewer than 30 pairs: the test is unreliable")
    }
    var result = IndicatorChange(
      id: indicator.id,
      title: indicator.title,
      pairsUsed: n,
      missing: ReasonCount.tally(missing, protection: protection),
      yesYes: cells[0],
      yesNo: cells[1],
      noYes: cells[2],
      noNo: cells[3],
      baselinePercent: baselineHidden || n == 0
        ? nil : percent(before, table[0] + table[1], n: n, weights: pairWeights),
      followUpPercent: followUpHidden || n == 0
        ? nil : percent(after, table[0] + table[2], n: n, weights: pairWeights),
      pValue: pValue,
      statistic: statistic,
      method: method,
      methodNote: methodNote,
      notes: notes
    )
    result.pairs = ProtectedCount(
      count: n,
      shownCount: protection.shown(n),
      percent: nil,
      suppression: protection.isSmall(n) ? .hidden : nil
    )
    return result
  }

  /// The percentage of pairs with 1: weighted when estimates are weighted (`values` and
  /// `weights` then hold the pairs used), of `count` in `n` otherwise.
  private func percent(_ values: [Double], _ count: Int, n: Int, weights: [Double]) -> Double {
    guard self.weights != nil else { return 100 * Double(count) / Double(n) }
    let total = weights.reduce(0, +)
    guard total > 0 else { return .nan }
    return 100 * zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
  }
}
