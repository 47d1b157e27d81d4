extension Document {
  /// One block of a section.
  public enum Block: Sendable {
    /// A heading within a section (the section's own title is ``Section/title``).
    case heading(String)
    /// A paragraph.
    case paragraph(Paragraph)
    /// A list of items.
    case list(List)
    /// A table of typed cells.
    case table(Table)
    /// A chart, drawn by renderers that draw pages; plain text and Markdown leave it out, since
    /// a table beside it holds the same figures.
    case chart(Chart)
    /// Labelled facts: `Records  180`.
    case facts([Fact])
    /// Notices that an instrument's owner requires on every document of results.
    case notices([String])
    /// A titled group of blocks, set under its title (an item and its answer counts).
    case group(Group)
    /// The same content in two forms: `brief` for plain text and Markdown, `detailed` for pages.
    case forms(brief: [Block], detailed: [Block])

    /// `blocks` with every ``forms(brief:detailed:)`` replaced by the form for `detail`, and
    /// groups resolved inside.
    ///
    /// - Complexity: O(*n*) in the number of blocks.
    static func resolve(_ blocks: [Block], for detail: Detail) -> [Block] {
      blocks.flatMap { block -> [Block] in
        switch block {
        case .forms(let brief, let detailed):
          resolve(detail == .brief ? brief : detailed, for: detail)
        case .group(let group):
          [.group(Group(title: group.title, blocks: resolve(group.blocks, for: detail)))]
        default: [block]
        }
      }
    }
  }

  /// A paragraph and what it is for.
  public struct Paragraph: Sendable {
    /// What a paragraph is for, which pages may style.
    public enum Role: String, Sendable, Hashable {
      /// Ordinary prose.
      case plain
      /// The opening line of a document: what it was made from.
      case lede
      /// Which measure a section is about: `Measure ons-loneliness.lonely (item)`.
      case identifier
      /// A headline result.
      case headline
      /// A note under a table or chart (hidden figures, what is not included).
      case footnote
      /// The result of a statistical test.
      case statistics
      /// A warning a reader must heed when quoting figures.
      case warning
    }

    /// The text.
    public var text: RichText
    /// What the paragraph is for.
    public var role: Role

    /// Creates a paragraph.
    public init(_ text: RichText, role: Role = .plain) {
      self.text = text
      self.role = role
    }

    /// Creates a paragraph of plain text.
    public init(_ text: String, role: Role = .plain) { self.init(RichText(text), role: role) }
  }

  /// A list of items.
  public struct List: Sendable {
    /// What a list holds, which pages may style.
    public enum Style: String, Sendable, Hashable {
      /// Ordinary items.
      case plain
      /// Notes on a measure or a method.
      case notes
      /// Headline results.
      case headlines
    }

    /// The items.
    ///
    /// An item may hold line breaks: plain text listings set the lines after the first under
    /// it, indented.
    public var items: [RichText]
    /// What the list holds.
    public var style: Style

    /// Creates a list.
    public init(_ items: [RichText], style: Style = .plain) {
      self.items = items
      self.style = style
    }
  }

  /// A labelled fact: `Records` and `180`.
  public struct Fact: Sendable {
    /// The label.
    public var label: String
    /// The value.
    public var value: RichText

    /// Creates a fact.
    public init(_ label: String, _ value: RichText) {
      self.label = label
      self.value = value
    }
  }

  /// A titled group of blocks within a section.
  public struct Group: Sendable {
    /// The title, set above the blocks.
    public var title: RichText
    /// The blocks, set under the title.
    public var blocks: [Block]

    /// Creates a group.
    public init(title: RichText, blocks: [Block]) {
      self.title = title
      self.blocks = blocks
    }
  }
}
