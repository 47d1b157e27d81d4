/// Welch's two-sample t-test for a difference in means without assuming equal variances
/// (Welch 1947), with the confidence interval of the difference.
///
/// With sample means x̄₁, x̄₂, variances s₁², s₂² and sizes n₁, n₂:
/// SE = √(s₁²/n₁ + s₂²/n₂), t = (x̄₁ − x̄₂)/SE, and the Welch–Satterthwaite degrees of freedom
/// ν = SE⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)) (Satterthwaite 1946). The two-sided p-value
/// is 2·P(T_ν > |t|) and the interval is (x̄₁ − x̄₂) ± t₍ν₎·SE. Matches scipy
/// `ttest_ind(a, b, equal_var=False)` and its `confidence_interval()`.
public struct WelchTTest: Sendable, Hashable {
  /// The first group's mean.
  public let firstMean: Double
  /// The second group's mean.
  public let secondMean: Double
  /// The difference x̄₁ − x̄₂.
  public let meanDifference: Double
  /// The standard error of the difference.
  public let standardError: Double
  /// The t statistic.
  public let tStatistic: Double
  /// The Welch–Satterthwaite degrees of freedom (usually fractional).
  public let degreesOfFreedom: Double
  /// The two-sided p-value.
  public let pValue: Double
  /// The confidence interval of x̄₁ − x̄₂.
  public let interval: ConfidenceInterval
  /// The method name for reports: "Welch's t-test".
  public let method: String

  /// Compares the means of two independent samples.
  ///
  /// - Parameters:
  ///   - first: The first sample, at least 2 finite values.
  ///   - second: The second sample, at least 2 finite values.
  ///   - confidenceLevel: The coverage of the interval; 0.95 by default.
  /// - Throws: `StatisticsError` of kind `.insufficientData` for a sample with fewer than 2 values,
  ///   `.nonFiniteValue`, `.invalidProbability`, and `.degenerateData` when both samples have zero
  ///   variance.
  /// - Complexity: O(n₁ + n₂).
  public init(first: [Double], second: [Double], confidenceLevel: Double = 0.95) throws {
    try StatisticsError.checkCount(first, atLeast: 2, argument: "first")
    try StatisticsError.checkCount(second, atLeast: 2, argument: "second")
    try StatisticsError.checkFinite(first, argument: "first")
    try StatisticsError.checkFinite(second, argument: "second")
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    let a = Moments(first)
    let b = Moments(second)
    let varianceA = a.variance / Double(a.count)
    let varianceB = b.variance / Double(b.count)
    let variance = varianceA + varianceB
    guard variance > 0 else {
      throw StatisticsError(
        .degenerateData,
        argument: "first, second",
        message: "expected some variation, got identical values within each group"
      )
    }
    firstMean = a.mean
    secondMean = b.mean
    meanDifference = a.mean - b.mean
    standardError = variance.squareRoot()
    tStatistic = meanDifference / standardError
    degreesOfFreedom =
      variance * variance
      / (varianceA * varianceA / Double(a.count - 1) + varianceB * varianceB / Double(b.count - 1))
    pValue = Moments.twoSidedTPValue(tStatistic, degreesOfFreedom: degreesOfFreedom)
    let critical = try Moments.criticalT(
      degreesOfFreedom: degreesOfFreedom,
      confidenceLevel: confidenceLevel
    )
    interval = ConfidenceInterval(
      lower: meanDifference - critical * standardError,
      upper: meanDifference + critical * standardError,
      level: confidenceLevel
    )
    method = "Welch's t-test"
  }
}
