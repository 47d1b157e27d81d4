/// The weighted mean change of paired measurements (each respondent measured twice), as R's
/// survey package gives it for the difference dᵢ = afterᵢ − beforeᵢ with one weight per
/// respondent.
///
/// The design is single-stage with weights, no strata or clusters, drawn with replacement
/// (`svydesign(ids = ~1, weights = ~w, data)`, n respondents, n₊ with a positive weight). The
/// change is the ``WeightedMean`` of the differences, d̄ = Σwᵢdᵢ / Σwᵢ, with its linearisation
/// standard error SE = √(n/(n − 1) · Σ(wᵢ(dᵢ − d̄)/Σw)²), so that:
/// - ``normalInterval`` is d̄ ± z · SE, `confint(svymean(~d, design))` with its default
///   `df = Inf`;
/// - ``tStatistic`` = d̄ / SE, with ``degreesOfFreedom`` n₊ − 2, ``pValue`` and ``interval``
///   (d̄ ± t · SE) are `svyttest(d ~ 0, design)`. The survey package's one-sample test uses
///   `degf(design) − 1` = n₊ − 2 degrees of freedom, one fewer than an unweighted paired t-test's
///   n − 1; this type follows the package.
///
/// Read from survey 4.1.1: `svyttest.default` (the one-sample branch), `svymean` and
/// `confint.svystat`.
public struct WeightedPairedMeanChange: Sendable, Hashable {
  /// The weighted mean of the first measurements.
  public let beforeMean: Double
  /// The weighted mean of the second measurements.
  public let afterMean: Double
  /// The weighted mean of the differences, afterMean − beforeMean, with its standard error.
  public let change: WeightedMean
  /// The t statistic, mean change / standard error.
  public let tStatistic: Double
  /// The degrees of freedom n₊ − 2, as `svyttest`.
  public let degreesOfFreedom: Double
  /// The two-sided p-value against Student's t on ``degreesOfFreedom``.
  public let pValue: Double
  /// The t interval of the mean change, as `svyttest`.
  public let interval: ConfidenceInterval
  /// The normal interval of the mean change, as `confint(svymean(...))`.
  public let normalInterval: ConfidenceInterval
  /// The method name for reports.
  public let method: String

  /// Estimates and tests the weighted mean change.
  ///
  /// - Parameters:
  ///   - before: Each respondent's first measurement, finite, at least 3.
  ///   - after: Each respondent's second measurement, in the same order.
  ///   - weights: One non-negative weight per respondent, at least 3 of them positive.
  ///   - confidenceLevel: The coverage of the intervals; 0.95 by default.
  /// - Throws: `StatisticsError` of kind `.mismatchedLengths`, `.insufficientData` for fewer than
  ///   3 respondents, `.nonFiniteValue`, `.invalidWeight` for a negative weight or fewer than 3
  ///   positive, `.invalidProbability`, and `.degenerateData` when every respondent changed by
  ///   the same amount.
  /// - Complexity: O(*n*).
  public init(
    before: [Double],
    after: [Double],
    weights: [Double],
    confidenceLevel: Double = 0.95
  ) throws {
    try StatisticsError.checkSameLength(before.count, after.count, arguments: "before, after")
    try StatisticsError.checkSameLength(before.count, weights.count, arguments: "before, weights")
    try StatisticsError.checkCount(before, atLeast: 3, argument: "before")
    try StatisticsError.checkFinite(before, argument: "before")
    try StatisticsError.checkFinite(after, argument: "after")
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    let differences = zip(after, before).map { $0 - $1 }
    let core = try WeightedCore(
      values: differences,
      weights: weights,
      names: ("before, after", "weights")
    )
    guard core.positiveCount >= 3 else {
      throw StatisticsError(
        .invalidWeight,
        argument: "weights",
        message: "expected at least 3 positive weights, got '\(core.positiveCount)'",
        hint: "the survey package's test has n - 2 degrees of freedom, so it needs 3 respondents"
      )
    }
    guard core.variance > 0 else {
      throw StatisticsError(
        .degenerateData,
        argument: "before, after",
        message: "expected the changes to vary, got the same change for every respondent",
        hint: "report the change itself; there is no variation to test"
      )
    }
    change = try WeightedMean(
      values: differences,
      weights: weights,
      confidenceLevel: confidenceLevel
    )
    var beforeSum = 0.0
    var afterSum = 0.0
    for index in weights.indices {
      beforeSum += weights[index] * before[index]
      afterSum += weights[index] * after[index]
    }
    beforeMean = beforeSum / core.totalWeight
    afterMean = afterSum / core.totalWeight
    tStatistic = change.estimate / change.standardError
    degreesOfFreedom = Double(core.positiveCount - 2)
    pValue = Moments.twoSidedTPValue(tStatistic, degreesOfFreedom: degreesOfFreedom)
    let critical = try Moments.criticalT(
      degreesOfFreedom: degreesOfFreedom,
      confidenceLevel: confidenceLevel
    )
    interval = ConfidenceInterval(
      lower: change.estimate - critical * change.standardError,
      upper: change.estimate + critical * change.standardError,
      level: confidenceLevel
    )
    normalInterval = change.interval
    method = "design-based one-sample t-test of weighted paired changes (n - 2 df)"
  }
}
