/// A proportion k/n with its Wilson score interval (Wilson 1927), without continuity correction.
///
/// With z the upper (1 − level)/2 normal quantile and p̂ = k/n, the interval is
///
///     (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)
///
/// clipped to [0, 1], with the lower limit exactly 0 when k = 0 and the upper limit exactly 1 when
/// k = n. It keeps good coverage for the small cells common in breakdowns, where the Wald interval
/// collapses (Newcombe 1998a; Brown, Cai and DasGupta 2001). Matches statsmodels
/// `proportion_confint(k, n, method="wilson")`.
///
/// ```swift
/// let lonely = try WilsonScoreInterval(successes: 3, trials: 8)
/// // lonely.estimate == 0.375, lonely.interval ≈ [0.137, 0.694]
/// ```
public struct WilsonScoreInterval: Sendable, Hashable {
  /// The number of successes k.
  public let successes: Int
  /// The number of trials n.
  public let trials: Int
  /// The observed proportion k/n.
  public let estimate: Double
  /// The Wilson score interval.
  public let interval: ConfidenceInterval
  /// The method name for reports: "Wilson score interval".
  public let method: String

  /// Computes the proportion and its Wilson score interval.
  ///
  /// - Parameters:
  ///   - successes: k, in 0...`trials`.
  ///   - trials: n ≥ 1.
  ///   - confidenceLevel: The coverage, strictly between 0 and 1; 0.95 by default.
  /// - Throws: `StatisticsError` of kind `.invalidCount` if n < 1 or k is outside 0...n, and
  ///   `.invalidProbability` for a bad confidence level.
  public init(successes: Int, trials: Int, confidenceLevel: Double = 0.95) throws {
    try Self.validate(successes: successes, trials: trials)
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    self.successes = successes
    self.trials = trials
    let n = Double(trials)
    let p = Double(successes) / n
    estimate = p
    let z = StandardNormal.upperQuantile((1 - confidenceLevel) / 2) ?? 0
    let zSquared = z * z
    let denominator = 1 + zSquared / n
    let centre = (p + zSquared / (2 * n)) / denominator
    let halfWidth = z * (p * (1 - p) / n + zSquared / (4 * n * n)).squareRoot() / denominator
    let lower = successes == 0 ? 0 : min(max(centre - halfWidth, 0), 1)
    let upper = successes == trials ? 1 : min(max(centre + halfWidth, 0), 1)
    interval = ConfidenceInterval(lower: lower, upper: upper, level: confidenceLevel)
    method = "Wilson score interval"
  }

  static func validate(
    successes: Int,
    trials: Int,
    names: (successes: String, trials: String) = ("successes", "trials")
  ) throws {
    guard trials >= 1 else {
      throw StatisticsError(
        .invalidCount,
        argument: names.trials,
        message: "expected at least 1 trial, got '\(trials)'",
        hint: "a breakdown cell with no respondents has no proportion; report it as empty"
      )
    }
    guard successes >= 0, successes <= trials else {
      throw StatisticsError(
        .invalidCount,
        argument: names.successes,
        message: "expected a count between 0 and \(trials), got '\(successes)'"
      )
    }
  }
}
