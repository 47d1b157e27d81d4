/// A table laid out as aligned plain text within a width.
///
/// On one line per row when it fits; otherwise with headings, and the first column's labels,
/// wrapped at spaces within narrower columns; and when even that is too wide, one block per row
/// with one line per column. Numeric columns are set to the right.
struct TextTableLayout {
  /// The column headings.
  let headers: [String]
  /// Whether each column is set to the right.
  let rightAligned: [Bool]
  /// The cells of each row, as plain text, one per column.
  let rows: [[String]]
  /// The line width.
  let width: Int

  /// A layout of `table` for lines of `width` characters: group titles become rows of their
  /// own, and a row's detail a row under it.
  init(table: Document.Table, width: Int) {
    headers = table.columns.map(\.title)
    rightAligned = table.columns.map(\.isNumeric)
    var rows: [[String]] = []
    for group in table.groups {
      if let title = group.title { rows.append([title.plainText]) }
      for row in group.rows {
        rows.append(Self.cells(of: row))
        if let detail = row.detail { rows.append(["", detail]) }
      }
    }
    self.rows = rows
    self.width = width
  }

  /// The plain text of each column of `row`: a spanning cell, then empty columns.
  static func cells(of row: Document.Table.Row) -> [String] {
    row.cells.flatMap { cell -> [String] in
      if case .spanning(let inner, let columns) = cell {
        return [inner.plainText] + Array(repeating: "", count: max(0, columns - 1))
      }
      return [cell.plainText]
    }
  }

  private func cell(_ row: [String], _ column: Int) -> String {
    row.indices.contains(column) ? row[column] : ""
  }

  /// The table's lines.
  ///
  /// - Complexity: O(*r* × *c*) when it fits on one line per row; O(*w* × *c* × *r*) for width
  ///   *w* when columns must be narrowed.
  var lines: [String] {
    let all = [headers] + rows
    let columns = headers.indices
    let natural = columns.map { column in all.map { cell($0, column).count }.max() ?? 0 }
    func total(_ widths: [Int]) -> Int { 2 + widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
    if total(natural) <= width {
      return aligned(widths: natural, headerLines: headers.map { [$0] }, labelLines: nil)
    }
    // The narrowest layout: headings broken into words, the first column's labels too.
    var widths = columns.map { column in
      let data = rows.map {
        column == 0 ? labelMinimumWidth(cell($0, column)) : cell($0, column).count
      }
      return max(longestWord(headers[column]), data.max() ?? 0)
    }
    guard total(widths) <= width else { return blocks() }
    // Spend the spare width where it saves most lines: first the table's height (the tallest
    // heading and every label's lines), then the headings' lines, per character spent.
    // Line counts by width, worked out once each: labels by the first column's width, headings
    // by their column and width.
    var labelLineCounts: [Int: Int] = [:]
    var headingLineCounts: [Int: Int] = [:]
    func lineCounts(_ widths: [Int]) -> (height: Int, headings: Int) {
      let headings = columns.map { column in
        let key = column * 10_000 + widths[column]
        if let known = headingLineCounts[key] { return known }
        let count = wordLines(headers[column], width: widths[column]).count
        headingLineCounts[key] = count
        return count
      }
      let labels =
        labelLineCounts[widths[0]]
        ?? rows.reduce(0) { $0 + labelLines(cell($1, 0), width: widths[0]).count }
      labelLineCounts[widths[0]] = labels
      return ((headings.max() ?? 1) + labels, headings.reduce(0, +))
    }
    var spare = width - total(widths)
    while spare > 0 {
      let current = lineCounts(widths)
      var best: (column: Int, step: Int, gain: Double)?
      for column in columns where widths[column] < natural[column] {
        for step in 1...min(spare, natural[column] - widths[column]) {
          var trial = widths
          trial[column] += step
          let counts = lineCounts(trial)
          let saved = (current.height - counts.height) * 1_000 + current.headings - counts.headings
          guard saved > 0 else { continue }
          let gain = Double(saved) / Double(step)
          if gain > best?.gain ?? 0 { best = (column, step, gain) }
          break
        }
      }
      guard let best else { break }
      widths[best.column] += best.step
      spare -= best.step
    }
    let headerLines = columns.map { wordLines(headers[$0], width: widths[$0]) }
    let rowLabelLines = rows.map { labelLines(cell($0, 0), width: widths[0]) }
    return aligned(widths: widths, headerLines: headerLines, labelLines: rowLabelLines)
  }

  /// One line of cells, each padded to its column's width (numbers on the left), after
  /// `indent`, without trailing spaces.
  static func line(
    _ cells: [String],
    widths: [Int],
    rightAligned: [Bool],
    indent: String = "  "
  ) -> String {
    let fitted = cells.indices.map { column in
      rightAligned[column]
        ? leftPadded(cells[column], to: widths[column])
        : padded(cells[column], to: widths[column])
    }
    var text = indent + fitted.joined(separator: "  ")
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }

  /// Lines with each column padded to `widths`; headings of several lines are bottom-aligned,
  /// and first-column labels of several lines continue, indented, under themselves.
  private func aligned(widths: [Int], headerLines: [[String]], labelLines: [[String]]?) -> [String]
  {
    func line(_ cells: [String]) -> String {
      Self.line(cells, widths: widths, rightAligned: rightAligned)
    }
    var lines: [String] = []
    let height = headerLines.map(\.count).max() ?? 1
    for index in 0..<height {
      lines.append(
        line(
          headerLines.map { parts in
            let offset = index - (height - parts.count)
            return offset >= 0 ? parts[offset] : ""
          }
        )
      )
    }
    for (rowIndex, row) in rows.enumerated() {
      let cells = headers.indices.map { cell(row, $0) }
      let labels = labelLines?[rowIndex] ?? [cells.first ?? ""]
      lines.append(line([labels.first ?? ""] + cells.dropFirst()))
      for continuation in labels.dropFirst() {
        lines.append(line([continuation] + cells.dropFirst().map { _ in "" }))
      }
    }
    return lines
  }

  /// One block per row, one line per column: for tables too wide for any other layout.
  private func blocks() -> [String] {
    var lines: [String] = []
    let labelWidth = headers.dropFirst().map(\.count).max() ?? 0
    for row in rows {
      lines.append("  \(row.first ?? "")")
      for (header, value) in zip(headers.dropFirst(), row.dropFirst()) {
        lines.append("    \(padded(header, to: labelWidth))  \(value)")
      }
    }
    return lines
  }
}
