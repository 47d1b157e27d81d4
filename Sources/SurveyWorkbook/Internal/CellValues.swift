/// Whether a number format shows a number as a date, a time of day, both, or a duration.
enum DateFormatKind: UInt8, Sendable, Hashable {
  /// Not a date: the number is shown as a number.
  case none
  /// A calendar date: `2024-03-05`.
  case date
  /// A time of day: `14:30:00`.
  case time
  /// A date and a time: `2024-03-05T14:30:00`.
  case dateTime
  /// An elapsed time (`[h]:mm:ss`): `36:00:00`.
  case duration

  /// The kind of a built-in number format: 14–17 are dates, 18–21 and 45 and 47 times, 22 a date
  /// and time, and 46 (`[h]:mm:ss`) a duration (ECMA-376 Part 1, 18.8.30).
  init(builtInFormatID id: Int) {
    switch id {
    case 14...17: self = .date
    case 18...21, 45, 47: self = .time
    case 22: self = .dateTime
    case 46: self = .duration
    default: self = .none
    }
  }

  /// The kind of a custom format code, from the tokens in its first section.
  ///
  /// `y`, `d` and a `m` that is not minutes make a date; `h`, `s`, `AM/PM` make a time; `[h]`,
  /// `[m]`, `[s]` make a duration. Text in quotes, characters escaped with `\`, and bracketed colours and locales
  /// (`[Red]`, `[$-409]`) are not tokens.
  init(formatCode code: String) {
    var hasDate = false
    var hasTime = false
    var hasMonthOrMinute = false
    var isDuration = false
    var scalars = Array(code.unicodeScalars)
    // The first section only.
    var index = 0
    var isQuoted = false
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\"" {
        isQuoted.toggle()
      } else if !isQuoted && scalar == "\\" {
        index += 1
      } else if !isQuoted && scalar == ";" {
        scalars.removeSubrange(index...)
        break
      }
      index += 1
    }
    index = 0
    isQuoted = false
    while index < scalars.count {
      let scalar = scalars[index]
      let lower = Character(scalar).lowercased()
      if scalar == "\"" {
        isQuoted.toggle()
      } else if isQuoted {
        // Literal text.
      } else if scalar == "\\" || scalar == "_" || scalar == "*" {
        index += 1
      } else if scalar == "[" {
        var close = index + 1
        while close < scalars.count && scalars[close] != "]" { close += 1 }
        let inside = String(
          String.UnicodeScalarView(scalars[(index + 1)..<min(close, scalars.count)])
        )
        .lowercased()
        if !inside.isEmpty && inside.allSatisfy({ "hms".contains($0) }) {
          isDuration = true
          hasTime = true
        }
        index = close
      } else if lower == "y" || lower == "d" || lower == "e" || lower == "g" {
        if lower != "e" || !Self.hasNumberDigitsBefore(scalars, index) { hasDate = true }
      } else if lower == "h" || lower == "s" {
        hasTime = true
      } else if lower == "m" {
        hasMonthOrMinute = true
      } else if lower == "a" {
        let rest = String(String.UnicodeScalarView(scalars[index..<min(index + 5, scalars.count)]))
          .lowercased()
        if rest.hasPrefix("am/pm") || rest.hasPrefix("a/p") { hasTime = true }
      }
      index += 1
    }
    if hasMonthOrMinute && !hasTime { hasDate = true }
    switch (hasDate, hasTime) {
    case (true, true): self = .dateTime
    case (true, false): self = .date
    case (false, true): self = isDuration ? .duration : .time
    case (false, false): self = .none
    }
  }

  /// Whether an `e` follows a digit placeholder, as in the scientific format `0.00E+00`.
  private static func hasNumberDigitsBefore(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
    index > 0 && "0#?.".unicodeScalars.contains(scalars[index - 1])
  }
}

/// Turning the text of a number cell into the text a person sees.
enum CellValues {
  /// The most significant digits Excel keeps and shows.
  static let significantDigits = 15

  /// Appends the number written as `bytes[range]` as Excel shows it in the formula bar.
  ///
  /// SpreadsheetML stores numbers as text (`3`, `2.5`, `0.30000000000000004`, `1.5E-7`). The
  /// number is rounded half away from zero to 15 significant digits, as many as Excel keeps, and
  /// written without trailing zeros as C's `%.15G` would: in plain decimal notation from 0.0001
  /// up to 1E+15 (`3`, `1042`, `0.3`), and otherwise in scientific notation (`1.5E-07`,
  /// `1.23456789012346E+16`). The rounding is done on the decimal digits, so nothing is added to
  /// what the file holds. Text that is not a number is appended unchanged.
  ///
  /// - Complexity: O(*n*) in the length of the text.
  @inline(__always)
  static func appendNumber(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>,
    to output: inout [UInt8]
  ) {
    var index = range.lowerBound
    var end = range.upperBound
    while index < end && XMLScanner.isSpace(bytes[index]) { index += 1 }
    while end > index && XMLScanner.isSpace(bytes[end - 1]) { end -= 1 }
    // Fast path: a plain integer without leading zeros and with at most 15 digits.
    let length = end - index
    if length > 0 && length <= significantDigits {
      var isPlain = true
      var position = index
      if bytes[position] == UInt8(ascii: "-") { position += 1 }
      // No leading zero, and no "-0".
      if position == end || (bytes[position] == UInt8(ascii: "0") && (end - index) > 1) {
        isPlain = false
      }
      while isPlain && position < end {
        let byte = bytes[position]
        if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") { isPlain = false }
        position += 1
      }
      if isPlain {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
        return
      }
    }
    guard var number = DecimalText(bytes, index..<end) else {
      XMLScanner.appendText(bytes, range, to: &output)
      return
    }
    number.round(toSignificantDigits: significantDigits)
    number.append(to: &output)
  }

  /// Appends the serial date `bytes[range]` as ISO 8601 text of `kind`, or the number as
  /// ``appendNumber(_:_:to:)`` would when it is not a date Excel can show (negative, or after
  /// 9999-12-31).
  ///
  /// Serial numbers count days: in the 1900 date system day 1 is 1900-01-01 and, as in Excel
  /// (which kept a mistake of Lotus 1-2-3), day 60 is the nonexistent 1900-02-29, so days from
  /// 61 on are one more than the calendar would say; in the 1904 system day 0 is 1904-01-01.
  /// The fraction is the time of day, rounded to the second.
  ///
  /// - Complexity: O(*n*) in the length of the text.
  static func appendDate(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>,
    kind: DateFormatKind,
    uses1904: Bool,
    to output: inout [UInt8]
  ) {
    guard let value = serialValue(bytes, range), value.isFinite, value >= 0,
      value < (uses1904 ? 2_957_004 : 2_958_466)
    else {
      appendNumber(bytes, range, to: &output)
      return
    }
    let totalSeconds = Int((value * 86_400).rounded())
    var days = totalSeconds / 86_400
    let seconds = totalSeconds % 86_400
    if kind == .duration {
      appendTwoDigits(totalSeconds / 3600, to: &output)
      output.append(UInt8(ascii: ":"))
      appendTime(seconds, minutesAndSecondsOnly: true, to: &output)
      return
    }
    if kind == .time || (days == 0 && !uses1904 && kind == .dateTime) {
      appendTime(seconds, minutesAndSecondsOnly: false, to: &output)
      return
    }
    if uses1904 {
      appendCivilDate(daysSince1970: days - 24_107, to: &output)
    } else if days == 0 {
      appendNumber(bytes, range, to: &output)
      return
    } else if days == 60 {
      output.append(contentsOf: "1900-02-29".utf8)
    } else {
      if days < 60 { days += 1 }
      appendCivilDate(daysSince1970: days - 25_569, to: &output)
    }
    if kind == .dateTime {
      output.append(UInt8(ascii: "T"))
      appendTime(seconds, minutesAndSecondsOnly: false, to: &output)
    }
  }

  /// The value of a serial number written in plain decimal digits, without going through a
  /// `String`; other forms (an exponent) are parsed by the standard library.
  private static func serialValue(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>
  )
    -> Double?
  {
    var index = range.lowerBound
    var end = range.upperBound
    while index < end && XMLScanner.isSpace(bytes[index]) { index += 1 }
    while end > index && XMLScanner.isSpace(bytes[end - 1]) { end -= 1 }
    var whole = 0
    var fraction = 0
    var scale = 1
    var digits = 0
    var isFraction = false
    var position = index
    while position < end {
      let byte = bytes[position]
      if byte == UInt8(ascii: ".") && !isFraction {
        isFraction = true
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") && digits < 17 {
        let digit = Int(byte - UInt8(ascii: "0"))
        if isFraction {
          fraction = fraction * 10 + digit
          scale *= 10
        } else {
          whole = whole * 10 + digit
        }
        digits += 1
      } else {
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]),
          as: UTF8.self
        )
        return Double(text)
      }
      position += 1
    }
    guard digits > 0 else { return nil }
    return Double(whole) + Double(fraction) / Double(scale)
  }

  private static func appendTwoDigits(_ value: Int, to output: inout [UInt8]) {
    if value >= 100 {
      output.append(contentsOf: String(value).utf8)
      return
    }
    output.append(UInt8(ascii: "0") + UInt8(value / 10))
    output.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// `HH:MM:SS` for a number of seconds into the day, or `MM:SS` when the hours are written
  /// already.
  private static func appendTime(
    _ seconds: Int,
    minutesAndSecondsOnly: Bool,
    to output: inout [UInt8]
  ) {
    if !minutesAndSecondsOnly {
      appendTwoDigits(seconds / 3600, to: &output)
      output.append(UInt8(ascii: ":"))
    }
    appendTwoDigits(seconds / 60 % 60, to: &output)
    output.append(UInt8(ascii: ":"))
    appendTwoDigits(seconds % 60, to: &output)
  }

  /// Appends `YYYY-MM-DD` for a day counted from 1970-01-01 in the proleptic Gregorian calendar.
  static func appendCivilDate(daysSince1970: Int, to output: inout [UInt8]) {
    // Howard Hinnant's days-to-civil algorithm.
    let shifted = daysSince1970 + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    appendTwoDigits(year / 100, to: &output)
    appendTwoDigits(year % 100, to: &output)
    output.append(UInt8(ascii: "-"))
    appendTwoDigits(month, to: &output)
    output.append(UInt8(ascii: "-"))
    appendTwoDigits(day, to: &output)
  }
}

/// A decimal number as its significant digits and the power of ten of its first digit, parsed
/// from text and rounded in decimal, so no binary rounding is added to what the file holds.
struct DecimalText {
  var isNegative = false
  /// The significant digits (0–9), without leading or trailing zeros; empty for zero.
  var digits: [UInt8] = []
  /// The value is 0.d₁d₂… × 10^`exponent`.
  var exponent = 0

  /// Parses `[-+]digits[.digits][(e|E)[-+]digits]`, or returns `nil`.
  init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    var index = range.lowerBound
    let end = range.upperBound
    guard index < end else { return nil }
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      isNegative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    var sawDigit = false
    var sawPoint = false
    var pointExponent = 0
    while index < end {
      let byte = bytes[index]
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        sawDigit = true
        if byte == UInt8(ascii: "0") && digits.isEmpty {
          if sawPoint { pointExponent -= 1 }
        } else {
          // Digits past the 40th cannot change a value rounded half up to 15 digits.
          if digits.count < 40 { digits.append(byte - UInt8(ascii: "0")) }
          if !sawPoint { pointExponent += 1 }
        }
      } else if byte == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else {
        break
      }
      index += 1
    }
    guard sawDigit else { return nil }
    var written = 0
    if index < end {
      guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else {
        return nil
      }
      index += 1
      var isNegativeExponent = false
      if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
        isNegativeExponent = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      guard index < end else { return nil }
      while index < end {
        let byte = bytes[index]
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        if written < 100_000 { written = written * 10 + Int(byte - UInt8(ascii: "0")) }
        index += 1
      }
      if isNegativeExponent { written = -written }
    }
    exponent = pointExponent + written
    while digits.last == 0 { digits.removeLast() }
    if digits.isEmpty {
      isNegative = false
      exponent = 0
    }
  }

  /// Rounds half away from zero to `count` significant digits.
  mutating func round(toSignificantDigits count: Int) {
    guard digits.count > count else { return }
    let roundsUp = digits[count] >= 5
    digits.removeSubrange(count...)
    if roundsUp {
      var position = count - 1
      while position >= 0 {
        if digits[position] == 9 {
          digits[position] = 0
          position -= 1
        } else {
          digits[position] += 1
          break
        }
      }
      if position < 0 {
        digits.insert(1, at: 0)
        digits.removeLast()
        exponent += 1
      }
    }
    while digits.last == 0 { digits.removeLast() }
  }

  /// Appends the number as `%.15G` shows it: plain from 1E-4 up to 1E+15, else `d.dddE±XX`.
  func append(to output: inout [UInt8]) {
    guard !digits.isEmpty else {
      output.append(UInt8(ascii: "0"))
      return
    }
    if isNegative { output.append(UInt8(ascii: "-")) }
    let zero = UInt8(ascii: "0")
    let scientificExponent = exponent - 1
    if scientificExponent < -4 || scientificExponent >= 15 {
      output.append(zero + digits[0])
      if digits.count > 1 {
        output.append(UInt8(ascii: "."))
        for digit in digits.dropFirst() { output.append(zero + digit) }
      }
      output.append(UInt8(ascii: "E"))
      output.append(UInt8(ascii: scientificExponent < 0 ? "-" : "+"))
      let magnitude = String(abs(scientificExponent))
      if magnitude.count < 2 { output.append(zero) }
      output.append(contentsOf: magnitude.utf8)
      return
    }
    if exponent <= 0 {
      output.append(zero)
      output.append(UInt8(ascii: "."))
      for _ in 0..<(-exponent) { output.append(zero) }
      for digit in digits { output.append(zero + digit) }
      return
    }
    for (position, digit) in digits.enumerated() {
      if position == exponent { output.append(UInt8(ascii: ".")) }
      output.append(zero + digit)
    }
    if digits.count < exponent {
      for _ in digits.count..<exponent { output.append(zero) }
    }
  }
}
