/// The Wilcoxon signed-rank test that paired changes are symmetric about zero (Wilcoxon 1945),
/// with the same defaults as scipy 1.17 `wilcoxon(x, y)`.
///
/// Zero changes are dropped before ranking (Wilcoxon's method, scipy `zero_method="wilcox"`); the
/// remaining |dᵢ| are ranked with average ranks for ties, and W⁺ and W⁻ are the rank sums of the
/// positive and negative changes. The reported statistic is min(W⁺, W⁻).
///
/// With ``Method/automatic`` the p-value comes from, as in scipy 1.17 `method="auto"`:
/// - the exact null distribution of W⁺ when there are at most 50 changes (zeros included in the
///   count) and no ties or zeros;
/// - otherwise, when there are at most 13 changes (zeros included), the exact permutation
///   distribution of W⁺ over all 2ⁿ sign assignments of the observed (tied) ranks, which is what
///   scipy's `PermutationMethod` computes deterministically for such small n;
/// - otherwise the normal approximation z = (W⁺ − n(n + 1)/4) / σ with the tie-corrected
///   variance σ² = (n(n + 1)(2n + 1) − Σ(t³ − t)/2) / 24 over tie groups of size t, without
///   continuity correction (scipy `correction=False`), where n counts the non-zero changes.
///
/// Exact two-sided p-values are min(1, 2·min(P(W⁺ ≤ w), P(W⁺ ≥ w))).
public struct WilcoxonSignedRankTest: Sendable, Hashable {
  /// How the p-value is obtained.
  public enum Method: Sendable, Hashable {
    /// Exact or normal approximation by scipy 1.17's `method="auto"` rules (see the type).
    case automatic
    /// The exact distribution of W⁺ given the observed ranks (the permutation distribution when
    /// there are ties).
    case exact
    /// The normal approximation with tie correction and no continuity correction.
    case normalApproximation
  }

  /// The number of non-zero changes n that were ranked.
  public let count: Int
  /// The number of zero changes dropped.
  public let zeroCount: Int
  /// Whether any non-zero |dᵢ| are tied.
  public let hasTies: Bool
  /// The sum of ranks of the positive changes, W⁺.
  public let positiveRankSum: Double
  /// The sum of ranks of the negative changes, W⁻.
  public let negativeRankSum: Double
  /// The test statistic min(W⁺, W⁻), as scipy reports it for a two-sided test.
  public let statistic: Double
  /// The z statistic for the normal approximation (−|z|, as scipy), `nil` for an exact p-value.
  public let zStatistic: Double?
  /// The two-sided p-value.
  public let pValue: Double
  /// Whether the p-value is exact.
  public let isExact: Bool
  /// The method name for reports.
  public let method: String

  /// Runs the test on paired measurements, using the changes followUp − baseline.
  ///
  /// - Parameters:
  ///   - baseline: Each respondent's baseline value.
  ///   - followUp: The same respondents' follow-up values, in the same order.
  ///   - method: How to obtain the p-value; `.automatic` by default.
  /// - Throws: `StatisticsError` of kind `.mismatchedLengths`, and as for
  ///   ``init(changes:method:)``.
  /// - Complexity: As for ``init(changes:method:)``.
  public init(baseline: [Double], followUp: [Double], method: Method = .automatic) throws {
    try StatisticsError.checkSameLength(
      baseline.count,
      followUp.count,
      arguments: "baseline, followUp"
    )
    try self.init(changes: zip(followUp, baseline).map { $0 - $1 }, method: method)
  }

  /// Runs the test on paired changes.
  ///
  /// - Parameters:
  ///   - changes: The paired differences, finite.
  ///   - method: How to obtain the p-value; `.automatic` by default.
  /// - Throws: `StatisticsError` of kind `.nonFiniteValue`, and `.insufficientData` when no
  ///   change is non-zero.
  /// - Complexity: O(*n* log *n*) for ranking, plus O(*n*³) for an exact distribution (at most
  ///   about 1.3 × 10⁵ steps at n = 50).
  public init(changes: [Double], method: Method = .automatic) throws {
    try StatisticsError.checkFinite(changes, argument: "changes")
    let nonZero = changes.filter { $0 != 0 }
    guard !nonZero.isEmpty else {
      throw StatisticsError(
        .insufficientData,
        argument: "changes",
        message: "expected at least one non-zero change, got '\(changes.count)' zero changes",
        hint: "when nobody's score changed there is nothing to test"
      )
    }
    count = nonZero.count
    zeroCount = changes.count - nonZero.count
    let ranking = Self.averageRanks(of: nonZero.map(abs))
    hasTies = ranking.tieSizes.contains { $0 > 1 }
    var positive = 0.0
    var negative = 0.0
    for (value, rank) in zip(nonZero, ranking.ranks) {
      if value > 0 { positive += rank } else { negative += rank }
    }
    positiveRankSum = positive
    negativeRankSum = negative
    statistic = min(positive, negative)

    let useExact: Bool
    switch method {
    case .automatic:
      let total = changes.count
      useExact = (!hasTies && zeroCount == 0) ? total <= 50 : total <= 13
    case .exact:
      useExact = true
    case .normalApproximation:
      useExact = false
    }
    isExact = useExact
    if useExact {
      zStatistic = nil
      pValue = Self.exactPValue(ranks: ranking.ranks, positiveRankSum: positive)
      self.method =
        hasTies
        ? "Wilcoxon signed-rank test (exact permutation distribution, ties)"
        : "Wilcoxon signed-rank test (exact)"
    } else {
      let n = Double(count)
      let tieCorrection = ranking.tieSizes.reduce(0.0) { sum, size in
        let t = Double(size)
        return sum + (t * t * t - t)
      }
      let variance = (n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24
      let z = (positive - n * (n + 1) / 4) / variance.squareRoot()
      zStatistic = -abs(z)
      pValue = min(1, 2 * StandardNormal.survival(abs(z)))
      self.method = "Wilcoxon signed-rank test (normal approximation, tie-corrected)"
    }
  }

  /// Average ranks (1-based) of `values` and the sizes of the groups of tied values.
  static func averageRanks(of values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var tieSizes: [Int] = []
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let averageRank = Double(start + end + 2) / 2
      for position in start...end { ranks[order[position]] = averageRank }
      tieSizes.append(end - start + 1)
      start = end + 1
    }
    return (ranks, tieSizes)
  }

  /// Two-sided exact p-value from the distribution of W⁺ over all 2ⁿ sign assignments.
  ///
  /// Ranks are doubled so that average ranks of ties become integers; the number of sign
  /// assignments giving each doubled sum is counted by dynamic programming. Counts stay below
  /// 2⁵³ for n ≤ 52, so they are exact in `Double`; larger n is still correct to rounding.
  static func exactPValue(ranks: [Double], positiveRankSum: Double) -> Double {
    let doubled = ranks.map { Int(($0 * 2).rounded()) }
    let total = doubled.reduce(0, +)
    var counts = [Double](repeating: 0, count: total + 1)
    counts[0] = 1
    var reach = 0
    for rank in doubled {
      reach += rank
      var sum = reach
      while sum >= rank {
        counts[sum] += counts[sum - rank]
        sum -= 1
      }
    }
    let observed = Int((positiveRankSum * 2).rounded())
    let all = counts.reduce(0, +)
    let atOrBelow = counts[0...observed].reduce(0, +)
    let atOrAbove = counts[observed...].reduce(0, +)
    return min(1, 2 * min(atOrBelow, atOrAbove) / all)
  }
}
