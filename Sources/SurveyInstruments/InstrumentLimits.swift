/// The bounds every instrument file must keep to, checked while the file is decoded.
///
/// A questionnaire needs nothing near these sizes (the built-in instruments use codes below 100
/// and a few dozen list entries); they exist so that a mistyped or hostile file gets a located
/// error instead of a crash, a long wait or unbounded memory. Every later stage (scoring,
/// conversion, reports) relies on them: no check enumerates a range wider than a list may be long.
public enum InstrumentLimits {
  /// The largest instrument file read, in bytes: 4 MiB.
  public static let maximumFileSize = 4 << 20
  /// The largest magnitude of any number (codes, ranges, recodes, table values, band limits,
  /// thresholds, points of meaningful change): one million.
  public static let maximumMagnitude: Double = 1_000_000
  /// The most characters in any text value (wording, labels, notes, sources): 10,000.
  public static let maximumTextLength = 10_000
  /// The most entries in any list (scales, options, items, scores, bands, aliases, sources): 1,000.
  public static let maximumListLength = 1_000
  /// The most rows of a conversion table, and members of any object: 10,001.
  public static let maximumTableRows = 10_001

  /// The diagnostic for a file of `size` bytes, over ``maximumFileSize``.
  static func fileTooLarge(_ file: String, size: Int) -> InstrumentDiagnostic {
    InstrumentDiagnostic(
      file: file,
      position: nil,
      keyPath: "",
      message:
        "the file is \(groupedThousands(size)) bytes; an instrument file may be at most \(groupedThousands(maximumFileSize)) bytes",
      hint: "is this the right file? instrument files are small JSON files"
    )
  }
}
