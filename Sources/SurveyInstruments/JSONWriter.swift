/// A JSON value to write, with object members in the order given, so that output is
/// deterministic and reads in a sensible order.
public indirect enum JSONValue: Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A whole number.
  case integer(Int)
  /// A number; non-finite values are written as `null`.
  case number(Double)
  /// A number already formatted as a JSON literal (for example rounded to fixed decimals).
  case literal(String)
  /// A string.
  case string(String)
  /// A list.
  case array([JSONValue])
  /// An object, members in order.
  case object([(String, JSONValue)])

  /// A number rounded to `decimals` places, or `null` when `value` is `nil` or not finite.
  public static func rounded(_ value: Double?, decimals: Int) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .literal(fixed(value, decimals: decimals))
  }

  /// A string, or `null` when `text` is `nil`.
  public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}

/// Writes ``JSONValue``s as JSON text (RFC 8259), indented by two spaces.
public enum JSONWriter {
  /// The JSON text of `value`, ending with a newline.
  ///
  /// - Complexity: O(*n*) in the size of the value.
  public static func text(_ value: JSONValue) -> String {
    var output = ""
    write(value, indent: 0, to: &output)
    output += "\n"
    return output
  }

  private static func write(_ value: JSONValue, indent: Int, to output: inout String) {
    switch value {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .integer(let number): output += String(number)
    case .number(let number):
      if !number.isFinite {
        output += "null"
      } else if number.rounded() == number && abs(number) < 1e15 {
        output += String(Int(number))
      } else {
        output += String(number)
      }
    case .literal(let literal): output += literal
    case .string(let text): writeString(text, to: &output)
    case .array(let elements):
      if elements.isEmpty {
        output += "[]"
        return
      }
      output += "[\n"
      for (index, element) in elements.enumerated() {
        output += String(repeating: " ", count: indent + 2)
        write(element, indent: indent + 2, to: &output)
        output += index == elements.count - 1 ? "\n" : ",\n"
      }
      output += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      if members.isEmpty {
        output += "{}"
        return
      }
      output += "{\n"
      for (index, member) in members.enumerated() {
        output += String(repeating: " ", count: indent + 2)
        writeString(member.0, to: &output)
        output += ": "
        write(member.1, indent: indent + 2, to: &output)
        output += index == members.count - 1 ? "\n" : ",\n"
      }
      output += String(repeating: " ", count: indent) + "}"
    }
  }

  private static func writeString(_ text: String, to output: inout String) {
    output += "\""
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
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
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
