/// Raw DEFLATE (RFC 1951) decompression: the compression of ZIP archives, and so of workbooks.
///
///     let text = try Deflate.decompress(compressed, maximumSize: 1 << 20)
///
/// All three kinds of block are read: stored, fixed Huffman and dynamic Huffman. See
/// ``Workbook`` for how archive entries are read with it.
public enum Deflate {
  /// Decompresses a raw DEFLATE stream (no zlib or gzip header).
  ///
  /// - Parameters:
  ///   - bytes: The compressed stream.
  ///   - maximumSize: The most bytes the result may have; a stream that expands further is an
  ///     error, so memory stays bounded whatever the input.
  ///   - pieceSize: How many bytes are decoded at a time (the decoder keeps only a 32 KiB
  ///     window between pieces). The result does not depend on it.
  /// - Returns: The decompressed bytes.
  /// - Throws: ``WorkbookError`` of kind `damagedArchive` for an invalid or truncated stream,
  ///   `limitExceeded` when the result would be larger than `maximumSize`.
  /// - Complexity: O(*n*) in the size of the result.
  public static func decompress(
    _ bytes: [UInt8],
    maximumSize: Int,
    pieceSize: Int = 1 << 20
  ) throws(WorkbookError) -> [UInt8] {
    var inflater = Inflater(input: bytes, range: 0..<bytes.count)
    var result: [UInt8] = []
    let piece = max(1, pieceSize)
    var freshStart = 0
    while !inflater.isFinished {
      do {
        try inflater.decode(until: inflater.outputCount + piece)
      } catch {
        throw .damaged(nil, "the DEFLATE stream is damaged: \(error.message)")
      }
      result.append(contentsOf: inflater.output[freshStart..<inflater.outputCount])
      guard result.count <= maximumSize else {
        throw WorkbookError(
          kind: .limitExceeded,
          message: "the DEFLATE stream expands past \(maximumSize) bytes"
        )
      }
      freshStart = inflater.outputCount - inflater.discard(before: inflater.outputCount)
    }
    return result
  }
}
