/// A weighted proportion with a confidence interval as R's survey package computes it with
/// `svyciprop(~I(y == 1), svydesign(ids = ~1, weights = ~w, data = d))`.
///
/// The estimate p̂ and its standard error are those of ``WeightedMean`` on the 0/1 indicator. The
/// interval uses Student's t with the design degrees of freedom n − 1 (`degf(design)`):
/// (n₊ − 1 when some weights are zero, n₊ being the number of positive weights.)
/// - ``Method/logit`` (the survey package default, Korn and Graubard 1999, section 5.2): the Wald
///   interval on the log-odds scale, expit(logit p̂ ± t·SE/(p̂(1 − p̂))). The survey package gets
///   this from an intercept-only quasibinomial `svyglm`, whose sandwich variance reduces to the same
///   delta-method form, so results agree to the convergence of its iterative fit (about 1e-11).
/// - ``Method/mean``: the Wald interval p̂ ± t·SE on the proportion scale, which can leave [0, 1].
///
/// When p̂ is 0 or 1 the logit interval is undefined; this type then returns the interval [0, 0]
/// or [1, 1] and says so in ``note``, where the survey package would return NaN limits.
public struct WeightedProportion: Sendable, Hashable {
  /// How the interval is formed.
  public enum Method: String, Sendable, Hashable, CaseIterable {
    /// Wald interval on the logit scale with t on n − 1 degrees of freedom (the default).
    case logit
    /// Wald interval on the proportion scale with t on n − 1 degrees of freedom.
    case mean
  }

  /// The number of respondents n.
  public let count: Int
  /// The sum of weights.
  public let totalWeight: Double
  /// The weighted proportion p̂.
  public let estimate: Double
  /// The linearisation standard error of p̂.
  public let standardError: Double
  /// The degrees of freedom of the t quantile, n₊ − 1 (n₊ positive weights).
  public let degreesOfFreedom: Double
  /// The confidence interval.
  public let interval: ConfidenceInterval
  /// Kish's effective sample size (Σw)² / Σw².
  public let effectiveSampleSize: Double
  /// Kish's design effect due to unequal weighting, n₊Σw² / (Σw)².
  public let kishDesignEffect: Double
  /// The method name for reports.
  public let method: String
  /// A note for reports when the interval is degenerate, otherwise `nil`.
  public let note: String?

  /// Estimates a weighted proportion.
  ///
  /// - Parameters:
  ///   - indicators: Whether each respondent has the characteristic.
  ///   - weights: One non-negative finite weight per respondent, at least 2 of them positive.
  ///   - method: How to form the interval; `.logit` by default.
  ///   - confidenceLevel: The coverage of the interval; 0.95 by default.
  /// - Throws: `StatisticsError` as for ``WeightedMean``.
  /// - Complexity: O(*n*).
  public init(
    indicators: [Bool],
    weights: [Double],
    method: Method = .logit,
    confidenceLevel: Double = 0.95
  ) throws {
    try self.init(
      indicators: indicators,
      weights: weights,
      designCount: nil,
      method: method,
      confidenceLevel: confidenceLevel
    )
  }

  /// Estimates a weighted proportion in a domain of a larger design of `designCount`
  /// respondents, as `svyby(~I(y == 1), ~group, design, svyciprop)` does: the standard error uses
  /// the whole design's n in its n/(n − 1) factor, and the t quantile the domain's n₊ − 1
  /// degrees of freedom (`degf` of the subset design).
  init(
    indicators: [Bool],
    weights: [Double],
    designCount: Int?,
    names: (values: String, weights: String) = ("indicators", "weights"),
    method: Method,
    confidenceLevel: Double
  ) throws {
    let core = try WeightedCore(
      values: indicators.map { $0 ? 1 : 0 },
      weights: weights,
      designCount: designCount,
      names: names
    )
    try StatisticsError.checkConfidenceLevel(confidenceLevel)
    count = core.count
    totalWeight = core.totalWeight
    let p = core.mean
    estimate = p
    standardError = core.variance.squareRoot()
    degreesOfFreedom = Double(core.positiveCount - 1)
    effectiveSampleSize = core.effectiveSampleSize
    kishDesignEffect = Double(core.positiveCount) / core.effectiveSampleSize
    let critical = try Moments.criticalT(
      degreesOfFreedom: degreesOfFreedom,
      confidenceLevel: confidenceLevel
    )
    switch method {
    case .logit:
      self.method = "logit interval for a weighted proportion (t, n - 1 df)"
      if p <= 0 || p >= 1 {
        interval = ConfidenceInterval(lower: p, upper: p, level: confidenceLevel)
        note = "every weighted answer is the same, so the logit interval has zero width"
      } else {
        let logOdds = Platform.log(p / (1 - p))
        let halfWidth = critical * standardError / (p * (1 - p))
        interval = ConfidenceInterval(
          lower: Self.expit(logOdds - halfWidth),
          upper: Self.expit(logOdds + halfWidth),
          level: confidenceLevel
        )
        note = nil
      }
    case .mean:
      self.method = "Wald interval for a weighted proportion (t, n - 1 df)"
      interval = ConfidenceInterval(
        lower: p - critical * standardError,
        upper: p + critical * standardError,
        level: confidenceLevel
      )
      note = nil
    }
  }

  private static func expit(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + Platform.exp(-x)) : Platform.exp(x) / (1 + Platform.exp(x))
  }
}
