/// The CRC-32 of ZIP archives (ISO 3309, polynomial 0xEDB88320 reflected), computed sixteen
/// bytes at a time ("slicing by 16").
///
/// Feed the bytes of an entry in pieces with ``update(_:)``; ``value`` is the checksum of all
/// bytes fed so far.
struct CRC32: Sendable {
  /// Sixteen tables of 256 entries: table *k* gives the CRC of a byte followed by *k* zero
  /// bytes.
  private static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 16 * 256)
    for byte in 0..<256 {
      var crc = UInt32(byte)
      for _ in 0..<8 {
        crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
      }
      tables[byte] = crc
    }
    for byte in 0..<256 {
      var crc = tables[byte]
      for slice in 1..<16 {
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
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    let count = bytes.count
    var crc = state
    Self.tables.withUnsafeBufferPointer { tables in
      let table = tables.baseAddress.unsafelyUnwrapped
      @inline(__always) func lookup(_ slice: Int, _ value: UInt32) -> UInt32 {
        table[slice &* 256 &+ Int(value & 0xFF)]
      }
      let raw = UnsafeRawPointer(base)
      while count - offset >= 16 {
        let first =
          UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) ^ crc
        let second = UInt32(
          littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
        )
        let third = UInt32(
          littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
        )
        let fourth = UInt32(
          littleEndian: raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)
        )
        crc =
          lookup(15, first) ^ lookup(14, first >> 8) ^ lookup(13, first >> 16)
          ^ lookup(12, first >> 24)
          ^ lookup(11, second) ^ lookup(10, second >> 8) ^ lookup(9, second >> 16)
          ^ lookup(8, second >> 24) ^ lookup(7, third) ^ lookup(6, third >> 8)
          ^ lookup(5, third >> 16) ^ lookup(4, third >> 24) ^ lookup(3, fourth)
          ^ lookup(2, fourth >> 8) ^ lookup(1, fourth >> 16) ^ lookup(0, fourth >> 24)
        offset += 16
      }
      while offset < count {
        crc = (crc >> 8) ^ lookup(0, crc ^ UInt32(base[offset]))
        offset += 1
      }
    }
    state = crc
  }
}
