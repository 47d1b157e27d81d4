/// One file inside a ZIP archive, as the archive's central directory lists it.
struct ZipEntry: Sendable, Hashable {
  /// The entry's path inside the archive, such as `xl/workbook.xml`.
  var name: String
  /// The entry's name as bytes, for comparison with its local header.
  var nameBytes: [UInt8]
  /// The general-purpose flags (bit 0: encrypted; bit 3: sizes in a data descriptor).
  var flags: UInt16
  /// The compression method: 0 stored, 8 deflated.
  var method: UInt16
  /// The CRC-32 of the uncompressed data.
  var checksum: UInt32
  /// The size of the stored (compressed) data.
  var compressedSize: Int
  /// The size of the data once uncompressed.
  var size: Int
  /// Where the entry's local header starts.
  var localHeaderOffset: Int
  /// Whether the sizes came from a ZIP64 extra field (so a data descriptor holds 8-byte sizes).
  var isZip64: Bool

  var isEncrypted: Bool { flags & 0x41 != 0 }
  var hasDataDescriptor: Bool { flags & 0x08 != 0 }
}

/// A ZIP archive held in memory: its central directory, read and checked when the archive is
/// opened, and its entries, read whole or streamed on request.
///
/// Supported: stored and deflated entries, data descriptors, ZIP64 sizes and offsets, an archive
/// comment. Not supported (each gives a `WorkbookError`): encryption, split archives, and other
/// compression methods.
///
/// Every offset and size read from the archive is checked against the archive's size before use,
/// the local header of an entry against the central directory, and an entry's data against its
/// recorded size and CRC-32 as it is read.
struct ZipArchive: Sendable {
  /// The whole archive.
  let bytes: [UInt8]
  /// The entries in directory order.
  let entries: [ZipEntry]
  /// The limits the archive was opened with.
  let limits: WorkbookLimits
  private let indexByFoldedName: [String: Int]

  private static let endOfDirectorySignature: UInt32 = 0x0605_4B50
  private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
  private static let zip64EndSignature: UInt32 = 0x0606_4B50
  private static let directorySignature: UInt32 = 0x0201_4B50
  private static let localSignature: UInt32 = 0x0403_4B50
  private static let descriptorSignature: UInt32 = 0x0807_4B50

  /// Reads the central directory of the archive in `bytes`.
  ///
  /// - Throws: `WorkbookError` of kind `damagedArchive` when the directory is missing, truncated
  ///   or inconsistent, `limitExceeded` when it lists too many entries, `unsupportedFormat` for
  ///   a split archive.
  /// - Complexity: O(*d*) in the size of the central directory, plus O(*c*) to find its end
  ///   record behind a comment of *c* bytes (at most 65,535).
  init(bytes: [UInt8], limits: WorkbookLimits) throws(WorkbookError) {
    self.bytes = bytes
    self.limits = limits
    let reader = ByteReader(bytes: bytes)
    // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535 bytes.
    var endRecord: Int?
    var candidate = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 65_535)
    while candidate >= lowest {
      if reader.u32(candidate) == Self.endOfDirectorySignature,
        candidate + 22 + reader.u16(candidate + 20) <= bytes.count
      {
        endRecord = candidate
        break
      }
      candidate -= 1
    }
    guard let endRecord else {
      throw Self.truncationError(bytes)
    }
    var entryCount = reader.u16(endRecord + 10)
    var directorySize = reader.u32(endRecord + 12)
    var directoryOffset = reader.u32(endRecord + 16)
    if reader.u16(endRecord + 4) != 0 || reader.u16(endRecord + 6) != 0 {
      throw WorkbookError(
        kind: .unsupportedFormat,
        message: "the file is one part of a ZIP archive split over several files",
        hint: "join the parts into one file, or " + WorkbookError.saveAsHint
      )
    }
    let locator = endRecord - 20
    if locator >= 0, UInt32(reader.u32(locator)) == Self.zip64LocatorSignature {
      let zip64End = reader.u64(locator + 8)
      guard zip64End >= 0, zip64End <= locator - 56,
        UInt32(reader.u32(zip64End)) == Self.zip64EndSignature
      else {
        throw .damaged(nil, "the ZIP64 end-of-central-directory record is missing or misplaced")
      }
      entryCount = reader.u64(zip64End + 32)
      directorySize = reader.u64(zip64End + 40)
      directoryOffset = reader.u64(zip64End + 48)
    }
    let directoryEnd =
      locator >= 0 && UInt32(reader.u32(locator)) == Self.zip64LocatorSignature
      ? locator : endRecord
    guard directoryOffset >= 0, directorySize >= 0, directoryOffset <= directoryEnd,
      directorySize <= directoryEnd - directoryOffset
    else {
      throw .damaged(
        nil,
        "the ZIP archive's central directory lies outside the file (the file is truncated or damaged)"
      )
    }
    guard entryCount >= 0, entryCount <= limits.maximumEntryCount else {
      throw WorkbookError(
        kind: .limitExceeded,
        message:
          "the ZIP archive lists \(entryCount) entries, more than the \(limits.maximumEntryCount) a workbook may have",
        hint: WorkbookError.saveAsHint
      )
    }
    var entries: [ZipEntry] = []
    entries.reserveCapacity(entryCount)
    var index: [String: Int] = [:]
    var offset = directoryOffset
    let directoryLimit = directoryOffset + directorySize
    for _ in 0..<entryCount {
      guard directoryLimit - offset >= 46, UInt32(reader.u32(offset)) == Self.directorySignature
      else {
        throw .damaged(
          nil,
          "the ZIP archive's central directory ends after \(entries.count) of its \(entryCount) entries"
        )
      }
      let nameLength = reader.u16(offset + 28)
      let extraLength = reader.u16(offset + 30)
      let commentLength = reader.u16(offset + 32)
      let recordEnd = offset + 46 + nameLength + extraLength + commentLength
      guard recordEnd <= directoryLimit else {
        throw .damaged(nil, "an entry of the ZIP archive's central directory runs past its end")
      }
      let nameBytes = Array(bytes[(offset + 46)..<(offset + 46 + nameLength)])
      let name = String(decoding: nameBytes, as: UTF8.self)
      var entry = ZipEntry(
        name: name,
        nameBytes: nameBytes,
        flags: UInt16(reader.u16(offset + 8)),
        method: UInt16(reader.u16(offset + 10)),
        checksum: UInt32(reader.u32(offset + 16)),
        compressedSize: reader.u32(offset + 20),
        size: reader.u32(offset + 24),
        localHeaderOffset: reader.u32(offset + 42),
        isZip64: false
      )
      let disk = reader.u16(offset + 34)
      // ZIP64: each field that is all ones is in the extra field, in this order.
      let extraStart = offset + 46 + nameLength
      if let zip64 = reader.extraField(0x0001, in: extraStart..<(extraStart + extraLength)) {
        var field = zip64.lowerBound
        func next() throws(WorkbookError) -> Int {
          guard zip64.upperBound - field >= 8 else {
            throw .damaged(name, "the ZIP64 sizes of the archive entry '\(name)' are cut short")
          }
          defer { field += 8 }
          return reader.u64(field)
        }
        if entry.size == 0xFFFF_FFFF {
          entry.size = try next()
          entry.isZip64 = true
        }
        if entry.compressedSize == 0xFFFF_FFFF {
          entry.compressedSize = try next()
          entry.isZip64 = true
        }
        if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
      }
      guard disk == 0 || disk == 0xFFFF else {
        throw WorkbookError(
          kind: .unsupportedFormat,
          entry: name,
          message: "the archive entry '\(name)' is on another disk of a split archive",
          hint: WorkbookError.saveAsHint
        )
      }
      guard entry.size >= 0, entry.compressedSize >= 0, entry.localHeaderOffset >= 0,
        entry.localHeaderOffset < bytes.count
      else {
        throw .damaged(name, "the archive entry '\(name)' has an offset or size outside the file")
      }
      let folded = Self.folded(name)
      if index[folded] != nil {
        throw .damaged(name, "the ZIP archive holds two entries named '\(name)'")
      }
      index[folded] = entries.count
      entries.append(entry)
      offset = recordEnd
    }
    self.entries = entries
    self.indexByFoldedName = index
  }

  /// The error for an archive without its end record: the local headers are walked from the
  /// start to name the entry the file ends in.
  private static func truncationError(_ bytes: [UInt8]) -> WorkbookError {
    let reader = ByteReader(bytes: bytes)
    var offset = 0
    var lastName: String?
    while bytes.count - offset >= 30, UInt32(reader.u32(offset)) == localSignature {
      let nameLength = reader.u16(offset + 26)
      let extraLength = reader.u16(offset + 28)
      let nameEnd = min(bytes.count, offset + 30 + nameLength)
      lastName = String(decoding: bytes[(offset + 30)..<nameEnd], as: UTF8.self)
      let compressed = reader.u32(offset + 18)
      let next = offset + 30 + nameLength + extraLength + compressed
      guard reader.u16(offset + 6) & 0x08 == 0, compressed != 0xFFFF_FFFF, next <= bytes.count
      else {
        break
      }
      offset = next
      lastName = nil
    }
    let place: String
    if let lastName {
      place = "it ends inside the archive entry '\(lastName)'"
    } else if offset > 0 {
      place = "it ends after its entries, in the archive's directory"
    } else {
      return .damaged(
        nil,
        "the file is not a ZIP archive after all: it has no central directory",
        hint: "give the CSV or Excel (.xlsx) file the survey platform exported"
      )
    }
    return WorkbookError(
      kind: .damagedArchive,
      entry: lastName,
      message: "the workbook is truncated: \(place), and the directory at its end is missing",
      hint: "download or save the workbook again; the file was cut short"
    )
  }

  /// Part names compare without regard to ASCII case, as in Open Packaging Conventions.
  static func folded(_ name: String) -> String {
    var bytes = Array(name.utf8)
    if bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
    for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
      bytes[index] += 0x20
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The entry named `name` (ignoring ASCII case and a leading `/`), if the archive has one.
  ///
  /// - Complexity: O(*n*) in the length of the name.
  func entry(named name: String) -> ZipEntry? {
    indexByFoldedName[Self.folded(name)].map { entries[$0] }
  }

  /// Checks an entry's local header against the central directory and returns where its
  /// compressed data lies.
  private func dataRange(of entry: ZipEntry) throws(WorkbookError) -> Range<Int> {
    let name = entry.name
    let reader = ByteReader(bytes: bytes)
    let header = entry.localHeaderOffset
    guard bytes.count - header >= 30, UInt32(reader.u32(header)) == Self.localSignature else {
      throw .damaged(name, "the local header of the archive entry '\(name)' is missing")
    }
    if entry.isEncrypted {
      throw WorkbookError(
        kind: .unsupportedFormat,
        entry: name,
        message: "the archive entry '\(name)' is encrypted",
        hint: "remove the password in Excel (File > Info > Protect Workbook), then "
          + WorkbookError.saveAsHint
      )
    }
    guard entry.method == 0 || entry.method == 8 else {
      throw WorkbookError(
        kind: .unsupportedFormat,
        entry: name,
        message:
          "the archive entry '\(name)' uses compression method \(entry.method); only stored (0) and deflated (8) entries can be read",
        hint: WorkbookError.saveAsHint
      )
    }
    let nameLength = reader.u16(header + 26)
    let extraLength = reader.u16(header + 28)
    let dataStart = header + 30 + nameLength + extraLength
    guard dataStart <= bytes.count else {
      throw .damaged(name, "the archive entry '\(name)' is cut short (the file is truncated)")
    }
    guard bytes[(header + 30)..<(header + 30 + nameLength)].elementsEqual(entry.nameBytes) else {
      throw .damaged(
        name,
        "the local header of the archive entry '\(name)' names another file ('\(String(decoding: bytes[(header + 30)..<(header + 30 + nameLength)], as: UTF8.self))')"
      )
    }
    guard reader.u16(header + 8) == Int(entry.method) else {
      throw .damaged(
        name,
        "the archive entry '\(name)' has compression method \(reader.u16(header + 8)) in its local header but \(entry.method) in the central directory"
      )
    }
    guard bytes.count - dataStart >= entry.compressedSize else {
      throw .damaged(
        name,
        "the archive entry '\(name)' should have \(entry.compressedSize) bytes of data but the file ends after \(bytes.count - dataStart) (the file is truncated)"
      )
    }
    let localFlags = reader.u16(header + 6)
    if localFlags & 0x08 == 0 {
      var localCompressed = reader.u32(header + 18)
      var localSize = reader.u32(header + 22)
      let extraStart = header + 30 + nameLength
      if localSize == 0xFFFF_FFFF || localCompressed == 0xFFFF_FFFF,
        let zip64 = reader.extraField(0x0001, in: extraStart..<(extraStart + extraLength)),
        zip64.count >= 16
      {
        localSize = reader.u64(zip64.lowerBound)
        localCompressed = reader.u64(zip64.lowerBound + 8)
      }
      guard UInt32(reader.u32(header + 14)) == entry.checksum, localSize == entry.size,
        localCompressed == entry.compressedSize
      else {
        throw .damaged(
          name,
          "the sizes or checksum of the archive entry '\(name)' disagree: the local header records \(localSize) bytes (\(localCompressed) compressed), the central directory \(entry.size) bytes (\(entry.compressedSize) compressed)"
        )
      }
    } else {
      // A data descriptor follows the data: an optional signature, the CRC-32, then the sizes.
      var descriptor = dataStart + entry.compressedSize
      let sizeWidth = entry.isZip64 ? 8 : 4
      if bytes.count - descriptor >= 4, UInt32(reader.u32(descriptor)) == Self.descriptorSignature {
        descriptor += 4
      }
      guard bytes.count - descriptor >= 4 + 2 * sizeWidth else {
        throw .damaged(
          name,
          "the data descriptor of the archive entry '\(name)' is missing (the file is truncated)"
        )
      }
      let compressed = sizeWidth == 8 ? reader.u64(descriptor + 4) : reader.u32(descriptor + 4)
      let size =
        sizeWidth == 8 ? reader.u64(descriptor + 12) : reader.u32(descriptor + 8)
      guard UInt32(reader.u32(descriptor)) == entry.checksum, compressed == entry.compressedSize,
        size == entry.size
      else {
        throw .damaged(
          name,
          "the sizes or checksum of the archive entry '\(name)' disagree: its data descriptor records \(size) bytes (\(compressed) compressed), the central directory \(entry.size) bytes (\(entry.compressedSize) compressed)"
        )
      }
    }
    if entry.method == 0 && entry.size != entry.compressedSize {
      throw .damaged(
        name,
        "the stored archive entry '\(name)' records \(entry.size) bytes but holds \(entry.compressedSize)"
      )
    }
    guard limits.allowsExpansion(to: entry.size, fromCompressedSize: entry.compressedSize) else {
      throw WorkbookError(
        kind: .limitExceeded,
        entry: name,
        message:
          "the archive entry '\(name)' would expand from \(Self.grouped(entry.compressedSize)) bytes to \(Self.grouped(entry.size)) bytes, more than \(limits.maximumExpansionRatio) times its size and more than \(Self.describe(bytes: limits.expansionAllowance)) (a \"ZIP bomb\")",
        hint: "a workbook saved by Excel or a survey platform never does this; "
          + WorkbookError.saveAsHint
      )
    }
    return dataStart..<(dataStart + entry.compressedSize)
  }

  /// A size written with thousands separators: `5,000,000,000`.
  static func grouped(_ value: Int) -> String {
    var digits = String(value)
    var index = digits.count - 3
    while index > 0 {
      digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
      index -= 3
    }
    return digits
  }

  /// `1 GiB`, `64 MiB`, `512 KiB` or `100 bytes`.
  static func describe(bytes: Int) -> String {
    if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }

  /// Opens an entry for reading in pieces.
  ///
  /// - Throws: `WorkbookError` when the entry's header disagrees with the directory, it is
  ///   encrypted or compressed with another method, or it expands beyond the limits.
  /// - Complexity: O(1).
  func stream(_ entry: ZipEntry) throws(WorkbookError) -> EntryStream {
    EntryStream(entry: entry, archive: bytes, dataRange: try dataRange(of: entry))
  }

  /// Reads a whole entry, checking its size and CRC-32.
  ///
  /// - Throws: `WorkbookError` as ``stream(_:)`` does, `limitExceeded` when the entry is larger
  ///   than ``WorkbookLimits/maximumPartSize``, and `damagedArchive` when its data cannot be
  ///   decoded or disagrees with its recorded size or checksum.
  /// - Complexity: O(*n*) in the entry's size.
  func read(_ entry: ZipEntry) throws(WorkbookError) -> [UInt8] {
    guard entry.size <= limits.maximumPartSize else {
      throw WorkbookError(
        kind: .limitExceeded,
        entry: entry.name,
        message:
          "the archive entry '\(entry.name)' is \(entry.size) bytes, more than the \(Self.describe(bytes: limits.maximumPartSize)) a workbook part may have",
        hint: WorkbookError.saveAsHint
      )
    }
    var stream = try stream(entry)
    while !stream.isAtEnd {
      try stream.fill(keepingFrom: 0, adding: 1 << 20)
    }
    return stream.takeBytes()
  }
}

/// An entry being decompressed in pieces, with its size and CRC-32 checked as it goes.
///
/// The bytes available are `bytes[0..<count]`; ``fill(keepingFrom:adding:)`` drops those before
/// an offset (keeping the history the decoder needs) and decodes more.
struct EntryStream: Sendable {
  /// The entry being read.
  let entry: ZipEntry
  private var inflater: Inflater
  private var checksum = CRC32()
  private var checkedCount = 0
  private var total = 0

  init(entry: ZipEntry, archive: [UInt8], dataRange: Range<Int>) {
    self.entry = entry
    inflater =
      entry.method == 0
      ? Inflater(storedInput: archive, range: dataRange)
      : Inflater(input: archive, range: dataRange)
  }

  /// The decoded bytes; `bytes[0..<count]` are valid.
  var bytes: [UInt8] { inflater.output }

  /// The number of valid bytes in ``bytes``.
  var count: Int { inflater.outputCount }

  /// Whether the whole entry has been decoded and checked.
  private(set) var isAtEnd = false

  /// The total number of bytes decoded so far.
  var decodedSize: Int { total }

  /// Calls `body` with the valid bytes.
  func withBytes<Result, Failure: Error>(
    _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let count = inflater.outputCount
    return try inflater.output.withUnsafeBufferPointer { buffer throws(Failure) in
      try body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
    }
  }

  /// Drops the bytes before `offset` and decodes about `adding` more.
  ///
  /// - Returns: How many bytes were dropped from the front: offsets into ``bytes`` move back by
  ///   this much.
  /// - Throws: `WorkbookError` of kind `damagedArchive` when the data cannot be decoded, expands
  ///   past its recorded size, or ends with another size or CRC-32 than the archive records.
  /// - Complexity: O(*n*) in the number of bytes decoded and kept.
  @discardableResult
  mutating func fill(keepingFrom offset: Int, adding: Int) throws(WorkbookError) -> Int {
    let name = entry.name
    let dropped = inflater.discard(before: offset)
    checkedCount -= dropped
    // No more than the entry's recorded size, plus one byte to notice data beyond it.
    let wanted = max(1, min(adding, entry.size - total + 1))
    do {
      try inflater.decode(until: inflater.outputCount + wanted)
    } catch {
      throw .damaged(name, "the archive entry '\(name)' is damaged: \(error.message)")
    }
    let produced = inflater.outputCount - checkedCount
    total += produced
    inflater.output.withUnsafeBufferPointer { buffer in
      checksum.update(UnsafeBufferPointer(rebasing: buffer[checkedCount..<inflater.outputCount]))
    }
    checkedCount = inflater.outputCount
    if total > entry.size {
      throw .damaged(
        name,
        "the archive entry '\(name)' expands past the \(entry.size) bytes the archive records for it"
      )
    }
    if inflater.isFinished {
      guard total == entry.size else {
        throw .damaged(
          name,
          "the archive entry '\(name)' expands to \(total) bytes but the archive records \(entry.size)"
        )
      }
      guard checksum.value == entry.checksum else {
        throw .damaged(
          name,
          "the archive entry '\(name)' is damaged: its CRC-32 is \(Self.hex(checksum.value)) but the archive records \(Self.hex(entry.checksum))"
        )
      }
      isAtEnd = true
    }
    return dropped
  }

  /// The decoded bytes, once the whole entry has been read without dropping any.
  mutating func takeBytes() -> [UInt8] {
    Array(inflater.output[0..<inflater.outputCount])
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}

/// Little-endian integers at offsets of a byte array; reads past the end give 0 (callers check
/// bounds before trusting a value).
struct ByteReader {
  let bytes: [UInt8]

  func u16(_ offset: Int) -> Int {
    guard offset >= 0, offset <= bytes.count - 2 else { return 0 }
    return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
  }

  func u32(_ offset: Int) -> Int {
    guard offset >= 0, offset <= bytes.count - 4 else { return 0 }
    return u16(offset) | u16(offset + 2) << 16
  }

  /// An unsigned 64-bit value, or -1 when it does not fit in `Int`.
  func u64(_ offset: Int) -> Int {
    guard offset >= 0, offset <= bytes.count - 8 else { return 0 }
    let high = u32(offset + 4)
    guard high < 0x8000_0000 else { return -1 }
    return u32(offset) | high << 32
  }

  /// The data of the extra field with `id` inside `range`, if there is one.
  func extraField(_ id: Int, in range: Range<Int>) -> Range<Int>? {
    var offset = range.lowerBound
    while range.upperBound - offset >= 4 {
      let fieldID = u16(offset)
      let length = u16(offset + 2)
      let dataEnd = offset + 4 + length
      guard dataEnd <= range.upperBound else { return nil }
      if fieldID == id { return (offset + 4)..<dataEnd }
      offset = dataEnd
    }
    return nil
  }
}
