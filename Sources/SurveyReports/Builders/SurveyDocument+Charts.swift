import SurveyInstruments
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

  /// Which end of a measure's categories is worse, when the instrument says: an item's by its
  /// codes, a score's bands (lowest first) by its direction.
  func worseEnd(_ measure: MeasureReport) -> Document.End? {
    guard let better = measure.better else { return nil }
    switch measure.kind {
    case .item:
      let codes = measure.wholeSample?.categories.compactMap(\.code) ?? []
      guard let first = codes.first, let last = codes.last, first != last else { return nil }
      let risesAlongList = last > first
      return (better == .higher) == risesAlongList ? .first : .last
    case .score:
      return better == .higher ? .first : .last
    case .indicator, .tally, .multiSelect:
      return nil
    }
  }

  /// Stacked bars of `what` for the whole sample; each group's answers are in the cross-tab
  /// that follows, which a page can print in a fraction of the height of a bar per group.
  func stackedChart(
    _ measure: MeasureReport,
    id: String,
    isOrdered: Bool,
    what: String
  ) -> Document.Chart {
    var lines: [Document.ChartLine<Document.StackedBars.Bar>] = []
    for breakdown in measure.breakdowns where breakdown.groupBy == nil {
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
    let worse = isOrdered ? worseEnd(measure) : nil
    let categories = measure.wholeSample?.categories.map(\.category) ?? []
    let title = "\(measure.title): \(what)"
    var caption = "Figure: \(title). n is the number who answered."
    if let worse, let worst = worse == .first ? categories.first : categories.last {
      caption += " Darker colours are worse answers; the darkest is “\(worst)”."
    }
    return Document.Chart(
      id: id,
      title: title,
      summary: "A stacked bar for all respondents, divided into \(what), in the "
        + "order of the legend. Hatched segments are answers hidden to protect small counts; "
        + "they keep their place and share evenly what the shown answers leave, so their widths "
        + "are not their sizes. "
        + (measure.breakdowns.count > 1
          ? "The figures, and each group's, are in the table that follows."
          : "The figures are in the table that follows."),
      caption: caption,
      kind: .stackedBars(
        Document.StackedBars(
          categories: categories,
          isOrdered: isOrdered,
          worseEnd: worse,
          lines: lines,
          decimals: format.decimals
        )
      )
    )
  }

  /// Bars of the percentage of all respondents choosing each option, most chosen first; the
  /// groups are in the table that follows.
  func percentBarChart(_ measure: MeasureReport, id: String) -> Document.Chart {
    let whole = measure.wholeSample
    let lines: [Document.ChartLine<Document.Bar>] =
      whole?.categories.map { .row(Document.Bar(label: $0.category, value: chartValue($0))) } ?? []
    let base = whole?.shownBase.map(String.init) ?? ReportFormatting.suppressedMark
    let title = "\(measure.title): percentage of respondents choosing each option"
    return Document.Chart(
      id: id,
      title: title,
      summary: "Horizontal bars, one per option, most chosen first, for all respondents who "
        + "ticked any option. Respondents could choose more than one option, so the bars are "
        + "not stacked and can add up to more than 100%. "
        + (measure.breakdowns.count > 1 ? "Each group's figures" : "The figures")
        + " are in the table that follows.",
      caption: "Figure: \(title), all respondents (n=\(base)), most chosen first. Percentages add "
        + "up to more than 100%.",
      kind: .percentBars(Document.PercentBars(lines: lines, decimals: format.decimals))
    )
  }

  /// The percentage giving each answer of a scale with many answers (0 to 10), for all
  /// respondents, as columns in the scale's order; the groups are in the table that follows.
  func distributionChart(
    _ measure: MeasureReport,
    id: String,
    bandedIn score: MeasureReport? = nil
  ) -> Document.Chart {
    let whole = measure.wholeSample
    let bins = (whole?.categories ?? []).map {
      Document.Bar(label: $0.category, value: chartValue($0))
    }
    let base = whole?.shownBase.map(String.init) ?? ReportFormatting.suppressedMark
    let title = "\(measure.title): percentage giving each answer"
    return Document.Chart(
      id: id,
      title: title,
      summary: "Columns, one per answer in the scale's order, their heights the percentage of "
        + "all respondents who answered giving that answer. "
        + listing(bins, unit: "%", decimals: format.decimals)
        + (score.map {
          " Each group's figures, in the instrument's bands, are under “\($0.title)”."
        }
          ?? (measure.breakdowns.count > 1
            ? " Each group's figures are in the table that follows."
            : " The figures are in the table that follows.")),
      caption: "Figure: \(title), all respondents (n=\(base)).",
      kind: .histogram(
        Document.Histogram(
          bins: bins,
          valueTitle: "Answer",
          heightTitle: "% of those answering",
          unit: "%",
          decimals: format.decimals
        )
      )
    )
  }

  /// `0: 2%; 1: 0%; …; 9: hidden.`, the figures of a chart's bars for its text alternative.
  private func listing(_ bars: [Document.Bar], unit: String, decimals: Int) -> String {
    let parts = bars.map { bar -> String in
      switch bar.value {
      case .shown(let value): "\(bar.label): \(fixed(value, decimals: decimals))\(unit)"
      case .hidden: "\(bar.label): hidden"
      case .absent: "\(bar.label): none"
      }
    }
    return "The figures: " + parts.joined(separator: "; ") + "."
  }

  /// An indicator's percentage with its interval, for the whole sample and each group.
  func intervalChart(_ measure: MeasureReport, id: String) -> Document.Chart {
    var lines: [Document.ChartLine<Document.Estimate>] = []
    for breakdown in measure.breakdowns {
      if let groupBy = breakdown.groupBy { lines.append(.heading(breakdownHeading(groupBy))) }
      for group in breakdown.groups {
        lines.append(.row(estimate(of: group, label: Self.groupLabel(group))))
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

  /// A group's percentage of yes and its interval, as a chart draws it.
  private func estimate(of group: GroupEstimate, label: String) -> Document.Estimate {
    let yes = group.categories.first
    let value: Document.ChartValue =
      group.isSuppressed ? .hidden : (yes.map(chartValue) ?? .absent)
    return Document.Estimate(
      label: label,
      value: value,
      interval: value == .hidden ? nil : ConfidenceBounds(yes?.interval),
      isLowBase: Self.isFlagged(group)
    )
  }

  /// Every indicator for all respondents, with its interval: the first page's chart, whose
  /// figures are the headlines above it; `nil` without indicators.
  var keyChart: Document.Chart? {
    let rows = report.outlines.filter { $0.kind == .indicator }.compactMap { measure in
      measure.wholeSample.map { estimate(of: $0, label: measure.title) }
    }
    guard !rows.isEmpty else { return nil }
    let title =
      "Headline indicators: percentage of all respondents with \(level) confidence interval"
    return Document.Chart(
      id: "chart-key",
      title: title,
      summary: "Dots mark each indicator's percentage of all respondents and whiskers its "
        + "\(level) confidence interval, on an axis from 0% to 100%. The figures are the "
        + "headlines above.",
      caption: "Figure: \(title).",
      kind: .percentIntervals(
        Document.PercentIntervals(
          lines: rows.map { .row($0) },
          decimals: format.decimals,
          labelsAbove: true
        )
      )
    )
  }

  /// A score's mean with its interval for the whole sample and each group, on an axis from the
  /// score's minimum to its maximum.
  func meansChart(_ measure: MeasureReport, id: String) -> Document.Chart {
    var lines: [Document.ChartLine<Document.Estimate>] = []
    for breakdown in measure.breakdowns {
      if let groupBy = breakdown.groupBy { lines.append(.heading(breakdownHeading(groupBy))) }
      for group in breakdown.groups {
        let summary = group.summary
        let hidden = group.isSuppressed || summary?.isSuppressed == true
        lines.append(
          .row(
            Document.Estimate(
              label: Self.groupLabel(group),
              value: hidden ? .hidden : (summary.map { .shown($0.mean) } ?? .absent),
              interval: hidden ? nil : ConfidenceBounds(summary?.meanInterval),
              isLowBase: Self.isFlagged(group)
            )
          )
        )
      }
    }
    let range = measure.range
    let axis =
      range.map {
        "from its minimum, \(formatNumber($0.lowerBound)), to its maximum, "
          + "\(formatNumber($0.upperBound))"
      } ?? "fitted to the means"
    let title = "\(measure.title): mean with \(level) confidence interval"
    return Document.Chart(
      id: id,
      title: title,
      summary: "Dots mark the mean score and whiskers its \(level) confidence interval, for "
        + "\(coverage(measure)), on the score's scale \(axis). The figures are in the table "
        + "that follows.",
      caption: "Figure: \(title), on the whole scale"
        + (range.map { " (\(formatNumber($0.lowerBound)) to \(formatNumber($0.upperBound)))" } ?? "")
        + ".",
      kind: .intervals(
        Document.IntervalPlot(
          lines: lines,
          domain: range,
          showsZero: false,
          decimals: measure.statisticDecimals
        )
      )
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
      summary: "A histogram of the scores of all respondents with a score, across the score's "
        + "range: one bar per score or range of scores, its height the number of respondents; "
        + "hatched markers are bins hidden to protect small counts. "
        + listing(bins, unit: "", decimals: 0),
      caption: "Figure: \(title) (all respondents, unweighted counts).",
      kind: .histogram(Document.Histogram(bins: bins, valueTitle: "Score"))
    )
  }
}
