/// Student's t distribution with ν degrees of freedom (ν may be fractional, as in Welch's test).
///
/// The distribution function uses the regularised incomplete beta function:
/// P(T > t) = I_x(ν/2, 1/2) / 2 with x = ν / (ν + t²) for t > 0 (Abramowitz and Stegun 1964,
/// 26.7.1). The quantile function solves that equation by safeguarded Newton iteration on
/// log P(T > t) against log t, with the closed forms for ν = 1 and ν = 2.
///
/// ```swift
/// let t = StudentTDistribution(degreesOfFreedom: 9)
/// let critical = t?.upperQuantile(0.025)  // 2.2621571627409915
/// ```
public struct StudentTDistribution: Sendable, Hashable {
  /// The degrees of freedom ν.
  public let degreesOfFreedom: Double

  /// Creates the distribution, or returns `nil` unless `degreesOfFreedom` is finite and positive.
  ///
  /// - Parameter degreesOfFreedom: ν > 0.
  public init?(degreesOfFreedom: Double) {
    guard degreesOfFreedom.isFinite, degreesOfFreedom > 0 else { return nil }
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// The density Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2).
  ///
  /// - Parameter t: The point at which to evaluate the density.
  /// - Returns: The density.
  public func density(_ t: Double) -> Double {
    let nu = degreesOfFreedom
    let logDensity =
      Platform.logGamma((nu + 1) / 2) - Platform.logGamma(nu / 2)
      - 0.5 * Platform.log(nu * Double.pi) - (nu + 1) / 2 * Platform.log1p(t * t / nu)
    return Platform.exp(logDensity)
  }

  /// The distribution function P(T ≤ t).
  ///
  /// - Parameter t: The point at which to evaluate.
  /// - Returns: P(T ≤ t), accurate in relative terms in the lower tail; NaN if `t` is NaN.
  /// - Complexity: O(√ν) continued-fraction terms at most.
  public func cdf(_ t: Double) -> Double {
    t.isNaN ? t : t <= 0 ? upperTail(-t) : 1 - upperTail(t)
  }

  /// The survival function P(T > t).
  ///
  /// - Parameter t: The point at which to evaluate.
  /// - Returns: P(T > t), accurate in relative terms in the upper tail; NaN if `t` is NaN.
  /// - Complexity: O(√ν) continued-fraction terms at most.
  public func survival(_ t: Double) -> Double {
    t.isNaN ? t : t >= 0 ? upperTail(t) : 1 - upperTail(-t)
  }

  /// P(T > t) for t ≥ 0.
  func upperTail(_ t: Double) -> Double {
    if t == 0 { return 0.5 }
    if t.isInfinite { return 0 }
    let nu = degreesOfFreedom
    let tSquared = t * t
    let x: Double
    let y: Double
    if tSquared > nu {
      x = nu / (nu + tSquared)
      y = 1 / (1 + nu / tSquared)
    } else {
      x = 1 / (1 + tSquared / nu)
      y = tSquared / (nu + tSquared)
    }
    return 0.5 * SpecialFunctions.regularizedBeta(nu / 2, 0.5, x: x, y: y).value
  }

  /// The quantile function: the t with P(T ≤ t) = p.
  ///
  /// - Parameter p: A probability in [0, 1].
  /// - Returns: The quantile (−∞ for 0, +∞ for 1), or `nil` if `p` is outside [0, 1] or NaN.
  /// - Complexity: A few Newton steps, each O(√ν).
  public func quantile(_ p: Double) -> Double? {
    guard p >= 0, p <= 1 else { return nil }
    if p == 0.5 { return 0 }
    return p < 0.5 ? -upperTailQuantile(p) : upperTailQuantile(1 - p)
  }

  /// The upper-tail quantile: the t with P(T > t) = q, accurate for tiny q.
  ///
  /// - Parameter q: An upper-tail probability in [0, 1].
  /// - Returns: The quantile, or `nil` if `q` is outside [0, 1] or NaN.
  /// - Complexity: A few Newton steps, each O(√ν).
  public func upperQuantile(_ q: Double) -> Double? {
    guard q >= 0, q <= 1 else { return nil }
    if q == 0.5 { return 0 }
    return q < 0.5 ? upperTailQuantile(q) : -upperTailQuantile(1 - q)
  }

  /// The t > 0 with P(T > t) = q, for q in [0, 0.5).
  private func upperTailQuantile(_ q: Double) -> Double {
    if q == 0 { return .infinity }
    let nu = degreesOfFreedom
    if nu == 1 {
      return 1 / Platform.tan(Double.pi * q)
    }
    if nu == 2 {
      return (1 - 2 * q) / (2 * q * (1 - q)).squareRoot()
    }
    // Starting value: Cornish–Fisher expansion around the normal quantile (Abramowitz and Stegun
    // 26.7.5), which is good in the centre; the log-scale Newton iteration fixes the tails.
    let z = StandardNormal.upperQuantile(q) ?? 0
    let z3 = z * z * z
    let start = z + (z3 + z) / (4 * nu) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * nu * nu)
    let logQ = Platform.log(q)
    let logT = SpecialFunctions.solveDecreasing(from: Platform.log(max(start, 1e-8))) { s in
      let t = Platform.exp(s)
      let tail = upperTail(t)
      // d/ds log P(T > e^s) = −f(t)·t / P(T > t)
      return (Platform.log(tail) - logQ, -density(t) * t / tail)
    }
    return Platform.exp(logT)
  }
}
