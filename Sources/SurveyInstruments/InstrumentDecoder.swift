/// The instrument-file format versions this toolkit reads.
public enum InstrumentFormat {
  /// The newest `format` value this toolkit understands.
  public static let newestVersion = 1
}

/// What an instrument file holds: a whole instrument, or an extension that adds wording to
/// another instrument (how licensed users add WEMWBS wording from their own copy).
public enum InstrumentFileContents: Sendable, Hashable {
  /// A complete instrument.
  case instrument(Instrument)
  /// Additions to an instrument defined elsewhere.
  case `extension`(InstrumentExtension)
}

/// Additions to an instrument defined in another file: item wording, header aliases, answer
/// aliases, and the introduction.
///
/// An extension cannot change codes, scores or thresholds.
public struct InstrumentExtension: Sendable, Hashable {
  /// The instrument being extended.
  public var extends: InstrumentID
  /// The file the extension came from.
  public var file: String
  /// Where `extends` is written in the file, for errors.
  public var extendsPosition: TextPosition?
  /// A replacement introduction, if given.
  public var introduction: Introduction?
  /// Wording and aliases to add, by item.
  public var items: [ItemAddition]
  /// Answer aliases to add, by scale.
  public var scales: [ScaleAddition]

  /// Further spellings of a scale's answers, as an export writes them.
  public struct ScaleAddition: Sendable, Hashable {
    /// The scale extended.
    public var id: ScaleID
    /// Aliases to add to options, by code.
    public var optionAliases: [Int: [String]]
    /// Aliases to add to declared missing answers, by label.
    public var missingAliases: [String: [String]]
    /// Where the addition sits in its file, for errors.
    public var position: TextPosition?

    /// Creates an addition.
    public init(
      id: ScaleID,
      optionAliases: [Int: [String]] = [:],
      missingAliases: [String: [String]] = [:],
      position: TextPosition? = nil
    ) {
      self.id = id
      self.optionAliases = optionAliases
      self.missingAliases = missingAliases
      self.position = position
    }
  }

  /// Wording and aliases for one item.
  public struct ItemAddition: Sendable, Hashable {
    /// The item extended.
    public var id: ItemID
    /// The item's wording.
    public var wording: String?
    /// Further header aliases.
    public var aliases: [String]
    /// Where the addition sits in its file, for errors.
    public var position: TextPosition?

    /// Creates an addition.
    public init(id: ItemID, wording: String?, aliases: [String] = [], position: TextPosition? = nil)
    {
      self.id = id
      self.wording = wording
      self.aliases = aliases
      self.position = position
    }
  }

  /// Creates an extension.
  public init(
    extends: InstrumentID,
    file: String,
    extendsPosition: TextPosition? = nil,
    introduction: Introduction? = nil,
    items: [ItemAddition],
    scales: [ScaleAddition] = []
  ) {
    self.extends = extends
    self.file = file
    self.extendsPosition = extendsPosition
    self.introduction = introduction
    self.items = items
    self.scales = scales
  }
}

/// Decodes and validates instrument files.
///
/// Every problem is reported with the file, line, column and key path, and all problems in a
/// file are reported together rather than one at a time.
public enum InstrumentDecoder {
  /// Decodes an instrument file's bytes.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents (UTF-8 JSON).
  ///   - file: The file's name as the user gave it, used in diagnostics.
  /// - Returns: The instrument or extension the file defines.
  /// - Throws: ``InstrumentFileError`` listing every problem found.
  /// - Complexity: O(*n*) in the file's size, plus O(*i* × *s*) cross-checks of items and scores.
  public static func decode(
    _ bytes: [UInt8],
    file: String
  ) throws(InstrumentFileError) -> InstrumentFileContents {
    guard bytes.count <= InstrumentLimits.maximumFileSize else {
      throw InstrumentFileError(diagnostics: [
        InstrumentLimits.fileTooLarge(file, size: bytes.count)
      ])
    }
    let root: JSONNode
    do {
      root = try JSONReader.parse(bytes)
    } catch {
      throw InstrumentFileError(diagnostics: [
        InstrumentDiagnostic(
          file: file,
          position: error.position,
          keyPath: "",
          message: "not valid JSON: \(error.message)",
          hint: error.hint
        )
      ])
    }
    let session = DecodingSession(file: file)
    let contents = session.decodeFile(root)
    if !session.diagnostics.isEmpty || contents == nil {
      let sorted = session.diagnostics.enumerated().sorted { lhs, rhs in
        switch (lhs.element.position, rhs.element.position) {
        case let (l?, r?) where l != r: l < r
        default: lhs.offset < rhs.offset
        }
      }.map(\.element)
      throw InstrumentFileError(diagnostics: sorted)
    }
    guard let contents else { throw InstrumentFileError(diagnostics: []) }
    return contents
  }

  /// Decodes a file that must define a whole instrument.
  ///
  /// - Throws: ``InstrumentFileError`` listing every problem found, or saying the file is an
  ///   extension.
  public static func decodeInstrument(
    _ bytes: [UInt8],
    file: String
  ) throws(InstrumentFileError) -> Instrument {
    switch try decode(bytes, file: file) {
    case .instrument(let instrument): return instrument
    case .extension(let addition):
      throw InstrumentFileError(diagnostics: [
        InstrumentDiagnostic(
          file: file,
          position: TextPosition(line: 1, column: 1),
          keyPath: "extends",
          message: "the file extends '\(addition.extends)' instead of defining an instrument"
        )
      ])
    }
  }
}

/// A number without a trailing `.0` when it is whole: 14, 26.02.
public func formatNumber(_ value: Double) -> String {
  if value.rounded() == value && abs(value) < 1e15 { return String(Int(value)) }
  return String(value)
}
