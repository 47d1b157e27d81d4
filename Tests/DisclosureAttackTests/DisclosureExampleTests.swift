import SurveyDisclosure
import Testing

/// The range of every variable over the integer points of `system` inside `box`.
///
/// Found by trying every point: an oracle that shares nothing with the solver. `nil` when no
/// point of the box satisfies the system. The box must contain every point of the system
/// (each test says why its box does).
func enumeratedRanges(_ system: LinearSystem, box: [ClosedRange<Int>]) -> [ClosedRange<Int>]? {
  var smallest = [Int](repeating: .max, count: box.count)
  var largest = [Int](repeating: .min, count: box.count)
  var point = [Rational](repeating: 0, count: box.count)
  var found = false
  func visit(_ index: Int) {
    if index == box.count {
      guard system.isSatisfied(by: point) else { return }
      found = true
      for (position, value) in point.enumerated() {
        let integer = value.intValue ?? 0
        smallest[position] = min(smallest[position], integer)
        largest[position] = max(largest[position], integer)
      }
      return
    }
    for value in box[index] {
      point[index] = Rational(value)
      visit(index + 1)
    }
  }
  visit(0)
  return found ? zip(smallest, largest).map { $0...$1 } : nil
}

/// The solver's range of every variable, as integers, when both sides are attained.
func solvedRanges(_ system: LinearSystem) -> [ClosedRange<Int>?] {
  var solver = BoundSolver(system)
  return solver.allBounds().map { bounds in
    guard let low = bounds.lower.attainedValue?.intValue,
      let high = bounds.upper.attainedValue?.intValue
    else { return nil }
    return low...high
  }
}

/// The classic ways a published table gives away a hidden cell (issue 18), each written as the
/// constraints an attacker would read off the publication.
@Suite struct DisclosureExampleTests {
  /// A 2 x 3 table with its totals published. The small cell Yes/A (2) is hidden, and so is a
  /// second cell of the same row (Yes/B, 15), which protects the row but not the columns:
  ///
  ///                 A     B     C   total
  ///     Yes         *     *     9     26
  ///     No          4     7    11     22
  ///     total       6    22    20     48
  @Test func `a secondary suppression in the same row does not protect a small cell`() {
    var system = LinearSystem()
    let yesA = system.addVariable(name: "Yes/A")
    let yesB = system.addVariable(name: "Yes/B")
    system.require(yesA + yesB, equals: 26 - 9)
    system.require(LinearExpression(yesA), equals: 6 - 4)
    system.require(LinearExpression(yesB), equals: 22 - 7)
    // Every cell lies between 0 and the grand total.
    let oracle = enumeratedRanges(system, box: [0...48, 0...48])
    #expect(oracle == [2...2, 15...15])
    #expect(solvedRanges(system) == oracle.map { $0.map(Optional.some) })
    var solver = BoundSolver(system)
    let determination = solver.determination(of: yesA)
    #expect(determination == .determined(2))
    let isDetermined = solver.determinedExactly(yesB)
    #expect(isDetermined)
  }

  /// Four hidden cells at the corners of a rectangle, all totals published: one degree of
  /// freedom remains, so no hidden cell is determined.
  ///
  ///                 A     B     C   total
  ///     Yes         *     *     9     14
  ///     No          *     *    11     16
  ///     total       6     4    20     30
  @Test func `four hidden cells in a rectangle protect each other`() {
    var system = LinearSystem()
    let yesA = system.addVariable(name: "Yes/A")
    let yesB = system.addVariable(name: "Yes/B")
    let noA = system.addVariable(name: "No/A")
    let noB = system.addVariable(name: "No/B")
    system.require(yesA + yesB, equals: 14 - 9)
    system.require(noA + noB, equals: 16 - 11)
    system.require(yesA + noA, equals: 6)
    system.require(yesB + noB, equals: 4)
    // Each cell lies between 0 and its column total.
    let oracle = enumeratedRanges(system, box: [0...6, 0...4, 0...6, 0...4])
    let solved = solvedRanges(system)
    #expect(solved == oracle.map { $0.map(Optional.some) })
    #expect(oracle == [1...5, 0...4, 1...5, 0...4])
    var solver = BoundSolver(system)
    for cell in [yesA, yesB, noA, noB] {
      let isDetermined = solver.determinedExactly(cell)
      #expect(!isDetermined, "\(system.variables[cell.index].name)")
    }
  }

  /// Route 1: an indicator undoes the item's suppression.
  ///
  /// The item hides "Often/always" (and, as a secondary suppression, "Occasionally"), while the
  /// indicator "lonely always, often or some of the time" publishes its count for the
  /// same group. The item alone protects the cell; together with the indicator it does not.
  ///
  ///     How often do you feel lonely? (area X, base 40)
  ///       Hardly ever or never  20
  ///       Occasionally           *
  ///       Some of the time       7
  ///       Often/always           *
  ///     Lonely always, often or some of the time: yes 11
  @Test func `an indicator that sums two categories recovers the hidden count`() {
    var system = LinearSystem()
    let occasionally = system.addVariable(name: "Occasionally")
    let often = system.addVariable(name: "Often/always")
    system.require(occasionally + often, equals: 40 - 20 - 7)
    // Each hidden count lies between 0 and the base.
    let box = [0...40, 0...40]
    let itemAlone = enumeratedRanges(system, box: box)
    #expect(itemAlone == [0...13, 0...13])
    #expect(solvedRanges(system) == itemAlone.map { $0.map(Optional.some) })
    var solver = BoundSolver(system)
    let isDetermined = solver.determinedExactly(often)
    #expect(!isDetermined)

    system.require(often + 7, equals: 11)  // the indicator
    let withIndicator = enumeratedRanges(system, box: box)
    #expect(withIndicator == [9...9, 4...4])
    #expect(solvedRanges(system) == withIndicator.map { $0.map(Optional.some) })
    var attacker = BoundSolver(system)
    let determination = attacker.determination(of: often)
    #expect(determination == .determined(4))
  }

  /// Route 4: bases rounded to 5 (A "10", B "15", C "5") hide area C's base, but the score
  /// summaries print the exact n of A (12) and B (17) and the whole sample's (32).
  @Test func `an exact total undoes rounding to 5`() {
    var system = LinearSystem()
    let baseA = system.addVariable(name: "base A")
    let baseB = system.addVariable(name: "base B")
    let baseC = system.addVariable(name: "base C")
    system.requireRounded(LinearExpression(baseA), published: 10, step: 5)
    system.requireRounded(LinearExpression(baseB), published: 15, step: 5)
    system.requireRounded(LinearExpression(baseC), published: 5, step: 5)
    system.require(LinearExpression.sum([baseA, baseB, baseC]), equals: 32)
    // Rounding to 5 keeps each base within 2 of its published value.
    let box = [8...12, 13...17, 3...7]
    let roundedOnly = enumeratedRanges(system, box: box)
    #expect(roundedOnly == [8...12, 13...17, 3...7])
    #expect(solvedRanges(system) == roundedOnly.map { $0.map(Optional.some) })
    var solver = BoundSolver(system)
    let isDetermined = solver.determinedExactly(baseC)
    #expect(!isDetermined)

    system.require(LinearExpression(baseA), equals: 12)  // score summary of A
    system.require(LinearExpression(baseB), equals: 17)  // score summary of B
    let withExact = enumeratedRanges(system, box: box)
    #expect(withExact == [12...12, 17...17, 3...3])
    var attacker = BoundSolver(system)
    let determination = attacker.determination(of: baseC)
    #expect(determination == .determined(3))
  }

  /// A percentage of a hidden base is still linear: "23%" of a base published rounded to 5 as
  /// "40" (so 38 to 42) leaves a single count, 9, since 9/39 and 9/40 round to 23% and no count
  /// does for bases 38, 41 or 42.
  @Test func `a percentage of a rounded base can determine the count`() {
    var system = LinearSystem()
    let count = system.addVariable(name: "count")
    let base = system.addVariable(name: "base")
    system.requireRounded(LinearExpression(base), published: 40, step: 5)
    system.requireRoundedRatio(
      numerator: LinearExpression(count),
      denominator: LinearExpression(base),
      published: 23
    )
    // The base is within 2 of 40; the count cannot exceed it.
    let oracle = enumeratedRanges(system, box: [0...42, 38...42])
    #expect(oracle == [9...9, 39...40])
    #expect(solvedRanges(system) == oracle.map { $0.map(Optional.some) })
    var solver = BoundSolver(system)
    let determination = solver.determination(of: count)
    #expect(determination == .determined(9))
    let isDetermined = solver.determinedExactly(base)
    #expect(!isDetermined)
    // The linear relaxation alone does not see it: with fractional values the base can be
    // 37.5 and the count 22.5% of it.
    let relaxed = solver.bounds(of: count, relaxingIntegrality: true)
    #expect(relaxed.lower == .attained(Rational(numerator: 225, denominator: 1000) * 37.5))
  }
}
