/// The difference p₁ − p₂ between two independent proportions with Newcombe's hybrid score
/// interval (Newcombe 1998b, method 10), without continuity correction.
///
/// With (l₁, u₁) and (l₂, u₂) the Wilson score intervals of p̂₁ and p̂₂ at the same level and
/// d = p̂₁ − p̂₂, the limits are
///
///     d − √((p̂₁ − l₁)² + (u₂ − p̂₂)²)   and   d + √((u₁ − p̂₁)² + (p̂₂ − l₂)²).
///
/// Matches statsmodels `confint_proportions_2indep(k1, n1, k2, n2, method="newcomb")`.
public struct NewcombeDifferenceInterval: Sendable, Hashable {
  /// The first group's proportion with its Wilson interval.
  public let first: WilsonScoreInterval
  /// The second group's proportion with its Wilson interval.
  public let second: WilsonScoreInterval
  /// The difference p̂₁ − p̂₂.
  public let estimate: Double
  /// The hybrid score interval for p₁ − p₂.
  public let interval: ConfidenceInterval
  /// The method name for reports: "Newcombe hybrid score interval (method 10)".
  public let method: String

  /// Computes the difference of two independent proportions and its interval.
  ///
  /// - Parameters:
  ///   - firstSuccesses: k₁, in 0...`firstTrials`.
  ///   - firstTrials: n₁ ≥ 1.
  ///   - secondSuccesses: k₂, in 0...`secondTrials`.
  ///   - secondTrials: n₂ ≥ 1.
  ///   - confidenceLevel: The coverage, strictly between 0 and 1; 0.95 by default.
  /// - Throws: `StatisticsError` as for ``WilsonScoreInterval``, naming the group at fault.
  public init(
    firstSuccesses: Int,
    firstTrials: Int,
    secondSuccesses: Int,
    secondTrials: Int,
    confidenceLevel: Double = 0.95
  ) throws {
    try WilsonScoreInterval.validate(
      successes: firstSuccesses,
      trials: firstTrials,
      names: ("firstSuccesses", "firstTrials")
    )
    try WilsonScoreInterval.validate(
      successes: secondSuccesses,
      trials: secondTrials,
      names: ("secondSuccesses", "secondTrials")
    )
    first = try WilsonScoreInterval(
      successes: firstSuccesses,
      trials: firstTrials,
      confidenceLevel: confidenceLevel
    )
    second = try WilsonScoreInterval(
      successes: secondSuccesses,
      trials: secondTrials,
      confidenceLevel: confidenceLevel
    )
    let p1 = first.estimate
    let p2 = second.estimate
    estimate = p1 - p2
    let lowerDistance =
      ((p1 - first.interval.lower) * (p1 - first.interval.lower)
      + (second.interval.upper - p2) * (second.interval.upper - p2)).squareRoot()
    let upperDistance =
      ((first.interval.upper - p1) * (first.interval.upper - p1)
      + (p2 - second.interval.lower) * (p2 - second.interval.lower)).squareRoot()
    interval = ConfidenceInterval(
      lower: estimate - lowerDistance,
      upper: estimate + upperDistance,
      level: confidenceLevel
    )
    method = "Newcombe hybrid score interval (method 10)"
  }
}
