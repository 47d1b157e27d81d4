import SurveyDisclosure

/// The hidden counts among `targets` whose value the facts in `system` determine: the attackers'
/// last step, shared by the report and the comparison and change attacks.
///
/// Each target's smallest and largest values are bounded by exact linear programming; a target
/// whose range holds one whole number (or, in systems of at most 60 counts, that integer
/// programming pins) is determined. Points met along the way that put a target 1 or more from its
/// true value prove its range holds two whole numbers, with no program solved.
///
/// - Parameters:
///   - system: The facts, over every count of one part of the publication.
///   - targets: Each hidden count's name (for messages), its variable and its true value.
///   - unsound: Gets a line for each target whose facts have no solution at all (facts that do
///     not hold of the true counts).
/// - Returns: The names of the targets the facts determine.
/// - Complexity: Two linear programs per target at most.
func determinedTargets(
  in system: LinearSystem,
  _ targets: [(name: String, variable: Variable, value: Int)],
  unsound: inout [String]
) -> [String] {
  var solver = BoundSolver(system, nodeLimit: 2_000)
  var witnesses: [[Rational]] = []
  var exposed: [String] = []
  for (name, v, value) in targets {
    let truth = Rational(value)
    if witnesses.contains(where: { ($0[v.index] - truth).magnitude >= 1 }) { continue }
    let expression = LinearExpression(v)
    guard
      case .optimal(let low, let lowPoint) = solver.minimum(
        of: expression,
        relaxingIntegrality: true
      )
    else {
      unsound.append("no solution for the facts around \(name)")
      continue
    }
    witnesses.append(lowPoint)
    if truth - low >= 1 { continue }
    guard
      case .optimal(let high, let highPoint) = solver.maximum(
        of: expression,
        relaxingIntegrality: true
      )
    else { continue }
    witnesses.append(highPoint)
    if low.ceiling == high.floor {
      exposed.append(name)
    } else if system.variableCount <= 60, case .determined = solver.determination(of: v) {
      exposed.append(name)
    }
  }
  return exposed
}
