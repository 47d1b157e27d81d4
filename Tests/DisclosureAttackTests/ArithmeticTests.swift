import SurveyDisclosure
import Testing

/// Big integers and exact fractions against Python's `int` and `fractions.Fraction` (through the
/// fixture), plus the boundaries of the 64-bit fast path.
@Suite struct ArithmeticTests {
  static let fixture = ReferenceFixture.shared

  private func big(_ text: String) throws -> BigInteger {
    var digits = Substring(text)
    let isNegative = digits.first == "-"
    if isNegative { digits = digits.dropFirst() }
    let magnitude = try #require(BigInteger(decimalDigits: digits.utf8), "not an integer: \(text)")
    return isNegative ? -magnitude : magnitude
  }

  @Test func `big integers agree with Python`() throws {
    #expect(Self.fixture.integers.count >= 100)
    for reference in Self.fixture.integers {
      let a = try big(reference.a)
      let b = try big(reference.b)
      #expect(a.description == reference.a)
      #expect((a + b).description == reference.sum, "\(reference.a) + \(reference.b)")
      #expect((a - b).description == reference.difference, "\(reference.a) - \(reference.b)")
      #expect((a * b).description == reference.product, "\(reference.a) * \(reference.b)")
      let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
      #expect(quotient.description == reference.quotient, "\(reference.a) / \(reference.b)")
      #expect(remainder.description == reference.remainder, "\(reference.a) % \(reference.b)")
      #expect(
        BigInteger.greatestCommonDivisor(a, b).description == reference.gcd,
        "gcd(\(reference.a), \(reference.b))"
      )
    }
  }

  @Test func `fractions agree with Python`() throws {
    #expect(Self.fixture.rationals.count >= 100)
    for reference in Self.fixture.rationals {
      let a = try rational(reference.a)
      let b = try rational(reference.b)
      let label = "\(reference.a) and \(reference.b)"
      #expect(a.description == reference.a, "\(label): reading back")
      #expect((a + b).description == reference.sum, "\(label): sum")
      #expect((a - b).description == reference.difference, "\(label): difference")
      #expect((a * b).description == reference.product, "\(label): product")
      if let quotient = reference.quotient {
        #expect((a / b).description == quotient, "\(label): quotient")
      }
      #expect(a.floor.description == reference.floorOfA, "\(label): floor")
      #expect(a.ceiling.description == reference.ceilingOfA, "\(label): ceiling")
      #expect((a < b) == reference.less, "\(label): order")
      #expect(((a + b) - b) == a, "\(label): (a + b) - b")
    }
  }

  @Test func `decimal text is read exactly`() throws {
    for reference in Self.fixture.decimals {
      let value = try #require(Rational(reference.text), "cannot read '\(reference.text)'")
      #expect(value.description == reference.value, "'\(reference.text)'")
    }
  }

  @Test(arguments: ["", "-", "1/0", "a", "1..2", "1e", "1e12345", "--1", "1/2/3", "0x10"])
  func `malformed text is refused`(text: String) {
    #expect(Rational(text) == nil)
  }

  @Test func `text longer than the limit is refused`() {
    #expect(Rational(String(repeating: "9", count: Rational.maximumTextLength + 1)) == nil)
    #expect(Rational(String(repeating: "9", count: Rational.maximumTextLength)) != nil)
  }

  @Test func `the 64-bit fast path hands over to big integers and back`() {
    let largest = Rational(Int(Int64.max))
    let sum = largest + 1
    #expect(sum.description == "9223372036854775808")
    #expect(sum - 1 == largest)
    if case .small = (sum - 1).storage {} else { Issue.record("did not come back to 64 bits") }
    let square = largest * largest
    #expect(square / largest == largest)
    #expect((-largest - 1).description == "-9223372036854775808")
    #expect(Rational(Int.min).description == "-9223372036854775808")
    let tiny = Rational(numerator: 1, denominator: Int(Int64.max))
    #expect((tiny * tiny).description == "1/85070591730234615847396907784232501249")
    #expect(tiny * tiny * largest * largest == 1)
  }

  @Test func `doubles convert exactly or by their shortest decimal`() throws {
    #expect(Rational(exactly: 0.5) == Rational(numerator: 1, denominator: 2))
    #expect(Rational(exactly: 0.1)?.description == "3602879701896397/36028797018963968")
    #expect(Rational(exactly: -3.0) == -3)
    #expect(Rational(exactly: .infinity) == nil)
    #expect(Rational(exactly: .leastNonzeroMagnitude)?.doubleValue == .leastNonzeroMagnitude)
    #expect(Rational(shortestDecimalOf: 0.235) == Rational(numerator: 47, denominator: 200))
    let literal: Rational = 23.5
    #expect(literal == Rational(numerator: 47, denominator: 2))
    #expect(Rational(numerator: 6, denominator: -8).description == "-3/4")
  }
}
