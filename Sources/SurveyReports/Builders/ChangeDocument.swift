import SurveyInstruments
import SurveyStatistics

/// Lays a ``ChangeReport`` out as a ``Document``.
struct ChangeDocument: DocumentBuilding {
  let report: ChangeReport

  var metadata: ChangeMetadata { report.metadata }

  var document: Document {
    var charts = ChartNumbers()
    let measures =
      report.scores.map { scoreSection($0, charts: &charts) }
      + report.indicators.map { indicatorSection($0, charts: &charts) }
    return document(
      .change(report),
      sections: [opening, pairing, headlines] + measureSections(measures) + [about]
    )
  }

  private var opening: Document.Section {
    let waves = metadata.waveColumn.map { "waves from column '\($0)'" } ?? "one file per wave"
    return opening(
      "Source: \(metadata.sourceFiles.joined(separator: ", ")); "
        + "\(counted(metadata.rowsRead, "row")) read; \(waves): baseline "
        + "'\(metadata.baseline)', follow-up '\(metadata.followUp)'; respondents paired by "
        + "column '\(metadata.idColumn)'.",
      notices: metadata.licenceNotices
    )
  }

  private var pairing: Document.Section {
    let pairing = report.pairing
    func listLine(_ title: String, _ ids: [String]) -> String {
      ids.isEmpty ? "\(title): none." : "\(title), \(ids.count): \(ids.joined(separator: ", "))."
    }
    var lines = [
      "Paired: \(pairing.paired) (ids with one usable row at each wave).",
      "Ids at baseline: \(pairing.baselineIDs); at follow-up: \(pairing.followUpIDs).",
      listLine("Baseline only (no follow-up)", pairing.baselineOnly),
      listLine("Follow-up only (no baseline)", pairing.followUpOnly),
    ]
    if pairing.duplicates.isEmpty { lines.append("Duplicate ids: none.") }
    for duplicate in pairing.duplicates {
      let what =
        duplicate.resolution == .identicalUsedOnce
        ? "the rows agree on every measure, so the first was used once"
        : "the rows differ, so the id is left out of pairing"
      lines.append(
        "Duplicate id \(duplicate.id): \(duplicate.locations.count) rows at \(duplicate.wave) "
          + "(\(duplicate.locations.joined(separator: ", "))); \(what)."
      )
    }
    for exclusion in metadata.exclusions {
      lines.append(
        "Not paired: \(counted(exclusion.count, "row")) (\(exclusion.reason))."
      )
    }
    return Document.Section(
      id: "pairing",
      title: "Pairing",
      role: .results,
      blocks: [.list(Document.List(lines.map { Document.RichText($0) }))]
    )
  }

  private var headlines: Document.Section {
    let decimals = metadata.decimals
    var items: [Document.RichText] = []
    for score in report.scores {
      guard let change = score.meanChange, let interval = score.interval, let p = score.pValue
      else { continue }
      let bounds = ConfidenceBounds(lower: interval.lower, upper: interval.upper)
      let places = ReportFormatting.decimals(
        showing: bounds,
        atLeast: ComparisonDocument.statisticPlaces(score.decimals)
      )
      var line =
        ": mean change \(signed(change, places: places)) (\(level) CI "
        + "\(signed(interval.lower, places: places)) to \(signed(interval.upper, places: places)); "
        + "\(ReportFormatting.pValue(p)); \(counted(score.pairs.shownCount ?? score.pairsUsed, "pair")))"
      if let improved = score.shares.first(where: { $0.movement == .improved }),
        let percent = improved.count.percent
      {
        line += "; \(fixed(percent, decimals: decimals))% \(improved.label)"
      }
      items.append(Document.RichText([.strong(score.title), .plain(line)]))
    }
    for indicator in report.indicators {
      guard let before = indicator.baselinePercent, let after = indicator.followUpPercent else {
        continue
      }
      var line =
        ": \(fixed(before, decimals: decimals))% at baseline, "
        + "\(fixed(after, decimals: decimals))% at follow-up "
        + "(\(counted(indicator.pairs.shownCount ?? indicator.pairsUsed, "pair"))"
      if let p = indicator.pValue {
        line +=
          "; \(metadata.weighting == nil ? "McNemar" : "weighted") "
          + ReportFormatting.pValue(p)
      }
      items.append(Document.RichText([.strong(indicator.title), .plain(line + ")")]))
    }
    var section = headlinesSection(items)
    if let keyChart { section.blocks.append(.forms(brief: [], detailed: [.chart(keyChart)])) }
    return section
  }

  /// Every indicator at baseline and at follow-up, among the same respondents, on one axis from
  /// 0% to 100%: the first page's chart, whose figures are the headlines above it.
  private var keyChart: Document.Chart? {
    let rows = report.indicators.compactMap { indicator -> Document.Estimate? in
      guard let before = indicator.baselinePercent, let after = indicator.followUpPercent else {
        return nil
      }
      return Document.Estimate(label: indicator.title, value: .shown(after), baseline: before)
    }
    guard !rows.isEmpty else { return nil }
    let title =
      "Headline indicators: percentage at \(metadata.baseline) and at \(metadata.followUp), "
      + "same respondents"
    return Document.Chart(
      id: "chart-key",
      title: title,
      summary: "For each indicator a hollow dot marks the baseline percentage and a filled dot "
        + "the follow-up percentage, joined by a line, on an axis from 0% to 100%. The figures "
        + "are the headlines above.",
      caption: "Figure: \(title).",
      kind: .intervals(
        Document.IntervalPlot(
          rows: rows,
          domain: 0...100,
          showsZero: false,
          decimals: metadata.decimals,
          unit: "%",
          pairNames: waveNames,
          labelsAbove: true
        )
      )
    )
  }

  /// The names of the two waves for legends: `Baseline (baseline)`, `Follow-up (12 weeks)`.
  var waveNames: (baseline: String, followUp: String) {
    ("Baseline (\(metadata.baseline))", "Follow-up (\(metadata.followUp))")
  }

  private var about: Document.Section {
    var about = instrumentLines(metadata.instruments)
    about.append(
      "Disclosure control: \(metadata.suppression.changeDescription)"
    )
    if let weighting = metadata.weighting {
      about.append(
        "Change is follow-up minus baseline, among respondents with the measure at both waves, "
          + "with \(level) intervals."
      )
      about.append(weighting.method)
      about.append(
        "Kish effective sample size \(fixed(weighting.effectiveSampleSize, decimals: 1)); "
          + "design effect due to weighting \(fixed(weighting.designEffect, decimals: 2))."
      )
    } else {
      about.append(
        "Change is follow-up minus baseline, among respondents with the measure at both waves. "
          + "\(level) intervals of the mean change come from the paired t-test; d_z is the mean "
          + "change over the SD of the changes. The Wilcoxon signed-rank test drops zero changes "
          + "and uses an exact distribution for small samples, as scipy does. McNemar's test is "
          + "exact (binomial) below 25 discordant pairs."
      )
    }
    about.append(contentsOf: metadata.notes)
    about.append("Made with loneliness \(metadata.toolkitVersion).")
    return aboutSection(about, title: "About this report")
  }

  /// `Pairs left out: missing at follow-up, 3 (…); ….`, or nothing.
  func leftOut(_ missing: [ReasonCount]) -> [String] {
    guard !missing.isEmpty else { return [] }
    return [
      "Pairs left out: "
        + missing.map { $0.text(count: format.count($0.count.shownCount)) }.joined(
          separator: "; "
        ) + "."
    ]
  }

  /// A protected count as a cell.
  func count(_ count: ProtectedCount) -> Cell {
    .count(count.shownCount, hidden: count.suppression)
  }
}
