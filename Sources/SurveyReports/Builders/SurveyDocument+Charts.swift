import SurveyStatistics

/// The charts of a survey report's measures, as data.
extension SurveyDocument {
  /// A category's percentage as a chart draws it.
  private func chartValue(_ category: CategoryEstimate) -> Document.ChartValue {
    if category.suppression != nil { return .hidden }
    return category.percent.map { .shown($0) } ?? .absent
  }

  /// "all respondents and each group of Age group and Area".
  private func coverage(_ measure: MeasureReport) -> String {
    let groupings = measure.breakdowns.compactMap(\.groupBy)
    guard !groupings.isEmpty else { return "all respondents" }
    return "all respondents and each group of " + groupings.joined(separator: ", ")
  }

  /// Stacked bars of `what` for the whole sample and each group.
  func stackedChart(
    _ measure: MeasureReport,
    id: String,
    isOrdered: Bool,
    what: String
  ) -> Document.Chart {
    var lines: [Document.ChartLine<Document.StackedBars.Bar>] = []
    for breakdown in measure.breakdowns {
      if let groupBy = breakdown.groupBy { lines.append(.heading(breakdownHeading(groupBy))) }
      for group in breakdown.groups {
        lines.append(
          .row(
            Document.StackedBars.Bar(
              label: Self.groupLabel(group),
              isLowBase: Self.isFlagged(group),
              segments: group.categories.map(chartValue),
              isHidden: group.isSuppressed,
              base: group.shownBase
            )
          )
        )
      }
    }
    let title = "\(measure.title): \(what)"
    return Document.Chart(
      id: id,
      title: title,
      summary: "Stacked bars, one for \(coverage(measure)), each divided into \(what), in the "
        + "order of the legend. Hatched segments are hidden to protect small counts. The "
        + "figures are in the table that follows.",
      caption: "Figure: \(title). n is the number who answered.",
      kind: .stackedBars(
        Document.StackedBars(
          categories: measure.wholeSample?.categories.map(\.category) ?? [],
          isOrdered: isOrdered,
          lines: lines,
          decimals: format.decimals
        )
      )
    )
  }

  /// Bars of the percentage choosing each option, a block per group.
  func percentBarChart(_ measure: MeasureReport, id: String) -> Document.Chart {
    var lines: [Document.ChartLine<Document.Bar>] = []
    for breakdown in measure.breakdowns {
      for group in breakdown.groups {
        var heading =
          breakdown.groupBy.map { "\($0): \(Self.groupLabel(group))" } ?? "All respondents"
        let base = group.shownBase.map(String.init) ?? ReportFormatting.suppressedMark
        heading += " (n=\(base)\(Self.isFlagged(group) ? ", low base" : ""))"
        lines.append(.heading(heading))
        for category in group.categories {
          lines.append(
            .row(Document.Bar(label: category.category, value: chartValue(category)))
          )
        }
      }
    }
    let title = "\(measure.title): percentage of respondents choosing each option"
    return Document.Chart(
      id: id,
      title: title,
      summary: "Horizontal bars, one per option, for \(coverage(measure)). Respondents could "
        + "choose more than one option, so the bars are not stacked and can add up to more "
        + "than 100%. The figures are in the table that follows.",
      caption: "Figure: \(title). Percentages add up to more than 100%.",
      kind: .percentBars(Document.PercentBars(lines: lines, decimals: format.decimals))
    )
  }

  /// An indicator's percentage with its interval, for the whole sample and each group.
  func intervalChart(_ measure: MeasureReport, id: String) -> Document.Chart {
    var lines: [Document.ChartLine<Document.Estimate>] = []
    for breakdown in measure.breakdowns {
      if let groupBy = breakdown.groupBy { lines.append(.heading(breakdownHeading(groupBy))) }
      for group in breakdown.groups {
        let yes = group.categories.first
        let value: Document.ChartValue =
          group.isSuppressed ? .hidden : (yes.map(chartValue) ?? .absent)
        lines.append(
          .row(
            Document.Estimate(
              label: Self.groupLabel(group),
              value: value,
              interval: value == .hidden ? nil : ConfidenceBounds(yes?.interval),
              isLowBase: Self.isFlagged(group)
            )
          )
        )
      }
    }
    let title = "\(measure.title): percentage with \(level) confidence interval"
    return Document.Chart(
      id: id,
      title: title,
      summary: "Dots mark the percentage and whiskers its \(level) confidence interval, on an "
        + "axis from 0% to 100%, for \(coverage(measure)). The figures are in the table that "
        + "follows.",
      caption: "Figure: \(title).",
      kind: .percentIntervals(Document.PercentIntervals(lines: lines, decimals: format.decimals))
    )
  }

  /// The number of respondents with each score, for the whole sample.
  func histogramChart(
    _ measure: MeasureReport,
    histogram: [CategoryEstimate],
    id: String
  ) -> Document.Chart {
    let bins = histogram.map { bin in
      Document.Bar(
        label: bin.category,
        value: bin.suppression != nil
          ? .hidden : (bin.shownCount.map { .shown(Double($0)) } ?? .absent)
      )
    }
    let title = "\(measure.title): number of respondents with each score"
    return Document.Chart(
      id: id,
      title: title,
      summary: "A histogram of the scores of all respondents with a score: one bar per score or "
        + "range of scores, its height the number of respondents. Hatched markers are bins "
        + "hidden to protect small counts. The figures are in the table that follows.",
      caption: "Figure: \(title) (all respondents).",
      kind: .histogram(Document.Histogram(bins: bins, valueTitle: "Score"))
    )
  }
}
