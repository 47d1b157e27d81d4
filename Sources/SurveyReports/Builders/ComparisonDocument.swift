import SurveyInstruments
import SurveyStatistics

/// Lays a ``ComparisonReport`` out as a ``Document``.
struct ComparisonDocument: DocumentBuilding {
  let report: ComparisonReport

  var metadata: ComparisonMetadata { report.metadata }

  var document: Document {
    var charts = ChartNumbers()
    let measures =
      report.indicators.map { indicatorSection($0, charts: &charts) }
      + report.scores.map { scoreSection($0, charts: &charts) }
    return document(
      .comparison(report),
      sections: [opening, headlines] + measureSections(measures) + [about]
    )
  }

  private var opening: Document.Section {
    let from =
      metadata.cohortColumn.map { "cohorts from column '\($0)'" } ?? "one cohort per file"
    let cohorts = Table(
      caption: "Cohorts",
      columns: [Table.Column("Cohort"), Table.Column("Rows", isNumeric: true)],
      rows: report.cohorts.map {
        Table.Row([
          .text($0.cohort + ($0.cohort == report.reference ? " (reference)" : "")),
          .count($0.rows.shownCount, hidden: $0.rows.suppression),
        ])
      }
    )
    return opening(
      "Source: \(metadata.sourceFiles.joined(separator: ", ")); "
        + "\(counted(metadata.rowsRead, "row")) read; \(from). "
        + "Every cohort is compared with the reference, '\(report.reference)'.",
      notices: metadata.licenceNotices,
      more: [.table(cohorts)]
    )
  }

  private var headlines: Document.Section {
    let decimals = metadata.decimals
    var items: [Document.RichText] = []
    for measure in report.indicators {
      guard let reference = measure.cohorts.first else { continue }
      for comparison in measure.comparisons {
        guard let difference = comparison.difference,
          let cohort = measure.cohorts.first(where: { $0.cohort == comparison.cohort }),
          let percent = cohort.percent, let referencePercent = reference.percent
        else { continue }
        let line =
          ": \(comparison.cohort) \(fixed(percent, decimals: decimals))% against "
          + "\(comparison.reference) \(fixed(referencePercent, decimals: decimals))%, a "
          + differenceText(
            comparison,
            difference: difference,
            places: decimals,
            unit: "percentage points"
          )
        items.append(Document.RichText([.strong(measure.title), .plain(line)]))
      }
    }
    for measure in report.scores {
      let places = Self.statisticPlaces(measure.decimals)
      guard let reference = measure.cohorts.first, let referenceMean = reference.mean else {
        continue
      }
      for comparison in measure.comparisons {
        guard let difference = comparison.difference,
          let cohort = measure.cohorts.first(where: { $0.cohort == comparison.cohort }),
          let mean = cohort.mean
        else { continue }
        let line =
          ": \(comparison.cohort) mean \(fixed(mean, decimals: places)) against "
          + "\(comparison.reference) \(fixed(referenceMean, decimals: places)), a "
          + differenceText(comparison, difference: difference, places: places, unit: "points")
        items.append(Document.RichText([.strong(measure.title), .plain(line)]))
      }
    }
    var blocks: [Document.Block] = []
    if !items.isEmpty { blocks.append(.list(Document.List(items, style: .headlines))) }
    if let keyChart { blocks.append(.forms(brief: [], detailed: [.chart(keyChart)])) }
    return Document.Section(id: "headlines", title: "Headlines", role: .headlines, blocks: blocks)
  }

  /// Decimal places of a score's means and differences: one for a score of whole numbers,
  /// otherwise the score's own (SWEMWBS metric: 2).
  static func statisticPlaces(_ decimals: Int) -> Int { max(decimals, 1) }

  /// `difference of -7.6 percentage points (95% CI -15.6 to +0.6; p = 0.068)`, with enough
  /// places that the interval reads true.
  private func differenceText(
    _ comparison: some CohortDifference,
    difference: Double,
    places: Int,
    unit: String
  ) -> String {
    var decimals = places
    var interval = ""
    if let bounds = ConfidenceBounds(comparison.interval) {
      decimals = ReportFormatting.decimals(showing: bounds, atLeast: places)
      interval =
        " (\(level) CI \(signed(bounds.lower, places: decimals)) to "
        + "\(signed(bounds.upper, places: decimals))"
      if let adjusted = comparison.adjustedPValue {
        interval += "; Holm-adjusted \(ReportFormatting.pValue(adjusted))"
      } else if let p = comparison.pValue {
        interval += "; \(ReportFormatting.pValue(p))"
      }
      interval += ")"
    }
    return "difference of \(signed(difference, places: decimals)) \(unit)" + interval
  }

  /// Every cohort's difference from the reference on every indicator, on one axis in
  /// percentage points: the first page's chart, whose figures are the headlines above it.
  private var keyChart: Document.Chart? {
    var rows: [Document.Estimate] = []
    let several = report.cohorts.count > 2
    for measure in report.indicators {
      for comparison in measure.comparisons {
        rows.append(
          Document.Estimate(
            label: several ? "\(measure.title): \(comparison.cohort)" : measure.title,
            value: comparison.isSuppressed
              ? .hidden : (comparison.difference.map { .shown($0) } ?? .absent),
            interval: comparison.isSuppressed ? nil : ConfidenceBounds(comparison.interval)
          )
        )
      }
    }
    guard !rows.isEmpty else { return nil }
    let cohorts = report.cohorts.map(\.cohort).filter { $0 != report.reference }
    let title =
      "Headline indicators: difference from \(report.reference) in percentage points"
      + (several ? "" : " (\(cohorts.joined()) minus \(report.reference))")
    return Document.Chart(
      id: "chart-key",
      title: title,
      summary: "Dots mark each difference from the reference and whiskers its \(level) interval, "
        + "on an axis in percentage points centred on zero (no difference). The figures are the "
        + "headlines above.",
      caption: "Figure: \(title), with \(level) intervals.",
      kind: .intervals(
        Document.IntervalPlot(
          rows: rows,
          showsZero: true,
          decimals: metadata.decimals,
          unit: " pp",
          labelsAbove: true
        )
      )
    )
  }

  private func indicatorSection(
    _ measure: IndicatorComparison,
    charts: inout ChartNumbers
  ) -> Measure {
    let decimals = metadata.decimals
    var blocks: [Document.Block] = [
      identifier(
        "Measure \(measure.id) (indicator): the percentage of those answering for whom it is yes."
      )
    ]
    let rows = measure.cohorts.map { cohort -> Table.Row in
      let hidden = cohort.successes.suppression
      return Table.Row([
        .rich(.label(cohort.cohort, isLowBase: cohort.isLowBase && cohort.base.shownCount != nil)),
        .count(cohort.successes.shownCount, hidden: hidden),
        .count(cohort.base.shownCount, hidden: cohort.base.suppression),
        .percent(cohort.percent, decimals: decimals, hidden: hidden),
        cohort.successes.shownCount == nil
          ? .hidden(hidden)
          : .interval(ConfidenceBounds(cohort.interval), decimals: decimals, style: .compact),
      ])
    }
    var footer: [String] = []
    if measure.cohorts.contains(where: {
      $0.successes.suppression != nil || $0.base.suppression != nil
    }) {
      footer.append("* hidden to protect small counts.")
    }
    footer += absentFooter("No answer", measure.cohorts.map { ($0.cohort, $0.absent) })
    let table = Table(
      columns: [Table.Column("Cohort")] + numericColumns("Yes", "Base", "%", "\(level) CI"),
      rows: rows,
      footer: footer
    )
    blocks += results(measure, table: table, places: decimals, charts: &charts)
    return Measure(title: measure.title, blocks: blocks)
  }

  private func scoreSection(
    _ measure: ScoreComparison,
    charts: inout ChartNumbers
  ) -> Measure {
    let places = Self.statisticPlaces(measure.decimals)
    var blocks = [scoreIdentifier(measure.id, better: measure.better)]
    let rows = measure.cohorts.map { cohort -> Table.Row in
      let name = Cell.rich(
        .label(cohort.cohort, isLowBase: cohort.isLowBase && !cohort.isSuppressed)
      )
      let n = Cell.count(cohort.count.shownCount, hidden: cohort.count.suppression)
      guard !cohort.isSuppressed else {
        return Table.Row([name, n] + Array(repeating: .hidden(.hidden), count: 3))
      }
      return Table.Row([
        name, n, .number(cohort.mean, decimals: places),
        .interval(ConfidenceBounds(cohort.interval), decimals: places, style: .compact),
        .number(cohort.standardDeviation, decimals: places),
      ])
    }
    var footer: [String] = []
    if measure.cohorts.contains(where: \.isSuppressed) {
      footer.append("* hidden to protect small counts.")
    }
    for cohort in measure.cohorts where !cohort.notes.isEmpty {
      footer.append("\(cohort.cohort): \(cohort.notes.joined(separator: "; ")).")
    }
    footer += absentFooter("No score", measure.cohorts.map { ($0.cohort, $0.absent) })
    let table = Table(
      columns: [Table.Column("Cohort")] + numericColumns("n", "Mean", "\(level) CI of mean", "SD"),
      rows: rows,
      footer: footer
    )
    blocks += results(measure, table: table, places: places, charts: &charts)
    return Measure(title: measure.title, blocks: blocks)
  }

  /// The cohorts' table and chart, the differences from the reference and their chart, the
  /// methods and the notes.
  private func results(
    _ measure: some ComparedMeasure,
    table: Table,
    places: Int,
    charts: inout ChartNumbers
  ) -> [Document.Block] {
    let isIndicator = measure is IndicatorComparison
    let chart = cohortChart(
      measure.title,
      what: isIndicator ? "percentage" : "mean",
      id: charts.next(),
      decimals: places,
      estimates: measure.estimates,
      onPercentAxis: isIndicator,
      range: (measure as? ScoreComparison)?.range
    )
    let differences = differences(
      measure.differences,
      measure: measure.title,
      unit: isIndicator ? "percentage points" : "points",
      places: places,
      adjusted: measure.isAdjusted,
      effectName: isIndicator ? nil : "Hedges' g",
      chartID: measure.differences.isEmpty ? nil : charts.next()
    )
    let methods =
      metadata.weighting != nil
      ? "Weighted: intervals and tests of differences are the design-based t-test (as R's "
        + "survey::svyttest); counts and n are unweighted."
      : isIndicator
        ? "Intervals of differences: Newcombe's hybrid score method; tests: two-sample z-test for "
          + "proportions (pooled, no continuity correction)."
        : "Intervals and tests: Welch's t-test (unequal variances). Hedges' g: the difference over "
          + "the pooled SD, with the exact small-sample correction."
    return [.table(table), .chart(chart)] + differences
      + [.paragraph(Document.Paragraph(methods))] + notes(measure.notes)
  }

  private var about: Document.Section {
    var about: [String] = []
    about.append(
      "Source: \(metadata.sourceFiles.joined(separator: ", ")); "
        + "\(counted(metadata.rowsRead, "row")) read."
    )
    for exclusion in metadata.exclusions {
      about.append("Excluded from \(exclusion.scope): \(exclusion.count) (\(exclusion.reason)).")
    }
    about += instrumentLines(metadata.instruments)
    about.append(
      "Disclosure control: \(metadata.suppression.comparisonDescription)"
    )
    about.append(
      "Cohorts with fewer than \(metadata.lowBaseThreshold) answers are marked [low base]: their "
        + "estimates, intervals and tests are unreliable."
    )
    if let weighting = metadata.weighting {
      about.append(weighting.method)
      about.append(
        "Kish effective sample size \(fixed(weighting.effectiveSampleSize, decimals: 1)); "
          + "design effect due to weighting \(fixed(weighting.designEffect, decimals: 2))."
      )
      about.append(
        "Differences are each cohort minus the reference, with \(level) intervals. When more "
          + "than one cohort is compared with the reference, p-values are also given "
          + "Holm-adjusted across those comparisons, for each measure separately."
      )
    } else {
      about.append(
        "Differences are each cohort minus the reference. \(level) intervals: Wilson score for "
          + "percentages, t for means. When more than one cohort is compared with the reference, "
          + "p-values are also given Holm-adjusted across those comparisons, for each measure "
          + "separately."
      )
    }
    about.append(contentsOf: metadata.notes)
    about.append("Made with loneliness \(metadata.toolkitVersion).")
    return aboutSection(about, title: "About this comparison")
  }
}

/// An indicator or a score of a comparison, as its section draws it.
private protocol ComparedMeasure {
  associatedtype Difference: CohortDifference
  /// The measure's title.
  var title: String { get }
  /// Notes on the measure.
  var notes: [String] { get }
  /// Whether p-values are also Holm-adjusted.
  var isAdjusted: Bool { get }
  /// Each cohort's estimate, for a chart.
  var estimates: [Document.Estimate] { get }
  /// Each cohort's difference from the reference.
  var differences: [Difference] { get }
}

extension IndicatorComparison: ComparedMeasure {
  var estimates: [Document.Estimate] { cohorts.map(\.estimate) }
  var differences: [ProportionComparison] { comparisons }
}

extension ScoreComparison: ComparedMeasure {
  var estimates: [Document.Estimate] { cohorts.map(\.estimate) }
  var differences: [MeanComparison] { comparisons }
}

extension CohortProportion {
  /// The cohort's percentage with its interval, for a chart; hidden with its count.
  fileprivate var estimate: Document.Estimate {
    Document.Estimate(
      label: cohort,
      value: successes.shownCount == nil ? .hidden : (percent.map { .shown($0) } ?? .absent),
      interval: ConfidenceBounds(interval),
      isLowBase: isLowBase && base.shownCount != nil
    )
  }
}

extension CohortMean {
  /// The cohort's mean with its interval, for a chart.
  fileprivate var estimate: Document.Estimate {
    Document.Estimate(
      label: cohort,
      value: isSuppressed ? .hidden : (mean.map { .shown($0) } ?? .absent),
      interval: ConfidenceBounds(interval),
      isLowBase: isLowBase && !isSuppressed
    )
  }
}
