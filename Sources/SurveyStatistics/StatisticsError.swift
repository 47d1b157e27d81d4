/// An error thrown when the input to an estimator or test cannot give a meaningful result.
///
/// Statistics work on values already in memory, so the position of an error is the argument at
/// fault (for example `trials` or `weights[12]`) rather than a file location. The description
/// reads well on its own and can be printed as a note in a report:
///
/// ```
/// argument 'trials': expected at least 1 trial, got '0'
/// ```
public struct StatisticsError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The category of problem, for callers that handle some errors and rethrow others.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A sample or table has too few observations for the statistic (for example n < 2 for an SD).
    case insufficientData
    /// A count is negative or larger than the number of trials.
    case invalidCount
    /// A probability or confidence level lies outside its allowed range.
    case invalidProbability
    /// A value is NaN or infinite.
    case nonFiniteValue
    /// A weight is negative, or all weights are zero.
    case invalidWeight
    /// Two inputs that must be the same length (pairs, values and weights) are not.
    case mismatchedLengths
    /// A table is not rectangular, or has a row or column of zeros.
    case invalidTable
    /// The data leave the statistic undefined (for example zero variance in both groups).
    case degenerateData
    /// A raking margin is malformed: a population total that is negative or not finite, a
    /// respondent's category outside the margin, or margins of different lengths.
    case invalidMargin
    /// A raking margin cannot be met in one category: the population has people there but no
    /// respondent is in it, or respondents are in it but the population total is 0.
    case emptyCategory
    /// Raking margins whose population totals disagree, so no weights can meet them all.
    case inconsistentMargins
    /// An iterative method stopped at its iteration limit before meeting its tolerance.
    case notConverged
  }

  /// The category of problem.
  public var kind: Kind
  /// The argument at fault, with an index where one applies (for example `weights[3]`).
  public var argument: String
  /// What went wrong: starts lowercase, quotes the offending input in '…' and says what was
  /// expected.
  public var message: String
  /// A suggestion for fixing the input, when there is one.
  public var hint: String?

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - kind: The category of problem.
  ///   - argument: The argument at fault.
  ///   - message: What went wrong, starting lowercase.
  ///   - hint: A suggestion for fixing the input, if any.
  public init(_ kind: Kind, argument: String, message: String, hint: String? = nil) {
    self.kind = kind
    self.argument = argument
    self.message = message
    self.hint = hint
  }

  /// The error as `argument 'name': message`, followed by `hint: …` on a second line when there
  /// is a hint.
  public var description: String {
    var text = "argument '\(argument)': \(message)"
    if let hint { text += "\nhint: \(hint)" }
    return text
  }
}

// MARK: - Validation shared by the estimators

extension StatisticsError {
  static func checkConfidenceLevel(_ level: Double) throws {
    guard level.isFinite, level > 0, level < 1 else {
      throw StatisticsError(
        .invalidProbability,
        argument: "confidenceLevel",
        message: "expected a confidence level strictly between 0 and 1, got '\(level)'",
        hint: "write 95% as 0.95"
      )
    }
  }

  static func checkFinite(_ values: [Double], argument: String) throws {
    for (index, value) in values.enumerated() where !value.isFinite {
      throw StatisticsError(
        .nonFiniteValue,
        argument: "\(argument)[\(index)]",
        message: "expected a finite number, got '\(value)'",
        hint: "drop missing answers before computing statistics"
      )
    }
  }

  static func checkCount(_ values: [Double], atLeast minimum: Int, argument: String) throws {
    guard values.count >= minimum else {
      throw StatisticsError(
        .insufficientData,
        argument: argument,
        message: "expected at least \(minimum) observations, got '\(values.count)'"
      )
    }
  }

  static func checkSameLength(_ first: Int, _ second: Int, arguments: String) throws {
    guard first == second else {
      throw StatisticsError(
        .mismatchedLengths,
        argument: arguments,
        message: "expected the same number of values in each, got '\(first)' and '\(second)'",
        hint: "paired data need one value per respondent at each time point"
      )
    }
  }
}
