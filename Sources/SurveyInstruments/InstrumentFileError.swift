/// One problem found in an instrument file, located by file, line, column and key path.
///
/// Its description reads like a compiler diagnostic:
///
/// ```
/// my-survey.json:14:17: error: items[2].scale: unknown scale 'frequncy'
/// hint: did you mean 'frequency'?
/// ```
public struct InstrumentDiagnostic: Sendable, Hashable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String
  /// Where in the file, when known.
  public var position: TextPosition?
  /// The path of keys and list positions to the offending value, such as `items[2].scale`;
  /// empty for the whole file.
  public var keyPath: String
  /// What is wrong and what was expected, starting in lowercase.
  public var message: String
  /// A suggestion for fixing it, when there is one.
  public var hint: String?

  /// Creates a diagnostic.
  public init(
    file: String,
    position: TextPosition?,
    keyPath: String,
    message: String,
    hint: String? = nil
  ) {
    self.file = file
    self.position = position
    self.keyPath = keyPath
    self.message = message
    self.hint = hint
  }

  /// `file:line:column: error: keyPath: message`, then `hint: …` on its own line.
  public var description: String {
    var text = file
    if let position { text += ":\(position.line):\(position.column)" }
    text += ": error: "
    if !keyPath.isEmpty { text += "\(keyPath): " }
    text += message
    if let hint { text += "\nhint: \(hint)" }
    return text
  }
}

/// The problems that stopped an instrument file from loading: one or more located diagnostics.
public struct InstrumentFileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Every problem found, in file order.
  public var diagnostics: [InstrumentDiagnostic]

  /// Creates an error from its diagnostics.
  public init(diagnostics: [InstrumentDiagnostic]) { self.diagnostics = diagnostics }

  /// The diagnostics, one after another.
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
