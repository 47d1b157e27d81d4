extension Document {
  /// Text with a little structure: strong and emphasised words, code, flags such as
  /// `low base`, asides and line breaks.
  ///
  /// Plain text and Markdown draw ``plainText``, where a flag reads `[low base]`; pages mark
  /// each run up.
  public struct RichText: Sendable, Hashable, ExpressibleByStringLiteral {
    /// A flag on a figure or a row.
    public enum Flag: String, Sendable, Hashable, CaseIterable {
      /// The base is under the low-base threshold: estimates from it are unreliable.
      case lowBase = "low base"
      /// A cut-off whose source could not be confirmed.
      case uncertain
      /// A test whose approximation may be poor.
      case notReliable = "not reliable"
    }

    /// One run of text.
    public enum Run: Sendable, Hashable {
      /// Ordinary text.
      case plain(String)
      /// Strong text (a headline's measure).
      case strong(String)
      /// Emphasised text.
      case emphasis(String)
      /// An identifier or column name.
      case code(String)
      /// A flag, `[low base]` in plain text.
      case flag(Flag)
      /// A secondary remark after the main text.
      case aside(String)
      /// A line break.
      case lineBreak
    }

    /// The runs, in order.
    public var runs: [Run]

    /// Creates text from runs.
    public init(_ runs: [Run]) { self.runs = runs }

    /// Creates plain text.
    public init(_ text: String) { runs = text.isEmpty ? [] : [.plain(text)] }

    /// Creates plain text from a literal.
    public init(stringLiteral value: String) { self.init(value) }

    /// `name`, followed by the low-base flag when `isLowBase`.
    public static func label(_ name: String, isLowBase: Bool) -> RichText {
      RichText(isLowBase ? [.plain(name + " "), .flag(.lowBase)] : [.plain(name)])
    }

    /// The two texts one after the other.
    public static func + (lhs: RichText, rhs: RichText) -> RichText {
      RichText(lhs.runs + rhs.runs)
    }

    /// The text as plain text: flags in square brackets (`[low base]`), line breaks as `\n`.
    ///
    /// - Complexity: O(*n*) in the length of the text.
    public var plainText: String {
      var text = ""
      for run in runs {
        switch run {
        case .plain(let part), .strong(let part), .emphasis(let part), .code(let part),
          .aside(let part):
          text += part
        case .flag(let flag): text += "[\(flag.rawValue)]"
        case .lineBreak: text += "\n"
        }
      }
      return text
    }

    /// Whether the text is empty.
    public var isEmpty: Bool { plainText.isEmpty }
  }
}
