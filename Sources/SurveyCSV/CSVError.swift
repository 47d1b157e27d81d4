/// An error found while opening, reading or parsing CSV input, with its position.
///
/// The `description` reads like a compiler diagnostic, so a command-line tool can print it as it
/// is:
///
///     export.csv:12:7: error: quoted field is never closed
///     hint: add the closing '"' to the field that starts '"Once upon a time'; …
///
/// Switch on `kind` to decide what to do; for example a command-line tool can exit with status
/// 66 (`EX_NOINPUT`) for `.fileNotFound`, `.permissionDenied` and `.isDirectory`, and with 74
/// (`EX_IOERR`) for `.readFailed`.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The category of a `CSVError`.
  ///
  /// New kinds may be added in later versions, so a `switch` over kinds needs a `default` case.
  public struct Kind: Sendable, Hashable, CustomStringConvertible {
    private let name: String

    private init(_ name: String) {
      self.name = name
    }

    /// The file does not exist, or a folder on its path does not.
    public static let fileNotFound = Kind("fileNotFound")

    /// The file exists but may not be read by this user.
    public static let permissionDenied = Kind("permissionDenied")

    /// The path names a directory rather than a file.
    public static let isDirectory = Kind("isDirectory")

    /// The operating system reported an input/output error while reading.
    public static let readFailed = Kind("readFailed")

    /// A field opens with `"` but the input ends before the closing `"`.
    public static let unterminatedQuote = Kind("unterminatedQuote")

    /// The name of the kind, such as `unterminatedQuote`.
    public var description: String { name }
  }

  /// The category of the error.
  public var kind: Kind

  /// The path of the file being read, or `nil` when reading bytes from memory.
  public var filePath: String?

  /// The 1-based physical line of the problem, or `nil` when it concerns the whole file.
  ///
  /// Lines are counted the way the reader ends records: LF, CR LF and a bare CR each end a line.
  public var line: Int?

  /// The 1-based column of the problem in Unicode scalars, or `nil` when it concerns the whole
  /// file or a whole line.
  public var column: Int?

  /// What went wrong, starting in lowercase, quoting offending input in `'…'`.
  public var message: String

  /// A suggestion for fixing the problem, or `nil` when there is none.
  public var hint: String?

  /// Creates an error from its parts.
  ///
  /// - Parameters:
  ///   - kind: The category of the error.
  ///   - filePath: The path of the file being read, if any.
  ///   - line: The 1-based line of the problem, if known.
  ///   - column: The 1-based column of the problem, if known.
  ///   - message: What went wrong, starting in lowercase.
  ///   - hint: A suggestion for fixing the problem, if any.
  public init(
    kind: Kind,
    filePath: String? = nil,
    line: Int? = nil,
    column: Int? = nil,
    message: String,
    hint: String? = nil
  ) {
    self.kind = kind
    self.filePath = filePath
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// The error as `path:line:column: error: message`, followed by a `hint: …` line when there is
  /// a hint.
  ///
  /// Parts of the position that are unknown are left out, so an error about a missing file reads
  /// `export.csv: error: no such file`.
  public var description: String {
    var location: [String] = []
    if let filePath {
      location.append(filePath)
    }
    if let line {
      location.append(String(line))
      if let column {
        location.append(String(column))
      }
    }
    var text = location.isEmpty ? "" : location.joined(separator: ":") + ": "
    text += "error: " + message
    if let hint {
      text += "\nhint: " + hint
    }
    return text
  }
}
