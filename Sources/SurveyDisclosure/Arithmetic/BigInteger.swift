/// An arbitrary-precision signed integer: the fallback of ``Rational`` when a numerator or a
/// denominator no longer fits in 64 bits.
///
/// The magnitude is stored as little-endian 32-bit limbs without high zero limbs, so every value
/// has exactly one representation and the synthesized `Hashable` conformance is correct. Zero is
/// the empty limb array and is never negative. Multiplication is schoolbook (O(*n*·*m*)),
/// division is Knuth's algorithm D (O(*n*·*m*)); these values are rare and small in practice
/// (see ``Rational``), so nothing faster is needed.
package struct BigInteger: Sendable, Hashable {
  /// Whether the value is below zero.
  private(set) var isNegative: Bool
  /// The magnitude, least significant limb first, without high zero limbs.
  private(set) var limbs: [UInt32]

  /// Zero.
  static let zero = BigInteger(isNegative: false, limbs: [])

  private init(isNegative: Bool, limbs: [UInt32]) {
    var limbs = limbs
    while limbs.last == 0 { limbs.removeLast() }
    self.limbs = limbs
    self.isNegative = isNegative && !limbs.isEmpty
  }

  /// The value of a 128-bit integer.
  init(wide value: Int128) {
    var magnitude = value.magnitude
    var limbs: [UInt32] = []
    while magnitude != 0 {
      limbs.append(UInt32(truncatingIfNeeded: magnitude))
      magnitude >>= 32
    }
    self.init(isNegative: value < 0, limbs: limbs)
  }

  /// The value of a 64-bit integer.
  init(_ value: Int64) { self.init(wide: Int128(value)) }

  /// Whether the value is zero.
  var isZero: Bool { limbs.isEmpty }

  /// The value as a 64-bit integer, or `nil` when it does not fit in `-(2^63 - 1)...(2^63 - 1)`.
  ///
  /// `Int64.min` is excluded on purpose: ``Rational`` keeps only values whose negation fits.
  var int64Value: Int64? {
    guard limbs.count <= 2 else { return nil }
    var magnitude: UInt64 = 0
    for (position, limb) in limbs.enumerated() { magnitude |= UInt64(limb) << (32 * position) }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return isNegative ? -Int64(magnitude) : Int64(magnitude)
  }

  /// The nearest `Double` (rounded towards zero limb by limb; infinite beyond the range of
  /// `Double`).
  var doubleValue: Double {
    var result = 0.0
    for limb in limbs.reversed() { result = result * 4_294_967_296 + Double(limb) }
    return isNegative ? -result : result
  }

  /// The number of bits of the magnitude (0 for zero).
  var bitWidth: Int {
    guard let top = limbs.last else { return 0 }
    return limbs.count * 32 - top.leadingZeroBitCount
  }

  /// The value with its sign flipped.
  package static prefix func - (operand: BigInteger) -> BigInteger {
    BigInteger(isNegative: !operand.isNegative, limbs: operand.limbs)
  }

  /// The absolute value.
  var magnitude: BigInteger { BigInteger(isNegative: false, limbs: limbs) }

  /// The sum of two values.
  package static func + (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
    if lhs.isNegative == rhs.isNegative {
      return BigInteger(isNegative: lhs.isNegative, limbs: addMagnitudes(lhs.limbs, rhs.limbs))
    }
    if compareMagnitudes(lhs.limbs, rhs.limbs) >= 0 {
      return BigInteger(
        isNegative: lhs.isNegative,
        limbs: subtractMagnitudes(lhs.limbs, rhs.limbs)
      )
    }
    return BigInteger(isNegative: rhs.isNegative, limbs: subtractMagnitudes(rhs.limbs, lhs.limbs))
  }

  /// The difference of two values.
  package static func - (lhs: BigInteger, rhs: BigInteger) -> BigInteger { lhs + (-rhs) }

  /// The product of two values.
  package static func * (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
    BigInteger(
      isNegative: lhs.isNegative != rhs.isNegative,
      limbs: multiplyMagnitudes(lhs.limbs, rhs.limbs)
    )
  }

  /// The quotient rounded towards zero and the remainder (with the sign of the dividend).
  ///
  /// - Precondition: `divisor` is not zero.
  package func quotientAndRemainder(
    dividingBy divisor: BigInteger
  ) -> (
    quotient: BigInteger, remainder: BigInteger
  ) {
    precondition(!divisor.isZero, "division by zero")
    let (quotient, remainder) = Self.divideMagnitudes(limbs, divisor.limbs)
    return (
      BigInteger(isNegative: isNegative != divisor.isNegative, limbs: quotient),
      BigInteger(isNegative: isNegative, limbs: remainder)
    )
  }

  /// The greatest common divisor of the magnitudes (zero only when both are zero).
  package static func greatestCommonDivisor(_ first: BigInteger, _ second: BigInteger) -> BigInteger
  {
    var first = first.limbs
    var second = second.limbs
    while !second.isEmpty {
      let remainder = divideMagnitudes(first, second).remainder
      first = second
      second = remainder
    }
    return BigInteger(isNegative: false, limbs: first)
  }

  /// -1, 0 or 1 as `lhs` is below, equal to or above `rhs`.
  static func compare(_ lhs: BigInteger, _ rhs: BigInteger) -> Int {
    if lhs.isNegative != rhs.isNegative { return lhs.isNegative ? -1 : 1 }
    let magnitudeOrder = compareMagnitudes(lhs.limbs, rhs.limbs)
    return lhs.isNegative ? -magnitudeOrder : magnitudeOrder
  }

  // MARK: - Magnitudes

  private static func compareMagnitudes(_ lhs: [UInt32], _ rhs: [UInt32]) -> Int {
    if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
    for index in stride(from: lhs.count - 1, through: 0, by: -1) where lhs[index] != rhs[index] {
      return lhs[index] < rhs[index] ? -1 : 1
    }
    return 0
  }

  private static func addMagnitudes(_ lhs: [UInt32], _ rhs: [UInt32]) -> [UInt32] {
    var result = [UInt32](repeating: 0, count: max(lhs.count, rhs.count) + 1)
    var carry: UInt64 = 0
    for index in 0..<(result.count - 1) {
      let sum =
        (index < lhs.count ? UInt64(lhs[index]) : 0) + (index < rhs.count ? UInt64(rhs[index]) : 0)
        + carry
      result[index] = UInt32(truncatingIfNeeded: sum)
      carry = sum >> 32
    }
    result[result.count - 1] = UInt32(carry)
    return result
  }

  /// `lhs - rhs` for `lhs >= rhs`.
  private static func subtractMagnitudes(_ lhs: [UInt32], _ rhs: [UInt32]) -> [UInt32] {
    var result = lhs
    var borrow: Int64 = 0
    for index in 0..<lhs.count {
      var difference = Int64(lhs[index]) - borrow - (index < rhs.count ? Int64(rhs[index]) : 0)
      if difference < 0 {
        difference += 4_294_967_296
        borrow = 1
      } else {
        borrow = 0
      }
      result[index] = UInt32(difference)
    }
    precondition(borrow == 0, "subtractMagnitudes needs lhs >= rhs")
    return result
  }

  private static func multiplyMagnitudes(_ lhs: [UInt32], _ rhs: [UInt32]) -> [UInt32] {
    guard !lhs.isEmpty, !rhs.isEmpty else { return [] }
    var result = [UInt32](repeating: 0, count: lhs.count + rhs.count)
    for i in 0..<lhs.count {
      var carry: UInt64 = 0
      let factor = UInt64(lhs[i])
      for j in 0..<rhs.count {
        let product = factor * UInt64(rhs[j]) + UInt64(result[i + j]) + carry
        result[i + j] = UInt32(truncatingIfNeeded: product)
        carry = product >> 32
      }
      result[i + rhs.count] = UInt32(carry)
    }
    return result
  }

  /// Quotient and remainder of magnitudes.
  ///
  /// Knuth's algorithm D (The Art of Computer Programming, volume 2, section 4.3.1), in the form
  /// given in Warren's "Hacker's Delight", section 9-2.
  private static func divideMagnitudes(
    _ dividend: [UInt32],
    _ divisor: [UInt32]
  ) -> (
    quotient: [UInt32], remainder: [UInt32]
  ) {
    if compareMagnitudes(dividend, divisor) < 0 { return ([], dividend) }
    let base: UInt64 = 1 << 32
    if divisor.count == 1 {
      let single = UInt64(divisor[0])
      var quotient = [UInt32](repeating: 0, count: dividend.count)
      var remainder: UInt64 = 0
      for index in stride(from: dividend.count - 1, through: 0, by: -1) {
        let current = (remainder << 32) | UInt64(dividend[index])
        quotient[index] = UInt32(current / single)
        remainder = current % single
      }
      while quotient.last == 0 { quotient.removeLast() }
      return (quotient, remainder == 0 ? [] : [UInt32(remainder)])
    }
    let n = divisor.count
    let m = dividend.count
    let shift = UInt32(divisor[n - 1].leadingZeroBitCount)
    let normalizedDivisor = shiftedLeft(divisor, by: shift, extraLimb: false)
    var normalized = shiftedLeft(dividend, by: shift, extraLimb: true)
    var quotient = [UInt32](repeating: 0, count: m - n + 1)
    let top = UInt64(normalizedDivisor[n - 1])
    let second = UInt64(normalizedDivisor[n - 2])
    for j in stride(from: m - n, through: 0, by: -1) {
      let numerator = (UInt64(normalized[j + n]) << 32) | UInt64(normalized[j + n - 1])
      var estimate = numerator / top
      var remainderEstimate = numerator - estimate * top
      while estimate >= base
        || estimate * second > ((remainderEstimate << 32) | UInt64(normalized[j + n - 2]))
      {
        estimate -= 1
        remainderEstimate += top
        if remainderEstimate >= base { break }
      }
      var borrow: Int64 = 0
      for i in 0..<n {
        let product = estimate * UInt64(normalizedDivisor[i])
        let difference = Int64(normalized[i + j]) - borrow - Int64(product & 0xFFFF_FFFF)
        normalized[i + j] = UInt32(truncatingIfNeeded: difference)
        borrow = Int64(product >> 32) - (difference >> 32)
      }
      let last = Int64(normalized[j + n]) - borrow
      normalized[j + n] = UInt32(truncatingIfNeeded: last)
      if last < 0 {
        estimate -= 1
        var carry: UInt64 = 0
        for i in 0..<n {
          let sum = UInt64(normalized[i + j]) + UInt64(normalizedDivisor[i]) + carry
          normalized[i + j] = UInt32(truncatingIfNeeded: sum)
          carry = sum >> 32
        }
        normalized[j + n] = UInt32(truncatingIfNeeded: UInt64(normalized[j + n]) + carry)
      }
      quotient[j] = UInt32(truncatingIfNeeded: estimate)
    }
    var remainder = [UInt32](repeating: 0, count: n)
    for i in 0..<n {
      let low = UInt64(normalized[i]) >> shift
      let high = shift == 0 ? 0 : (UInt64(normalized[i + 1]) << (32 - UInt64(shift)))
      remainder[i] = UInt32(truncatingIfNeeded: low | high)
    }
    while remainder.last == 0 { remainder.removeLast() }
    while quotient.last == 0 { quotient.removeLast() }
    return (quotient, remainder)
  }

  private static func shiftedLeft(_ limbs: [UInt32], by shift: UInt32, extraLimb: Bool) -> [UInt32]
  {
    var result = [UInt32](repeating: 0, count: limbs.count + (extraLimb ? 1 : 0))
    var carry: UInt32 = 0
    for index in 0..<limbs.count {
      let wide = UInt64(limbs[index]) << UInt64(shift)
      result[index] = UInt32(truncatingIfNeeded: wide) | carry
      carry = UInt32(truncatingIfNeeded: wide >> 32)
    }
    if extraLimb { result[limbs.count] = carry }
    return result
  }
}

extension BigInteger: CustomStringConvertible {
  /// The value in decimal digits, with a leading `-` when negative.
  package var description: String {
    if isZero { return "0" }
    var chunks: [UInt32] = []
    var rest = limbs
    let chunkBase = BigInteger(Int64(1_000_000_000))
    while !rest.isEmpty {
      let (quotient, remainder) = Self.divideMagnitudes(rest, chunkBase.limbs)
      chunks.append(remainder.first ?? 0)
      rest = quotient
    }
    var text = isNegative ? "-" : ""
    text += String(chunks[chunks.count - 1])
    for chunk in chunks.dropLast().reversed() {
      let digits = String(chunk)
      text += String(repeating: "0", count: 9 - digits.count) + digits
    }
    return text
  }
}

extension BigInteger {
  /// The value of a run of ASCII decimal digits, or `nil` when `digits` is empty or holds
  /// anything else.
  ///
  /// - Complexity: O(*n*²) in the number of digits.
  package init?(decimalDigits digits: Substring.UTF8View) {
    guard !digits.isEmpty else { return nil }
    var value = BigInteger.zero
    let ten = BigInteger(Int64(10))
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * ten + BigInteger(Int64(byte - UInt8(ascii: "0")))
    }
    self = value
  }
}
