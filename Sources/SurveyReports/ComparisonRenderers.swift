import SurveyCSV
import SurveyInstruments
import SurveyStatistics

/// Lays a ``ComparisonReport`` out as the blocks the text and Markdown renderers draw.
enum ComparisonDocument {
  /// The blocks of `report`.
  ///
  /// - Complexity: O(*m* × *c*) for *m* measures and *c* cohorts.
  static func blocks(_ report: ComparisonReport) -> [ReportDocument.Block] {
    let meta = report.metadata
    let format = ReportFormatting(decimals: meta.decimals)
    let level = format.level(meta.confidenceLevel)
    var blocks: [ReportDocument.Block] = [.heading(meta.title, level: 1)]
    let from = meta.cohortColumn.map { "cohorts from column '\($0)'" } ?? "one cohort per file"
    blocks.append(
      .paragraph(
        "Source: \(meta.sourceFiles.joined(separator: ", ")); \(counted(meta.rowsRead, "row")) read; \(from). "
          + "Every cohort is compared with the reference, '\(report.reference)'."
      )
    )
    if !meta.licenceNotices.isEmpty { blocks.append(.list(meta.licenceNotices)) }
    blocks.append(
      .table(
        .init(
          caption: "Cohorts",
          headers: ["Cohort", "Rows"],
          rightAligned: [false, true],
          rows: report.cohorts.map {
            [
              $0.cohort + ($0.cohort == report.reference ? " (reference)" : ""),
              format.count($0.rows.shownCount),
            ]
          }
        )
      )
    )

    var headlines: [String] = []
    for measure in report.indicators {
      guard let reference = measure.cohorts.first else { continue }
      for comparison in measure.comparisons {
        guard let difference = comparison.difference,
          let cohort = measure.cohorts.first(where: { $0.cohort == comparison.cohort }),
          let percent = cohort.percent, let referencePercent = reference.percent
        else { continue }
        var line =
          "\(measure.title): \(comparison.cohort) \(fixed(percent, decimals: meta.decimals))% against "
          + "\(comparison.reference) \(fixed(referencePercent, decimals: meta.decimals))%, a difference of "
          + "\(signed(difference, places: meta.decimals)) percentage points"
        if let interval = comparison.interval {
          line +=
            " (\(level) CI \(signed(interval.lower, places: meta.decimals)) to \(signed(interval.upper, places: meta.decimals))"
          if let adjusted = comparison.adjustedPValue {
            line += "; Holm-adjusted \(pValueText(adjusted))"
          } else if let p = comparison.pValue {
            line += "; \(pValueText(p))"
          }
          line += ")"
        }
        headlines.append(line)
      }
    }
    if !headlines.isEmpty {
      blocks.append(.heading("Headlines", level: 2))
      blocks.append(.list(headlines))
    }

    for measure in report.indicators {
      blocks.append(.rule)
      blocks.append(.heading(measure.title, level: 2))
      blocks.append(
        .paragraph(
          "Measure \(measure.id) (indicator): the percentage of those answering for whom it is yes."
        )
      )
      let rows = measure.cohorts.map { cohort -> [String] in
        [
          cohort.cohort + (cohort.isLowBase && cohort.base.shownCount != nil ? " [low base]" : ""),
          format.count(cohort.successes.shownCount), format.count(cohort.base.shownCount),
          format.percent(cohort.percent),
          cohort.successes.shownCount == nil
            ? ReportFormatting.suppressedMark
            : format.compactInterval(ConfidenceBounds(cohort.interval)),
        ]
      }
      var footer: [String] = []
      if measure.cohorts.contains(where: {
        $0.successes.suppression != nil || $0.base.suppression != nil
      }) {
        footer.append("* hidden to protect small counts.")
      }
      let absent = measure.cohorts.filter { $0.absent.count > 0 }
      if !absent.isEmpty {
        footer.append(
          "No answer: "
            + absent.map { "\($0.cohort) \(format.count($0.absent.shownCount))" }.joined(
              separator: "; "
            ) + "."
        )
      }
      blocks.append(
        .table(
          .init(
            caption: nil,
            headers: ["Cohort", "Yes", "Base", "%", "\(level) CI"],
            rightAligned: [false, true, true, true, true],
            rows: rows,
            footer: footer
          )
        )
      )
      addComparisons(
        measure.comparisons.map {
          ComparisonRow(
            cohort: $0.cohort,
            difference: $0.difference,
            interval: $0.interval,
            pValue: $0.pValue,
            adjustedPValue: $0.adjustedPValue,
            effect: nil,
            isSuppressed: $0.isSuppressed,
            notes: $0.notes
          )
        },
        reference: report.reference,
        unit: "percentage points",
        places: meta.decimals,
        adjusted: measure.isAdjusted,
        effectName: nil,
        level: level,
        to: &blocks
      )
      blocks.append(
        .paragraph(
          "Intervals of differences: Newcombe's hybrid score method; tests: two-sample z-test for proportions "
            + "(pooled, no continuity correction)."
        )
      )
      if !measure.notes.isEmpty { blocks.append(.list(measure.notes)) }
    }

    for measure in report.scores {
      let places = measure.decimals + 1
      blocks.append(.rule)
      blocks.append(.heading(measure.title, level: 2))
      let direction =
        measure.better.map { $0 == .higher ? "; higher is better" : "; lower is better" } ?? ""
      blocks.append(.paragraph("Measure \(measure.id) (score\(direction))."))
      let rows = measure.cohorts.map { cohort -> [String] in
        let name = cohort.cohort + (cohort.isLowBase && !cohort.isSuppressed ? " [low base]" : "")
        guard !cohort.isSuppressed else {
          return [name, format.count(cohort.count.shownCount), "*", "*", "*"]
        }
        return [
          name, format.count(cohort.count.shownCount),
          cohort.mean.map { fixed($0, decimals: places) } ?? "",
          cohort.interval.map {
            "\(fixed($0.lower, decimals: places))-\(fixed($0.upper, decimals: places))"
          } ?? "",
          cohort.standardDeviation.map { fixed($0, decimals: places) } ?? "",
        ]
      }
      var footer: [String] = []
      if measure.cohorts.contains(where: \.isSuppressed) {
        footer.append("* hidden to protect small counts.")
      }
      for cohort in measure.cohorts where !cohort.notes.isEmpty {
        footer.append("\(cohort.cohort): \(cohort.notes.joined(separator: "; ")).")
      }
      let absent = measure.cohorts.filter { $0.absent.count > 0 }
      if !absent.isEmpty {
        footer.append(
          "No score: "
            + absent.map { "\($0.cohort) \(format.count($0.absent.shownCount))" }.joined(
              separator: "; "
            ) + "."
        )
      }
      blocks.append(
        .table(
          .init(
            caption: nil,
            headers: ["Cohort", "n", "Mean", "\(level) CI of mean", "SD"],
            rightAligned: [false, true, true, true, true],
            rows: rows,
            footer: footer
          )
        )
      )
      addComparisons(
        measure.comparisons.map {
          ComparisonRow(
            cohort: $0.cohort,
            difference: $0.difference,
            interval: $0.interval,
            pValue: $0.pValue,
            adjustedPValue: $0.adjustedPValue,
            effect: $0.hedgesG,
            isSuppressed: $0.isSuppressed,
            notes: $0.notes
          )
        },
        reference: report.reference,
        unit: "points",
        places: places,
        adjusted: measure.isAdjusted,
        effectName: "Hedges' g",
        level: level,
        to: &blocks
      )
      blocks.append(
        .paragraph(
          "Intervals and tests: Welch's t-test (unequal variances). Hedges' g: the difference over the pooled SD, "
            + "with the exact small-sample correction."
        )
      )
      if !measure.notes.isEmpty { blocks.append(.list(measure.notes)) }
    }

    blocks.append(.rule)
    blocks.append(.heading("About this comparison", level: 2))
    var about: [String] = []
    about.append(
      "Source: \(meta.sourceFiles.joined(separator: ", ")); \(counted(meta.rowsRead, "row")) read."
    )
    for exclusion in meta.exclusions {
      about.append("Excluded from \(exclusion.scope): \(exclusion.count) (\(exclusion.reason)).")
    }
    for instrument in meta.instruments {
      about.append(
        "Instrument \(instrument.id) version \(instrument.version) (\(instrument.origin)): \(instrument.title)."
      )
    }
    about.append(
      "Disclosure control: \(meta.suppression.description) Differences involving a hidden count are hidden too."
    )
    about.append(
      "Cohorts with fewer than \(meta.lowBaseThreshold) answers are marked [low base]: their estimates, intervals "
        + "and tests are unreliable."
    )
    about.append(
      "Differences are each cohort minus the reference. \(level) intervals: Wilson score for percentages, "
        + "t for means. When more than one cohort is compared with the reference, p-values are also given "
        + "Holm-adjusted across those comparisons, for each measure separately."
    )
    about.append(contentsOf: meta.notes)
    about.append("Made with loneliness \(meta.toolkitVersion).")
    blocks.append(.list(about))
    return blocks
  }

  struct ComparisonRow {
    var cohort: String
    var difference: Double?
    var interval: ConfidenceInterval?
    var pValue: Double?
    var adjustedPValue: Double?
    var effect: Double?
    var isSuppressed: Bool
    var notes: [String]
  }

  private static func addComparisons(
    _ comparisons: [ComparisonRow],
    reference: String,
    unit: String,
    places: Int,
    adjusted: Bool,
    effectName: String?,
    level: String,
    to blocks: inout [ReportDocument.Block]
  ) {
    guard !comparisons.isEmpty else { return }
    var headers = ["Cohort", "Difference", "\(level) CI", "p"]
    if adjusted { headers.append("Holm p") }
    if let effectName { headers.append(effectName) }
    var footer: [String] = []
    let rows = comparisons.map { row -> [String] in
      if row.isSuppressed {
        return [row.cohort, "*", "*", "*"] + (adjusted ? ["*"] : [])
          + (effectName == nil ? [] : ["*"])
      }
      var cells = [
        row.cohort, row.difference.map { signed($0, places: places) } ?? "",
        row.interval.map {
          "\(signed($0.lower, places: places)) to \(signed($0.upper, places: places))"
        } ?? "",
        row.pValue.map(pValueCell) ?? "",
      ]
      if adjusted { cells.append(row.adjustedPValue.map(pValueCell) ?? "") }
      if effectName != nil { cells.append(row.effect.map { signed($0, places: 2) } ?? "") }
      return cells
    }
    if comparisons.contains(where: \.isSuppressed) {
      footer.append("* hidden: it involves a count that is suppressed to protect small numbers.")
    }
    for row in comparisons where !row.isSuppressed && !row.notes.isEmpty {
      footer.append("\(row.cohort): \(row.notes.joined(separator: "; ")).")
    }
    blocks.append(
      .table(
        .init(
          caption: "Difference from \(reference) (\(unit))",
          headers: headers,
          rightAligned: headers.indices.map { $0 > 0 },
          rows: rows,
          footer: footer
        )
      )
    )
  }
}

extension TextRenderer {
  /// The comparison as aligned text.
  ///
  /// - Complexity: O(*n*) in the size of the comparison.
  public func render(_ comparison: ComparisonReport) -> String {
    draw(ComparisonDocument.blocks(comparison))
  }
}

extension MarkdownRenderer {
  /// The comparison as Markdown.
  ///
  /// - Complexity: O(*n*) in the size of the comparison.
  public func render(_ comparison: ComparisonReport) -> String {
    draw(ComparisonDocument.blocks(comparison))
  }
}

/// The columns of the tidy CSV of comparisons and change reports, in order.
///
/// `measure` (id, or `pairing`), `kind` (`indicator`, `score`, `pairing`), `comparison` (for
/// differences: `COHORT vs REFERENCE` or `FOLLOW-UP vs BASELINE`), `cohort` (the cohort or wave an
/// estimate belongs to), `statistic` (what the row holds, such as `percent`, `mean`,
/// `difference_pp`, `mean_change`), `category` (a share, band pair or reason), `value`,
/// `ci_lower`, `ci_upper`, `p_value`, `p_adjusted` (Holm), `n` (the base), `note`, `suppressed`
/// (`primary`, `secondary` or empty).
let comparisonCSVColumns = [
  "measure", "kind", "comparison", "cohort", "statistic", "category", "value", "ci_lower",
  "ci_upper", "p_value",
  "p_adjusted", "n", "note", "suppressed",
]

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
  public func render(_ comparison: ComparisonReport) -> String {
    let decimals = comparison.metadata.decimals
    var rows: [[String]] = [comparisonCSVColumns]
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
        let base = cohort.base.shownCount.map(String.init) ?? ""
        rows.append(
          TidyRow(
            measure: measure.id,
            kind: "indicator",
            cohort: cohort.cohort,
            statistic: "count",
            value: cohort.successes.shownCount.map(String.init) ?? "",
            n: base,
            note: cohort.isLowBase ? "low base" : "",
            suppressed: cohort.successes.suppression?.rawValue ?? ""
          ).cells
        )
        rows.append(
          TidyRow(
            measure: measure.id,
            kind: "indicator",
            cohort: cohort.cohort,
            statistic: "percent",
            value: csvNumber(cohort.percent, places: decimals),
            lower: csvNumber(cohort.interval?.lower, places: decimals),
            upper: csvNumber(cohort.interval?.upper, places: decimals),
            n: base,
            note: cohort.isLowBase ? "low base" : "",
            suppressed: cohort.successes.suppression?.rawValue ?? ""
          ).cells
        )
      }
      for difference in measure.comparisons {
        rows.append(
          TidyRow(
            measure: measure.id,
            kind: "indicator",
            comparison: "\(difference.cohort) vs \(difference.reference)",
            cohort: difference.cohort,
            statistic: "difference_pp",
            value: csvNumber(difference.difference, places: decimals),
            lower: csvNumber(difference.interval?.lower, places: decimals),
            upper: csvNumber(difference.interval?.upper, places: decimals),
            pValue: csvPValue(difference.pValue),
            adjusted: csvPValue(difference.adjustedPValue),
            note: difference.notes.joined(separator: "; "),
            suppressed: difference.isSuppressed ? "secondary" : ""
          ).cells
        )
      }
    }
    for measure in comparison.scores {
      let places = measure.decimals + 1
      for cohort in measure.cohorts {
        let n = cohort.count.shownCount.map(String.init) ?? ""
        let hidden = cohort.isSuppressed ? "primary" : ""
        let note = ([cohort.isLowBase ? "low base" : ""] + cohort.notes).filter { !$0.isEmpty }
          .joined(separator: "; ")
        rows.append(
          TidyRow(
            measure: measure.id,
            kind: "score",
            cohort: cohort.cohort,
            statistic: "mean",
            value: csvNumber(cohort.mean, places: places),
            lower: csvNumber(cohort.interval?.lower, places: places),
            upper: csvNumber(cohort.interval?.upper, places: places),
            n: n,
            note: note,
            suppressed: hidden
          ).cells
        )
        rows.append(
          TidyRow(
            measure: measure.id,
            kind: "score",
            cohort: cohort.cohort,
            statistic: "sd",
            value: csvNumber(cohort.standardDeviation, places: places),
            n: n,
            note: note,
            suppressed: hidden
          ).cells
        )
      }
      for difference in measure.comparisons {
        let label = "\(difference.cohort) vs \(difference.reference)"
        let hidden = difference.isSuppressed ? "secondary" : ""
        rows.append(
          TidyRow(
            measure: measure.id,
            kind: "score",
            comparison: label,
            cohort: difference.cohort,
            statistic: "difference_in_means",
            value: csvNumber(difference.difference, places: places),
            lower: csvNumber(difference.interval?.lower, places: places),
            upper: csvNumber(difference.interval?.upper, places: places),
            pValue: csvPValue(difference.pValue),
            adjusted: csvPValue(difference.adjustedPValue),
            note: difference.notes.joined(separator: "; "),
            suppressed: hidden
          ).cells
        )
        rows.append(
          TidyRow(
            measure: measure.id,
            kind: "score",
            comparison: label,
            cohort: difference.cohort,
            statistic: "hedges_g",
            value: csvNumber(difference.hedgesG, places: 3),
            suppressed: hidden
          ).cells
        )
      }
    }
    return CSVWriter().text(for: rows)
  }
}

/// Shared JSON pieces of the comparison and change schemas.
enum ReportJSON {
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

  static func suppressionPolicy(_ policy: SuppressionPolicy) -> JSONValue {
    jsonObject([("policy", .string(policy.name)), ("description", .string(policy.description))])
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
  ///   `confidence_level`, `decimals`, `low_base_threshold`, `notes`, `toolkit_version`);
  ///   `reference`; `cohorts` (`cohort`, `rows`, `suppressed`).
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
  /// A hidden figure is `null`. Percentages and differences in percentage points are rounded to
  /// the report's decimals, means to two more places than the score's own, effect sizes to four;
  /// p-values are not rounded.
  ///
  /// - Complexity: O(*n*) in the size of the comparison.
  public func render(_ comparison: ComparisonReport) -> String {
    let meta = comparison.metadata
    let decimals = meta.decimals
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
          ("interval_method", .string("newcombe-hybrid-score")),
          ("test", .string("two-proportion-z")),
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
          ("test", .string("welch-t")), ("suppressed", .bool(difference.isSuppressed)),
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
      ("suppression", ReportJSON.suppressionPolicy(meta.suppression)),
      ("confidence_level", .number(meta.confidenceLevel)),
      ("decimals", .integer(decimals)), ("low_base_threshold", .integer(meta.lowBaseThreshold)),
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
