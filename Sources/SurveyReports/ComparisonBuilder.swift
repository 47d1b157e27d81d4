public import SurveyInstruments
import SurveyStatistics

/// What a comparison should contain and how it should protect its figures.
public struct ComparisonOptions: Sendable {
  /// The title.
  public var title: String
  /// The reference cohort; `nil` takes the first cohort in order.
  public var reference: String?
  /// The order to show cohorts in.
  ///
  /// `nil` orders labels naturally (see ``naturallyOrdered(_:)``).
  /// Cohorts the data has but the order leaves out follow in natural order.
  public var cohortOrder: [String]?
  /// How small counts are protected.
  public var suppression: SuppressionPolicy
  /// Decimal places for percentages and percentage-point differences.
  public var decimals: Int
  /// The confidence level of every interval.
  public var confidenceLevel: Double
  /// Cohorts with fewer answers than this are marked as a low base.
  public var lowBaseThreshold: Int
  /// The most cohorts allowed, or `nil` for the default (see ``ReportOptions/maximumGroups``).
  public var maximumGroups: Int?
  /// A column of survey weights, when percentages, means and differences are to be weighted;
  /// read by the pipeline, which passes the weights to ``ComparisonBuilder``.
  public var weightColumn: String?

  /// Creates options; the defaults suppress counts below 5 and show one decimal place.
  public init(
    title: String = "Cohort comparison",
    reference: String? = nil,
    cohortOrder: [String]? = nil,
    suppression: SuppressionPolicy = .threshold(5),
    decimals: Int = 1,
    confidenceLevel: Double = 0.95,
    lowBaseThreshold: Int = 30,
    maximumGroups: Int? = nil,
    weightColumn: String? = nil
  ) {
    self.title = title
    self.reference = reference
    self.cohortOrder = cohortOrder
    self.suppression = suppression
    self.decimals = decimals
    self.confidenceLevel = confidenceLevel
    self.lowBaseThreshold = lowBaseThreshold
    self.maximumGroups = maximumGroups
    self.weightColumn = weightColumn
  }
}

/// Builds a ``ComparisonReport`` from plain per-row arrays, so that it does not depend on how the
/// data were read: a cohort label per row, then indicators (1, 0 or -1 per row) and scores (a
/// value or NaN per row) added one by one.
///
/// ```swift
/// var builder = try ComparisonBuilder(
///   cohorts: groups, options: ComparisonOptions(reference: "comparison"),
///   sourceFiles: ["combined.csv"], cohortColumn: "group")
/// builder.addIndicator(id: "ons-loneliness.often", title: "Lonely often/always", values: flags)
/// builder.addScore(id: "ons-loneliness.ucla3", title: "UCLA-3", values: scores, decimals: 0)
/// let comparison = builder.build()
/// ```
public struct ComparisonBuilder: Sendable {
  /// The options.
  public let options: ComparisonOptions
  private var metadata: ComparisonMetadata
  private let labels: [String]
  private let referenceIndex: Int
  /// The cohort index of each row, or -1 when the row has no cohort.
  private let cohortOfRow: [Int]
  private let rowsPerCohort: [Int]
  private let protection: CountProtection
  private var indicators: [IndicatorComparison] = []
  private var scores: [ScoreComparison] = []
  /// Each indicator's values and the item or score it is worked out from, for the audit.
  private var indicatorValues: [[Int8]] = []
  private var indicatorSources: [String?] = []
  /// Whether each score has a value, per row, for the audit.
  private var scoreHasValue: [[Bool]] = []
  /// Each row's weight when estimates are weighted; rows whose weight is unusable have no cohort.
  private let weights: [Double]?

  /// Prepares a comparison of the cohorts named in `cohorts`.
  ///
  /// Rows whose cohort is blank are left out and counted as an exclusion.
  ///
  /// - Parameters:
  ///   - cohorts: The cohort label of each row.
  ///   - options: What to compute and how to protect it.
  ///   - sourceFiles: The input files, as the user named them.
  ///   - cohortColumn: The column the labels came from, or `nil` when each file is a cohort.
  ///   - rowLocations: Where each row came from (`file:line`), for listing excluded rows.
  ///   - weights: Survey weights, one per row, when percentages, means and differences are to be
  ///     weighted; rows whose weight is unusable are left out of every estimate and listed.
  /// - Throws: ``ReportError`` when there are fewer than two cohorts or the reference is not one
  ///   of them.
  /// - Complexity: O(*n* + *c* log *c*) for *n* rows and *c* cohorts.
  public init(
    cohorts: [String],
    options: ComparisonOptions,
    sourceFiles: [String],
    cohortColumn: String?,
    rowLocations: [String]? = nil,
    weights: RowWeights? = nil
  ) throws(ReportError) {
    self.options = options
    self.weights = weights?.values
    var seen = Set<String>()
    var blankRows: [String] = []
    for (row, label) in cohorts.enumerated() {
      if let label = groupLabel(label) {
        seen.insert(label)
      } else {
        blankRows.append(rowLocations?[row] ?? "row \(row + 1)")
      }
    }
    if let cohortColumn {
      try checkGroupCount(
        seen.count,
        labelOfRow: cohorts.compactMap(groupLabel),
        column: cohortColumn,
        maximum: options.maximumGroups
      )
    }
    let natural = naturallyOrdered(Array(seen))
    var ordered = (options.cohortOrder ?? []).filter { seen.contains($0) }
    let given = Set(ordered)
    ordered += natural.filter { !given.contains($0) }
    let column = cohortColumn.map { "'\($0)'" } ?? "the file names"
    guard ordered.count >= 2 else {
      throw ReportError(
        message: "expected at least two cohorts in \(column), found \(ordered.count)"
          + (ordered.first.map { ": '\($0)'" } ?? ""),
        hint: cohortColumn == nil
          ? "give two or more files, one per cohort"
          : "check the column name, or give one file per cohort"
      )
    }
    let reference = options.reference ?? ordered[0]
    guard let referenceIndex = ordered.firstIndex(of: reference) else {
      throw ReportError(
        message: "--reference names the cohort '\(reference)', which \(column) does not have",
        hint: closestMatches(to: reference, among: ordered).first.map { "did you mean '\($0)'?" }
          ?? "the cohorts are: \(ordered.joined(separator: ", "))"
      )
    }
    // The reference is shown first.
    var labels = ordered
    labels.remove(at: referenceIndex)
    labels.insert(reference, at: 0)
    self.labels = labels
    self.referenceIndex = 0
    let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    let cohortOfRow = cohorts.enumerated().map { row, label in
      weights.map { $0.isUsable[row] } ?? true ? groupLabel(label).flatMap { index[$0] } ?? -1 : -1
    }
    self.cohortOfRow = cohortOfRow
    var rows = [Int](repeating: 0, count: labels.count)
    for cohort in cohortOfRow where cohort >= 0 { rows[cohort] += 1 }
    rowsPerCohort = rows
    protection = CountProtection(policy: options.suppression)
    var exclusions: [Exclusion] = []
    if !blankRows.isEmpty {
      exclusions.append(
        Exclusion(
          scope: "all estimates",
          reason: "no cohort in \(column)",
          count: blankRows.count,
          lines: []
        )
      )
      metadata = ComparisonMetadata(
        title: options.title,
        sourceFiles: sourceFiles,
        cohortColumn: cohortColumn,
        rowsRead: cohorts.count,
        exclusions: exclusions,
        suppression: options.suppression,
        confidenceLevel: options.confidenceLevel,
        decimals: options.decimals,
        lowBaseThreshold: options.lowBaseThreshold,
        notes: [
          "Rows with no cohort: \(blankRows.prefix(20).joined(separator: ", "))"
            + (blankRows.count > 20 ? " and \(blankRows.count - 20) more." : ".")
        ]
      )
    } else {
      metadata = ComparisonMetadata(
        title: options.title,
        sourceFiles: sourceFiles,
        cohortColumn: cohortColumn,
        rowsRead: cohorts.count,
        suppression: options.suppression,
        confidenceLevel: options.confidenceLevel,
        decimals: options.decimals,
        lowBaseThreshold: options.lowBaseThreshold
      )
    }
    if let cohortColumn, let note = similarLabelsNote(labels, column: cohortColumn) {
      metadata.notes.append(note)
    }
    if let weights {
      metadata.exclusions += weights.exclusions
      metadata.notes += weights.notes
      metadata.weighting = weights.note(method: Self.weightingMethod(weights.column)) {
        cohortOfRow[$0] >= 0
      }
    }
  }

  /// The weighted methods, in words, for the weighting note.
  static func weightingMethod(_ column: String) -> String {
    "Percentages, means and differences are weighted by '\(column)'. Counts and bases are "
      + "unweighted. Respondents are treated as a simple random sample with unequal weights (no "
      + "strata or clusters), as R's survey package with svydesign(ids = ~1, weights = ~w). Each "
      + "cohort's percentage has a logit interval from a linearisation standard error with t on "
      + "n − 1 degrees of freedom (survey::svyciprop) and each cohort's mean a normal interval "
      + "from a linearisation standard error (survey::svymean), from that cohort's respondents "
      + "alone. Each difference from the reference, in percentage points or in means, is the "
      + "design-based t-test of the two cohorts' respondents who answered (survey::svyttest): a "
      + "linearisation standard error, t on n − 2 degrees of freedom for n respondents with a "
      + "weight. Standard deviations are unweighted; Hedges' g is not given."
  }

  /// The cohorts in the order shown, the reference first.
  public var cohortLabels: [String] { labels }

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

  /// Adds an exclusion to the metadata.
  public mutating func addExclusion(_ exclusion: Exclusion) {
    metadata.exclusions.append(exclusion)
  }

  /// Adds an indicator: each cohort's proportion of 1 among rows that are 1 or 0, and each
  /// cohort's difference from the reference.
  ///
  /// - Parameters:
  ///   - id: The indicator's id.
  ///   - title: Its title.
  ///   - values: 1, 0, or -1 (absent) per row.
  ///   - notes: Notes to show with it.
  ///   - source: The item or score it is worked out from (`INSTRUMENT.ITEM` or
  ///     `INSTRUMENT.SCORE`), when known: indicators of one source, and the score of that name,
  ///     are protected together, as a reader can set them against each other.
  /// - Complexity: O(*n* + *c*) for *n* rows and *c* cohorts.
  public mutating func addIndicator(
    id: String,
    title: String,
    values: [Int8],
    notes: [String] = [],
    source: String? = nil
  ) {
    indicatorValues.append(values)
    indicatorSources.append(source)
    let level = options.confidenceLevel
    var successes = [Int](repeating: 0, count: labels.count)
    var bases = [Int](repeating: 0, count: labels.count)
    // Each cohort's answers and weights, for weighted estimates.
    var answers = [[Bool]](repeating: [], count: weights == nil ? 0 : labels.count)
    var answerWeights = [[Double]](repeating: [], count: answers.count)
    for (row, cohort) in cohortOfRow.enumerated() where cohort >= 0 && row < values.count {
      switch values[row] {
      case 1:
        successes[cohort] += 1
        bases[cohort] += 1
      case 0: bases[cohort] += 1
      default: continue
      }
      if let weights {
        answers[cohort].append(values[row] == 1)
        answerWeights[cohort].append(weights[row])
      }
    }
    var measureNotes = notes
    var hiddenCohorts = Set<Int>()
    let cohorts: [CohortProportion] = labels.indices.map { c in
      let k = successes[c]
      let n = bases[c]
      let baseHidden = protection.isSmall(n)
      let cellHidden = baseHidden || protection.isSmall(k) || protection.isSmall(n - k)
      if cellHidden { hiddenCohorts.insert(c) }
      var percent = n == 0 ? nil : 100 * Double(k) / Double(n)
      var interval = (try? WilsonScoreInterval(successes: k, trials: n, confidenceLevel: level))
        .map { scaled($0.interval) }
      if weights != nil {
        let weighted = try? WeightedProportion(
          indicators: answers[c],
          weights: answerWeights[c],
          confidenceLevel: level
        )
        percent = weighted.map { 100 * $0.estimate }
        interval = weighted.map { scaled($0.interval) }
      }
      let absent = rowsPerCohort[c] - n
      return CohortProportion(
        cohort: labels[c],
        successes: ProtectedCount(
          count: k,
          shownCount: cellHidden ? nil : protection.shown(k),
          percent: cellHidden ? nil : percent,
          suppression: cellHidden ? (protection.isSmall(k) ? .hidden : .hidden) : nil
        ),
        base: ProtectedCount(
          count: n,
          shownCount: protection.shown(n),
          percent: nil,
          suppression: baseHidden ? .hidden : nil
        ),
        absent: ProtectedCount(
          count: absent,
          shownCount: protection.shown(absent),
          percent: nil,
          suppression: protection.isSmall(absent) ? .hidden : nil
        ),
        interval: cellHidden ? nil : interval,
        isLowBase: n < options.lowBaseThreshold
      )
    }
    var comparisons: [ProportionComparison] = []
    var pValues: [(Int, Double)] = []
    for c in labels.indices where c != referenceIndex {
      let r = referenceIndex
      var record = ProportionComparison(
        cohort: labels[c],
        reference: labels[r],
        difference: nil,
        interval: nil,
        pValue: nil,
        adjustedPValue: nil,
        isSuppressed: false
      )
      if bases[c] == 0 || bases[r] == 0 {
        record.notes.append(
          "not computed: '\(labels[bases[c] == 0 ? c : r])' has no answers"
        )
      } else if weights != nil {
        do {
          let test = try WeightedProportionDifference(
            firstIndicators: answers[c],
            firstWeights: answerWeights[c],
            secondIndicators: answers[r],
            secondWeights: answerWeights[r],
            confidenceLevel: level
          )
          record.difference = 100 * test.difference
          record.interval = scaled(test.tInterval)
          record.pValue = test.tPValue
          pValues.append((comparisons.count, test.tPValue))
        } catch {
          record.notes.append(
            "not computed: each cohort needs at least 2 answers and the answers must differ"
          )
        }
        for cohort in [r, c] where bases[cohort] < options.lowBaseThreshold {
          record.notes.append(
            "'\(labels[cohort])' has fewer than \(options.lowBaseThreshold) answers: "
              + "the interval and test are unreliable"
          )
        }
      } else {
        if let newcombe = try? NewcombeDifferenceInterval(
          firstSuccesses: successes[c],
          firstTrials: bases[c],
          secondSuccesses: successes[r],
          secondTrials: bases[r],
          confidenceLevel: level
        ) {
          record.difference = 100 * newcombe.estimate
          record.interval = scaled(newcombe.interval)
        }
        do {
          let test = try TwoProportionTest(
            firstSuccesses: successes[c],
            firstTrials: bases[c],
            secondSuccesses: successes[r],
            secondTrials: bases[r]
          )
          record.pValue = test.pValue
          pValues.append((comparisons.count, test.pValue))
        } catch {
          record.notes.append("no test: every answer in both cohorts is the same")
        }
        for cohort in [r, c] where bases[cohort] < options.lowBaseThreshold {
          record.notes.append(
            "'\(labels[cohort])' has fewer than \(options.lowBaseThreshold) answers: "
              + "the interval and test are unreliable"
          )
        }
      }
      if hiddenCohorts.contains(c) || hiddenCohorts.contains(r) {
        record.isSuppressed = true
      }
      comparisons.append(record)
    }
    let adjusted = applyHolm(pValues, to: &comparisons, adjusted: \.adjustedPValue)
    for index in comparisons.indices where comparisons[index].isSuppressed {
      comparisons[index].difference = nil
      comparisons[index].interval = nil
      comparisons[index].pValue = nil
      comparisons[index].adjustedPValue = nil
      comparisons[index].notes = [
        "hidden: it involves a count that is suppressed to protect small numbers"
      ]
    }
    if adjusted {
      measureNotes.append(
        "p-values are Holm-adjusted across the \(pValues.count) comparisons with the reference."
      )
    }
    indicators.append(
      IndicatorComparison(
        id: id,
        title: title,
        cohorts: cohorts,
        comparisons: comparisons,
        isAdjusted: adjusted,
        notes: measureNotes
      )
    )
  }

  /// Adds a score: each cohort's mean with its t interval, and each cohort's difference from the
  /// reference with Welch's interval and test and Hedges' g.
  ///
  /// - Parameters:
  ///   - id: The score's id.
  ///   - title: Its title.
  ///   - values: The score per row, NaN when absent.
  ///   - decimals: Decimal places of the score's own values.
  ///   - better: Which direction is better, when known.
  ///   - range: The score's possible values, when known.
  ///   - notes: Notes to show with it.
  /// - Complexity: O(*n* log *n*) for *n* rows.
  public mutating func addScore(
    id: String,
    title: String,
    values: [Double],
    decimals: Int,
    better: Direction? = nil,
    range: ClosedRange<Double>? = nil,
    notes: [String] = []
  ) {
    scoreHasValue.append(values.map(\.isFinite))
    let level = options.confidenceLevel
    var samples = [[Double]](repeating: [], count: labels.count)
    var sampleWeights = [[Double]](repeating: [], count: weights == nil ? 0 : labels.count)
    for (row, cohort) in cohortOfRow.enumerated()
    where cohort >= 0 && row < values.count && values[row].isFinite {
      samples[cohort].append(values[row])
      if let weights { sampleWeights[cohort].append(weights[row]) }
    }
    var hiddenCohorts = Set<Int>()
    let cohorts: [CohortMean] = labels.indices.map { c in
      let sample = samples[c]
      let n = sample.count
      let hidden = protection.isSmall(n)
      if hidden { hiddenCohorts.insert(c) }
      let absent = rowsPerCohort[c] - n
      var record = CohortMean(
        cohort: labels[c],
        count: ProtectedCount(
          count: n,
          shownCount: protection.shown(n),
          percent: nil,
          suppression: hidden ? .hidden : nil
        ),
        absent: ProtectedCount(
          count: absent,
          shownCount: protection.shown(absent),
          percent: nil,
          suppression: protection.isSmall(absent) ? .hidden : nil
        ),
        mean: nil,
        standardDeviation: nil,
        interval: nil,
        isSuppressed: hidden,
        isLowBase: n < options.lowBaseThreshold
      )
      if hidden { return record }
      if let summary = try? SampleSummary(sample) {
        record.mean = summary.mean
        record.standardDeviation = summary.standardDeviation
        record.interval = try? summary.meanInterval(confidenceLevel: level)
      }
      if weights != nil {
        let weighted = try? WeightedMean(
          values: sample,
          weights: sampleWeights[c],
          confidenceLevel: level
        )
        record.mean = weighted?.estimate
        record.interval = weighted?.interval
      }
      if n == 0 {
        record.notes.append("no values")
      } else if n < 2 {
        record.notes.append("no SD or interval: at least 2 values are needed, got \(n)")
      }
      return record
    }
    var comparisons: [MeanComparison] = []
    var pValues: [(Int, Double)] = []
    for c in labels.indices where c != referenceIndex {
      let r = referenceIndex
      var record = MeanComparison(
        cohort: labels[c],
        reference: labels[r],
        difference: nil,
        interval: nil,
        degreesOfFreedom: nil,
        pValue: nil,
        adjustedPValue: nil,
        hedgesG: nil,
        isSuppressed: false
      )
      let small = [r, c].filter { samples[$0].count < 2 }
      if !small.isEmpty {
        for cohort in small {
          record.notes.append(
            "not computed: '\(labels[cohort])' has \(samples[cohort].count) "
              + "value\(samples[cohort].count == 1 ? "" : "s") and a difference in means needs "
              + "at least 2 in each cohort"
          )
        }
      } else if weights != nil {
        do {
          let test = try WeightedMeanDifference(
            firstValues: samples[c],
            firstWeights: sampleWeights[c],
            secondValues: samples[r],
            secondWeights: sampleWeights[r],
            confidenceLevel: level
          )
          record.difference = test.difference
          record.interval = test.interval
          record.degreesOfFreedom = test.degreesOfFreedom
          record.pValue = test.pValue
          pValues.append((comparisons.count, test.pValue))
        } catch {
          record.notes.append("not computed: every value in both cohorts is the same")
        }
        for cohort in [r, c] where samples[cohort].count < options.lowBaseThreshold {
          record.notes.append(
            "'\(labels[cohort])' has fewer than \(options.lowBaseThreshold) values: "
              + "the interval and test are unreliable"
          )
        }
      } else {
        do {
          let welch = try WelchTTest(first: samples[c], second: samples[r], confidenceLevel: level)
          record.difference = welch.meanDifference
          record.interval = welch.interval
          record.degreesOfFreedom = welch.degreesOfFreedom
          record.pValue = welch.pValue
          pValues.append((comparisons.count, welch.pValue))
        } catch {
          record.notes.append("not computed: every value in both cohorts is the same")
        }
        record.hedgesG = try? StandardizedMeanDifference(first: samples[c], second: samples[r])
          .hedgesG
        for cohort in [r, c] where samples[cohort].count < options.lowBaseThreshold {
          record.notes.append(
            "'\(labels[cohort])' has fewer than \(options.lowBaseThreshold) values: "
              + "the interval and test are unreliable"
          )
        }
      }
      if hiddenCohorts.contains(c) || hiddenCohorts.contains(r) { record.isSuppressed = true }
      comparisons.append(record)
    }
    let adjusted = applyHolm(pValues, to: &comparisons, adjusted: \.adjustedPValue)
    for index in comparisons.indices where comparisons[index].isSuppressed {
      comparisons[index].difference = nil
      comparisons[index].interval = nil
      comparisons[index].degreesOfFreedom = nil
      comparisons[index].pValue = nil
      comparisons[index].adjustedPValue = nil
      comparisons[index].hedgesG = nil
      comparisons[index].notes = [
        "hidden: it involves a count that is suppressed to protect small numbers"
      ]
    }
    var measureNotes = notes
    if adjusted {
      measureNotes.append(
        "p-values are Holm-adjusted across the \(pValues.count) comparisons with the reference."
      )
    }
    scores.append(
      ScoreComparison(
        id: id,
        title: title,
        decimals: decimals,
        better: better,
        cohorts: cohorts,
        comparisons: comparisons,
        isAdjusted: adjusted,
        notes: measureNotes,
        range: range
      )
    )
  }

  /// The comparison, protected as one publication.
  ///
  /// Each table was protected on its own as it was added; the publication audit then plays the
  /// attacker on every count the comparison publishes together (README, "Disclosure control") and
  /// hides further counts, with every percentage, interval and difference computed from them.
  ///
  /// - Complexity: O(*n* × *m*) for *n* rows and *m* measures, plus the audit's linear programs.
  public func build() -> ComparisonReport {
    let sizes = labels.indices.map { c in
      CohortSize(
        cohort: labels[c],
        rows: ProtectedCount(
          count: rowsPerCohort[c],
          shownCount: protection.shown(rowsPerCohort[c]),
          percent: nil,
          suppression: protection.isSmall(rowsPerCohort[c]) ? .hidden : nil
        )
      )
    }
    var publication = ComparisonPublication(
      report: ComparisonReport(
        metadata: metadata,
        cohorts: sizes,
        reference: labels[referenceIndex],
        indicators: indicators,
        scores: scores
      ),
      cohortOfRow: cohortOfRow,
      indicatorValues: indicatorValues,
      indicatorSources: indicatorSources,
      scoreHasValue: scoreHasValue
    )
    publication.protectCohortRows()
    let notes = PublicationAudit.protect(&publication)
    publication.hideDerivedFigures()
    var report = publication.report
    report.metadata.notes += notes
    return report
  }

  /// Holm-adjusts `pValues` (comparison index, p) into the records when there are two or more.
  private func applyHolm<Record>(
    _ pValues: [(Int, Double)],
    to records: inout [Record],
    adjusted: WritableKeyPath<Record, Double?>
  ) -> Bool {
    guard pValues.count >= 2, let holm = try? HolmAdjustment(pValues: pValues.map(\.1)) else {
      return false
    }
    for (position, entry) in pValues.enumerated() {
      records[entry.0][keyPath: adjusted] = holm.adjustedPValues[position]
    }
    return true
  }

  private func scaled(_ interval: ConfidenceInterval) -> ConfidenceInterval {
    ConfidenceInterval(
      lower: 100 * interval.lower,
      upper: 100 * interval.upper,
      level: interval.level
    )
  }
}
