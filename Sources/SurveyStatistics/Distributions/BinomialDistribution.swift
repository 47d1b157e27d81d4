/// The binomial distribution: the number of successes in n independent trials, each with
/// probability p.
///
/// The mass function is computed on the log scale from log-gamma values; the distribution function
/// uses P(X ≤ k) = I_{1−p}(n − k, k + 1) (Abramowitz and Stegun 1964, 26.5.24).
public struct BinomialDistribution: Sendable, Hashable {
  /// The number of trials n.
  public let trials: Int
  /// The success probability p.
  public let probability: Double

  /// Creates the distribution, or returns `nil` unless `trials` ≥ 0 and `probability` is in [0, 1].
  ///
  /// - Parameters:
  ///   - trials: n ≥ 0.
  ///   - probability: p in [0, 1].
  public init?(trials: Int, probability: Double) {
    guard trials >= 0, probability >= 0, probability <= 1 else { return nil }
    self.trials = trials
    self.probability = probability
  }

  /// The probability mass P(X = k) = C(n, k) pᵏ (1 − p)ⁿ⁻ᵏ.
  ///
  /// - Parameter k: The number of successes; outside 0...n gives 0.
  /// - Returns: P(X = k).
  public func probabilityMass(_ k: Int) -> Double {
    guard k >= 0, k <= trials else { return 0 }
    let p = probability
    if p == 0 { return k == 0 ? 1 : 0 }
    if p == 1 { return k == trials ? 1 : 0 }
    let n = Double(trials)
    let successes = Double(k)
    let logChoose =
      Platform.logGamma(n + 1) - Platform.logGamma(successes + 1)
      - Platform.logGamma(n - successes + 1)
    return Platform.exp(
      logChoose + successes * Platform.log(p) + (n - successes) * Platform.log1p(-p)
    )
  }

  /// The distribution function P(X ≤ k).
  ///
  /// - Parameter k: The number of successes.
  /// - Returns: P(X ≤ k): 0 for k < 0 and 1 for k ≥ n.
  /// - Complexity: O(√n) continued-fraction terms at most.
  public func cdf(_ k: Int) -> Double {
    if k < 0 { return 0 }
    if k >= trials { return 1 }
    let n = Double(trials)
    let successes = Double(k)
    return SpecialFunctions.regularizedBeta(
      n - successes,
      successes + 1,
      x: 1 - probability,
      y: probability
    ).value
  }

  /// The survival function P(X > k), accurate in relative terms in the upper tail.
  ///
  /// - Parameter k: The number of successes.
  /// - Returns: P(X > k): 1 for k < 0 and 0 for k ≥ n.
  /// - Complexity: O(√n) continued-fraction terms at most.
  public func survival(_ k: Int) -> Double {
    if k < 0 { return 1 }
    if k >= trials { return 0 }
    let n = Double(trials)
    let successes = Double(k)
    return SpecialFunctions.regularizedBeta(
      n - successes,
      successes + 1,
      x: 1 - probability,
      y: probability
    ).complement
  }
}
