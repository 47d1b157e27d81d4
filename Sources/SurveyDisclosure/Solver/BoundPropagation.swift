/// The result of ``LinearSystem/propagatedBounds(integral:maximumRounds:)``.
package enum PropagationOutcome: Sendable, Hashable {
  /// Valid bounds for every variable, by position (`nil`: none found), after `rounds` passes
  /// (`reachedFixedPoint` is false when the round limit stopped it first; the bounds are valid
  /// either way, only perhaps not as tight as propagation could make them).
  case bounds(lower: [Rational?], upper: [Rational?], rounds: Int, reachedFixedPoint: Bool)
  /// No point satisfies the system: the constraint at index `constraint` cannot hold within the
  /// bounds (or, when `nil`, a variable's own bounds cross).
  case infeasible(constraint: Int?)
}

extension LinearSystem {
  /// Bounds of every variable by interval propagation: each constraint bounds each of its
  /// variables by what the others can contribute, repeated until nothing changes.
  ///
  /// For a constraint `sum(a_k x_k) <= b`, the smallest possible activity of the other terms gives
  /// `a_i x_i <= b - sum_{k != i} min(a_k x_k)`, so an upper bound when `a_i > 0` and a lower
  /// bound when `a_i < 0`; `>=` is the mirror and `==` is both. With `integral`, integer variables
  /// have their bounds rounded inwards at every step, which is what settles counts (a published
  /// total of 4 over two hidden cells, one of which is at least 4, fixes the other at 0). The
  /// bounds are valid for every point of the system (for every integer point with `integral`)
  /// and cheap, but not tight in general: they see one constraint at a time, where the linear
  /// program sees all of them.
  ///
  /// A constraint is visited again whenever a bound of one of its variables changes; a pass is
  /// one visit of every constraint in the queue. Continuous variables can improve by ever smaller
  /// amounts for ever: their new bounds are rounded outwards to multiples of 1/2^20 and kept only
  /// when they gain more than 1e-6 (relative above 1), which keeps them valid and the numbers
  /// short; `maximumRounds` bounds the rest.
  ///
  /// - Parameters:
  ///   - integral: Whether integer variables get integer bounds (valid for integer points only).
  ///   - maximumRounds: The most passes over the constraints.
  /// - Returns: The bounds, or the constraint that proves the system infeasible.
  /// - Complexity: O(`maximumRounds` · number of nonzero coefficients).
  package func propagatedBounds(
    integral: Bool = true,
    maximumRounds: Int = 100
  )
    -> PropagationOutcome
  {
    var lower = variables.map { integral && $0.isInteger ? $0.lower?.ceiling : $0.lower }
    var upper = variables.map { integral && $0.isInteger ? $0.upper?.floor : $0.upper }
    for index in variables.indices {
      if let low = lower[index], let high = upper[index], low > high {
        return .infeasible(constraint: nil)
      }
    }
    var constraintsOf = [[Int]](repeating: [], count: variables.count)
    for (index, constraint) in constraints.enumerated() {
      for term in constraint.expression.terms { constraintsOf[term.variable.index].append(index) }
    }
    var queue = Array(constraints.indices)
    var queued = [Bool](repeating: true, count: constraints.count)
    var rounds = 0
    while !queue.isEmpty {
      if rounds == maximumRounds {
        return .bounds(lower: lower, upper: upper, rounds: rounds, reachedFixedPoint: false)
      }
      rounds += 1
      let pass = queue
      queue = []
      for index in pass {
        queued[index] = false
        let constraint = constraints[index]
        let terms = constraint.expression.terms
        var changed: [Int] = []
        // Upper side: activity <= b.
        if constraint.relation != .greaterOrEqual {
          let sides = terms.map { term -> Rational? in
            term.coefficient.signum > 0
              ? lower[term.variable.index].map { term.coefficient * $0 }
              : upper[term.variable.index].map { term.coefficient * $0 }
          }
          guard
            tighten(
              terms,
              smallest: sides,
              limit: constraint.rightHandSide,
              isUpper: true,
              integral: integral,
              lower: &lower,
              upper: &upper,
              changed: &changed
            )
          else { return .infeasible(constraint: index) }
        }
        // Lower side: activity >= b, that is -activity <= -b.
        if constraint.relation != .lessOrEqual {
          let sides = terms.map { term -> Rational? in
            term.coefficient.signum > 0
              ? upper[term.variable.index].map { -(term.coefficient * $0) }
              : lower[term.variable.index].map { -(term.coefficient * $0) }
          }
          guard
            tighten(
              terms,
              smallest: sides,
              limit: -constraint.rightHandSide,
              isUpper: false,
              integral: integral,
              lower: &lower,
              upper: &upper,
              changed: &changed
            )
          else { return .infeasible(constraint: index) }
        }
        for variable in changed {
          if let low = lower[variable], let high = upper[variable], low > high {
            return .infeasible(constraint: index)
          }
          for other in constraintsOf[variable] where !queued[other] {
            queued[other] = true
            queue.append(other)
          }
        }
      }
    }
    return .bounds(lower: lower, upper: upper, rounds: rounds, reachedFixedPoint: true)
  }

  /// Applies `sum(s_k * a_k x_k) <= limit` to the bounds of its variables.
  ///
  /// `s = 1` for the upper side and `s = -1` for the lower side; `smallest[k]` is the smallest
  /// value of the k-th signed term (`nil` when unbounded below). Returns false when the
  /// constraint cannot hold.
  private func tighten(
    _ terms: [LinearExpression.Term],
    smallest: [Rational?],
    limit: Rational,
    isUpper: Bool,
    integral: Bool,
    lower: inout [Rational?],
    upper: inout [Rational?],
    changed: inout [Int]
  ) -> Bool {
    var finiteSum = Rational.zero
    var unboundedCount = 0
    var unboundedPosition = -1
    for (position, side) in smallest.enumerated() {
      if let side {
        finiteSum += side
      } else {
        unboundedCount += 1
        unboundedPosition = position
      }
    }
    if unboundedCount == 0 && finiteSum > limit { return false }
    if unboundedCount > 1 { return true }
    for (position, term) in terms.enumerated() {
      if unboundedCount == 1 && position != unboundedPosition { continue }
      // s * a_i x_i <= limit - (sum of the others' smallest values)
      let others = unboundedCount == 1 ? finiteSum : finiteSum - (smallest[position] ?? 0)
      let residual = limit - others
      let signed = isUpper ? term.coefficient : -term.coefficient
      let bound = residual / signed
      let variable = term.variable.index
      let isInteger = integral && variables[variable].isInteger
      if signed.signum > 0 {
        let newUpper = isInteger ? bound.floor : Self.roundedOutwards(bound, up: true)
        if Self.improves(newUpper, on: upper[variable], isInteger: isInteger, up: true) {
          upper[variable] = newUpper
          changed.append(variable)
        }
      } else {
        let newLower = isInteger ? bound.ceiling : Self.roundedOutwards(bound, up: false)
        if Self.improves(newLower, on: lower[variable], isInteger: isInteger, up: false) {
          lower[variable] = newLower
          changed.append(variable)
        }
      }
    }
    return true
  }

  /// The grid that bounds of continuous variables are rounded out to (1/2^20).
  static let continuousGrid = Rational(1 << 20)

  /// `bound` rounded outwards (up for an upper bound) to a multiple of 1/2^20: a weaker bound, so
  /// still valid, with a small denominator, so that repeated propagation cannot build ever longer
  /// fractions.
  static func roundedOutwards(_ bound: Rational, up: Bool) -> Rational {
    let scaled = bound * continuousGrid
    if scaled.isInteger { return bound }
    return (up ? scaled.ceiling : scaled.floor) / continuousGrid
  }

  /// Whether a new bound is worth keeping: any improvement for integer variables, and for
  /// continuous ones an improvement of more than 1e-6 (relative to the old bound when above 1),
  /// so that a fixed point is reached after finitely many steps.
  static func improves(_ new: Rational, on old: Rational?, isInteger: Bool, up: Bool) -> Bool {
    guard let old else { return true }
    let gain = up ? old - new : new - old
    guard gain.signum > 0 else { return false }
    if isInteger { return true }
    let scale = max(Rational.one, old.magnitude)
    return gain > scale * Rational(numerator: 1, denominator: 1_000_000)
  }
}
