import SurveyInstruments

extension Document {
  /// A table of typed cells: each renderer shows a cell its own way (text aligns numbers and
  /// marks hidden ones `*`; HTML also says why a figure is hidden).
  public struct Table: Sendable {
    /// One column: its heading and whether it holds numbers.
    public struct Column: Sendable, Hashable {
      /// The heading.
      public var title: String
      /// Whether the column holds numbers (set to the right).
      public var isNumeric: Bool

      /// Creates a column.
      public init(_ title: String, isNumeric: Bool = false) {
        self.title = title
        self.isNumeric = isNumeric
      }
    }

    /// Rows that belong together (one group of a breakdown), with an optional title.
    public struct RowGroup: Sendable {
      /// The group's title, set on a row of its own across the table; `nil` for none.
      public var title: RichText?
      /// The rows.
      public var rows: [Row]

      /// Creates a group.
      public init(title: RichText? = nil, rows: [Row]) {
        self.title = title
        self.rows = rows
      }
    }

    /// One row, named by its first cell.
    public struct Row: Sendable {
      /// What a row holds, which pages may style.
      public enum Role: String, Sendable, Hashable {
        /// Figures.
        case data
        /// The base a group's percentages are of.
        case base
        /// Answers left out of the base (not answered, prefer not to say).
        case missing
        /// A row to read with care (an uncertain cut-off).
        case uncertain
      }

      /// The cells, one per column (a spanning cell covers several).
      public var cells: [Cell]
      /// What the row holds.
      public var role: Role
      /// A further line about the row, set under it from the second column on (a question's
      /// full wording under its shortened header).
      public var detail: String?

      /// Creates a row.
      public init(_ cells: [Cell], role: Role = .data, detail: String? = nil) {
        self.cells = cells
        self.role = role
        self.detail = detail
      }
    }

    /// How an interval is written.
    public enum IntervalStyle: String, Sendable, Hashable {
      /// `31-43`: compact, for estimates.
      case compact
      /// `-3.6 to +17.2`: signed, for differences and changes.
      case signed
    }

    /// One cell.
    public indirect enum Cell: Sendable {
      /// Text.
      case text(String)
      /// Text with flags, code or line breaks.
      case rich(RichText)
      /// A count; `nil` when hidden by disclosure control, with the reason when known.
      case count(Int?, hidden: SuppressionReason? = nil)
      /// A percentage (without the sign) with `decimals` places; `nil` when hidden (with the
      /// reason) or not computed.
      case percent(Double?, decimals: Int, hidden: SuppressionReason? = nil)
      /// An interval with `decimals` places; `nil` when hidden (with the reason) or not
      /// computed.
      case interval(
        ConfidenceBounds?,
        decimals: Int,
        style: IntervalStyle,
        hidden: SuppressionReason? = nil
      )
      /// A group's percentage giving an answer with `decimals` places, and the count behind it,
      /// as a cross-tab shows them; `nil` when hidden (with the reason) or not computed.
      case share(Int?, percent: Double?, decimals: Int, hidden: SuppressionReason? = nil)
      /// A number with `decimals` places; `nil` when not computed.
      case number(Double?, decimals: Int)
      /// A signed number (`+2.63`) with `decimals` places; `nil` when not computed.
      case signed(Double?, decimals: Int)
      /// A p-value (`0.003`, `< 0.001`); `nil` when not computed.
      case pValue(Double?)
      /// A figure hidden by disclosure control.
      case hidden(SuppressionReason?)
      /// Sources, one per line.
      case sources([String])
      /// Nothing.
      case empty
      /// A cell that covers `columns` columns.
      case spanning(Cell, columns: Int)

      /// Whether the cell holds a number (set to the right on pages).
      public var isNumeric: Bool {
        switch self {
        case .count, .percent, .share, .interval, .number, .signed, .pValue, .hidden: true
        case .text, .rich, .sources, .empty: false
        case .spanning(let cell, _): cell.isNumeric
        }
      }

      /// The cell as plain text, as text and Markdown show it: a hidden count or percentage
      /// is ``ReportFormatting/suppressedMark``; a number not computed is empty.
      ///
      /// - Complexity: O(*n*) in the length of the cell's text.
      public var plainText: String {
        switch self {
        case .text(let text): text
        case .rich(let text): text.plainText
        case .count(let value, _): value.map(String.init) ?? ReportFormatting.suppressedMark
        case .percent(let value, let decimals, _):
          value.map { fixed($0, decimals: decimals) } ?? ReportFormatting.suppressedMark
        case .share(let count, let percent, let decimals, let hidden):
          hidden != nil || count == nil
            ? ReportFormatting.suppressedMark
            : "\(percent.map { fixed($0, decimals: decimals) + "%" } ?? "-") (\(count ?? 0))"
        case .interval(let bounds, let decimals, let style, _):
          bounds.map { Self.intervalText($0, decimals: decimals, style: style, dash: "-") } ?? ""
        case .number(let value, let decimals): value.map { fixed($0, decimals: decimals) } ?? ""
        case .signed(let value, let decimals):
          value.map { SurveyReports.signed($0, places: decimals) } ?? ""
        case .pValue(let value): value.map { ReportFormatting.pValue($0, labelled: false) } ?? ""
        case .hidden: ReportFormatting.suppressedMark
        case .sources(let sources): sources.joined(separator: "; ")
        case .empty: ""
        case .spanning(let cell, _): cell.plainText
        }
      }

      /// `31-43` (with `dash` between) or `-3.6 to +17.2`.
      static func intervalText(
        _ bounds: ConfidenceBounds,
        decimals: Int,
        style: IntervalStyle,
        dash: String
      ) -> String {
        switch style {
        case .compact:
          "\(fixed(bounds.lower, decimals: decimals))\(dash)\(fixed(bounds.upper, decimals: decimals))"
        case .signed:
          "\(SurveyReports.signed(bounds.lower, places: decimals)) to "
            + "\(SurveyReports.signed(bounds.upper, places: decimals))"
        }
      }
    }

    /// The caption, or `nil`.
    public var caption: String?
    /// A short name of what the table holds (`distribution`, `summary`), which pages use as a
    /// style hook; `nil` for none.
    public var purpose: String?
    /// The columns.
    public var columns: [Column]
    /// The rows, in groups; most tables have one group without a title.
    public var groups: [RowGroup]
    /// Notes set under the table.
    public var footer: [String]
    /// Whether paged output should keep the table on one page.
    public var keepsTogether: Bool
    /// Whether plain text shows the column headings (a listing may leave them out); pages and
    /// Markdown always do.
    public var showsHeadings: Bool

    /// Creates a table of row groups.
    public init(
      caption: String? = nil,
      purpose: String? = nil,
      columns: [Column],
      groups: [RowGroup],
      footer: [String] = [],
      keepsTogether: Bool? = nil,
      showsHeadings: Bool = true
    ) {
      self.caption = caption
      self.purpose = purpose
      self.columns = columns
      self.groups = groups
      self.footer = footer
      self.keepsTogether =
        keepsTogether ?? (groups.reduce(0) { $0 + $1.rows.count + ($1.title == nil ? 0 : 1) } <= 30)
      self.showsHeadings = showsHeadings
    }

    /// Creates a table of rows in one group.
    public init(
      caption: String? = nil,
      purpose: String? = nil,
      columns: [Column],
      rows: [Row],
      footer: [String] = [],
      keepsTogether: Bool? = nil,
      showsHeadings: Bool = true
    ) {
      self.init(
        caption: caption,
        purpose: purpose,
        columns: columns,
        groups: [RowGroup(rows: rows)],
        footer: footer,
        keepsTogether: keepsTogether,
        showsHeadings: showsHeadings
      )
    }

    /// Every row, group after group.
    public var rows: [Row] { groups.flatMap(\.rows) }
  }
}
