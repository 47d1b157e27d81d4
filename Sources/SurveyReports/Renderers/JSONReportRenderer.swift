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

  /// Writes the survey report as JSON with the schema ``schema``, a group at a time, laid out
  /// exactly as ``JSONWriter`` lays out the whole value.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  static func write(_ report: Report, to output: inout some TextOutputStream) {
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
    func groupValue(_ group: GroupEstimate, of measure: MeasureReport) -> JSONValue {
      let places = measure.statisticDecimals
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
    func testValue(_ test: IndependenceTest) -> JSONValue {
      let method = JSONValue.string(
        test.designAdjustment == nil ? "pearson-chi-square" : "rao-scott-f"
      )
      if test.isCoarsened {
        return jsonObject([
          ("method", method), ("coarsened", .bool(true)),
          ("p_value_band", .string(test.pValueBand)), ("valid", .bool(test.isValid)),
          ("note", .string(test.note)),
        ])
      }
      let adjusted: [(String, JSONValue)] =
        test.designAdjustment.map { adjusted in
          [
            ("f", .rounded(adjusted.fStatistic, decimals: 4)),
            ("ndf", .rounded(adjusted.numeratorDegreesOfFreedom, decimals: 4)),
            ("ddf", .rounded(adjusted.denominatorDegreesOfFreedom, decimals: 4)),
            ("mean_design_effect", .rounded(adjusted.meanDesignEffect, decimals: 4)),
          ]
        } ?? []
      return jsonObject(
        [
          ("method", method), ("chi_square", .rounded(test.chiSquare, decimals: 4)),
          ("df", .integer(test.degreesOfFreedom)),
        ] + adjusted + [
          ("p_value", .number(test.pValue)), ("valid", .bool(test.isValid)),
          ("note", .string(test.note)),
        ]
      )
    }
    let headlines: [JSONValue] = report.outlines.filter { $0.kind == .indicator }.compactMap {
      measure in
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
    // The frame (report, measures, breakdowns) is written here and each group by JSONWriter,
    // so that no more than one group's JSON is held at a time.
    var frame = JSONFrameWriter()
    frame.open(to: &output)
    frame.member("schema", .string(Self.schema), to: &output)
    frame.member("metadata", jsonObject(metadata), to: &output)
    frame.member("headlines", .array(headlines), to: &output)
    frame.openArray("measures", isEmpty: report.measureCount == 0, to: &output)
    for index in 0..<report.measureCount {
      let measure = report.measure(at: index)
      frame.open(to: &output)
      frame.member("measure", .string(measure.id), to: &output)
      frame.member("kind", .string(measure.kind.rawValue), to: &output)
      frame.member("title", .string(measure.title), to: &output)
      frame.member("notes", .array(measure.notes.map(JSONValue.string)), to: &output)
      frame.openArray("breakdowns", isEmpty: measure.breakdowns.isEmpty, to: &output)
      for breakdown in measure.breakdowns {
        frame.open(to: &output)
        frame.member("group_by", .optional(breakdown.groupBy), to: &output)
        frame.openArray("groups", isEmpty: breakdown.groups.isEmpty, to: &output)
        for group in breakdown.groups {
          frame.element(groupValue(group, of: measure), to: &output)
        }
        frame.close(to: &output)
        if let test = breakdown.test { frame.member("test", testValue(test), to: &output) }
        frame.close(to: &output)
      }
      frame.close(to: &output)
      frame.close(to: &output)
    }
    frame.close(to: &output)
    frame.close(to: &output)
    output.write("\n")
  }
}

/// Writes nested JSON objects and arrays one member or element at a time, laid out exactly as
/// ``JSONWriter/text(for:)`` lays out the whole value (two spaces a level, `[]` when empty).
struct JSONFrameWriter {
  /// An open object or array.
  private struct Container {
    /// `}` or `]`.
    var closer: String
    /// Whether a member or element has been written.
    var hasContent = false
    /// An empty array, already written whole as `[]`.
    var isWritten = false
  }

  private var open: [Container] = []

  /// Opens an object, as an element of the enclosing array (or as the whole value).
  mutating func open(to output: inout some TextOutputStream) {
    startElement(to: &output)
    output.write("{")
    open.append(Container(closer: "}"))
  }

  /// Opens an array as the member `key` of the enclosing object; `isEmpty` writes `[]`.
  mutating func openArray(_ key: String, isEmpty: Bool, to output: inout some TextOutputStream) {
    startElement(to: &output)
    output.write(JSONWriter.quoted(key) + ": " + (isEmpty ? "[]" : "["))
    open.append(Container(closer: "]", isWritten: isEmpty))
  }

  /// Writes the member `key` of the enclosing object.
  mutating func member(_ key: String, _ value: JSONValue, to output: inout some TextOutputStream) {
    startElement(to: &output)
    output.write(JSONWriter.quoted(key) + ": ")
    output.write(JSONWriter.text(for: value, level: open.count))
  }

  /// Writes an element of the enclosing array.
  mutating func element(_ value: JSONValue, to output: inout some TextOutputStream) {
    startElement(to: &output)
    output.write(JSONWriter.text(for: value, level: open.count))
  }

  /// Closes the innermost object or array.
  mutating func close(to output: inout some TextOutputStream) {
    guard let container = open.popLast(), !container.isWritten else { return }
    if container.hasContent { output.write("\n" + String(repeating: "  ", count: open.count)) }
    output.write(container.closer)
  }

  private mutating func startElement(to output: inout some TextOutputStream) {
    guard let index = open.indices.last else { return }
    output.write(
      (open[index].hasContent ? ",\n" : "\n") + String(repeating: "  ", count: open.count)
    )
    open[index].hasContent = true
  }
}
