/// Snedecor's F distribution with d₁ (numerator) and d₂ (denominator) degrees of freedom.
///
/// P(F ≤ x) = I_z(d₁/2, d₂/2) with z = d₁x / (d₁x + d₂) (Abramowitz and Stegun 1964, 26.6.2),
/// evaluated through the regularised incomplete beta function.
public struct FDistribution: Sendable, Hashable {
  /// The numerator degrees of freedom d₁.
  public let numeratorDegreesOfFreedom: Double
  /// The denominator degrees of freedom d₂.
  public let denominatorDegreesOfFreedom: Double

  /// Creates the distribution, or returns `nil` unless both degrees of freedom are finite and
  /// positive.
  ///
  /// - Parameters:
  ///   - numeratorDegreesOfFreedom: d₁ > 0.
  ///   - denominatorDegreesOfFreedom: d₂ > 0.
  public init?(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
    guard numeratorDegreesOfFreedom.isFinite, numeratorDegreesOfFreedom > 0,
      denominatorDegreesOfFreedom.isFinite, denominatorDegreesOfFreedom > 0
    else { return nil }
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
  }

  /// The distribution function P(F ≤ x).
  ///
  /// - Parameter x: The point at which to evaluate; values ≤ 0 give 0.
  /// - Returns: P(F ≤ x); NaN if `x` is NaN.
  /// - Complexity: O(√max(d₁, d₂)) continued-fraction terms at most.
  public func cdf(_ x: Double) -> Double { parts(x).lower }

  /// The survival function P(F > x), accurate in relative terms in the upper tail.
  ///
  /// - Parameter x: The point at which to evaluate; values ≤ 0 give 1.
  /// - Returns: P(F > x); NaN if `x` is NaN.
  /// - Complexity: O(√max(d₁, d₂)) continued-fraction terms at most.
  public func survival(_ x: Double) -> Double { parts(x).upper }

  private func parts(_ x: Double) -> (lower: Double, upper: Double) {
    if x.isNaN { return (x, x) }
    if x <= 0 { return (0, 1) }
    if x.isInfinite { return (1, 0) }
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    let scaled = d1 * x
    let z = scaled / (scaled + d2)
    let complement = d2 / (scaled + d2)
    let result = SpecialFunctions.regularizedBeta(d1 / 2, d2 / 2, x: z, y: complement)
    return (result.value, result.complement)
  }
}
