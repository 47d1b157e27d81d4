import SurveyInstruments

/// A ``Document/Table`` as HTML: a caption, a header row of `scope`d cells, one `<tbody>` per
/// row group (its title on a row across the table), each row named by a header cell, numbers
/// set to the right, hidden figures marked `*` with the reason in a tooltip, and the footer as
/// footnotes.
struct HTMLTable {
  /// The table.
  let table: Document.Table

  private func e(_ text: String) -> String { escapedForHTML(text) }

  /// The table's lines.
  ///
  /// - Complexity: O(*n*) in the number of cells.
  var lines: [String] {
    let classes = [table.purpose, table.keepsTogether ? "keep" : nil].compactMap { $0 }
    var lines = [
      classes.isEmpty ? "<table>" : "<table class=\"\(classes.joined(separator: " "))\">"
    ]
    if let caption = table.caption { lines.append("<caption>\(e(caption))</caption>") }
    // Pages always name the columns, even those of a listing.
    let headings = table.columns.map { column in
      "<th scope=\"col\"\(column.isNumeric ? " class=\"num\"" : "")>\(heading(column.title))</th>"
    }
    lines.append("<thead><tr>\(headings.joined())</tr></thead>")
    for group in table.groups {
      lines.append("<tbody>")
      if let title = group.title {
        lines.append(
          "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(table.columns.count)\">"
            + "\(html(title))</th></tr>"
        )
      }
      for row in group.rows {
        lines.append(self.row(row))
        if let detail = row.detail {
          lines.append(
            "<tr class=\"detail\"><td></td><td colspan=\"\(max(1, table.columns.count - 1))\">"
              + "\(e(detail))</td></tr>"
          )
        }
      }
      lines.append("</tbody>")
    }
    lines.append("</table>")
    for footer in table.footer {
      lines.append("<p class=\"footnote\">\(e(withMinusSigns(footer)))</p>")
    }
    return lines
  }

  /// A column's title escaped, each range in it (`(0-4)`, `16-24`) kept on one line: headings
  /// wrap to fit the page, and a range broken at its hyphen reads as two numbers.
  private func heading(_ title: String) -> String {
    title.split(separator: " ", omittingEmptySubsequences: false).map { word in
      let isRange = word.contains(/\d-\d/)
      return isRange ? "<span class=\"nobreak\">\(e(String(word)))</span>" : e(String(word))
    }.joined(separator: " ")
  }

  private func row(_ row: Document.Table.Row) -> String {
    let className = row.role == .data ? "" : " class=\"\(row.role.rawValue)\""
    var text = "<tr\(className)>"
    for (index, cell) in row.cells.enumerated() {
      text += index == 0 ? "<th scope=\"row\">\(content(of: cell))</th>" : self.cell(cell)
    }
    return text + "</tr>"
  }

  /// A data cell: `<td>`, with `colspan` for a spanning cell and `class="num"` for a number.
  private func cell(_ cell: Document.Table.Cell, columns: Int = 1) -> String {
    let span = columns > 1 ? " colspan=\"\(columns)\"" : ""
    switch cell {
    case .spanning(let inner, let count):
      return self.cell(inner, columns: count)
    case .count(nil, let reason), .hidden(let reason):
      return hidden(reason, span: span)
    case .percent(_, _, let reason?), .interval(_, _, _, let reason?), .share(_, _, _, let reason?):
      return hidden(reason, span: span)
    case .share(nil, _, _, _):
      return hidden(nil, span: span)
    case .share(let count?, let percent, let decimals, nil):
      let shown = percent.map { fixed($0, decimals: decimals) + "%" } ?? "&#8211;"
      return "<td\(span) class=\"num share\">\(shown)<span class=\"n\">\(count)</span></td>"
    case .sources:
      return "<td\(span) class=\"sources\">\(content(of: cell))</td>"
    default:
      return "<td\(span)\(cell.isNumeric ? " class=\"num\"" : "")>\(content(of: cell))</td>"
    }
  }

  /// A hidden figure: a star, with what hiding means in a tooltip.
  ///
  /// Every hidden figure has the same mark and tooltip, so that a reader cannot tell the small
  /// counts from those hidden to protect them.
  private func hidden(_ reason: SuppressionReason?, span: String) -> String {
    let why = "hidden to protect small counts"
    return "<td\(span) class=\"num hidden-value\" title=\"\(why)\">*</td>"
  }

  /// What a cell shows, marked up: a percentage not computed is a dash, an interval's ends are
  /// joined by an en dash.
  private func content(of cell: Document.Table.Cell) -> String {
    switch cell {
    case .rich(let text): html(text)
    case .percent(nil, _, _): "&#8211;"
    case .interval(let bounds?, let decimals, let style, _):
      // Numbers, signs and words only: nothing to escape.
      withMinusSigns(
        Document.Table.Cell.intervalText(bounds, decimals: decimals, style: style, dash: "&#8211;")
      )
    case .sources(let sources): sources.map(linkedForHTML).joined(separator: "<br>")
    case .spanning(let inner, _): content(of: inner)
    default: e(cell.isNumeric ? withMinusSigns(cell.plainText) : cell.plainText)
    }
  }
}
