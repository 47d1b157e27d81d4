/// One piece of markup found by ``XMLScanner/scanMarkup(_:at:)``: a tag, a comment, a
/// processing instruction, a CDATA section or a document type declaration.
struct XMLMarkup {
  enum Kind: Equatable {
    /// `<name …>`
    case start
    /// `</name>`
    case end
    /// `<name …/>`
    case empty
    /// `<!-- … -->`, `<? … ?>` or `<!DOCTYPE …>`: skipped.
    case ignorable
    /// `<![CDATA[ … ]]>`: `contentStart..<contentEnd` is its text.
    case characterData
  }

  var kind: Kind
  /// The qualified name (`x:c`) of a tag.
  var nameStart = 0
  var nameEnd = 0
  /// Where the local name (`c` in `x:c`) starts.
  var localNameStart = 0
  /// The attributes of a start or empty tag, between the name and the closing `>` or `/>`.
  var attributesStart = 0
  var attributesEnd = 0
  /// The text of a CDATA section.
  var contentStart = 0
  var contentEnd = 0
  /// The offset just after the markup.
  var end = 0
}

/// Why scanning stopped.
enum XMLScanStop: Error {
  /// The buffer ends inside the markup; more input may complete it.
  case needsMoreInput
  /// The bytes are not well-formed XML; the message says how.
  case malformed(String)
}

/// Byte-level XML scanning for SpreadsheetML parts: tags, attributes, text with entities.
///
/// This is not a validating parser. It reads what well-formed XML writers produce, matches
/// element and attribute names by their local part (so `x:c` and `c` are the same), skips
/// comments, processing instructions and document type declarations without expanding any
/// entity they declare, and reports malformed markup instead of guessing.
enum XMLScanner {
  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  @inline(__always)
  private static func endsName(_ byte: UInt8) -> Bool {
    byte <= 0x20 || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
      || byte == UInt8(ascii: "=")
  }

  /// Scans the markup that starts at `position`, where `bytes[position]` is `<`.
  ///
  /// - Throws: ``XMLScanStop/needsMoreInput`` when the buffer ends inside the markup,
  ///   ``XMLScanStop/malformed(_:)`` for bytes that are not markup.
  /// - Complexity: O(*m*) in the length of the markup.
  @inline(__always)
  static func scanMarkup(
    _ bytes: UnsafeBufferPointer<UInt8>,
    at position: Int
  ) throws(XMLScanStop) -> XMLMarkup {
    let count = bytes.count
    var index = position + 1
    guard index < count else { throw .needsMoreInput }
    let first = bytes[index]
    if first == UInt8(ascii: "/") {
      index += 1
      let nameStart = index
      var localStart = index
      while index < count && !endsName(bytes[index]) {
        if bytes[index] == UInt8(ascii: ":") { localStart = index + 1 }
        index += 1
      }
      let nameEnd = index
      while index < count && isSpace(bytes[index]) { index += 1 }
      guard index < count else { throw .needsMoreInput }
      guard bytes[index] == UInt8(ascii: ">"), nameEnd > nameStart else {
        throw .malformed("an end tag is not closed by '>'")
      }
      var markup = XMLMarkup(kind: .end)
      markup.nameStart = nameStart
      markup.nameEnd = nameEnd
      markup.localNameStart = localStart
      markup.end = index + 1
      return markup
    }
    if first == UInt8(ascii: "?") {
      return XMLMarkup(kind: .ignorable, end: try find("?>", in: bytes, from: index + 1))
    }
    if first == UInt8(ascii: "!") {
      if has("!--", in: bytes, at: index) {
        return XMLMarkup(kind: .ignorable, end: try find("-->", in: bytes, from: index + 3))
      }
      if has("![CDATA[", in: bytes, at: index) {
        let end = try find("]]>", in: bytes, from: index + 8)
        var markup = XMLMarkup(kind: .characterData)
        markup.contentStart = index + 8
        markup.contentEnd = end - 3
        markup.end = end
        return markup
      }
      guard count - index >= 8 else { throw .needsMoreInput }
      // A document type declaration: skip it, with any internal subset in brackets and any
      // quoted strings; its entity declarations are not used.
      var depth = 0
      var quote: UInt8 = 0
      index += 1
      while index < count {
        let byte = bytes[index]
        if quote != 0 {
          if byte == quote { quote = 0 }
        } else if byte == 0x22 || byte == 0x27 {
          quote = byte
        } else if byte == UInt8(ascii: "[") {
          depth += 1
        } else if byte == UInt8(ascii: "]") {
          depth -= 1
        } else if byte == UInt8(ascii: ">") && depth <= 0 {
          return XMLMarkup(kind: .ignorable, end: index + 1)
        }
        index += 1
      }
      throw .needsMoreInput
    }
    let nameStart = index
    var localStart = index
    while index < count && !endsName(bytes[index]) {
      if bytes[index] == UInt8(ascii: ":") { localStart = index + 1 }
      index += 1
    }
    guard index < count else { throw .needsMoreInput }
    guard index > nameStart else { throw .malformed("a '<' is not followed by a tag name") }
    var markup = XMLMarkup(kind: .start)
    markup.nameStart = nameStart
    markup.nameEnd = index
    markup.localNameStart = localStart
    markup.attributesStart = index
    // Attributes: name = "value" or 'value', separated by white space.
    while true {
      while index < count && isSpace(bytes[index]) { index += 1 }
      guard index < count else { throw .needsMoreInput }
      let byte = bytes[index]
      if byte == UInt8(ascii: ">") {
        markup.attributesEnd = index
        markup.end = index + 1
        return markup
      }
      if byte == UInt8(ascii: "/") {
        guard index + 1 < count else { throw .needsMoreInput }
        guard bytes[index + 1] == UInt8(ascii: ">") else {
          throw .malformed("a '/' inside a tag is not followed by '>'")
        }
        markup.kind = .empty
        markup.attributesEnd = index
        markup.end = index + 2
        return markup
      }
      let attributeStart = index
      while index < count && !endsName(bytes[index]) { index += 1 }
      guard index < count else { throw .needsMoreInput }
      guard index > attributeStart else { throw .malformed("a tag holds an unexpected '/'") }
      while index < count && isSpace(bytes[index]) { index += 1 }
      guard index < count else { throw .needsMoreInput }
      guard bytes[index] == UInt8(ascii: "=") else {
        throw .malformed("an attribute has no '=' and value")
      }
      index += 1
      while index < count && isSpace(bytes[index]) { index += 1 }
      guard index < count else { throw .needsMoreInput }
      let quote = bytes[index]
      guard quote == 0x22 || quote == 0x27 else {
        throw .malformed("an attribute value is not in quotes")
      }
      index += 1
      while index < count && bytes[index] != quote { index += 1 }
      guard index < count else { throw .needsMoreInput }
      index += 1
    }
  }

  /// Calls `body` with each attribute of a start or empty tag: the local name's range and the
  /// raw value's range (without quotes), and whether the name has a prefix.
  @inline(__always)
  static func forEachAttribute(
    _ bytes: UnsafeBufferPointer<UInt8>,
    of markup: XMLMarkup,
    _ body: (_ localName: Range<Int>, _ hasPrefix: Bool, _ value: Range<Int>) -> Void
  ) {
    var index = markup.attributesStart
    let end = markup.attributesEnd
    while index < end {
      while index < end && isSpace(bytes[index]) { index += 1 }
      guard index < end else { return }
      let nameStart = index
      var localStart = index
      while index < end && !endsName(bytes[index]) {
        if bytes[index] == UInt8(ascii: ":") { localStart = index + 1 }
        index += 1
      }
      let nameEnd = index
      while index < end && bytes[index] != 0x22 && bytes[index] != 0x27 { index += 1 }
      guard index < end else { return }
      let quote = bytes[index]
      index += 1
      let valueStart = index
      while index < end && bytes[index] != quote { index += 1 }
      body(localStart..<nameEnd, localStart != nameStart, valueStart..<index)
      index += 1
    }
  }

  /// Whether `bytes[range]` is the ASCII text `name`.
  @inline(__always)
  static func equals(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>,
    _ name: StaticString
  ) -> Bool {
    guard range.count == name.utf8CodeUnitCount else { return false }
    let pointer = name.utf8Start
    for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] {
      return false
    }
    return true
  }

  /// Whether the tag's local name is `name`.
  @inline(__always)
  static func isNamed(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ markup: XMLMarkup,
    _ name: StaticString
  ) -> Bool {
    equals(bytes, markup.localNameStart..<markup.nameEnd, name)
  }

  private static func has(
    _ text: StaticString,
    in bytes: UnsafeBufferPointer<UInt8>,
    at index: Int
  ) -> Bool {
    let length = text.utf8CodeUnitCount
    guard bytes.count - index >= length else { return false }
    return equals(bytes, index..<(index + length), text)
  }

  /// The offset after the first `text` at or after `start`.
  private static func find(
    _ text: StaticString,
    in bytes: UnsafeBufferPointer<UInt8>,
    from start: Int
  ) throws(XMLScanStop) -> Int {
    let length = text.utf8CodeUnitCount
    var index = start
    while bytes.count - index >= length {
      if has(text, in: bytes, at: index) { return index + length }
      index += 1
    }
    throw .needsMoreInput
  }

  /// The offset of the next `<` at or after `start`, or `bytes.count` when there is none.
  @inline(__always)
  static func nextMarkup(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    let count = bytes.count
    while index < count && bytes[index] != UInt8(ascii: "<") { index += 1 }
    return index
  }

  /// Appends the text `bytes[range]` to `output` with its entity and character references
  /// replaced and its line breaks normalised as XML requires (CR LF and a lone CR become LF).
  ///
  /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#N;` and `&#xN;` are replaced; any other
  /// `&` is kept as it is. In an attribute value (`isAttribute`), tabs and line breaks become
  /// spaces, as XML's attribute-value normalisation requires.
  ///
  /// - Complexity: O(*n*) in the length of the text.
  static func appendText(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>,
    to output: inout [UInt8],
    isAttribute: Bool = false
  ) {
    var index = range.lowerBound
    let end = range.upperBound
    var runStart = index
    while index < end {
      let byte = bytes[index]
      if byte != UInt8(ascii: "&") && byte != 0x0D
        && !(isAttribute && (byte == 0x0A || byte == 0x09))
      {
        index += 1
        continue
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
      if byte == 0x0D {
        output.append(isAttribute ? 0x20 : 0x0A)
        index += 1
        if index < end && bytes[index] == 0x0A { index += 1 }
      } else if byte != UInt8(ascii: "&") {
        output.append(0x20)
        index += 1
      } else if let (scalar, next) = entity(bytes, at: index, end: end) {
        appendUTF8(scalar, to: &output)
        index = next
      } else {
        output.append(byte)
        index += 1
      }
      runStart = index
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
  }

  /// The character an entity or character reference at `index` stands for, and the offset after
  /// its `;`.
  private static func entity(
    _ bytes: UnsafeBufferPointer<UInt8>,
    at index: Int,
    end: Int
  ) -> (UInt32, Int)? {
    var semicolon = index + 1
    while semicolon < end && semicolon - index <= 10 && bytes[semicolon] != UInt8(ascii: ";") {
      semicolon += 1
    }
    guard semicolon < end, bytes[semicolon] == UInt8(ascii: ";") else { return nil }
    let name = (index + 1)..<semicolon
    if equals(bytes, name, "amp") { return (0x26, semicolon + 1) }
    if equals(bytes, name, "lt") { return (0x3C, semicolon + 1) }
    if equals(bytes, name, "gt") { return (0x3E, semicolon + 1) }
    if equals(bytes, name, "quot") { return (0x22, semicolon + 1) }
    if equals(bytes, name, "apos") { return (0x27, semicolon + 1) }
    guard name.count >= 2, bytes[name.lowerBound] == UInt8(ascii: "#") else { return nil }
    var digit = name.lowerBound + 1
    var radix: UInt32 = 10
    if bytes[digit] == UInt8(ascii: "x") {
      radix = 16
      digit += 1
    }
    guard digit < name.upperBound else { return nil }
    var value: UInt32 = 0
    while digit < name.upperBound {
      guard let digitValue = hexDigit(bytes[digit]), digitValue < radix, value <= 0x10_FFFF
      else { return nil }
      value = value * radix + digitValue
      digit += 1
    }
    guard value != 0, value <= 0x10_FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
    return (value, semicolon + 1)
  }

  @inline(__always)
  static func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// Appends the UTF-8 encoding of a Unicode scalar value.
  static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      output.append(UInt8(scalar))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | scalar >> 6))
      output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x1_0000:
      output.append(UInt8(0xE0 | scalar >> 12))
      output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    default:
      output.append(UInt8(0xF0 | scalar >> 18))
      output.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
      output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// Replaces the escapes `_xHHHH_` that Excel writes for characters XML cannot hold (such as
  /// `_x000D_` for a carriage return, and `_x005F_` for a literal `_` before `x`) in
  /// `output[start...]`.
  ///
  /// - Complexity: O(*n*) in the length of the text.
  static func unescapeExcelCharacters(in output: inout [UInt8], from start: Int) {
    var index = start
    let count = output.count
    // Most text has no escapes: look for "_x" first.
    while index + 6 < count {
      if output[index] == UInt8(ascii: "_") && output[index + 1] == UInt8(ascii: "x") {
        break
      }
      index += 1
    }
    guard index + 6 < count else { return }
    var result = Array(output[start..<index])
    while index < count {
      if index + 6 < count, output[index] == UInt8(ascii: "_"),
        output[index + 1] == UInt8(ascii: "x"), output[index + 6] == UInt8(ascii: "_"),
        let a = hexDigit(output[index + 2]), let b = hexDigit(output[index + 3]),
        let c = hexDigit(output[index + 4]), let d = hexDigit(output[index + 5])
      {
        let scalar = a << 12 | b << 8 | c << 4 | d
        if !(0xD800...0xDFFF).contains(scalar) {
          appendUTF8(scalar, to: &result)
          index += 7
          continue
        }
      }
      result.append(output[index])
      index += 1
    }
    output.removeSubrange(start...)
    output.append(contentsOf: result)
  }

  /// Removes white space from both ends of `output[start...]`, unless it is all white space,
  /// as Excel does with the text of a `<t>` element that lacks `xml:space="preserve"`.
  static func trimSpace(in output: inout [UInt8], from start: Int) {
    var end = output.count
    while end > start && isSpace(output[end - 1]) { end -= 1 }
    guard end > start else { return }
    var first = start
    while isSpace(output[first]) { first += 1 }
    output.removeSubrange(end...)
    if first > start { output.removeSubrange(start..<first) }
  }
}

extension XMLMarkup {
  init(kind: Kind, end: Int) {
    self.init(kind: kind)
    self.end = end
  }
}
