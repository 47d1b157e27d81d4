import SurveyDisclosure
import Testing

/// What the solver promises beyond agreeing with the reference: an exact, consistent state after
/// every run, honest answers at its limits, and exact strict inequalities.
@Suite struct SolverBehaviourTests {
  @Test func `the dictionary stays exact after every run on every reference problem`() throws {
    for problem in ReferenceFixture.shared.problems {
      let system = try problem.system()
      var engine = SimplexEngine(system, roundIntegerBounds: false)
      for index in 0..<system.variableCount {
        for cost in [Rational(1), Rational(-1)] {
          let outcome = engine.minimize([(column: index, cost: cost)])
          #expect(engine.isConsistent(), "\(problem.name) x\(index)")
          if outcome == .optimal {
            #expect(engine.isPrimalFeasible, "\(problem.name) x\(index)")
            #expect(
              system.isSatisfied(by: engine.structuralValues, ignoringIntegrality: true),
              "\(problem.name) x\(index)"
            )
          }
        }
      }
    }
  }

  @Test func `the node limit is reported, with a bound that holds`() {
    // 2x + 2y == 2z + 1 has no integer point, but every linear relaxation node does; with
    // x, y, z in 0...3 the search ends, though not within 3 nodes.
    var system = LinearSystem()
    let x = system.addVariable(upper: 3)
    let y = system.addVariable(upper: 3)
    let z = system.addVariable(upper: 3)
    system.require(2 * x + 2 * LinearExpression(y) - 2 * LinearExpression(z), equals: 1)
    var limited = BoundSolver(system, nodeLimit: 3)
    let outcome = limited.minimum(of: LinearExpression(x))
    guard case .limitReached(let bound, let best) = outcome else {
      Issue.record("expected the limit, got \(outcome)")
      return
    }
    #expect(best == nil)
    #expect(bound.map { $0 <= 3 } ?? true)
    let determination = limited.determination(of: x)
    if case .unknown = determination {} else { Issue.record("got \(determination)") }

    var unlimited = BoundSolver(system)
    #expect(unlimited.minimum(of: LinearExpression(x)) == .infeasible)
    #expect(unlimited.determination(of: x) == .infeasible)
  }

  @Test func `an infeasible system has every variable infeasible`() {
    var system = LinearSystem()
    let a = system.addVariable()
    let b = system.addVariable()
    system.require(a + b, atMost: 3)
    system.require(a + b, atLeast: 4)
    var solver = BoundSolver(system)
    #expect(
      solver.allBounds()
        == [VariableBounds](repeating: .init(lower: .infeasible, upper: .infeasible), count: 2)
    )
    #expect(solver.bounds(of: a, relaxingIntegrality: true).lower == .infeasible)
    if case .infeasible = system.propagatedBounds() {
    } else {
      Issue.record("propagation missed it")
    }
  }

  @Test func `an unbounded variable is undetermined`() {
    var system = LinearSystem()
    let a = system.addVariable()
    let b = system.addVariable()
    system.require(a - b, equals: 2)
    var solver = BoundSolver(system)
    #expect(solver.bounds(of: a) == VariableBounds(lower: .attained(2), upper: .unbounded))
    #expect(solver.determination(of: a) == .undetermined(lower: .attained(2), upper: .unbounded))
  }

  @Test func `free variables and negative bounds`() {
    var system = LinearSystem()
    let free = system.addVariable(lower: nil)
    let negative = system.addVariable(lower: -5, upper: -2)
    system.require(free + negative, equals: 0)
    var solver = BoundSolver(system)
    #expect(solver.bounds(of: free) == VariableBounds(lower: .attained(2), upper: .attained(5)))
  }

  @Test func `strict inequalities are exact over integers and relaxed otherwise`() {
    var system = LinearSystem()
    let count = system.addVariable()
    let share = system.addVariable(isInteger: false)
    let half = Rational(numerator: 1, denominator: 2)
    let countIsExact = system.require(half * LinearExpression(count), lessThan: 2)
    let shareIsExact = system.require(LinearExpression(share), lessThan: 7 * half)
    #expect(countIsExact)
    #expect(!shareIsExact)
    #expect(system.constraints[0].description == "1*x0 <= 3")
    #expect(system.constraints[1].description == "1*x1 <= 7/2")
    var solver = BoundSolver(system)
    #expect(solver.bounds(of: count).upper == .attained(3))
  }

  @Test func `propagation settles what one constraint at a time can see`() {
    // Total 4 over two hidden cells, one of which is at least 4 by another row.
    var system = LinearSystem()
    let a = system.addVariable()
    let b = system.addVariable()
    let c = system.addVariable()
    system.require(a + b, equals: 4)
    system.require(b + c, equals: 4)
    system.require(LinearExpression(c), atMost: 0)
    guard case .bounds(let lower, let upper, _, let fixedPoint) = system.propagatedBounds() else {
      Issue.record("propagation found the system infeasible")
      return
    }
    #expect(fixedPoint)
    #expect(lower == [0, 4, 0])
    #expect(upper == [0, 4, 0])
    var solver = BoundSolver(system)
    _ = solver.allBounds()
    #expect(solver.statistics.settledByPropagation == 6)
    #expect(solver.statistics.settledBySolving == 0)
  }

  @Test func `searches stop only on systems where they need not end`() throws {
    var limited = 0
    var questions = 0
    for problem in ReferenceFixture.shared.problems {
      let system = try problem.system()
      var solver = BoundSolver(system, nodeLimit: system.testNodeLimit)
      for bounds in solver.allBounds() {
        for side in [bounds.lower, bounds.upper] {
          questions += 1
          if case .limitReached = side {
            limited += 1
            #expect(system.hasUnboundedIntegerVariable, "\(problem.name)")
          }
        }
      }
    }
    #expect(limited * 100 <= questions, "\(limited) of \(questions) questions hit the node limit")
  }
}
