import SurveyInstruments

/// The brief form of each measure, for plain text and Markdown: the whole sample's table, then
/// one cross-tab per breakdown (groups as rows, answers as columns), with bases, what was left
/// out and the test of independence beneath each.
extension SurveyDocument {
  /// The measure's brief blocks.
  ///
  /// - Complexity: O(*g* × *c*) for *g* groups and *c* categories.
  func brief(_ measure: MeasureReport) -> [Document.Block] {
    var blocks: [Document.Block] = [
      .paragraph(
        Document.Paragraph("Measure \(measure.id) (\(measure.kind.rawValue)).", role: .identifier)
      )
    ]
    if measure.kind == .score {
      blocks += briefScore(measure)
    } else if let whole = measure.wholeSample {
      if measure.kind == .indicator {
        let headline = format.headlineText(
          title: measure.title,
          estimate: whole,
          level: metadata.confidenceLevel
        )
        blocks.append(.paragraph(Document.Paragraph(headline, role: .headline)))
      } else {
        blocks.append(
          .table(
            Table(
              columns: [Table.Column("Answer")] + numericColumns("Count", "%", "\(level) CI"),
              rows: whole.categories.map { Table.Row([.text($0.category)] + estimateCells($0)) },
              footer: baseFooter(whole)
            )
          )
        )
      }
      for breakdown in measure.breakdowns.dropFirst() {
        if let table = crossTab(breakdown, measure: measure) { blocks.append(.table(table)) }
      }
    }
    if !measure.notes.isEmpty {
      blocks.append(.list(Document.List(measure.notes.map { Document.RichText($0) })))
    }
    return blocks
  }

  /// Count, percentage and interval of a category, each with the reason it is hidden.
  func estimateCells(_ category: CategoryEstimate?) -> [Cell] {
    let hidden = category?.suppression
    return [
      .count(category?.shownCount, hidden: hidden),
      .percent(category?.percent, decimals: format.decimals, hidden: hidden),
      .interval(
        ConfidenceBounds(category?.interval),
        decimals: format.decimals,
        style: .compact,
        hidden: hidden
      ),
    ]
  }

  /// A group's name, with `[low base]` when flagged.
  private func groupName(_ group: GroupEstimate) -> Cell {
    .rich(.label(group.group ?? "", isLowBase: Self.isFlagged(group)))
  }

  /// One breakdown's groups as rows: an indicator's yes, base, percentage and interval; any
  /// other measure's percentage giving each answer, and the base.
  private func crossTab(_ breakdown: Breakdown, measure: MeasureReport) -> Table? {
    guard let groupBy = breakdown.groupBy else { return nil }
    if measure.kind == .indicator {
      return Table(
        caption: breakdownHeading(groupBy),
        columns: [Table.Column(groupBy)] + numericColumns("Yes", "Base", "%", "\(level) CI"),
        rows: breakdown.groups.map { group in
          let yes = group.categories.first
          return Table.Row(
            [groupName(group), .count(yes?.shownCount), .count(group.shownBase)]
              + estimateCells(yes).dropFirst()
          )
        },
        footer: testFooter(breakdown)
      )
    }
    let labels = breakdown.groups.first?.categories.map(\.category) ?? []
    return Table(
      caption: "\(breakdownHeading(groupBy)): percentage of each group giving each answer",
      columns: [Table.Column(groupBy)] + labels.map { Table.Column($0, isNumeric: true) }
        + numericColumns("Base"),
      rows: breakdown.groups.map { group in
        Table.Row(
          [groupName(group)]
            + group.categories.map { .percent($0.percent, decimals: format.decimals) }
            + [.count(group.shownBase)]
        )
      },
      footer: testFooter(breakdown)
    )
  }

  /// A score's summary per breakdown, and the whole sample's bands.
  private func briefScore(_ measure: MeasureReport) -> [Document.Block] {
    let places = measure.statisticDecimals
    var blocks: [Document.Block] = []
    for breakdown in measure.breakdowns {
      let rows = breakdown.groups.map { group -> Table.Row in
        let name: Cell = breakdown.groupBy == nil ? .text("All") : groupName(group)
        guard let summary = group.summary, !summary.isSuppressed else {
          return Table.Row(
            [name, .count(group.shownBase)] + Array(repeating: .hidden(.hidden), count: 5)
          )
        }
        return Table.Row([name, .count(summary.count)] + summaryCells(summary, places: places))
      }
      blocks.append(
        .table(
          Table(
            caption: breakdown.groupBy.map(breakdownHeading),
            columns: [Table.Column(breakdown.groupBy ?? "")]
              + numericColumns("n", "Mean", "\(level) CI of mean", "SD", "Median", "Quartiles"),
            rows: rows,
            footer: breakdown.groupBy == nil ? missingFooter(breakdown.groups.first) : []
          )
        )
      )
      if let whole = breakdown.groups.first, breakdown.groupBy == nil, !whole.categories.isEmpty {
        blocks.append(
          .table(
            Table(
              caption: "Bands",
              columns: [Table.Column("Band")] + numericColumns("Count", "%", "\(level) CI"),
              rows: whole.categories.map { Table.Row([.text($0.category)] + estimateCells($0)) }
            )
          )
        )
      }
    }
    return blocks
  }

  /// Mean, its interval, SD, median and quartiles.
  func summaryCells(_ summary: ScoreSummary, places: Int) -> [Cell] {
    [
      .number(summary.mean, decimals: places),
      .interval(ConfidenceBounds(summary.meanInterval), decimals: places, style: .compact),
      .number(summary.standardDeviation, decimals: places),
      .number(summary.median, decimals: places),
      .interval(
        ConfidenceBounds(lower: summary.lowerQuartile, upper: summary.upperQuartile),
        decimals: places,
        style: .compact
      ),
    ]
  }

  private func baseFooter(_ group: GroupEstimate) -> [String] {
    var line = "Base: \(format.count(group.shownBase)) answered"
    if Self.isFlagged(group) { line += " [low base]" }
    if let weighted = group.weightedBase {
      line += " (weighted base \(fixed(weighted, decimals: 1)))"
    }
    return [line + "."] + missingFooter(group)
  }

  private func missingFooter(_ group: GroupEstimate?) -> [String] {
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
      lines.append("\(capitalizedFirst(testStatistic(test))). \(test.note)")
    }
    return lines
  }

  /// `chi-square = 7.63, df = 12, p = 0.814`, or the Rao-Scott F test with the weighted
  /// chi-square and the mean design effect.
  func testStatistic(_ test: IndependenceTest) -> String {
    if test.isCoarsened {
      let method = test.designAdjustment == nil ? "chi-square test" : "Rao-Scott F test"
      return "\(method): p \(test.pValueBand) (only this, as the table has hidden counts)"
    }
    let p = ReportFormatting.pValue(test.pValue)
    guard let adjusted = test.designAdjustment else {
      return
        "chi-square = \(fixed(test.chiSquare, decimals: 2)), df = \(test.degreesOfFreedom), \(p)"
    }
    return "Rao-Scott F = \(fixed(adjusted.fStatistic, decimals: 2)), "
      + "df = \(fixed(adjusted.numeratorDegreesOfFreedom, decimals: 2)) and "
      + "\(fixed(adjusted.denominatorDegreesOfFreedom, decimals: 1)), \(p) (weighted chi-square = "
      + "\(fixed(test.chiSquare, decimals: 2)), df = \(test.degreesOfFreedom); mean design "
      + "effect \(fixed(adjusted.meanDesignEffect, decimals: 2)))"
  }
}
