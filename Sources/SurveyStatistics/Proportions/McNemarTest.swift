/// McNemar's test for paired binary data, such as the same respondents classed as lonely or not at
/// baseline and at follow-up (McNemar 1947).
///
/// Only the discordant pairs matter: b, the pairs positive at the first time only, and c, the pairs
/// positive at the second time only.
/// - The exact test treats min(b, c) as Binomial(b + c, 1/2) and reports the two-sided p-value
///   min(1, 2·P(X ≤ min(b, c))), as statsmodels `mcnemar(table, exact=True)`.
/// - The chi-square test uses (|b − c| − 1)² / (b + c) on 1 degree of freedom, with Edwards' (1948)
///   continuity correction, as statsmodels `mcnemar(table, exact=False, correction=True)`.
///
/// By default the exact test is used when b + c is below 25 and the chi-square test otherwise;
/// ``note`` says which was chosen and why.
public struct McNemarTest: Sendable, Hashable {
  /// Which form of the test to run.
  public enum Method: Sendable, Hashable {
    /// Exact when b + c is below `exactBelow`, chi-square with continuity correction otherwise.
    case automatic(exactBelow: Int = 25)
    /// Always the exact binomial test.
    case exact
    /// Always the chi-square test with continuity correction.
    case chiSquareWithContinuityCorrection
  }

  /// b: pairs positive at the first time only.
  public let firstOnly: Int
  /// c: pairs positive at the second time only.
  public let secondOnly: Int
  /// The test statistic: min(b, c) for the exact test, the corrected chi-square otherwise.
  public let statistic: Double
  /// The degrees of freedom: 1 for the chi-square test, `nil` for the exact test.
  public let degreesOfFreedom: Int?
  /// The two-sided p-value.
  public let pValue: Double
  /// Whether the exact binomial test was used.
  public let isExact: Bool
  /// The method name for reports.
  public let method: String
  /// Why this form of the test was used, for a footnote.
  public let note: String

  /// Runs McNemar's test on the discordant pair counts.
  ///
  /// - Parameters:
  ///   - firstOnly: b ≥ 0, pairs positive at the first time only.
  ///   - secondOnly: c ≥ 0, pairs positive at the second time only.
  ///   - method: The form of the test; `.automatic()` (exact below 25 discordant pairs) by default.
  /// - Throws: `StatisticsError` of kind `.invalidCount` for a negative count, and
  ///   `.degenerateData` for the chi-square form with no discordant pairs.
  /// - Complexity: O(√(b + c)) for the exact test.
  public init(firstOnly: Int, secondOnly: Int, method: Method = .automatic()) throws {
    for (name, value) in [("firstOnly", firstOnly), ("secondOnly", secondOnly)] where value < 0 {
      throw StatisticsError(
        .invalidCount,
        argument: name,
        message: "expected a count of 0 or more, got '\(value)'"
      )
    }
    self.firstOnly = firstOnly
    self.secondOnly = secondOnly
    let discordant = firstOnly + secondOnly
    let useExact: Bool
    switch method {
    case .automatic(let threshold):
      useExact = discordant < threshold
      note =
        useExact
        ? "exact binomial test used because there are \(discordant) discordant pairs "
          + "(fewer than \(threshold))"
        : "chi-square test with continuity correction used because there are \(discordant) "
          + "discordant pairs (\(threshold) or more)"
    case .exact:
      useExact = true
      note = "exact binomial test requested"
    case .chiSquareWithContinuityCorrection:
      useExact = false
      note = "chi-square test with continuity correction requested"
    }
    isExact = useExact
    if useExact {
      let smaller = min(firstOnly, secondOnly)
      statistic = Double(smaller)
      degreesOfFreedom = nil
      let binomial = BinomialDistribution(trials: discordant, probability: 0.5)
      pValue = min(1, 2 * (binomial?.cdf(smaller) ?? 1))
      self.method = "McNemar's exact test (binomial, two-sided)"
    } else {
      guard discordant > 0 else {
        throw StatisticsError(
          .degenerateData,
          argument: "firstOnly, secondOnly",
          message: "expected at least one discordant pair, got '0'",
          hint: "with no change in either direction use the exact test, which gives p = 1"
        )
      }
      let excess = Double(abs(firstOnly - secondOnly)) - 1
      statistic = excess * excess / Double(discordant)
      degreesOfFreedom = 1
      pValue = ChiSquaredDistribution(degreesOfFreedom: 1)?.survival(statistic) ?? 1
      self.method = "McNemar's chi-square test with continuity correction"
    }
  }

  /// Runs McNemar's test on paired binary outcomes.
  ///
  /// - Parameters:
  ///   - first: Each respondent's outcome at the first time.
  ///   - second: The same respondents' outcomes at the second time, in the same order.
  ///   - method: The form of the test; `.automatic()` by default.
  /// - Throws: `StatisticsError` of kind `.mismatchedLengths` if the arrays differ in length, and
  ///   as for ``init(firstOnly:secondOnly:method:)``.
  /// - Complexity: O(*n*) in the number of pairs.
  public init(first: [Bool], second: [Bool], method: Method = .automatic()) throws {
    try StatisticsError.checkSameLength(first.count, second.count, arguments: "first, second")
    var firstOnly = 0
    var secondOnly = 0
    for (before, after) in zip(first, second) {
      if before && !after { firstOnly += 1 }
      if after && !before { secondOnly += 1 }
    }
    try self.init(firstOnly: firstOnly, secondOnly: secondOnly, method: method)
  }
}
