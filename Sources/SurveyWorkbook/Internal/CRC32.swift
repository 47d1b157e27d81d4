/// The CRC-32 of ZIP archives (ISO 3309, polynomial 0xEDB88320 reflected), computed eight bytes
/// at a time ("slicing by 8").
///
/// Feed the bytes of an entry in pieces with ``update(_:)``; ``value`` is the checksum of all
/// bytes fed so far.
struct CRC32: Sendable {
  /// Eight tables of 256 entries: table *k* gives the CRC of a byte followed by *k* zero bytes.
  private static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for byte in 0..<256 {
      var crc = UInt32(byte)
      for _ in 0..<8 {
        crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
      }
      tables[byte] = crc
    }
    for byte in 0..<256 {
      var crc = tables[byte]
      for slice in 1..<8 {
        crc = (crc >> 8) ^ tables[Int(crc & 0xFF)]
        tables[slice * 256 + byte] = crc
      }
    }
    return tables
  }()

  private var state: UInt32 = 0xFFFF_FFFF

  /// The checksum of the bytes fed so far.
  var value: UInt32 { state ^ 0xFFFF_FFFF }

  /// Adds `bytes` to the checksum.
  ///
  /// - Complexity: O(*n*) in the number of bytes.
  mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard var pointer = bytes.baseAddress else { return }
    var remaining = bytes.count
    var crc = state
    Self.tables.withUnsafeBufferPointer { tables in
      let table = tables.baseAddress.unsafelyUnwrapped
      while remaining >= 8 {
        let low =
          crc
          ^ (UInt32(pointer[0]) | UInt32(pointer[1]) << 8 | UInt32(pointer[2]) << 16
            | UInt32(pointer[3]) << 24)
        let high =
          UInt32(pointer[4]) | UInt32(pointer[5]) << 8 | UInt32(pointer[6]) << 16
          | UInt32(pointer[7]) << 24
        crc =
          table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
          ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
          ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
          ^ table[1 * 256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
        pointer += 8
        remaining -= 8
      }
      while remaining > 0 {
        crc = (crc >> 8) ^ table[Int((crc ^ UInt32(pointer[0])) & 0xFF)]
        pointer += 1
        remaining -= 1
      }
    }
    state = crc
  }

  /// Adds `bytes[range]` to the checksum.
  ///
  /// - Complexity: O(*n*) in the length of the range.
  mutating func update(_ bytes: [UInt8], _ range: Range<Int>) {
    bytes.withUnsafeBufferPointer { buffer in
      update(UnsafeBufferPointer(rebasing: buffer[range]))
    }
  }
}
