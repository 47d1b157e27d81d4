import SurveyCSV
import SurveyInstruments
import SurveyStatistics

extension TidyCSVRenderer {
  /// The change report as tidy CSV, with the columns of ``comparisonColumns``: the licence
  /// notices (`kind` = `notice`, the text in `note`), pairing rows (`measure` = `pairing`), then per score the means at each wave (`cohort` = the wave), the
  /// mean change, tests and d_z (`comparison` = `FOLLOW-UP vs BASELINE`), the shares and band
  /// transitions (`category`), and per indicator the paired table and McNemar's test.
  ///
  /// When weighted, the weighting rows follow the notices (see `weightingRows`), means,
  /// percentages and changes are weighted (counts are not), and an indicator's test row has the
  /// statistic `weighted_paired_t` in place of `mcnemar`.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  static func text(for change: ChangeReport) -> String {
    let meta = change.metadata
    let decimals = meta.decimals
    let versus = "\(meta.followUp) vs \(meta.baseline)"
    var rows: [[String]] =
      [comparisonCSVColumns] + noticeRows(meta.licenceNotices) + weightingRows(meta.weighting)
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
    // Adds `base` with the statistic, the value and the fields given.
    func row(
      _ base: TidyRow,
      _ statistic: String,
      _ value: String,
      comparison: String = "",
      cohort: String = "",
      lower: String = "",
      upper: String = "",
      p: String = "",
      category: String = "",
      note: String = "",
      suppressed: String? = nil
    ) {
      var row = base
      (row.statistic, row.value, row.comparison, row.cohort) = (
        statistic, value, comparison, cohort
      )
      (row.lower, row.upper, row.pValue, row.category) = (lower, upper, p, category)
      row.note = note
      row.suppressed = suppressed ?? base.suppressed
      rows.append(row.cells)
    }
    // Adds the pairs used and the pairs left out, by reason.
    func pairs(_ base: TidyRow, left missing: [ReasonCount]) {
      row(base, "pairs_used", base.n)
      for missing in missing {
        row(
          base,
          "pairs_left_out",
          missing.count.shownCount.map(String.init) ?? "",
          category: missing.reason,
          note: missing.details.joined(separator: "; "),
          suppressed: missing.count.suppression?.rawValue ?? ""
        )
      }
    }
    // Adds a protected count of the paired tables.
    func count(_ base: TidyRow, _ statistic: String, _ cell: ProtectedCount, category: String) {
      row(
        base,
        statistic,
        cell.shownCount.map(String.init) ?? "",
        comparison: versus,
        category: category,
        suppressed: cell.suppression?.rawValue ?? ""
      )
    }
    for score in change.scores {
      let places = score.decimals + 1
      let base = TidyRow(
        measure: score.id,
        kind: "score",
        statistic: "",
        n: score.pairs.shownCount.map(String.init) ?? "",
        suppressed: score.isSuppressed ? "hidden" : ""
      )
      pairs(base, left: score.missing)
      for (wave, mean, sd) in [
        (meta.baseline, score.baselineMean, score.baselineStandardDeviation),
        (meta.followUp, score.followUpMean, score.followUpStandardDeviation),
      ] {
        row(base, "mean", csvNumber(mean, places: places), cohort: wave)
        row(base, "sd", csvNumber(sd, places: places), cohort: wave)
      }
      row(
        base,
        "mean_change",
        csvNumber(score.meanChange, places: places),
        comparison: versus,
        lower: csvNumber(score.interval?.lower, places: places),
        upper: csvNumber(score.interval?.upper, places: places),
        p: csvPValue(score.pValue),
        note: score.pValue == nil ? "" : "paired t-test"
      )
      row(
        base,
        "sd_of_change",
        csvNumber(score.changeStandardDeviation, places: places),
        comparison: versus
      )
      row(
        base,
        "wilcoxon",
        "",
        comparison: versus,
        p: csvPValue(score.wilcoxonPValue),
        note: score.wilcoxonMethod ?? ""
      )
      row(base, "dz", csvNumber(score.standardizedChange, places: 3), comparison: versus)
      for share in score.shares {
        row(
          base,
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
            count(base, "transition", cell, category: "\(from) -> \(to)")
          }
        }
      }
    }
    for indicator in change.indicators {
      let base = TidyRow(
        measure: indicator.id,
        kind: "indicator",
        statistic: "",
        n: indicator.pairs.shownCount.map(String.init) ?? ""
      )
      pairs(base, left: indicator.missing)
      for (wave, percent) in [
        (meta.baseline, indicator.baselinePercent), (meta.followUp, indicator.followUpPercent),
      ] {
        row(base, "percent_yes", csvNumber(percent, places: decimals), cohort: wave)
      }
      for (name, cell) in [
        ("yes -> yes", indicator.yesYes), ("yes -> no", indicator.yesNo),
        ("no -> yes", indicator.noYes), ("no -> no", indicator.noNo),
      ] {
        count(base, "paired_count", cell, category: name)
      }
      row(
        base,
        meta.weighting == nil ? "mcnemar" : "weighted_paired_t",
        csvNumber(indicator.statistic, places: 4),
        comparison: versus,
        p: csvPValue(indicator.pValue),
        note: indicator.method ?? indicator.notes.joined(separator: "; ")
      )
    }
    return CSVWriter().text(for: rows)
  }
}
