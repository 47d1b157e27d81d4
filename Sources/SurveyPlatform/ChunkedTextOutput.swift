/// A text stream that hands its bytes on in chunks of about `chunkSize`, so that writing a
/// report of any size to a file or to standard output holds at most one chunk in memory.
///
/// A chunk always ends at the end of a written string, so it never splits a character. The
/// first error the sink throws is kept in ``failure`` and later writes are ignored: a
/// `TextOutputStream` cannot throw, so the caller checks ``finish()`` once at the end.
///
/// ```swift
/// let writer = try AtomicFileWriter(path: "report.json")
/// var output = ChunkedTextOutput { try writer.write($0) }
/// renderer.render(document, to: &output)
/// try output.finish()
/// try writer.commit()
/// ```
package struct ChunkedTextOutput: TextOutputStream {
  /// How many bytes are gathered before they are handed on.
  package let chunkSize: Int
  /// The first error the sink threw, if any.
  package private(set) var failure: (any Error)?
  private var buffer: [UInt8] = []
  private let transform: ((String) -> String)?
  private let sink: ([UInt8]) throws -> Void

  /// Creates a stream that hands chunks of about `chunkSize` bytes to `sink`, each written
  /// string first passed through `transform` when one is given (for example, to show control
  /// characters as visible escapes).
  package init(
    chunkSize: Int = 1 << 20,
    transform: ((String) -> String)? = nil,
    sink: @escaping ([UInt8]) throws -> Void
  ) {
    self.chunkSize = max(1, chunkSize)
    self.transform = transform
    self.sink = sink
    buffer.reserveCapacity(self.chunkSize)
  }

  /// Appends `string`, handing the gathered bytes on once there are `chunkSize` of them.
  ///
  /// - Complexity: O(*n*) in the length of `string`.
  package mutating func write(_ string: String) {
    guard failure == nil else { return }
    buffer.append(contentsOf: (transform?(string) ?? string).utf8)
    if buffer.count >= chunkSize { flush() }
  }

  /// Hands on whatever is gathered, and throws the first error the sink threw.
  ///
  /// - Throws: The sink's first error.
  package mutating func finish() throws {
    flush()
    if let failure { throw failure }
  }

  private mutating func flush() {
    guard failure == nil, !buffer.isEmpty else { return }
    do { try sink(buffer) } catch { failure = error }
    buffer.removeAll(keepingCapacity: true)
  }
}
