/// Facts about this toolkit that reports record.
public enum Toolkit {
  /// The toolkit's version, printed by `loneliness --version` and written into every report.
  public static let version = "0.1.0"
}
