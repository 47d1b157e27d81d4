/// Plain text with aligned tables, laid out to a width.
///
/// A report (``Document/Layout/report``) opens with its title underlined with `=`, each
/// section's title underlined with `-`; paragraphs and list items are wrapped to the width, and
/// tables are fitted to it (see `TextTableLayout`). A listing (``Document/Layout/listing``,
/// such as `loneliness inspect`'s) has no title line, section titles in capitals, blocks
/// indented under them and no wrapping. Charts are left out: a table beside each holds the same
/// figures. Where a block has two forms, the brief one is drawn.
public struct TextRenderer: DocumentRenderer, PlainLayout {
  /// The line width.
  public var width: Int

  /// Creates a renderer for lines of `width` characters (at least 60).
  public init(width: Int = 100) { self.width = max(60, width) }

  /// Writes `document` as text.
  ///
  /// - Complexity: O(*n*) in the size of the document (tables that must be fitted to the width
  ///   take O(*w* × *c* × *r*) more for width *w*, *c* columns and *r* rows).
  public func render(_ document: Document, to output: inout some TextOutputStream) {
    if document.layout == .listing {
      write(TextListing(document: document).lines, to: &output)
    } else {
      writeLines(of: document, to: &output)
    }
  }

  func addHeading(_ text: String, level: Int, to lines: inout [String]) {
    if !lines.isEmpty && lines.last != "" { lines.append("") }
    lines.append(wrapped(text, width: width))
    lines.append(String(repeating: level == 1 ? "=" : "-", count: min(text.count, width)))
  }

  func addParagraph(_ text: String, to lines: inout [String]) {
    lines.append(wrapped(text, width: width))
    lines.append("")
  }

  func addItems(_ items: [String], to lines: inout [String]) {
    for item in items {
      lines.append(wrapped(item, width: width, indent: "    ", firstIndent: "  - "))
    }
    lines.append("")
  }

  func addFacts(_ facts: [Document.Fact], to lines: inout [String]) {
    lines.append(contentsOf: factLines(facts))
    lines.append("")
  }

  func addTable(_ table: Document.Table, to lines: inout [String]) {
    if let caption = table.caption { lines.append(wrapped(caption, width: width)) }
    lines.append(contentsOf: TextTableLayout(table: table, width: width).lines)
    for footer in table.footer {
      lines.append(wrapped(footer, width: width, indent: "  ", firstIndent: "  "))
    }
    lines.append("")
  }

  func addGroupTitle(_ title: String, to lines: inout [String]) {
    lines.append(wrapped(title, width: width))
  }
}

/// Facts as lines of a label column and a value: `Records        180`; the label column is two
/// characters wider than the longest label.
///
/// - Complexity: O(*n*) in the size of the facts.
func factLines(_ facts: [Document.Fact], indent: String = "") -> [String] {
  let labelWidth = (facts.map(\.label.count).max() ?? 0) + 2
  return facts.map { indent + padded($0.label, to: labelWidth) + $0.value.plainText }
}
