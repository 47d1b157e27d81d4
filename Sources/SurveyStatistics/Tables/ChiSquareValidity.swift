/// Cochran's (1954) rule for the chi-square approximation: no expected count below 1 and at most
/// 20% of expected counts below 5.
public struct ChiSquareValidity: Sendable, Hashable {
  /// Whether the rule is met.
  public let isValid: Bool
  /// The number of cells.
  public let cellCount: Int
  /// The number of cells with an expected count below 5.
  public let cellsBelowFive: Int
  /// The smallest expected count.
  public let smallestExpected: Double
  /// A sentence for a report note when the rule fails, `nil` when it holds.
  public let reason: String?

  /// Checks Cochran's rule on a table of expected counts.
  ///
  /// - Parameter expected: The expected counts, one array per row.
  /// - Complexity: O(*r* · *c*).
  public init(expected: [[Double]]) {
    let cells = expected.flatMap { $0 }
    cellCount = cells.count
    cellsBelowFive = cells.filter { $0 < 5 }.count
    smallestExpected = cells.min() ?? 0
    let tooManySmall = cellsBelowFive * 5 > cellCount  // more than 20%
    if smallestExpected < 1 {
      reason =
        "an expected count is below 1 (smallest \(Self.format(smallestExpected))); "
        + "the chi-square approximation may be poor"
    } else if tooManySmall {
      reason =
        "\(cellsBelowFive) of \(cellCount) expected counts are below 5 (more than 20%); "
        + "the chi-square approximation may be poor"
    } else {
      reason = nil
    }
    isValid = reason == nil
  }

  private static func format(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    let whole = Int(hundredths) / 100
    let fraction = Int(hundredths) % 100
    return "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
  }
}
