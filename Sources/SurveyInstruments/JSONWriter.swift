// A small deterministic JSON writer: values keep the order they were built in, numbers print
// the same on every platform, and output is indented by two spaces. Standard library only.

/// A JSON value to be written: objects keep their members in the order given.
public indirect enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A whole number.
  case integer(Int)
  /// A number with a fractional part; NaN and infinities are written as `null`.
  case number(Double)
  /// A number already formatted as a JSON literal (for example rounded to fixed decimals).
  case literal(String)
  /// A string.
  case string(String)
  /// A list.
  case array([JSONValue])
  /// An object, with its members in the order they are written.
  case object([JSONObjectMember])

  /// A string, or `null` for `nil`.
  public static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

  /// A whole number, or `null` for `nil`.
  public static func optional(_ number: Int?) -> JSONValue { number.map { .integer($0) } ?? .null }

  /// A number rounded to `decimals` places (as ``fixed(_:decimals:)`` prints it), or `null` when
  /// `value` is `nil` or not finite.
  public static func rounded(_ value: Double?, decimals: Int) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .literal(fixed(value, decimals: decimals))
  }
}

/// One `"key": value` member of a ``JSONValue/object(_:)``.
public struct JSONObjectMember: Sendable, Equatable {
  /// The key.
  public var key: String
  /// The value.
  public var value: JSONValue

  /// Creates a member.
  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}

/// Writes ``JSONValue``s as text, the same bytes for the same value on every run and platform.
///
///     let text = JSONWriter.text(for: .object([JSONObjectMember("n", .integer(3))]))
///     // {
///     //   "n": 3
///     // }
public enum JSONWriter {
  /// The value as indented JSON text, ending with a line break.
  ///
  /// - Complexity: O(*n*) in the size of the output.
  public static func text(for value: JSONValue) -> String {
    var output: [UInt8] = []
    write(value, indent: 0, to: &output)
    output.append(0x0A)
    return String(decoding: output, as: UTF8.self)
  }

  /// The value as indented JSON text as it appears nested `level` levels deep in a larger
  /// value (its inner lines indented by `level` + 1 steps), with no line break at the end: the
  /// piece a writer that streams the larger value writes after a member's key.
  ///
  /// - Complexity: O(*n*) in the size of the output.
  public static func text(for value: JSONValue, level: Int) -> String {
    var output: [UInt8] = []
    write(value, indent: max(0, level), to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// The value as JSON text on one line, with no spaces.
  ///
  /// - Complexity: O(*n*) in the size of the output.
  public static func compactText(for value: JSONValue) -> String {
    var output: [UInt8] = []
    write(value, indent: nil, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// `text` as a quoted JSON string: `"`, `\` and control characters escaped, everything else
  /// kept as it is.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public static func quoted(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{08}": output += "\\b"
      case "\u{0C}": output += "\\f"
      default:
        // Every control character, and the bidirectional formatting characters, as \u escapes,
        // so that JSON printed to a terminal cannot act on it.
        if isUnsafeForTerminal(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}" {
          let hex = String(scalar.value, radix: 16, uppercase: false)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "\""
  }

  // The text is built as UTF-8 bytes: appending to a byte array costs much less than appending
  // to a string, and JSON is written a token at a time.
  private static func write(_ value: JSONValue, indent: Int?, to output: inout [UInt8]) {
    switch value {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .integer(let number): output.append(contentsOf: String(number).utf8)
    case .number(let number):
      if !number.isFinite {
        output.append(contentsOf: "null".utf8)
      } else if number == number.rounded(), abs(number) < 1e15 {
        output.append(contentsOf: String(Int(number)).utf8)
      } else {
        output.append(contentsOf: String(number).utf8)
      }
    case .literal(let literal): output.append(contentsOf: literal.utf8)
    case .string(let text): appendQuoted(text, to: &output)
    case .array(let elements):
      guard !elements.isEmpty else {
        output.append(contentsOf: "[]".utf8)
        return
      }
      output.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(indent.map { $0 + 1 }, &output)
        write(element, indent: indent.map { $0 + 1 }, to: &output)
      }
      newline(indent, &output)
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        output.append(contentsOf: "{}".utf8)
        return
      }
      output.append(UInt8(ascii: "{"))
      for (position, member) in members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(indent.map { $0 + 1 }, &output)
        appendQuoted(member.key, to: &output)
        output.append(UInt8(ascii: ":"))
        if indent != nil { output.append(UInt8(ascii: " ")) }
        write(member.value, indent: indent.map { $0 + 1 }, to: &output)
      }
      newline(indent, &output)
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ indent: Int?, _ output: inout [UInt8]) {
    guard let indent else { return }
    output.append(0x0A)
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
  }

  /// Appends ``quoted(_:)`` of `text`, without building it when `text` is printable ASCII with
  /// no `"` or `\` (which need no escape).
  private static func appendQuoted(_ text: String, to output: inout [UInt8]) {
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f && $0 != 0x22 && $0 != 0x5c }) {
      output.append(UInt8(ascii: "\""))
      output.append(contentsOf: text.utf8)
      output.append(UInt8(ascii: "\""))
    } else {
      output.append(contentsOf: quoted(text).utf8)
    }
  }
}

/// `value` with exactly `decimals` places, rounded half away from zero: 26.02, 7.00, 37.
///
/// - Complexity: O(1).
public func fixed(_ value: Double, decimals: Int) -> String {
  guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = (abs(value) * scale + 1e-9).rounded(.toNearestOrAwayFromZero)
  let negative = value < 0 && scaled != 0
  let whole = Int(scaled) / Int(scale)
  let fraction = Int(scaled) % Int(scale)
  var text = (negative ? "-" : "") + String(whole)
  if decimals > 0 {
    let digits = String(fraction)
    text += "." + String(repeating: "0", count: decimals - digits.count) + digits
  }
  return text
}
