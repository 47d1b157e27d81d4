/// How much unequal weights cost in precision: Kish's effective sample size, the weighting
/// efficiency and the design effect due to weighting.
///
/// With n₊ positive weights wᵢ (Kish 1965, section 11.7; Kish 1992, "Weighting for unequal Pᵢ",
/// Journal of Official Statistics 8:183–200):
/// - effective sample size n_eff = (Σwᵢ)² / Σwᵢ²;
/// - weighting efficiency n_eff / n₊, between 0 and 1 (1 when every weight is the same);
/// - design effect due to weighting n₊ / n_eff = 1 + CV², where CV is the coefficient of
///   variation of the weights with divisor n₊.
///
/// These depend on the weights only, not on any answer, so they describe a set of weights as a
/// whole (for example raking weights). They match `sum(w)^2 / sum(w^2)` and its ratios in R, and
/// the `kishDesignEffect` of ``WeightedMean``.
///
/// ```swift
/// let efficiency = try WeightingEfficiency(weights: [0.5, 1, 1, 2.5])
/// efficiency.designEffect  // 4 × 8.5 / 5² = 1.36
/// ```
public struct WeightingEfficiency: Sendable, Hashable {
  /// The number of positive weights n₊ (zero weights are left out).
  public let count: Int
  /// Kish's effective sample size (Σw)² / Σw².
  public let effectiveSampleSize: Double
  /// The weighting efficiency n_eff / n₊.
  public let efficiency: Double
  /// The design effect due to weighting, n₊ / n_eff.
  public let designEffect: Double

  /// Summarises a set of weights.
  ///
  /// - Parameter weights: Non-negative finite weights, at least one of them positive.
  /// - Throws: `StatisticsError` of kind `.nonFiniteValue` for NaN or infinite weights and
  ///   `.invalidWeight` for a negative weight or when no weight is positive.
  /// - Complexity: O(*n*).
  public init(weights: [Double]) throws {
    try StatisticsError.checkFinite(weights, argument: "weights")
    var sum = 0.0
    var sumOfSquares = 0.0
    var positive = 0
    for (index, weight) in weights.enumerated() {
      guard weight >= 0 else {
        throw StatisticsError(
          .invalidWeight,
          argument: "weights[\(index)]",
          message: "expected a weight of 0 or more, got '\(weight)'"
        )
      }
      if weight > 0 { positive += 1 }
      sum += weight
      sumOfSquares += weight * weight
    }
    guard positive > 0 else {
      throw StatisticsError(
        .invalidWeight,
        argument: "weights",
        message: "expected at least one positive weight, got '\(weights.count)' weights of 0"
      )
    }
    count = positive
    effectiveSampleSize = sum * sum / sumOfSquares
    efficiency = effectiveSampleSize / Double(positive)
    designEffect = Double(positive) / effectiveSampleSize
  }
}
