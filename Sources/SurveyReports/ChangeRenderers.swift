import SurveyCSV
import SurveyInstruments
import SurveyStatistics

/// Lays a ``ChangeReport`` out as the blocks the text and Markdown renderers draw.
enum ChangeDocument {
  /// The blocks of `report`.
  ///
  /// - Complexity: O(*m* × *b*²) for *m* measures with up to *b* bands.
  static func blocks(_ report: ChangeReport) -> [ReportDocument.Block] {
    let meta = report.metadata
    let format = ReportFormatting(decimals: meta.decimals)
    let level = format.level(meta.confidenceLevel)
    let pairing = report.pairing
    var blocks: [ReportDocument.Block] = [.heading(meta.title, level: 1)]
    let waves =
      meta.waveColumn.map { "waves from column '\($0)'" } ?? "one file per wave"
    blocks.append(
      .paragraph(
        "Source: \(meta.sourceFiles.joined(separator: ", ")); \(counted(meta.rowsRead, "row")) read; \(waves): "
          + "baseline '\(meta.baseline)', follow-up '\(meta.followUp)'; respondents paired by column '\(meta.idColumn)'."
      )
    )
    if !meta.licenceNotices.isEmpty { blocks.append(.list(meta.licenceNotices)) }

    blocks.append(.heading("Pairing", level: 2))
    var pairingLines = [
      "Paired: \(pairing.paired) (ids with one usable row at each wave).",
      "Ids at baseline: \(pairing.baselineIDs); at follow-up: \(pairing.followUpIDs).",
      listLine("Baseline only (no follow-up)", pairing.baselineOnly),
      listLine("Follow-up only (no baseline)", pairing.followUpOnly),
    ]
    if pairing.duplicates.isEmpty {
      pairingLines.append("Duplicate ids: none.")
    }
    for duplicate in pairing.duplicates {
      let what =
        duplicate.resolution == .identicalUsedOnce
        ? "the rows agree on every measure, so the first was used once"
        : "the rows differ, so the id is left out of pairing"
      pairingLines.append(
        "Duplicate id \(duplicate.id): \(duplicate.locations.count) rows at \(duplicate.wave) "
          + "(\(duplicate.locations.joined(separator: ", "))); \(what)."
      )
    }
    for exclusion in meta.exclusions {
      pairingLines.append(
        "Not paired: \(exclusion.count) row\(exclusion.count == 1 ? "" : "s") (\(exclusion.reason))."
      )
    }
    blocks.append(.list(pairingLines))

    var headlines: [String] = []
    for score in report.scores {
      guard let change = score.meanChange, let interval = score.interval, let p = score.pValue
      else { continue }
      let places = score.decimals + 1
      var line =
        "\(score.title): mean change \(signed(change, places: places)) "
        + "(\(level) CI \(signed(interval.lower, places: places)) to \(signed(interval.upper, places: places)); "
        + "\(pValueText(p)); \(counted(score.pairsUsed, "pair")))"
      if let improved = score.shares.first(where: { $0.movement == .improved }),
        let percent = improved.count.percent
      {
        line += "; \(fixed(percent, decimals: meta.decimals))% \(improved.label)"
      }
      headlines.append(line)
    }
    for indicator in report.indicators {
      guard let before = indicator.baselinePercent, let after = indicator.followUpPercent else {
        continue
      }
      var line =
        "\(indicator.title): \(fixed(before, decimals: meta.decimals))% at baseline, "
        + "\(fixed(after, decimals: meta.decimals))% at follow-up (\(counted(indicator.pairsUsed, "pair"))"
      if let p = indicator.pValue { line += "; McNemar \(pValueText(p))" }
      headlines.append(line + ")")
    }
    if !headlines.isEmpty {
      blocks.append(.heading("Headlines", level: 2))
      blocks.append(.list(headlines))
    }

    for score in report.scores {
      addScore(score, report: report, format: format, level: level, to: &blocks)
    }
    for indicator in report.indicators {
      addIndicator(indicator, report: report, format: format, to: &blocks)
    }

    blocks.append(.rule)
    blocks.append(.heading("About this report", level: 2))
    var about: [String] = []
    for instrument in meta.instruments {
      about.append(
        "Instrument \(instrument.id) version \(instrument.version) (\(instrument.origin)): \(instrument.title)."
      )
    }
    about.append(
      "Disclosure control: \(meta.suppression.description) Tests that would reveal a hidden count are hidden too."
    )
    about.append(
      "Change is follow-up minus baseline, among respondents with the measure at both waves. \(level) intervals "
        + "of the mean change come from the paired t-test; d_z is the mean change over the SD of the changes. "
        + "The Wilcoxon signed-rank test drops zero changes and uses an exact distribution for small samples, "
        + "as scipy does. McNemar's test is exact (binomial) below 25 discordant pairs."
    )
    about.append(contentsOf: meta.notes)
    about.append("Made with loneliness \(meta.toolkitVersion).")
    blocks.append(.list(about))
    return blocks
  }

  private static func listLine(_ title: String, _ ids: [String]) -> String {
    ids.isEmpty ? "\(title): none." : "\(title), \(ids.count): \(ids.joined(separator: ", "))."
  }

  private static func addScore(
    _ score: ScoreChange,
    report: ChangeReport,
    format: ReportFormatting,
    level: String,
    to blocks: inout [ReportDocument.Block]
  ) {
    let meta = report.metadata
    let places = score.decimals + 1
    blocks.append(.rule)
    blocks.append(.heading(score.title, level: 2))
    let direction =
      score.better.map { $0 == .higher ? "; higher is better" : "; lower is better" } ?? ""
    blocks.append(
      .paragraph(
        "Measure \(score.id) (score\(direction)). Pairs with the score at both waves: \(score.pairsUsed)."
      )
    )
    var missingLines: [String] = []
    if !score.missing.isEmpty {
      missingLines.append(
        "Pairs left out: "
          + score.missing.map { $0.text(count: format.count($0.count.shownCount)) }.joined(
            separator: "; "
          ) + "."
      )
    }
    if score.isSuppressed {
      blocks.append(.list(score.notes + missingLines))
      return
    }
    let number = { (value: Double?) in value.map { fixed($0, decimals: places) } ?? "" }
    let baselineName =
      meta.baseline.lowercased() == "baseline" ? "Baseline" : "Baseline (\(meta.baseline))"
    let followUpName =
      meta.followUp.lowercased().replacingHyphens == "follow up"
      ? "Follow-up" : "Follow-up (\(meta.followUp))"
    var rows = [
      [
        baselineName, String(score.pairsUsed), number(score.baselineMean),
        number(score.baselineStandardDeviation), "",
      ],
      [
        followUpName, String(score.pairsUsed), number(score.followUpMean),
        number(score.followUpStandardDeviation), "",
      ],
    ]
    rows.append([
      "Change", String(score.pairsUsed), score.meanChange.map { signed($0, places: places) } ?? "",
      number(score.changeStandardDeviation),
      score.interval.map {
        "\(signed($0.lower, places: places)) to \(signed($0.upper, places: places))"
      } ?? "",
    ])
    var tests: [String] = []
    if let t = score.tStatistic, let df = score.degreesOfFreedom, let p = score.pValue {
      tests.append(
        "Paired t-test: t = \(fixed(t, decimals: 2)), df = \(formatNumber(df)), \(pValueText(p))."
      )
    }
    if let p = score.wilcoxonPValue {
      tests.append("\(score.wilcoxonMethod ?? "Wilcoxon signed-rank test"): \(pValueText(p)).")
    }
    if let dz = score.standardizedChange {
      tests.append("Standardised change d_z = \(signed(dz, places: 2)).")
    }
    blocks.append(
      .table(
        .init(
          caption: nil,
          headers: ["", "n", "Mean", "SD", "\(level) CI of change"],
          rightAligned: [false, true, true, true, true],
          rows: rows,
          footer: tests + missingLines
        )
      )
    )

    if !score.shares.isEmpty {
      var footer: [String] = []
      if let threshold = score.threshold {
        if score.better == nil {
          footer.append(
            "The instrument does not say which direction is better, so shares show any change: the threshold of "
              + "\(pointsText(threshold.points)) is not used."
          )
        } else {
          footer.append(
            "Meaningful change: \(pointsText(threshold.points)). Source: \(threshold.source)."
          )
        }
      } else {
        footer.append(
          "No meaningful-change threshold for this score: the shares count any change, however small. "
            + "Set one with --meaningful-change \(score.id)=POINTS."
        )
      }
      if score.shares.contains(where: { $0.count.suppression != nil }) {
        footer.append("* hidden to protect small counts.")
      }
      blocks.append(
        .table(
          .init(
            caption: "Individual change",
            headers: ["Change", "Count", "%", "\(level) CI"],
            rightAligned: [false, true, true, true],
            rows: score.shares.map {
              [
                $0.label, format.count($0.count.shownCount), format.percent($0.count.percent),
                format.compactInterval(ConfidenceBounds($0.interval)),
              ]
            },
            footer: footer
          )
        )
      )
    }
    if let transitions = score.transitions {
      var footer: [String] = ["Rows: band at baseline; columns: band at follow-up."]
      if transitions.outsideBands.count > 0 {
        footer.append("Outside every band: \(format.count(transitions.outsideBands.shownCount)).")
      }
      if transitions.cells.joined().contains(where: { $0.suppression != nil }) {
        footer.append("* hidden to protect small counts.")
      }
      if let source = transitions.source { footer.append("Bands: \(source).") }
      blocks.append(
        .table(
          .init(
            caption: "Movement between bands",
            headers: ["Baseline \\ follow-up"] + transitions.bands,
            rightAligned: [false] + transitions.bands.map { _ in true },
            rows: zip(transitions.bands, transitions.cells).map { band, cells in
              [band] + cells.map { format.count($0.shownCount) }
            },
            footer: footer
          )
        )
      )
    }
    if !score.notes.isEmpty { blocks.append(.list(score.notes)) }
  }

  private static func addIndicator(
    _ indicator: IndicatorChange,
    report: ChangeReport,
    format: ReportFormatting,
    to blocks: inout [ReportDocument.Block]
  ) {
    let meta = report.metadata
    blocks.append(.rule)
    blocks.append(.heading(indicator.title, level: 2))
    blocks.append(
      .paragraph(
        "Measure \(indicator.id) (indicator). Pairs with a value at both waves: \(indicator.pairsUsed)."
      )
    )
    var footer: [String] = []
    if let before = indicator.baselinePercent, let after = indicator.followUpPercent {
      footer.append(
        "Yes at baseline: \(fixed(before, decimals: meta.decimals))%; at follow-up: \(fixed(after, decimals: meta.decimals))%."
      )
    }
    if let method = indicator.method, let p = indicator.pValue {
      var line = "\(method): \(pValueText(p))"
      if let note = indicator.methodNote { line += " (\(note))" }
      footer.append(line + ".")
    }
    if !indicator.missing.isEmpty {
      footer.append(
        "Pairs left out: "
          + indicator.missing.map { $0.text(count: format.count($0.count.shownCount)) }.joined(
            separator: "; "
          ) + "."
      )
    }
    let cells = [indicator.yesYes, indicator.yesNo, indicator.noYes, indicator.noNo]
    if cells.contains(where: { $0.suppression != nil }) {
      footer.append("* hidden to protect small counts.")
    }
    blocks.append(
      .table(
        .init(
          caption: nil,
          headers: ["Baseline \\ follow-up", "Yes", "No"],
          rightAligned: [false, true, true],
          rows: [
            [
              "Yes", format.count(indicator.yesYes.shownCount),
              format.count(indicator.yesNo.shownCount),
            ],
            [
              "No", format.count(indicator.noYes.shownCount),
              format.count(indicator.noNo.shownCount),
            ],
          ],
          footer: footer
        )
      )
    )
    if !indicator.notes.isEmpty { blocks.append(.list(indicator.notes)) }
  }
}

extension String {
  /// The text with hyphens as spaces, to compare wave labels.
  fileprivate var replacingHyphens: String { String(map { $0 == "-" ? " " : $0 }) }
}

extension TextRenderer {
  /// The change report as aligned text.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ change: ChangeReport) -> String { draw(ChangeDocument.blocks(change)) }
}

extension MarkdownRenderer {
  /// The change report as Markdown.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ change: ChangeReport) -> String { draw(ChangeDocument.blocks(change)) }
}

extension TidyCSVRenderer {
  /// The change report as tidy CSV, with the columns of ``comparisonColumns``: pairing rows
  /// (`measure` = `pairing`), then per score the means at each wave (`cohort` = the wave), the
  /// mean change, tests and d_z (`comparison` = `FOLLOW-UP vs BASELINE`), the shares and band
  /// transitions (`category`), and per indicator the paired table and McNemar's test.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ change: ChangeReport) -> String {
    let meta = change.metadata
    let decimals = meta.decimals
    let versus = "\(meta.followUp) vs \(meta.baseline)"
    var rows: [[String]] = [comparisonCSVColumns]
    let pairing = change.pairing
    func pairingRow(_ statistic: String, _ value: Int, category: String = "", note: String = "") {
      rows.append(
        TidyRow(
          measure: "pairing",
          kind: "pairing",
          statistic: statistic,
          category: category,
          value: String(value),
          note: note
        ).cells
      )
    }
    pairingRow("paired", pairing.paired)
    pairingRow("baseline_ids", pairing.baselineIDs)
    pairingRow("follow_up_ids", pairing.followUpIDs)
    pairingRow(
      "baseline_only",
      pairing.baselineOnly.count,
      note: pairing.baselineOnly.joined(separator: " ")
    )
    pairingRow(
      "follow_up_only",
      pairing.followUpOnly.count,
      note: pairing.followUpOnly.joined(separator: " ")
    )
    for duplicate in pairing.duplicates {
      rows.append(
        TidyRow(
          measure: "pairing",
          kind: "pairing",
          cohort: duplicate.wave,
          statistic: "duplicate",
          category: duplicate.id,
          value: String(duplicate.locations.count),
          note: "\(duplicate.resolution.rawValue): \(duplicate.locations.joined(separator: " "))"
        ).cells
      )
    }
    for exclusion in meta.exclusions {
      pairingRow("rows_not_paired", exclusion.count, category: exclusion.reason)
    }
    for score in change.scores {
      let places = score.decimals + 1
      let n = String(score.pairsUsed)
      let hidden = score.isSuppressed ? "primary" : ""
      func row(
        _ statistic: String,
        _ value: String,
        comparison: String = "",
        cohort: String = "",
        lower: String = "",
        upper: String = "",
        p: String = "",
        category: String = "",
        count: String? = nil,
        note: String = "",
        suppressed: String? = nil
      ) {
        rows.append(
          TidyRow(
            measure: score.id,
            kind: "score",
            comparison: comparison,
            cohort: cohort,
            statistic: statistic,
            category: category,
            value: value,
            lower: lower,
            upper: upper,
            pValue: p,
            n: count ?? n,
            note: note,
            suppressed: suppressed ?? hidden
          ).cells
        )
      }
      row("pairs_used", n)
      for missing in score.missing {
        row(
          "pairs_left_out",
          missing.count.shownCount.map(String.init) ?? "",
          category: missing.reason,
          note: missing.details.joined(separator: "; "),
          suppressed: missing.count.suppression?.rawValue ?? ""
        )
      }
      row("mean", csvNumber(score.baselineMean, places: places), cohort: meta.baseline)
      row("sd", csvNumber(score.baselineStandardDeviation, places: places), cohort: meta.baseline)
      row("mean", csvNumber(score.followUpMean, places: places), cohort: meta.followUp)
      row("sd", csvNumber(score.followUpStandardDeviation, places: places), cohort: meta.followUp)
      row(
        "mean_change",
        score.meanChange.map { fixed($0, decimals: places) } ?? "",
        comparison: versus,
        lower: csvNumber(score.interval?.lower, places: places),
        upper: csvNumber(score.interval?.upper, places: places),
        p: csvPValue(score.pValue),
        note: score.pValue == nil ? "" : "paired t-test"
      )
      row(
        "sd_of_change",
        csvNumber(score.changeStandardDeviation, places: places),
        comparison: versus
      )
      row(
        "wilcoxon",
        "",
        comparison: versus,
        p: csvPValue(score.wilcoxonPValue),
        note: score.wilcoxonMethod ?? ""
      )
      row("dz", csvNumber(score.standardizedChange, places: 3), comparison: versus)
      for share in score.shares {
        row(
          "share_\(share.movement.rawValue)",
          csvNumber(share.count.percent, places: decimals),
          comparison: versus,
          lower: csvNumber(share.interval?.lower, places: decimals),
          upper: csvNumber(share.interval?.upper, places: decimals),
          category: share.label,
          note: share.count.shownCount.map { "count \($0)" } ?? "",
          suppressed: share.count.suppression?.rawValue ?? ""
        )
      }
      if let transitions = score.transitions {
        for (from, cells) in zip(transitions.bands, transitions.cells) {
          for (to, cell) in zip(transitions.bands, cells) {
            row(
              "transition",
              cell.shownCount.map(String.init) ?? "",
              comparison: versus,
              category: "\(from) -> \(to)",
              suppressed: cell.suppression?.rawValue ?? ""
            )
          }
        }
      }
    }
    for indicator in change.indicators {
      let n = String(indicator.pairsUsed)
      func row(
        _ statistic: String,
        _ value: String,
        cohort: String = "",
        comparison: String = "",
        p: String = "",
        category: String = "",
        note: String = "",
        suppressed: String = ""
      ) {
        rows.append(
          TidyRow(
            measure: indicator.id,
            kind: "indicator",
            comparison: comparison,
            cohort: cohort,
            statistic: statistic,
            category: category,
            value: value,
            pValue: p,
            n: n,
            note: note,
            suppressed: suppressed
          ).cells
        )
      }
      row("pairs_used", n)
      for missing in indicator.missing {
        row(
          "pairs_left_out",
          missing.count.shownCount.map(String.init) ?? "",
          category: missing.reason,
          note: missing.details.joined(separator: "; "),
          suppressed: missing.count.suppression?.rawValue ?? ""
        )
      }
      row(
        "percent_yes",
        csvNumber(indicator.baselinePercent, places: decimals),
        cohort: meta.baseline
      )
      row(
        "percent_yes",
        csvNumber(indicator.followUpPercent, places: decimals),
        cohort: meta.followUp
      )
      for (name, cell) in [
        ("yes -> yes", indicator.yesYes), ("yes -> no", indicator.yesNo),
        ("no -> yes", indicator.noYes), ("no -> no", indicator.noNo),
      ] {
        row(
          "paired_count",
          cell.shownCount.map(String.init) ?? "",
          comparison: versus,
          category: name,
          suppressed: cell.suppression?.rawValue ?? ""
        )
      }
      row(
        "mcnemar",
        csvNumber(indicator.statistic, places: 4),
        comparison: versus,
        p: csvPValue(indicator.pValue),
        note: indicator.method ?? indicator.notes.joined(separator: "; ")
      )
    }
    return CSVWriter().text(for: rows)
  }
}

extension JSONReportRenderer {
  /// The change report as JSON with the stable schema `loneliness-change/1`.
  ///
  /// The members are:
  ///
  /// - `schema`; `metadata` (`title`, `source_files`, `id_column`, `wave_column` (null for one
  ///   file per wave), `baseline`, `follow_up`, `rows_read`, `exclusions`, `instruments`,
  ///   `licence_notices`, `suppression`, `confidence_level`, `decimals`, `notes`,
  ///   `toolkit_version`).
  /// - `pairing`: `paired`, `baseline_ids`, `follow_up_ids`, `baseline_only` and
  ///   `follow_up_only` (lists of ids), `duplicates` (`id`, `wave`, `locations`, `resolution`:
  ///   `identical-used-once` or `excluded`).
  /// - `scores`: `measure`, `title`, `better`, `pairs_used`, `missing` (`reason`, `count`,
  ///   `suppressed`), `baseline` and `follow_up` (`mean`, `sd`), `change` (`mean`, `sd`,
  ///   `ci_lower`, `ci_upper`, `t`, `df`, `p_value`, `dz`), `wilcoxon` (`p_value`, `method`),
  ///   `threshold` (`points`, `source`, or null), `shares` (`movement`, `label`, `count`,
  ///   `percent`, `ci_lower`, `ci_upper`, `suppressed`), `transitions` (`bands`, `cells` as rows
  ///   of `count`/`suppressed`, `outside_bands`, `source`, or null), `suppressed`, `notes`.
  /// - `indicators`: `measure`, `title`, `pairs_used`, `missing`, `table` (`yes_yes`, `yes_no`,
  ///   `no_yes`, `no_no`, each `count`/`suppressed`), `baseline_percent`, `follow_up_percent`,
  ///   `mcnemar` (`method`, `note`, `statistic`, `p_value`, or null), `notes`.
  ///
  /// A hidden figure is `null`. Percentages are rounded to the report's decimals, means to two
  /// more places than the score's own, t and d_z to four places; p-values are not rounded.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ change: ChangeReport) -> String {
    let meta = change.metadata
    let decimals = meta.decimals
    func cell(_ count: ProtectedCount) -> JSONValue {
      jsonObject([
        ("count", ReportJSON.count(count)), ("suppressed", ReportJSON.suppression(count)),
      ])
    }
    let scores: [JSONValue] = change.scores.map { score in
      let places = score.decimals + 2
      let shares: [JSONValue] = score.shares.map { share in
        jsonObject([
          ("movement", .string(share.movement.rawValue)), ("label", .string(share.label)),
          ("count", ReportJSON.count(share.count)),
          ("percent", .rounded(share.count.percent, decimals: decimals)),
          ("ci_lower", .rounded(share.interval?.lower, decimals: decimals)),
          ("ci_upper", .rounded(share.interval?.upper, decimals: decimals)),
          ("suppressed", ReportJSON.suppression(share.count)),
        ])
      }
      let transitions: JSONValue =
        score.transitions.map { table in
          jsonObject([
            ("bands", ReportJSON.strings(table.bands)),
            ("cells", .array(table.cells.map { .array($0.map(cell)) })),
            ("outside_bands", cell(table.outsideBands)), ("source", .optional(table.source)),
          ])
        } ?? .null
      return jsonObject([
        ("measure", .string(score.id)), ("title", .string(score.title)),
        ("better", score.better.map { JSONValue.string($0.rawValue) } ?? .null),
        ("pairs_used", .integer(score.pairsUsed)),
        ("missing", ReportJSON.reasons(score.missing)),
        (
          "baseline",
          jsonObject([
            ("mean", .rounded(score.baselineMean, decimals: places)),
            ("sd", .rounded(score.baselineStandardDeviation, decimals: places)),
          ])
        ),
        (
          "follow_up",
          jsonObject([
            ("mean", .rounded(score.followUpMean, decimals: places)),
            ("sd", .rounded(score.followUpStandardDeviation, decimals: places)),
          ])
        ),
        (
          "change",
          jsonObject([
            ("mean", .rounded(score.meanChange, decimals: places)),
            ("sd", .rounded(score.changeStandardDeviation, decimals: places)),
            ("ci_lower", .rounded(score.interval?.lower, decimals: places)),
            ("ci_upper", .rounded(score.interval?.upper, decimals: places)),
            ("t", .rounded(score.tStatistic, decimals: 4)),
            ("df", .rounded(score.degreesOfFreedom, decimals: 0)),
            ("p_value", ReportJSON.pValue(score.pValue)),
            ("dz", .rounded(score.standardizedChange, decimals: 4)),
          ])
        ),
        (
          "wilcoxon",
          jsonObject([
            ("p_value", ReportJSON.pValue(score.wilcoxonPValue)),
            ("method", .optional(score.wilcoxonMethod)),
          ])
        ),
        (
          "threshold",
          score.threshold.map {
            jsonObject([("points", .number($0.points)), ("source", .string($0.source))])
          } ?? .null
        ),
        ("shares", .array(shares)), ("transitions", transitions),
        ("suppressed", .bool(score.isSuppressed)),
        ("notes", ReportJSON.strings(score.notes)),
      ])
    }
    let indicators: [JSONValue] = change.indicators.map { indicator in
      let mcnemar: JSONValue =
        indicator.pValue.map { p in
          jsonObject([
            ("method", .optional(indicator.method)), ("note", .optional(indicator.methodNote)),
            ("statistic", .rounded(indicator.statistic, decimals: 4)), ("p_value", .number(p)),
          ])
        } ?? .null
      return jsonObject([
        ("measure", .string(indicator.id)), ("title", .string(indicator.title)),
        ("pairs_used", .integer(indicator.pairsUsed)),
        ("missing", ReportJSON.reasons(indicator.missing)),
        (
          "table",
          jsonObject([
            ("yes_yes", cell(indicator.yesYes)), ("yes_no", cell(indicator.yesNo)),
            ("no_yes", cell(indicator.noYes)),
            ("no_no", cell(indicator.noNo)),
          ])
        ),
        ("baseline_percent", .rounded(indicator.baselinePercent, decimals: decimals)),
        ("follow_up_percent", .rounded(indicator.followUpPercent, decimals: decimals)),
        ("mcnemar", mcnemar),
        ("notes", ReportJSON.strings(indicator.notes)),
      ])
    }
    let pairing = change.pairing
    let metadata: [(String, JSONValue)] = [
      ("title", .string(meta.title)), ("source_files", ReportJSON.strings(meta.sourceFiles)),
      ("id_column", .string(meta.idColumn)), ("wave_column", .optional(meta.waveColumn)),
      ("baseline", .string(meta.baseline)), ("follow_up", .string(meta.followUp)),
      ("rows_read", .integer(meta.rowsRead)),
      ("exclusions", ReportJSON.exclusions(meta.exclusions)),
      ("instruments", ReportJSON.instruments(meta.instruments)),
      ("licence_notices", ReportJSON.strings(meta.licenceNotices)),
      ("suppression", ReportJSON.suppressionPolicy(meta.suppression)),
      ("confidence_level", .number(meta.confidenceLevel)),
      ("decimals", .integer(decimals)), ("notes", ReportJSON.strings(meta.notes)),
      ("toolkit_version", .string(meta.toolkitVersion)),
    ]
    return JSONWriter.text(
      for:
        jsonObject([
          ("schema", .string(ChangeReport.schema)), ("metadata", jsonObject(metadata)),
          (
            "pairing",
            jsonObject([
              ("paired", .integer(pairing.paired)), ("baseline_ids", .integer(pairing.baselineIDs)),
              ("follow_up_ids", .integer(pairing.followUpIDs)),
              ("baseline_only", ReportJSON.strings(pairing.baselineOnly)),
              ("follow_up_only", ReportJSON.strings(pairing.followUpOnly)),
              (
                "duplicates",
                .array(
                  pairing.duplicates.map {
                    jsonObject([
                      ("id", .string($0.id)), ("wave", .string($0.wave)),
                      ("locations", ReportJSON.strings($0.locations)),
                      ("resolution", .string($0.resolution.rawValue)),
                    ])
                  }
                )
              ),
            ])
          ),
          ("scores", .array(scores)), ("indicators", .array(indicators)),
        ])
    )
  }
}
