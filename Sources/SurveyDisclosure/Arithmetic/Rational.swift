/// An exact rational number: the only kind of number the solvers compute with.
///
/// Values are kept in lowest terms with a positive denominator. While the numerator and the
/// denominator fit in 64 bits (magnitude at most 2^63 - 1) they are stored inline and the
/// arithmetic runs on 64- and 128-bit machine integers; an operation whose result does not fit
/// moves to arbitrary precision (``BigInteger``) and comes back once the result fits again. So no
/// operation ever overflows or rounds: the limit is memory and time, not precision.
///
/// The constraint matrices of published tables are mostly 0/1 with integer counts, for which every
/// simplex step stays on the inline path with denominator 1 (the fast path of `+`, `-` and `*`).
/// Percentages bring small denominators (200, 1000); arbitrary precision is reached only by
/// systems with long chains of unrelated fractions.
///
///     let share = Rational(numerator: 47, denominator: 200)  // 0.235
///     let bound = share * 40  // 47/5
///     bound.ceiling  // 10
///
/// `Double` values are never converted silently: use ``init(exactly:)`` for the exact binary
/// value or ``init(shortestDecimalOf:)`` (also used by float literals) for the decimal that a
/// person wrote, such as `0.235`.
package struct Rational: Sendable, Hashable {
  package enum Storage: Sendable, Hashable {
    /// Numerator and denominator in 64 bits: `denominator > 0`, `numerator != Int64.min`,
    /// in lowest terms.
    case small(numerator: Int64, denominator: Int64)
    /// Arbitrary precision, only for values that do not fit `small`; same invariants.
    case large(numerator: BigInteger, denominator: BigInteger)
  }

  package var storage: Storage

  private init(storage: Storage) { self.storage = storage }

  /// Zero.
  package static let zero = Rational(0)
  /// One.
  package static let one = Rational(1)

  /// The integer `value`.
  package init(_ value: Int) {
    if value == Int.min {
      self.init(storage: .large(numerator: BigInteger(Int64(value)), denominator: BigInteger(1)))
    } else {
      self.init(storage: .small(numerator: Int64(value), denominator: 1))
    }
  }

  /// The fraction `numerator / denominator`, reduced to lowest terms.
  ///
  /// - Precondition: `denominator` is not zero.
  package init(numerator: Int, denominator: Int) {
    precondition(denominator != 0, "a rational number needs a non-zero denominator")
    self = Rational.reduced(Int128(numerator), Int128(denominator))
  }

  /// The exact binary value of a finite `Double` (for example `0.1` becomes
  /// 3602879701896397 / 36028797018963968), or `nil` for infinities and NaN.
  ///
  /// Use ``init(shortestDecimalOf:)`` when the `Double` stands for a decimal that a person wrote.
  package init?(exactly value: Double) {
    guard value.isFinite else { return nil }
    if value == 0 {
      self = .zero
      return
    }
    // A finite Double is an integer significand times a power of two.
    let significand: UInt64
    let shift: Int
    if value.isNormal {
      significand = value.significandBitPattern | (1 << 52)
      shift = Int(value.exponent) - 52
    } else {
      significand = value.significandBitPattern
      shift = -1074
    }
    let power = Rational.powerOfTwo(abs(shift))
    let integer = Rational(Int(significand))
    let result = shift >= 0 ? integer * power : integer / power
    self = value < 0 ? -result : result
  }

  /// The shortest decimal that reads back as `value` (the digits of `value.description`), or
  /// `nil` for infinities and NaN.
  ///
  /// For a `Double` written as a decimal with at most 15 significant digits, this is that decimal
  /// exactly: `Rational(shortestDecimalOf: 0.235) == Rational(numerator: 47, denominator: 200)`.
  package init?(shortestDecimalOf value: Double) {
    guard value.isFinite, let parsed = Rational(value.description) else { return nil }
    self = parsed
  }

  // MARK: Properties

  /// Whether the value is zero.
  package var isZero: Bool {
    if case .small(let numerator, _) = storage { return numerator == 0 }
    return false
  }

  /// Whether the value has denominator 1.
  package var isInteger: Bool {
    switch storage {
    case .small(_, let denominator): denominator == 1
    case .large(_, let denominator): denominator == BigInteger(1)
    }
  }

  /// -1, 0 or 1 as the value is negative, zero or positive.
  package var signum: Int {
    switch storage {
    case .small(let numerator, _): numerator == 0 ? 0 : (numerator < 0 ? -1 : 1)
    case .large(let numerator, _): numerator.isNegative ? -1 : 1
    }
  }

  /// A `Double` near the value (within a few units in the last place; exact for integers and
  /// dyadic fractions that fit a `Double`).
  package var doubleValue: Double {
    switch storage {
    case .small(let numerator, let denominator):
      return Double(numerator) / Double(denominator)
    case .large(let numerator, let denominator):
      // A 64-bit quotient q of the magnitudes scaled by 2^shift, then q * 2^-shift.
      let shift = 64 - (numerator.bitWidth - denominator.bitWidth)
      let scaled =
        shift >= 0
        ? (numerator.magnitude * BigInteger.powerOfTwo(shift))
          .quotientAndRemainder(dividingBy: denominator).quotient
        : numerator.magnitude.quotientAndRemainder(
          dividingBy: denominator * BigInteger.powerOfTwo(-shift)
        ).quotient
      let magnitude = Double(sign: .plus, exponent: -shift, significand: scaled.doubleValue)
      return numerator.isNegative ? -magnitude : magnitude
    }
  }

  /// The value as an `Int` when it is an integer that fits, otherwise `nil`.
  package var intValue: Int? {
    guard case .small(let numerator, 1) = storage else { return nil }
    return Int(exactly: numerator)
  }

  /// The largest integer not above the value.
  package var floor: Rational {
    switch storage {
    case .small(let numerator, let denominator):
      if denominator == 1 { return self }
      var quotient = numerator / denominator
      if numerator < 0 { quotient -= 1 }
      return Rational(storage: .small(numerator: quotient, denominator: 1))
    case .large(let numerator, let denominator):
      var (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
      if remainder.isNegative { quotient = quotient - BigInteger(1) }
      return Rational.reduced(quotient, BigInteger(1))
    }
  }

  /// The smallest integer not below the value.
  package var ceiling: Rational { -((-self).floor) }

  /// The numerator and denominator in arbitrary precision.
  var bigParts: (numerator: BigInteger, denominator: BigInteger) {
    switch storage {
    case .small(let numerator, let denominator): (BigInteger(numerator), BigInteger(denominator))
    case .large(let numerator, let denominator): (numerator, denominator)
    }
  }

  /// The denominator in arbitrary precision (1 for integers).
  var denominatorValue: BigInteger { bigParts.denominator }

  // MARK: Normalization

  static func reduced(_ numerator: Int128, _ denominator: Int128) -> Rational {
    var numerator = numerator
    var denominator = denominator
    if denominator < 0 {
      numerator = -numerator
      denominator = -denominator
    }
    let divisor = greatestCommonDivisor(numerator.magnitude, denominator.magnitude)
    if divisor > 1 {
      numerator /= Int128(divisor)
      denominator /= Int128(divisor)
    }
    if let smallNumerator = Int64(exactly: numerator), smallNumerator != .min,
      let smallDenominator = Int64(exactly: denominator)
    {
      return Rational(storage: .small(numerator: smallNumerator, denominator: smallDenominator))
    }
    return Rational(
      storage: .large(
        numerator: BigInteger(wide: numerator),
        denominator: BigInteger(wide: denominator)
      )
    )
  }

  /// The fraction `numerator / denominator`, already in lowest terms with a positive
  /// denominator, stored in 64 bits when it fits.
  private static func fitted(_ numerator: Int128, _ denominator: Int128) -> Rational {
    if let smallNumerator = Int64(exactly: numerator), smallNumerator != .min,
      let smallDenominator = Int64(exactly: denominator)
    {
      return Rational(storage: .small(numerator: smallNumerator, denominator: smallDenominator))
    }
    return Rational(
      storage: .large(
        numerator: BigInteger(wide: numerator),
        denominator: BigInteger(wide: denominator)
      )
    )
  }

  static func reduced(_ numerator: BigInteger, _ denominator: BigInteger) -> Rational {
    precondition(!denominator.isZero, "a rational number needs a non-zero denominator")
    var numerator = numerator
    var denominator = denominator
    if denominator.isNegative {
      numerator = -numerator
      denominator = -denominator
    }
    let divisor = BigInteger.greatestCommonDivisor(numerator, denominator)
    if divisor != BigInteger(1) && !divisor.isZero {
      numerator = numerator.quotientAndRemainder(dividingBy: divisor).quotient
      denominator = denominator.quotientAndRemainder(dividingBy: divisor).quotient
    }
    if let smallNumerator = numerator.int64Value, let smallDenominator = denominator.int64Value {
      return Rational(storage: .small(numerator: smallNumerator, denominator: smallDenominator))
    }
    return Rational(storage: .large(numerator: numerator, denominator: denominator))
  }

  private static func greatestCommonDivisor(_ first: UInt128, _ second: UInt128) -> UInt128 {
    if first == 0 { return second }
    if second == 0 { return first }
    if let small = UInt64(exactly: first), let other = UInt64(exactly: second) {
      return UInt128(binaryGreatestCommonDivisor(small, other))
    }
    var first = first
    var second = second
    let shift = (first | second).trailingZeroBitCount
    first >>= first.trailingZeroBitCount
    while second != 0 {
      second >>= second.trailingZeroBitCount
      if first > second { swap(&first, &second) }
      second -= first
    }
    return first << shift
  }

  private static func binaryGreatestCommonDivisor(_ first: UInt64, _ second: UInt64) -> UInt64 {
    if first == 0 { return second }
    if second == 0 { return first }
    var first = first
    var second = second
    let shift = (first | second).trailingZeroBitCount
    first >>= first.trailingZeroBitCount
    while second != 0 {
      second >>= second.trailingZeroBitCount
      if first > second { swap(&first, &second) }
      second -= first
    }
    return first << shift
  }

  private static func powerOfTwo(_ exponent: Int) -> Rational {
    Rational.reduced(BigInteger.powerOfTwo(exponent), BigInteger(1))
  }
}

extension BigInteger {
  /// 2 raised to `exponent` (at least 0).
  static func powerOfTwo(_ exponent: Int) -> BigInteger {
    var value = BigInteger(Int64(1))
    let step = BigInteger(Int64(1) << 30)
    var remaining = exponent
    while remaining >= 30 {
      value = value * step
      remaining -= 30
    }
    return value * BigInteger(Int64(1) << remaining)
  }
}

// MARK: - Arithmetic

extension Rational {
  /// The sum of two values.
  package static func + (lhs: Rational, rhs: Rational) -> Rational {
    if case .small(let leftNumerator, let leftDenominator) = lhs.storage,
      case .small(let rightNumerator, let rightDenominator) = rhs.storage
    {
      if leftDenominator == 1 && rightDenominator == 1 {
        let (sum, overflow) = leftNumerator.addingReportingOverflow(rightNumerator)
        if !overflow && sum != .min {
          return Rational(storage: .small(numerator: sum, denominator: 1))
        }
      }
      // Knuth, The Art of Computer Programming, volume 2, section 4.5.1: with
      // g = gcd(b, d), a/b + c/d = t / (b/g * d/g2) where t = a*(d/g) + c*(b/g) and
      // g2 = gcd(t, g), already in lowest terms; both divisors are of small denominators.
      let common =
        leftDenominator == 1 || rightDenominator == 1
        ? 1 : binaryGreatestCommonDivisor(UInt64(leftDenominator), UInt64(rightDenominator))
      if common == 1 {
        return fitted(
          Int128(leftNumerator) * Int128(rightDenominator)
            + Int128(rightNumerator) * Int128(leftDenominator),
          Int128(leftDenominator) * Int128(rightDenominator)
        )
      }
      let shared = Int64(common)
      let total =
        Int128(leftNumerator) * Int128(rightDenominator / shared)
        + Int128(rightNumerator) * Int128(leftDenominator / shared)
      if total == 0 { return .zero }
      let remainder =
        Int64(exactly: total).map { ($0 % shared).magnitude }
        ?? UInt64((total % Int128(shared)).magnitude)
      let reduction = Int128(binaryGreatestCommonDivisor(remainder, common))
      return fitted(
        total / reduction,
        Int128(leftDenominator / shared) * (Int128(rightDenominator) / reduction)
      )
    }
    let left = lhs.bigParts
    let right = rhs.bigParts
    return reduced(
      left.numerator * right.denominator + right.numerator * left.denominator,
      left.denominator * right.denominator
    )
  }

  /// The value with its sign flipped.
  package static prefix func - (operand: Rational) -> Rational {
    switch operand.storage {
    case .small(let numerator, let denominator):
      Rational(storage: .small(numerator: -numerator, denominator: denominator))
    case .large(let numerator, let denominator):
      Rational(storage: .large(numerator: -numerator, denominator: denominator))
    }
  }

  /// The difference of two values.
  package static func - (lhs: Rational, rhs: Rational) -> Rational { lhs + (-rhs) }

  /// The product of two values.
  package static func * (lhs: Rational, rhs: Rational) -> Rational {
    if case .small(let leftNumerator, let leftDenominator) = lhs.storage,
      case .small(let rightNumerator, let rightDenominator) = rhs.storage
    {
      if leftDenominator == 1 && rightDenominator == 1 {
        let (product, overflow) = leftNumerator.multipliedReportingOverflow(by: rightNumerator)
        if !overflow && product != .min {
          return Rational(storage: .small(numerator: product, denominator: 1))
        }
      }
      if leftNumerator == 0 || rightNumerator == 0 { return .zero }
      // Cancel across before multiplying: the product is then in lowest terms.
      let first =
        rightDenominator == 1
        ? 1 : Int64(binaryGreatestCommonDivisor(leftNumerator.magnitude, UInt64(rightDenominator)))
      let second =
        leftDenominator == 1
        ? 1 : Int64(binaryGreatestCommonDivisor(rightNumerator.magnitude, UInt64(leftDenominator)))
      return fitted(
        Int128(leftNumerator / first) * Int128(rightNumerator / second),
        Int128(leftDenominator / second) * Int128(rightDenominator / first)
      )
    }
    let left = lhs.bigParts
    let right = rhs.bigParts
    return reduced(left.numerator * right.numerator, left.denominator * right.denominator)
  }

  /// The quotient of two values.
  ///
  /// - Precondition: `rhs` is not zero.
  package static func / (lhs: Rational, rhs: Rational) -> Rational {
    precondition(!rhs.isZero, "division by zero")
    return lhs * rhs.reciprocal
  }

  /// One divided by the value.
  ///
  /// - Precondition: the value is not zero.
  package var reciprocal: Rational {
    precondition(!isZero, "zero has no reciprocal")
    switch storage {
    case .small(let numerator, let denominator):
      return numerator < 0
        ? Rational(storage: .small(numerator: -denominator, denominator: -numerator))
        : Rational(storage: .small(numerator: denominator, denominator: numerator))
    case .large(let numerator, let denominator):
      return Rational.reduced(denominator, numerator)
    }
  }

  /// The absolute value.
  package var magnitude: Rational { signum < 0 ? -self : self }

  /// Adds `rhs` to `lhs`.
  package static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
  /// Subtracts `rhs` from `lhs`.
  package static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
  /// Multiplies `lhs` by `rhs`.
  package static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }
  /// Divides `lhs` by `rhs`.
  package static func /= (lhs: inout Rational, rhs: Rational) { lhs = lhs / rhs }
}

extension Rational: Comparable {
  /// Whether `lhs` is below `rhs`.
  package static func < (lhs: Rational, rhs: Rational) -> Bool {
    if case .small(let leftNumerator, let leftDenominator) = lhs.storage,
      case .small(let rightNumerator, let rightDenominator) = rhs.storage
    {
      if leftDenominator == rightDenominator { return leftNumerator < rightNumerator }
      return Int128(leftNumerator) * Int128(rightDenominator)
        < Int128(rightNumerator) * Int128(leftDenominator)
    }
    let left = lhs.bigParts
    let right = rhs.bigParts
    return BigInteger.compare(
      left.numerator * right.denominator,
      right.numerator * left.denominator
    ) < 0
  }
}

extension Rational: ExpressibleByIntegerLiteral {
  /// The integer written in the source.
  package init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: ExpressibleByFloatLiteral {
  /// The decimal written in the source (through ``init(shortestDecimalOf:)``): `0.235` is
  /// 47/200, not the binary `Double` nearest to it.
  package init(floatLiteral value: Double) {
    guard let decimal = Rational(shortestDecimalOf: value) else {
      preconditionFailure("a rational literal must be finite")
    }
    self = decimal
  }
}

extension Rational: LosslessStringConvertible {
  /// The longest text ``init(_:)`` reads, so a hostile string cannot take unbounded time.
  package static let maximumTextLength = 400

  /// Reads an integer (`-12`), a fraction (`47/200`) or a decimal with an optional exponent
  /// (`0.235`, `-1.5e-3`, `23.`), or returns `nil` (also for text longer than
  /// ``maximumTextLength`` and for a zero denominator).
  ///
  /// - Complexity: O(*n*²) in the length of the text.
  package init?(_ description: String) {
    guard description.utf8.count <= Rational.maximumTextLength else { return nil }
    let text = Substring(description)
    if let slash = text.firstIndex(of: "/") {
      guard let numerator = Rational.parseDecimal(text[..<slash]),
        let denominator = Rational.parseDecimal(text[text.index(after: slash)...]),
        numerator.isInteger, denominator.isInteger, !denominator.isZero
      else { return nil }
      self = numerator / denominator
      return
    }
    guard let value = Rational.parseDecimal(text) else { return nil }
    self = value
  }

  private static func parseDecimal(_ text: Substring) -> Rational? {
    var rest = text
    var isNegative = false
    if rest.first == "-" || rest.first == "+" {
      isNegative = rest.first == "-"
      rest = rest.dropFirst()
    }
    var exponent = 0
    if let marker = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      var exponentText = rest[rest.index(after: marker)...]
      var exponentIsNegative = false
      if exponentText.first == "-" || exponentText.first == "+" {
        exponentIsNegative = exponentText.first == "-"
        exponentText = exponentText.dropFirst()
      }
      guard !exponentText.isEmpty, exponentText.count <= 4,
        exponentText.allSatisfy({ $0.isASCII && $0.isNumber }), let magnitude = Int(exponentText)
      else { return nil }
      exponent = exponentIsNegative ? -magnitude : magnitude
      rest = rest[..<marker]
    }
    var integerPart = rest
    var fractionPart = Substring("")
    if let point = rest.firstIndex(of: ".") {
      integerPart = rest[..<point]
      fractionPart = rest[rest.index(after: point)...]
    }
    guard !(integerPart.isEmpty && fractionPart.isEmpty) else { return nil }
    let digits = Substring(String(integerPart) + String(fractionPart))
    guard let mantissa = BigInteger(decimalDigits: digits.utf8) else { return nil }
    exponent -= fractionPart.count
    let power = BigInteger.powerOfTen(abs(exponent))
    var value =
      exponent >= 0
      ? reduced(mantissa * power, BigInteger(1)) : reduced(mantissa, power)
    if isNegative { value = -value }
    return value
  }
}

extension BigInteger {
  /// 10 raised to `exponent` (at least 0).
  static func powerOfTen(_ exponent: Int) -> BigInteger {
    var value = BigInteger(Int64(1))
    let ten = BigInteger(Int64(10))
    for _ in 0..<exponent { value = value * ten }
    return value
  }
}

extension Rational: CustomStringConvertible {
  /// `numerator/denominator` in lowest terms, or just the integer.
  package var description: String {
    switch storage {
    case .small(let numerator, let denominator):
      denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    case .large(let numerator, let denominator):
      denominator == BigInteger(1) ? "\(numerator)" : "\(numerator)/\(denominator)"
    }
  }
}
