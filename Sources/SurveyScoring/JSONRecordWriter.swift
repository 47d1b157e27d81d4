/// Writes a JSON array of flat objects, one object per line, keys in the order given, so that
/// the same input always gives the same bytes.
///
/// ```swift
/// let writer = JSONRecordWriter(keys: ["id", "swemwbs.metric"])
/// var text = writer.opening
/// text += writer.object([.string("A1"), .number("23.21")], isFirst: true)
/// text += writer.closing(hasObjects: true)
/// // [
/// // {"id": "A1", "swemwbs.metric": 23.21}
/// // ]
/// ```
public struct JSONRecordWriter: Sendable, Hashable {
  /// One value of an object.
  public enum Value: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A number, already written as a JSON number literal such as `23.21` or `1`.
    case number(String)
    /// `null`.
    case null
  }

  /// The keys of every object, quoted and escaped once.
  private let quotedKeys: [String]

  /// A writer for objects with `keys`, in that order.
  ///
  /// - Complexity: O(*n*) in the total length of the keys.
  public init(keys: [String]) {
    quotedKeys = keys.map(Self.quoted)
  }

  /// The text that opens the array.
  public var opening: String { "[\n" }

  /// The text that closes the array, after `hasObjects` tells whether any object was written.
  public func closing(hasObjects: Bool) -> String { hasObjects ? "\n]\n" : "]\n" }

  /// One object on its own line, preceded by a comma unless it is the first. Values beyond the
  /// keys are dropped; missing values are written as `null`.
  ///
  /// - Complexity: O(*n*) in the total length of the keys and values.
  public func object(_ values: [Value], isFirst: Bool) -> String {
    var text = isFirst ? "{" : ",\n{"
    for (index, key) in quotedKeys.enumerated() {
      if index > 0 { text += ", " }
      text += key
      text += ": "
      switch index < values.count ? values[index] : .null {
      case .string(let string): text += Self.quoted(string)
      case .number(let literal): text += literal
      case .null: text += "null"
      }
    }
    return text + "}"
  }

  /// `text` as a JSON string literal, escaping quotes, backslashes and control characters.
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
      default:
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "\""
  }
}
