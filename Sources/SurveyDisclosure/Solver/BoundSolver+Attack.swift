extension BoundSolver {
  /// The range of every variable: the full attack on a publication.
  ///
  /// Cheaper steps come first, and each answer is reused:
  ///
  /// 1. Interval propagation (``LinearSystem/propagatedBounds(integral:maximumRounds:)``) gives
  ///    valid bounds for every variable, and settles the variables it fixes.
  /// 2. One feasibility search gives a first point (or proves there is none).
  /// 3. For each side of each variable: if a point met so far (a *witness*) already has the
  ///    propagated bound as its value, the bound is attained and no program is solved. Otherwise
  ///    the side is optimized (warm-started), its points become witnesses, and the proven bound
  ///    is kept as a bound of the variable for the searches that follow.
  ///
  /// The answer is the same as calling ``bounds(of:relaxingIntegrality:)`` for every variable;
  /// ``statistics`` tells how many sides each step settled.
  ///
  /// - Parameter relaxingIntegrality: Whether to answer for the linear relaxation.
  /// - Returns: The bounds of every variable, by position.
  /// - Complexity: Up to two optimizations per variable; in practice most sides are settled by
  ///   propagation and witnesses.
  package mutating func allBounds(relaxingIntegrality: Bool = false) -> [VariableBounds] {
    let count = system.variableCount
    let infeasible = [VariableBounds](
      repeating: VariableBounds(lower: .infeasible, upper: .infeasible),
      count: count
    )
    let relaxes = relaxingIntegrality
    guard
      case .bounds(let propagatedLower, let propagatedUpper, _, _) = system.propagatedBounds(
        integral: !relaxes
      )
    else { return infeasible }
    for index in 0..<count {
      tightenBounds(
        of: Variable(index: index),
        lower: propagatedLower[index],
        upper: propagatedUpper[index],
        relaxing: relaxes
      )
    }

    // A first point, or the proof that there is none.
    let first = optimize(
      LinearExpression(constant: 0),
      maximizing: false,
      relaxingIntegrality: relaxes
    )
    switch first.outcome {
    case .infeasible: return infeasible
    case .optimal, .unbounded: break
    case .limitReached:
      if first.points.isEmpty {
        return [VariableBounds](
          repeating: VariableBounds(
            lower: .limitReached(proven: nil),
            upper: .limitReached(proven: nil)
          ),
          count: count
        )
      }
    }
    var smallestSeen = [Rational?](repeating: nil, count: count)
    var largestSeen = [Rational?](repeating: nil, count: count)
    func remember(_ points: [[Rational]]) {
      for point in points {
        for index in 0..<count {
          let value = point[index]
          if smallestSeen[index].map({ value < $0 }) ?? true { smallestSeen[index] = value }
          if largestSeen[index].map({ value > $0 }) ?? true { largestSeen[index] = value }
        }
      }
    }
    remember(first.points)

    var result: [VariableBounds] = []
    result.reserveCapacity(count)
    for index in 0..<count {
      let variable = Variable(index: index)
      let fixed =
        propagatedLower[index] != nil && propagatedLower[index] == propagatedUpper[index]
      var sides: [BoundValue] = []
      for maximizing in [false, true] {
        let propagated = maximizing ? propagatedUpper[index] : propagatedLower[index]
        let seen = maximizing ? largestSeen[index] : smallestSeen[index]
        if let propagated, seen == propagated {
          if fixed {
            statistics.settledByPropagation += 1
          } else {
            statistics.settledByWitness += 1
          }
          sides.append(.attained(propagated))
          continue
        }
        statistics.settledBySolving += 1
        let answer = optimize(
          LinearExpression(variable),
          maximizing: maximizing,
          relaxingIntegrality: relaxes
        )
        remember(answer.points)
        if case .optimal(let value, let point) = answer.outcome {
          remember([point])
          tightenBounds(
            of: variable,
            lower: maximizing ? nil : value,
            upper: maximizing ? value : nil,
            relaxing: relaxes
          )
        }
        sides.append(BoundValue(answer.outcome))
      }
      result.append(VariableBounds(lower: sides[0], upper: sides[1]))
    }
    return result
  }
}
