/// Bounds on raking weights, relative to the mean weight, and how trimming alternates with raking.
///
/// Trimming follows R's survey package, `trimWeights(design, lower, upper, strict = TRUE)`
/// (Lumley 2010, section 7.5; survey 4.1): in each pass, every weight below `lower` is raised to
/// `lower` and every weight above `upper` is lowered to `upper`, and the total weight so removed
/// (or added) is shared equally, by addition, among the weights that were inside the bounds, so
/// the sum of the weights does not change. Sharing can push a weight past a bound again, so passes
/// repeat until no weight lies outside (`strict = TRUE`); each pass shrinks the excess, and the
/// passes end when the excess is below rounding. See ``trim(_:lower:upper:)``.
///
/// Here the bounds are given relative to the mean weight m̄ = Σw / n of the first raked weights
/// (the population total divided by the number of respondents): trimming with
/// `lowerRelativeToMean: 0.3, upperRelativeToMean: 3` keeps every weight in [0.3 m̄, 3 m̄], as
/// `trimWeights(d, lower = 0.3 * m, upper = 3 * m, strict = TRUE)`.
///
/// Trimming moves the weighted totals off the margins. With `maximumRerakings` 0 (the default)
/// the weights are raked once and then trimmed once, as `trimWeights(rake(...), ...)`, and the
/// margins are then met only approximately (``Raking/largestDiscrepancy`` says how closely).
/// With `maximumRerakings` k > 0, trimming and raking alternate:
/// 1. rake;
/// 2. if every weight lies within the bounds, stop: the margins are met;
/// 3. trim; if every category's weighted total is now within the raking tolerance of its
///    population total (``RakingOptions/epsilon``, in the same units), or the weights have been
///    raked again k times, stop;
/// 4. rake again and go back to step 2.
///
/// The bounds therefore always hold. Raking after trimming usually pushes a few weights just
/// past a bound again, so alternation tends to end at step 3, with the margins met to the
/// tolerance; ``TrimmingOutcome/endedWithTrim`` says which step ended it.
public struct WeightTrimming: Sendable, Hashable {
  /// The lower bound as a multiple of the mean weight, in [0, 1); 0 means no lower bound.
  public var lowerRelativeToMean: Double
  /// The upper bound as a multiple of the mean weight, above 1; infinity means no upper bound.
  public var upperRelativeToMean: Double
  /// How many times to rake again after trimming; 0 trims once after raking.
  public var maximumRerakings: Int

  /// Creates trimming bounds.
  ///
  /// - Parameters:
  ///   - lowerRelativeToMean: The lower bound as a multiple of the mean weight; 0 by default.
  ///   - upperRelativeToMean: The upper bound as a multiple of the mean weight; none by default.
  ///   - maximumRerakings: How many times to rake again after trimming; 0 by default.
  public init(
    lowerRelativeToMean: Double = 0,
    upperRelativeToMean: Double = .infinity,
    maximumRerakings: Int = 0
  ) {
    self.lowerRelativeToMean = lowerRelativeToMean
    self.upperRelativeToMean = upperRelativeToMean
    self.maximumRerakings = maximumRerakings
  }

  /// The most passes ``trim(_:lower:upper:)`` makes before giving up.
  public static let maximumPasses = 10_000

  /// Trims weights to absolute bounds as R's `trimWeights(design, lower, upper, strict = TRUE)`.
  ///
  /// Each pass clamps the weights outside [lower, upper] to the nearer bound and adds the total
  /// removed, divided by the number of weights that were inside, to each of those. Passes repeat
  /// until every weight lies within the bounds; the sum of the weights is kept.
  ///
  /// - Parameters:
  ///   - weights: Positive finite weights.
  ///   - lower: The lowest weight allowed, below the mean weight (0 for none).
  ///   - upper: The highest weight allowed, above the mean weight (infinity for none).
  /// - Returns: The trimmed weights, in the same order.
  /// - Throws: `StatisticsError` of kind `.invalidWeight` for bad weights or bounds that do not
  ///   enclose the mean weight, and `.notConverged` if the passes do not settle within
  ///   ``maximumPasses``.
  /// - Complexity: O(*n*) per pass; the passes are few unless the bounds are close to the mean.
  public static func trim(_ weights: [Double], lower: Double, upper: Double) throws -> [Double] {
    try StatisticsError.checkFinite(weights, argument: "weights")
    for (index, weight) in weights.enumerated() where weight <= 0 {
      throw StatisticsError(
        .invalidWeight,
        argument: "weights[\(index)]",
        message: "expected a positive weight, got '\(weight)'"
      )
    }
    let mean = weights.reduce(0, +) / Double(max(weights.count, 1))
    guard lower.isFinite, lower >= 0, lower < mean, !upper.isNaN, upper > mean else {
      throw StatisticsError(
        .invalidWeight,
        argument: "lower, upper",
        message:
          "expected bounds on either side of the mean weight \(mean), got '\(lower)' and "
          + "'\(upper)'",
        hint: "a lower bound below 1 and an upper bound above 1 times the mean always work"
      )
    }
    var current = weights
    for _ in 0..<maximumPasses {
      var excess = 0.0
      var insideCount = 0
      var anyOutside = false
      for weight in current {
        if weight < lower {
          excess += weight - lower
          anyOutside = true
        } else if weight > upper {
          excess += weight - upper
          anyOutside = true
        } else {
          insideCount += 1
        }
      }
      guard anyOutside else { return current }
      let share = excess / Double(insideCount)
      for index in current.indices {
        let weight = current[index]
        if weight < lower {
          current[index] = lower
        } else if weight > upper {
          current[index] = upper
        } else {
          current[index] = weight + share
        }
      }
    }
    throw StatisticsError(
      .notConverged,
      argument: "lower, upper",
      message:
        "trimming to [\(lower), \(upper)] did not settle in \(maximumPasses) passes",
      hint: "bounds close to the mean weight leave little room; widen them"
    )
  }
}
