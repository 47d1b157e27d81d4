/// What plain text and Markdown share: a document drawn as lines, its title first, then each
/// section's title and blocks in their brief form, each kind of block drawn by one method.
protocol PlainLayout {
  /// Adds a heading of `level` (1 for the title, 2 for a section, 3 within one).
  func addHeading(_ text: String, level: Int, to lines: inout [String])
  /// Adds a paragraph.
  func addParagraph(_ text: String, to lines: inout [String])
  /// Adds a bulleted list.
  func addItems(_ items: [String], to lines: inout [String])
  /// Adds labelled facts.
  func addFacts(_ facts: [Document.Fact], to lines: inout [String])
  /// Adds a table with its caption and footer.
  func addTable(_ table: Document.Table, to lines: inout [String])
  /// Adds the title of a group of blocks.
  func addGroupTitle(_ title: String, to lines: inout [String])
}

extension PlainLayout {
  /// Writes the lines of `document` (its title, then every visible section) a few thousand
  /// at a time, each ended by a line break, without blank lines at the end.
  ///
  /// - Complexity: O(*n*) in the size of the document.
  func writeLines(of document: Document, to output: inout some TextOutputStream) {
    var lines: [String] = []
    addHeading(document.title, level: 1, to: &lines)
    document.forEachVisibleSection(for: .brief) { section, blocks in
      if let title = section.title { addHeading(title, level: 2, to: &lines) }
      for block in blocks {
        add(block, to: &lines)
        if lines.count >= 4096 { writeSettled(&lines, to: &output) }
      }
    }
    write(lines, to: &output)
  }

  /// Writes and removes the lines that nothing added later can change: all but the last line
  /// (a heading looks at it) and the blank lines before it (which are dropped at the very end).
  private func writeSettled(_ lines: inout [String], to output: inout some TextOutputStream) {
    var settled = lines.count - 1
    while settled > 0 && lines[settled - 1] == "" { settled -= 1 }
    guard settled > 0 else { return }
    output.write(lines[..<settled].joined(separator: "\n") + "\n")
    lines.removeFirst(settled)
  }

  /// Adds one block; charts are left out.
  func add(_ block: Document.Block, to lines: inout [String]) {
    switch block {
    case .heading(let text): addHeading(text, level: 3, to: &lines)
    case .paragraph(let paragraph): addParagraph(paragraph.text.plainText, to: &lines)
    case .list(let list): addItems(list.items.map(\.plainText), to: &lines)
    case .notices(let notices): addItems(notices, to: &lines)
    case .facts(let facts): addFacts(facts, to: &lines)
    case .table(let table): addTable(table, to: &lines)
    case .group(let group):
      addGroupTitle(group.title.plainText, to: &lines)
      for inner in group.blocks { add(inner, to: &lines) }
    case .chart, .forms: break
    }
  }
}

/// Writes `lines`, without blank lines at the end, each ended by a line break.
func write(_ lines: [String], to output: inout some TextOutputStream) {
  var lines = lines
  while lines.last == "" { lines.removeLast() }
  output.write(lines.joined(separator: "\n") + "\n")
}
