/// One row of the simplex dictionary: `basic = sum(coefficient * nonbasic column)`, sorted by
/// column, without zeros.
struct SparseRow: Sendable {
  var columns: [Int32] = []
  var coefficients: [Rational] = []

  /// The coefficient of `column`, or `nil` when it is zero.
  ///
  /// - Complexity: O(log *n*).
  func coefficient(of column: Int) -> Rational? {
    let target = Int32(column)
    var low = 0
    var high = columns.count
    while low < high {
      let middle = (low + high) / 2
      if columns[middle] < target { low = middle + 1 } else { high = middle }
    }
    return low < columns.count && columns[low] == target ? coefficients[low] : nil
  }
}

/// How a simplex run ended.
package enum SimplexOutcome: Sendable, Equatable {
  /// An optimal basis was reached; the values are those of the engine.
  case optimal
  /// The constraints and bounds have no common point.
  case infeasible
  /// The objective decreases without limit along a ray.
  case unbounded
  /// The pivot limit was reached before the run ended.
  case pivotLimit
}

/// The bounded-variable primal simplex method in exact rational arithmetic.
///
/// Columns `0..<structuralCount` are the variables of the system; column `structuralCount + i` is
/// the *logical* of row `i`, the activity `a_i · x`, whose bounds carry the constraint (both equal
/// to the right-hand side for `==`, one of them for `<=` and `>=`). So every row is homogeneous,
/// `a_i · x - r_i = 0`, the starting basis is the logicals, and the engine keeps the dictionary
/// `x_B(i) = sum_j D[i][j] x_j` over the nonbasic columns, each row sparse.
///
/// - Nonbasic columns sit at a bound, or at any value within their bounds (a free column starts at
///   0; a column whose bound was widened after branching stays where it was). Every column can
///   move in each direction that its bounds allow.
/// - Phase 1 minimizes the sum of bound violations of the basic columns, starting from any basis
///   (the composite method: costs -1/+1 on columns below/above their bounds, a step ends when a
///   column reaches a bound, so no feasible column becomes infeasible). It is used both at the
///   start and after branch and bound tightens a bound, so no artificial columns are needed.
/// - Phase 2 minimizes a linear objective from the feasible basis the previous run left
///   (a warm start: only the objective changes between bound queries).
/// - Pricing is Dantzig's largest reduced cost; after ``degenerateStreakForBland`` pivots in a row
///   that do not move (degenerate), Bland's smallest-index rule takes over for both entering and
///   leaving columns until a pivot moves again. A run of degenerate pivots keeps the objective (and
///   in phase 1 the costs) fixed, so Bland's theorem rules out cycling; every moving pivot
///   strictly lowers the objective, so no basis recurs. The run ends.
/// - Every number is a ``Rational``: there are no tolerances. Values are exactly feasible, reduced
///   costs exactly of the right sign; "zero" means zero.
package struct SimplexEngine: Sendable {
  /// The number of system variables (the structural columns).
  let structuralCount: Int
  /// The number of constraints (rows, and logical columns).
  let rowCount: Int
  /// Lower bound of every column, `nil` for none.
  private(set) var lower: [Rational?]
  /// Upper bound of every column, `nil` for none.
  private(set) var upper: [Rational?]
  /// Current value of every column.
  private(set) var value: [Rational]
  /// For each column, its row when basic, otherwise -1.
  private(set) var basicRow: [Int32]
  /// For each row, its basic column.
  private(set) var basis: [Int]
  /// The dictionary rows.
  private(set) var rows: [SparseRow]
  /// Reduced costs of the current phase-2 objective (zero on basic columns).
  private var reducedCost: [Rational]
  /// Pivots (and bound flips) made since the engine was created.
  private(set) var pivotCount = 0
  /// Phase-2 runs since the engine was created.
  private(set) var solveCount = 0

  /// Degenerate pivots in a row after which Bland's rule takes over.
  static let degenerateStreakForBland = 12

  /// The most pivots one run may make before it stops with ``SimplexOutcome/pivotLimit``.
  var pivotLimitPerRun: Int

  var columnCount: Int { structuralCount + rowCount }

  /// Builds the engine for `system` with the starting basis of logicals.
  ///
  /// - Parameters:
  ///   - system: The constraints.
  ///   - roundIntegerBounds: Whether integer variables get their bounds rounded inwards
  ///     (for integer programs; a relaxation query keeps them).
  package init(_ system: LinearSystem, roundIntegerBounds: Bool) {
    structuralCount = system.variableCount
    rowCount = system.constraints.count
    let columns = structuralCount + rowCount
    lower = []
    upper = []
    lower.reserveCapacity(columns)
    upper.reserveCapacity(columns)
    for variable in system.variables {
      if roundIntegerBounds && variable.isInteger {
        lower.append(variable.lower?.ceiling)
        upper.append(variable.upper?.floor)
      } else {
        lower.append(variable.lower)
        upper.append(variable.upper)
      }
    }
    for constraint in system.constraints {
      switch constraint.relation {
      case .equal:
        lower.append(constraint.rightHandSide)
        upper.append(constraint.rightHandSide)
      case .lessOrEqual:
        lower.append(nil)
        upper.append(constraint.rightHandSide)
      case .greaterOrEqual:
        lower.append(constraint.rightHandSide)
        upper.append(nil)
      }
    }
    var start: [Rational] = []
    start.reserveCapacity(columns)
    for column in 0..<system.variableCount {
      start.append(lower[column] ?? upper[column] ?? 0)
    }
    value = start
    basicRow = [Int32](repeating: -1, count: columns)
    basis = []
    rows = []
    for (index, constraint) in system.constraints.enumerated() {
      var row = SparseRow()
      var activity = Rational.zero
      for term in constraint.expression.terms {
        row.columns.append(Int32(term.variable.index))
        row.coefficients.append(term.coefficient)
        activity += term.coefficient * value[term.variable.index]
      }
      rows.append(row)
      value.append(activity)
      basis.append(structuralCount + index)
      basicRow[structuralCount + index] = Int32(index)
    }
    reducedCost = [Rational](repeating: 0, count: columns)
    pivotLimitPerRun = 20_000 + 50 * columns
  }

  // MARK: Queries

  /// Whether some column has crossing bounds (then nothing is feasible).
  var hasCrossingBounds: Bool {
    for column in 0..<columnCount {
      if let low = lower[column], let high = upper[column], low > high { return true }
    }
    return false
  }

  /// The values of the structural columns.
  package var structuralValues: [Rational] { Array(value[0..<structuralCount]) }

  /// Whether every basic column is within its bounds.
  package var isPrimalFeasible: Bool {
    for column in basis where violation(of: column) != 0 { return false }
    return true
  }

  /// -1 when the column is below its lower bound, 1 when above its upper bound, else 0.
  private func violation(of column: Int) -> Int {
    if let low = lower[column], value[column] < low { return -1 }
    if let high = upper[column], value[column] > high { return 1 }
    return 0
  }

  // MARK: Bounds

  /// Replaces the bounds of a column.
  ///
  /// A nonbasic column outside its new bounds moves to the
  /// nearest one (the basic columns follow); a basic one is left for phase 1.
  ///
  /// - Complexity: O(*m* log *n*) when a nonbasic column moves, otherwise O(1).
  mutating func setBounds(of column: Int, lower newLower: Rational?, upper newUpper: Rational?) {
    lower[column] = newLower
    upper[column] = newUpper
    guard basicRow[column] < 0 else { return }
    if let low = newLower, value[column] < low {
      move(column, by: low - value[column])
    } else if let high = newUpper, value[column] > high {
      move(column, by: high - value[column])
    }
  }

  /// Moves a nonbasic column by `delta`, updating the basic columns.
  private mutating func move(_ column: Int, by delta: Rational) {
    if delta.isZero { return }
    value[column] += delta
    for row in 0..<rowCount {
      if let coefficient = rows[row].coefficient(of: column) {
        value[basis[row]] += coefficient * delta
      }
    }
  }

  // MARK: Solving

  /// Minimizes `sum(objective[j] * x_j)` (a sparse list of column and cost) from the current
  /// basis: phase 1 when the basis is not feasible, then phase 2.
  ///
  /// On `.optimal` the engine's values are an optimal vertex; on `.unbounded` they are a
  /// feasible point; on `.infeasible` they are the end of phase 1.
  package mutating func minimize(_ objective: [(column: Int, cost: Rational)]) -> SimplexOutcome {
    if hasCrossingBounds { return .infeasible }
    let phaseOne = runPhaseOne()
    guard phaseOne == .optimal else { return phaseOne }
    solveCount += 1
    return runPhaseTwo(objective)
  }

  /// The objective `sum(objective[j] * x_j)` at the current values.
  func objectiveValue(_ objective: [(column: Int, cost: Rational)]) -> Rational {
    objective.reduce(Rational.zero) { $0 + $1.cost * value[$1.column] }
  }

  private mutating func runPhaseOne() -> SimplexOutcome {
    var pivots = 0
    var degenerateStreak = 0
    var costs = [Rational](repeating: 0, count: columnCount)
    while true {
      // Costs of the current violations and the reduced costs they give.
      for index in costs.indices where !costs[index].isZero { costs[index] = 0 }
      var anyViolation = false
      for row in 0..<rowCount {
        let sign = violation(of: basis[row])
        if sign == 0 { continue }
        anyViolation = true
        let rowCost = Rational(sign)
        let dictionaryRow = rows[row]
        for (position, column) in dictionaryRow.columns.enumerated() {
          costs[Int(column)] += rowCost * dictionaryRow.coefficients[position]
        }
      }
      if !anyViolation { return .optimal }
      if pivots >= pivotLimitPerRun { return .pivotLimit }
      let useBland = degenerateStreak >= Self.degenerateStreakForBland
      guard let (entering, direction) = choosePricing(costs, bland: useBland) else {
        return .infeasible
      }
      switch step(entering: entering, direction: direction, bland: useBland, phaseTwo: false) {
      case .moved: degenerateStreak = 0
      case .degenerate: degenerateStreak += 1
      case .unbounded:
        // The sum of violations is bounded below, so a falling ray cannot exist.
        preconditionFailure("phase 1 found a ray along which the violations fall for ever")
      }
      pivots += 1
    }
  }

  private mutating func runPhaseTwo(_ objective: [(column: Int, cost: Rational)]) -> SimplexOutcome
  {
    // Reduced costs: the objective with the basic columns substituted.
    for index in reducedCost.indices where !reducedCost[index].isZero { reducedCost[index] = 0 }
    for (column, cost) in objective where !cost.isZero {
      let row = Int(basicRow[column])
      if row < 0 {
        reducedCost[column] += cost
      } else {
        let dictionaryRow = rows[row]
        for (position, other) in dictionaryRow.columns.enumerated() {
          reducedCost[Int(other)] += cost * dictionaryRow.coefficients[position]
        }
      }
    }
    var pivots = 0
    var degenerateStreak = 0
    while true {
      if pivots >= pivotLimitPerRun { return .pivotLimit }
      let useBland = degenerateStreak >= Self.degenerateStreakForBland
      guard let (entering, direction) = choosePricing(reducedCost, bland: useBland) else {
        return .optimal
      }
      switch step(entering: entering, direction: direction, bland: useBland, phaseTwo: true) {
      case .moved: degenerateStreak = 0
      case .degenerate: degenerateStreak += 1
      case .unbounded: return .unbounded
      }
      pivots += 1
    }
  }

  /// The nonbasic column to move and its direction (+1 up, -1 down), or `nil` when no move
  /// lowers the objective given by `costs`.
  private func choosePricing(_ costs: [Rational], bland: Bool) -> (Int, Int)? {
    var best: (column: Int, direction: Int, size: Rational)?
    for column in 0..<columnCount where basicRow[column] < 0 {
      let cost = costs[column]
      let sign = cost.signum
      if sign == 0 { continue }
      let direction = -sign
      if direction > 0 {
        if let high = upper[column], value[column] >= high { continue }
      } else {
        if let low = lower[column], value[column] <= low { continue }
      }
      if bland { return (column, direction) }
      let size = cost.magnitude
      if best == nil || size > best?.size ?? 0 { best = (column, direction, size) }
    }
    return best.map { ($0.column, $0.direction) }
  }

  private enum StepResult {
    case moved
    case degenerate
    case unbounded
  }

  /// Moves `entering` in `direction` as far as the ratio test allows, then pivots it into the
  /// basis (or just moves it, when its own bound comes first).
  private mutating func step(
    entering: Int,
    direction: Int,
    bland: Bool,
    phaseTwo: Bool
  )
    -> StepResult
  {
    let sign = Rational(direction)
    // The entering column's own range.
    var limit: Rational? = nil
    if direction > 0, let high = upper[entering] { limit = high - value[entering] }
    if direction < 0, let low = lower[entering] { limit = value[entering] - low }

    // The column of the entering variable and the ratio test.
    var columnEntries: [(row: Int, coefficient: Rational)] = []
    var leaving: (row: Int, target: Rational, size: Rational)?
    var leavingStep: Rational?
    for row in 0..<rowCount {
      guard let coefficient = rows[row].coefficient(of: entering) else { continue }
      columnEntries.append((row, coefficient))
      let basic = basis[row]
      let rate = coefficient * sign
      let current = value[basic]
      var candidate: (step: Rational, target: Rational)?
      if let low = lower[basic], current < low {
        if rate.signum > 0 { candidate = ((low - current) / rate, low) }
      } else if let high = upper[basic], current > high {
        if rate.signum < 0 { candidate = ((high - current) / rate, high) }
      } else if rate.signum > 0 {
        if let high = upper[basic] { candidate = ((high - current) / rate, high) }
      } else if let low = lower[basic] {
        candidate = ((low - current) / rate, low)
      }
      guard let (candidateStep, target) = candidate else { continue }
      let size = coefficient.magnitude
      if let currentStep = leavingStep, let chosen = leaving {
        if candidateStep > currentStep { continue }
        if candidateStep == currentStep {
          // Ties: Bland takes the smallest column; otherwise the largest pivot, then the
          // smallest column.
          let better =
            bland
            ? basic < basis[chosen.row]
            : (size > chosen.size || (size == chosen.size && basic < basis[chosen.row]))
          if !better { continue }
        }
      }
      leavingStep = candidateStep
      leaving = (row, target, size)
    }

    if let range = limit, leavingStep.map({ range <= $0 }) ?? true {
      // The entering column reaches its own bound first: no basis change.
      let delta = range * sign
      value[entering] += delta
      for (row, coefficient) in columnEntries { value[basis[row]] += coefficient * delta }
      pivotCount += 1
      return range.isZero ? .degenerate : .moved
    }
    guard let chosen = leaving, let stepLength = leavingStep else { return .unbounded }
    let delta = stepLength * sign
    if !delta.isZero {
      value[entering] += delta
      for (row, coefficient) in columnEntries { value[basis[row]] += coefficient * delta }
    }
    let leavingColumn = basis[chosen.row]
    precondition(value[leavingColumn] == chosen.target, "the leaving column missed its bound")
    pivot(row: chosen.row, entering: entering, columnEntries: columnEntries, phaseTwo: phaseTwo)
    pivotCount += 1
    return stepLength.isZero ? .degenerate : .moved
  }

  /// Exchanges the basic column of `row` for `entering` and rewrites the dictionary.
  private mutating func pivot(
    row pivotRow: Int,
    entering: Int,
    columnEntries: [(row: Int, coefficient: Rational)],
    phaseTwo: Bool
  ) {
    let leavingColumn = basis[pivotRow]
    let old = rows[pivotRow]
    guard let pivotCoefficient = old.coefficient(of: entering) else {
      preconditionFailure("pivot on a zero coefficient")
    }
    // entering = (leaving - sum_{j != entering} D[p][j] x_j) / D[p][entering]
    let inverse = pivotCoefficient.reciprocal
    var newRow = SparseRow()
    newRow.columns.reserveCapacity(old.columns.count)
    newRow.coefficients.reserveCapacity(old.columns.count)
    var insertedLeaving = false
    let leavingIndex = Int32(leavingColumn)
    for (position, column) in old.columns.enumerated() where Int(column) != entering {
      if !insertedLeaving && leavingIndex < column {
        newRow.columns.append(leavingIndex)
        newRow.coefficients.append(inverse)
        insertedLeaving = true
      }
      newRow.columns.append(column)
      newRow.coefficients.append(-old.coefficients[position] * inverse)
    }
    if !insertedLeaving {
      newRow.columns.append(leavingIndex)
      newRow.coefficients.append(inverse)
    }
    for (row, coefficient) in columnEntries where row != pivotRow {
      rows[row] = Self.substitute(rows[row], column: entering, factor: coefficient, row: newRow)
    }
    rows[pivotRow] = newRow
    basis[pivotRow] = entering
    basicRow[entering] = Int32(pivotRow)
    basicRow[leavingColumn] = -1
    if phaseTwo {
      let cost = reducedCost[entering]
      if !cost.isZero {
        for (position, column) in newRow.columns.enumerated() {
          reducedCost[Int(column)] += cost * newRow.coefficients[position]
        }
        reducedCost[entering] = 0
      }
    }
  }

  /// `target` without `column`, plus `factor * row`: the merge of two sorted sparse rows.
  private static func substitute(
    _ target: SparseRow,
    column: Int,
    factor: Rational,
    row: SparseRow
  ) -> SparseRow {
    var result = SparseRow()
    let capacity = target.columns.count + row.columns.count
    result.columns.reserveCapacity(capacity)
    result.coefficients.reserveCapacity(capacity)
    let removed = Int32(column)
    var left = 0
    var right = 0
    while left < target.columns.count || right < row.columns.count {
      let leftColumn = left < target.columns.count ? target.columns[left] : Int32.max
      let rightColumn = right < row.columns.count ? row.columns[right] : Int32.max
      if leftColumn < rightColumn {
        if leftColumn != removed {
          result.columns.append(leftColumn)
          result.coefficients.append(target.coefficients[left])
        }
        left += 1
      } else if rightColumn < leftColumn {
        result.columns.append(rightColumn)
        result.coefficients.append(factor * row.coefficients[right])
        right += 1
      } else {
        let sum = target.coefficients[left] + factor * row.coefficients[right]
        if !sum.isZero {
          result.columns.append(leftColumn)
          result.coefficients.append(sum)
        }
        left += 1
        right += 1
      }
    }
    return result
  }

  // MARK: Checking

  /// Whether the dictionary and the values agree (for tests).
  ///
  /// Every basic value must equal its row applied to the nonbasic values, and rows must name
  /// nonbasic columns only.
  ///
  /// - Complexity: O(number of nonzeros in the dictionary).
  package func isConsistent() -> Bool {
    for row in 0..<rowCount {
      var total = Rational.zero
      for (position, column) in rows[row].columns.enumerated() {
        if basicRow[Int(column)] >= 0 { return false }
        total += rows[row].coefficients[position] * value[Int(column)]
      }
      if total != value[basis[row]] { return false }
    }
    return true
  }
}
