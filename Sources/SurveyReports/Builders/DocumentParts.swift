import SurveyInstruments

/// What the builders of every kind of document share: how numbers are written, and the blocks
/// that every kind has.
protocol DocumentBuilding {
  /// The metadata of the report being laid out.
  associatedtype Metadata: NumberSettings
  /// The metadata of the report being laid out.
  var metadata: Metadata { get }
}

/// What the metadata of every kind of report says: its title, how it writes its numbers, and
/// the version of the toolkit that made it.
protocol NumberSettings {
  /// The report's title.
  var title: String { get }
  /// The toolkit's version.
  var toolkitVersion: String { get }
  /// Decimal places of percentages.
  var decimals: Int { get }
  /// The confidence level of every interval, such as 0.95.
  var confidenceLevel: Double { get }
}

extension ReportMetadata: NumberSettings {}
extension ComparisonMetadata: NumberSettings {}
extension ChangeMetadata: NumberSettings {}

extension DocumentBuilding {
  typealias Table = Document.Table
  typealias Cell = Document.Table.Cell

  /// How numbers are written.
  var format: ReportFormatting { ReportFormatting(decimals: metadata.decimals) }

  /// The confidence level as shown: `95%`.
  var level: String { format.level(metadata.confidenceLevel) }

  /// The document of `data`: its title and version from the metadata, and `sections`.
  func document(_ data: ReportData, sections: [Document.Section]) -> Document {
    Document(
      title: metadata.title,
      data: data,
      toolkitVersion: metadata.toolkitVersion,
      sections: sections
    )
  }

  /// Numeric columns with these titles.
  func numericColumns(_ titles: String...) -> [Table.Column] { numericColumns(titles) }

  /// Numeric columns with these titles.
  func numericColumns(_ titles: [String]) -> [Table.Column] {
    titles.map { Table.Column($0, isNumeric: true) }
  }

  /// The paragraph that says which measure a section is about.
  func identifier(_ text: String) -> Document.Block {
    .paragraph(Document.Paragraph(text, role: .identifier))
  }

  /// The paragraph that says which score a section is about and which way is better:
  /// `Measure swemwbs.raw (score; higher is better).`, then `more`.
  func scoreIdentifier(_ id: String, better: Direction?, more: String = "") -> Document.Block {
    let direction = better.map { $0 == .higher ? "; higher is better" : "; lower is better" } ?? ""
    return identifier("Measure \(id) (score\(direction)).\(more)")
  }

  /// A measure's notes as a list, or nothing.
  func notes(_ notes: [String]) -> [Document.Block] {
    notes.isEmpty ? [] : [.list(Document.List(notes.map { Document.RichText($0) }, style: .notes))]
  }

  /// `Instrument ucla version 1.0.0 (built-in): UCLA loneliness scale.`, one a line.
  func instrumentLines(_ instruments: [InstrumentUsed]) -> [String] {
    instruments.map {
      "Instrument \($0.id) version \($0.version) (\($0.origin)): \($0.title)."
    }
  }

  /// The section on how a report was made, one sentence an item.
  func aboutSection(_ lines: [String], title: String) -> Document.Section {
    Document.Section(
      id: "about",
      title: title,
      role: .about,
      blocks: [.list(Document.List(lines.map { Document.RichText($0) }))]
    )
  }

  /// The sections of the measures' results, numbered in order: `measure-1`, `measure-2`, ….
  func measureSections(_ measures: [Measure]) -> [Document.Section] {
    measures.enumerated().map { index, measure in
      Document.Section(
        id: "measure-\(index + 1)",
        title: measure.title,
        role: .measure,
        blocks: measure.blocks
      )
    }
  }

  /// The opening section: the lede, then the licence notices when there are any, then `more`.
  func opening(
    _ lede: String,
    notices: [String],
    more: [Document.Block] = []
  ) -> Document.Section {
    var blocks: [Document.Block] = [.paragraph(Document.Paragraph(lede, role: .lede))]
    if !notices.isEmpty { blocks.append(.notices(notices)) }
    return Document.Section(id: "opening", title: nil, role: .opening, blocks: blocks + more)
  }

  /// The headlines section: the items as a list; no blocks (so no section) without any.
  func headlinesSection(_ items: [Document.RichText]) -> Document.Section {
    Document.Section(
      id: "headlines",
      title: "Headlines",
      role: .headlines,
      blocks: items.isEmpty ? [] : [.list(Document.List(items, style: .headlines))]
    )
  }
}

/// One measure's results, before its section is numbered.
struct Measure {
  /// The measure's title.
  var title: String
  /// The blocks of its section.
  var blocks: [Document.Block]
}

/// The ids of a document's charts, `chart-1`, `chart-2`, … in the order they are asked for.
struct ChartNumbers {
  private var count = 0

  /// The next id.
  mutating func next() -> String {
    count += 1
    return "chart-\(count)"
  }
}
