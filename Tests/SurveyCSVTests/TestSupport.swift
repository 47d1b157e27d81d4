import Foundation
import SurveyCSV

/// Shared helpers for the SurveyCSV tests.
enum TestSupport {
  /// The folder holding the test fixtures.
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// Chunk sizes that put chunk boundaries at many different places.
  static let chunkSizes = [1, 2, 3, 4, 5, 7, 64, CSVReader.Options.defaultChunkSize]

  /// Reads in-memory CSV bytes with the given options.
  static func records(
    _ bytes: [UInt8],
    chunkSize: Int = CSVReader.Options.defaultChunkSize,
    delimiter: CSVDelimiter? = nil,
    encoding: CSVEncoding? = nil
  ) throws -> [[String]] {
    let options = CSVReader.Options(delimiter: delimiter, encoding: encoding, chunkSize: chunkSize)
    return try CSVReader(bytes: bytes, options: options).readAll()
  }

  /// Reads CSV text (as UTF-8) with the given chunk size.
  static func records(
    _ text: String,
    chunkSize: Int = CSVReader.Options.defaultChunkSize,
    delimiter: CSVDelimiter? = nil
  ) throws -> [[String]] {
    try records(Array(text.utf8), chunkSize: chunkSize, delimiter: delimiter)
  }

  /// The UTF-16 bytes of `text` in the given byte order, without a byte order mark.
  static func utf16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { unit -> [UInt8] in
      let high = UInt8(unit >> 8)
      let low = UInt8(unit & 0xFF)
      return bigEndian ? [high, low] : [low, high]
    }
  }

  /// Writes `bytes` to a new temporary file and returns its path.
  static func temporaryFile(_ bytes: [UInt8], name: String = "input.csv") throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("SurveyCSVTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return file.path
  }

  /// Removes a file made by `temporaryFile(_:name:)` and its folder.
  static func removeTemporaryFile(_ path: String) {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    try? FileManager.default.removeItem(at: folder)
  }
}

/// A small deterministic random number generator (SplitMix64), so failures can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
