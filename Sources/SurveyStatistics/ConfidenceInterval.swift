/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable {
  /// The lower limit.
  public var lower: Double
  /// The upper limit.
  public var upper: Double
  /// The nominal coverage, for example 0.95.
  public var level: Double

  /// Creates an interval.
  ///
  /// - Parameters:
  ///   - lower: The lower limit.
  ///   - upper: The upper limit.
  ///   - level: The nominal coverage, for example 0.95.
  public init(lower: Double, upper: Double, level: Double) {
    self.lower = lower
    self.upper = upper
    self.level = level
  }

  /// Whether `value` lies inside the interval, limits included.
  ///
  /// - Parameter value: The value to test.
  /// - Returns: `true` if `lower <= value <= upper`.
  public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
