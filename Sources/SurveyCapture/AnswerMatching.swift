public import SurveyInstruments

/// Reads answers as they appear in exports: codes, labels and aliases in any case and spacing,
/// `10 - Completely` on numeric scales, declared missing answers with their reason, and blanks.
public struct AnswerMatcher: Sendable {
  /// The scale answers are read on.
  public let scale: ResponseScale
  private let answerForLabel: [String: Answer]
  private let codes: Set<Int>
  private let missingIndexForCode: [Int: Int]
  private let isNumericScale: Bool

  /// A matcher for answers on `scale`.
  ///
  /// - Complexity: O(*k*) for *k* labels and aliases.
  public init(scale: ResponseScale) {
    self.scale = scale
    // Answers a response table cannot hold (see `Answer.code(_:)` and
    // `Answer.missing(reasonIndex:)`) are left out, so they read as unrecognised.
    let missingAnswers = scale.missingAnswers.prefix(Answer.maximumMissingReasons)
    let options = scale.options.filter { Answer.code($0.code) != .unrecognised }
    var labels: [String: Answer] = [:]
    for (index, missing) in missingAnswers.enumerated() {
      for text in [missing.label] + missing.aliases {
        labels[normalizedLabel(text)] = .missing(reasonIndex: index)
      }
    }
    for option in options {
      for text in [option.label] + option.aliases {
        labels[normalizedLabel(text)] = .code(option.code)
      }
    }
    labels[""] = nil
    answerForLabel = labels
    codes = Set(options.map(\.code))
    var missingCodes: [Int: Int] = [:]
    for (index, missing) in missingAnswers.enumerated() {
      if let code = missing.code { missingCodes[code] = index }
    }
    missingIndexForCode = missingCodes
    isNumericScale = !scale.options.isEmpty && scale.options.allSatisfy { Int($0.label) == $0.code }
  }

  /// The answer `text` stands for, or `nil` when it matches nothing (an unrecognised answer).
  ///
  /// In order: blank (spaces only) is `.notAnswered`; a number is a code of the scale or a
  /// declared missing code (numbers are read before labels, whose normalising drops signs); a
  /// number followed by text (`10 - Completely`, `0 = not at all`) on a numeric scale is that
  /// number, and on a labelled scale that code when the text is its label; then labels and
  /// aliases of options and missing answers, normalised.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public func answer(for text: String) -> Answer? {
    let trimmed = text.trimmedSpaces()
    if trimmed.isEmpty { return .notAnswered }
    let (number, rest) = leadingInteger(trimmed)
    if let number {
      if rest.isEmpty {
        if codes.contains(number) { return .code(number) }
        if let index = missingIndexForCode[number] { return .missing(reasonIndex: index) }
        return nil
      }
      if let separated = separatedRest(rest), codes.contains(number) {
        if isNumericScale { return .code(number) }
        if answerForLabel[normalizedLabel(String(separated))] == .code(number) {
          return .code(number)
        }
      }
    }
    return answerForLabel[normalizedLabel(trimmed)]
  }

  /// The integer at the start of `text` (with an optional sign, and `.0` decimals allowed when
  /// nothing follows) and the text after it.
  private func leadingInteger(_ text: String) -> (Int?, Substring) {
    let utf8 = Array(text.utf8)
    var index = 0
    var negative = false
    if index < utf8.count, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") {
      negative = utf8[index] == UInt8(ascii: "-")
      index += 1
    }
    let digitsStart = index
    var value = 0
    while index < utf8.count, utf8[index] >= 0x30, utf8[index] <= 0x39, index - digitsStart < 9 {
      value = value * 10 + Int(utf8[index] - 0x30)
      index += 1
    }
    guard index > digitsStart else { return (nil, "") }
    if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
      var end = index + 1
      while end < utf8.count, utf8[end] == UInt8(ascii: "0") { end += 1 }
      if end == utf8.count && end > index + 1 { index = end }
    }
    let rest = String(decoding: utf8[index...], as: UTF8.self)
    return (negative ? -value : value, Substring(rest))
  }

  /// The text after a number when it is set off by a space or `-`, `=`, `:`, `.`, `)`.
  private func separatedRest(_ rest: Substring) -> Substring? {
    guard let first = rest.unicodeScalars.first,
      first == " " || first == "-" || first == "=" || first == ":" || first == "." || first == ")"
        || first == "–"
    else { return nil }
    return rest
  }
}

/// A hash table keyed by byte strings, for interning cell values without building a `String` per
/// cell.
///
/// Keys are stored once in an arena; lookups hash the bytes and verify them. Each slot holds the
/// key's index and the high half of its hash, so a probe past another key reads only the slot.
struct ByteStringTable {
  /// 0 for an empty slot, else the high 32 bits of the key's hash and its index plus one.
  private var slots: [UInt64]
  private(set) var hashes: [UInt64] = []
  private var starts: [Int32] = []
  private var lengths: [Int32] = []
  private var arena: [UInt8] = []

  init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = [UInt64](repeating: 0, count: size)
  }

  /// The number of distinct keys.
  var count: Int { starts.count }

  /// A hash of `bytes`, eight bytes at a time, with a final mix so that every byte reaches
  /// the low bits (which pick the slot).
  ///
  /// - Complexity: O(*n*) for *n* bytes.
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: bytes.count)
    guard let base = bytes.baseAddress else { return mix(hash) }
    let raw = UnsafeRawPointer(base)
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      hash = (hash ^ word) &* 0x9e37_79b9_7f4a_7c15
      hash ^= hash >> 32
      offset += 8
    }
    if offset < bytes.count {
      var word: UInt64 = 0
      var shift: UInt64 = 0
      while offset < bytes.count {
        word |= UInt64(base[offset]) << shift
        shift += 8
        offset += 1
      }
      hash = (hash ^ word) &* 0x9e37_79b9_7f4a_7c15
    }
    return mix(hash)
  }

  /// The final mix of MurmurHash3 (fmix64).
  @inline(__always)
  private static func mix(_ value: UInt64) -> UInt64 {
    var hash = value
    hash ^= hash >> 33
    hash &*= 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    hash &*= 0xc4ce_b9fe_1a85_ec53
    hash ^= hash >> 33
    return hash
  }

  /// The index of `bytes`, adding it when new; `isNew` says which.
  mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, isNew: Bool) {
    let hash = Self.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    let tag = hash & 0xffff_ffff_0000_0000
    while true {
      let value = slots[slot]
      if value == 0 { break }
      if value & 0xffff_ffff_0000_0000 == tag {
        let entry = Int(value & 0xffff_ffff) - 1
        if equals(entry, bytes) { return (entry, false) }
      }
      slot = (slot + 1) & mask
    }
    let index = starts.count
    slots[slot] = tag | UInt64(index + 1)
    hashes.append(hash)
    starts.append(Int32(arena.count))
    lengths.append(Int32(bytes.count))
    arena.append(contentsOf: bytes)
    if starts.count * 2 > slots.count { grow() }
    return (index, true)
  }

  /// The bytes of the key at `index` as a string.
  func string(at index: Int) -> String {
    let start = Int(starts[index])
    return String(decoding: arena[start..<start + Int(lengths[index])], as: UTF8.self)
  }

  private func equals(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(lengths[entry]) == bytes.count else { return false }
    let start = Int(starts[entry])
    return arena.withUnsafeBytes { stored in
      let other = UnsafeRawBufferPointer(bytes)
      var index = 0
      while index + 8 <= bytes.count {
        if stored.loadUnaligned(fromByteOffset: start + index, as: UInt64.self)
          != other.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        {
          return false
        }
        index += 8
      }
      while index < bytes.count {
        if stored[start + index] != other[index] { return false }
        index += 1
      }
      return true
    }
  }

  private mutating func grow() {
    var newSlots = [UInt64](repeating: 0, count: slots.count * 2)
    let mask = newSlots.count - 1
    for (entry, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while newSlots[slot] != 0 { slot = (slot + 1) & mask }
      newSlots[slot] = hash & 0xffff_ffff_0000_0000 | UInt64(entry + 1)
    }
    slots = newSlots
  }
}
