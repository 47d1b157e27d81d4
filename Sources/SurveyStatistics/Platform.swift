// The only file in SurveyStatistics that imports the C library. The rest of the module calls the
// wrappers in `Platform`, so porting to another platform means changing this file alone.
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Elementary functions from the platform C library (correctly rounded or within an ulp or two).
enum Platform {
  /// Natural logarithm.
  static func log(_ x: Double) -> Double { cLog(x) }
  /// log(1 + x), accurate for small x.
  static func log1p(_ x: Double) -> Double { cLog1p(x) }
  /// Exponential.
  static func exp(_ x: Double) -> Double { cExp(x) }
  /// exp(x) - 1, accurate for small x.
  static func expm1(_ x: Double) -> Double { cExpm1(x) }
  /// x raised to the power y.
  static func pow(_ x: Double, _ y: Double) -> Double { cPow(x, y) }
  /// Natural logarithm of the absolute value of the gamma function.
  static func logGamma(_ x: Double) -> Double { cLogGamma(x) }
  /// Error function.
  static func erf(_ x: Double) -> Double { cErf(x) }
  /// Complementary error function, 1 - erf(x), accurate in the upper tail.
  static func erfc(_ x: Double) -> Double { cErfc(x) }
  /// Tangent.
  static func tan(_ x: Double) -> Double { cTan(x) }
  /// Arc tangent.
  static func atan(_ x: Double) -> Double { cAtan(x) }
}

private func cLog(_ x: Double) -> Double { log(x) }
private func cLog1p(_ x: Double) -> Double { log1p(x) }
private func cExp(_ x: Double) -> Double { exp(x) }
private func cExpm1(_ x: Double) -> Double { expm1(x) }
private func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func cLogGamma(_ x: Double) -> Double { lgamma(x) }
private func cErf(_ x: Double) -> Double { erf(x) }
private func cErfc(_ x: Double) -> Double { erfc(x) }
private func cTan(_ x: Double) -> Double { tan(x) }
private func cAtan(_ x: Double) -> Double { atan(x) }
