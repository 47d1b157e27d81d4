/// The Rao-Scott test of independence for an r × c table of weighted data (Rao and Scott 1981,
/// 1984): Pearson's X² on the weighted table, divided by the mean generalised design effect and
/// referred to an F distribution whose degrees of freedom carry the second-order correction, as
/// R's `survey::svychisq(~a + b, design)` does with its default `statistic = "F"`.
///
/// The design is one stage with each respondent drawn with replacement and weighted, without
/// strata or clusters (R: `svydesign(ids = ~1, weights = ~w, data)`); the test describes the
/// respondents in the table, as R does when the design is built from those rows only.
///
/// With *n* respondents, total weight *W* and cell proportions p̂ = (Σ w in the cell) / *W*:
/// - X² is Pearson's statistic on the table *n* · p̂;
/// - V, the covariance of p̂, is the linearisation estimate
///   n / (n − 1) · Σᵢ uᵢuᵢᵀ with uᵢ = wᵢ (eᵢ − p̂) / W, where eᵢ marks respondent *i*'s cell;
/// - C spans the interaction contrasts: the cell indicators of the interaction columns of the
///   saturated model, less their projection on the main-effects model;
/// - Δ = (Cᵀ D⁻¹ C / n)⁻¹ (Cᵀ D⁻¹ V D⁻¹ C), with D = diag(p̂) (zero cells left out of D⁻¹);
/// - F = X² / tr(Δ) on d = tr(Δ)² / tr(Δ²) and d · (n − 1) degrees of freedom; the first-order
///   correction refers X² / (tr(Δ) / ((r − 1)(c − 1))) to χ² on (r − 1)(c − 1).
///
/// With every weight 1, Δ = n / (n − 1) · I and F is X² / ((r − 1)(c − 1)) scaled by (n − 1) / n.
///
/// Only tr(Δ) and tr(Δ²) are needed, and neither needs a K × K matrix (K = r · c cells): with
/// H = V D⁻¹ on the filled cells, which is diagonal plus rank two, and Q the D⁻¹-orthogonal
/// projection onto the contrasts, tr(Δ) = n · tr(QH) and tr(Δ²) = n² · tr(QHQH). Q is I less the
/// projection onto D E, where E holds the main-effects vectors that vanish on the empty cells
/// (all of them when no cell is empty), so every product has E's m ≤ r + c − 1 columns.
public struct RaoScottTest: Sendable, Hashable {
  /// Pearson's X² on the weighted table scaled to the number of respondents.
  public let pearsonChiSquare: Double
  /// The Rao-Scott F statistic, X² / tr(Δ).
  public let statistic: Double
  /// The numerator degrees of freedom, tr(Δ)² / tr(Δ²) (not a whole number in general).
  public let numeratorDegreesOfFreedom: Double
  /// The denominator degrees of freedom: the numerator's times (n − 1).
  public let denominatorDegreesOfFreedom: Double
  /// The mean generalised design effect, tr(Δ) / ((r − 1)(c − 1)).
  public let meanDesignEffect: Double
  /// The p-value P(F > statistic).
  public let pValue: Double
  /// The first-order p-value: X² divided by the mean design effect, against χ² on
  /// (r − 1)(c − 1) degrees of freedom (R: `statistic = "Chisq"`).
  public let firstOrderPValue: Double
  /// The method name for reports.
  public let method = "Rao-Scott adjusted F test of independence (second order)"

  /// Tests independence of rows and columns in weighted data.
  ///
  /// - Parameters:
  ///   - weights: The sum of the respondents' weights in each cell, one array per row: at least
  ///     2 rows and 2 columns, none negative, no row or column summing to zero.
  ///   - squaredWeights: The sum of the squares of the respondents' weights in each cell, in the
  ///     same shape.
  ///   - respondents: The number of respondents in the table, at least 2.
  /// - Throws: `StatisticsError` of kind `.invalidTable` for a ragged or too small table, an empty
  ///   row or column, or a design whose contrasts are degenerate, and `.invalidWeight` for a
  ///   negative or non-finite weight.
  /// - Complexity: O(*r* · *c* · (*r* + *c*)² + (*r* + *c*)³).
  public init(weights: [[Double]], squaredWeights: [[Double]], respondents: Int) throws {
    let rows = weights.count
    let columns = weights.first?.count ?? 0
    guard rows >= 2, columns >= 2, respondents >= 2 else {
      throw StatisticsError(
        .invalidTable,
        argument: "weights",
        message:
          "expected at least 2 rows, 2 columns and 2 respondents, got '\(rows) x \(columns)' "
          + "and '\(respondents)'"
      )
    }
    guard squaredWeights.count == rows,
      (weights + squaredWeights).allSatisfy({ $0.count == columns })
    else {
      throw StatisticsError(
        .invalidTable,
        argument: "squaredWeights",
        message: "expected every row of both tables to have \(columns) cells"
      )
    }
    for table in [weights, squaredWeights] {
      for row in table where row.contains(where: { !$0.isFinite || $0 < 0 }) {
        throw StatisticsError(
          .invalidWeight,
          argument: "weights",
          message: "expected finite sums of 0 or more, got '\(row)'"
        )
      }
    }
    let rowTotals = weights.map { $0.reduce(0, +) }
    let columnTotals = (0..<columns).map { column in weights.reduce(0) { $0 + $1[column] } }
    guard !rowTotals.contains(0), !columnTotals.contains(0) else {
      throw StatisticsError(
        .invalidTable,
        argument: "weights",
        message: "expected no row or column with zero weight",
        hint: "drop empty categories before testing"
      )
    }
    let n = Double(respondents)
    let total = rowTotals.reduce(0, +)
    // Cells in column-major order (rows vary fastest), as R's expand.grid.
    let cellCount = rows * columns
    func cell(_ row: Int, _ column: Int) -> Int { row + rows * column }
    var proportion = [Double](repeating: 0, count: cellCount)
    var squares = [Double](repeating: 0, count: cellCount)
    for row in 0..<rows {
      for column in 0..<columns {
        proportion[cell(row, column)] = weights[row][column] / total
        squares[cell(row, column)] = squaredWeights[row][column]
      }
    }

    // Pearson's X² on n · p̂.
    var chiSquare = 0.0
    for row in 0..<rows {
      for column in 0..<columns {
        let expected = n * (rowTotals[row] / total) * (columnTotals[column] / total)
        let observed = n * proportion[cell(row, column)]
        chiSquare += (observed - expected) * (observed - expected) / expected
      }
    }

    // The traces of Δ without forming any K × K matrix (see the type's documentation), on the
    // filled cells, in O(K · m² + m³) time for m = r + c − 1 main effects.
    let degenerate = StatisticsError(
      .invalidTable,
      argument: "weights",
      message: "the design effects cannot be worked out: the contrasts are degenerate",
      hint: "a table with many empty cells has too little information for this test"
    )
    let filled = (0..<cellCount).filter { proportion[$0] > 0 }
    let empty = (0..<cellCount).filter { proportion[$0] == 0 }
    let mainCount = rows + columns - 1
    func setMainEffects(of index: Int, in matrix: inout Matrix, row: Int) {
      matrix[row, 0] = 1
      if index % rows > 0 { matrix[row, index % rows] = 1 }
      if index / rows > 0 { matrix[row, rows - 1 + index / rows] = 1 }
    }
    // E: the main-effects vectors that vanish on the empty cells, on the filled cells.
    var basis = Matrix.identity(mainCount)
    if !empty.isEmpty {
      var onEmpty = Matrix(rows: empty.count, columns: mainCount)
      for (row, index) in empty.enumerated() { setMainEffects(of: index, in: &onEmpty, row: row) }
      basis = onEmpty.nullSpace()
    }
    guard filled.count - basis.columns == (rows - 1) * (columns - 1) else { throw degenerate }
    var onFilled = Matrix(rows: filled.count, columns: mainCount)
    for (row, index) in filled.enumerated() { setMainEffects(of: index, in: &onFilled, row: row) }
    let effects = onFilled.times(basis)
    let p = filled.map { proportion[$0] }
    let s = filled.map { squares[$0] }
    let h = zip(s, p).map { $0 / $1 }
    let squareTotal = s.reduce(0, +)
    let scale = n / (n - 1) / (total * total)
    let a = zip(s, p).map { squareTotal * $1 - $0 }
    // H = V D⁻¹ = scale · (diag(h) + a 1ᵀ − p hᵀ), applied to the columns of `matrix`.
    func timesH(_ matrix: Matrix) -> Matrix {
      var result = Matrix(rows: matrix.rows, columns: matrix.columns)
      for column in 0..<matrix.columns {
        var sum = 0.0
        var weightedSum = 0.0
        for row in 0..<matrix.rows {
          sum += matrix[row, column]
          weightedSum += h[row] * matrix[row, column]
        }
        for row in 0..<matrix.rows {
          result[row, column] =
            scale * (h[row] * matrix[row, column] + a[row] * sum - p[row] * weightedSum)
        }
      }
      return result
    }
    var scaledEffects = effects
    for row in 0..<effects.rows {
      for column in 0..<effects.columns { scaledEffects[row, column] *= p[row] }
    }
    let transposedEffects = effects.transposed()
    let normal = transposedEffects.times(scaledEffects)
    let once = timesH(scaledEffects)
    guard let first = normal.solving(transposedEffects.times(once)),
      let second = normal.solving(transposedEffects.times(timesH(once)))
    else { throw degenerate }
    let traceOfH = scale * (h.reduce(0, +) - squareTotal)
    var sumOfSquares = 0.0
    var weightedSumOfSquares = 0.0
    for index in h.indices {
      sumOfSquares += h[index] * h[index]
      weightedSumOfSquares += p[index] * h[index] * h[index]
    }
    let traceOfHSquared =
      scale * scale * (sumOfSquares - 2 * weightedSumOfSquares + squareTotal * squareTotal)
    let trace = n * (traceOfH - first.trace)
    let traceOfSquare = n * n * (traceOfHSquared - 2 * second.trace + first.times(first).trace)
    guard trace > 0, traceOfSquare > 0, trace.isFinite, traceOfSquare.isFinite else {
      throw StatisticsError(
        .invalidTable,
        argument: "weights",
        message: "the design effects are not positive"
      )
    }
    let numeratorDegrees = trace * trace / traceOfSquare
    let denominatorDegrees = numeratorDegrees * (n - 1)
    pearsonChiSquare = chiSquare
    statistic = chiSquare / trace
    numeratorDegreesOfFreedom = numeratorDegrees
    denominatorDegreesOfFreedom = denominatorDegrees
    meanDesignEffect = trace / Double((rows - 1) * (columns - 1))
    guard
      let distribution = FDistribution(
        numeratorDegreesOfFreedom: numeratorDegrees,
        denominatorDegreesOfFreedom: denominatorDegrees
      )
    else {
      throw StatisticsError(
        .invalidTable,
        argument: "weights",
        message: "the degrees of freedom are not positive"
      )
    }
    pValue = distribution.survival(statistic)
    let degrees = Double((rows - 1) * (columns - 1))
    firstOrderPValue =
      ChiSquaredDistribution(degreesOfFreedom: degrees)?.survival(chiSquare / meanDesignEffect)
      ?? .nan
  }
}

/// A small dense matrix of doubles, row-major, for the few products and solves of a test.
struct Matrix: Sendable, Hashable {
  let rows: Int
  let columns: Int
  private var values: [Double]

  init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
    values = [Double](repeating: 0, count: rows * columns)
  }

  subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  static func identity(_ size: Int) -> Matrix {
    var result = Matrix(rows: size, columns: size)
    for index in 0..<size { result[index, index] = 1 }
    return result
  }

  /// A basis of the vectors x with `self · x = 0`, as the columns of the result, from the
  /// reduced row echelon form (a pivot below 1e-12 counts as zero).
  ///
  /// - Complexity: O(*r* · *c*²).
  func nullSpace() -> Matrix {
    var reduced = self
    var pivotColumns: [Int] = []
    var pivotRow = 0
    for column in 0..<columns where pivotRow < rows {
      var best = pivotRow
      for row in pivotRow..<rows where abs(reduced[row, column]) > abs(reduced[best, column]) {
        best = row
      }
      guard abs(reduced[best, column]) > 1e-12 else { continue }
      for index in 0..<columns {
        let swap = reduced[best, index]
        reduced[best, index] = reduced[pivotRow, index]
        reduced[pivotRow, index] = swap
      }
      let pivot = reduced[pivotRow, column]
      for index in 0..<columns { reduced[pivotRow, index] /= pivot }
      for row in 0..<rows where row != pivotRow && reduced[row, column] != 0 {
        let factor = reduced[row, column]
        for index in 0..<columns { reduced[row, index] -= factor * reduced[pivotRow, index] }
      }
      pivotColumns.append(column)
      pivotRow += 1
    }
    let free = (0..<columns).filter { !pivotColumns.contains($0) }
    var basis = Matrix(rows: columns, columns: free.count)
    for (index, freeColumn) in free.enumerated() {
      basis[freeColumn, index] = 1
      for (row, pivotColumn) in pivotColumns.enumerated() {
        basis[pivotColumn, index] = -reduced[row, freeColumn]
      }
    }
    return basis
  }

  func transposed() -> Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for row in 0..<rows {
      for column in 0..<columns { result[column, row] = self[row, column] }
    }
    return result
  }

  /// The product `self · other`.
  ///
  /// - Complexity: O(*n*³).
  func times(_ other: Matrix) -> Matrix {
    precondition(columns == other.rows, "matrix shapes do not match")
    var result = Matrix(rows: rows, columns: other.columns)
    for row in 0..<rows {
      for middle in 0..<columns {
        let left = self[row, middle]
        if left == 0 { continue }
        for column in 0..<other.columns { result[row, column] += left * other[middle, column] }
      }
    }
    return result
  }

  var trace: Double { (0..<min(rows, columns)).reduce(0) { $0 + self[$1, $1] } }

  /// The X with `self · X = right`, or `nil` when `self` is singular.
  ///
  /// Gaussian elimination with partial pivoting; a pivot below 1e-12 of the largest entry counts
  /// as zero.
  ///
  /// - Complexity: O(*n*³).
  func solving(_ right: Matrix) -> Matrix? {
    precondition(rows == columns && right.rows == rows, "matrix shapes do not match")
    var left = self
    var result = right
    let largest = values.map(abs).max() ?? 0
    guard largest > 0 else { return nil }
    for pivotColumn in 0..<rows {
      var pivotRow = pivotColumn
      for row in pivotColumn..<rows
      where abs(left[row, pivotColumn]) > abs(left[pivotRow, pivotColumn]) {
        pivotRow = row
      }
      let pivot = left[pivotRow, pivotColumn]
      guard abs(pivot) > 1e-12 * largest else { return nil }
      if pivotRow != pivotColumn {
        for column in 0..<columns {
          let swap = left[pivotRow, column]
          left[pivotRow, column] = left[pivotColumn, column]
          left[pivotColumn, column] = swap
        }
        for column in 0..<result.columns {
          let swap = result[pivotRow, column]
          result[pivotRow, column] = result[pivotColumn, column]
          result[pivotColumn, column] = swap
        }
      }
      for row in 0..<rows where row != pivotColumn {
        let factor = left[row, pivotColumn] / pivot
        if factor == 0 { continue }
        for column in pivotColumn..<columns {
          left[row, column] -= factor * left[pivotColumn, column]
        }
        for column in 0..<result.columns {
          result[row, column] -= factor * result[pivotColumn, column]
        }
      }
    }
    for row in 0..<rows {
      let pivot = left[row, row]
      for column in 0..<result.columns { result[row, column] /= pivot }
    }
    return result
  }
}
