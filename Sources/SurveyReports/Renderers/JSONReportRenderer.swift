import SurveyInstruments
import SurveyStatistics

/// JSON with a documented, stable schema for every kind of document.
///
/// The renderer serialises the report the document was made from (``Document/data``),
/// whatever its layout:
///
/// - a survey report: `"schema": "loneliness-report/1"` (``schema``);
/// - a comparison: `"schema": "loneliness-compare/1"` (``ComparisonReport/schema``);
/// - a change report: `"schema": "loneliness-change/1"` (``ChangeReport/schema``);
/// - an import report: how an export was read, as `loneliness inspect --format json` prints it.
///
/// The README documents the survey schema: `metadata` (what was read, excluded and used),
/// `headlines`, and `measures`, each with `breakdowns` of `groups` of `categories`, `missing`,
/// `summary` and `histogram`. A breakdown's `test` has `method` (`pearson-chi-square`, or
/// `rao-scott-f` for weighted data, which adds `f`, `ndf`, `ddf` and `mean_design_effect`),
/// `chi_square`, `df`, `p_value`, `valid` and `note`.
///
/// Percentages are in percent units rounded like every other format; a suppressed figure is
/// `null` with `"suppressed": "hidden"`.
public struct JSONReportRenderer: ReportSerialising {
  /// The schema identifier written into every survey report.
  public static let schema = "loneliness-report/1"

  /// Creates a renderer.
  public init() {}

  /// Writes the report `document` was made from as JSON.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ document: Document, to output: inout some TextOutputStream) {
    serialise(document, to: &output)
  }

  /// The survey report as JSON with the schema ``schema``.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  static func text(for report: Report) -> String {
    let meta = report.metadata
    let decimals = meta.decimals
    let format = ReportFormatting(decimals: decimals)
    func estimate(_ value: CategoryEstimate, percent: Bool) -> JSONValue {
      var members: [(String, JSONValue)] = [
        ("category", .string(value.category)), ("code", value.code.map(JSONValue.integer) ?? .null),
        ("count", value.shownCount.map(JSONValue.integer) ?? .null),
      ]
      if percent {
        members.append(("percent", .rounded(value.percent, decimals: decimals)))
        members.append(("ci_lower", .rounded(value.interval?.lower, decimals: decimals)))
        members.append(("ci_upper", .rounded(value.interval?.upper, decimals: decimals)))
      }
      members.append(
        ("suppressed", value.suppression.map { JSONValue.string($0.rawValue) } ?? .null)
      )
      return jsonObject(members)
    }
    let measures: [JSONValue] = report.measures.map { measure in
      let places = measure.statisticDecimals
      let breakdowns: [JSONValue] = measure.breakdowns.map { breakdown in
        let groups: [JSONValue] = breakdown.groups.map { group in
          var members: [(String, JSONValue)] = [
            ("group", JSONValue.optional(group.group)),
            ("base", group.shownBase.map(JSONValue.integer) ?? .null),
            ("low_base", .bool(group.isLowBase && !group.isSuppressed)),
            ("suppressed", .bool(group.isSuppressed)),
          ]
          if group.weightedBase != nil || group.effectiveBase != nil {
            members.append(("weighted_base", .rounded(group.weightedBase, decimals: 2)))
            members.append(("effective_base", .rounded(group.effectiveBase, decimals: 2)))
          }
          members.append(
            ("categories", .array(group.categories.map { estimate($0, percent: true) }))
          )
          members.append(("missing", .array(group.missing.map { estimate($0, percent: false) })))
          if let summary = group.summary {
            let hidden = summary.isSuppressed
            func value(_ number: Double?) -> JSONValue {
              hidden ? .null : .rounded(number, decimals: places)
            }
            members.append(
              (
                "summary",
                jsonObject([
                  ("n", summary.shownCount.map(JSONValue.integer) ?? .null),
                  ("mean", value(summary.mean)),
                  ("ci_lower", value(summary.meanInterval?.lower)),
                  ("ci_upper", value(summary.meanInterval?.upper)),
                  ("sd", value(summary.standardDeviation)), ("median", value(summary.median)),
                  ("lower_quartile", value(summary.lowerQuartile)),
                  ("upper_quartile", value(summary.upperQuartile)),
                  ("minimum", value(summary.minimum)), ("maximum", value(summary.maximum)),
                  ("suppressed", .bool(hidden)),
                ])
              )
            )
          }
          if !group.histogram.isEmpty {
            members.append(
              ("histogram", .array(group.histogram.map { estimate($0, percent: false) }))
            )
          }
          return jsonObject(members)
        }
        var members: [(String, JSONValue)] = [
          ("group_by", JSONValue.optional(breakdown.groupBy)), ("groups", .array(groups)),
        ]
        if let test = breakdown.test, test.isCoarsened {
          members.append(
            (
              "test",
              jsonObject([
                (
                  "method",
                  .string(test.designAdjustment == nil ? "pearson-chi-square" : "rao-scott-f")
                ),
                ("coarsened", .bool(true)), ("p_value_band", .string(test.pValueBand)),
                ("valid", .bool(test.isValid)), ("note", .string(test.note)),
              ])
            )
          )
        } else if let test = breakdown.test {
          members.append(
            (
              "test",
              jsonObject(
                [
                  (
                    "method",
                    .string(test.designAdjustment == nil ? "pearson-chi-square" : "rao-scott-f")
                  ),
                  ("chi_square", .rounded(test.chiSquare, decimals: 4)),
                  ("df", .integer(test.degreesOfFreedom)),
                ]
                  + (test.designAdjustment.map { adjusted in
                    [
                      ("f", .rounded(adjusted.fStatistic, decimals: 4)),
                      ("ndf", .rounded(adjusted.numeratorDegreesOfFreedom, decimals: 4)),
                      ("ddf", .rounded(adjusted.denominatorDegreesOfFreedom, decimals: 4)),
                      ("mean_design_effect", .rounded(adjusted.meanDesignEffect, decimals: 4)),
                    ]
                  } ?? [])
                  + [
                    ("p_value", .number(test.pValue)), ("valid", .bool(test.isValid)),
                    ("note", .string(test.note)),
                  ]
              )
            )
          )
        }
        return jsonObject(members)
      }
      return jsonObject([
        ("measure", .string(measure.id)), ("kind", .string(measure.kind.rawValue)),
        ("title", .string(measure.title)),
        ("notes", .array(measure.notes.map(JSONValue.string))), ("breakdowns", .array(breakdowns)),
      ])
    }
    let headlines: [JSONValue] = report.indicators.compactMap { measure in
      guard let whole = measure.wholeSample else { return nil }
      return .string(
        format.headline(title: measure.title, estimate: whole, level: meta.confidenceLevel)
      )
    }
    var metadata: [(String, JSONValue)] = [
      ("title", .string(meta.title)),
      ("source_files", .array(meta.sourceFiles.map(JSONValue.string))),
      ("rows_read", .integer(meta.rowsRead)),
      (
        "exclusions",
        .array(
          meta.exclusions.map {
            jsonObject([
              ("scope", .string($0.scope)), ("reason", .string($0.reason)),
              ("count", .integer($0.count)),
              ("lines", .array($0.lines.map(JSONValue.integer))),
            ])
          }
        )
      ),
      (
        "instruments",
        .array(
          meta.instruments.map {
            jsonObject([
              ("id", .string($0.id)), ("title", .string($0.title)),
              ("version", .string($0.version)), ("origin", .string($0.origin)),
            ])
          }
        )
      ),
      (
        "cutoffs",
        .array(
          meta.cutoffs.map {
            jsonObject([
              ("measure", .string($0.measure)), ("definition", .string($0.definition)),
              ("sources", .array($0.sources.map(JSONValue.string))),
              ("certainty", .string($0.certainty)),
              ("uncertain", .bool($0.isUncertain)), ("note", .optional($0.note)),
            ])
          }
        )
      ),
      ("licence_notices", .array(meta.licenceNotices.map(JSONValue.string))),
      (
        "suppression",
        jsonObject([
          ("policy", .string(meta.suppression.name)),
          ("description", .string(meta.suppression.description)),
        ])
      ),
      ("confidence_level", .number(meta.confidenceLevel)), ("decimals", .integer(decimals)),
      ("group_by", .array(meta.groupBy.map(JSONValue.string))),
    ]
    if let weighting = meta.weighting {
      metadata.append(
        (
          "weighting",
          jsonObject([
            ("column", .string(weighting.column)), ("method", .string(weighting.method)),
            ("effective_sample_size", .rounded(weighting.effectiveSampleSize, decimals: 2)),
            ("design_effect", .rounded(weighting.designEffect, decimals: 4)),
          ])
        )
      )
    } else {
      metadata.append(("weighting", .null))
    }
    metadata.append(("notes", .array(meta.notes.map(JSONValue.string))))
    metadata.append(("toolkit_version", .string(meta.toolkitVersion)))
    return JSONWriter.text(
      for:
        jsonObject([
          ("schema", .string(Self.schema)), ("metadata", jsonObject(metadata)),
          ("headlines", .array(headlines)),
          ("measures", .array(measures)),
        ])
    )
  }
}
