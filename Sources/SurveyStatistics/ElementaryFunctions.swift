// The elementary functions the statistics need, taken from SurveyPlatform so that this module
// has no platform conditionals of its own.
import SurveyPlatform

/// Elementary functions from the platform C library (correctly rounded or within an ulp or two).
enum Platform {
  /// Natural logarithm.
  static func log(_ x: Double) -> Double { PlatformMath.log(x) }
  /// log(1 + x), accurate for small x.
  static func log1p(_ x: Double) -> Double { PlatformMath.log1p(x) }
  /// Exponential.
  static func exp(_ x: Double) -> Double { PlatformMath.exp(x) }
  /// exp(x) - 1, accurate for small x.
  static func expm1(_ x: Double) -> Double { PlatformMath.expm1(x) }
  /// x raised to the power y.
  static func pow(_ x: Double, _ y: Double) -> Double { PlatformMath.pow(x, y) }
  /// Natural logarithm of the absolute value of the gamma function.
  static func logGamma(_ x: Double) -> Double { PlatformMath.logGamma(x) }
  /// Error function.
  static func erf(_ x: Double) -> Double { PlatformMath.erf(x) }
  /// Complementary error function, 1 - erf(x), accurate in the upper tail.
  static func erfc(_ x: Double) -> Double { PlatformMath.erfc(x) }
  /// Tangent.
  static func tan(_ x: Double) -> Double { PlatformMath.tan(x) }
  /// Arc tangent.
  static func atan(_ x: Double) -> Double { PlatformMath.atan(x) }
}
