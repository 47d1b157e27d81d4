import SurveyCSV
import SurveyInstruments
import SurveyStatistics

/// A tidy CSV for spreadsheets and programs, with stable columns for every kind of document,
/// written from the report the document was made from (``Document/data``).
///
/// A comparison or change report has the columns ``comparisonColumns``, an import report
/// ``importColumns``. A survey report has one row per measure, grouping, group and category,
/// with the columns ``columns``: `measure`, `kind`, `title`, `group_by` (empty for the whole sample), `group`,
/// `row_type` (`category`, `missing`, `statistic`, `bin` or `notice`), `category` (answer, band, reason,
/// statistic name or bin), `count`, `base`, `percent`, `ci_lower`, `ci_upper` (percent units for
/// percentages; score units for `mean`), `value` (a statistic's value), `suppressed` (`hidden`
/// or empty), `low_base` (`yes` when the base is under 30).
///
/// The first rows after the header are the licence notices the instruments require on every
/// document of results, one a row: `row_type` is `notice`, the text is in `title`, and every
/// other column is empty.
public struct TidyCSVRenderer: ReportSerialising {
  /// Creates a renderer.
  public init() {}

  /// The column headers, in order.
  public static let columns = [
    "measure", "kind", "title", "group_by", "group", "row_type", "category", "count", "base",
    "percent", "ci_lower",
    "ci_upper", "value", "suppressed", "low_base",
  ]

  /// Writes the report `document` was made from as tidy CSV.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ document: Document, to output: inout some TextOutputStream) {
    serialise(document, to: &output)
  }

  /// Writes the survey report as tidy CSV with the columns ``columns``, a group's rows at a time.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  static func write(_ report: Report, to output: inout some TextOutputStream) {
    let writer = CSVWriter()
    let decimals = report.metadata.decimals
    writer.write(Self.columns, to: &output)
    for notice in report.metadata.licenceNotices {
      writer.write(
        ["", "", notice, "", "", "notice"] + Array(repeating: "", count: 9),
        to: &output
      )
    }
    for index in 0..<report.measureCount {
      let measure = report.measure(at: index)
      let places = measure.statisticDecimals
      for breakdown in measure.breakdowns {
        for group in breakdown.groups {
          var rows: [[String]] = []
          let prefix = [
            measure.id, measure.kind.rawValue, measure.title, breakdown.groupBy ?? "",
            group.group ?? "",
          ]
          let base = group.shownBase.map(String.init) ?? ""
          let lowBase = group.isLowBase && !group.isSuppressed ? "yes" : ""
          func row(_ type: String, _ estimate: CategoryEstimate, base: String) -> [String] {
            prefix + [
              type, estimate.category, estimate.shownCount.map(String.init) ?? "", base,
              estimate.percent.map { fixed($0, decimals: decimals) } ?? "",
              estimate.interval.map { fixed($0.lower, decimals: decimals) } ?? "",
              estimate.interval.map { fixed($0.upper, decimals: decimals) } ?? "", "",
              estimate.suppression?.rawValue ?? "", lowBase,
            ]
          }
          for category in group.categories { rows.append(row("category", category, base: base)) }
          if let summary = group.summary {
            let hidden = summary.isSuppressed
            func statistic(
              _ name: String,
              _ value: Double?,
              lower: Double? = nil,
              upper: Double? = nil
            ) -> [String] {
              prefix + [
                "statistic", name, "", summary.shownCount.map(String.init) ?? "", "",
                hidden ? "" : (lower.map { fixed($0, decimals: places) } ?? ""),
                hidden ? "" : (upper.map { fixed($0, decimals: places) } ?? ""),
                hidden ? "" : (value.map { fixed($0, decimals: places) } ?? ""),
                hidden ? "hidden" : "", lowBase,
              ]
            }
            rows.append(
              statistic(
                "mean",
                summary.mean,
                lower: summary.meanInterval?.lower,
                upper: summary.meanInterval?.upper
              )
            )
            rows.append(statistic("sd", summary.standardDeviation))
            rows.append(statistic("median", summary.median))
            rows.append(statistic("lower_quartile", summary.lowerQuartile))
            rows.append(statistic("upper_quartile", summary.upperQuartile))
            rows.append(statistic("minimum", summary.minimum))
            rows.append(statistic("maximum", summary.maximum))
          }
          for missing in group.missing where missing.count > 0 {
            rows.append(row("missing", missing, base: ""))
          }
          for bin in group.histogram { rows.append(row("bin", bin, base: "")) }
          output.write(writer.text(for: rows))
        }
      }
    }
  }
}
