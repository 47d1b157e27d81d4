/// Holm's (1979) step-down adjustment of p-values for multiple comparisons, controlling the
/// family-wise error rate.
///
/// With the m p-values sorted ascending as p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted values are
/// p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m − j + 1)·p₍ⱼ₎), returned in the original order. Matches statsmodels
/// `multipletests(p, method="holm")`.
public struct HolmAdjustment: Sendable, Hashable {
  /// The p-values as given.
  public let pValues: [Double]
  /// The adjusted p-values, in the same order as ``pValues``.
  public let adjustedPValues: [Double]
  /// The method name for reports.
  public let method: String

  /// Adjusts a family of p-values.
  ///
  /// - Parameter pValues: The p-values, each in [0, 1]; may be empty.
  /// - Throws: `StatisticsError` of kind `.invalidProbability` for a value outside [0, 1] or NaN.
  /// - Complexity: O(*m* log *m*).
  public init(pValues: [Double]) throws {
    for (index, value) in pValues.enumerated() where !(value >= 0 && value <= 1) {
      throw StatisticsError(
        .invalidProbability,
        argument: "pValues[\(index)]",
        message: "expected a p-value between 0 and 1, got '\(value)'"
      )
    }
    let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
    var adjusted = [Double](repeating: 0, count: pValues.count)
    var running = 0.0
    for (rank, index) in order.enumerated() {
      running = max(running, Double(pValues.count - rank) * pValues[index])
      adjusted[index] = min(1, running)
    }
    self.pValues = pValues
    adjustedPValues = adjusted
    method = "Holm step-down adjustment"
  }

  /// Whether each hypothesis is rejected at family-wise level `alpha` (adjusted p ≤ alpha).
  ///
  /// - Parameter alpha: The family-wise error rate, for example 0.05.
  /// - Returns: One flag per p-value, in the original order.
  /// - Complexity: O(*m*).
  public func rejections(atLevel alpha: Double) -> [Bool] {
    adjustedPValues.map { $0 <= alpha }
  }
}
