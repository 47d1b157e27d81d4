/// The two-sample test of H₀: p₁ = p₂ for independent proportions, as a z-test with pooled
/// variance and no continuity correction.
///
/// z = (p̂₁ − p̂₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)) with p̄ = (k₁ + k₂)/(n₁ + n₂); the two-sided p-value
/// is 2·P(Z > |z|). z² equals Pearson's chi-square statistic on the 2×2 table without Yates'
/// correction, with 1 degree of freedom and the same p-value (Fleiss, Levin and Paik 2003,
/// section 2.5). Matches statsmodels `proportions_ztest([k1, k2], [n1, n2])` and scipy
/// `chi2_contingency(table, correction=False)`.
public struct TwoProportionTest: Sendable, Hashable {
  /// The difference p̂₁ − p̂₂.
  public let difference: Double
  /// The pooled proportion p̄.
  public let pooledProportion: Double
  /// The z statistic (positive when p̂₁ > p̂₂).
  public let zStatistic: Double
  /// The equivalent Pearson chi-square statistic, z².
  public let chiSquare: Double
  /// The degrees of freedom of the chi-square form: 1.
  public let degreesOfFreedom: Int
  /// The two-sided p-value.
  public let pValue: Double
  /// The method name for reports.
  public let method: String

  /// Tests whether two independent proportions differ.
  ///
  /// - Parameters:
  ///   - firstSuccesses: k₁, in 0...`firstTrials`.
  ///   - firstTrials: n₁ ≥ 1.
  ///   - secondSuccesses: k₂, in 0...`secondTrials`.
  ///   - secondTrials: n₂ ≥ 1.
  /// - Throws: `StatisticsError` of kind `.invalidCount` for impossible counts, and
  ///   `.degenerateData` when every observation is a success or every one a failure (p̄ = 0 or 1),
  ///   where the test is undefined.
  public init(
    firstSuccesses: Int,
    firstTrials: Int,
    secondSuccesses: Int,
    secondTrials: Int
  ) throws {
    try WilsonScoreInterval.validate(
      successes: firstSuccesses,
      trials: firstTrials,
      names: ("firstSuccesses", "firstTrials")
    )
    try WilsonScoreInterval.validate(
      successes: secondSuccesses,
      trials: secondTrials,
      names: ("secondSuccesses", "secondTrials")
    )
    let n1 = Double(firstTrials)
    let n2 = Double(secondTrials)
    let pooled = Double(firstSuccesses + secondSuccesses) / (n1 + n2)
    guard pooled > 0, pooled < 1 else {
      throw StatisticsError(
        .degenerateData,
        argument: "firstSuccesses, secondSuccesses",
        message: "expected both outcomes to occur, got a pooled proportion of '\(pooled)'",
        hint: "when every answer is the same the groups cannot differ; report the counts"
      )
    }
    difference = Double(firstSuccesses) / n1 - Double(secondSuccesses) / n2
    pooledProportion = pooled
    let standardError = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
    zStatistic = difference / standardError
    chiSquare = zStatistic * zStatistic
    degreesOfFreedom = 1
    pValue = 2 * StandardNormal.survival(abs(zStatistic))
    method = "two-sample z-test for proportions (pooled, no continuity correction)"
  }
}
