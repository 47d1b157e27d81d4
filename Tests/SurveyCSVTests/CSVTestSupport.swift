import SurveyCSV

/// Helpers for the SurveyCSV tests: reading CSV text in chunks of many sizes.
enum CSVTestSupport {
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
}
