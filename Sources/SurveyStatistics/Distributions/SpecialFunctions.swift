/// The regularised incomplete gamma and beta functions on which the chi-square, F, Student t and
/// binomial distributions are built.
///
/// Both use the power series where it converges fast and otherwise the continued fraction
/// evaluated by the modified Lentz algorithm (Lentz 1976; Thompson and Barnett 1986), following the
/// layout in Press et al., *Numerical Recipes*, 3rd ed. (2007), sections 6.2 and 6.4.
enum SpecialFunctions {
  /// Relative step below which a series or continued fraction has converged.
  static let convergenceTolerance = 1e-16
  /// Safety cap on iterations; convergence needs O(sqrt(max(a, b))) steps.
  static let maximumIterations = 100_000
  /// Smallest magnitude allowed for a Lentz denominator before it is nudged away from zero.
  static let tiny = 1e-300

  /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    Platform.logGamma(a) + Platform.logGamma(b) - Platform.logGamma(a + b)
  }

  /// The regularised lower and upper incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x).
  ///
  /// The function that is evaluated directly (series for P when x < a + 1, continued fraction for
  /// Q otherwise) is accurate in relative terms; the other is its complement.
  static func regularizedGamma(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
    if x <= 0 { return (0, 1) }
    if x.isInfinite { return (1, 0) }
    let logPrefactor = a * Platform.log(x) - x - Platform.logGamma(a)
    if x < a + 1 {
      var denominator = a
      var term = 1 / a
      var sum = term
      for _ in 0..<maximumIterations {
        denominator += 1
        term *= x / denominator
        sum += term
        if abs(term) < abs(sum) * convergenceTolerance { break }
      }
      let lower = sum * Platform.exp(logPrefactor)
      return (lower, 1 - lower)
    }
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var fraction = d
    for index in 1...maximumIterations {
      let an = -Double(index) * (Double(index) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      fraction *= delta
      if abs(delta - 1) < convergenceTolerance { break }
    }
    let upper = Platform.exp(logPrefactor) * fraction
    return (1 - upper, upper)
  }

  /// The regularised incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b).
  ///
  /// `y` must equal 1 − `x`; callers pass it separately so that it keeps full precision when x is
  /// close to 1. The continued fraction is applied to whichever of I_x(a, b) and I_y(b, a)
  /// converges fast, so that side is accurate in relative terms.
  static func regularizedBeta(
    _ a: Double,
    _ b: Double,
    x: Double,
    y: Double
  ) -> (value: Double, complement: Double) {
    if x <= 0 { return (0, 1) }
    if y <= 0 { return (1, 0) }
    let logPrefactor = a * Platform.log(x) + b * Platform.log(y) - logBeta(a, b)
    if x < (a + 1) / (a + b + 2) {
      let value = Platform.exp(logPrefactor) * betaContinuedFraction(a, b, x: x) / a
      return (value, 1 - value)
    }
    let complement = Platform.exp(logPrefactor) * betaContinuedFraction(b, a, x: y) / b
    return (1 - complement, complement)
  }

  private static func betaContinuedFraction(_ a: Double, _ b: Double, x: Double) -> Double {
    let sum = a + b
    let aPlusOne = a + 1
    let aMinusOne = a - 1
    var c = 1.0
    var d = 1 - sum * x / aPlusOne
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var fraction = d
    for index in 1...maximumIterations {
      let m = Double(index)
      let twoM = 2 * m
      var coefficient = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM))
      d = 1 + coefficient * d
      if abs(d) < tiny { d = tiny }
      c = 1 + coefficient / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      fraction *= d * c
      coefficient = -(a + m) * (sum + m) * x / ((a + twoM) * (aPlusOne + twoM))
      d = 1 + coefficient * d
      if abs(d) < tiny { d = tiny }
      c = 1 + coefficient / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      fraction *= delta
      if abs(delta - 1) < convergenceTolerance { break }
    }
    return fraction
  }

  /// Solves f(s) = 0 for a decreasing function by Newton's method, falling back to bisection when
  /// a step leaves the bracket established so far.
  ///
  /// - Parameters:
  ///   - start: The initial guess.
  ///   - function: Returns the value f(s) and its derivative f'(s).
  /// - Returns: The root, to about machine precision in s.
  static func solveDecreasing(
    from start: Double,
    _ function: (Double) -> (value: Double, derivative: Double)
  ) -> Double {
    var s = start
    var low = -Double.infinity  // f(low) > 0
    var high = Double.infinity  // f(high) < 0
    for _ in 0..<400 {
      let (value, derivative) = function(s)
      if value == 0 { return s }
      if value > 0 { low = s } else { high = s }
      var next = s - value / derivative
      if !next.isFinite || next <= low || next >= high || derivative >= 0 {
        if low.isFinite && high.isFinite {
          next = (low + high) / 2
        } else if low.isFinite {
          next = low + max(1, abs(low))
        } else {
          next = high - max(1, abs(high))
        }
      }
      let step = next - s
      s = next
      if abs(step) <= 1e-15 * max(1, abs(s)) { break }
    }
    return s
  }
}
