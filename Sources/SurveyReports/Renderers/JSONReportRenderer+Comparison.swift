import SurveyInstruments
import SurveyStatistics

/// Shared JSON pieces of the comparison and change schemas.
enum ReportJSON {
  /// The weighting note of a comparison or change report, or null when unweighted.
  static func weighting(_ weighting: WeightingNote?) -> JSONValue {
    guard let weighting else { return .null }
    return jsonObject([
      ("column", .string(weighting.column)), ("method", .string(weighting.method)),
      ("effective_sample_size", .rounded(weighting.effectiveSampleSize, decimals: 2)),
      ("design_effect", .rounded(weighting.designEffect, decimals: 4)),
    ])
  }

  static func count(_ count: ProtectedCount) -> JSONValue {
    count.shownCount.map(JSONValue.integer) ?? .null
  }

  static func suppression(_ count: ProtectedCount) -> JSONValue {
    count.suppression.map { JSONValue.string($0.rawValue) } ?? .null
  }

  static func pValue(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

  static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

  static func exclusions(_ exclusions: [Exclusion]) -> JSONValue {
    .array(
      exclusions.map {
        jsonObject([
          ("scope", .string($0.scope)), ("reason", .string($0.reason)),
          ("count", .integer($0.count)),
          ("lines", .array($0.lines.map(JSONValue.integer))),
        ])
      }
    )
  }

  static func instruments(_ instruments: [InstrumentUsed]) -> JSONValue {
    .array(
      instruments.map {
        jsonObject([
          ("id", .string($0.id)), ("title", .string($0.title)), ("version", .string($0.version)),
          ("origin", .string($0.origin)),
        ])
      }
    )
  }

  static func suppressionPolicy(_ policy: SuppressionPolicy, description: String) -> JSONValue {
    jsonObject([("policy", .string(policy.name)), ("description", .string(description))])
  }

  static func reasons(_ reasons: [ReasonCount]) -> JSONValue {
    .array(
      reasons.map {
        jsonObject([
          ("reason", .string($0.reason)), ("details", strings($0.details)),
          ("count", count($0.count)),
          ("suppressed", suppression($0.count)),
        ])
      }
    )
  }
}

extension JSONReportRenderer {
  /// The comparison as JSON with the stable schema `loneliness-compare/1`.
  ///
  /// The members are:
  ///
  /// - `schema`; `metadata` (`title`, `source_files`, `cohort_column` (null for one file per
  ///   cohort), `rows_read`, `exclusions`, `instruments`, `licence_notices`, `suppression`,
  ///   `confidence_level`, `decimals`, `low_base_threshold`, `weighting` (null when unweighted;
  ///   otherwise `column`, `method`, `effective_sample_size` and `design_effect`, Kish's, over
  ///   the rows with a usable weight and a cohort), `notes`, `toolkit_version`); `reference`;
  ///   `cohorts` (`cohort`, `rows`, `suppressed`).
  /// - `indicators`: `measure`, `title`, `notes`, `holm_adjusted`, `cohorts` (`cohort`, `count`,
  ///   `base`, `absent`, `percent`, `ci_lower`, `ci_upper`, `low_base`, `suppressed`) and
  ///   `comparisons` (`cohort`, `reference`, `difference_pp`, `ci_lower`, `ci_upper`, `p_value`,
  ///   `p_adjusted`, `interval_method`, `test`, `suppressed`, `notes`).
  /// - `scores`: `measure`, `title`, `better` (`higher`, `lower` or null), `notes`,
  ///   `holm_adjusted`, `cohorts` (`cohort`, `n`, `absent`, `mean`, `sd`, `ci_lower`, `ci_upper`,
  ///   `low_base`, `suppressed`, `notes`) and `comparisons` (`cohort`, `reference`, `difference`,
  ///   `ci_lower`, `ci_upper`, `df`, `p_value`, `p_adjusted`, `hedges_g`, `test`, `suppressed`,
  ///   `notes`).
  ///
  /// When weighted, `percent`, `mean`, their intervals and the differences are weighted, counts
  /// and bases are not, and a difference's `interval_method` and `test` are `weighted-t` (the
  /// design-based t-test of R's `survey::svyttest`; `metadata.weighting.method` says the rest).
  ///
  /// A hidden figure is `null`. Percentages and differences in percentage points are rounded to
  /// the report's decimals, means to two more places than the score's own, effect sizes to four;
  /// p-values are not rounded.
  ///
  /// - Complexity: O(*n*) in the size of the comparison.
  static func text(for comparison: ComparisonReport) -> String {
    let meta = comparison.metadata
    let decimals = meta.decimals
    let weighted = meta.weighting != nil
    let indicators: [JSONValue] = comparison.indicators.map { measure in
      let cohorts: [JSONValue] = measure.cohorts.map { cohort in
        jsonObject([
          ("cohort", .string(cohort.cohort)), ("count", ReportJSON.count(cohort.successes)),
          ("base", ReportJSON.count(cohort.base)), ("absent", ReportJSON.count(cohort.absent)),
          ("percent", .rounded(cohort.percent, decimals: decimals)),
          ("ci_lower", .rounded(cohort.interval?.lower, decimals: decimals)),
          ("ci_upper", .rounded(cohort.interval?.upper, decimals: decimals)),
          ("low_base", .bool(cohort.isLowBase)),
          ("suppressed", ReportJSON.suppression(cohort.successes)),
        ])
      }
      let comparisons: [JSONValue] = measure.comparisons.map { difference in
        jsonObject([
          ("cohort", .string(difference.cohort)), ("reference", .string(difference.reference)),
          ("difference_pp", .rounded(difference.difference, decimals: decimals)),
          ("ci_lower", .rounded(difference.interval?.lower, decimals: decimals)),
          ("ci_upper", .rounded(difference.interval?.upper, decimals: decimals)),
          ("p_value", ReportJSON.pValue(difference.pValue)),
          ("p_adjusted", ReportJSON.pValue(difference.adjustedPValue)),
          ("interval_method", .string(weighted ? "weighted-t" : "newcombe-hybrid-score")),
          ("test", .string(weighted ? "weighted-t" : "two-proportion-z")),
          ("suppressed", .bool(difference.isSuppressed)),
          ("notes", ReportJSON.strings(difference.notes)),
        ])
      }
      return jsonObject([
        ("measure", .string(measure.id)), ("title", .string(measure.title)),
        ("notes", ReportJSON.strings(measure.notes)),
        ("holm_adjusted", .bool(measure.isAdjusted)), ("cohorts", .array(cohorts)),
        ("comparisons", .array(comparisons)),
      ])
    }
    let scores: [JSONValue] = comparison.scores.map { measure in
      let places = measure.decimals + 2
      let cohorts: [JSONValue] = measure.cohorts.map { cohort in
        jsonObject([
          ("cohort", .string(cohort.cohort)), ("n", ReportJSON.count(cohort.count)),
          ("absent", ReportJSON.count(cohort.absent)),
          ("mean", .rounded(cohort.mean, decimals: places)),
          ("sd", .rounded(cohort.standardDeviation, decimals: places)),
          ("ci_lower", .rounded(cohort.interval?.lower, decimals: places)),
          ("ci_upper", .rounded(cohort.interval?.upper, decimals: places)),
          ("low_base", .bool(cohort.isLowBase)),
          ("suppressed", .bool(cohort.isSuppressed)), ("notes", ReportJSON.strings(cohort.notes)),
        ])
      }
      let comparisons: [JSONValue] = measure.comparisons.map { difference in
        jsonObject([
          ("cohort", .string(difference.cohort)), ("reference", .string(difference.reference)),
          ("difference", .rounded(difference.difference, decimals: places)),
          ("ci_lower", .rounded(difference.interval?.lower, decimals: places)),
          ("ci_upper", .rounded(difference.interval?.upper, decimals: places)),
          ("df", .rounded(difference.degreesOfFreedom, decimals: 2)),
          ("p_value", ReportJSON.pValue(difference.pValue)),
          ("p_adjusted", ReportJSON.pValue(difference.adjustedPValue)),
          ("hedges_g", .rounded(difference.hedgesG, decimals: 4)),
          ("test", .string(weighted ? "weighted-t" : "welch-t")),
          ("suppressed", .bool(difference.isSuppressed)),
          ("notes", ReportJSON.strings(difference.notes)),
        ])
      }
      return jsonObject([
        ("measure", .string(measure.id)), ("title", .string(measure.title)),
        ("better", measure.better.map { JSONValue.string($0.rawValue) } ?? .null),
        ("notes", ReportJSON.strings(measure.notes)),
        ("holm_adjusted", .bool(measure.isAdjusted)), ("cohorts", .array(cohorts)),
        ("comparisons", .array(comparisons)),
      ])
    }
    let metadata: [(String, JSONValue)] = [
      ("title", .string(meta.title)), ("source_files", ReportJSON.strings(meta.sourceFiles)),
      ("cohort_column", .optional(meta.cohortColumn)), ("rows_read", .integer(meta.rowsRead)),
      ("exclusions", ReportJSON.exclusions(meta.exclusions)),
      ("instruments", ReportJSON.instruments(meta.instruments)),
      ("licence_notices", ReportJSON.strings(meta.licenceNotices)),
      (
        "suppression",
        ReportJSON.suppressionPolicy(
          meta.suppression,
          description: meta.suppression.comparisonDescription
        )
      ),
      ("confidence_level", .number(meta.confidenceLevel)),
      ("decimals", .integer(decimals)), ("low_base_threshold", .integer(meta.lowBaseThreshold)),
      ("weighting", ReportJSON.weighting(meta.weighting)),
      ("notes", ReportJSON.strings(meta.notes)), ("toolkit_version", .string(meta.toolkitVersion)),
    ]
    return JSONWriter.text(
      for:
        jsonObject([
          ("schema", .string(ComparisonReport.schema)), ("metadata", jsonObject(metadata)),
          ("reference", .string(comparison.reference)),
          (
            "cohorts",
            .array(
              comparison.cohorts.map {
                jsonObject([
                  ("cohort", .string($0.cohort)), ("rows", ReportJSON.count($0.rows)),
                  ("suppressed", ReportJSON.suppression($0.rows)),
                ])
              }
            )
          ),
          ("indicators", .array(indicators)), ("scores", .array(scores)),
        ])
    )
  }
}
