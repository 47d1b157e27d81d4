/// Pearson's chi-square test of independence for an r × c table of counts (Pearson 1900), with
/// the expected counts and a validity check for reports.
///
/// Expected counts are Eᵢⱼ = rowᵢ · columnⱼ / N and the statistic is X² = Σ (Oᵢⱼ − Eᵢⱼ)² / Eᵢⱼ on
/// (r − 1)(c − 1) degrees of freedom. No continuity correction is applied by default. With
/// `yatesCorrection: true` a 2 × 2 table (the only shape with 1 degree of freedom) uses Yates'
/// (1934) correction, each |O − E| reduced by min(0.5, |O − E|), as scipy `chi2_contingency` does
/// by default; the flag has no effect on larger tables. So the default here matches
/// `chi2_contingency(table, correction=False)`.
public struct ContingencyTableTest: Sendable, Hashable {
  /// The observed counts, one array per row.
  public let observed: [[Int]]
  /// The expected counts under independence, one array per row.
  public let expected: [[Double]]
  /// The chi-square statistic.
  public let chiSquare: Double
  /// The degrees of freedom (r − 1)(c − 1).
  public let degreesOfFreedom: Int
  /// The p-value P(χ² > X²).
  public let pValue: Double
  /// Whether Yates' correction was applied.
  public let isYatesCorrected: Bool
  /// Whether the chi-square approximation is adequate by Cochran's rule.
  public let validity: ChiSquareValidity
  /// The method name for reports.
  public let method: String

  /// Tests independence of rows and columns.
  ///
  /// - Parameters:
  ///   - observed: The counts, at least 2 rows and 2 columns, all rows the same length, no
  ///     negative count, and no row or column that sums to zero.
  ///   - yatesCorrection: Whether to apply Yates' correction to a 2 × 2 table; `false` by default.
  /// - Throws: `StatisticsError` of kind `.invalidTable` for a ragged or too small table or an
  ///   empty row or column, and `.invalidCount` for a negative count.
  /// - Complexity: O(*r* · *c*).
  public init(observed: [[Int]], yatesCorrection: Bool = false) throws {
    let rowCount = observed.count
    let columnCount = observed.first?.count ?? 0
    guard rowCount >= 2, columnCount >= 2 else {
      throw StatisticsError(
        .invalidTable,
        argument: "observed",
        message: "expected at least 2 rows and 2 columns, got '\(rowCount) x \(columnCount)'"
      )
    }
    for (rowIndex, row) in observed.enumerated() {
      guard row.count == columnCount else {
        throw StatisticsError(
          .invalidTable,
          argument: "observed[\(rowIndex)]",
          message: "expected \(columnCount) columns like the first row, got '\(row.count)'"
        )
      }
      for (columnIndex, value) in row.enumerated() where value < 0 {
        throw StatisticsError(
          .invalidCount,
          argument: "observed[\(rowIndex)][\(columnIndex)]",
          message: "expected a count of 0 or more, got '\(value)'"
        )
      }
    }
    let rowTotals = observed.map { Double($0.reduce(0, +)) }
    let columnTotals = (0..<columnCount).map { column in
      Double(observed.reduce(0) { $0 + $1[column] })
    }
    if let empty = rowTotals.firstIndex(of: 0) {
      throw StatisticsError(
        .invalidTable,
        argument: "observed[\(empty)]",
        message: "expected a row with at least one count, got '0' in total",
        hint: "drop empty categories before testing"
      )
    }
    if let empty = columnTotals.firstIndex(of: 0) {
      throw StatisticsError(
        .invalidTable,
        argument: "observed[*][\(empty)]",
        message: "expected a column with at least one count, got '0' in total",
        hint: "drop empty categories before testing"
      )
    }
    let grandTotal = rowTotals.reduce(0, +)
    let expected = rowTotals.map { rowTotal in columnTotals.map { rowTotal * $0 / grandTotal } }
    let degrees = (rowCount - 1) * (columnCount - 1)
    let corrected = yatesCorrection && degrees == 1
    var statistic = 0.0
    for row in 0..<rowCount {
      for column in 0..<columnCount {
        let expectedCount = expected[row][column]
        var deviation = abs(Double(observed[row][column]) - expectedCount)
        if corrected { deviation -= min(0.5, deviation) }
        statistic += deviation * deviation / expectedCount
      }
    }
    self.observed = observed
    self.expected = expected
    chiSquare = statistic
    degreesOfFreedom = degrees
    pValue = ChiSquaredDistribution(degreesOfFreedom: Double(degrees))?.survival(statistic) ?? 1
    isYatesCorrected = corrected
    validity = ChiSquareValidity(expected: expected)
    method =
      corrected
      ? "Pearson's chi-square test with Yates' continuity correction"
      : "Pearson's chi-square test"
  }
}
