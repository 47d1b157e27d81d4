/// A variable of a ``LinearSystem``: its position in the system's list of variables.
package struct Variable: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The position of the variable in ``LinearSystem/variables``.
  package let index: Int

  /// The variable at position `index` of its system.
  package init(index: Int) { self.index = index }

  /// Orders variables by position.
  package static func < (lhs: Variable, rhs: Variable) -> Bool { lhs.index < rhs.index }

  /// `x` followed by the position, for messages.
  package var description: String { "x\(index)" }
}

/// A linear expression `sum(coefficient * variable) + constant` with exact coefficients.
///
/// Terms are kept sorted by variable, each variable at most once and never with a zero
/// coefficient, so two expressions that are equal as functions are equal as values.
///
///     let total = LinearExpression.sum([a, b, c])         // a + b + c
///     let gap = total - 2 * LinearExpression(d) + 5        // a + b + c - 2d + 5
package struct LinearExpression: Sendable, Hashable, CustomStringConvertible {
  /// One `coefficient * variable` term.
  package struct Term: Sendable, Hashable {
    /// The variable.
    package var variable: Variable
    /// Its coefficient (never zero inside an expression).
    package var coefficient: Rational

    /// The term `coefficient * variable`.
    package init(_ variable: Variable, _ coefficient: Rational) {
      self.variable = variable
      self.coefficient = coefficient
    }
  }

  /// The terms, sorted by variable, without zero coefficients.
  package private(set) var terms: [Term]
  /// The constant added to the terms.
  package var constant: Rational

  /// The expression `constant` with no variables.
  package init(constant: Rational = 0) {
    self.terms = []
    self.constant = constant
  }

  /// The expression `1 * variable`.
  package init(_ variable: Variable) {
    self.terms = [Term(variable, 1)]
    self.constant = 0
  }

  /// The sum of the given terms (a variable named twice has its coefficients added) plus
  /// `constant`.
  ///
  /// - Complexity: O(*n* log *n*) in the number of terms.
  package init(_ terms: [Term], constant: Rational = 0) {
    let sorted = terms.sorted { $0.variable < $1.variable }
    var merged: [Term] = []
    merged.reserveCapacity(sorted.count)
    for term in sorted {
      if let last = merged.last, last.variable == term.variable {
        merged[merged.count - 1].coefficient += term.coefficient
      } else {
        merged.append(term)
      }
    }
    self.terms = merged.filter { !$0.coefficient.isZero }
    self.constant = constant
  }

  /// The sum of `variables`, each with coefficient 1 (or more when named more than once).
  package static func sum(_ variables: [Variable]) -> LinearExpression {
    LinearExpression(variables.map { Term($0, 1) })
  }

  /// The coefficient of `variable` (zero when absent).
  ///
  /// - Complexity: O(log *n*).
  package func coefficient(of variable: Variable) -> Rational {
    var low = 0
    var high = terms.count
    while low < high {
      let middle = (low + high) / 2
      if terms[middle].variable < variable { low = middle + 1 } else { high = middle }
    }
    return low < terms.count && terms[low].variable == variable ? terms[low].coefficient : 0
  }

  /// The value of the expression at the given values of the variables (indexed by position).
  ///
  /// - Precondition: `values` has an entry for every variable of the expression.
  package func value(at values: [Rational]) -> Rational {
    terms.reduce(constant) { $0 + $1.coefficient * values[$1.variable.index] }
  }

  /// The expression with every coefficient and the constant multiplied by `factor`.
  package func scaled(by factor: Rational) -> LinearExpression {
    if factor.isZero { return LinearExpression(constant: 0) }
    var result = self
    for index in result.terms.indices { result.terms[index].coefficient *= factor }
    result.constant *= factor
    return result
  }

  /// `3*x0 - 1/2*x4 + 7`, for messages.
  package var description: String {
    var parts = terms.map { "\($0.coefficient)*\($0.variable)" }
    if !constant.isZero || parts.isEmpty { parts.append("\(constant)") }
    return parts.joined(separator: " + ")
  }

  // MARK: Operators

  /// The sum of two expressions.
  ///
  /// - Complexity: O(*n* + *m*).
  package static func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var merged: [Term] = []
    merged.reserveCapacity(lhs.terms.count + rhs.terms.count)
    var left = 0
    var right = 0
    while left < lhs.terms.count || right < rhs.terms.count {
      if right == rhs.terms.count
        || (left < lhs.terms.count && lhs.terms[left].variable < rhs.terms[right].variable)
      {
        merged.append(lhs.terms[left])
        left += 1
      } else if left == lhs.terms.count || rhs.terms[right].variable < lhs.terms[left].variable {
        merged.append(rhs.terms[right])
        right += 1
      } else {
        let coefficient = lhs.terms[left].coefficient + rhs.terms[right].coefficient
        if !coefficient.isZero { merged.append(Term(lhs.terms[left].variable, coefficient)) }
        left += 1
        right += 1
      }
    }
    var result = LinearExpression(constant: lhs.constant + rhs.constant)
    result.terms = merged
    return result
  }

  /// The expression with every sign flipped.
  package static prefix func - (operand: LinearExpression) -> LinearExpression {
    operand.scaled(by: -1)
  }

  /// The difference of two expressions.
  package static func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    lhs + (-rhs)
  }

  /// The expression multiplied by a number.
  package static func * (lhs: Rational, rhs: LinearExpression) -> LinearExpression {
    rhs.scaled(by: lhs)
  }

  /// The expression plus a number.
  package static func + (lhs: LinearExpression, rhs: Rational) -> LinearExpression {
    var result = lhs
    result.constant += rhs
    return result
  }

  /// The expression minus a number.
  package static func - (lhs: LinearExpression, rhs: Rational) -> LinearExpression {
    lhs + (-rhs)
  }
}

extension Variable {
  /// The expression `variable + other`.
  package static func + (lhs: Variable, rhs: Variable) -> LinearExpression {
    LinearExpression(lhs) + LinearExpression(rhs)
  }

  /// The expression `variable - other`.
  package static func - (lhs: Variable, rhs: Variable) -> LinearExpression {
    LinearExpression(lhs) - LinearExpression(rhs)
  }

  /// The expression `coefficient * variable`.
  package static func * (lhs: Rational, rhs: Variable) -> LinearExpression {
    LinearExpression([LinearExpression.Term(rhs, lhs)])
  }

  /// The expression `variable + constant`.
  package static func + (lhs: Variable, rhs: Rational) -> LinearExpression {
    LinearExpression(lhs) + rhs
  }

  /// The expression `variable - constant`.
  package static func - (lhs: Variable, rhs: Rational) -> LinearExpression {
    LinearExpression(lhs) - rhs
  }

  /// The expression `expression + variable`.
  package static func + (lhs: LinearExpression, rhs: Variable) -> LinearExpression {
    lhs + LinearExpression(rhs)
  }

  /// The expression `expression - variable`.
  package static func - (lhs: LinearExpression, rhs: Variable) -> LinearExpression {
    lhs - LinearExpression(rhs)
  }
}
