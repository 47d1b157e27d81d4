import SurveyInstruments

/// The header of one column of an export, combined from the file's header rows.
public struct ExportHeader: Sendable, Hashable {
  /// The column's name in outputs: the header as written for one header row; for SurveyMonkey
  /// `Question - Sub-question` (or the question alone above `Response`); for Qualtrics the
  /// question id of the first row (`Q5_1`).
  public var name: String
  /// The cells of every header row above the column, as read.
  public var rows: [String]
  /// The question text the column is matched by: for Qualtrics the second row, otherwise the
  /// name.
  public var question: String
  /// The row part of a grid question (`Optimistic` in `Wellbeing - Optimistic`,
  /// `Wellbeing [Optimistic]`, `Wellbeing: Optimistic`, `Wellbeing.Optimistic`, or SurveyMonkey's
  /// second row), if the header has one.
  public var itemPart: String?
  /// Qualtrics' ImportId for the column (`QID5_1`), if the file has that row.
  public var importID: String?

  /// Creates a header.
  public init(
    name: String,
    rows: [String],
    question: String,
    itemPart: String? = nil,
    importID: String? = nil
  ) {
    self.name = name
    self.rows = rows
    self.question = question
    self.itemPart = itemPart
    self.importID = importID
  }

  /// Combines the header rows of a file into one header per column.
  ///
  /// - Parameters:
  ///   - rows: The header rows, as read.
  ///   - dialect: The export's dialect.
  /// - Returns: One header per column; the number of columns is that of the longest header row.
  /// - Complexity: O(*r* × *c*) for *r* rows of *c* cells.
  static func combine(_ rows: [[String]], dialect: ExportDialect) -> [ExportHeader] {
    let columnCount = rows.map(\.count).max() ?? 0
    func cell(_ row: Int, _ column: Int) -> String {
      row < rows.count && column < rows[row].count ? rows[row][column] : ""
    }
    var headers: [ExportHeader] = []
    var carriedQuestion = ""
    let hyphenItemParts =
      dialect == .qualtrics && rows.count >= 2
      ? qualtricsHyphenItemParts(rows, columnCount: columnCount) : [:]
    for column in 0..<columnCount {
      // Names keep every character; the texts matched against items are cut (see
      // `maximumMatchedLength`), so that a huge header cell costs no more than a long one.
      let cells = rows.indices.map { cell($0, column) }
      let matched = cells.map(cutForMatching)
      switch dialect {
      case .surveyMonkey where rows.count >= 2:
        let top = cells[0].trimmedSpaces()
        let sub = cells[1].trimmedSpaces()
        if !top.isEmpty { carriedQuestion = cells[0] }
        let question = top.isEmpty && !sub.isEmpty ? carriedQuestion : cells[0]
        let matchedQuestion = cutForMatching(question)
        if sub.isEmpty || isPlaceholder(sub) {
          headers.append(ExportHeader(name: question, rows: cells, question: matchedQuestion))
        } else if question.trimmedSpaces().isEmpty {
          headers.append(ExportHeader(name: cells[1], rows: cells, question: matched[1]))
        } else {
          headers.append(
            ExportHeader(
              name: "\(question) - \(cells[1])",
              rows: cells,
              question: matchedQuestion,
              itemPart: matched[1]
            )
          )
        }
      case .qualtrics where rows.count >= 2:
        let text = withoutSelectedChoice(matched[1].isEmpty ? matched[0] : matched[1])
        let importID = rows.count >= 3 ? ExportDialect.importID(in: matched[2]) : nil
        // The legacy export names metadata columns V1, V2…; its second row names them.
        let name =
          ExportDialect.isLegacyColumnID(cells[0]) && !cells[1].isEmpty ? cells[1] : cells[0]
        headers.append(
          ExportHeader(
            name: name,
            rows: cells,
            question: text,
            itemPart: gridItemPart(of: text) ?? hyphenItemParts[column],
            importID: importID
          )
        )
      default:
        headers.append(
          ExportHeader(
            name: cells[0],
            rows: cells,
            question: matched[0],
            itemPart: gridItemPart(of: matched[0])
          )
        )
      }
    }
    return headers
  }

  /// Qualtrics' question text without the ` - Selected Choice` part that exports since 2017 put
  /// between a question and its option when the question has a text-entry option:
  /// `Which? - Selected Choice - Library` is `Which? - Library`, `Where? - Selected Choice` is
  /// `Where?`.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  static func withoutSelectedChoice(_ text: String) -> String {
    let marker = " - Selected Choice"
    guard text.contains(marker) else { return text }
    if text.hasSuffix(marker) { return String(text.dropLast(marker.count)) }
    return text.replacing(marker + " - ", with: " - ")
  }

  /// The option (or grid row) of each split column of the Qualtrics exports before 2017, whose
  /// second header row joins question and option with a bare hyphen: `Which?-Library`.
  ///
  /// A hyphen alone may be part of the text (`Well-being`), so a column's part is found only
  /// among the columns of one question: those whose id in the first row shares a stem (`Q3` of
  /// `Q3_1`, `Q3_2`…). Their texts' common beginning, up to its last hyphen, is the question;
  /// what follows it in each column is the option. A question with one such column is not split.
  /// An option that begins like every other option of its question up to a hyphen of its own
  /// (`Self-care`, `Self-help`) loses that beginning.
  ///
  /// - Returns: The part of each column that has one, by column index.
  /// - Complexity: O(*c* × *n*) for *c* columns of texts of length *n*.
  static func qualtricsHyphenItemParts(
    _ rows: [[String]],
    columnCount: Int
  )
    -> [Int: String]
  {
    var columnsOfStem: [String: [Int]] = [:]
    var stems: [String] = []
    for column in 0..<min(columnCount, rows[0].count) {
      guard column < rows[1].count, let stem = MultiSelectQuestion.qualtricsIDStem(rows[0][column])
      else { continue }
      if columnsOfStem[stem] == nil { stems.append(stem) }
      columnsOfStem[stem, default: []].append(column)
    }
    var parts: [Int: String] = [:]
    for stem in stems {
      guard let columns = columnsOfStem[stem], columns.count >= 2 else { continue }
      let texts = columns.map { Array(cutForMatching(rows[1][$0]).unicodeScalars) }
      var common = texts[0].count
      for text in texts.dropFirst() {
        var length = 0
        while length < min(common, text.count), text[length] == texts[0][length] { length += 1 }
        common = length
      }
      guard let hyphen = texts[0][..<common].lastIndex(of: "-"), hyphen > 0 else { continue }
      for (column, text) in zip(columns, texts) where text.count > hyphen + 1 {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text[(hyphen + 1)...])
        let part = String(scalars).trimmedSpaces()
        if !part.isEmpty { parts[column] = part }
      }
    }
    return parts
  }

  /// The most characters of a header cell that are matched against items.
  ///
  /// As many as an instrument's wording may hold (``SurveyInstruments/InstrumentLimits/maximumTextLength``), so no
  /// wording is cut. The column's name keeps every character.
  public static let maximumMatchedLength = InstrumentLimits.maximumTextLength

  /// `text`, cut to ``maximumMatchedLength`` characters.
  ///
  /// - Complexity: O(1) for text of up to that many bytes, otherwise O(``maximumMatchedLength``).
  static func cutForMatching(_ text: String) -> String {
    guard text.utf8.count > maximumMatchedLength else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximumMatchedLength)))
  }

  /// Whether a SurveyMonkey second-row cell is a placeholder rather than a sub-question.
  static func isPlaceholder(_ text: String) -> Bool {
    let key = normalizedLabel(text)
    return key == "response" || key == "open ended response"
  }

  /// The row part of a grid question header, or `nil`.
  ///
  /// Tries, in order: `Question [Row]`, `Question - Row` (also with an en dash), `Question: Row`,
  /// and Microsoft Forms' `Question.Row` (a full stop followed directly by a letter). The
  /// question number is removed first, so `5. Wellbeing.Optimistic` gives `Optimistic`.
  ///
  /// - Complexity: O(*n*) in the length of `header`.
  public static func gridItemPart(of header: String) -> String? {
    let text = Array(strippingQuestionNumber(header).trimmedSpaces().unicodeScalars)
    guard !text.isEmpty else { return nil }
    func part(from start: Int, to end: Int) -> String? {
      guard start < end else { return nil }
      var scalars = String.UnicodeScalarView()
      scalars.append(contentsOf: text[start..<end])
      let result = String(scalars).trimmedSpaces()
      return result.isEmpty ? nil : result
    }
    if text.last == "]", let open = text.lastIndex(of: "["), open > 0 {
      return part(from: open + 1, to: text.count - 1)
    }
    for separator in [" - ", " – ", " — "] {
      let pattern = Array(separator.unicodeScalars)
      if let start = lastIndex(of: pattern, in: text), start > 0 {
        return part(from: start + pattern.count, to: text.count)
      }
    }
    if let start = lastIndex(of: [":", " "], in: text), start > 0 {
      return part(from: start + 2, to: text.count)
    }
    var index = text.count - 2
    while index > 0 {
      if text[index] == ".", text[index + 1].properties.isAlphabetic, text[index - 1] != " ",
        !text[index - 1].properties.isAlphabetic || text[index - 1] == ")"
          || text[index + 1].properties.isUppercase
      {
        return part(from: index + 1, to: text.count)
      }
      index -= 1
    }
    return nil
  }

  private static func lastIndex(of pattern: [Unicode.Scalar], in text: [Unicode.Scalar]) -> Int? {
    guard text.count >= pattern.count else { return nil }
    var start = text.count - pattern.count
    while start >= 0 {
      if text[start..<start + pattern.count].elementsEqual(pattern) { return start }
      start -= 1
    }
    return nil
  }
}

/// `header` without a leading question number: `Q3.
///
/// `, `Q3 `, `3) `, `3 - `, `3. `, `3: ` (and `Q5_1.`, `5.1.`). A header that is only a number
/// (`Q3`) is returned unchanged.
///
/// - Complexity: O(*n*) in the length of `header`.
public func strippingQuestionNumber(_ header: String) -> String {
  let scalars = Array(header.unicodeScalars)
  var index = 0
  while index < scalars.count, isSpace(scalars[index]) { index += 1 }
  var hasQ = false
  if index < scalars.count, scalars[index] == "Q" || scalars[index] == "q" {
    hasQ = true
    index += 1
  }
  let digitsStart = index
  while index < scalars.count,
    ("0"..."9").contains(scalars[index])
      || (index > digitsStart && (scalars[index] == "_" || scalars[index] == ".")
        && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1]))
  {
    index += 1
  }
  guard index > digitsStart else { return header }
  var hasSeparator = false
  while index < scalars.count, isSpace(scalars[index]) { index += 1 }
  if index < scalars.count, [".", ")", ":", "-", "–"].contains(scalars[index]) {
    hasSeparator = true
    index += 1
  }
  guard hasSeparator || hasQ else { return header }
  let afterSeparator = index
  while index < scalars.count, isSpace(scalars[index]) { index += 1 }
  guard index < scalars.count, index > afterSeparator || scalars[index].properties.isAlphabetic
  else {
    return header
  }
  var rest = String.UnicodeScalarView()
  rest.append(contentsOf: scalars[index...])
  return String(rest)
}

private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
  scalar == " " || scalar == "\t" || scalar == "\u{A0}" || scalar == "\u{2007}"
    || scalar == "\u{202F}"
}

extension String {
  /// The text without spaces, tabs, non-breaking spaces and line breaks at either end.
  ///
  /// - Complexity: O(*k*) for *k* characters trimmed; the text is not copied when nothing is.
  func trimmedSpaces() -> String {
    func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
      isSpace(scalar) || scalar == "\n" || scalar == "\r"
    }
    let scalars = unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, isTrimmed(scalars[start]) { scalars.formIndex(after: &start) }
    while end > start {
      let before = scalars.index(before: end)
      guard isTrimmed(scalars[before]) else { break }
      end = before
    }
    if start == scalars.startIndex && end == scalars.endIndex { return self }
    return String(scalars[start..<end])
  }
}
