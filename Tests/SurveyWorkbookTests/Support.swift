import Foundation
import TestSupport

/// The folder of this test target's fixtures.
let workbookFixtures = fixturesFolder(of: "SurveyWorkbookTests")

/// The bytes of the fixture at `path` (relative to `Fixtures/`).
func fixture(_ path: String) throws -> [UInt8] {
  try fileBytes(workbookFixtures.appendingPathComponent(path))
}

/// The CRC-32 of ZIP and zlib, bit by bit: a plain implementation, independent of the reader's.
func referenceCRC32(_ bytes: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 {
      crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
    }
  }
  return crc ^ 0xFFFF_FFFF
}
