/// The chi-square distribution with k degrees of freedom.
///
/// P(X ≤ x) = P(k/2, x/2), the regularised lower incomplete gamma function (Abramowitz and Stegun
/// 1964, 26.4.19), evaluated by series or Lentz continued fraction.
public struct ChiSquaredDistribution: Sendable, Hashable {
  /// The degrees of freedom k.
  public let degreesOfFreedom: Double

  /// Creates the distribution, or returns `nil` unless `degreesOfFreedom` is finite and positive.
  ///
  /// - Parameter degreesOfFreedom: k > 0.
  public init?(degreesOfFreedom: Double) {
    guard degreesOfFreedom.isFinite, degreesOfFreedom > 0 else { return nil }
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// The distribution function P(X ≤ x).
  ///
  /// - Parameter x: The point at which to evaluate; values ≤ 0 give 0.
  /// - Returns: P(X ≤ x); NaN if `x` is NaN.
  /// - Complexity: O(√k + x) series or continued-fraction terms at most.
  public func cdf(_ x: Double) -> Double {
    x.isNaN ? x : SpecialFunctions.regularizedGamma(degreesOfFreedom / 2, x / 2).lower
  }

  /// The survival function P(X > x), accurate in relative terms in the upper tail.
  ///
  /// - Parameter x: The point at which to evaluate; values ≤ 0 give 1.
  /// - Returns: P(X > x); NaN if `x` is NaN.
  /// - Complexity: O(√k + x) series or continued-fraction terms at most.
  public func survival(_ x: Double) -> Double {
    x.isNaN ? x : SpecialFunctions.regularizedGamma(degreesOfFreedom / 2, x / 2).upper
  }
}
