extension UInt8 {
  static var comma: UInt8 { UInt8(ascii: ",") }
  static var semicolon: UInt8 { UInt8(ascii: ";") }
  static var tab: UInt8 { UInt8(ascii: "\t") }
  static var space: UInt8 { UInt8(ascii: " ") }
  static var quote: UInt8 { UInt8(ascii: "\"") }
  static var apostrophe: UInt8 { UInt8(ascii: "'") }
  static var lineFeed: UInt8 { UInt8(ascii: "\n") }
  static var carriageReturn: UInt8 { UInt8(ascii: "\r") }
  static var equalsSign: UInt8 { UInt8(ascii: "=") }
  static var plusSign: UInt8 { UInt8(ascii: "+") }
  static var minusSign: UInt8 { UInt8(ascii: "-") }
  static var atSign: UInt8 { UInt8(ascii: "@") }
  static var period: UInt8 { UInt8(ascii: ".") }
  static var digitZero: UInt8 { UInt8(ascii: "0") }
  static var digitNine: UInt8 { UInt8(ascii: "9") }
  static var lowercaseE: UInt8 { UInt8(ascii: "e") }
  static var uppercaseE: UInt8 { UInt8(ascii: "E") }

  /// Whether the byte is an ASCII decimal digit.
  var isASCIIDigit: Bool { self >= .digitZero && self <= .digitNine }

  /// Whether the byte is a UTF-8 continuation byte (`10xxxxxx`).
  var isUTF8Continuation: Bool { self & 0b1100_0000 == 0b1000_0000 }
}
