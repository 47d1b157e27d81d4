/// Descriptive statistics of one sample: size, mean, standard deviation, median and quartiles.
///
/// - The standard deviation uses the n − 1 divisor and is computed in two passes (mean first, then
///   squared deviations) for accuracy.
/// - Quantiles use linear interpolation between order statistics, Hyndman and Fan (1996) type 7:
///   for probability q the position is h = (n − 1)q and the value is
///   x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) on the 0-based sorted sample. This is R's default
///   `quantile(type = 7)` and numpy's default `percentile(method="linear")`.
///
/// ```swift
/// let summary = try SampleSummary([12, 15, 9, 20, 14])
/// let interval = try summary.meanInterval()  // t-based, 95%
/// ```
public struct SampleSummary: Sendable, Hashable {
  /// The values in ascending order.
  public let sortedValues: [Double]
  /// The number of values n.
  public let count: Int
  /// The arithmetic mean.
  public let mean: Double
  /// The sample standard deviation with divisor n − 1, or `nil` when n < 2.
  public let standardDeviation: Double?

  /// Summarises a sample.
  ///
  /// - Parameter values: At least one finite value.
  /// - Throws: `StatisticsError` of kind `.insufficientData` for an empty sample and
  ///   `.nonFiniteValue` for NaN or infinite values.
  /// - Complexity: O(*n* log *n*) for the sort.
  public init(_ values: [Double]) throws {
    try StatisticsError.checkCount(values, atLeast: 1, argument: "values")
    try StatisticsError.checkFinite(values, argument: "values")
    sortedValues = values.sorted()
    count = values.count
    let moments = Moments(values)
    mean = moments.mean
    standardDeviation = count >= 2 ? moments.variance.squareRoot() : nil
  }

  /// The standard error of the mean, s/√n, or `nil` when n < 2.
  public var standardError: Double? {
    standardDeviation.map { $0 / Double(count).squareRoot() }
  }

  /// The median: the type 7 quantile at 0.5.
  public var median: Double { quantile(0.5) ?? mean }

  /// The lower quartile: the type 7 quantile at 0.25.
  public var lowerQuartile: Double { quantile(0.25) ?? mean }

  /// The upper quartile: the type 7 quantile at 0.75.
  public var upperQuartile: Double { quantile(0.75) ?? mean }

  /// The smallest value.
  public var minimum: Double { sortedValues.first ?? mean }

  /// The largest value.
  public var maximum: Double { sortedValues.last ?? mean }

  /// The sample quantile at `probability` by linear interpolation (Hyndman and Fan type 7).
  ///
  /// - Parameter probability: A probability in [0, 1].
  /// - Returns: The quantile, or `nil` if `probability` is outside [0, 1] or NaN.
  public func quantile(_ probability: Double) -> Double? {
    guard probability >= 0, probability <= 1 else { return nil }
    let position = Double(count - 1) * probability
    let lowerIndex = Int(position.rounded(.down))
    let fraction = position - Double(lowerIndex)
    let lower = sortedValues[lowerIndex]
    guard fraction > 0, lowerIndex + 1 < count else { return lower }
    let upper = sortedValues[lowerIndex + 1]
    return lower + fraction * (upper - lower)
  }

  /// The t-based confidence interval of the mean, x̄ ± t₍ₙ₋₁, (1+level)/2₎ · s/√n (Student 1908).
  ///
  /// - Parameter confidenceLevel: The coverage, strictly between 0 and 1; 0.95 by default.
  /// - Returns: The interval.
  /// - Throws: `StatisticsError` of kind `.insufficientData` when n < 2 and `.invalidProbability`
  ///   for a bad confidence level.
  public func meanInterval(confidenceLevel: Double = 0.95) throws -> ConfidenceInterval {
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    guard let standardError else {
      throw StatisticsError(
        .insufficientData,
        argument: "values",
        message: "expected at least 2 observations for an interval, got '\(count)'"
      )
    }
    let critical = try Moments.criticalT(
      degreesOfFreedom: Double(count - 1),
      confidenceLevel: confidenceLevel
    )
    return ConfidenceInterval(
      lower: mean - critical * standardError,
      upper: mean + critical * standardError,
      level: confidenceLevel
    )
  }
}

/// Mean and n − 1 variance of a sample, computed in two passes.
struct Moments {
  let count: Int
  let mean: Double
  /// The variance with divisor n − 1; 0 when n < 2.
  let variance: Double

  init(_ values: [Double]) {
    count = values.count
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    self.mean = mean
    var sumOfSquares = 0.0
    for value in values {
      let deviation = value - mean
      sumOfSquares += deviation * deviation
    }
    variance = values.count >= 2 ? sumOfSquares / (n - 1) : 0
  }

  /// The upper (1 − level)/2 quantile of Student's t.
  static func criticalT(degreesOfFreedom: Double, confidenceLevel: Double) throws -> Double {
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    guard let distribution = StudentTDistribution(degreesOfFreedom: degreesOfFreedom),
      let critical = distribution.upperQuantile((1 - confidenceLevel) / 2)
    else {
      throw StatisticsError(
        .insufficientData,
        argument: "degreesOfFreedom",
        message: "expected positive degrees of freedom, got '\(degreesOfFreedom)'"
      )
    }
    return critical
  }

  /// The two-sided p-value 2·P(T > |t|).
  static func twoSidedTPValue(_ t: Double, degreesOfFreedom: Double) -> Double {
    let tail = StudentTDistribution(degreesOfFreedom: degreesOfFreedom)?.survival(abs(t)) ?? 0.5
    return min(1, 2 * tail)
  }
}
