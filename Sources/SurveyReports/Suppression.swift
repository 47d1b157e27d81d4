/// How a report protects small counts from disclosing individuals.
public enum SuppressionPolicy: Sendable, Hashable {
  /// Hide every count from 1 to N−1 with its percentage, plus any further counts that would let a
  /// reader work a hidden one out from a total (secondary suppression). Zeros are shown.
  case threshold(Int)
  /// In the style of NHS Digital's policy: hide counts of 1 to 7, round every other count (and
  /// base) to the nearest 5, and work percentages out from the rounded counts.
  case nhsDigital
  /// Show every count. Only for data that is not about people, or for internal checking.
  case none

  /// The policy in words, for the report's metadata.
  public var description: String {
    switch self {
    case .threshold(let threshold):
      "Counts from 1 to \(threshold - 1) are hidden with their percentages, and so are further counts, chosen so that no hidden small count can be worked out from all of the report's figures together (bases, totals over groups, indicators, bands); every hidden count has the same mark. Zeros are shown. Counts of missing answers are not protected: where a question has only one kind, its number is the group's rows less the base. A test of a table with hidden counts gives only a coarse p-value."
    case .nhsDigital:
      "NHS Digital style: counts from 1 to 7 are hidden, other counts, bases and numbers with a score are rounded to the nearest 5, percentages are worked out from the rounded counts, and further counts are hidden so that no hidden count can be worked out from all of the report's figures together. A test of a table with hidden counts gives only a coarse p-value."
    case .none:
      "No suppression: every count is shown. Do not publish this report if it describes people."
    }
  }

  /// The policy in words for `compare`: what it hides, and what a reader may set side by side.
  var comparisonDescription: String {
    switch self {
    case .threshold(let threshold):
      "Counts from 1 to \(threshold - 1) are hidden, and so are further counts, chosen so that no hidden small count can be worked out from all of the comparison's figures together (each cohort's rows with the rows read, every measure's base and number with no value, the indicators of one question set against each other, an indicator of a score's bands against the score's n); a cohort whose rows are hidden is hidden whole, and so is a second cohort when it is the only one. Every hidden count has the same mark. Zeros are shown. Counts of missing values are not protected: where there is only one kind, it is the cohort's rows less the base. Percentages, intervals and differences that involve a hidden count are hidden too, and where one comparison of a measure is hidden, its other p-values are not Holm-adjusted (the adjustment would reveal something of the hidden one)."
    case .nhsDigital:
      "NHS Digital style: counts from 1 to 7 are hidden, other counts are rounded to the nearest 5, and further counts are hidden so that no hidden count can be worked out from all of the comparison's figures together; percentages, intervals and tests are worked out from the exact counts."
    case .none:
      description
    }
  }

  /// The policy in words for `change`: what it hides, and what a reader may set side by side.
  var changeDescription: String {
    switch self {
    case .threshold(let threshold):
      "Counts from 1 to \(threshold - 1) are hidden, and so are further counts, chosen so that no hidden small count can be worked out from all of the report's figures together (the pairs, every measure's pairs used and pairs left out by reason, a score's shares and its band transitions, the paired tables of the indicators of one question set against each other, an indicator of a score's bands against the score's transitions); a measure with too few pairs is hidden whole. Every hidden count has the same mark. Zeros are shown. Counts of pairs left out are not protected: where there is only one reason, it is the pairs less the pairs used. Percentages and tests that involve a hidden count are hidden too."
    case .nhsDigital:
      "NHS Digital style: counts from 1 to 7 are hidden, other counts are rounded to the nearest 5, and further counts are hidden so that no hidden count can be worked out from all of the report's figures together; percentages and tests are worked out from the exact counts."
    case .none:
      description
    }
  }

  /// Whether a count is one the policy hides for its own sake.
  ///
  /// A reader must never work these out: 1 to N−1, or 1 to 7 under the NHS Digital policy.
  /// Larger counts are hidden only to protect a small one.
  func isSmall(_ count: Int) -> Bool {
    switch self {
    case .threshold(let threshold): count > 0 && count < threshold
    case .nhsDigital: count > 0 && count <= 7
    case .none: false
    }
  }

  /// A short name: `below-5`, `nhs-digital`, `none`.
  public var name: String {
    switch self {
    case .threshold(let threshold): "below-\(threshold)"
    case .nhsDigital: "nhs-digital"
    case .none: "none"
    }
  }
}

/// The mark of a hidden count.
///
/// Every hidden count carries the same mark, whether it was hidden for being small or to protect
/// another: telling the two apart would point a reader at the small ones.
public enum SuppressionReason: String, Sendable, Hashable {
  /// The count is hidden, with its percentage and interval.
  case hidden
}

/// Applies a suppression policy to a measure's estimates.
enum Suppressor {
  /// Hides small counts in `measure` under `policy`, and recomputes shown percentages.
  ///
  /// Secondary suppression treats each group's base as the total of its categories, each group's
  /// rows as its base plus its missing answers, and each whole-sample count as the total of that
  /// category over the groups of every breakdown, and hides the smallest further counts until no
  /// hidden count can be worked out by subtraction. The exception is deliberate: when a group has
  /// only one non-zero missing reason (usually "not answered"), its count is the group's rows less
  /// its base, and only hiding the base would protect it; bases and rows read stay shown, and the
  /// policy's description says so.
  ///
  /// - Complexity: O(*g* × *c*) per pass for *g* groups and *c* categories; at most *g* × *c* passes.
  static func apply(_ policy: SuppressionPolicy, to measure: inout MeasureReport) {
    switch policy {
    case .none:
      return
    case .nhsDigital:
      for b in measure.breakdowns.indices {
        for g in measure.breakdowns[b].groups.indices {
          var group = measure.breakdowns[b].groups[g]
          let roundedBase = roundToFive(group.base)
          group.shownBase = group.base >= 1 && group.base <= 7 ? nil : roundedBase
          for c in group.categories.indices {
            protectRounded(&group.categories[c], base: group.shownBase)
          }
          for m in group.missing.indices { protectRounded(&group.missing[m], base: nil) }
          for h in group.histogram.indices { protectRounded(&group.histogram[h], base: nil) }
          if group.shownBase == nil { hideGroup(&group) }
          if var summary = group.summary, !summary.isSuppressed {
            // The number with a score goes through the same rounding as every other count, or
            // the exact figures would undo the rounding.
            summary.shownCount = roundToFive(summary.count)
            group.summary = summary
          }
          measure.breakdowns[b].groups[g] = group
        }
      }
    case .threshold(let threshold):
      applyThreshold(threshold, to: &measure)
    }
  }

  private static func roundToFive(_ count: Int) -> Int {
    Int((Double(count) / 5).rounded(.toNearestOrAwayFromZero)) * 5
  }

  private static func protectRounded(_ category: inout CategoryEstimate, base: Int?) {
    if category.count >= 1 && category.count <= 7 {
      hide(&category)
      return
    }
    let rounded = roundToFive(category.count)
    category.shownCount = rounded
    if let base, base > 0, category.percent != nil {
      category.percent = 100 * Double(rounded) / Double(base)
    }
  }

  /// Hides a count with its percentage and interval.
  static func hide(_ category: inout CategoryEstimate) {
    category.shownCount = nil
    category.percent = nil
    category.interval = nil
    category.suppression = .hidden
  }

  /// Hides a group whole: its base, every count and its score summary.
  static func hideGroup(_ group: inout GroupEstimate) {
    group.shownBase = nil
    group.weightedBase = nil
    group.effectiveBase = nil
    for c in group.categories.indices where group.categories[c].suppression == nil {
      hide(&group.categories[c])
    }
    for m in group.missing.indices where group.missing[m].suppression == nil {
      hide(&group.missing[m])
    }
    for h in group.histogram.indices where group.histogram[h].suppression == nil {
      hide(&group.histogram[h])
    }
    if var summary = group.summary {
      summary.isSuppressed = true
      summary.shownCount = nil
      group.summary = summary
    }
  }

  private static func applyThreshold(_ threshold: Int, to measure: inout MeasureReport) {
    let isSmall = { (count: Int) in count >= 1 && count < threshold }
    // Primary suppression. Groups are changed in place (through `inout`), so that hiding a
    // count does not copy the group's arrays.
    func primary(_ group: inout GroupEstimate) {
      for c in group.categories.indices where isSmall(group.categories[c].count) {
        hide(&group.categories[c])
      }
      for m in group.missing.indices where isSmall(group.missing[m].count) {
        hide(&group.missing[m])
      }
      for h in group.histogram.indices where isSmall(group.histogram[h].count) {
        hide(&group.histogram[h])
      }
      // The bins add up to the score's count, so one hidden bin needs a second.
      while group.histogram.count(where: { $0.suppression != nil }) == 1 {
        guard let next = smallestShown(group.histogram.map { ($0.count, $0.suppression == nil) })
        else { break }
        hide(&group.histogram[next])
      }
      if isSmall(group.base) {
        group.shownBase = nil
        hideGroup(&group)
      }
      if let summary = group.summary, isSmall(summary.count) {
        group.summary?.isSuppressed = true
      }
    }
    for b in measure.breakdowns.indices {
      for g in measure.breakdowns[b].groups.indices { primary(&measure.breakdowns[b].groups[g]) }
    }
    // Within each group: the base is the total of the categories. Whether anything changed.
    func withinGroup(_ group: inout GroupEstimate) -> Bool {
      guard !group.isSuppressed else { return false }
      var changed = false
      if group.categories.count(where: { $0.suppression != nil }) == 1 {
        if let next = smallestShown(group.categories.map { ($0.count, $0.suppression == nil) }) {
          hide(&group.categories[next])
        } else {
          hideGroup(&group)
        }
        changed = true
      }
      // The group's rows are its base plus its missing answers, and the rows can be known (the
      // rows read, or the group's size from another table), so one hidden missing count needs a
      // second. A lone non-zero missing reason stays derivable from the rows and the base;
      // hiding the base instead would hide every answer.
      if group.missing.count(where: { $0.suppression != nil }) == 1,
        let next = smallestShown(group.missing.map { ($0.count, $0.suppression == nil) })
      {
        hide(&group.missing[next])
        changed = true
      }
      return changed
    }
    // Secondary suppression, until nothing changes.
    var changed = true
    while changed {
      changed = false
      for b in measure.breakdowns.indices {
        for g in measure.breakdowns[b].groups.indices {
          if withinGroup(&measure.breakdowns[b].groups[g]) { changed = true }
        }
        // Across groups: each whole-sample count is the total of that category over the groups.
        guard measure.breakdowns[b].groupBy != nil,
          let whole = measure.breakdowns.first?.groups.first
        else { continue }
        // Taken out while changed, so that hiding a count does not copy every group.
        var groups = measure.breakdowns[b].groups
        measure.breakdowns[b].groups = []
        let categoryCount = groups.first?.categories.count ?? 0
        for c in 0..<categoryCount
        where c < whole.categories.count && whole.categories[c].suppression == nil {
          let hidden = groups.count { $0.categories[c].suppression != nil }
          if hidden == 1,
            let next = smallestShown(
              groups.map { ($0.categories[c].count, $0.categories[c].suppression == nil) }
            )
          {
            hide(&groups[next].categories[c])
            changed = true
          }
        }
        let missingCount = groups.first?.missing.count ?? 0
        for m in 0..<missingCount
        where m < whole.missing.count && whole.missing[m].suppression == nil {
          let hidden = groups.count { $0.missing[m].suppression != nil }
          if hidden == 1,
            let next = smallestShown(
              groups.map { ($0.missing[m].count, $0.missing[m].suppression == nil) }
            )
          {
            hide(&groups[next].missing[m])
            changed = true
          }
        }
        // The whole-sample base is the total of the group bases.
        if whole.shownBase != nil {
          let hiddenBases = groups.count(where: \.isSuppressed)
          if hiddenBases == 1, let next = smallestShown(groups.map { ($0.base, !$0.isSuppressed) })
          {
            hideGroup(&groups[next])
            changed = true
          }
        }
        measure.breakdowns[b].groups = groups
      }
    }
  }

  /// The index of the smallest shown non-zero count, if any.
  private static func smallestShown(_ counts: [(Int, Bool)]) -> Int? {
    var best: Int?
    for (index, (count, shown)) in counts.enumerated() where shown && count > 0 {
      if best == nil || count < counts[best ?? 0].0 { best = index }
    }
    return best
  }
}
