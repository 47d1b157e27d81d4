/// A report laid out for reading: a title and sections of blocks (paragraphs, lists, tables,
/// charts, facts, notices), with the report it was made from.
///
/// Every kind of report builds one: a survey ``Report`` (``Report/document()``), a
/// ``ComparisonReport``, a ``ChangeReport`` and an ``ImportInspection`` (how an export was read).
/// One renderer per format draws it (``TextRenderer``, ``MarkdownRenderer``, ``HTMLRenderer``,
/// ``JSONReportRenderer``, ``TidyCSVRenderer``), so a program chooses the format as a value:
///
/// ```swift
/// let document = report.document()
/// var page = ""
/// render(document, as: .html, to: &page)
/// ```
///
/// The design has two halves:
///
/// - **Sections and blocks** are what a reader sees. Text, Markdown and HTML draw only these.
///   Tables hold typed cells (a count with its suppression mark, a percentage, an interval, a
///   p-value), so each format shows them its own way: text aligns numbers, HTML marks hidden
///   cells. Charts are data (``Chart``), drawn as SVG by the HTML renderer in one place; text and
///   Markdown leave them out, since a table next to each holds the same figures.
/// - **``data``** is the report the document was made from. The JSON and tidy CSV renderers
///   serialise it with their documented, stable schemas (`loneliness-report/1`,
///   `loneliness-compare/1`, `loneliness-change/1`), so those stay exact whatever the layout.
///
/// Where a compact form suits plain text and a fuller one suits a page, a block holds both
/// (``Block/forms(brief:detailed:)``); each renderer says which it draws.
public struct Document: Sendable {
  /// What kind of report a document lays out.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A survey report: every measure's estimates, overall and by group.
    case survey
    /// A comparison of cohorts with a reference.
    case comparison
    /// Change between baseline and follow-up among the same respondents.
    case change
    /// How an export was read (`loneliness inspect`).
    case importReport = "import"
  }

  /// How plain text sets a document out.
  public enum Layout: String, Sendable, Hashable {
    /// A report: the title underlined, each section's title underlined, paragraphs wrapped to
    /// the width, tables fitted to it.
    case report
    /// A listing: no title line, section titles in capitals, each section's blocks indented
    /// under it, lines never wrapped (a diagnostic listing such as `loneliness inspect`'s).
    case listing
  }

  /// The title.
  public var title: String
  /// The report the document was made from, which the JSON and CSV renderers serialise.
  public var data: ReportData
  /// How plain text sets the document out.
  public var layout: Layout
  /// The version of the toolkit that made the report, for pages that name it; `nil` when unknown.
  public var toolkitVersion: String?
  /// The sections, in reading order.
  ///
  /// The first usually has no title: it opens the document (the source line, licence notices).
  public var sections: [Section]

  /// Creates a document.
  public init(
    title: String,
    data: ReportData,
    layout: Layout = .report,
    toolkitVersion: String? = nil,
    sections: [Section]
  ) {
    self.title = title
    self.data = data
    self.layout = layout
    self.toolkitVersion = toolkitVersion
    self.sections = sections
  }

  /// What kind of report the document lays out.
  public var kind: Kind { data.kind }

  /// The section with `id`, if there is one.
  ///
  /// - Complexity: O(*s*) for *s* sections.
  public func section(withID id: String) -> Section? { sections.first { $0.id == id } }
}

/// The report a ``Document`` was made from.
public enum ReportData: Sendable {
  /// A survey report.
  case survey(Report)
  /// A comparison of cohorts.
  case comparison(ComparisonReport)
  /// A change report.
  case change(ChangeReport)
  /// How an export was read.
  case importReport(ImportInspection)

  /// The kind of report.
  public var kind: Document.Kind {
    switch self {
    case .survey: .survey
    case .comparison: .comparison
    case .change: .change
    case .importReport: .importReport
    }
  }
}

extension Document {
  /// A part of a document with its own title: the headlines, one measure, the notes on how the
  /// report was made.
  public struct Section: Sendable {
    /// What a section holds, for renderers that mark sections up (the contents of a page).
    public enum Role: String, Sendable, Hashable {
      /// The opening, before any titled section: the source line and notices.
      case opening
      /// The headline results.
      case headlines
      /// One measure's results.
      case measure
      /// Any other part of the results (cohorts, pairing, the columns of an export).
      case results
      /// How the report was made: sources, exclusions, methods, version.
      case about
    }

    /// An identifier unique within the document (`headlines`, `measure-3`, `about`), made by
    /// the builder and never from data, for links and anchors.
    public var id: String
    /// The title, or `nil` for the opening section.
    public var title: String?
    /// What the section holds.
    public var role: Role
    /// The blocks, in order.
    ///
    /// A section of a measure that the report works out again when it is written (see
    /// ``Report/measures``) lays its blocks out each time they are read.
    public var blocks: [Block] {
      get { makeBlocks?() ?? storedBlocks }
      set {
        storedBlocks = newValue
        makeBlocks = nil
      }
    }
    private var storedBlocks: [Block]
    private var makeBlocks: (@Sendable () -> [Block])?

    /// Creates a section.
    public init(id: String, title: String?, role: Role, blocks: [Block]) {
      self.id = id
      self.title = title
      self.role = role
      storedBlocks = blocks
    }

    /// Whether the section lays its blocks out each time they are read.
    var isLaidOutWhenDrawn: Bool { makeBlocks != nil }

    /// Creates a section whose blocks `makeBlocks` lays out each time they are read, so that a
    /// document of a very large report holds one section's blocks at a time.
    init(id: String, title: String?, role: Role, makeBlocks: @escaping @Sendable () -> [Block]) {
      self.id = id
      self.title = title
      self.role = role
      storedBlocks = []
      self.makeBlocks = makeBlocks
    }

    /// The blocks a renderer of `detail` draws: ``Block/forms(brief:detailed:)`` replaced by
    /// the form for `detail`, at every depth.
    ///
    /// - Complexity: O(*n*) in the number of blocks.
    public func blocks(for detail: Detail) -> [Block] { Block.resolve(blocks, for: detail) }
  }

  /// How much a renderer shows where a block offers two forms.
  public enum Detail: String, Sendable, Hashable {
    /// The compact form, for plain text and Markdown.
    case brief
    /// The full form, for pages (HTML), which have room for every figure and chart.
    case detailed
  }
}

extension Document {
  /// The sections a renderer of `detail` draws, each with its blocks for `detail`: the opening
  /// section always, a titled section only when it has blocks.
  ///
  /// - Complexity: O(*n*) in the number of blocks.
  public func visibleSections(for detail: Detail) -> [(section: Section, blocks: [Block])] {
    var visible: [(section: Section, blocks: [Block])] = []
    forEachVisibleSection(for: detail) { visible.append(($0, $1)) }
    return visible
  }

  /// Calls `body` with each section a renderer of `detail` draws and its blocks for `detail`,
  /// one section at a time (see ``visibleSections(for:)``).
  ///
  /// - Complexity: O(*n*) in the number of blocks.
  func forEachVisibleSection(for detail: Detail, _ body: (Section, [Block]) -> Void) {
    for section in sections {
      let blocks = section.blocks(for: detail)
      if section.title == nil || !blocks.isEmpty { body(section, blocks) }
    }
  }
}
