import SurveyCSV
import SurveyInstruments
import SurveyStatistics

/// Turns a ``Report`` into one output format.
///
/// Renderers are pure: the same report always gives the same text.
public protocol ReportRenderer: Sendable {
  /// The report in this format.
  func render(_ report: Report) -> String
}

/// The output formats of a report.
public enum ReportFormat: String, Sendable, CaseIterable {
  /// Aligned plain text for a terminal.
  case text
  /// Markdown, for pasting into documents and issue trackers.
  case markdown
  /// A tidy CSV with one row per measure, group and category.
  case csv
  /// JSON with a documented, stable schema.
  case json
  /// One self-contained HTML page with charts.
  case html
}

/// Plain text with aligned tables, laid out to a width.
public struct TextRenderer: ReportRenderer {
  /// The line width.
  public var width: Int

  /// Creates a renderer for lines of `width` characters.
  public init(width: Int = 100) { self.width = max(60, width) }

  /// The report as text.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ report: Report) -> String { draw(ReportDocument(report).blocks) }

  /// Draws laid-out blocks as aligned text; every text report shares this.
  ///
  /// - Complexity: O(*n*) in the size of the blocks.
  func draw(_ blocks: [ReportDocument.Block]) -> String {
    var lines: [String] = []
    for block in blocks {
      switch block {
      case .heading(let text, let level):
        if !lines.isEmpty && lines.last != "" { lines.append("") }
        lines.append(wrapped(text, width: width))
        lines.append(String(repeating: level == 1 ? "=" : "-", count: min(text.count, width)))
      case .paragraph(let text):
        lines.append(wrapped(text, width: width))
        lines.append("")
      case .list(let items):
        for item in items {
          lines.append(wrapped(item, width: width, indent: "    ", firstIndent: "  - "))
        }
        lines.append("")
      case .rule:
        if lines.last != "" { lines.append("") }
      case .chart:
        break
      case .table(let table):
        if let caption = table.caption { lines.append(wrapped(caption, width: width)) }
        lines.append(contentsOf: renderTable(table))
        for footer in table.footer {
          lines.append(wrapped(footer, width: width, indent: "  ", firstIndent: "  "))
        }
        lines.append("")
      }
    }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The table as aligned lines: on one line per row when it fits; otherwise with headings, and
  /// the first column's labels, wrapped at spaces within narrower columns; and when even that is
  /// too wide, one block per row with one line per column.
  private func renderTable(_ table: ReportDocument.TableBlock) -> [String] {
    let all = [table.headers] + table.rows
    let columns = table.headers.indices
    func cell(_ row: [String], _ column: Int) -> String {
      row.indices.contains(column) ? row[column] : ""
    }
    let natural = columns.map { column in all.map { cell($0, column).count }.max() ?? 0 }
    func total(_ widths: [Int]) -> Int { 2 + widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
    if total(natural) <= width {
      return aligned(table, widths: natural, headerLines: table.headers.map { [$0] }, rows: nil)
    }
    // The narrowest layout: headings broken into words, the first column's labels too.
    var widths = columns.map { column in
      let data = table.rows.map {
        column == 0 ? labelMinimumWidth(cell($0, column)) : cell($0, column).count
      }
      return max(longestWord(table.headers[column]), data.max() ?? 0)
    }
    guard total(widths) <= width else { return blocks(table) }
    // Spend the spare width where it saves most lines: first the table's height (the tallest
    // heading and every label's lines), then the headings' lines, per character spent.
    // Line counts by width, worked out once each: labels by the first column's width, headings
    // by their column and width.
    var labelLineCounts: [Int: Int] = [:]
    var headingLineCounts: [Int: Int] = [:]
    func lineCounts(_ widths: [Int]) -> (height: Int, headings: Int) {
      let headings = columns.map { column in
        let key = column * 10_000 + widths[column]
        if let known = headingLineCounts[key] { return known }
        let count = wordLines(table.headers[column], width: widths[column]).count
        headingLineCounts[key] = count
        return count
      }
      let labels =
        labelLineCounts[widths[0]]
        ?? table.rows.reduce(0) { $0 + labelLines(cell($1, 0), width: widths[0]).count }
      labelLineCounts[widths[0]] = labels
      return ((headings.max() ?? 1) + labels, headings.reduce(0, +))
    }
    var spare = width - total(widths)
    while spare > 0 {
      let current = lineCounts(widths)
      var best: (column: Int, step: Int, gain: Double)?
      for column in columns where widths[column] < natural[column] {
        for step in 1...min(spare, natural[column] - widths[column]) {
          var trial = widths
          trial[column] += step
          let counts = lineCounts(trial)
          let saved = (current.height - counts.height) * 1_000 + current.headings - counts.headings
          guard saved > 0 else { continue }
          let gain = Double(saved) / Double(step)
          if gain > best?.gain ?? 0 { best = (column, step, gain) }
          break
        }
      }
      guard let best else { break }
      widths[best.column] += best.step
      spare -= best.step
    }
    let headerLines = columns.map { wordLines(table.headers[$0], width: widths[$0]) }
    let rowLabelLines = table.rows.map { labelLines(cell($0, 0), width: widths[0]) }
    return aligned(table, widths: widths, headerLines: headerLines, rows: rowLabelLines)
  }

  /// Lines of `table` with each column padded to `widths`; headings of several lines are
  /// bottom-aligned, and first-column labels of several lines continue, indented, under
  /// themselves.
  private func aligned(
    _ table: ReportDocument.TableBlock,
    widths: [Int],
    headerLines: [[String]],
    rows labelLines: [[String]]?
  ) -> [String] {
    func line(_ cells: [String]) -> String {
      let fitted = cells.indices.map { column in
        table.rightAligned[column]
          ? leftPadded(cells[column], to: widths[column])
          : padded(cells[column], to: widths[column])
      }
      var text = "  " + fitted.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    var lines: [String] = []
    let height = headerLines.map(\.count).max() ?? 1
    for index in 0..<height {
      lines.append(
        line(
          headerLines.map { parts in
            let offset = index - (height - parts.count)
            return offset >= 0 ? parts[offset] : ""
          }
        )
      )
    }
    for (rowIndex, row) in table.rows.enumerated() {
      let cells = table.headers.indices.map { row.indices.contains($0) ? row[$0] : "" }
      let labels = labelLines?[rowIndex] ?? [cells.first ?? ""]
      lines.append(line([labels.first ?? ""] + cells.dropFirst()))
      for continuation in labels.dropFirst() {
        lines.append(line([continuation] + cells.dropFirst().map { _ in "" }))
      }
    }
    return lines
  }

  /// One block per row, one line per column: for tables too wide for any other layout.
  private func blocks(_ table: ReportDocument.TableBlock) -> [String] {
    var lines: [String] = []
    let labelWidth = table.headers.dropFirst().map(\.count).max() ?? 0
    for row in table.rows {
      lines.append("  \(row.first ?? "")")
      for (header, value) in zip(table.headers.dropFirst(), row.dropFirst()) {
        lines.append("    \(padded(header, to: labelWidth))  \(value)")
      }
    }
    return lines
  }
}

/// Markdown with pipe tables.
public struct MarkdownRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The report as Markdown.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ report: Report) -> String { draw(ReportDocument(report).blocks) }

  /// Draws laid-out blocks as Markdown; every Markdown report shares this.
  ///
  /// - Complexity: O(*n*) in the size of the blocks.
  func draw(_ blocks: [ReportDocument.Block]) -> String {
    var lines: [String] = []
    for block in blocks {
      switch block {
      case .heading(let text, let level):
        lines.append(String(repeating: "#", count: level) + " " + escape(text))
        lines.append("")
      case .paragraph(let text):
        lines.append(escape(text))
        lines.append("")
      case .list(let items):
        for item in items { lines.append("- " + escape(item)) }
        lines.append("")
      case .rule, .chart:
        break
      case .table(let table):
        if let caption = table.caption {
          lines.append("**\(escape(caption))**")
          lines.append("")
        }
        lines.append("| " + table.headers.map(escapeCell).joined(separator: " | ") + " |")
        lines.append("|" + table.rightAligned.map { $0 ? " ---: |" : " --- |" }.joined())
        for row in table.rows {
          lines.append("| " + row.map(escapeCell).joined(separator: " | ") + " |")
        }
        lines.append("")
        for footer in table.footer {
          lines.append(escape(footer))
          lines.append("")
        }
      }
    }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  private func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      if "\\`*_[]<>#|".contains(character) { result.append("\\") }
      result.append(character == "\n" ? " " : character)
    }
    return result
  }

  private func escapeCell(_ text: String) -> String {
    text == ReportFormatting.suppressedMark ? "\\*" : escape(text)
  }
}

/// A tidy CSV: one row per measure, grouping, group and category, for spreadsheets and programs.
///
/// Columns: `measure`, `kind`, `title`, `group_by` (empty for the whole sample), `group`,
/// `row_type` (`category`, `missing`, `statistic` or `bin`), `category` (answer, band, reason,
/// statistic name or bin), `count`, `base`, `percent`, `ci_lower`, `ci_upper` (percent units for
/// percentages; score units for `mean`), `value` (a statistic's value), `suppressed` (`primary`,
/// `secondary` or empty), `low_base` (`yes` when the base is under 30).
public struct TidyCSVRenderer: ReportRenderer {
  /// Creates a renderer.
  public init() {}

  /// The column headers, in order.
  public static let columns = [
    "measure", "kind", "title", "group_by", "group", "row_type", "category", "count", "base",
    "percent", "ci_lower",
    "ci_upper", "value", "suppressed", "low_base",
  ]

  /// The report as tidy CSV.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ report: Report) -> String {
    let writer = CSVWriter()
    let decimals = report.metadata.decimals
    var rows: [[String]] = [Self.columns]
    for measure in report.measures {
      let places = measure.statisticDecimals
      for breakdown in measure.breakdowns {
        for group in breakdown.groups {
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
                "statistic", name, "", hidden ? "" : String(summary.count), "",
                hidden ? "" : (lower.map { fixed($0, decimals: places) } ?? ""),
                hidden ? "" : (upper.map { fixed($0, decimals: places) } ?? ""),
                hidden ? "" : (value.map { fixed($0, decimals: places) } ?? ""),
                hidden ? "primary" : "", lowBase,
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
        }
      }
    }
    return writer.text(for: rows)
  }
}

/// JSON with a stable schema (`"schema": "loneliness-report/1"`).
///
/// The README documents it: `metadata` (what was read, excluded and used), `headlines`, and
/// `measures`, each with `breakdowns` of `groups` of `categories`, `missing`, `summary` and
/// `histogram`. A breakdown's
/// `test` has `method` (`pearson-chi-square`, or `rao-scott-f` for weighted data, which adds `f`,
/// `ndf`, `ddf` and `mean_design_effect`), `chi_square`, `df`, `p_value`, `valid` and `note`.
///
/// Percentages are in percent units rounded like every other format; a suppressed figure is `null`
/// with `"suppressed": "primary"` or `"secondary"`.
public struct JSONReportRenderer: ReportRenderer {
  /// The schema identifier written into every report.
  public static let schema = "loneliness-report/1"

  /// Creates a renderer.
  public init() {}

  /// The report as JSON.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ report: Report) -> String {
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
      return object(members)
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
                object([
                  ("n", hidden ? .null : .integer(summary.count)), ("mean", value(summary.mean)),
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
          return object(members)
        }
        var members: [(String, JSONValue)] = [
          ("group_by", JSONValue.optional(breakdown.groupBy)), ("groups", .array(groups)),
        ]
        if let test = breakdown.test {
          members.append(
            (
              "test",
              object(
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
        return object(members)
      }
      return object([
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
            object([
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
            object([
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
            object([
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
        object([
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
          object([
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
        object([
          ("schema", .string(Self.schema)), ("metadata", object(metadata)),
          ("headlines", .array(headlines)),
          ("measures", .array(measures)),
        ])
    )
  }
}

/// A JSON object from key-value pairs, in order.
private func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
  .object(pairs.map { JSONObjectMember($0.0, $0.1) })
}
