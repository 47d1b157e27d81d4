/// How an integer (or linear) optimization ended.
package enum OptimizationOutcome: Sendable, Hashable {
  /// The optimum `value`, attained at `point` (the values of all variables, by position).
  case optimal(value: Rational, point: [Rational])
  /// No point satisfies the constraints (and, for integer programs, the integrality).
  case infeasible
  /// The objective has no finite optimum (a feasible point exists).
  case unbounded
  /// The search stopped at its node or pivot limit. `bound` is a proven bound on the optimum
  /// (below it for minimization, above it for maximization; `nil` when none is known) and
  /// `best` the best value of a feasible point found (`nil` when none was found).
  case limitReached(bound: Rational?, best: Rational?)
}

/// The result of one branch-and-bound search, in minimization form.
struct IntegerSearchResult {
  var outcome: OptimizationOutcome
  /// Nodes whose linear program was solved.
  var nodes: Int
  /// Integer-feasible points met on the way (the incumbents), for reuse as witnesses.
  var integerPoints: [[Rational]]
}

extension SimplexEngine {
  /// Whether every integer column has an integer value.
  func isIntegral(integerColumns: [Int]) -> Bool {
    integerColumns.allSatisfy { value[$0].isInteger }
  }

  /// Minimizes `objective` over the integer points (integer columns integral) by depth-first
  /// branch and bound, each node warm-started from the basis of the node before.
  ///
  /// Each node tightens one integer column to `<= floor(v)` or `>= ceil(v)` around its fractional
  /// value `v` (the most fractional column, ties to the smallest). A node is pruned when its
  /// relaxation is infeasible or its bound cannot beat the best point found; when the objective
  /// only takes integer values (`objectiveIsIntegral`), its bound is the relaxation's optimum
  /// rounded up. The bounds are restored before returning.
  ///
  /// A node whose relaxation is unbounded makes the integer program unbounded as soon as that
  /// node has an integer point (for rational data an integer program with an unbounded
  /// relaxation is unbounded or infeasible; Meyer 1974), which a search with a zero objective
  /// decides.
  ///
  /// - Parameters:
  ///   - objective: Sparse costs over the columns.
  ///   - integerColumns: The structural columns that must be integral.
  ///   - objectiveIsIntegral: Whether the objective is integral on integer points.
  ///   - nodeLimit: The most nodes to solve.
  /// - Returns: The outcome (in minimization form), the nodes solved and the integer points met.
  /// - Complexity: Up to `nodeLimit` linear programs.
  mutating func minimizeOverIntegers(
    _ objective: [(column: Int, cost: Rational)],
    integerColumns: [Int],
    objectiveIsIntegral: Bool,
    nodeLimit: Int
  ) -> IntegerSearchResult {
    struct Node {
      /// Bound overrides from the root: column, lower, upper.
      var overrides: [(column: Int, lower: Rational?, upper: Rational?)]
      /// A proven lower bound on the node's optimum (its parent's), if known.
      var bound: Rational?
    }
    let rootLower = lower
    let rootUpper = upper
    var applied: [Int] = []
    func apply(_ overrides: [(column: Int, lower: Rational?, upper: Rational?)]) {
      for column in applied {
        setBounds(of: column, lower: rootLower[column], upper: rootUpper[column])
      }
      applied = []
      for override in overrides {
        setBounds(of: override.column, lower: override.lower, upper: override.upper)
        applied.append(override.column)
      }
    }
    defer { apply([]) }

    var stack = [Node(overrides: [], bound: nil)]
    var incumbent: Rational?
    var incumbentPoint: [Rational] = []
    var integerPoints: [[Rational]] = []
    var nodes = 0
    var openBounds: [Rational?] = []  // bounds of nodes left unsolved by a limit
    var sawUnboundedFeasible = false

    func prunable(_ bound: Rational?) -> Bool {
      guard let bound, let incumbent else { return false }
      return bound >= incumbent
    }

    while let node = stack.popLast() {
      if prunable(node.bound) { continue }
      if nodes >= nodeLimit {
        openBounds.append(node.bound)
        openBounds.append(contentsOf: stack.map(\.bound))
        stack.removeAll()
        break
      }
      nodes += 1
      apply(node.overrides)
      switch minimize(objective) {
      case .infeasible:
        continue
      case .pivotLimit:
        openBounds.append(node.bound)
        continue
      case .unbounded:
        // Feasible for the relaxation: does the node hold an integer point?
        let feasibility = minimizeOverIntegers(
          [],
          integerColumns: integerColumns,
          objectiveIsIntegral: true,
          nodeLimit: max(1, nodeLimit - nodes)
        )
        nodes += feasibility.nodes
        integerPoints.append(contentsOf: feasibility.integerPoints)
        switch feasibility.outcome {
        case .optimal:
          sawUnboundedFeasible = true
          stack.removeAll()
        case .infeasible:
          continue
        default:
          openBounds.append(nil)
        }
        // The feasibility search restored the bounds to this node's; go on from here.
        continue
      case .optimal:
        break
      }
      if sawUnboundedFeasible { break }
      let relaxed = objectiveValue(objective)
      let bound = objectiveIsIntegral ? relaxed.ceiling : relaxed
      if prunable(bound) { continue }
      // The most fractional integer column.
      var branch: (column: Int, distance: Rational)?
      for column in integerColumns where !value[column].isInteger {
        let fraction = value[column] - value[column].floor
        let distance = (fraction - Rational(numerator: 1, denominator: 2)).magnitude
        if branch == nil || distance < branch?.distance ?? 0 { branch = (column, distance) }
      }
      guard let (column, _) = branch else {
        let point = structuralValues
        integerPoints.append(point)
        if incumbent.map({ relaxed < $0 }) ?? true {
          incumbent = relaxed
          incumbentPoint = point
        }
        continue
      }
      let current = value[column]
      var down = node.overrides.filter { $0.column != column }
      var up = down
      down.append((column, lower[column], current.floor))
      up.append((column, current.ceiling, upper[column]))
      let downNode = Node(overrides: down, bound: bound)
      let upNode = Node(overrides: up, bound: bound)
      // Depth first; the nearer side of the rounding is explored first.
      if current - current.floor < Rational(numerator: 1, denominator: 2) {
        stack.append(upNode)
        stack.append(downNode)
      } else {
        stack.append(downNode)
        stack.append(upNode)
      }
    }

    let outcome: OptimizationOutcome
    if sawUnboundedFeasible {
      outcome = .unbounded
    } else if openBounds.isEmpty {
      outcome =
        incumbent.map { .optimal(value: $0, point: incumbentPoint) } ?? .infeasible
    } else {
      var proven: Rational? = incumbent
      for bound in openBounds {
        guard let bound else {
          proven = nil
          break
        }
        if proven.map({ bound < $0 }) ?? true { proven = bound }
      }
      outcome = .limitReached(bound: proven, best: incumbent)
    }
    return IntegerSearchResult(outcome: outcome, nodes: nodes, integerPoints: integerPoints)
  }
}
