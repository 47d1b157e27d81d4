import SurveyInstruments

/// Where an export keeps the answers to one multi-select question ("Which of these have you used?
/// Tick all that apply"), found from its headers.
///
/// Platforms lay these out in two ways:
///
/// | Layout | Platforms | Headers | A ticked cell |
/// |---|---|---|---|
/// | one column per option | SurveyMonkey (option in the second header row), SmartSurvey (`Q9. Question: Option` or `Question - Option`), Qualtrics split columns (`Q9_1`… with `Question - Option` in the second row) | one per option | the option's label, or `1`; blank or `0` when not ticked |
/// | one column for the question | Microsoft Forms (`A;B;`), Google Forms (`A, B`), Qualtrics unsplit (`A,B`) | the question | the ticked labels joined by `;` or `,` |
///
/// ``locate(_:in:)`` finds either; ``MultiSelectAnswers`` reads the cells.
public struct MultiSelectQuestion: Sendable, Hashable {
  /// One column of a one-column-per-option layout.
  public struct OptionColumn: Sendable, Hashable {
    /// The column's header, as the table names its attribute column.
    public var header: String
    /// The option the column stands for.
    public var option: String

    /// Creates an option column.
    public init(header: String, option: String) {
      self.header = header
      self.option = option
    }
  }

  /// How the answers are laid out.
  public enum Layout: Sendable, Hashable {
    /// One column per option; a non-blank cell other than `0` is a tick.
    case optionColumns([OptionColumn])
    /// One column whose cells join the ticked options.
    case joined(header: String)
  }

  /// The question as it reads in the report.
  public var title: String
  /// Where its answers are.
  public var layout: Layout

  /// Creates a question.
  public init(title: String, layout: Layout) {
    self.title = title
    self.layout = layout
  }

  /// The headers of the columns that hold the answers, for keeping them when the export is read.
  public var headers: [String] {
    switch layout {
    case .optionColumns(let columns): columns.map(\.header)
    case .joined(let header): [header]
    }
  }

  /// Finds the question named `name` among an export's headers.
  ///
  /// `name` may be the question's text (with or without its number, in any case and spacing), the
  /// header of its single column, or the id stem of Qualtrics' split columns (`Q9` for
  /// `Q9_1`…`Q9_6`). Columns whose grid part follows the question's text (see
  /// ``ExportHeader/itemPart``) are its option columns; without any, a column named by the
  /// question holds the joined options.
  ///
  /// - Returns: The question, or `nil` when no column matches.
  /// - Complexity: O(*c*) for *c* columns.
  public static func locate(_ name: String, in headers: [ExportHeader]) -> MultiSelectQuestion? {
    let wanted = normalizedLabel(strippingQuestionNumber(name))
    guard !wanted.isEmpty else { return nil }
    var options: [OptionColumn] = []
    var title: String?
    for header in headers {
      guard let part = header.itemPart, !part.trimmedSpaces().isEmpty else { continue }
      let stem = questionStem(of: header)
      let qualtricsStem = qualtricsIDStem(header.name).map { normalizedLabel($0) }
      if normalizedLabel(strippingQuestionNumber(stem)) == wanted || qualtricsStem == wanted {
        options.append(OptionColumn(header: header.name, option: part.trimmedSpaces()))
        if title == nil { title = strippingQuestionNumber(stem).trimmedSpaces() }
      }
    }
    if !options.isEmpty {
      return MultiSelectQuestion(title: title ?? name, layout: .optionColumns(options))
    }
    for header in headers
    where normalizedLabel(strippingQuestionNumber(header.name)) == wanted
      || normalizedLabel(strippingQuestionNumber(header.question)) == wanted
    {
      let text = header.question.trimmedSpaces().isEmpty ? header.name : header.question
      return MultiSelectQuestion(
        title: strippingQuestionNumber(text).trimmedSpaces(),
        layout: .joined(header: header.name)
      )
    }
    return nil
  }

  /// The question part of a header that has a grid part: the header without its item part and
  /// the separator before it (`Which of these?` in `Which of these? - Library`).
  static func questionStem(of header: ExportHeader) -> String {
    guard let part = header.itemPart else { return header.question }
    var text = header.question.trimmedSpaces()
    if header.rows.count >= 2, header.question != header.name, text.hasSuffix(part) == false {
      // SurveyMonkey: the question is the row above, the part the row below.
      return text
    }
    if text.hasSuffix("]"), let open = text.lastIndex(of: "[") {
      text = String(text[..<open])
    } else if text.hasSuffix(part) {
      text = String(text.dropLast(part.count))
    }
    while let last = text.last,
      last == " " || last == "-" || last == "–" || last == "—" || last == ":"
        || last == "."
    {
      text.removeLast()
    }
    return text
  }

  /// `Q9` for a Qualtrics split column id such as `Q9_3`; `nil` for other names.
  static func qualtricsIDStem(_ name: String) -> String? {
    guard let underscore = name.lastIndex(of: "_") else { return nil }
    let stem = name[..<underscore]
    let suffix = name[name.index(after: underscore)...]
    guard !stem.isEmpty, !suffix.isEmpty, suffix.allSatisfy(\.isASCII),
      suffix.allSatisfy(\.isNumber)
    else { return nil }
    return String(stem)
  }
}

/// Reads the cells of a multi-select question into the options each respondent ticked.
///
/// For a joined column the separator is `;` when any cell has one (Microsoft Forms ends every
/// cell with it), otherwise `,`. Labels that themselves contain the separator are recognised from
/// the data: a piece that, wherever it occurs, directly follows the same piece, which is itself
/// always followed by it, is part of one label (`Arts, crafts or music` is one option when
/// `crafts or music` never appears on its own). ``options`` lists what was found, so a reader can
/// check.
public struct MultiSelectAnswers: Sendable {
  /// Every option found, in the order first seen.
  public private(set) var options: [String]
  /// For each respondent, the indices in ``options`` of the options ticked; empty when none was.
  public private(set) var ticked: [[Int]]
  /// The separator of a joined column, or `nil` for option columns.
  public let separator: String?

  /// Reads one-column-per-option cells: `cells[c][r]` is respondent `r`'s cell in the column of
  /// `options[c]`.
  ///
  /// - Complexity: O(*r* × *c*).
  public init(optionCells cells: [[String]], options: [String]) {
    self.options = options
    separator = nil
    let respondents = cells.map(\.count).max() ?? 0
    var ticked = [[Int]](repeating: [], count: respondents)
    for (column, values) in cells.enumerated() {
      for (row, value) in values.enumerated() where Self.isTick(value) {
        ticked[row].append(column)
      }
    }
    self.ticked = ticked
  }

  /// Reads joined cells, one per respondent; `separator` overrides the detected one.
  ///
  /// - Complexity: O(*n*) in the total length of the cells.
  public init(joinedCells cells: [String], separator given: String? = nil) {
    let separator = given ?? (cells.contains { $0.contains(";") } ? ";" : ",")
    self.separator = separator
    let pieces: [[String]] = cells.map { cell in
      cell.split(separator: separator, omittingEmptySubsequences: true)
        .map { String($0).trimmedSpaces() }.filter { !$0.isEmpty }
    }
    let merged = Self.mergeSplitLabels(pieces, separator: separator)
    var options: [String] = []
    var index: [String: Int] = [:]
    var ticked: [[Int]] = []
    ticked.reserveCapacity(merged.count)
    for labels in merged {
      var chosen: [Int] = []
      for label in labels {
        let position: Int
        if let known = index[label] {
          position = known
        } else {
          position = options.count
          index[label] = position
          options.append(label)
        }
        if !chosen.contains(position) { chosen.append(position) }
      }
      ticked.append(chosen)
    }
    self.options = options
    self.ticked = ticked
  }

  /// Whether a cell of an option column is a tick: not blank, not `0`, not `false`.
  static func isTick(_ value: String) -> Bool {
    let text = value.trimmedSpaces().lowercased()
    return !text.isEmpty && text != "0" && text != "false"
  }

  /// Joins pieces that always occur together, the second directly after the first, back into the
  /// one label they came from.
  static func mergeSplitLabels(_ cells: [[String]], separator: String) -> [[String]] {
    var changed = true
    var cells = cells
    // Each pass joins pairs; a label with several separators is joined over several passes.
    var passes = 0
    while changed && passes < 16 {
      changed = false
      passes += 1
      var follower: [String: String?] = [:]  // piece -> the only piece ever after it (or nil)
      var leader: [String: String?] = [:]  // piece -> the only piece ever before it (or nil)
      for pieces in cells {
        for (position, piece) in pieces.enumerated() {
          let next = position + 1 < pieces.count ? pieces[position + 1] : nil
          let previous = position > 0 ? pieces[position - 1] : nil
          if let known = follower[piece] {
            follower[piece] = known == next ? known : .some(nil)
          } else {
            follower[piece] = .some(next)
          }
          if let known = leader[piece] {
            leader[piece] = known == previous ? known : .some(nil)
          } else {
            leader[piece] = .some(previous)
          }
        }
      }
      // `b` belongs to `a` when `b` only ever follows `a` and `a` is only ever followed by `b`,
      // and `b` starts with a lowercase letter or a digit, as the rest of a label does.
      func belongs(_ b: String, after a: String) -> Bool {
        guard case .some(.some(let only)) = leader[b], only == a,
          case .some(.some(let next)) = follower[a], next == b,
          let first = b.unicodeScalars.first
        else { return false }
        return first.properties.isLowercase || ("0"..."9").contains(first)
      }
      cells = cells.map { pieces in
        var result: [String] = []
        for piece in pieces {
          if let last = result.last, belongs(piece, after: last) {
            result[result.count - 1] = last + separator + (separator == ";" ? "" : " ") + piece
            changed = true
          } else {
            result.append(piece)
          }
        }
        return result
      }
    }
    return cells
  }
}
