/// The paired t-test for mean change from baseline to follow-up, with the confidence interval of
/// the mean change and the standardised effect size d_z (Student 1908; Cohen 1988, section 2.3.5).
///
/// With changes dᵢ = followUpᵢ − baselineᵢ, mean d̄ and SD s_d: t = d̄/(s_d/√n) on n − 1 degrees
/// of freedom, interval d̄ ± t₍ₙ₋₁₎·s_d/√n, and d_z = d̄/s_d. Matches scipy
/// `ttest_rel(follow_up, baseline)` and its `confidence_interval()`.
public struct PairedTTest: Sendable, Hashable {
  /// The number of pairs n.
  public let count: Int
  /// The mean change d̄ (follow-up minus baseline).
  public let meanChange: Double
  /// The standard deviation of the changes (divisor n − 1).
  public let standardDeviationOfChange: Double
  /// The standard error of the mean change.
  public let standardError: Double
  /// The t statistic.
  public let tStatistic: Double
  /// The degrees of freedom n − 1.
  public let degreesOfFreedom: Double
  /// The two-sided p-value.
  public let pValue: Double
  /// The confidence interval of the mean change.
  public let interval: ConfidenceInterval
  /// The standardised mean change d_z = d̄ / s_d.
  public let standardizedChange: Double
  /// The method name for reports: "paired t-test".
  public let method: String

  /// Tests whether the mean change between paired measurements differs from zero.
  ///
  /// - Parameters:
  ///   - baseline: Each respondent's baseline value.
  ///   - followUp: The same respondents' follow-up values, in the same order.
  ///   - confidenceLevel: The coverage of the interval; 0.95 by default.
  /// - Throws: `StatisticsError` of kind `.mismatchedLengths`, `.insufficientData` for fewer
  ///   than 2 pairs, `.nonFiniteValue`, `.invalidProbability`, and `.degenerateData` when every
  ///   change is the same.
  /// - Complexity: O(*n*).
  public init(baseline: [Double], followUp: [Double], confidenceLevel: Double = 0.95) throws {
    try StatisticsError.checkSameLength(
      baseline.count,
      followUp.count,
      arguments: "baseline, followUp"
    )
    try StatisticsError.checkCount(baseline, atLeast: 2, argument: "baseline")
    try StatisticsError.checkFinite(baseline, argument: "baseline")
    try StatisticsError.checkFinite(followUp, argument: "followUp")
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    let changes = zip(followUp, baseline).map { $0 - $1 }
    let moments = Moments(changes)
    guard moments.variance > 0 else {
      throw StatisticsError(
        .degenerateData,
        argument: "baseline, followUp",
        message: "expected the changes to vary, got '\(moments.mean)' for every pair"
      )
    }
    count = changes.count
    meanChange = moments.mean
    standardDeviationOfChange = moments.variance.squareRoot()
    standardError = standardDeviationOfChange / Double(count).squareRoot()
    tStatistic = meanChange / standardError
    degreesOfFreedom = Double(count - 1)
    pValue = Moments.twoSidedTPValue(tStatistic, degreesOfFreedom: degreesOfFreedom)
    let critical = try Moments.criticalT(
      degreesOfFreedom: degreesOfFreedom,
      confidenceLevel: confidenceLevel
    )
    interval = ConfidenceInterval(
      lower: meanChange - critical * standardError,
      upper: meanChange + critical * standardError,
      level: confidenceLevel
    )
    standardizedChange = meanChange / standardDeviationOfChange
    method = "paired t-test"
  }
}
