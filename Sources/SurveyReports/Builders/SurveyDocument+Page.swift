import SurveyInstruments

/// The detailed form of each measure, for pages: which measure it is and its notes, a chart,
/// then one cross-tab of every group (groups as rows, answers as columns, each cell the
/// percentage and the count behind it, with the base and what was left out of it), and the test
/// of independence of each breakdown. A 0-10 question that its instrument bands (each ONS4
/// question) shows every answer for the whole sample only: its groups are in the cross-tab of
/// the bands, under its score, which in turn leaves the distribution to the question.
extension SurveyDocument {
  /// The measure's detailed blocks; `number` names its charts (`chart-3`).
  ///
  /// - Complexity: O(*g* × *c*) for *g* groups and *c* categories.
  func detailed(_ measure: MeasureReport, number: Int) -> [Document.Block] {
    var blocks: [Document.Block] = [
      .paragraph(
        Document.Paragraph(
          Document.RichText([
            .plain("Measure "), .code(measure.id), .plain(" (\(kindName(measure)))"),
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
      if measure.kind == .item, (measure.wholeSample?.categories.count ?? 0) > Self.mostColours {
        let banded = measure.breakdowns.count > 1 ? bandedScore(of: measure) : nil
        blocks.append(.chart(distributionChart(measure, id: chartID, bandedIn: banded)))
        if let banded {
          // Every answer for the whole sample; each group in the instrument's bands, once,
          // under the score.
          var whole = measure
          whole.breakdowns = Array(measure.breakdowns.prefix(1))
          blocks += crossTab(whole, answers: "answer")
          blocks.append(bandsPointer(banded))
          return blocks
        }
      } else {
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
      }
      blocks += crossTab(measure, answers: "answer")
    case .multiSelect:
      blocks.append(.chart(percentBarChart(measure, id: chartID)))
      blocks += crossTab(measure, answers: "option")
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
      blocks += indicatorTable(measure)
    case .score:
      blocks += detailedScore(measure, chartID: chartID)
    }
    return blocks
  }

  /// The most categories a stacked bar draws: an item with more answers (a 0-10 scale) is
  /// drawn as a distribution instead.
  static let mostColours = 7

  /// The score whose bands break an item down (``MeasureReport/bandedScore``), when the report
  /// has it with its bands.
  func bandedScore(of item: MeasureReport) -> MeasureReport? {
    guard item.kind == .item, let id = item.bandedScore else { return nil }
    return report.outlines.first {
      $0.kind == .score && $0.id == id && !($0.wholeSample?.categories.isEmpty ?? true)
    }
  }

  /// The item drawn as a distribution whose answers `score` is, when the report has one: the
  /// item's section shows the distribution, so the score's does not repeat it.
  func distributedItem(of score: MeasureReport) -> MeasureReport? {
    report.outlines.first {
      $0.kind == .item && $0.bandedScore == score.id
        && ($0.wholeSample?.categories.count ?? 0) > Self.mostColours
        && bandedScore(of: $0) != nil
    }
  }

  /// Where an item's groups are: in the bands of `score`, under its section.
  private func bandsPointer(_ score: MeasureReport) -> Document.Block {
    let bands = (score.wholeSample?.categories ?? []).map(\.category)
    return .paragraph(
      Document.Paragraph(
        .init(
          "Each group's answers are under “\(score.title)”, below, in the instrument's bands "
            + "(\(bands.joined(separator: ", "))), with the test of independence."
        )
      )
    )
  }

  private func kindName(_ measure: MeasureReport) -> String {
    let direction: String
    switch (measure.kind, measure.better) {
    case (.score, .higher?): direction = "; higher is better"
    case (.score, .lower?): direction = "; lower is better"
    default: direction = ""
    }
    let name =
      switch measure.kind {
      case .item: "item"
      case .indicator: "indicator"
      case .score: "score"
      case .tally: "tallied column"
      case .multiSelect: "multi-select column"
      }
    return name + direction
  }

  /// A group's name (`All respondents` for the whole sample), flagged when its base is low.
  private func flaggedName(_ group: GroupEstimate) -> Document.RichText {
    .label(Self.groupLabel(group), isLowBase: Self.isFlagged(group))
  }

  /// The footnote on hidden figures.
  private var hiddenFootnote: Document.Block {
    .paragraph(
      Document.Paragraph(
        "* Hidden to protect small counts (see Disclosure control under About this report).",
        role: .footnote
      )
    )
  }

  /// The test of independence of a breakdown, flagged when not reliable; nothing without one.
  ///
  /// The usual method is named once, under "About this report".
  private func testParagraph(_ breakdown: Breakdown) -> [Document.Block] {
    guard let test = breakdown.test, let groupBy = breakdown.groupBy else { return [] }
    let note = test.noteBeyondMethod
    let text =
      "\(breakdownHeading(groupBy)): \(testStatistic(test))." + (note.isEmpty ? "" : " \(note)")
    let runs: [Document.RichText.Run] =
      test.isValid ? [.plain(text)] : [.flag(.notReliable), .plain(" " + text)]
    return [.paragraph(Document.Paragraph(Document.RichText(runs), role: .statistics))]
  }

  /// The reasons answers were left out of some group's base, in order of first appearance.
  private func missingReasons(_ measure: MeasureReport) -> [String] {
    var reasons: [String] = []
    for breakdown in measure.breakdowns {
      for group in breakdown.groups {
        for missing in group.missing where missing.count > 0 && !reasons.contains(missing.category)
        {
          reasons.append(missing.category)
        }
      }
    }
    return reasons
  }

  /// The counts left out of a group's base for each of `reasons`.
  private func missingCells(_ group: GroupEstimate, reasons: [String]) -> [Cell] {
    reasons.map { reason in
      guard let missing = group.missing.first(where: { $0.category == reason }) else {
        return .count(0)
      }
      return .count(missing.shownCount, hidden: missing.suppression)
    }
  }

  /// The weighted and effective bases of a group, when the report is weighted.
  private func weightedCells(_ group: GroupEstimate) -> [Cell] {
    guard metadata.weighting != nil else { return [] }
    return [
      .number(group.isSuppressed ? nil : group.weightedBase, decimals: 1),
      .number(group.isSuppressed ? nil : group.effectiveBase, decimals: 1),
    ]
  }

  /// The row groups of a table of every group: the whole sample, then one titled group per
  /// breakdown, each row made by `row`.
  private func rowGroups(
    _ measure: MeasureReport,
    row: (GroupEstimate) -> Table.Row
  ) -> [Table.RowGroup] {
    measure.breakdowns.map { breakdown in
      Table.RowGroup(
        title: breakdown.groupBy.map { Document.RichText(breakdownScopeTitle($0)) },
        rows: breakdown.groups.map(row)
      )
    }
  }

  /// `By “Which district do you live in?”`.
  private func breakdownScopeTitle(_ groupBy: String) -> String { "By “\(groupBy)”" }

  /// Whether any figure of the measure is hidden.
  private func hasHidden(_ measure: MeasureReport) -> Bool {
    measure.breakdowns.contains { breakdown in
      breakdown.groups.contains { group in
        group.isSuppressed || group.categories.contains { $0.suppression != nil }
          || group.missing.contains { $0.count > 0 && $0.suppression != nil }
      }
    }
  }

  /// One cross-tab of every group (of all respondents without breakdowns): the whole sample,
  /// then each breakdown's groups as rows; the answers (or options, or bands) as columns, each
  /// cell the percentage of the group with the count beneath; then the base, the weighted and
  /// effective bases when weighted, and the answers left out of the base by reason.
  private func crossTab(_ measure: MeasureReport, answers: String) -> [Document.Block] {
    let caption =
      measure.breakdowns.count > 1 ? "each group's answers" : "answers of all respondents"
    let labels = measure.wholeSample?.categories.map(\.category) ?? []
    let reasons = missingReasons(measure)
    let weighted = metadata.weighting != nil && labels.count <= 6
    var columns = [Table.Column("Group")] + numericColumns(labels) + numericColumns("Base")
    if weighted { columns += numericColumns("Weighted base", "Effective base") }
    columns += numericColumns(reasons.map { "Left out: \($0)" })
    let groups = rowGroups(measure) { group in
      Table.Row(
        [.rich(flaggedName(group))]
          + group.categories.map {
            .share(
              $0.shownCount,
              percent: $0.percent,
              decimals: format.decimals,
              hidden: $0.suppression
            )
          } + [.count(group.shownBase, hidden: .hidden)]
          + (weighted ? weightedCells(group) : [])
          + missingCells(group, reasons: reasons)
      )
    }
    let percentOf =
      measure.kind == .multiSelect
      ? "respondents who ticked any option choosing each option"
      : "those who answered giving each \(answers)"
    var footer = [
      "Each cell: the percentage of \(percentOf), with the count beneath. Base: those who "
        + "answered\(weighted || metadata.weighting == nil ? "" : " (weighted and effective bases are in the CSV and JSON)")."
    ]
    if metadata.weighting != nil { footer[0] += " Percentages are weighted; counts are not." }
    var blocks: [Document.Block] = [
      .table(
        Table(
          caption: "\(measure.title): \(caption)",
          purpose: "crosstab",
          columns: columns,
          groups: groups,
          footer: footer
        )
      )
    ]
    if hasHidden(measure) { blocks.append(hiddenFootnote) }
    for breakdown in measure.breakdowns { blocks += testParagraph(breakdown) }
    return blocks
  }

  /// One table of every group: the count of yes, the base, the percentage and its interval, the
  /// weighted and effective bases when weighted, and the answers left out by reason.
  private func indicatorTable(_ measure: MeasureReport) -> [Document.Block] {
    let reasons = missingReasons(measure)
    var columns = [Table.Column("Group")] + numericColumns("Yes", "Base", "%", "\(level) CI")
    if metadata.weighting != nil { columns += numericColumns("Weighted base", "Effective base") }
    columns += numericColumns(reasons.map { "Left out: \($0)" })
    let groups = rowGroups(measure) { group in
      let cells = estimateCells(group.categories.first)
      return Table.Row(
        [.rich(flaggedName(group)), cells[0], .count(group.shownBase, hidden: .hidden)]
          + cells.dropFirst() + weightedCells(group) + missingCells(group, reasons: reasons)
      )
    }
    var blocks: [Document.Block] = [
      .table(
        Table(
          caption: "\(measure.title): "
            + (measure.breakdowns.count > 1 ? "each group" : "all respondents"),
          purpose: "indicator",
          columns: columns,
          groups: groups
        )
      )
    ]
    if hasHidden(measure) { blocks.append(hiddenFootnote) }
    for breakdown in measure.breakdowns { blocks += testParagraph(breakdown) }
    return blocks
  }

  /// A score's histogram (or, when it is the answer to a question drawn as a distribution, where
  /// that is), its mean in each group, the summary statistics, and the bands' chart and
  /// cross-tab.
  private func detailedScore(_ measure: MeasureReport, chartID: String) -> [Document.Block] {
    guard let whole = measure.wholeSample else { return [] }
    var blocks: [Document.Block] = []
    if let item = distributedItem(of: measure) {
      blocks.append(
        .paragraph(
          Document.Paragraph(
            .init("The distribution of answers is under “\(item.title)”, above.")
          )
        )
      )
    } else if !whole.histogram.isEmpty {
      blocks.append(.heading("Distribution of scores"))
      blocks.append(.chart(histogramChart(measure, histogram: whole.histogram, id: chartID)))
      if whole.histogram.contains(where: { $0.suppression != nil }) {
        blocks.append(hiddenFootnote)
      }
    }
    blocks.append(.heading("Summary statistics"))
    if measure.breakdowns.count > 1 {
      blocks.append(.chart(meansChart(measure, id: "\(chartID)-means")))
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
      blocks += crossTab(measure, answers: "band")
    }
    return blocks
  }

  /// The summary statistics of every group, one row group per breakdown.
  private func summaryTable(_ measure: MeasureReport, whole: GroupEstimate) -> [Document.Block] {
    let places = measure.statisticDecimals
    var hasHidden = false
    let groups = rowGroups(measure) { group in
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
    var blocks: [Document.Block] = [
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
          groups: groups
        )
      )
    ]
    if hasHidden { blocks.append(hiddenFootnote) }
    let missing = whole.missing.filter { $0.shownCount != 0 }.map {
      "\($0.category) (\($0.shownCount.map(String.init) ?? ReportFormatting.suppressedMark))"
    }
    if !missing.isEmpty {
      blocks.append(
        .paragraph(
          Document.Paragraph(
            .init("Not included: \(missing.joined(separator: "; "))."),
            role: .footnote
          )
        )
      )
    }
    return blocks
  }
}
