import SurveyInstruments
import SurveyStatistics

extension JSONReportRenderer {
  /// The change report as JSON with the stable schema `loneliness-change/1`.
  ///
  /// The members are:
  ///
  /// - `schema`; `metadata` (`title`, `source_files`, `id_column`, `wave_column` (null for one
  ///   file per wave), `baseline`, `follow_up`, `rows_read`, `exclusions`, `instruments`,
  ///   `licence_notices`, `suppression`, `confidence_level`, `decimals`, `weighting` (null when
  ///   unweighted; otherwise `column`, `method`, and Kish's `effective_sample_size` and
  ///   `design_effect` over the baseline weights of the pairs used), `notes`, `toolkit_version`).
  /// - `pairing`: `paired`, `baseline_ids`, `follow_up_ids`, `baseline_only` and
  ///   `follow_up_only` (lists of ids), `duplicates` (`id`, `wave`, `locations`, `resolution`:
  ///   `identical-used-once` or `excluded`).
  /// - `scores`: `measure`, `title`, `better`, `pairs_used`, `missing` (`reason`, `count`,
  ///   `suppressed`), `baseline` and `follow_up` (`mean`, `sd`), `change` (`mean`, `sd`,
  ///   `ci_lower`, `ci_upper`, `t`, `df`, `p_value`, `dz`), `wilcoxon` (`p_value`, `method`),
  ///   `threshold` (`points`, `source`, or null), `shares` (`movement`, `label`, `count`,
  ///   `percent`, `ci_lower`, `ci_upper`, `suppressed`), `transitions` (`bands`, `cells` as rows
  ///   of `count`/`suppressed`, `outside_bands`, `source`, or null), `suppressed`, `notes`.
  /// - `indicators`: `measure`, `title`, `pairs_used`, `missing`, `table` (`yes_yes`, `yes_no`,
  ///   `no_yes`, `no_no`, each `count`/`suppressed`), `baseline_percent`, `follow_up_percent`,
  ///   `mcnemar` (`method`, `note`, `statistic`, `p_value`, or null), `weighted_test` (`method`,
  ///   `t`, `p_value`, or null), `notes`.
  ///
  /// When weighted (each pair with its baseline row's weight), means, percentages, the mean
  /// change and its interval, t, df and p-value, and the shares' percentages and intervals are
  /// weighted; counts are not; `sd` stays unweighted; `change.sd`, `dz` and `wilcoxon` are null;
  /// an indicator's `mcnemar` is null and `weighted_test` holds the design-based paired t-test.
  ///
  /// A hidden figure is `null` (`pairs_used` too, when too few pairs have the measure).
  /// Percentages are rounded to the report's decimals, means to two more places than the score's
  /// own, t and d_z to four places; p-values are not rounded.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  static func text(for change: ChangeReport) -> String {
    let meta = change.metadata
    let decimals = meta.decimals
    func cell(_ count: ProtectedCount) -> JSONValue {
      jsonObject([
        ("count", ReportJSON.count(count)), ("suppressed", ReportJSON.suppression(count)),
      ])
    }
    let scores: [JSONValue] = change.scores.map { score in
      let places = score.decimals + 2
      let shares: [JSONValue] = score.shares.map { share in
        jsonObject([
          ("movement", .string(share.movement.rawValue)), ("label", .string(share.label)),
          ("count", ReportJSON.count(share.count)),
          ("percent", .rounded(share.count.percent, decimals: decimals)),
          ("ci_lower", .rounded(share.interval?.lower, decimals: decimals)),
          ("ci_upper", .rounded(share.interval?.upper, decimals: decimals)),
          ("suppressed", ReportJSON.suppression(share.count)),
        ])
      }
      let transitions: JSONValue =
        score.transitions.map { table in
          jsonObject([
            ("bands", ReportJSON.strings(table.bands)),
            ("cells", .array(table.cells.map { .array($0.map(cell)) })),
            ("outside_bands", cell(table.outsideBands)), ("source", .optional(table.source)),
          ])
        } ?? .null
      return jsonObject([
        ("measure", .string(score.id)), ("title", .string(score.title)),
        ("better", score.better.map { JSONValue.string($0.rawValue) } ?? .null),
        ("pairs_used", ReportJSON.count(score.pairs)),
        ("missing", ReportJSON.reasons(score.missing)),
        (
          "baseline",
          jsonObject([
            ("mean", .rounded(score.baselineMean, decimals: places)),
            ("sd", .rounded(score.baselineStandardDeviation, decimals: places)),
          ])
        ),
        (
          "follow_up",
          jsonObject([
            ("mean", .rounded(score.followUpMean, decimals: places)),
            ("sd", .rounded(score.followUpStandardDeviation, decimals: places)),
          ])
        ),
        (
          "change",
          jsonObject([
            ("mean", .rounded(score.meanChange, decimals: places)),
            ("sd", .rounded(score.changeStandardDeviation, decimals: places)),
            ("ci_lower", .rounded(score.interval?.lower, decimals: places)),
            ("ci_upper", .rounded(score.interval?.upper, decimals: places)),
            ("t", .rounded(score.tStatistic, decimals: 4)),
            ("df", .rounded(score.degreesOfFreedom, decimals: 0)),
            ("p_value", ReportJSON.pValue(score.pValue)),
            ("dz", .rounded(score.standardizedChange, decimals: 4)),
          ])
        ),
        (
          "wilcoxon",
          jsonObject([
            ("p_value", ReportJSON.pValue(score.wilcoxonPValue)),
            ("method", .optional(score.wilcoxonMethod)),
          ])
        ),
        (
          "threshold",
          score.threshold.map {
            jsonObject([("points", .number($0.points)), ("source", .string($0.source))])
          } ?? .null
        ),
        ("shares", .array(shares)), ("transitions", transitions),
        ("suppressed", .bool(score.isSuppressed)),
        ("notes", ReportJSON.strings(score.notes)),
      ])
    }
    let indicators: [JSONValue] = change.indicators.map { indicator in
      let weightedTest: JSONValue =
        meta.weighting == nil
        ? .null
        : indicator.pValue.map { p in
          jsonObject([
            ("method", .optional(indicator.method)),
            ("t", .rounded(indicator.statistic, decimals: 4)), ("p_value", .number(p)),
          ])
        } ?? .null
      let mcnemar: JSONValue =
        meta.weighting != nil
        ? .null
        : indicator.pValue.map { p in
          jsonObject([
            ("method", .optional(indicator.method)), ("note", .optional(indicator.methodNote)),
            ("statistic", .rounded(indicator.statistic, decimals: 4)), ("p_value", .number(p)),
          ])
        } ?? .null
      return jsonObject([
        ("measure", .string(indicator.id)), ("title", .string(indicator.title)),
        ("pairs_used", ReportJSON.count(indicator.pairs)),
        ("missing", ReportJSON.reasons(indicator.missing)),
        (
          "table",
          jsonObject([
            ("yes_yes", cell(indicator.yesYes)), ("yes_no", cell(indicator.yesNo)),
            ("no_yes", cell(indicator.noYes)),
            ("no_no", cell(indicator.noNo)),
          ])
        ),
        ("baseline_percent", .rounded(indicator.baselinePercent, decimals: decimals)),
        ("follow_up_percent", .rounded(indicator.followUpPercent, decimals: decimals)),
        ("mcnemar", mcnemar), ("weighted_test", weightedTest),
        ("notes", ReportJSON.strings(indicator.notes)),
      ])
    }
    let pairing = change.pairing
    let metadata: [(String, JSONValue)] = [
      ("title", .string(meta.title)), ("source_files", ReportJSON.strings(meta.sourceFiles)),
      ("id_column", .string(meta.idColumn)), ("wave_column", .optional(meta.waveColumn)),
      ("baseline", .string(meta.baseline)), ("follow_up", .string(meta.followUp)),
      ("rows_read", .integer(meta.rowsRead)),
      ("exclusions", ReportJSON.exclusions(meta.exclusions)),
      ("instruments", ReportJSON.instruments(meta.instruments)),
      ("licence_notices", ReportJSON.strings(meta.licenceNotices)),
      (
        "suppression",
        ReportJSON.suppressionPolicy(
          meta.suppression,
          description: meta.suppression.changeDescription
        )
      ),
      ("confidence_level", .number(meta.confidenceLevel)),
      ("decimals", .integer(decimals)), ("weighting", ReportJSON.weighting(meta.weighting)),
      ("notes", ReportJSON.strings(meta.notes)), ("toolkit_version", .string(meta.toolkitVersion)),
    ]
    return JSONWriter.text(
      for:
        jsonObject([
          ("schema", .string(ChangeReport.schema)), ("metadata", jsonObject(metadata)),
          (
            "pairing",
            jsonObject([
              ("paired", .integer(pairing.paired)), ("baseline_ids", .integer(pairing.baselineIDs)),
              ("follow_up_ids", .integer(pairing.followUpIDs)),
              ("baseline_only", ReportJSON.strings(pairing.baselineOnly)),
              ("follow_up_only", ReportJSON.strings(pairing.followUpOnly)),
              (
                "duplicates",
                .array(
                  pairing.duplicates.map {
                    jsonObject([
                      ("id", .string($0.id)), ("wave", .string($0.wave)),
                      ("locations", ReportJSON.strings($0.locations)),
                      ("resolution", .string($0.resolution.rawValue)),
                    ])
                  }
                )
              ),
            ])
          ),
          ("scores", .array(scores)), ("indicators", .array(indicators)),
        ])
    )
  }
}
