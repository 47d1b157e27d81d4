import SurveyInstruments

/// The sections of a change report's scores and indicators.
extension ChangeDocument {
  /// A score's means at each wave and mean change with its tests, a before-and-after chart,
  /// the shares improved and worse, band transitions and notes.
  func scoreSection(
    _ score: ScoreChange,
    charts: inout ChartNumbers
  ) -> Measure {
    let places = ComparisonDocument.statisticPlaces(score.decimals)
    var blocks = [
      scoreIdentifier(
        score.id,
        better: score.better,
        more: " Pairs with the score at both waves: \(format.count(score.pairs.shownCount))."
      )
    ]
    let missingLines = leftOut(score.missing)
    guard !score.isSuppressed else {
      blocks.append(
        .list(Document.List((score.notes + missingLines).map { Document.RichText($0) }))
      )
      return Measure(title: score.title, blocks: blocks)
    }
    let baselineName =
      metadata.baseline.lowercased() == "baseline" ? "Baseline" : "Baseline (\(metadata.baseline))"
    let followUpName =
      metadata.followUp.lowercased().replacingHyphens == "follow up"
      ? "Follow-up" : "Follow-up (\(metadata.followUp))"
    let pairs = Cell.count(score.pairs.shownCount, hidden: score.pairs.suppression)
    let changeBounds = ConfidenceBounds(score.interval)
    let changePlaces =
      changeBounds.map { ReportFormatting.decimals(showing: $0, atLeast: places) } ?? places
    let rows = [
      Table.Row([
        .text(baselineName), pairs, .number(score.baselineMean, decimals: places),
        .number(score.baselineStandardDeviation, decimals: places), .empty,
      ]),
      Table.Row([
        .text(followUpName), pairs, .number(score.followUpMean, decimals: places),
        .number(score.followUpStandardDeviation, decimals: places), .empty,
      ]),
      Table.Row([
        .text("Change"), pairs, .signed(score.meanChange, decimals: changePlaces),
        .number(score.changeStandardDeviation, decimals: places),
        .interval(changeBounds, decimals: changePlaces, style: .signed),
      ]),
    ]
    var tests: [String] = []
    if let t = score.tStatistic, let df = score.degreesOfFreedom, let p = score.pValue {
      tests.append(
        "\(metadata.weighting == nil ? "Paired t-test" : "Weighted paired t-test (design-based)"): "
          + "t = \(fixed(t, decimals: 2)), df = \(formatNumber(df)), "
          + "\(ReportFormatting.pValue(p))."
      )
    }
    if let p = score.wilcoxonPValue {
      tests.append(
        "\(score.wilcoxonMethod ?? "Wilcoxon signed-rank test"): \(ReportFormatting.pValue(p))."
      )
    }
    if let dz = score.standardizedChange {
      tests.append("Standardised change d_z = \(signed(dz, places: 2)).")
    }
    blocks.append(
      .table(
        Table(
          columns: [Table.Column("")]
            + numericColumns(["n", "Mean", "SD", "\(level) CI of change"]),
          rows: rows,
          footer: tests + missingLines
        )
      )
    )
    if let before = score.baselineMean, let after = score.followUpMean {
      blocks.append(.chart(meansChart(score, before: before, after: after, id: charts.next())))
    }
    if let change = score.meanChange {
      blocks.append(
        .chart(changeChart(score, change: change, places: changePlaces, id: charts.next()))
      )
    }
    if !score.shares.isEmpty { blocks.append(.table(shares(score))) }
    if let transitions = score.transitions { blocks.append(.table(self.transitions(transitions))) }
    blocks += notes(score.notes)
    return Measure(title: score.title, blocks: blocks)
  }

  /// The baseline and follow-up means joined, on the score's whole scale.
  private func meansChart(
    _ score: ScoreChange,
    before: Double,
    after: Double,
    id: String
  ) -> Document.Chart {
    let title = "\(score.title): mean at \(metadata.baseline) and at \(metadata.followUp)"
    let scale =
      score.range.map {
        ", on the score's whole scale (\(formatNumber($0.lowerBound)) to "
          + "\(formatNumber($0.upperBound)))"
      } ?? ""
    return Document.Chart(
      id: id,
      title: title,
      summary: "A hollow dot marks the baseline mean and a filled dot the follow-up mean, "
        + "joined by a line\(scale). The figures are in the table above.",
      caption: "Figure: \(title), same respondents\(scale).",
      kind: .intervals(
        Document.IntervalPlot(
          rows: [Document.Estimate(label: "Mean", value: .shown(after), baseline: before)],
          domain: score.range,
          showsZero: false,
          decimals: ComparisonDocument.statisticPlaces(score.decimals),
          pairNames: waveNames
        )
      )
    )
  }

  /// The mean change with its interval, on an axis centred on zero.
  private func changeChart(
    _ score: ScoreChange,
    change: Double,
    places: Int,
    id: String
  ) -> Document.Chart {
    let title = "\(score.title): mean change with its \(level) interval"
    let better =
      score.better.map { $0 == .higher ? " Higher is better." : " Lower is better." } ?? ""
    return Document.Chart(
      id: id,
      title: title,
      summary: "A dot marks the mean change (follow-up minus baseline) and whiskers its \(level) "
        + "interval, on an axis centred on zero (no change).\(better) The figures are in the "
        + "table above.",
      caption: "Figure: \(title) (follow-up minus baseline).\(better)",
      kind: .intervals(
        Document.IntervalPlot(
          rows: [
            Document.Estimate(
              label: "Mean change",
              value: .shown(change),
              interval: ConfidenceBounds(score.interval)
            )
          ],
          showsZero: true,
          decimals: places
        )
      )
    )
  }

  /// The shares improved, unchanged and worse, with the threshold used.
  private func shares(_ score: ScoreChange) -> Table {
    var footer: [String] = []
    if let threshold = score.threshold {
      if score.better == nil {
        footer.append(
          "The instrument does not say which direction is better, so shares show any change: "
            + "the threshold of \(pointsText(threshold.points)) is not used."
        )
      } else {
        footer.append(
          "Meaningful change: \(pointsText(threshold.points)). Source: \(threshold.source)."
        )
      }
    } else {
      footer.append(
        "No meaningful-change threshold for this score: the shares count any change, however "
          + "small. Set one with --meaningful-change \(score.id)=POINTS."
      )
    }
    if score.shares.contains(where: { $0.count.suppression != nil }) {
      footer.append("* hidden to protect small counts.")
    }
    return Table(
      caption: "Individual change",
      columns: [Table.Column("Change")] + numericColumns(["Count", "%", "\(level) CI"]),
      rows: score.shares.map {
        Table.Row([
          .text($0.label), count($0.count),
          .percent($0.count.percent, decimals: format.decimals, hidden: $0.count.suppression),
          .interval(ConfidenceBounds($0.interval), decimals: format.decimals, style: .compact),
        ])
      },
      footer: footer
    )
  }

  /// Movement between bands: baseline bands as rows, follow-up bands as columns.
  private func transitions(_ transitions: BandTransitions) -> Table {
    var footer = ["Rows: band at baseline; columns: band at follow-up."]
    if transitions.outsideBands.count > 0 {
      footer.append("Outside every band: \(format.count(transitions.outsideBands.shownCount)).")
    }
    if transitions.cells.joined().contains(where: { $0.suppression != nil }) {
      footer.append("* hidden to protect small counts.")
    }
    if let source = transitions.source { footer.append("Bands: \(source).") }
    return Table(
      caption: "Movement between bands",
      columns: [Table.Column("Baseline \\ follow-up")]
        + numericColumns(transitions.bands),
      rows: zip(transitions.bands, transitions.cells).map { band, cells in
        Table.Row([.text(band)] + cells.map(count))
      },
      footer: footer
    )
  }

  /// An indicator's paired table with McNemar's test, and a before-and-after chart.
  func indicatorSection(
    _ indicator: IndicatorChange,
    charts: inout ChartNumbers
  ) -> Measure {
    let decimals = metadata.decimals
    var blocks = [
      identifier(
        "Measure \(indicator.id) (indicator). Pairs with a value at both waves: "
          + "\(format.count(indicator.pairs.shownCount))."
      )
    ]
    var footer: [String] = []
    if let before = indicator.baselinePercent, let after = indicator.followUpPercent {
      footer.append(
        "Yes at baseline: \(fixed(before, decimals: decimals))%; at follow-up: "
          + "\(fixed(after, decimals: decimals))%."
      )
    }
    if let method = indicator.method, let p = indicator.pValue {
      var line = "\(method): \(ReportFormatting.pValue(p))"
      if let note = indicator.methodNote { line += " (\(note))" }
      footer.append(line + ".")
    }
    footer += leftOut(indicator.missing)
    if [indicator.yesYes, indicator.yesNo, indicator.noYes, indicator.noNo].contains(where: {
      $0.suppression != nil
    }) {
      footer.append("* hidden to protect small counts.")
    }
    blocks.append(
      .table(
        Table(
          columns: [Table.Column("Baseline \\ follow-up")] + numericColumns(["Yes", "No"]),
          rows: [
            Table.Row([.text("Yes"), count(indicator.yesYes), count(indicator.yesNo)]),
            Table.Row([.text("No"), count(indicator.noYes), count(indicator.noNo)]),
          ],
          footer: footer
        )
      )
    )
    var row = Document.Estimate(label: "Yes", value: .hidden)
    if let before = indicator.baselinePercent, let after = indicator.followUpPercent {
      row = Document.Estimate(label: "Yes", value: .shown(after), baseline: before)
    }
    let title =
      "\(indicator.title): percentage at \(metadata.baseline) and at \(metadata.followUp), same "
      + "respondents"
    blocks.append(
      .chart(
        Document.Chart(
          id: charts.next(),
          title: title,
          summary: "A hollow dot marks the baseline percentage and a filled dot the follow-up "
            + "percentage. The figures are in the table above.",
          caption: "Figure: \(title).",
          kind: .intervals(
            Document.IntervalPlot(
              rows: [row],
              domain: 0...100,
              showsZero: false,
              decimals: decimals,
              unit: "%",
              pairNames: waveNames
            )
          )
        )
      )
    )
    blocks += notes(indicator.notes)
    return Measure(title: indicator.title, blocks: blocks)
  }
}

extension String {
  /// The text with hyphens as spaces, to compare wave labels.
  fileprivate var replacingHyphens: String { String(map { $0 == "-" ? " " : $0 }) }
}
