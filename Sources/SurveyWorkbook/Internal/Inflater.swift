/// Why a DEFLATE stream could not be decoded: a sentence for people, starting in lower case.
struct InflateFailure: Error, Sendable, Hashable {
  /// What is wrong with the stream.
  var message: String

  static let truncated = InflateFailure(message: "the compressed data ends in the middle")
}

/// A DEFLATE (RFC 1951) decoder that writes into a buffer it owns and stops once the buffer holds
/// a requested number of bytes, so that a caller can read a large entry in pieces with memory
/// bounded by the piece size.
///
/// Decoding is table-driven: each Huffman code is looked up in a table indexed by the next 10
/// bits of input (8 for distances), with a second-level table for longer codes, so a symbol
/// costs one or two lookups rather than a walk down a tree. Input bits are loaded eight bytes at
/// a time, and matches at a distance of eight or more are copied eight bytes at a time.
///
/// The caller reads `output[start..<outputCount]`, then calls ``discard(before:)`` to drop what
/// it no longer needs; the decoder keeps the last 32 KiB as the history that later matches refer
/// to.
struct Inflater: Sendable {
  /// The size of the history a match may refer back into.
  static let windowSize = 32_768
  /// Room kept after the requested size: the longest match (258 bytes) plus the overshoot of
  /// an eight-byte copy.
  static let slack = 258 + 16

  private let input: [UInt8]
  private var position: Int
  private let end: Int
  private var bitBuffer: UInt64 = 0
  private var bitCount = 0
  /// Zero bytes fed in after the end of the input; a stream that needs them is truncated.
  private var paddingBytes = 0

  private enum Phase: Sendable {
    case blockHeader
    case stored
    case huffman
    case finished
  }

  private var phase = Phase.blockHeader
  private var isFinalBlock = false
  private var storedRemaining = 0
  private var literalTable: [UInt32] = []
  private var distanceTable: [UInt32] = []

  /// The decoded bytes; `output[0..<outputCount]` are valid.
  private(set) var output: [UInt8] = []
  /// The number of valid bytes in `output`.
  private(set) var outputCount = 0

  /// Whether the final block has ended.
  var isFinished: Bool { phase == .finished }

  /// The number of input bytes read, counting a partly read last byte.
  var inputBytesRead: Int { position - (bitCount >> 3) + paddingBytes }

  /// Creates a decoder for the DEFLATE stream in `input[range]`.
  init(input: [UInt8], range: Range<Int>) {
    self.input = input
    self.position = range.lowerBound
    self.end = range.upperBound
  }

  /// Creates a "decoder" that copies the stored (uncompressed) bytes `input[range]`, so that a
  /// stored archive entry is read the same way as a deflated one.
  init(storedInput input: [UInt8], range: Range<Int>) {
    self.init(input: input, range: range)
    phase = .stored
    storedRemaining = range.count
    isFinalBlock = true
  }

  /// Decodes until `output` holds at least `target` bytes or the stream ends.
  ///
  /// `outputCount` may pass `target` by up to 257 bytes (the rest of a match).
  ///
  /// - Throws: ``InflateFailure`` for an invalid or truncated stream.
  /// - Complexity: O(*n*) in the number of bytes decoded.
  mutating func decode(until target: Int) throws(InflateFailure) {
    while outputCount < target {
      // The buffer grows with what is decoded, not with what is asked for.
      let step = min(target, outputCount + max(outputCount, 1 << 16))
      if output.count < step + Self.slack {
        output.append(
          contentsOf: repeatElement(0, count: max(step + Self.slack - output.count, output.count))
        )
      }
      switch phase {
      case .finished: return
      case .blockHeader: try readBlockHeader()
      case .stored: try copyStored(until: step)
      case .huffman: try decodeHuffman(until: step)
      }
    }
  }

  /// Drops the bytes before `offset`, except the history later matches may need.
  ///
  /// - Returns: The number of bytes dropped; offsets into `output` move back by this much.
  /// - Complexity: O(*n*) in the number of bytes kept.
  mutating func discard(before offset: Int) -> Int {
    let drop = min(offset, outputCount - Self.windowSize)
    guard drop > 0 else { return 0 }
    let kept = outputCount - drop
    output.withUnsafeMutableBytes { raw in
      guard let base = raw.baseAddress else { return }
      base.copyMemory(from: base + drop, byteCount: kept)
    }
    outputCount = kept
    return drop
  }

  // MARK: - Bits

  private mutating func refill() throws(InflateFailure) {
    while bitCount < 56 {
      if position < end {
        bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
        position += 1
      } else {
        paddingBytes += 1
        if paddingBytes > 16 { throw .truncated }
      }
      bitCount += 8
    }
  }

  private mutating func bits(_ count: Int) throws(InflateFailure) -> Int {
    if bitCount < count { try refill() }
    let value = Int(truncatingIfNeeded: bitBuffer & ((1 << UInt64(count)) - 1))
    bitBuffer >>= UInt64(count)
    bitCount -= count
    return value
  }

  private mutating func checkNotPastEnd() throws(InflateFailure) {
    if paddingBytes * 8 > bitCount { throw .truncated }
  }

  // MARK: - Blocks

  private mutating func readBlockHeader() throws(InflateFailure) {
    if isFinalBlock {
      try checkNotPastEnd()
      phase = .finished
      return
    }
    isFinalBlock = try bits(1) == 1
    switch try bits(2) {
    case 0:
      try checkNotPastEnd()
      // Stored: skip to a byte boundary, then LEN and its one's complement NLEN.
      _ = try bits(bitCount & 7)
      // Give back the whole bytes still in the bit buffer, less the zero padding.
      guard bitCount >> 3 >= paddingBytes else { throw .truncated }
      position -= (bitCount >> 3) - paddingBytes
      paddingBytes = 0
      bitBuffer = 0
      bitCount = 0
      guard end - position >= 4 else { throw .truncated }
      let length = Int(input[position]) | Int(input[position + 1]) << 8
      let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
      guard length == complement ^ 0xFFFF else {
        throw InflateFailure(
          message: "a stored block's length \(length) does not match its check value"
        )
      }
      position += 4
      guard end - position >= length else { throw .truncated }
      storedRemaining = length
      phase = .stored
    case 1:
      literalTable = HuffmanTables.fixedLiteral
      distanceTable = HuffmanTables.fixedDistance
      phase = .huffman
    case 2:
      try readDynamicTables()
      phase = .huffman
    default:
      throw InflateFailure(message: "a block has the reserved type 3")
    }
  }

  private mutating func copyStored(until target: Int) throws(InflateFailure) {
    let count = min(storedRemaining, target - outputCount)
    let from = position
    let to = outputCount
    input.withUnsafeBytes { source in
      output.withUnsafeMutableBytes { destination in
        guard let sourceBase = source.baseAddress, let destinationBase = destination.baseAddress
        else { return }
        (destinationBase + to).copyMemory(from: sourceBase + from, byteCount: count)
      }
    }
    position += count
    outputCount += count
    storedRemaining -= count
    if storedRemaining == 0 { phase = .blockHeader }
  }

  /// The order in which the code lengths of the code-length alphabet are stored.
  private static let codeLengthOrder = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
  ]

  private mutating func readDynamicTables() throws(InflateFailure) {
    let literalCount = try bits(5) + 257
    let distanceCount = try bits(5) + 1
    let codeLengthCount = try bits(4) + 4
    guard literalCount <= 286, distanceCount <= 30 else {
      throw InflateFailure(
        message:
          "a block declares \(literalCount) literal/length and \(distanceCount) distance codes (at most 286 and 30)"
      )
    }
    var codeLengthLengths = [UInt8](repeating: 0, count: 19)
    for index in 0..<codeLengthCount {
      codeLengthLengths[Self.codeLengthOrder[index]] = UInt8(try bits(3))
    }
    var codeLengthTable: [UInt32] = []
    try HuffmanTables.build(
      lengths: codeLengthLengths[...],
      payloads: HuffmanTables.codeLengthPayloads,
      primaryBits: 7,
      into: &codeLengthTable
    )
    let total = literalCount + distanceCount
    var lengths = [UInt8](repeating: 0, count: total)
    var index = 0
    while index < total {
      if bitCount < 16 { try refill() }
      let entry = codeLengthTable[Int(truncatingIfNeeded: bitBuffer & 0x7F)]
      guard HuffmanTables.kind(of: entry) == HuffmanTables.literalKind else {
        throw InflateFailure(message: "a block's code lengths use an undefined code")
      }
      let consumed = Int(entry & 0xFF)
      bitBuffer >>= UInt64(consumed)
      bitCount -= consumed
      let symbol = Int(entry >> 16)
      var repeated: UInt8 = 0
      var repeatCount: Int
      switch symbol {
      case 0..<16:
        lengths[index] = UInt8(symbol)
        index += 1
        continue
      case 16:
        guard index > 0 else {
          throw InflateFailure(message: "a block repeats a code length before the first one")
        }
        repeated = lengths[index - 1]
        repeatCount = 3 + (try bits(2))
      case 17: repeatCount = 3 + (try bits(3))
      default: repeatCount = 11 + (try bits(7))
      }
      guard index + repeatCount <= total else {
        throw InflateFailure(message: "a block's code lengths run past the number of codes")
      }
      for offset in 0..<repeatCount { lengths[index + offset] = repeated }
      index += repeatCount
    }
    guard lengths[256] != 0 else {
      throw InflateFailure(message: "a block has no end-of-block code")
    }
    try HuffmanTables.build(
      lengths: lengths[0..<literalCount],
      payloads: HuffmanTables.literalPayloads,
      primaryBits: HuffmanTables.literalPrimaryBits,
      into: &literalTable
    )
    try HuffmanTables.build(
      lengths: lengths[literalCount..<total],
      payloads: HuffmanTables.distancePayloads,
      primaryBits: HuffmanTables.distancePrimaryBits,
      into: &distanceTable
    )
  }

  // MARK: - The decoding loop

  // The hot loop works on local copies of the state and raw pointers; every table index is
  // masked to the table's primary size or bounded by the subtable the table builder made, and
  // every output write is below `target + slack`, which `decode(until:)` guarantees is inside
  // `output`.
  private mutating func decodeHuffman(until target: Int) throws(InflateFailure) {
    var out = output
    output = []
    defer { output = out }
    var buffer = bitBuffer
    var count = bitCount
    var position = self.position
    var padding = paddingBytes
    var produced = outputCount
    var failure: InflateFailure?
    var isEndOfBlock = false
    let end = self.end
    let literalMask = UInt64((1 << HuffmanTables.literalPrimaryBits) - 1)
    let distanceMask = UInt64((1 << HuffmanTables.distancePrimaryBits) - 1)
    out.withUnsafeMutableBufferPointer { outBuffer in
      input.withUnsafeBufferPointer { inBuffer in
        literalTable.withUnsafeBufferPointer { literals in
          distanceTable.withUnsafeBufferPointer { distances in
            guard let outBase = outBuffer.baseAddress, let literalBase = literals.baseAddress,
              let distanceBase = distances.baseAddress
            else {
              failure = InflateFailure(message: "internal: empty decoding table")
              return
            }
            let inBase = inBuffer.baseAddress
            decoding: while produced < target {
              if count < 48 {
                if let inBase, end - position >= 8 {
                  let word = UnsafeRawPointer(inBase + position).loadUnaligned(as: UInt64.self)
                  buffer |= UInt64(littleEndian: word) << UInt64(count)
                  position += (63 - count) >> 3
                  count |= 56
                } else {
                  while count < 56 {
                    if position < end, let inBase {
                      buffer |= UInt64(inBase[position]) << UInt64(count)
                      position += 1
                    } else {
                      padding += 1
                      if padding > 16 {
                        failure = .truncated
                        return
                      }
                    }
                    count += 8
                  }
                }
              }
              var entry = literalBase[Int(truncatingIfNeeded: buffer & literalMask)]
              if (entry >> 8) & 7 == HuffmanTables.linkKind {
                buffer >>= UInt64(entry & 0xFF)
                count -= Int(entry & 0xFF)
                let subMask = (UInt64(1) << UInt64((entry >> 11) & 0x1F)) - 1
                entry = literalBase[Int(entry >> 16) + Int(truncatingIfNeeded: buffer & subMask)]
              }
              buffer >>= UInt64(entry & 0xFF)
              count -= Int(entry & 0xFF)
              let kind = (entry >> 8) & 7
              if kind == HuffmanTables.literalKind {
                outBase[produced] = UInt8(truncatingIfNeeded: entry >> 16)
                produced += 1
                continue decoding
              }
              if kind == HuffmanTables.endOfBlockKind {
                isEndOfBlock = true
                break decoding
              }
              guard kind == HuffmanTables.baseKind else {
                failure = InflateFailure(message: "the data uses an undefined literal/length code")
                return
              }
              let lengthExtra = UInt64((entry >> 11) & 0x1F)
              let length =
                Int(entry >> 16) + Int(truncatingIfNeeded: buffer & ((1 << lengthExtra) - 1))
              buffer >>= lengthExtra
              count -= Int(lengthExtra)
              var distanceEntry = distanceBase[Int(truncatingIfNeeded: buffer & distanceMask)]
              if (distanceEntry >> 8) & 7 == HuffmanTables.linkKind {
                buffer >>= UInt64(distanceEntry & 0xFF)
                count -= Int(distanceEntry & 0xFF)
                let subMask = (UInt64(1) << UInt64((distanceEntry >> 11) & 0x1F)) - 1
                distanceEntry =
                  distanceBase[Int(distanceEntry >> 16) + Int(truncatingIfNeeded: buffer & subMask)]
              }
              buffer >>= UInt64(distanceEntry & 0xFF)
              count -= Int(distanceEntry & 0xFF)
              guard (distanceEntry >> 8) & 7 == HuffmanTables.baseKind else {
                failure = InflateFailure(message: "the data uses an undefined distance code")
                return
              }
              let distanceExtra = UInt64((distanceEntry >> 11) & 0x1F)
              let distance =
                Int(distanceEntry >> 16)
                + Int(truncatingIfNeeded: buffer & ((1 << distanceExtra) - 1))
              buffer >>= distanceExtra
              count -= Int(distanceExtra)
              guard distance <= produced else {
                failure = InflateFailure(
                  message: "the data refers \(distance) bytes back, before its start"
                )
                return
              }
              var source = produced - distance
              var destination = produced
              let stop = produced + length
              if distance >= 8 {
                let raw = UnsafeMutableRawPointer(outBase)
                while destination < stop {
                  raw.storeBytes(
                    of: raw.loadUnaligned(fromByteOffset: source, as: UInt64.self),
                    toByteOffset: destination,
                    as: UInt64.self
                  )
                  source += 8
                  destination += 8
                }
              } else {
                while destination < stop {
                  outBase[destination] = outBase[source]
                  source += 1
                  destination += 1
                }
              }
              produced = stop
            }
          }
        }
      }
    }
    bitBuffer = buffer
    bitCount = count
    self.position = position
    paddingBytes = padding
    outputCount = produced
    if let failure { throw failure }
    if isEndOfBlock { phase = .blockHeader }
  }
}

/// Building and describing the decoding tables.
///
/// A table entry is a `UInt32`: bits 0–7 hold the number of bits the code takes, bits 8–10 the
/// kind of entry, bits 11–15 the number of extra bits that follow (or a subtable's index bits),
/// and bits 16–31 the value (a literal byte, a length or distance base, or a subtable's start).
enum HuffmanTables {
  static let literalKind: UInt32 = 0
  static let baseKind: UInt32 = 1
  static let endOfBlockKind: UInt32 = 2
  static let linkKind: UInt32 = 3
  static let invalidKind: UInt32 = 4

  static let literalPrimaryBits = 10
  static let distancePrimaryBits = 8

  static func kind(of entry: UInt32) -> UInt32 { (entry >> 8) & 7 }

  private static func payload(kind: UInt32, extra: Int = 0, value: Int) -> UInt32 {
    UInt32(value) << 16 | UInt32(extra) << 11 | kind << 8
  }

  static let codeLengthPayloads: [UInt32] = (0..<19).map { payload(kind: literalKind, value: $0) }

  static let literalPayloads: [UInt32] = {
    let bases = [
      3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
      131, 163, 195, 227, 258,
    ]
    let extras = [
      0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    var payloads = (0..<256).map { payload(kind: literalKind, value: $0) }
    payloads.append(payload(kind: endOfBlockKind, value: 0))
    for index in bases.indices {
      payloads.append(payload(kind: baseKind, extra: extras[index], value: bases[index]))
    }
    payloads += [payload(kind: invalidKind, value: 0), payload(kind: invalidKind, value: 0)]
    return payloads
  }()

  static let distancePayloads: [UInt32] = {
    let bases = [
      1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
      2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    var payloads: [UInt32] = []
    for index in bases.indices {
      payloads.append(payload(kind: baseKind, extra: max(0, index / 2 - 1), value: bases[index]))
    }
    payloads += [payload(kind: invalidKind, value: 0), payload(kind: invalidKind, value: 0)]
    return payloads
  }()

  static let fixedLiteral: [UInt32] = {
    var lengths = [UInt8](repeating: 8, count: 288)
    for symbol in 144..<256 { lengths[symbol] = 9 }
    for symbol in 256..<280 { lengths[symbol] = 7 }
    var table: [UInt32] = []
    try? build(
      lengths: lengths[...],
      payloads: literalPayloads,
      primaryBits: literalPrimaryBits,
      into: &table
    )
    return table
  }()

  static let fixedDistance: [UInt32] = {
    var table: [UInt32] = []
    try? build(
      lengths: [UInt8](repeating: 5, count: 32)[...],
      payloads: distancePayloads,
      primaryBits: distancePrimaryBits,
      into: &table
    )
    return table
  }()

  /// Builds the decoding table of the canonical Huffman code with the given code lengths.
  ///
  /// Codes of up to `primaryBits` bits fill every primary entry whose low bits are the code
  /// (bit-reversed, since DEFLATE sends a code's first bit first); longer codes with the same
  /// first `primaryBits` bits share a subtable. Entries no code reaches are invalid, so an
  /// incomplete code is accepted and a stream that uses a missing code fails when it does.
  ///
  /// - Throws: ``InflateFailure`` when the lengths describe more codes than fit (an
  ///   oversubscribed code).
  /// - Complexity: O(2^`primaryBits` + *s*) for *s* symbols.
  static func build(
    lengths: ArraySlice<UInt8>,
    payloads: [UInt32],
    primaryBits: Int,
    into table: inout [UInt32]
  ) throws(InflateFailure) {
    let invalid = payload(kind: invalidKind, value: 0)
    table.removeAll(keepingCapacity: true)
    table.append(contentsOf: repeatElement(invalid, count: 1 << primaryBits))
    var counts = [Int](repeating: 0, count: 16)
    for length in lengths { counts[Int(length)] += 1 }
    counts[0] = 0
    var left = 1
    for length in 1...15 {
      left = (left << 1) - counts[length]
      if left < 0 {
        throw InflateFailure(message: "a block's Huffman code lengths are oversubscribed")
      }
    }
    // Canonical codes: symbols sorted by length, then by symbol.
    var offsets = [Int](repeating: 0, count: 16)
    for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
    var nextCode = [Int](repeating: 0, count: 16)
    var code = 0
    for length in 1...15 {
      code = (code + counts[length - 1]) << 1
      nextCode[length] = code
    }
    let symbolCount = counts.reduce(0, +)
    var sortedSymbols = [Int](repeating: 0, count: symbolCount)
    var sortedCodes = [Int](repeating: 0, count: symbolCount)
    var sortedLengths = [Int](repeating: 0, count: symbolCount)
    for (offset, length) in lengths.enumerated() where length > 0 {
      let slot = offsets[Int(length)]
      offsets[Int(length)] += 1
      sortedSymbols[slot] = offset
      sortedLengths[slot] = Int(length)
      sortedCodes[slot] = nextCode[Int(length)]
      nextCode[Int(length)] += 1
    }
    let primarySize = 1 << primaryBits
    var index = 0
    while index < symbolCount {
      let length = sortedLengths[index]
      let codeValue = sortedCodes[index]
      let symbolPayload = payloads[sortedSymbols[index]]
      if length <= primaryBits {
        let entry = symbolPayload | UInt32(length)
        var slot = reversed(codeValue, bits: length)
        while slot < primarySize {
          table[slot] = entry
          slot += 1 << length
        }
        index += 1
        continue
      }
      // A group of long codes sharing their first `primaryBits` bits.
      let prefix = codeValue >> (length - primaryBits)
      var groupEnd = index
      while groupEnd < symbolCount
        && sortedCodes[groupEnd] >> (sortedLengths[groupEnd] - primaryBits) == prefix
      {
        groupEnd += 1
      }
      let subBits = sortedLengths[groupEnd - 1] - primaryBits
      let subStart = table.count
      table.append(contentsOf: repeatElement(invalid, count: 1 << subBits))
      table[reversed(prefix, bits: primaryBits)] =
        payload(kind: linkKind, extra: subBits, value: subStart) | UInt32(primaryBits)
      for member in index..<groupEnd {
        let tailBits = sortedLengths[member] - primaryBits
        let tail = sortedCodes[member] & ((1 << tailBits) - 1)
        let entry = payloads[sortedSymbols[member]] | UInt32(tailBits)
        var slot = reversed(tail, bits: tailBits)
        while slot < 1 << subBits {
          table[subStart + slot] = entry
          slot += 1 << tailBits
        }
      }
      index = groupEnd
    }
  }

  private static func reversed(_ value: Int, bits: Int) -> Int {
    var result = 0
    var rest = value
    for _ in 0..<bits {
      result = result << 1 | rest & 1
      rest >>= 1
    }
    return result
  }
}
