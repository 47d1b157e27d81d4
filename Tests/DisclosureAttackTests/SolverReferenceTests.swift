import SurveyDisclosure
import Testing

/// What is wrong with an exact answer, compared with a floating-point reference (`nil`: nothing).
///
/// The answer must have the same status, and a value within 1e-6 (relative, or absolute near
/// zero). HiGHS solves with floating-point coefficients and
/// tolerances of about 1e-7, so closer agreement cannot be asked of it.
///
/// A search stopped by its node limit is accepted only where branch and bound need not end (an
/// integer variable without a finite bound, `limitAllowed`), and only if what it claims is true:
/// its proven bound is on the right side of the true optimum.
func mismatch(
  _ ours: BoundValue,
  _ reference: ReferenceFixture.Outcome,
  maximizing: Bool,
  limitAllowed: Bool = false
) -> String? {
  switch (ours, reference.status) {
  case (.attained(let value), "optimal"):
    guard let expected = reference.value else { return "reference has no value" }
    return isClose(value, expected) ? nil : "got \(value), expected \(expected)"
  case (.infeasible, "infeasible"), (.unbounded, "unbounded"):
    return nil
  case (.limitReached(let proven), _) where limitAllowed:
    guard let proven else { return nil }
    switch reference.status {
    case "infeasible": return nil
    case "optimal":
      guard let expected = reference.value else { return "reference has no value" }
      let valid =
        maximizing
        ? proven.doubleValue >= expected - 1e-6 : proven.doubleValue <= expected + 1e-6
      return valid ? nil : "the limit's bound \(proven) excludes the optimum \(expected)"
    default:
      return "a bound \(proven) is claimed where the reference is unbounded"
    }
  default:
    return "got \(ours), expected \(reference)"
  }
}

/// Whether an exact value is within 1e-6 of a reference (relative above 1).
func isClose(_ value: Rational, _ expected: Double) -> Bool {
  abs(value.doubleValue - expected) <= 1e-6 * max(1, abs(expected))
}

extension LinearSystem {
  /// The node limit for the reference problems: enough for every bounded one; small where
  /// branch and bound may never end, to keep the tests quick.
  var testNodeLimit: Int { hasUnboundedIntegerVariable ? 200 : 2_000 }

  /// Whether some integer variable has no finite bound even after propagation: the only systems
  /// on which branch and bound may fail to end, so the only ones where a node limit is accepted.
  var hasUnboundedIntegerVariable: Bool {
    guard case .bounds(let lower, let upper, _, _) = propagatedBounds() else { return false }
    return variables.indices.contains {
      variables[$0].isInteger && (lower[$0] == nil || upper[$0] == nil)
    }
  }
}

/// Whether an optimization's point is a point of the system attaining its value, exactly.
func checkPoint(
  _ outcome: OptimizationOutcome,
  of objective: LinearExpression,
  in system: LinearSystem,
  relaxed: Bool,
  _ label: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard case .optimal(let value, let point) = outcome else { return }
  #expect(
    system.isSatisfied(by: point, ignoringIntegrality: relaxed),
    "\(label): the optimal point is not a point of the system",
    sourceLocation: sourceLocation
  )
  #expect(
    objective.value(at: point) == value,
    "\(label): the point gives \(objective.value(at: point)), not \(value)",
    sourceLocation: sourceLocation
  )
}

@Suite struct SolverReferenceTests {
  static let problems = ReferenceFixture.shared.problems

  @Test func `the fixture has a few hundred problems of every kind`() {
    let kinds = Set(Self.problems.map(\.kind))
    #expect(Self.problems.count >= 300)
    #expect(kinds.count >= 10)
  }

  @Test(arguments: problems)
  func `linear-programming bounds agree with scipy linprog`(
    problem: ReferenceFixture.Problem
  )
    throws
  {
    let system = try problem.system()
    var solver = BoundSolver(system, nodeLimit: system.testNodeLimit)
    for (index, reference) in problem.bounds.enumerated() {
      let variable = Variable(index: index)
      let low = solver.minimum(of: LinearExpression(variable), relaxingIntegrality: true)
      let high = solver.maximum(of: LinearExpression(variable), relaxingIntegrality: true)
      let label = "\(problem.name) x\(index)"
      if let problem = mismatch(BoundValue(low), reference.lpMin, maximizing: false) {
        Issue.record("\(label) minimum: \(problem)")
      }
      if let problem = mismatch(BoundValue(high), reference.lpMax, maximizing: true) {
        Issue.record("\(label) maximum: \(problem)")
      }
      checkPoint(low, of: LinearExpression(variable), in: system, relaxed: true, label)
      checkPoint(high, of: LinearExpression(variable), in: system, relaxed: true, label)
    }
  }

  @Test(arguments: problems)
  func `integer bounds agree with scipy milp`(problem: ReferenceFixture.Problem) throws {
    let system = try problem.system()
    var solver = BoundSolver(system, nodeLimit: system.testNodeLimit)
    for (index, reference) in problem.bounds.enumerated() {
      let variable = Variable(index: index)
      let low = solver.minimum(of: LinearExpression(variable))
      let high = solver.maximum(of: LinearExpression(variable))
      let label = "\(problem.name) x\(index)"
      if let problem = mismatch(
        BoundValue(low),
        reference.ilpMin,
        maximizing: false,
        limitAllowed: system.hasUnboundedIntegerVariable
      ) {
        Issue.record("\(label) integer minimum: \(problem)")
      }
      if let problem = mismatch(
        BoundValue(high),
        reference.ilpMax,
        maximizing: true,
        limitAllowed: system.hasUnboundedIntegerVariable
      ) {
        Issue.record("\(label) integer maximum: \(problem)")
      }
      checkPoint(low, of: LinearExpression(variable), in: system, relaxed: false, label)
      checkPoint(high, of: LinearExpression(variable), in: system, relaxed: false, label)
    }
  }

  @Test(arguments: problems)
  func `a random objective agrees with linprog and milp`(
    problem: ReferenceFixture.Problem
  )
    throws
  {
    let system = try problem.system()
    let objective = try problem.expression(problem.objective.terms)
    var solver = BoundSolver(system, nodeLimit: system.testNodeLimit)
    let relaxed = solver.minimum(of: objective, relaxingIntegrality: true)
    let integral = solver.minimum(of: objective)
    if let issue = mismatch(BoundValue(relaxed), problem.objective.lpMin, maximizing: false) {
      Issue.record("\(problem.name) objective over the reals: \(issue)")
    }
    if let issue = mismatch(
      BoundValue(integral),
      problem.objective.ilpMin,
      maximizing: false,
      limitAllowed: system.hasUnboundedIntegerVariable
    ) {
      Issue.record("\(problem.name) objective over the integers: \(issue)")
    }
    checkPoint(relaxed, of: objective, in: system, relaxed: true, problem.name)
    checkPoint(integral, of: objective, in: system, relaxed: false, problem.name)
  }

  @Test(arguments: problems)
  func `the full attack agrees with the reference in both modes`(
    problem: ReferenceFixture.Problem
  ) throws {
    let system = try problem.system()
    for relaxed in [true, false] {
      var solver = BoundSolver(system, nodeLimit: system.testNodeLimit)
      let all = solver.allBounds(relaxingIntegrality: relaxed)
      #expect(all.count == problem.bounds.count)
      for (index, (ours, reference)) in zip(all, problem.bounds).enumerated() {
        let label = "\(problem.name) x\(index) (\(relaxed ? "reals" : "integers"))"
        let expectedLow = relaxed ? reference.lpMin : reference.ilpMin
        let expectedHigh = relaxed ? reference.lpMax : reference.ilpMax
        if let issue = mismatch(
          ours.lower,
          expectedLow,
          maximizing: false,
          limitAllowed: !relaxed && system.hasUnboundedIntegerVariable
        ) {
          Issue.record("\(label) lower: \(issue)")
        }
        if let issue = mismatch(
          ours.upper,
          expectedHigh,
          maximizing: true,
          limitAllowed: !relaxed && system.hasUnboundedIntegerVariable
        ) {
          Issue.record("\(label) upper: \(issue)")
        }
      }
    }
  }

  @Test(arguments: problems)
  func `propagated bounds contain the true range`(problem: ReferenceFixture.Problem) throws {
    let system = try problem.system()
    for integral in [true, false] {
      let outcome = system.propagatedBounds(integral: integral)
      guard case .bounds(let lower, let upper, _, _) = outcome else {
        // Propagation proves infeasibility only when there is no point.
        let status =
          integral ? problem.bounds.first?.ilpMin.status : problem.bounds.first?.lpMin.status
        #expect(status == "infeasible", "\(problem.name): propagation says infeasible")
        continue
      }
      for (index, reference) in problem.bounds.enumerated() {
        let low = integral ? reference.ilpMin : reference.lpMin
        let high = integral ? reference.ilpMax : reference.lpMax
        if low.status == "optimal", let value = low.value, let bound = lower[index] {
          #expect(
            bound.doubleValue <= value + 1e-6,
            "\(problem.name) x\(index): lower \(bound) > \(value)"
          )
        }
        if low.status == "unbounded" { #expect(lower[index] == nil) }
        if high.status == "optimal", let value = high.value, let bound = upper[index] {
          #expect(
            bound.doubleValue >= value - 1e-6,
            "\(problem.name) x\(index): upper \(bound) < \(value)"
          )
        }
        if high.status == "unbounded" { #expect(upper[index] == nil) }
      }
    }
  }
}
