/// The difference between two groups' weighted proportions, with its linearisation standard
/// error, Wald interval and tests, as R's survey package gives them for two domains of one
/// weighted design.
///
/// The design and variance are those of ``WeightedMeanDifference`` applied to the 0/1 indicator:
/// the two groups' respondents together form one single-stage design with weights, no strata or
/// clusters, drawn with replacement (`svydesign(ids = ~1, weights = ~w, data)`, n respondents,
/// n₊ with a positive weight), and d = p̂₁ − p̂₂ (first less second) with
/// V(d) = n/(n − 1) · [Σ_{i∈1} (wᵢ(yᵢ − p̂₁)/W₁)² + Σ_{i∈2} (wᵢ(yᵢ − p̂₂)/W₂)²]. Two readings of
/// the same statistic d/√V(d) are given:
/// - ``zStatistic``, ``pValue`` and ``interval``: the normal (Wald) test and interval of
///   `svycontrast(svyby(~I(y == 1), ~group, design, svymean), c(1, -1))` with `confint`'s
///   default `df = Inf`;
/// - ``degreesOfFreedom``, ``tPValue`` and ``tInterval``: Student's t on n₊ − 2 degrees of
///   freedom, as `svyttest(I(y == 1) ~ group, design)`.
///
/// Each group's own proportion and interval (``first``, ``second``) is
/// `svyby(~I(y == 1), ~group, design, svyciprop)`: the estimate is the group's weighted
/// proportion, its standard error uses the whole design's n in the n/(n − 1) factor, and the
/// interval (logit by default, see ``WeightedProportion/Method``) uses t on the group's own
/// n₊ − 1 degrees of freedom (`degf` of the subset design). These differ slightly from a
/// ``WeightedProportion`` of one group on its own, whose n/(n − 1) uses the group's n.
/// Read from survey 4.1.1: `svyby.default`, `svycontrast.svystat`, `svyciprop`,
/// `svyttest.default` and `degf.survey.design2`.
public struct WeightedProportionDifference: Sendable, Hashable {
  /// The first group's weighted proportion and interval, as a domain of the combined design.
  public let first: WeightedProportion
  /// The second group's weighted proportion and interval, as a domain of the combined design.
  public let second: WeightedProportion
  /// The difference p̂₁ − p̂₂.
  public let difference: Double
  /// The linearisation standard error of the difference.
  public let standardError: Double
  /// The Wald statistic, difference / standard error (read as z or as t).
  public let zStatistic: Double
  /// The two-sided p-value against the standard normal.
  public let pValue: Double
  /// The normal (Wald) interval, difference ± z · standard error.
  public let interval: ConfidenceInterval
  /// The degrees of freedom n₊ − 2 of the t reading.
  public let degreesOfFreedom: Double
  /// The two-sided p-value against Student's t on ``degreesOfFreedom``.
  public let tPValue: Double
  /// The t interval, difference ± t · standard error.
  public let tInterval: ConfidenceInterval
  /// The method name for reports.
  public let method: String

  /// Compares two groups' weighted proportions.
  ///
  /// - Parameters:
  ///   - firstIndicators: Whether each first-group respondent has the characteristic, at least 2.
  ///   - firstWeights: One non-negative weight per first-group respondent, at least 2 positive.
  ///   - secondIndicators: Whether each second-group respondent has it, at least 2.
  ///   - secondWeights: One non-negative weight per second-group respondent, at least 2 positive.
  ///   - method: The interval for each group's own proportion; `.logit` by default, as
  ///     `svyciprop`.
  ///   - confidenceLevel: The coverage of every interval; 0.95 by default.
  /// - Throws: `StatisticsError` as for ``WeightedProportion``, naming the group's argument, and
  ///   `.degenerateData` when every answer in both groups is the same, so the difference has no
  ///   variance.
  /// - Complexity: O(n₁ + n₂).
  public init(
    firstIndicators: [Bool],
    firstWeights: [Double],
    secondIndicators: [Bool],
    secondWeights: [Double],
    method: WeightedProportion.Method = .logit,
    confidenceLevel: Double = 0.95
  ) throws {
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    let domains = try TwoWeightedDomains(
      firstValues: firstIndicators.map { $0 ? 1 : 0 },
      firstWeights: firstWeights,
      secondValues: secondIndicators.map { $0 ? 1 : 0 },
      secondWeights: secondWeights,
      names: ("firstIndicators", "firstWeights", "secondIndicators", "secondWeights")
    )
    first = try WeightedProportion(
      indicators: firstIndicators,
      weights: firstWeights,
      designCount: domains.designCount,
      names: ("firstIndicators", "firstWeights"),
      method: method,
      confidenceLevel: confidenceLevel
    )
    second = try WeightedProportion(
      indicators: secondIndicators,
      weights: secondWeights,
      designCount: domains.designCount,
      names: ("secondIndicators", "secondWeights"),
      method: method,
      confidenceLevel: confidenceLevel
    )
    difference = domains.difference
    standardError = domains.standardError
    zStatistic = difference / standardError
    pValue = 2 * StandardNormal.survival(abs(zStatistic))
    let z = StandardNormal.upperQuantile((1 - confidenceLevel) / 2) ?? 0
    interval = ConfidenceInterval(
      lower: difference - z * standardError,
      upper: difference + z * standardError,
      level: confidenceLevel
    )
    degreesOfFreedom = domains.degreesOfFreedom
    tPValue = Moments.twoSidedTPValue(zStatistic, degreesOfFreedom: degreesOfFreedom)
    let critical = try Moments.criticalT(
      degreesOfFreedom: degreesOfFreedom,
      confidenceLevel: confidenceLevel
    )
    tInterval = ConfidenceInterval(
      lower: difference - critical * standardError,
      upper: difference + critical * standardError,
      level: confidenceLevel
    )
    self.method = "difference in weighted proportions, linearisation standard error"
  }
}
