import SurveyInstruments
import SurveyStatistics

/// A cohort's difference from the reference, as an indicator's proportions and a score's means
/// both have it.
protocol CohortDifference {
  /// The cohort.
  var cohort: String { get }
  /// The reference cohort.
  var reference: String { get }
  /// The cohort's estimate minus the reference's; `nil` when hidden or not computed.
  var difference: Double? { get }
  /// The difference's interval.
  var interval: ConfidenceInterval? { get }
  /// The p-value of the test.
  var pValue: Double? { get }
  /// The Holm-adjusted p-value, with several cohorts.
  var adjustedPValue: Double? { get }
  /// The standardised effect (Hedges' g), when the comparison has one.
  var effect: Double? { get }
  /// Whether the difference is hidden because it involves a hidden count.
  var isSuppressed: Bool { get }
  /// Notes on the comparison.
  var notes: [String] { get }
}

extension ProportionComparison: CohortDifference {
  var effect: Double? { nil }
}

extension MeanComparison: CohortDifference {
  var effect: Double? { hedgesG }
}

/// The parts of a comparison's measure sections that indicators and scores share: the
/// differences from the reference, their charts, and the cohorts without an answer.
extension ComparisonDocument {
  /// `No answer: Hillcrest 12; Riverside *.`, for the cohorts with any; nothing otherwise.
  func absentFooter(
    _ what: String,
    _ cohorts: [(cohort: String, absent: ProtectedCount)]
  )
    -> [String]
  {
    let absent = cohorts.filter { $0.absent.count > 0 }
    guard !absent.isEmpty else { return [] }
    return [
      "\(what): "
        + absent.map { "\($0.cohort) \(format.count($0.absent.shownCount))" }.joined(
          separator: "; "
        ) + "."
    ]
  }

  /// Each cohort's estimate with its interval: percentages on an axis from 0% to 100%, means
  /// on an axis fitted to them.
  func cohortChart(
    _ title: String,
    what: String,
    id: String,
    decimals: Int,
    estimates: [Document.Estimate],
    onPercentAxis: Bool,
    range: ClosedRange<Double>? = nil
  ) -> Document.Chart {
    let chartTitle = "\(title): \(what) in each cohort with \(level) confidence interval"
    let scale =
      range.map {
        " The axis is the score's whole scale, from \(formatNumber($0.lowerBound)) to "
          + "\(formatNumber($0.upperBound))."
      } ?? ""
    return Document.Chart(
      id: id,
      title: chartTitle,
      summary: "Dots mark each cohort's \(what) and whiskers its interval.\(scale) The figures "
        + "are in the table above.",
      caption: "Figure: \(chartTitle)"
        + (range.map {
          ", on the whole scale (\(formatNumber($0.lowerBound)) to \(formatNumber($0.upperBound)))"
        }
          ?? "") + ".",
      kind: onPercentAxis
        ? .percentIntervals(
          Document.PercentIntervals(lines: estimates.map { .row($0) }, decimals: decimals)
        )
        : .intervals(
          Document.IntervalPlot(
            rows: estimates,
            domain: range,
            showsZero: false,
            decimals: decimals
          )
        )
    )
  }

  /// The table of differences from the reference, with a chart of them when `chartID` is
  /// given; nothing without differences.
  func differences(
    _ differences: [some CohortDifference],
    measure: String,
    unit: String,
    places: Int,
    adjusted: Bool,
    effectName: String?,
    chartID: String?
  ) -> [Document.Block] {
    guard !differences.isEmpty else { return [] }
    let reference = report.reference
    var columns = [Table.Column("Cohort")] + numericColumns("Difference", "\(level) CI", "p")
    if adjusted { columns += numericColumns("Holm p") }
    if let effectName { columns += numericColumns(effectName) }
    let rows = differences.map { row -> Table.Row in
      if row.isSuppressed {
        return Table.Row(
          [.text(row.cohort)] + Array(repeating: .hidden(.hidden), count: columns.count - 1)
        )
      }
      let bounds = ConfidenceBounds(row.interval)
      let decimals =
        bounds.map { ReportFormatting.decimals(showing: $0, atLeast: places) } ?? places
      var cells: [Cell] = [
        .text(row.cohort), .signed(row.difference, decimals: decimals),
        .interval(bounds, decimals: decimals, style: .signed),
        .pValue(row.pValue),
      ]
      if adjusted { cells.append(.pValue(row.adjustedPValue)) }
      if effectName != nil { cells.append(.signed(row.effect, decimals: 2)) }
      return Table.Row(cells)
    }
    var footer: [String] = []
    if differences.contains(where: \.isSuppressed) {
      footer.append("* hidden: it involves a count that is suppressed to protect small numbers.")
    }
    for row in differences where !row.isSuppressed && !row.notes.isEmpty {
      footer.append("\(row.cohort): \(row.notes.joined(separator: "; ")).")
    }
    var blocks: [Document.Block] = [
      .table(
        Table(
          caption: "Difference from \(reference) (\(unit))",
          columns: columns,
          rows: rows,
          footer: footer
        )
      )
    ]
    guard let chartID else { return blocks }
    let title =
      unit == "percentage points"
      ? "\(measure): difference from \(reference) in percentage points with \(level) interval"
      : "\(measure): difference in means from \(reference) with \(level) interval"
    let estimates = differences.map { row in
      Document.Estimate(
        label: row.cohort,
        value: row.isSuppressed ? .hidden : (row.difference.map { .shown($0) } ?? .absent),
        interval: ConfidenceBounds(row.interval)
      )
    }
    blocks.append(
      .chart(
        Document.Chart(
          id: chartID,
          title: title,
          summary: "Dots mark each cohort's difference from the reference and whiskers its "
            + "interval, on an axis centred on zero; the vertical line at zero is no difference. "
            + "The figures are in the table above.",
          caption: "Figure: \(title).",
          kind: .intervals(
            Document.IntervalPlot(
              rows: estimates,
              showsZero: true,
              decimals: places,
              unit: unit == "percentage points" ? " pp" : ""
            )
          )
        )
      )
    )
    return blocks
  }
}
