public import SurveyStatistics

extension ConfidenceBounds {
  /// The bounds of `interval`.
  public init(_ interval: ConfidenceInterval) {
    self.init(lower: interval.lower, upper: interval.upper)
  }

  /// The bounds of `interval`, or `nil`.
  public init?(_ interval: ConfidenceInterval?) {
    guard let interval else { return nil }
    self.init(lower: interval.lower, upper: interval.upper)
  }
}
