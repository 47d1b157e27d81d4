/// A document laid out as a plain text listing (``Document/Layout/listing``): no title line,
/// each titled section opened by a blank line and its title in capitals, its blocks indented by
/// two spaces under it, and nothing wrapped.
///
/// Tables take the natural width of their columns; a group's blocks are indented under its
/// title; a paragraph or list item of several lines continues two spaces further in.
struct TextListing {
  /// The document.
  let document: Document

  /// The listing's lines.
  ///
  /// - Complexity: O(*n*) in the size of the document.
  var lines: [String] {
    var lines: [String] = []
    for section in document.sections {
      var indent = ""
      if let title = section.title {
        if !lines.isEmpty { lines.append("") }
        lines.append(title.uppercased())
        indent = "  "
      }
      for block in section.blocks(for: .brief) { add(block, indent: indent, to: &lines) }
    }
    return lines
  }

  private func add(_ block: Document.Block, indent: String, to lines: inout [String]) {
    switch block {
    case .heading(let text):
      lines.append(indent + text)
    case .paragraph(let paragraph):
      addHanging(paragraph.text.plainText, indent: indent, to: &lines)
    case .list(let list):
      for item in list.items { addHanging(item.plainText, indent: indent, to: &lines) }
    case .notices(let notices):
      for notice in notices { addHanging(notice, indent: indent, to: &lines) }
    case .facts(let facts):
      lines.append(contentsOf: factLines(facts, indent: indent))
    case .table(let table):
      addTable(table, indent: indent, to: &lines)
    case .group(let group):
      addHanging(group.title.plainText, indent: indent, to: &lines)
      for inner in group.blocks { add(inner, indent: indent + "  ", to: &lines) }
    case .chart, .forms:
      break
    }
  }

  /// The lines of `text`: the first after `indent`, the others two spaces further in.
  private func addHanging(_ text: String, indent: String, to lines: inout [String]) {
    let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, part) in parts.enumerated() {
      lines.append((index == 0 ? indent : indent + "  ") + part)
    }
  }

  /// The table at its columns' natural widths; a row's detail under its second column,
  /// indented.
  private func addTable(_ table: Document.Table, indent: String, to lines: inout [String]) {
    if let caption = table.caption { lines.append(indent + caption) }
    let headers = table.columns.map(\.title)
    let rightAligned = table.columns.map(\.isNumeric)
    let rows = table.rows.map { TextTableLayout.cells(of: $0) }
    let measured = (table.showsHeadings ? [headers] : []) + rows
    let widths = headers.indices.map { column in
      measured.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      let filled = headers.indices.map { cells.indices.contains($0) ? cells[$0] : "" }
      return TextTableLayout.line(
        filled,
        widths: widths,
        rightAligned: rightAligned,
        indent: indent
      )
    }
    if table.showsHeadings { lines.append(line(headers)) }
    for (row, cells) in zip(table.rows, rows) {
      lines.append(line(cells))
      if let detail = row.detail {
        lines.append(indent + String(repeating: " ", count: widths.first ?? 0) + "    " + detail)
      }
    }
    for footer in table.footer { lines.append(indent + footer) }
  }
}
