/// A weighted mean with its linearisation (Taylor series) standard error, for a survey with
/// sampling or post-stratification weights and no strata or clusters.
///
/// With weights wᵢ, W = Σwᵢ and ȳ_w = Σwᵢyᵢ / W, each respondent's influence is
/// zᵢ = wᵢ(yᵢ − ȳ_w)/W and the variance estimate is V = n/(n − 1) · Σzᵢ² (Woodruff 1971; Wolter
/// 2007, chapter 6). This is exactly what R's survey package (Lumley 2004, 2010) returns for
/// `svymean(~y, svydesign(ids = ~1, weights = ~w, data = d))`; the n/(n − 1) factor is the
/// with-replacement variance of a single-stage design.
///
/// Zero weights are allowed. As in the survey package they count towards n in the n/(n − 1)
/// factor but not in the design degrees of freedom or the simple-random-sample variance, which use
/// the number of positive weights n₊. The interval is the normal-quantile Wald interval, as
/// `confint(svymean(...))` with its default `df = Inf`.
public struct WeightedMean: Sendable, Hashable {
  /// The number of respondents n (including any with zero weight).
  public let count: Int
  /// The sum of weights W.
  public let totalWeight: Double
  /// The weighted mean ȳ_w.
  public let estimate: Double
  /// The linearisation standard error √V.
  public let standardError: Double
  /// The normal-quantile interval ȳ_w ± z·SE.
  public let interval: ConfidenceInterval
  /// Kish's (1965, section 11.7) effective sample size (Σw)² / Σw².
  public let effectiveSampleSize: Double
  /// Kish's design effect due to unequal weighting, n₊ / effective sample size = n₊Σw² / (Σw)².
  public let kishDesignEffect: Double
  /// The design effect of this estimate.
  ///
  /// It is V divided by the variance of a simple random sample with replacement of the same size,
  /// s²_w/n₊, where s²_w = n₊/(n₊ − 1) · Σwᵢ(yᵢ − ȳ_w)²/W. Matches the survey package's
  /// `svymean(..., deff = "replace")`.
  public let designEffect: Double
  /// The method name for reports.
  public let method: String

  /// Estimates a weighted mean.
  ///
  /// - Parameters:
  ///   - values: The observations, finite.
  ///   - weights: One non-negative finite weight per observation, at least 2 of them positive.
  ///   - confidenceLevel: The coverage of the interval; 0.95 by default.
  /// - Throws: `StatisticsError` of kind `.insufficientData` for fewer than 2 observations,
  ///   `.mismatchedLengths`, `.nonFiniteValue`, `.invalidWeight` for a negative weight or fewer
  ///   than 2 positive weights, and `.invalidProbability` for a bad confidence level.
  /// - Complexity: O(*n*).
  public init(values: [Double], weights: [Double], confidenceLevel: Double = 0.95) throws {
    try self.init(
      values: values,
      weights: weights,
      designCount: nil,
      confidenceLevel: confidenceLevel
    )
  }

  /// Estimates a weighted mean in a domain of a larger design of `designCount` respondents (all
  /// of the design when `nil`), as `svyby` and `subset` do: the n/(n − 1) factor uses the whole
  /// design's n, while the estimate uses the domain's values only.
  init(
    values: [Double],
    weights: [Double],
    designCount: Int?,
    names: (values: String, weights: String) = ("values", "weights"),
    confidenceLevel: Double
  ) throws {
    let core = try WeightedCore(
      values: values,
      weights: weights,
      designCount: designCount,
      names: names
    )
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    count = core.count
    totalWeight = core.totalWeight
    estimate = core.mean
    standardError = core.variance.squareRoot()
    let z = StandardNormal.upperQuantile((1 - confidenceLevel) / 2) ?? 0
    interval = ConfidenceInterval(
      lower: estimate - z * standardError,
      upper: estimate + z * standardError,
      level: confidenceLevel
    )
    effectiveSampleSize = core.effectiveSampleSize
    kishDesignEffect = Double(core.positiveCount) / core.effectiveSampleSize
    designEffect =
      core.simpleRandomSampleVariance > 0
      ? core.variance / core.simpleRandomSampleVariance : 1
    method = "weighted mean, linearisation standard error"
  }
}

/// Sums shared by the weighted estimators.
struct WeightedCore {
  let count: Int
  /// The number of positive weights, which the survey package uses for degrees of freedom.
  let positiveCount: Int
  let totalWeight: Double
  let mean: Double
  /// n/(n − 1) Σ (wᵢ(yᵢ − ȳ)/W)².
  let variance: Double
  /// s²_w / n₊ (n₊ positive weights) with s²_w = n₊/(n₊ − 1) Σ wᵢ(yᵢ − ȳ)² / W.
  let simpleRandomSampleVariance: Double
  let effectiveSampleSize: Double

  /// Sums the values and weights of a design, or of a domain of a larger design.
  ///
  /// - Parameters:
  ///   - values: The observations.
  ///   - weights: One weight per observation.
  ///   - designCount: The number of respondents in the whole design when the values are a domain
  ///     of it (R's `svyby` or `subset`), used in the n/(n − 1) factor; the values' own count
  ///     when `nil`.
  ///   - names: The argument names for errors.
  /// - Throws: `StatisticsError` as for ``WeightedMean``.
  init(
    values: [Double],
    weights: [Double],
    designCount: Int? = nil,
    names: (values: String, weights: String) = ("values", "weights")
  ) throws {
    try StatisticsError.checkSameLength(
      values.count,
      weights.count,
      arguments: "\(names.values), \(names.weights)"
    )
    try StatisticsError.checkCount(values, atLeast: 2, argument: names.values)
    try StatisticsError.checkFinite(values, argument: names.values)
    try StatisticsError.checkFinite(weights, argument: names.weights)
    for (index, weight) in weights.enumerated() where weight < 0 {
      throw StatisticsError(
        .invalidWeight,
        argument: "\(names.weights)[\(index)]",
        message: "expected a weight of 0 or more, got '\(weight)'"
      )
    }
    let total = weights.reduce(0, +)
    guard total > 0 else {
      throw StatisticsError(
        .invalidWeight,
        argument: names.weights,
        message: "expected at least one positive weight, got '0' in total"
      )
    }
    let n = Double(designCount ?? values.count)
    var weightedSum = 0.0
    var sumOfSquaredWeights = 0.0
    for (value, weight) in zip(values, weights) {
      weightedSum += weight * value
      sumOfSquaredWeights += weight * weight
    }
    let mean = weightedSum / total
    var influenceSquares = 0.0
    var weightedSquares = 0.0
    for (value, weight) in zip(values, weights) {
      let deviation = value - mean
      let influence = weight * deviation / total
      influenceSquares += influence * influence
      weightedSquares += weight * deviation * deviation
    }
    count = values.count
    totalWeight = total
    self.mean = mean
    variance = n / (n - 1) * influenceSquares
    positiveCount = weights.filter { $0 > 0 }.count
    guard positiveCount >= 2 else {
      throw StatisticsError(
        .invalidWeight,
        argument: names.weights,
        message: "expected at least 2 positive weights, got '\(positiveCount)'"
      )
    }
    simpleRandomSampleVariance = weightedSquares / total / Double(positiveCount - 1)
    effectiveSampleSize = total * total / sumOfSquaredWeights
  }
}
