/// How the two sides of a ``Constraint`` relate.
package enum Relation: Sendable, Hashable {
  /// `expression == rightHandSide`.
  case equal
  /// `expression <= rightHandSide`.
  case lessOrEqual
  /// `expression >= rightHandSide`.
  case greaterOrEqual
}

/// One linear constraint `sum(coefficient * variable) (==, <=, >=) rightHandSide`.
package struct Constraint: Sendable, Hashable, CustomStringConvertible {
  /// The left-hand side, always with a zero constant (constants are moved to the right).
  package private(set) var expression: LinearExpression
  /// The relation between the two sides.
  package var relation: Relation
  /// The right-hand side.
  package private(set) var rightHandSide: Rational

  /// The constraint `expression relation rightHandSide`; a constant in `expression` is moved to
  /// the right-hand side.
  package init(_ expression: LinearExpression, _ relation: Relation, _ rightHandSide: Rational) {
    self.rightHandSide = rightHandSide - expression.constant
    var expression = expression
    expression.constant = 0
    self.expression = expression
    self.relation = relation
  }

  /// Whether the values (indexed by variable position) satisfy the constraint exactly.
  package func isSatisfied(by values: [Rational]) -> Bool {
    let left = expression.value(at: values)
    switch relation {
    case .equal: return left == rightHandSide
    case .lessOrEqual: return left <= rightHandSide
    case .greaterOrEqual: return left >= rightHandSide
    }
  }

  /// `2*x0 + 1*x3 <= 7`, for messages.
  package var description: String {
    let symbol =
      switch relation {
      case .equal: "=="
      case .lessOrEqual: "<="
      case .greaterOrEqual: ">="
      }
    return "\(expression) \(symbol) \(rightHandSide)"
  }
}

/// A system of linear constraints over variables with bounds and integrality: what an attacker
/// knows about the hidden cells of a publication.
///
/// Each hidden figure becomes a variable (by default an integer count in `0...`), each published
/// fact a constraint. ``BoundSolver`` then bounds any variable, or tells whether it is determined.
///
/// Worked example: a 2 x 3 table of counts with its row and column totals published and two cells
/// of the first row hidden (the small one, 2, and a secondary suppression, 15).
///
///                 A     B     C   total
///     Yes         *     *     9     26
///     No          4     7    11     22
///     total       6    22    20     48
///
/// Every published count is a constant; every hidden cell a variable; every total an equation
/// whose constant part (the published cells) moves to the right-hand side:
///
///     var system = LinearSystem()
///     let yesA = system.addVariable(name: "Yes/A")   // integer, 0...
///     let yesB = system.addVariable(name: "Yes/B")
///     system.require(yesA + yesB, equals: 26 - 9)    // row Yes
///     system.require(LinearExpression(yesA), equals: 6 - 4)   // column A
///     system.require(LinearExpression(yesB), equals: 22 - 7)  // column B
///     var solver = BoundSolver(system)
///     solver.determination(of: yesA)   // .determined(2): the suppression protects nothing
///
/// Only what is published goes in; the attacker's reasoning about it (non-negative integer
/// counts, sums, rounding intervals) is the constraints. Figures that are sums of other figures
/// (indicators, headline rows, bases) are equations over the same variables, so a value hidden in
/// one table and derivable from another is found. Percentages and rounded counts are intervals:
/// see ``requireRounded(_:published:step:upperIsStrict:)`` and
/// ``requireRoundedRatio(numerator:denominator:published:scale:step:upperIsStrict:)``.
package struct LinearSystem: Sendable, Hashable {
  /// The description of one variable.
  package struct VariableInfo: Sendable, Hashable {
    /// A name for messages (for example the cell's row and column).
    package var name: String
    /// The lower bound, or `nil` for none.
    package var lower: Rational?
    /// The upper bound, or `nil` for none.
    package var upper: Rational?
    /// Whether the variable takes only integer values.
    package var isInteger: Bool
  }

  /// The variables, in the order they were added.
  package private(set) var variables: [VariableInfo] = []
  /// The constraints, in the order they were added.
  package private(set) var constraints: [Constraint] = []

  /// An empty system.
  package init() {}

  /// The number of variables.
  package var variableCount: Int { variables.count }

  /// Adds a variable and returns it.
  ///
  /// - Parameters:
  ///   - name: A name for messages.
  ///   - lower: The lower bound (`nil` for none); counts start at 0, the default.
  ///   - upper: The upper bound (`nil`, the default, for none).
  ///   - isInteger: Whether only integer values are allowed (the default: counts).
  /// - Returns: The new variable.
  @discardableResult
  package mutating func addVariable(
    name: String = "",
    lower: Rational? = 0,
    upper: Rational? = nil,
    isInteger: Bool = true
  ) -> Variable {
    variables.append(
      VariableInfo(
        name: name.isEmpty ? "x\(variables.count)" : name,
        lower: lower,
        upper: upper,
        isInteger: isInteger
      )
    )
    return Variable(index: variables.count - 1)
  }

  /// Adds a constraint.
  ///
  /// - Precondition: every variable of the constraint belongs to this system.
  package mutating func add(_ constraint: Constraint) {
    precondition(
      constraint.expression.terms.allSatisfy { $0.variable.index < variables.count },
      "the constraint names a variable that is not in the system"
    )
    constraints.append(constraint)
  }

  /// Adds the constraint `expression relation rightHandSide`.
  package mutating func addConstraint(
    _ expression: LinearExpression,
    _ relation: Relation,
    _ rightHandSide: Rational
  ) {
    add(Constraint(expression, relation, rightHandSide))
  }

  /// Requires `expression == value`.
  package mutating func require(_ expression: LinearExpression, equals value: Rational) {
    addConstraint(expression, .equal, value)
  }

  /// Requires `expression >= value`.
  package mutating func require(_ expression: LinearExpression, atLeast value: Rational) {
    addConstraint(expression, .greaterOrEqual, value)
  }

  /// Requires `expression <= value`.
  package mutating func require(_ expression: LinearExpression, atMost value: Rational) {
    addConstraint(expression, .lessOrEqual, value)
  }

  /// Requires `expression < value`.
  ///
  /// Linear programs have no strict inequalities. When the expression only takes integer values
  /// up to a common factor (integer variables, rational coefficients), the constraint is exact:
  /// with `L` the least common multiple of the denominators, `L * expression <= ceil(L * value) - 1`.
  /// Otherwise it becomes `expression <= value`, a relaxation that keeps the boundary value (bounds
  /// can then only be wider, never wrong).
  ///
  /// - Returns: Whether the strict constraint was represented exactly.
  @discardableResult
  package mutating func require(_ expression: LinearExpression, lessThan value: Rational) -> Bool {
    guard let scale = integralScale(of: expression) else {
      require(expression, atMost: value)
      return false
    }
    let scaled = expression.scaled(by: scale)
    let limit = (value * scale - scaled.constant).ceiling - 1
    var terms = scaled
    terms.constant = 0
    require(terms, atMost: limit)
    return true
  }

  /// Requires `expression > value`: the mirror of ``require(_:lessThan:)``, exact for
  /// expressions over integer variables, otherwise relaxed to `expression >= value`.
  ///
  /// - Returns: Whether the strict constraint was represented exactly.
  @discardableResult
  package mutating func require(
    _ expression: LinearExpression,
    greaterThan value: Rational
  )
    -> Bool
  {
    require(-expression, lessThan: -value)
  }

  /// Requires that `expression`, rounded to a multiple of `step`, was published as `published`:
  /// `published - step/2 <= expression <= published + step/2` (or `< published + step/2` when
  /// `upperIsStrict`, the interval of rounding half up for non-negative values).
  ///
  /// The closed interval is the safe default: it also covers rounding half to even and floating
  /// point ties, so it never excludes the true value. For an integer count rounded to 5 both give
  /// `published - 2 ... published + 2`.
  ///
  ///     system.requireRounded(LinearExpression(base), published: 5, step: 5)  // base in 3...7
  ///
  /// - Precondition: `step` is positive.
  package mutating func requireRounded(
    _ expression: LinearExpression,
    published: Rational,
    step: Rational,
    upperIsStrict: Bool = false
  ) {
    precondition(step.signum > 0, "a rounding step must be positive")
    let half = step / 2
    require(expression, atLeast: published - half)
    if upperIsStrict {
      require(expression, lessThan: published + half)
    } else {
      require(expression, atMost: published + half)
    }
  }

  /// Requires that the ratio `scale * numerator / denominator`, rounded to `step`, was published.
  ///
  /// The published value is `published` and the denominator is positive (a base of people). The
  /// linear constraints are
  ///
  ///     scale * numerator - (published - step/2) * denominator >= 0
  ///     scale * numerator - (published + step/2) * denominator <= 0   (< 0 when upperIsStrict)
  ///     denominator > 0
  ///
  /// Both the numerator and the denominator may contain variables: a percentage whose base is
  /// hidden is still linear. With `scale` 100 and `step` 1 this is a whole-number percentage; with
  /// `step` 1/10 one decimal.
  ///
  ///     // "23%" of a hidden base, count hidden too:
  ///     system.requireRoundedRatio(
  ///       numerator: LinearExpression(count), denominator: LinearExpression(base),
  ///       published: 23, scale: 100, step: 1)
  ///
  /// - Precondition: `step` is positive.
  package mutating func requireRoundedRatio(
    numerator: LinearExpression,
    denominator: LinearExpression,
    published: Rational,
    scale: Rational = 100,
    step: Rational = 1,
    upperIsStrict: Bool = false
  ) {
    precondition(step.signum > 0, "a rounding step must be positive")
    let half = step / 2
    require(scale * numerator - (published - half) * denominator, atLeast: 0)
    if upperIsStrict {
      require(scale * numerator - (published + half) * denominator, lessThan: 0)
    } else {
      require(scale * numerator - (published + half) * denominator, atMost: 0)
    }
    require(denominator, greaterThan: 0)
  }

  /// The positive factor that makes `expression` integer-valued on integer points, or `nil` when
  /// it has a continuous variable.
  func integralScale(of expression: LinearExpression) -> Rational? {
    var multiple = BigInteger(Int64(1))
    for term in expression.terms {
      guard variables[term.variable.index].isInteger else { return nil }
      multiple = Self.leastCommonMultiple(multiple, term.coefficient.denominatorValue)
    }
    multiple = Self.leastCommonMultiple(multiple, expression.constant.denominatorValue)
    return Rational.reduced(multiple, BigInteger(Int64(1)))
  }

  private static func leastCommonMultiple(_ first: BigInteger, _ second: BigInteger) -> BigInteger {
    let divisor = BigInteger.greatestCommonDivisor(first, second)
    return (first * second).quotientAndRemainder(dividingBy: divisor).quotient
  }

  /// Whether `values` (indexed by variable position) satisfy every bound, integrality flag and
  /// constraint exactly.
  ///
  /// - Parameters:
  ///   - values: A value for every variable.
  ///   - ignoringIntegrality: Whether to accept fractional values of integer variables (a point
  ///     of the linear relaxation).
  /// - Returns: Whether the point belongs to the system.
  /// - Complexity: O(*n* + number of nonzero coefficients).
  package func isSatisfied(by values: [Rational], ignoringIntegrality: Bool = false) -> Bool {
    guard values.count == variables.count else { return false }
    for (variable, value) in zip(variables, values) {
      if let lower = variable.lower, value < lower { return false }
      if let upper = variable.upper, value > upper { return false }
      if !ignoringIntegrality && variable.isInteger && !value.isInteger { return false }
    }
    return constraints.allSatisfy { $0.isSatisfied(by: values) }
  }

  /// Replaces the bounds of `variable` (used by the solvers to add proven bounds).
  mutating func setBounds(of variable: Variable, lower: Rational?, upper: Rational?) {
    variables[variable.index].lower = lower
    variables[variable.index].upper = upper
  }
}
