/// A typed identifier, so that an item id cannot be passed where a score id is expected.
///
/// Identifiers are lowercase letters, digits, `-` and `_`, starting with a letter, as written
/// in instrument files (`ons-loneliness`, `left-out`, `ucla3`).
public struct Identifier<Tag>: RawRepresentable, Hashable, Comparable, Sendable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  /// The identifier as written in the instrument file.
  public var rawValue: String

  /// Wraps `rawValue` without checking its spelling; decoding checks it.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Wraps a literal.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// The raw value.
  public var description: String { rawValue }

  /// Orders identifiers by their raw value.
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Whether `text` is a valid identifier: a lowercase letter, then lowercase letters, digits,
  /// `-` or `_`, at most 64 characters.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public static func isValid(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard let first = bytes.first, bytes.count <= 64, (0x61...0x7A).contains(first) else {
      return false
    }
    return bytes.allSatisfy { byte in
      (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F
    }
  }
}

/// The identifier of an instrument, such as `ons-loneliness`.
public typealias InstrumentID = Identifier<Instrument>
/// The identifier of an item within an instrument, such as `lonely`.
public typealias ItemID = Identifier<Item>
/// The identifier of a response scale within an instrument.
public typealias ScaleID = Identifier<ResponseScale>
/// The identifier of a score within an instrument, such as `ucla3`.
public typealias ScoreID = Identifier<ScoreRule>
/// The identifier of an indicator within an instrument, such as `often-always`.
public typealias IndicatorID = Identifier<Indicator>
/// The identifier of a band within a score's bands, such as `lonely`.
public typealias BandID = Identifier<Band>
/// The identifier of a source in an instrument's list of sources.
public typealias SourceID = Identifier<Source>
