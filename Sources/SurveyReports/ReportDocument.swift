import SurveyInstruments
import SurveyStatistics

/// A report laid out as blocks (headings, paragraphs, lists, tables), which the text and
/// Markdown renderers both draw, so they show the same content.
struct ReportDocument {
  enum Block {
    case heading(String, level: Int)
    case paragraph(String)
    case list([String])
    case table(TableBlock)
    case rule
    /// A chart for pages that draw them (HTML); text and Markdown leave it out, since the table
    /// next to it holds the same figures.
    case chart(svg: String, caption: String)
  }

  struct TableBlock {
    var caption: String?
    var headers: [String]
    /// Whether each column is right-aligned (numbers).
    var rightAligned: [Bool]
    var rows: [[String]]
    var footer: [String] = []
  }

  var blocks: [Block] = []

  /// Lays `report` out.
  ///
  /// - Complexity: O(*m* × *g* × *c*) for *m* measures, *g* groups and *c* categories.
  init(_ report: Report) {
    let format = ReportFormatting(decimals: report.metadata.decimals)
    let meta = report.metadata
    let level = format.level(meta.confidenceLevel)
    blocks.append(.heading(meta.title, level: 1))
    var source =
      "Source: \(meta.sourceFiles.joined(separator: ", ")); \(counted(meta.rowsRead, "row")) read"
    let excludedRows = meta.exclusions.filter { $0.scope == "all estimates" }.reduce(0) {
      $0 + $1.count
    }
    if excludedRows > 0 {
      source += ", \(excludedRows) excluded from every estimate (see About this report)"
    }
    blocks.append(.paragraph(source + "."))
    if !meta.licenceNotices.isEmpty { blocks.append(.list(meta.licenceNotices)) }

    let headlines = report.indicators.compactMap { measure -> String? in
      guard let whole = measure.wholeSample else { return nil }
      return format.headline(title: measure.title, estimate: whole, level: meta.confidenceLevel)
    }
    if !headlines.isEmpty {
      blocks.append(.heading("Headlines", level: 2))
      blocks.append(.list(headlines))
    }

    for measure in report.measures {
      blocks.append(.rule)
      blocks.append(.heading("\(measure.title)", level: 2))
      blocks.append(.paragraph("Measure \(measure.id) (\(measure.kind.rawValue))."))
      switch measure.kind {
      case .score: addScore(measure, format: format, level: level)
      default:
        addDistribution(
          measure,
          format: format,
          level: level,
          confidenceLevel: meta.confidenceLevel
        )
      }
      if !measure.notes.isEmpty { blocks.append(.list(measure.notes)) }
    }

    blocks.append(.rule)
    blocks.append(.heading("About this report", level: 2))
    var about: [String] = []
    about.append(
      "Source: \(meta.sourceFiles.joined(separator: ", ")); \(counted(meta.rowsRead, "row")) read."
    )
    for exclusion in meta.exclusions {
      var line = "Excluded from \(exclusion.scope): \(exclusion.count) (\(exclusion.reason))"
      if !exclusion.lines.isEmpty {
        let shown = exclusion.lines.prefix(20).map(String.init).joined(separator: ", ")
        line +=
          "; lines \(shown)\(exclusion.lines.count > 20 ? " and \(exclusion.lines.count - 20) more" : "")"
      }
      about.append(line + ".")
    }
    for instrument in meta.instruments {
      about.append(
        "Instrument \(instrument.id) version \(instrument.version) (\(instrument.origin)): \(instrument.title)."
      )
    }
    for cutoff in meta.cutoffs {
      var line =
        "Cut-off for \(cutoff.measure): \(cutoff.definition). "
        + sourceSentence(citations: cutoff.sources, certainty: cutoff.certainty)
      if let note = cutoff.note { line += " \(note)" }
      about.append(line)
    }
    about.append("Disclosure control: \(meta.suppression.description)")
    about.append("Bases under 30 are marked [low base]: estimates from them are unreliable.")
    if let weighting = meta.weighting {
      about.append(weighting.method)
      about.append(
        "Kish effective sample size \(fixed(weighting.effectiveSampleSize, decimals: 1)); design effect due to weighting \(fixed(weighting.designEffect, decimals: 2))."
      )
    } else {
      about.append(
        "Intervals: \(level) Wilson score intervals for percentages; t intervals for means. Percentages are of those who answered each question."
      )
    }
    if !meta.groupBy.isEmpty {
      let test =
        meta.weighting == nil
        ? "Pearson's chi-square test of independence" : "the Rao-Scott adjusted F test"
      about.append(
        "Breakdowns use \(test) where at least two groups and two answers have data; a note says "
          + "when expected counts are too small for it."
      )
    }
    about.append(contentsOf: meta.notes)
    about.append("Made with loneliness \(meta.toolkitVersion).")
    blocks.append(.list(about))
  }

  private mutating func addDistribution(
    _ measure: MeasureReport,
    format: ReportFormatting,
    level: String,
    confidenceLevel: Double
  ) {
    guard let whole = measure.wholeSample else { return }
    let isIndicator = measure.kind == .indicator
    if isIndicator {
      blocks.append(
        .paragraph(format.headline(title: measure.title, estimate: whole, level: confidenceLevel))
      )
    } else {
      let rows = whole.categories.map { category in
        [
          category.category, format.count(category.shownCount), format.percent(category.percent),
          format.compactInterval(ConfidenceBounds(category.interval)),
        ]
      }
      blocks.append(
        .table(
          TableBlock(
            caption: nil,
            headers: ["Answer", "Count", "%", "\(level) CI"],
            rightAligned: [false, true, true, true],
            rows: rows,
            footer: baseFooter(whole, format: format)
          )
        )
      )
    }
    for breakdown in measure.breakdowns.dropFirst() {
      addBreakdown(breakdown, measure: measure, format: format, level: level)
    }
  }

  private mutating func addBreakdown(
    _ breakdown: Breakdown,
    measure: MeasureReport,
    format: ReportFormatting,
    level: String
  ) {
    guard let groupBy = breakdown.groupBy else { return }
    let isIndicator = measure.kind == .indicator
    if isIndicator {
      let rows = breakdown.groups.map { group -> [String] in
        let yes = group.categories.first
        return [
          (group.group ?? "") + (group.isLowBase && !group.isSuppressed ? " [low base]" : ""),
          format.count(yes?.shownCount), format.count(group.shownBase),
          format.percent(yes?.percent),
          format.compactInterval(ConfidenceBounds(yes?.interval)),
        ]
      }
      blocks.append(
        .table(
          TableBlock(
            caption: breakdownHeading(groupBy),
            headers: [groupBy, "Yes", "Base", "%", "\(level) CI"],
            rightAligned: [false, true, true, true, true],
            rows: rows,
            footer: testFooter(breakdown)
          )
        )
      )
    } else {
      let labels = breakdown.groups.first?.categories.map(\.category) ?? []
      let rows = breakdown.groups.map { group -> [String] in
        [(group.group ?? "") + (group.isLowBase && !group.isSuppressed ? " [low base]" : "")]
          + group.categories.map { format.percent($0.percent) } + [format.count(group.shownBase)]
      }
      blocks.append(
        .table(
          TableBlock(
            caption: "\(breakdownHeading(groupBy)): percentage of each group giving each answer",
            headers: [groupBy] + labels + ["Base"],
            rightAligned: [false] + labels.map { _ in true } + [true],
            rows: rows,
            footer: testFooter(breakdown)
          )
        )
      )
    }
  }

  private mutating func addScore(_ measure: MeasureReport, format: ReportFormatting, level: String)
  {
    let places = measure.statisticDecimals
    for breakdown in measure.breakdowns {
      let rows = breakdown.groups.map { group -> [String] in
        let name =
          breakdown.groupBy == nil
          ? "All"
          : (group.group ?? "") + (group.isLowBase && !group.isSuppressed ? " [low base]" : "")
        guard let summary = group.summary, !summary.isSuppressed else {
          return [name, format.count(group.shownBase), "*", "*", "*", "*", "*"]
        }
        return [
          name, String(summary.count), format.value(summary.mean, places: places),
          summary.meanInterval.map {
            "\(fixed($0.lower, decimals: places))-\(fixed($0.upper, decimals: places))"
          } ?? "",
          summary.standardDeviation.map { fixed($0, decimals: places) } ?? "",
          format.value(summary.median, places: places),
          "\(fixed(summary.lowerQuartile, decimals: places))-\(fixed(summary.upperQuartile, decimals: places))",
        ]
      }
      blocks.append(
        .table(
          TableBlock(
            caption: breakdown.groupBy.map(breakdownHeading),
            headers: [
              breakdown.groupBy ?? "", "n", "Mean", "\(level) CI of mean", "SD", "Median",
              "Quartiles",
            ],
            rightAligned: [false, true, true, true, true, true, true],
            rows: rows,
            footer: breakdown.groupBy == nil
              ? missingFooter(breakdown.groups.first, format: format) : []
          )
        )
      )
      if let whole = breakdown.groups.first, breakdown.groupBy == nil, !whole.categories.isEmpty {
        let bandRows = whole.categories.map { band in
          [
            band.category, format.count(band.shownCount), format.percent(band.percent),
            format.compactInterval(ConfidenceBounds(band.interval)),
          ]
        }
        blocks.append(
          .table(
            TableBlock(
              caption: "Bands",
              headers: ["Band", "Count", "%", "\(level) CI"],
              rightAligned: [false, true, true, true],
              rows: bandRows
            )
          )
        )
      }
    }
  }

  private func baseFooter(_ group: GroupEstimate, format: ReportFormatting) -> [String] {
    var line = "Base: \(format.count(group.shownBase)) answered"
    if group.isLowBase && !group.isSuppressed { line += " [low base]" }
    if let weighted = group.weightedBase {
      line += " (weighted base \(fixed(weighted, decimals: 1)))"
    }
    return [line + "."] + missingFooter(group, format: format)
  }

  private func missingFooter(_ group: GroupEstimate?, format: ReportFormatting) -> [String] {
    guard let group else { return [] }
    let missing = group.missing.filter { $0.count > 0 }
    guard !missing.isEmpty else { return [] }
    return [
      "Not included: "
        + missing.map { "\($0.category) \(format.count($0.shownCount))" }.joined(separator: "; ")
        + "."
    ]
  }

  private func testFooter(_ breakdown: Breakdown) -> [String] {
    var lines: [String] = []
    if breakdown.groups.contains(where: {
      $0.categories.contains { $0.suppression != nil } || $0.isSuppressed
    }) {
      lines.append("* hidden to protect small counts.")
    }
    if let test = breakdown.test {
      if let adjusted = test.designAdjustment {
        lines.append(
          "Rao-Scott F = \(fixed(adjusted.fStatistic, decimals: 2)), "
            + "df = \(fixed(adjusted.numeratorDegreesOfFreedom, decimals: 2)) and "
            + "\(fixed(adjusted.denominatorDegreesOfFreedom, decimals: 1)), "
            + "\(formatPValue(test.pValue)) (weighted chi-square = "
            + "\(fixed(test.chiSquare, decimals: 2)), df = \(test.degreesOfFreedom); mean design "
            + "effect \(fixed(adjusted.meanDesignEffect, decimals: 2))). \(test.note)"
        )
      } else {
        lines.append(
          "Chi-square = \(fixed(test.chiSquare, decimals: 2)), df = \(test.degreesOfFreedom), "
            + "\(formatPValue(test.pValue)). \(test.note)"
        )
      }
    }
    return lines
  }
}

/// `p = 0.003`, or `p < 0.001`.
func formatPValue(_ p: Double) -> String {
  p < 0.001 ? "p < 0.001" : "p = \(fixed(p, decimals: 3))"
}
