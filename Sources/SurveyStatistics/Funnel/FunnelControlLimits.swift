/// The 95% and 99.8% control limits of a funnel plot for a proportion, at one denominator.
///
/// An area with denominator n whose proportion lies outside the 95% limits differs from the
/// target by about two standard errors or more, and outside the 99.8% limits by about three
/// (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Statistics in
/// Medicine 24:1185–1202, section 3). The limits come in two forms:
///
/// - ``exactBinomial(target:denominator:)``, the limits with no overdispersion: quantiles of the
///   binomial distribution Bin(n, θ₀) at p = 0.001, 0.025, 0.975 and 0.999, interpolated so that
///   they change smoothly with n (Spiegelhalter 2005, appendix A.1.1). With F the binomial
///   distribution function, r_p the smallest r with F(r) ≥ p, and
///   α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)), the limit is (r_p − α) / n. The interpolation
///   treats the count as continuous between r_p − 1 and r_p, so the limit rises steadily with p
///   rather than jumping from one whole count to the next. A limit that would fall below 0 (when
///   r_p = 0, at small n: even the upper limit, for a small θ₀) is shown as 0.
/// - ``normal(target:denominator:variance:)``, the normal limits θ₀ ± z_p · √V of Spiegelhalter's
///   overdispersed funnel plots (section 6), with V the variance of a proportion at n inflated for
///   overdispersion (see ``FunnelPlot``). Limits are kept within [0, 1].
///
/// The English public-health observatories' funnel plot guide (APHO 2008) builds its proportion
/// funnels on the same paper. Read for this implementation: Spiegelhalter (2005) and its
/// companion "Handling over-dispersion of performance indicators" (Quality and Safety in Health
/// Care 14:347–351, 2005) through their abstracts and published summaries, and the step-by-step
/// account of the binomial interpolation in Wicklin, "Funnel plots for proportions" (The DO Loop,
/// SAS blogs, 2011). The APHO guide itself could not be consulted.
public struct FunnelControlLimits: Sendable, Hashable {
  /// The denominator n the limits are for.
  public let denominator: Int
  /// The 95% limits: 2.5% of in-control areas fall below the lower and 2.5% above the upper.
  public let ninetyFive: ConfidenceInterval
  /// The 99.8% limits: 0.1% of in-control areas fall below the lower and 0.1% above the upper.
  public let ninetyNinePointEight: ConfidenceInterval

  /// The lower and upper tail probabilities of the two sets of limits.
  static let tails = (ninetyFive: 0.025, ninetyNinePointEight: 0.001)

  /// The exact binomial limits with Spiegelhalter's interpolation.
  ///
  /// - Parameters:
  ///   - target: The target proportion θ₀, strictly between 0 and 1.
  ///   - denominator: The denominator n, at least 1.
  /// - Returns: The 95% and 99.8% limits at n.
  /// - Throws: `StatisticsError` of kind `.invalidProbability` for a target outside (0, 1) and
  ///   `.invalidCount` for a denominator below 1.
  /// - Complexity: O(log n) evaluations of the binomial distribution function, each O(√n) at
  ///   most.
  public static func exactBinomial(target: Double, denominator: Int) throws -> FunnelControlLimits {
    try checkTarget(target)
    try checkDenominator(denominator)
    guard let distribution = BinomialDistribution(trials: denominator, probability: target) else {
      throw StatisticsError(
        .invalidProbability,
        argument: "target",
        message: "expected a target proportion strictly between 0 and 1, got '\(target)'"
      )
    }
    func limits(tail: Double, level: Double) -> ConfidenceInterval {
      ConfidenceInterval(
        lower: max(0, lowerLimit(distribution, tail: tail)),
        upper: max(0, upperLimit(distribution, tail: tail)),
        level: level
      )
    }
    return FunnelControlLimits(
      denominator: denominator,
      ninetyFive: limits(tail: tails.ninetyFive, level: 0.95),
      ninetyNinePointEight: limits(tail: tails.ninetyNinePointEight, level: 0.998)
    )
  }

  /// Normal limits θ₀ ± z_p · √V, for funnel plots adjusted for overdispersion.
  ///
  /// - Parameters:
  ///   - target: The target proportion θ₀, strictly between 0 and 1.
  ///   - denominator: The denominator n, at least 1.
  ///   - variance: The variance V of a proportion at n, positive and finite: for example
  ///     φ · θ₀(1 − θ₀)/n (multiplicative) or θ₀(1 − θ₀)/n + τ² (additive).
  /// - Returns: The 95% (z = 1.960) and 99.8% (z = 3.090) limits, kept within [0, 1].
  /// - Throws: `StatisticsError` for a bad target, denominator or variance.
  /// - Complexity: O(1).
  public static func normal(
    target: Double,
    denominator: Int,
    variance: Double
  ) throws -> FunnelControlLimits {
    try checkTarget(target)
    try checkDenominator(denominator)
    guard variance.isFinite, variance > 0 else {
      throw StatisticsError(
        .degenerateData,
        argument: "variance",
        message: "expected a positive finite variance, got '\(variance)'"
      )
    }
    let standardError = variance.squareRoot()
    func limits(tail: Double, level: Double) -> ConfidenceInterval {
      let z = StandardNormal.upperQuantile(tail) ?? 0
      return ConfidenceInterval(
        lower: max(0, target - z * standardError),
        upper: min(1, target + z * standardError),
        level: level
      )
    }
    return FunnelControlLimits(
      denominator: denominator,
      ninetyFive: limits(tail: tails.ninetyFive, level: 0.95),
      ninetyNinePointEight: limits(tail: tails.ninetyNinePointEight, level: 0.998)
    )
  }

  /// The interpolated p-quantile for p = `tail` in the lower tail, (r_p − α)/n.
  private static func lowerLimit(_ distribution: BinomialDistribution, tail p: Double) -> Double {
    let n = distribution.trials
    // The smallest r with F(r) ≥ p, by bisection on [0, n] (F(n) = 1 ≥ p).
    var low = 0
    var high = n
    while low < high {
      let middle = low + (high - low) / 2
      if distribution.cdf(middle) >= p { high = middle } else { low = middle + 1 }
    }
    let r = low
    let atR = distribution.cdf(r)
    let belowR = distribution.cdf(r - 1)
    let alpha = (atR - p) / (atR - belowR)
    return (Double(r) - alpha) / Double(n)
  }

  /// The interpolated (1 − q)-quantile for q = `tail` in the upper tail, computed from the
  /// survival function S(r) = 1 − F(r) so that F(r) − (1 − q) = q − S(r) keeps its precision.
  private static func upperLimit(_ distribution: BinomialDistribution, tail q: Double) -> Double {
    let n = distribution.trials
    // The smallest r with S(r) ≤ q, that is F(r) ≥ 1 − q.
    var low = 0
    var high = n
    while low < high {
      let middle = low + (high - low) / 2
      if distribution.survival(middle) <= q { high = middle } else { low = middle + 1 }
    }
    let r = low
    let aboveR = distribution.survival(r)
    let fromR = distribution.survival(r - 1)
    let alpha = (q - aboveR) / (fromR - aboveR)
    return (Double(r) - alpha) / Double(n)
  }

  static func checkTarget(_ target: Double) throws {
    guard target.isFinite, target > 0, target < 1 else {
      throw StatisticsError(
        .invalidProbability,
        argument: "target",
        message: "expected a target proportion strictly between 0 and 1, got '\(target)'",
        hint: "write 37% as 0.37; a target of 0 or 1 leaves no room for chance variation"
      )
    }
  }

  static func checkDenominator(_ denominator: Int) throws {
    guard denominator >= 1 else {
      throw StatisticsError(
        .invalidCount,
        argument: "denominator",
        message: "expected a denominator of at least 1, got '\(denominator)'"
      )
    }
  }
}
