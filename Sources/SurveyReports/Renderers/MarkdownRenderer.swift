/// Markdown with pipe tables.
///
/// The title is a level-1 heading and each section's title a level-2 heading; text from data is
/// escaped, so that it reads as written. Rich text is drawn as its plain text (a flag reads
/// `[low base]`). Charts are left out: a table beside each holds the same figures. Where a block
/// has two forms, the brief one is drawn.
public struct MarkdownRenderer: DocumentRenderer, PlainLayout {
  /// Creates a renderer.
  public init() {}

  /// Writes `document` as Markdown.
  ///
  /// - Complexity: O(*n*) in the size of the document.
  public func render(_ document: Document, to output: inout some TextOutputStream) {
    writeLines(of: document, to: &output)
  }

  func addHeading(_ text: String, level: Int, to lines: inout [String]) {
    lines.append(String(repeating: "#", count: level) + " " + escape(text))
    lines.append("")
  }

  func addParagraph(_ text: String, to lines: inout [String]) {
    lines.append(escape(text))
    lines.append("")
  }

  func addItems(_ items: [String], to lines: inout [String]) {
    for item in items { lines.append("- " + escape(item)) }
    lines.append("")
  }

  func addFacts(_ facts: [Document.Fact], to lines: inout [String]) {
    addItems(facts.map { "\($0.label): \($0.value.plainText)" }, to: &lines)
  }

  func addGroupTitle(_ title: String, to lines: inout [String]) {
    lines.append("**\(escape(title))**")
    lines.append("")
  }

  func addTable(_ table: Document.Table, to lines: inout [String]) {
    if let caption = table.caption {
      lines.append("**\(escape(caption))**")
      lines.append("")
    }
    func line(_ cells: [String]) -> String {
      "| " + cells.map(escapeCell).joined(separator: " | ") + " |"
    }
    lines.append(line(table.columns.map(\.title)))
    lines.append("|" + table.columns.map { $0.isNumeric ? " ---: |" : " --- |" }.joined())
    for group in table.groups {
      if let title = group.title { lines.append(line([title.plainText])) }
      for row in group.rows {
        lines.append(line(TextTableLayout.cells(of: row)))
        if let detail = row.detail { lines.append(line(["", detail])) }
      }
    }
    lines.append("")
    for footer in table.footer {
      lines.append(escape(footer))
      lines.append("")
    }
  }

  private func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      if "\\`*_[]<>#|".contains(character) { result.append("\\") }
      result.append(character == "\n" ? " " : character)
    }
    return result
  }

  private func escapeCell(_ text: String) -> String {
    text == ReportFormatting.suppressedMark ? "\\*" : escape(text)
  }
}
