/// The standard normal distribution N(0, 1).
///
/// ```swift
/// let critical = StandardNormal.upperQuantile(0.025)  // 1.959963984540054
/// let p = 2 * StandardNormal.survival(2.5)
/// ```
public enum StandardNormal: Sendable {
  private static let squareRootOfTwoHigh = 1.4142135623730951
  private static let squareRootOfTwoLow = -9.667293313452913e-17
  private static let squareRootOfTwoPi = 2.5066282746310002
  private static let twoOverSquareRootOfPi = 1.1283791670955126

  /// The density φ(z) = exp(−z²/2) / √(2π).
  ///
  /// - Parameter z: The point at which to evaluate the density.
  /// - Returns: The density; NaN if `z` is NaN.
  public static func density(_ z: Double) -> Double {
    Platform.exp(-0.5 * z * z) / squareRootOfTwoPi
  }

  /// The cumulative distribution function Φ(z) = P(Z ≤ z).
  ///
  /// Computed as erfc(−z/√2)/2 with the rounding error of −z/√2 corrected to first order, so the
  /// result has a relative error of a few ulps (about 1e-15) across the whole range, including the
  /// lower tail down to the smallest subnormal.
  ///
  /// - Parameter z: The point at which to evaluate the distribution function.
  /// - Returns: Φ(z); NaN if `z` is NaN.
  public static func cdf(_ z: Double) -> Double { halfErfc(ofNegativeScaled: z) }

  /// The survival function 1 − Φ(z) = P(Z > z), accurate in the upper tail.
  ///
  /// - Parameter z: The point at which to evaluate the survival function.
  /// - Returns: 1 − Φ(z), computed as Φ(−z) without cancellation; NaN if `z` is NaN.
  public static func survival(_ z: Double) -> Double { halfErfc(ofNegativeScaled: -z) }

  /// Returns erfc(−z/√2)/2, correcting for the rounding of −z/√2.
  private static func halfErfc(ofNegativeScaled z: Double) -> Double {
    if z.isNaN { return z }
    let u = -z / squareRootOfTwoHigh
    // u·√2 differs from −z by a rounding residual; residual/√2 is the error in u.
    let residual = (-z).addingProduct(-u, squareRootOfTwoHigh) - u * squareRootOfTwoLow
    let delta = residual / squareRootOfTwoHigh
    let base = Platform.erfc(u)
    // erfc(u + δ) ≈ erfc(u) − δ · 2/√π · exp(−u²)
    let corrected = base - delta * twoOverSquareRootOfPi * Platform.exp(-u * u)
    return 0.5 * corrected
  }

  /// The quantile function Φ⁻¹(p): the z with Φ(z) = p.
  ///
  /// Uses Acklam's rational approximation (relative error below 1.15e-9) refined by one Halley step
  /// on the accurate distribution function, giving about 1e-15 relative accuracy.
  ///
  /// - Parameter p: A probability in [0, 1].
  /// - Returns: The quantile; −∞ for 0 and +∞ for 1; `nil` if `p` is outside [0, 1] or NaN.
  public static func quantile(_ p: Double) -> Double? {
    guard p >= 0, p <= 1 else { return nil }
    if p == 0.5 { return 0 }
    if p < 0.5 { return lowerTailQuantile(p) }
    return -lowerTailQuantile(1 - p)  // 1 − p is exact for p ≥ 0.5
  }

  /// The upper-tail quantile: the z with 1 − Φ(z) = q, accurate for tiny q.
  ///
  /// Use this for critical values, for example `upperQuantile(0.025)` for a 95% interval.
  ///
  /// - Parameter q: An upper-tail probability in [0, 1].
  /// - Returns: −Φ⁻¹(q); `nil` if `q` is outside [0, 1] or NaN.
  public static func upperQuantile(_ q: Double) -> Double? {
    quantile(q).map { -$0 }
  }

  /// Quantile for p in (0, 0.5], computed without forming 1 − p.
  private static func lowerTailQuantile(_ p: Double) -> Double {
    if p == 0 { return -.infinity }
    var x = acklamApproximation(p)
    if p < 1e-290 { return farTailQuantile(p, start: x) }
    // Halley refinement: e = Φ(x) − p, u = e / φ(x), x ← x − u / (1 + x·u/2).
    // e/φ(x) is formed as (Φ(x)/p − 1)·(p/φ(x)) so that it neither underflows nor overflows.
    let relativeError = cdf(x) / p - 1
    let pOverDensity = Platform.exp(Platform.log(p) + 0.5 * x * x) * squareRootOfTwoPi
    let u = relativeError * pOverDensity
    x -= u / (1 + 0.5 * x * u)
    return x
  }

  /// Quantile for p below 1e-290, where Φ(x) approaches the subnormal range: Newton's method on
  /// log Φ(x) = log φ(x) − log|x| + log S(x), with the asymptotic series
  /// S(x) = 1 − 1/x² + 3/x⁴ − 15/x⁶ + … (Abramowitz and Stegun 1964, 26.2.12), which for x < −36 is
  /// exact to double precision after eight terms.
  private static func farTailQuantile(_ p: Double, start: Double) -> Double {
    let logP = Platform.log(p)
    let logSquareRootOfTwoPi = 0.9189385332046728
    var x = start
    for _ in 0..<4 {
      let inverseSquare = 1 / (x * x)
      var term = 1.0
      var series = 1.0
      for k in 1...8 {
        term *= -Double(2 * k - 1) * inverseSquare
        series += term
      }
      let logCdf = -0.5 * x * x - logSquareRootOfTwoPi - Platform.log(-x) + Platform.log(series)
      // d/dx log Φ(x) = φ(x)/Φ(x) = |x| / S(x)
      let slope = -x / series
      x -= (logCdf - logP) / slope
    }
    return x
  }

  /// Acklam (2003) rational approximation to Φ⁻¹(p) for p in (0, 0.5].
  private static func acklamApproximation(_ p: Double) -> Double {
    let a = [
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01,
    ]
    let c = [
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let d = [
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00,
    ]
    let lowBreak = 0.02425
    if p < lowBreak {
      let q = (-2 * Platform.log(p)).squareRoot()
      let numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
      let denominator = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
      return numerator / denominator
    }
    let q = p - 0.5
    let r = q * q
    let numerator = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
    let denominator = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
    return numerator / denominator
  }
}
