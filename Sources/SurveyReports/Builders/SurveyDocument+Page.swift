import SurveyInstruments

/// The detailed form of each measure, for pages: which measure it is and its notes, a chart,
/// then the tables behind the chart: every group's counts, percentages and intervals, its base
/// and what was left out of it, and the test of independence after each breakdown.
extension SurveyDocument {
  /// The measure's detailed blocks; `number` names its charts (`chart-3`).
  ///
  /// - Complexity: O(*g* × *c*) for *g* groups and *c* categories.
  func detailed(_ measure: MeasureReport, number: Int) -> [Document.Block] {
    var blocks: [Document.Block] = [
      .paragraph(
        Document.Paragraph(
          Document.RichText([
            .plain("Measure "), .code(measure.id), .plain(" (\(kindName(measure.kind)))"),
          ]),
          role: .identifier
        )
      )
    ]
    if !measure.notes.isEmpty {
      blocks.append(
        .list(Document.List(measure.notes.map { Document.RichText($0) }, style: .notes))
      )
    }
    let chartID = "chart-\(number)"
    switch measure.kind {
    case .item, .tally:
      blocks.append(
        .chart(
          stackedChart(
            measure,
            id: chartID,
            isOrdered: measure.kind == .item,
            what: "the percentage of those who answered giving each answer"
          )
        )
      )
      blocks += distributionTables(measure, categoryHeader: "Answer", percentHeader: "%")
    case .multiSelect:
      blocks.append(.chart(percentBarChart(measure, id: chartID)))
      blocks += distributionTables(
        measure,
        categoryHeader: "Option",
        percentHeader: "% of respondents"
      )
    case .indicator:
      if let whole = measure.wholeSample {
        let headline = format.headlineText(
          title: measure.title,
          estimate: whole,
          level: metadata.confidenceLevel
        )
        blocks.append(.paragraph(Document.Paragraph(headline, role: .headline)))
      }
      blocks.append(.chart(intervalChart(measure, id: chartID)))
      blocks += indicatorTables(measure)
    case .score:
      blocks += detailedScore(measure, chartID: chartID)
    }
    return blocks
  }

  private func kindName(_ kind: MeasureReport.Kind) -> String {
    switch kind {
    case .item: "item"
    case .indicator: "indicator"
    case .score: "score"
    case .tally: "tallied column"
    case .multiSelect: "multi-select column"
    }
  }

  /// A group's name (`All respondents` for the whole sample), flagged when its base is low.
  private func flaggedName(_ group: GroupEstimate) -> Document.RichText {
    .label(Self.groupLabel(group), isLowBase: Self.isFlagged(group))
  }

  /// The footnote on hidden figures.
  private var hiddenFootnote: Document.Block {
    .paragraph(
      Document.Paragraph(
        "* Hidden to protect small counts: a small count, or a figure hidden so that a small "
          + "count cannot be worked out from the rest of the report (the same mark for both).",
        role: .footnote
      )
    )
  }

  /// The test of independence of a breakdown, flagged when not reliable; nothing without one.
  private func testParagraph(_ breakdown: Breakdown) -> [Document.Block] {
    guard let test = breakdown.test, let groupBy = breakdown.groupBy else { return [] }
    let text = "\(breakdownHeading(groupBy)): \(testStatistic(test)). \(test.note)"
    let runs: [Document.RichText.Run] =
      test.isValid ? [.plain(text)] : [.flag(.notReliable), .plain(" " + text)]
    return [.paragraph(Document.Paragraph(Document.RichText(runs), role: .statistics))]
  }

  /// `all respondents`, or `by “Age group”`.
  private func scope(_ breakdown: Breakdown) -> String {
    breakdown.groupBy.map(breakdownScope) ?? "all respondents"
  }

  /// One table per breakdown (the whole sample first): each group's categories with count,
  /// percentage and interval, its base, and its missing answers by reason.
  private func distributionTables(
    _ measure: MeasureReport,
    categoryHeader: String,
    percentHeader: String
  ) -> [Document.Block] {
    var blocks: [Document.Block] = []
    for breakdown in measure.breakdowns {
      if let groupBy = breakdown.groupBy { blocks.append(.heading(breakdownHeading(groupBy))) }
      var hasHidden = false
      let groups = breakdown.groups.map { group -> Table.RowGroup in
        var rows = group.categories.map { category in
          hasHidden = hasHidden || category.suppression != nil
          return Table.Row([.text(category.category)] + estimateCells(category))
        }
        var note = ""
        if let weighted = group.weightedBase {
          note += "weighted base \(fixed(weighted, decimals: 1))"
        }
        if let effective = group.effectiveBase {
          note += "; effective base \(fixed(effective, decimals: 1))"
        }
        var baseNote = Document.RichText(note)
        if breakdown.groupBy == nil && Self.isFlagged(group) {
          baseNote = Document.RichText(
            [.flag(.lowBase)] + (note.isEmpty ? [] : [.plain(" " + note)])
          )
        }
        hasHidden = hasHidden || group.isSuppressed
        rows.append(
          Table.Row(
            [
              .text("Base (answered)"), .count(group.shownBase, hidden: .hidden),
              .spanning(.rich(baseNote), columns: 2),
            ],
            role: .base
          )
        )
        for missing in group.missing where missing.shownCount != 0 {
          hasHidden = hasHidden || missing.suppression != nil
          rows.append(
            Table.Row(
              [
                .text("Not included: \(missing.category)"),
                .count(missing.shownCount, hidden: missing.suppression),
                .spanning(.empty, columns: 2),
              ],
              role: .missing
            )
          )
        }
        return Table.RowGroup(
          title: breakdown.groupBy == nil ? nil : flaggedName(group),
          rows: rows
        )
      }
      let size = breakdown.groups.reduce(0) { $0 + $1.categories.count + $1.missing.count + 2 }
      blocks.append(
        .table(
          Table(
            caption: "\(measure.title): \(scope(breakdown))",
            purpose: "distribution",
            columns: [Table.Column(categoryHeader)]
              + numericColumns("Count", percentHeader, "\(level) CI"),
            groups: groups,
            keepsTogether: size <= 30
          )
        )
      )
      if hasHidden { blocks.append(hiddenFootnote) }
      blocks += testParagraph(breakdown)
    }
    return blocks
  }

  /// What was left out of a group, by reason: `not answered (12); Prefer not to say (*)`.
  private func missingText(_ group: GroupEstimate) -> String {
    group.missing.filter { $0.shownCount != 0 }.map {
      "\($0.category) (\($0.shownCount.map(String.init) ?? ReportFormatting.suppressedMark))"
    }.joined(separator: "; ")
  }

  /// One table per breakdown: each group's count of yes, base, percentage, interval, and
  /// missing answers by reason.
  private func indicatorTables(_ measure: MeasureReport) -> [Document.Block] {
    var blocks: [Document.Block] = []
    for breakdown in measure.breakdowns {
      var hasHidden = false
      let rows = breakdown.groups.compactMap { group -> Table.Row? in
        guard let yes = group.categories.first else { return nil }
        hasHidden =
          hasHidden || yes.suppression != nil || group.isSuppressed
          || group.missing.contains { $0.shownCount != 0 && $0.suppression != nil }
        let cells = estimateCells(yes)
        return Table.Row(
          [.rich(flaggedName(group)), cells[0], .count(group.shownBase, hidden: .hidden)]
            + cells.dropFirst() + [.text(missingText(group))]
        )
      }
      blocks.append(
        .table(
          Table(
            caption: "\(measure.title): \(scope(breakdown))",
            purpose: "indicator",
            columns: [Table.Column(breakdown.groupBy ?? "Group")]
              + numericColumns("Count", "Base", "%", "\(level) CI") + [
                Table.Column("Not included")
              ],
            rows: rows,
            keepsTogether: breakdown.groups.count <= 30
          )
        )
      )
      if hasHidden { blocks.append(hiddenFootnote) }
      blocks += testParagraph(breakdown)
    }
    return blocks
  }

  /// A score's histogram and its table, the summary statistics, and the bands' chart and
  /// tables.
  private func detailedScore(_ measure: MeasureReport, chartID: String) -> [Document.Block] {
    guard let whole = measure.wholeSample else { return [] }
    var blocks: [Document.Block] = []
    if !whole.histogram.isEmpty {
      blocks.append(.heading("Distribution of scores"))
      blocks.append(.chart(histogramChart(measure, histogram: whole.histogram, id: chartID)))
      blocks.append(
        .table(
          Table(
            caption: "\(measure.title): respondents with each score, all respondents",
            purpose: "histogram",
            columns: [Table.Column("Score")] + numericColumns("Respondents"),
            rows: whole.histogram.map {
              Table.Row([.text($0.category), .count($0.shownCount, hidden: $0.suppression)])
            },
            keepsTogether: whole.histogram.count <= 30
          )
        )
      )
      if whole.histogram.contains(where: { $0.suppression != nil }) {
        blocks.append(hiddenFootnote)
      }
    }
    blocks += summaryTable(measure, whole: whole)
    if !whole.categories.isEmpty {
      blocks.append(.heading("Bands"))
      blocks.append(
        .chart(
          stackedChart(
            measure,
            id: "\(chartID)-bands",
            isOrdered: true,
            what: "the percentage of those with a score in each band"
          )
        )
      )
      blocks += distributionTables(measure, categoryHeader: "Band", percentHeader: "%")
    }
    return blocks
  }

  /// The summary statistics of every group, one row group per breakdown.
  private func summaryTable(_ measure: MeasureReport, whole: GroupEstimate) -> [Document.Block] {
    let places = measure.statisticDecimals
    var hasHidden = false
    let groups = measure.breakdowns.map { breakdown in
      Table.RowGroup(
        title: breakdown.groupBy.map { Document.RichText(breakdownHeading($0)) },
        rows: breakdown.groups.map { group in
          let name = Cell.rich(flaggedName(group))
          guard let summary = group.summary, !summary.isSuppressed, let n = group.shownBase else {
            if group.summary != nil || group.isSuppressed {
              hasHidden = true
              return Table.Row([name] + Array(repeating: .hidden(.hidden), count: 6))
            }
            return Table.Row([name, .count(0), .spanning(.text("no scores"), columns: 5)])
          }
          return Table.Row([name, .count(n)] + summaryCells(summary, places: places))
        }
      )
    }
    var blocks: [Document.Block] = [
      .heading("Summary statistics"),
      .table(
        Table(
          caption: "\(measure.title): summary statistics",
          purpose: "summary",
          columns: [Table.Column("Group")]
            + numericColumns(
              "n",
              "Mean",
              "\(level) CI of mean",
              "SD",
              "Median",
              "Quartiles (25th-75th)"
            ),
          groups: groups,
          keepsTogether: measure.breakdowns.reduce(0) { $0 + $1.groups.count + 1 } <= 30
        )
      ),
    ]
    if hasHidden { blocks.append(hiddenFootnote) }
    let missing = missingText(whole)
    if !missing.isEmpty {
      blocks.append(
        .paragraph(Document.Paragraph(.init("Not included: \(missing)."), role: .footnote))
      )
    }
    return blocks
  }
}
