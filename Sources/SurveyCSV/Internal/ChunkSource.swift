/// Input bytes handed out in chunks of at most a fixed size.
protocol ChunkSource: ~Copyable {
  /// Calls `body` with the next chunk of input.
  ///
  /// - Returns: `false`, without calling `body`, at the end of the input.
  mutating func withNextChunk(_ body: (ArraySlice<UInt8>) throws -> Void) throws -> Bool
}

/// A file read into one reused buffer.
struct FileChunks: ChunkSource, ~Copyable {
  private let file: PlatformFile
  private var buffer: [UInt8]

  init(path: String, chunkSize: Int) throws(CSVError) {
    file = try PlatformFile(openingForReading: path)
    buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
  }

  mutating func withNextChunk(_ body: (ArraySlice<UInt8>) throws -> Void) throws -> Bool {
    let count = try file.read(into: &buffer)
    if count == 0 {
      return false
    }
    try body(buffer[0..<count])
    return true
  }
}

/// Bytes in memory, handed out in slices.
struct MemoryChunks: ChunkSource {
  private let bytes: [UInt8]
  private let chunkSize: Int
  private var offset = 0

  init(bytes: [UInt8], chunkSize: Int) {
    self.bytes = bytes
    self.chunkSize = max(1, chunkSize)
  }

  mutating func withNextChunk(_ body: (ArraySlice<UInt8>) throws -> Void) throws -> Bool {
    if offset == bytes.count {
      return false
    }
    let end = min(bytes.count, offset + chunkSize)
    let chunk = bytes[offset..<end]
    offset = end
    try body(chunk)
    return true
  }
}
