import SurveyCSV
import SurveyInstruments
import SurveyStatistics

/// The columns of the tidy CSV of comparisons and change reports, in order.
///
/// `measure` (id, or `pairing`), `kind` (`indicator`, `score`, `pairing`), `comparison` (for
/// differences: `COHORT vs REFERENCE` or `FOLLOW-UP vs BASELINE`), `cohort` (the cohort or wave an
/// estimate belongs to), `statistic` (what the row holds, such as `percent`, `mean`,
/// `difference_pp`, `mean_change`), `category` (a share, band pair or reason), `value`,
/// `ci_lower`, `ci_upper`, `p_value`, `p_adjusted` (Holm), `n` (the base), `note`, `suppressed`
/// (`hidden` or empty).
///
/// The first rows after the header are the licence notices the instruments require on every
/// document of results, one a row: `kind` and `statistic` are `notice`, the text is in `note`,
/// and every other column is empty. When estimates are weighted, two rows of kind `weighting`
/// follow (see `weightingRows`); percentages, means and differences are then weighted, counts and
/// `n` are not.
let comparisonCSVColumns = [
  "measure", "kind", "comparison", "cohort", "statistic", "category", "value", "ci_lower",
  "ci_upper", "p_value",
  "p_adjusted", "n", "note", "suppressed",
]

/// The rows of licence notices that open a comparison or change CSV.
func noticeRows(_ notices: [String]) -> [[String]] {
  notices.map { TidyRow(measure: "", kind: "notice", statistic: "notice", note: $0).cells }
}

/// The rows of the weighting note of a comparison or change CSV, none when unweighted: `measure`
/// `weighting`, `kind` `weighting`, `category` the weight column, and `statistic`
/// `effective_sample_size` (two decimals) then `design_effect` (four), the method in `note`.
func weightingRows(_ weighting: WeightingNote?) -> [[String]] {
  guard let weighting else { return [] }
  return [
    TidyRow(
      measure: "weighting",
      kind: "weighting",
      statistic: "effective_sample_size",
      category: weighting.column,
      value: fixed(weighting.effectiveSampleSize, decimals: 2),
      note: weighting.method
    ).cells,
    TidyRow(
      measure: "weighting",
      kind: "weighting",
      statistic: "design_effect",
      category: weighting.column,
      value: fixed(weighting.designEffect, decimals: 4)
    ).cells,
  ]
}

/// One row of the tidy CSV, with named fields so that rows read clearly where they are made.
struct TidyRow {
  var measure: String
  var kind: String
  var comparison = ""
  var cohort = ""
  var statistic: String
  var category = ""
  var value = ""
  var lower = ""
  var upper = ""
  var pValue = ""
  var adjusted = ""
  var n = ""
  var note = ""
  var suppressed = ""

  var cells: [String] {
    [
      measure, kind, comparison, cohort, statistic, category, value, lower, upper, pValue, adjusted,
      n, note, suppressed,
    ]
  }
}

/// A number as CSV and JSON write it: `places` decimals, or empty.
func csvNumber(_ value: Double?, places: Int) -> String {
  value.map { fixed($0, decimals: places) } ?? ""
}

/// A p-value at full precision, or empty.
func csvPValue(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }

extension TidyCSVRenderer {
  /// The columns of the comparison and change CSV, in order.
  public static let comparisonColumns = comparisonCSVColumns

  /// The comparison as tidy CSV: one row per cohort estimate and per difference.
  ///
  /// Percentages and differences in percentage points have the report's decimals; means and
  /// differences in means one more than the score's own; Hedges' g three; p-values full
  /// precision.
  ///
  /// - Complexity: O(*n*) in the size of the comparison.
  static func text(for comparison: ComparisonReport) -> String {
    let decimals = comparison.metadata.decimals
    var rows: [[String]] =
      [comparisonCSVColumns] + noticeRows(comparison.metadata.licenceNotices)
      + weightingRows(comparison.metadata.weighting)
    for cohort in comparison.cohorts {
      rows.append(
        TidyRow(
          measure: "cohorts",
          kind: "cohort",
          cohort: cohort.cohort,
          statistic: "rows",
          value: cohort.rows.shownCount.map(String.init) ?? "",
          note: cohort.cohort == comparison.reference ? "reference" : "",
          suppressed: cohort.rows.suppression?.rawValue ?? ""
        ).cells
      )
    }
    for measure in comparison.indicators {
      for cohort in measure.cohorts {
        var row = TidyRow(
          measure: measure.id,
          kind: "indicator",
          cohort: cohort.cohort,
          statistic: "count",
          value: cohort.successes.shownCount.map(String.init) ?? "",
          n: cohort.base.shownCount.map(String.init) ?? "",
          note: cohort.isLowBase ? "low base" : "",
          suppressed: cohort.successes.suppression?.rawValue ?? ""
        )
        rows.append(row.cells)
        row.statistic = "percent"
        row.value = csvNumber(cohort.percent, places: decimals)
        row.lower = csvNumber(cohort.interval?.lower, places: decimals)
        row.upper = csvNumber(cohort.interval?.upper, places: decimals)
        rows.append(row.cells)
      }
      for difference in measure.comparisons {
        rows.append(
          differenceRow(difference, measure: measure.id, kind: "indicator", places: decimals).cells
        )
      }
    }
    for measure in comparison.scores {
      let places = measure.decimals + 1
      for cohort in measure.cohorts {
        var row = TidyRow(
          measure: measure.id,
          kind: "score",
          cohort: cohort.cohort,
          statistic: "mean",
          value: csvNumber(cohort.mean, places: places),
          lower: csvNumber(cohort.interval?.lower, places: places),
          upper: csvNumber(cohort.interval?.upper, places: places),
          n: cohort.count.shownCount.map(String.init) ?? "",
          note: ([cohort.isLowBase ? "low base" : ""] + cohort.notes).filter { !$0.isEmpty }
            .joined(separator: "; "),
          suppressed: cohort.isSuppressed ? "hidden" : ""
        )
        rows.append(row.cells)
        row.statistic = "sd"
        row.value = csvNumber(cohort.standardDeviation, places: places)
        (row.lower, row.upper) = ("", "")
        rows.append(row.cells)
      }
      for difference in measure.comparisons {
        let row = differenceRow(difference, measure: measure.id, kind: "score", places: places)
        rows.append(row.cells)
        rows.append(
          TidyRow(
            measure: measure.id,
            kind: "score",
            comparison: row.comparison,
            cohort: row.cohort,
            statistic: "hedges_g",
            value: csvNumber(difference.hedgesG, places: 3),
            suppressed: row.suppressed
          ).cells
        )
      }
    }
    return CSVWriter().text(for: rows)
  }

  /// The row of a cohort's difference from the reference: `difference_pp` for an indicator,
  /// `difference_in_means` for a score.
  private static func differenceRow(
    _ difference: some CohortDifference,
    measure: String,
    kind: String,
    places: Int
  ) -> TidyRow {
    TidyRow(
      measure: measure,
      kind: kind,
      comparison: "\(difference.cohort) vs \(difference.reference)",
      cohort: difference.cohort,
      statistic: kind == "indicator" ? "difference_pp" : "difference_in_means",
      value: csvNumber(difference.difference, places: places),
      lower: csvNumber(difference.interval?.lower, places: places),
      upper: csvNumber(difference.interval?.upper, places: places),
      pValue: csvPValue(difference.pValue),
      adjusted: csvPValue(difference.adjustedPValue),
      note: difference.notes.joined(separator: "; "),
      suppressed: difference.isSuppressed ? "hidden" : ""
    )
  }
}
