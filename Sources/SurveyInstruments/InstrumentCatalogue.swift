import SurveyPlatform

/// The instruments available to a run: the built-in ones, plus any the user loads from files.
///
/// ```swift
/// var catalogue = InstrumentCatalogue.builtIn
/// try catalogue.load(paths: ["my-instruments/"])
/// let swemwbs = try catalogue.instrument(named: "swemwbs")
/// ```
public struct InstrumentCatalogue: Sendable {
  /// The instruments, built-ins first, then user files in the order loaded.
  public private(set) var instruments: [Instrument]
  /// Where each instrument came from: `built-in` or a file path.
  public private(set) var origins: [InstrumentID: String]
  /// Extension files applied to each instrument, in the order applied.
  public private(set) var extensions: [InstrumentID: [String]]

  /// An empty catalogue.
  public init() {
    instruments = []
    origins = [:]
    extensions = [:]
  }

  /// The catalogue of instruments compiled into the toolkit.
  ///
  /// - Complexity: O(1); the built-in files are decoded once, the first time it is read.
  public static var builtIn: InstrumentCatalogue { decodedBuiltIns }

  /// The built-in files, decoded once (a `static let` is initialised lazily and thread-safely).
  private static let decodedBuiltIns: InstrumentCatalogue = {
    var catalogue = InstrumentCatalogue()
    for file in BuiltInInstruments.files {
      do {
        let instrument = try InstrumentDecoder.decodeInstrument(
          file.bytes,
          file: "Instruments/\(file.name)"
        )
        catalogue.instruments.append(instrument)
        catalogue.origins[instrument.id] = "built-in"
      } catch {
        // The built-in files are checked by the test suite; reaching this is a build defect.
        fatalError("built-in instrument file is invalid:\n\(error)")
      }
    }
    return catalogue
  }()

  /// Adds an instrument that was built in code rather than read from a file.
  ///
  /// - Returns: `false`, leaving the catalogue unchanged, when the id is already taken.
  @discardableResult
  public mutating func add(_ instrument: Instrument, origin: String) -> Bool {
    guard origins[instrument.id] == nil else { return false }
    instruments.append(instrument)
    origins[instrument.id] = origin
    return true
  }

  /// The instrument with `id`, if the catalogue has it.
  ///
  /// - Complexity: O(*n*) in the number of instruments.
  public func instrument(withID id: InstrumentID) -> Instrument? {
    instruments.first { $0.id == id }
  }

  /// The instrument named `name`, or an error that suggests the nearest ids.
  ///
  /// - Throws: ``UnknownInstrumentError``.
  /// - Complexity: O(*n*) in the number of instruments.
  public func instrument(named name: String) throws(UnknownInstrumentError) -> Instrument {
    if let instrument = instrument(withID: InstrumentID(rawValue: name)) { return instrument }
    let ids = instruments.map(\.id.rawValue)
    throw UnknownInstrumentError(
      name: name,
      suggestions: closestMatches(to: name, among: ids),
      known: ids,
      partOf: parts(named: name)
    )
  }

  /// What `name` is in the instruments, when it is not an instrument: "a score of
  /// ons-loneliness" for `ucla3` or `ons-loneliness.ucla3`.
  ///
  /// - Complexity: O(*n*) in the number of items, scores and indicators of every instrument.
  func parts(named name: String) -> [String] {
    var found: [String] = []
    for instrument in instruments {
      var id = name
      let prefix = instrument.id.rawValue + "."
      if name.hasPrefix(prefix) { id = String(name.dropFirst(prefix.count)) }
      if instrument.scores.contains(where: { $0.id.rawValue == id }) {
        found.append("a score of \(instrument.id)")
      }
      if instrument.items.contains(where: { $0.id.rawValue == id }) {
        found.append("an item of \(instrument.id)")
      }
      if instrument.indicators.contains(where: { $0.id.rawValue == id }) {
        found.append("an indicator of \(instrument.id)")
      }
    }
    return found
  }

  /// Loads instrument and extension files: each path is a `.json` file, or a folder whose `.json`
  /// files are all loaded (not its subfolders).
  ///
  /// Extensions are applied after every instrument is loaded, so their order does not matter.
  ///
  /// - Parameters:
  ///   - paths: The files and folders to load.
  ///   - displayPath: How to show a file's path in origins and diagnostics (for example as the
  ///     user wrote it, relative to their folder).
  /// - Returns: The files read, in the order read.
  /// - Throws: `FileSystemError` when a path cannot be read; ``InstrumentFileError`` when any file
  ///   is invalid, an id is defined twice, or an extension names an unknown instrument or item.
  ///   Nothing is added when anything fails.
  /// - Complexity: O(*n*) in the total size of the files.
  @discardableResult
  public mutating func load(
    paths: [String],
    displayPath: (String) -> String = { $0 }
  ) throws -> [String] {
    var files: [String] = []
    for path in paths {
      switch pathKind(path) {
      case .directory:
        let names = try listDirectory(path).filter { $0.hasSuffix(".json") }
        let folder = path.hasSuffix("/") ? path : path + "/"
        files.append(contentsOf: names.map { folder + $0 })
      case .missing:
        throw FileSystemError(kind: .notFound, path: path, reason: "No such file or folder")
      default:
        files.append(path)
      }
    }
    var updated = self
    var diagnostics: [InstrumentDiagnostic] = []
    var pendingExtensions: [InstrumentExtension] = []
    for file in files {
      let shown = displayPath(file)
      if let size = regularFileSize(file), size > InstrumentLimits.maximumFileSize {
        // Decoding refuses it too; this keeps a huge file from being read into memory first.
        diagnostics.append(InstrumentLimits.fileTooLarge(shown, size: size))
        continue
      }
      let bytes = try readFile(file)
      do {
        switch try InstrumentDecoder.decode(bytes, file: shown) {
        case .instrument(let instrument):
          if let existing = updated.origins[instrument.id] {
            let position = Self.position(ofTopLevelKey: "id", in: bytes)
            let hint =
              existing == "built-in"
              ? "choose another id; to add wording to the built-in instrument, write an extension file with \"extends\": \"\(instrument.id)\""
              : "choose another id for one of them"
            diagnostics.append(
              InstrumentDiagnostic(
                file: shown,
                position: position,
                keyPath: "id",
                message: "the instrument id '\(instrument.id)' is already defined (\(existing))",
                hint: hint
              )
            )
          } else {
            updated.instruments.append(instrument)
            updated.origins[instrument.id] = shown
          }
        case .extension(let addition):
          pendingExtensions.append(addition)
        }
      } catch {
        diagnostics.append(contentsOf: error.diagnostics)
      }
    }
    for addition in pendingExtensions {
      diagnostics.append(contentsOf: updated.apply(addition))
    }
    if !diagnostics.isEmpty { throw InstrumentFileError(diagnostics: diagnostics) }
    self = updated
    return files
  }

  /// Adds an extension's wording and aliases to the instrument it extends.
  ///
  /// - Returns: The problems found; the extension is applied only when there are none.
  mutating func apply(_ addition: InstrumentExtension) -> [InstrumentDiagnostic] {
    guard let index = instruments.firstIndex(where: { $0.id == addition.extends }) else {
      return [
        InstrumentDiagnostic(
          file: addition.file,
          position: addition.extendsPosition,
          keyPath: "extends",
          message: "unknown instrument '\(addition.extends)'",
          hint: didYouMean(addition.extends.rawValue, among: instruments.map(\.id.rawValue))
        )
      ]
    }
    var instrument = instruments[index]
    var problems: [InstrumentDiagnostic] = []
    for item in addition.items {
      guard let itemIndex = instrument.items.firstIndex(where: { $0.id == item.id }) else {
        problems.append(
          InstrumentDiagnostic(
            file: addition.file,
            position: item.position,
            keyPath: "items",
            message: "'\(addition.extends)' has no item '\(item.id)'",
            hint: didYouMean(item.id.rawValue, among: instrument.items.map(\.id.rawValue))
          )
        )
        continue
      }
      if let wording = item.wording { instrument.items[itemIndex].wording = wording }
      instrument.items[itemIndex].aliases.append(contentsOf: item.aliases)
    }
    for scale in addition.scales {
      problems += Self.addAliases(scale, to: &instrument, file: addition.file)
    }
    if let introduction = addition.introduction { instrument.introduction = introduction }
    guard problems.isEmpty else { return problems }
    instruments[index] = instrument
    extensions[instrument.id, default: []].append(addition.file)
    return []
  }

  /// Adds an extension's answer aliases to a scale of `instrument`, refusing codes and labels the
  /// scale lacks and aliases that would make an answer ambiguous.
  static func addAliases(
    _ addition: InstrumentExtension.ScaleAddition,
    to instrument: inout Instrument,
    file: String
  ) -> [InstrumentDiagnostic] {
    func problem(_ message: String, hint: String? = nil) -> InstrumentDiagnostic {
      InstrumentDiagnostic(
        file: file,
        position: addition.position,
        keyPath: "scales",
        message: message,
        hint: hint
      )
    }
    guard let scaleIndex = instrument.scales.firstIndex(where: { $0.id == addition.id }) else {
      return [
        problem(
          "'\(instrument.id)' has no scale '\(addition.id)'",
          hint: didYouMean(addition.id.rawValue, among: instrument.scales.map(\.id.rawValue))
        )
      ]
    }
    var scale = instrument.scales[scaleIndex]
    var problems: [InstrumentDiagnostic] = []
    // Every spelling must still name one answer: the scale's own, then each alias added.
    var owner: [String: String] = [:]
    for (label, texts) in scale.options.map({ ($0.label, [$0.label] + $0.aliases) })
      + scale.missingAnswers.map({ ($0.label, [$0.label] + $0.aliases) })
    {
      for text in texts { owner[normalizedLabel(text)] = label }
    }
    func accepts(_ alias: String, for label: String) -> Bool {
      let key = normalizedLabel(alias)
      if let other = owner[key], other != label {
        problems.append(
          problem(
            "the alias '\(excerpt(alias))' for '\(label)' already names '\(other)' on the scale '\(scale.id)'; an answer may have only one meaning"
          )
        )
        return false
      }
      owner[key] = label
      return true
    }
    for (code, aliases) in addition.optionAliases.sorted(by: { $0.key < $1.key }) {
      guard let index = scale.options.firstIndex(where: { $0.code == code }) else {
        problems.append(
          problem(
            "the scale '\(scale.id)' has no answer with the code \(code) (codes: \(scale.options.map { String($0.code) }.joined(separator: ", ")))"
          )
        )
        continue
      }
      let label = scale.options[index].label
      scale.options[index].aliases += aliases.filter { accepts($0, for: label) }
    }
    for (label, aliases) in addition.missingAliases.sorted(by: { $0.key < $1.key }) {
      guard let index = scale.missingAnswers.firstIndex(where: { $0.label == label }) else {
        problems.append(
          problem(
            "the scale '\(scale.id)' has no missing answer '\(excerpt(label))'",
            hint: didYouMean(label, among: scale.missingAnswers.map(\.label))
          )
        )
        continue
      }
      scale.missingAnswers[index].aliases += aliases.filter { accepts($0, for: label) }
    }
    if problems.isEmpty { instrument.scales[scaleIndex] = scale }
    return problems
  }

  static func position(ofTopLevelKey key: String, in bytes: [UInt8]) -> TextPosition? {
    guard let root = try? JSONReader.parse(bytes), case .object(let members) = root.value else {
      return nil
    }
    return members.first { $0.key == key }?.value.position
  }
}

/// An instrument id that the catalogue does not have.
public struct UnknownInstrumentError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The name asked for.
  public var name: String
  /// The nearest known ids.
  public var suggestions: [String]
  /// Every known id.
  public var known: [String]
  /// What the name is when it names part of an instrument rather than an instrument: "a score of
  /// ons-loneliness".
  public var partOf: [String]

  /// Creates the error.
  public init(name: String, suggestions: [String], known: [String], partOf: [String] = []) {
    self.name = name
    self.suggestions = suggestions
    self.known = known
    self.partOf = partOf
  }

  /// "unknown instrument 'x'", then a hint: what the name is part of, the nearest ids, or them
  /// all.
  public var description: String {
    var text = "error: unknown instrument '\(name)'"
    if !partOf.isEmpty {
      let instruments = partOf.compactMap { $0.split(separator: " ").last.map(String.init) }
      var unique: [String] = []
      for id in instruments where !unique.contains(id) { unique.append(id) }
      text +=
        "\nhint: \(name) is \(joined(partOf, with: "and")); -i names an instrument, so give "
        + joined(unique.map { "-i \($0)" }, with: "or")
    } else if let first = suggestions.first {
      text += "\nhint: did you mean '\(first)'? Run 'loneliness instruments' to list them all."
    } else {
      text +=
        "\nhint: the instruments are: \(known.joined(separator: ", ")); add your own with --instruments PATH"
    }
    return text
  }
}

/// `a`, `a and b`, `a, b and c` (or with another conjunction).
private func joined(_ parts: [String], with conjunction: String) -> String {
  guard parts.count > 1, let last = parts.last else { return parts.first ?? "" }
  return parts.dropLast().joined(separator: ", ") + " \(conjunction) " + last
}
