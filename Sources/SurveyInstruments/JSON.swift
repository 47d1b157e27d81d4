// A small JSON reader that keeps the line and column of every value, so that instrument files
// and mapping files get errors that point at the offending text. Standard library only.

/// A place in a text file: 1-based line and column (column counted in Unicode scalars).
public struct TextPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The 1-based line.
  public var line: Int
  /// The 1-based column.
  public var column: Int

  /// Creates a position.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// Orders positions by line, then column.
  public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  /// `line:column`.
  public var description: String { "\(line):\(column)" }
}

/// A parsed JSON value with the position where it starts.
package struct JSONNode: Sendable, Hashable {
  /// The kinds of JSON value.
  ///
  /// Objects keep their members in file order.
  package enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number with its literal text, so that `1` and `1.0` can be told apart.
    case number(Double, literal: String)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])
  }

  package var value: Value
  package var position: TextPosition

  /// A short description of the value's kind for error messages: "a string", "an object", ...
  package var kindDescription: String {
    switch value {
    case .null: "null"
    case .bool(let flag): flag ? "true" : "false"
    case .number(_, let literal): "the number \(literal)"
    case .string(let text): "the string '\(excerpt(text, limit: 40))'"
    case .array: "a list"
    case .object: "an object"
    }
  }
}

/// One `"key": value` pair of a JSON object.
package struct JSONMember: Sendable, Hashable {
  package var key: String
  package var keyPosition: TextPosition
  package var value: JSONNode
}

/// A JSON syntax error with its position.
package struct JSONSyntaxError: Error, Sendable, Hashable {
  package var message: String
  package var position: TextPosition
  package var hint: String?
}

/// Parses JSON text (RFC 8259) into `JSONNode`s.
///
/// Duplicate keys are kept; the decoder reports them.
package enum JSONReader {
  /// Parses one JSON document.
  ///
  /// - Complexity: O(*n*) in the number of bytes.
  package static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
    var parser = Parser(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
    parser.skipWhitespace()
    let node = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.index < bytes.count {
      throw parser.error("unexpected text after the end of the JSON value")
    }
    return node
  }
}

private struct Parser {
  let bytes: [UInt8]
  var index = 0
  var line = 1
  var lineStart = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// The column of `columnCacheOffset` on the current line, so that positions asked for in file
  /// order cost O(1) each instead of a rescan of the line (a minified file is one long line).
  var columnCacheOffset = 0
  var columnCacheColumn = 1

  var position: TextPosition {
    mutating get { position(at: index) }
  }

  mutating func position(at offset: Int) -> TextPosition {
    // Columns count Unicode scalars: skip UTF-8 continuation bytes.
    if columnCacheOffset < lineStart || columnCacheOffset > offset {
      columnCacheOffset = lineStart
      columnCacheColumn = 1
    }
    var column = columnCacheColumn
    var cursor = columnCacheOffset
    while cursor < offset && cursor < bytes.count {
      if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
      cursor += 1
    }
    columnCacheOffset = cursor
    columnCacheColumn = column
    return TextPosition(line: line, column: column)
  }

  mutating func error(_ message: String, hint: String? = nil) -> JSONSyntaxError {
    JSONSyntaxError(message: message, position: position, hint: hint)
  }

  var currentDescription: String {
    guard index < bytes.count else { return "the end of the file" }
    let byte = bytes[index]
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x\(String(byte, radix: 16, uppercase: true))"
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        index += 1
      case UInt8(ascii: "\n"):
        index += 1
        line += 1
        lineStart = index
      default:
        return
      }
    }
  }

  mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
    guard depth < 256 else { throw error("values are nested more than 256 deep") }
    guard index < bytes.count else { throw error("expected a value, found the end of the file") }
    let start = position
    switch bytes[index] {
    case UInt8(ascii: "{"):
      return JSONNode(value: .object(try parseObject(depth: depth)), position: start)
    case UInt8(ascii: "["):
      return JSONNode(value: .array(try parseArray(depth: depth)), position: start)
    case UInt8(ascii: "\""): return JSONNode(value: .string(try parseString()), position: start)
    case UInt8(ascii: "t"):
      try expectWord("true")
      return JSONNode(value: .bool(true), position: start)
    case UInt8(ascii: "f"):
      try expectWord("false")
      return JSONNode(value: .bool(false), position: start)
    case UInt8(ascii: "n"):
      try expectWord("null")
      return JSONNode(value: .null, position: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return try parseNumber()
    case UInt8(ascii: "/"):
      throw error(
        "comments are not allowed in JSON",
        hint: "remove the comment, or put the text in a \"note\" field"
      )
    case UInt8(ascii: "'"):
      throw error(
        "found a single quote where a value was expected",
        hint: "JSON strings use double quotes: \"like this\""
      )
    default:
      throw error(
        "expected a value (a string, number, object, list, true, false or null), found \(currentDescription)"
      )
    }
  }

  mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
    let utf8 = Array(word.utf8)
    guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
      throw error(
        "expected a value, found \(currentDescription)",
        hint: "text values must be in double quotes"
      )
    }
    index += utf8.count
  }

  mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> [JSONMember] {
    index += 1
    var members: [JSONMember] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
      index += 1
      return members
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
          throw error(
            "expected a key in double quotes, found '}'",
            hint: "JSON does not allow a comma before '}'"
          )
        }
        throw error("expected a key in double quotes, found \(currentDescription)")
      }
      let keyPosition = position
      let key = try parseString()
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error(
          "expected ':' after the key \"\(excerpt(key))\", found \(currentDescription)"
        )
      }
      index += 1
      skipWhitespace()
      let value = try parseValue(depth: depth + 1)
      members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
      skipWhitespace()
      guard index < bytes.count else {
        throw error("expected ',' or '}', found the end of the file")
      }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return members
      }
      throw error(
        "expected ',' or '}' after the value of \"\(excerpt(key))\", found \(currentDescription)",
        hint: bytes[index] == UInt8(ascii: "\"")
          ? "is a comma missing at the end of the previous line?" : nil
      )
    }
  }

  mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> [JSONNode] {
    index += 1
    var elements: [JSONNode] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
      index += 1
      return elements
    }
    while true {
      skipWhitespace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
        throw error("expected a value, found ']'", hint: "JSON does not allow a comma before ']'")
      }
      elements.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      guard index < bytes.count else {
        throw error("expected ',' or ']', found the end of the file")
      }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return elements
      }
      throw error(
        "expected ',' or ']' in a list, found \(currentDescription)",
        hint: "is a comma missing between two values?"
      )
    }
  }

  /// Reads a string value, collecting its UTF-8 bytes and validating them once at the end.
  ///
  /// - Complexity: O(*n*) in the length of the string.
  mutating func parseString() throws(JSONSyntaxError) -> String {
    let openQuote = position
    index += 1
    var utf8: [UInt8] = []
    var runStart = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        utf8.append(contentsOf: bytes[runStart..<index])
        guard let text = String(validating: utf8, as: UTF8.self) else {
          throw JSONSyntaxError(
            message: "the string is not valid UTF-8",
            position: openQuote,
            hint: "save the file as UTF-8"
          )
        }
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") {
        utf8.append(contentsOf: bytes[runStart..<index])
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): utf8.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): utf8.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): utf8.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
          var code = try parseHex4()
          if (0xD800..<0xDC00).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("a \\u escape starts a surrogate pair that is not completed") }
            index += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else {
              throw error("invalid low surrogate in a \\u escape")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else {
            throw error("a \\u escape names no character")
          }
          UTF8.encode(scalar) { utf8.append($0) }
        default:
          index -= 1
          throw error(
            "unknown escape '\\\(Character(Unicode.Scalar(escape)))' in a string",
            hint: "write a backslash as \\\\"
          )
        }
        runStart = index
        continue
      }
      if byte == UInt8(ascii: "\n") {
        throw JSONSyntaxError(
          message: "a string is not closed before the end of the line",
          position: openQuote,
          hint: "close the string with \", or write a line break inside it as \\n"
        )
      }
      if byte < 0x20 {
        throw error("a control character must be escaped in a string", hint: "write a tab as \\t")
      }
      index += 1
    }
    throw JSONSyntaxError(message: "a string is never closed", position: openQuote, hint: nil)
  }

  mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else {
      throw error("a \\u escape needs four hexadecimal digits")
    }
    var value: UInt32 = 0
    for offset in 0..<4 {
      let byte = bytes[index + offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("a \\u escape needs four hexadecimal digits")
      }
      value = value * 16 + UInt32(digit)
    }
    index += 4
    return value
  }

  mutating func parseNumber() throws(JSONSyntaxError) -> JSONNode {
    let start = index
    let startPosition = position
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    func digits(_ parser: inout Parser) -> Int {
      let first = parser.index
      while parser.index < parser.bytes.count,
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.index])
      {
        parser.index += 1
      }
      return parser.index - first
    }
    let integerStart = index
    guard digits(&self) > 0 else { throw error("expected a digit, found \(currentDescription)") }
    if bytes[integerStart] == UInt8(ascii: "0") && index - integerStart > 1 {
      throw JSONSyntaxError(
        message: "numbers must not start with 0",
        position: startPosition,
        hint: "write codes such as 07 as 7"
      )
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits(&self) > 0 else {
        throw error("expected a digit after '.', found \(currentDescription)")
      }
    }
    if index < bytes.count
      && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"))
    {
      index += 1
      if index < bytes.count
        && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"))
      {
        index += 1
      }
      guard digits(&self) > 0 else {
        throw error("expected a digit in the exponent, found \(currentDescription)")
      }
    }
    let literal = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(literal) else { throw error("'\(literal)' is not a number") }
    return JSONNode(value: .number(value, literal: literal), position: startPosition)
  }
}
