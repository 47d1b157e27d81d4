/// The difference between the weighted means of two groups, with the design-based t-test R's
/// survey package gives for `svyttest(y ~ group, design)`.
///
/// The two groups are domains of one single-stage design with weights and no strata or clusters,
/// drawn with replacement: R's `svydesign(ids = ~1, weights = ~w, data)` on the two groups'
/// respondents together (n = n₁ + n₂ of them, n₊ with a positive weight). For group g with
/// weights wᵢ, W_g = Σ_{i∈g} wᵢ and mean ȳ_g = Σ_{i∈g} wᵢyᵢ / W_g:
/// - the difference is d = ȳ₁ − ȳ₂ (the first group less the second; `svyttest` reports the
///   second level less the first, so its sign is the opposite);
/// - each respondent's influence on ȳ_g is wᵢ(yᵢ − ȳ_g)/W_g, and as the groups do not overlap
///   the two means are uncorrelated, so
///   V(d) = n/(n − 1) · [Σ_{i∈1} (wᵢ(yᵢ − ȳ₁)/W₁)² + Σ_{i∈2} (wᵢ(yᵢ − ȳ₂)/W₂)²],
///   the linearisation variance of `svyby(~y, ~group, design, svymean)` followed by
///   `svycontrast(..., c(1, -1))`, and the sandwich variance of the group coefficient of
///   `svyglm(y ~ group, design)` that `svyttest` uses;
/// - t = d / √V(d) on n₊ − 2 degrees of freedom (`svyglm`'s residual degrees of freedom:
///   `degf(design)` = n₊ − 1, plus 1, less 2 coefficients), the two-sided p-value 2·P(T > |t|)
///   and the interval d ± t₍n₊−2₎ · √V(d), as `confint` on the `svyglm` coefficient.
///
/// The groups' own means (``first``, ``second``) are domain estimates in the same design, as
/// `svyby(~y, ~group, design, svymean)`: their standard errors use the whole design's n in the
/// n/(n − 1) factor, so they differ slightly from a ``WeightedMean`` of one group alone.
/// Read from survey 4.1.1: `svyttest.default`, `svyglm.survey.design`, `svyby.default`,
/// `svycontrast.svystat` and `degf.survey.design2` (Lumley 2010, "Complex Surveys", sections 2.3
/// and 5.2).
public struct WeightedMeanDifference: Sendable, Hashable {
  /// The first group's weighted mean, as a domain of the combined design.
  public let first: WeightedMean
  /// The second group's weighted mean, as a domain of the combined design.
  public let second: WeightedMean
  /// The difference of the weighted means, first less second.
  public let difference: Double
  /// The linearisation standard error of the difference.
  public let standardError: Double
  /// The t statistic, difference / standard error.
  public let tStatistic: Double
  /// The degrees of freedom n₊ − 2, as `svyttest`.
  public let degreesOfFreedom: Double
  /// The two-sided p-value against Student's t on ``degreesOfFreedom``.
  public let pValue: Double
  /// The t interval of the difference.
  public let interval: ConfidenceInterval
  /// The method name for reports.
  public let method: String

  /// Compares the weighted means of two groups.
  ///
  /// - Parameters:
  ///   - firstValues: The first group's values, finite, at least 2.
  ///   - firstWeights: One non-negative weight per first-group value, at least 2 positive.
  ///   - secondValues: The second group's values, finite, at least 2.
  ///   - secondWeights: One non-negative weight per second-group value, at least 2 positive.
  ///   - confidenceLevel: The coverage of the interval; 0.95 by default.
  /// - Throws: `StatisticsError` as for ``WeightedMean``, naming the group's argument, and
  ///   `.degenerateData` when the difference has no variance (every value the same within each
  ///   group).
  /// - Complexity: O(n₁ + n₂).
  public init(
    firstValues: [Double],
    firstWeights: [Double],
    secondValues: [Double],
    secondWeights: [Double],
    confidenceLevel: Double = 0.95
  ) throws {
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    let domains = try TwoWeightedDomains(
      firstValues: firstValues,
      firstWeights: firstWeights,
      secondValues: secondValues,
      secondWeights: secondWeights,
      names: ("firstValues", "firstWeights", "secondValues", "secondWeights")
    )
    first = try WeightedMean(
      values: firstValues,
      weights: firstWeights,
      designCount: domains.designCount,
      names: ("firstValues", "firstWeights"),
      confidenceLevel: confidenceLevel
    )
    second = try WeightedMean(
      values: secondValues,
      weights: secondWeights,
      designCount: domains.designCount,
      names: ("secondValues", "secondWeights"),
      confidenceLevel: confidenceLevel
    )
    difference = domains.difference
    standardError = domains.standardError
    tStatistic = difference / standardError
    degreesOfFreedom = domains.degreesOfFreedom
    pValue = Moments.twoSidedTPValue(tStatistic, degreesOfFreedom: degreesOfFreedom)
    let critical = try Moments.criticalT(
      degreesOfFreedom: degreesOfFreedom,
      confidenceLevel: confidenceLevel
    )
    interval = ConfidenceInterval(
      lower: difference - critical * standardError,
      upper: difference + critical * standardError,
      level: confidenceLevel
    )
    method = "design-based t-test for a difference in weighted means (n - 2 df)"
  }
}

/// Two non-overlapping domains of one single-stage weighted design: the difference of their
/// weighted means and its linearisation standard error, as `svyby` with `svycontrast`.
struct TwoWeightedDomains {
  /// n₁ + n₂, every respondent of the design.
  let designCount: Int
  /// ȳ₁ − ȳ₂.
  let difference: Double
  /// √(V₁ + V₂), each with the design's n/(n − 1).
  let standardError: Double
  /// n₊ − 2 for n₊ positive weights in the design.
  let degreesOfFreedom: Double

  init(
    firstValues: [Double],
    firstWeights: [Double],
    secondValues: [Double],
    secondWeights: [Double],
    names: (String, String, String, String)
  ) throws {
    let designCount = firstValues.count + secondValues.count
    let first = try WeightedCore(
      values: firstValues,
      weights: firstWeights,
      designCount: designCount,
      names: (names.0, names.1)
    )
    let second = try WeightedCore(
      values: secondValues,
      weights: secondWeights,
      designCount: designCount,
      names: (names.2, names.3)
    )
    let variance = first.variance + second.variance
    guard variance > 0 else {
      throw StatisticsError(
        .degenerateData,
        argument: "\(names.0), \(names.2)",
        message: "expected some variation, got the same value throughout each group",
        hint: "when every answer is the same the groups cannot be tested; report the values"
      )
    }
    self.designCount = designCount
    difference = first.mean - second.mean
    standardError = variance.squareRoot()
    degreesOfFreedom = Double(first.positiveCount + second.positiveCount - 2)
  }
}
