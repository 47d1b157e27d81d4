/// Bytes of a fuzz input, taken from the front: first the choices (options, selectors), then
/// the rest as the data to read.
///
/// An input shorter than its choices reads zeros for the missing bytes, so every byte string is
/// a valid input.
struct FuzzInput {
  private let bytes: [UInt8]
  private var offset = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// The next byte, or 0 at the end.
  mutating func byte() -> UInt8 {
    guard offset < bytes.count else { return 0 }
    defer { offset += 1 }
    return bytes[offset]
  }

  /// The bytes not taken yet.
  var rest: [UInt8] { offset < bytes.count ? Array(bytes[offset...]) : [] }
}

extension [UInt8] {
  /// The bytes split at LF, keeping empty lines.
  ///
  /// - Complexity: O(*n*) in the number of bytes.
  func lines() -> [ArraySlice<UInt8>] {
    split(separator: 0x0A, omittingEmptySubsequences: false)
  }
}
