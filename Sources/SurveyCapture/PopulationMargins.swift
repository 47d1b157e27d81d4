import SurveyCSV
import SurveyInstruments
import SurveyPlatform

/// Population totals to weight a survey to, as read from a margins file: one or more margins, each
/// a classification of the population by one column of the export (area) or by several at once
/// (age band by sex), with the population total of each category.
///
/// A margins file is CSV with a header row naming the columns `margin`, `category` and
/// `population` (in any order, ignoring case and surrounding spaces; other columns, such as a
/// source or a note, are ignored), then one row per category:
///
/// ```
/// margin,category,population
/// age_band|sex,16-24|Female,9800
/// age_band|sex,16-24|Male,10300
/// ward,Abbey,45600
/// ```
///
/// - `margin` names the column of the export the category is a value of. A cross-classified
///   margin names several columns separated by `|` (``columnSeparator``), and its categories give
///   one value per column in the same order, separated by `|` too. A margin of one column takes
///   its categories whole, so they may contain `|`.
/// - `category` is a value of that column as the export writes it, compared exactly after
///   surrounding spaces are removed.
/// - `population` is the category's population total: a plain number of 0 or more (`9800`,
///   `0.0644`; no thousands separators, signs, percent signs or exponents). Counts of people or
///   shares both work, as long as every margin uses the same scale: the totals of the margins
///   must agree (to a relative 1e-6), since raked weights meet them all.
///
/// A margin's rows need not be together; margins are kept in the order they first appear, and
/// categories in file order. The reader checks everything that can be checked without the
/// survey, each error located at its line: the header, blank or ragged fields, numbers, a
/// category given twice, a category with the wrong number of parts, a column named twice in one
/// margin, margins whose totals disagree, and the bounds in ``MarginsLimits``. Matching the
/// margins to a survey (its columns, and respondents' values against the categories) is the
/// weighting's job, which reports what does not match at the lines of this file.
///
/// - Complexity: Reading is O(*n*) in the size of the file, with a hash of each category.
public struct PopulationMargins: Sendable, Hashable {
  /// One category of a margin and its population total.
  public struct Category: Sendable, Hashable {
    /// The category's value in each of the margin's columns, in the margin's column order.
    public var values: [String]
    /// The population total of the category, finite and 0 or more.
    public var population: Double
    /// The line of the margins file it was read from (1-based), or 0 when made in code.
    public var line: Int

    /// Creates a category.
    public init(values: [String], population: Double, line: Int = 0) {
      self.values = values
      self.population = population
      self.line = line
    }

    /// The values as the file writes them: joined by `|`.
    public var label: String { values.joined(separator: String(columnSeparator)) }
  }

  /// One margin: the columns it classifies respondents by, and its categories.
  public struct Margin: Sendable, Hashable {
    /// The export's columns, by header; several for a cross-classified margin.
    public var columns: [String]
    /// The categories, in file order.
    public var categories: [Category]
    /// The first line of the file that names the margin (1-based), or 0 when made in code.
    public var line: Int

    /// Creates a margin.
    public init(columns: [String], categories: [Category], line: Int = 0) {
      self.columns = columns
      self.categories = categories
      self.line = line
    }

    /// The margin's name as the file writes it: its columns joined by `|`.
    public var name: String { columns.joined(separator: String(columnSeparator)) }

    /// The sum of the categories' population totals.
    ///
    /// - Complexity: O(*c*) in the number of categories.
    public var total: Double { categories.reduce(0) { $0 + $1.population } }
  }

  /// The character that separates the columns of a cross-classified margin, and the values of
  /// its categories: `|`.
  public static let columnSeparator: Character = "|"

  /// The relative difference allowed between the margins' totals: 1e-6, as
  /// `RakingOptions.totalsTolerance`.
  public static let totalsTolerance = 1e-6

  /// The margins file, as named for messages.
  public var file: String
  /// The margins, in the order they first appear in the file.
  public var margins: [Margin]

  /// Wraps margins made in code (no checks are made; weighting checks them against a survey).
  public init(margins: [Margin], file: String = "margins") {
    self.margins = margins
    self.file = file
  }

  /// Every column the margins name, each once, in order of appearance.
  public var columns: [String] {
    var seen: [String] = []
    for margin in margins {
      for column in margin.columns where !seen.contains(column) { seen.append(column) }
    }
    return seen
  }

  /// Reads the margins file at `path`.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - displayPath: How messages name the file; the path when `nil`.
  /// - Throws: `FileSystemError` when the file cannot be read, ``MarginsFileError`` when it is
  ///   not a valid margins file or is larger than ``MarginsLimits/maximumFileSize``.
  /// - Complexity: O(*n*) in the size of the file, which is read whole (it is small).
  public init(contentsOfFile path: String, displayPath: String? = nil) throws {
    let name = displayPath ?? path
    let reader = try FileByteReader(path: path)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = try reader.read(into: &chunk)
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      if bytes.count > MarginsLimits.maximumFileSize {
        throw MarginsFileError(
          kind: .tooLarge,
          file: name,
          message: "the file is larger than \(groupedNumber(Double(MarginsLimits.maximumFileSize)))"
            + " bytes, the most a margins file may be",
          hint: "is this the right file? a margins file has one short row per category"
        )
      }
    }
    try self.init(bytes: bytes, file: name)
  }

  /// Reads a margins file's bytes.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab
  ///     delimited, as `CSVReader` detects).
  ///   - file: How messages name the file.
  /// - Throws: ``MarginsFileError`` for the first problem found, at its line.
  /// - Complexity: O(*n*) in the number of bytes.
  public init(bytes: [UInt8], file: String = "margins.csv") throws(MarginsFileError) {
    self.file = file
    guard bytes.count <= MarginsLimits.maximumFileSize else {
      throw MarginsFileError(
        kind: .tooLarge,
        file: file,
        message: "the file is \(groupedNumber(Double(bytes.count))) bytes; a margins file may be at"
          + " most \(groupedNumber(Double(MarginsLimits.maximumFileSize))) bytes",
        hint: "is this the right file? a margins file has one short row per category"
      )
    }
    var parser = MarginsParser(file: file)
    do {
      try CSVReader(bytes: bytes).forEachRecord { record in try parser.read(record) }
    } catch let error as MarginsFileError {
      throw error
    } catch let error as CSVError {
      throw MarginsFileError(
        kind: .malformedRow,
        file: file,
        line: error.line,
        message: error.message,
        hint: error.hint
      )
    } catch {
      throw MarginsFileError(kind: .malformedRow, file: file, message: "\(error)")
    }
    margins = try parser.finish()
  }
}

/// The bounds a margins file must keep to.
///
/// They exist so that a mistyped or hostile file gets a located error rather than a long wait or
/// unbounded memory. Real margins are far smaller: a few margins of a few dozen categories.
public enum MarginsLimits {
  /// The largest margins file read, in bytes: 4 MiB.
  public static let maximumFileSize = 4 << 20
  /// The most categories in all margins together: 100,000.
  public static let maximumCategories = 100_000
  /// The most margins: 100.
  public static let maximumMargins = 100
  /// The most columns a cross-classified margin may name: 8.
  public static let maximumColumnsPerMargin = 8
  /// The most characters in a column name or category value: 1,000.
  public static let maximumTextLength = 1_000
  /// The largest population total of one category: 10¹⁵.
  public static let maximumPopulation = 1e15
}

/// Why margins cannot be used: a problem in the margins file, or margins that do not fit the
/// survey they are to weight, located at the line of the margins file at fault.
///
/// ```
/// margins.csv:7: error: population '-3': expected a number of 0 or more
/// hint: a category with no people in it has a population of 0
/// ```
public struct MarginsFileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: String, Sendable, Hashable {
    /// The file is larger than ``MarginsLimits/maximumFileSize``, or holds more margins,
    /// categories or columns than ``MarginsLimits`` allows.
    case tooLarge
    /// The file has no header row, or the header lacks `margin`, `category` or `population`.
    case missingColumn
    /// A row has a blank field, more fields than the header, text beyond the limits, or an
    /// unclosed quote.
    case malformedRow
    /// A population total is not a plain number of 0 or more.
    case invalidPopulation
    /// A category of a cross-classified margin does not give one value per column.
    case malformedCategory
    /// A category is given twice in one margin, or a column twice in one margin's name.
    case duplicate
    /// The margins' totals disagree, or a margin's total is 0.
    case inconsistentTotals
    /// A margin names a column the survey does not have.
    case unknownColumn
    /// Respondents have a value (or combination of values) that is not a category of a margin.
    case unmatchedValue
    /// A category with a positive population total has no respondent, or one with respondents
    /// has a population total of 0: no weights can meet it.
    case emptyCategory
  }

  /// What went wrong.
  public var kind: Kind
  /// The margins file, as named for messages.
  public var file: String
  /// The line of the margins file at fault (1-based), if any.
  public var line: Int?
  /// The margins file's column at fault (`margin`, `category` or `population`), if any.
  public var column: String?
  /// The value at fault, as written, if any.
  public var value: String?
  /// What was expected, when that says more than the message.
  public var expected: String?
  /// What is wrong, starting in lower case.
  public var message: String
  /// How to fix it, when known.
  public var hint: String?

  /// Creates an error.
  public init(
    kind: Kind,
    file: String,
    line: Int? = nil,
    column: String? = nil,
    value: String? = nil,
    expected: String? = nil,
    message: String,
    hint: String? = nil
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.value = value
    self.expected = expected
    self.message = message
    self.hint = hint
  }

  /// `FILE:LINE: error: message`, then `hint: …`.
  public var description: String {
    let location = file + (line.map { ":\($0)" } ?? "")
    return "\(location): error: \(message)" + (hint.map { "\nhint: \($0)" } ?? "")
  }
}

/// Reads the records of a margins file one at a time, checking each.
private struct MarginsParser {
  let file: String
  var fieldOfColumn: [String: Int] = [:]
  var headerFieldCount = 0
  var hasHeader = false
  var margins: [PopulationMargins.Margin] = []
  var marginIndex: [[String]: Int] = [:]
  /// Per margin, the line of each category, by its values.
  var categoryLines: [[[String]: Int]] = []
  var categoryCount = 0

  static let required = ["margin", "category", "population"]

  init(file: String) { self.file = file }

  func error(
    _ kind: MarginsFileError.Kind,
    line: Int?,
    column: String? = nil,
    value: String? = nil,
    expected: String? = nil,
    _ message: String,
    hint: String? = nil
  ) -> MarginsFileError {
    MarginsFileError(
      kind: kind,
      file: file,
      line: line,
      column: column,
      value: value,
      expected: expected,
      message: message,
      hint: hint
    )
  }

  mutating func read(_ record: borrowing CSVRecord) throws(MarginsFileError) {
    let line = record.lineNumber
    guard hasHeader else { return try readHeader(record) }
    var fields: [String] = []
    for index in 0..<record.count {
      let text = record.string(at: index)
      guard text.unicodeScalars.count <= MarginsLimits.maximumTextLength else {
        throw error(
          .malformedRow,
          line: line,
          "field \(index + 1) is \(groupedNumber(Double(text.unicodeScalars.count))) characters"
            + " long; a margins file's fields may be at most "
            + "\(groupedNumber(Double(MarginsLimits.maximumTextLength)))",
          hint: "is this the right file?"
        )
      }
      fields.append(trimmed(text))
    }
    if fields.allSatisfy(\.isEmpty) { return }
    if fields.count > headerFieldCount,
      fields[headerFieldCount...].contains(where: { !$0.isEmpty })
    {
      throw error(
        .malformedRow,
        line: line,
        "the row has \(fields.count) fields but the header has \(headerFieldCount)",
        hint: "a category or number that contains the delimiter must be in double quotes, for"
          + " example \"Female, 16-24\""
      )
    }
    func field(_ name: String) throws(MarginsFileError) -> String {
      let index = fieldOfColumn[name] ?? 0
      let text = index < fields.count ? fields[index] : ""
      guard !text.isEmpty else {
        throw error(
          .malformedRow,
          line: line,
          column: name,
          "the \(name) is blank",
          hint: "every row needs a margin, a category and a population total"
        )
      }
      return text
    }
    let marginText = try field("margin")
    let categoryText = try field("category")
    let populationText = try field("population")
    let columns = marginText.split(
      separator: PopulationMargins.columnSeparator,
      omittingEmptySubsequences: false
    ).map { trimmed(String($0)) }
    if columns.contains(where: \.isEmpty) {
      throw error(
        .malformedRow,
        line: line,
        column: "margin",
        value: marginText,
        "the margin '\(excerpt(marginText))' has an empty column name",
        hint: "name the export's columns separated by |, for example age_band|sex"
      )
    }
    guard columns.count <= MarginsLimits.maximumColumnsPerMargin else {
      throw error(
        .tooLarge,
        line: line,
        column: "margin",
        value: marginText,
        "the margin '\(excerpt(marginText))' names \(columns.count) columns; a margin may cross"
          + " at most \(MarginsLimits.maximumColumnsPerMargin)",
        hint: "raking meets several smaller margins without their full cross-classification"
      )
    }
    if let repeated = columns.indices.first(where: { columns[..<$0].contains(columns[$0]) }) {
      throw error(
        .duplicate,
        line: line,
        column: "margin",
        value: marginText,
        "the margin '\(excerpt(marginText))' names the column '\(excerpt(columns[repeated]))'"
          + " twice"
      )
    }
    let values: [String]
    if columns.count == 1 {
      values = [categoryText]
    } else {
      values = categoryText.split(
        separator: PopulationMargins.columnSeparator,
        omittingEmptySubsequences: false
      ).map { trimmed(String($0)) }
      guard values.count == columns.count, !values.contains(where: \.isEmpty) else {
        throw error(
          .malformedCategory,
          line: line,
          column: "category",
          value: categoryText,
          expected: "\(columns.count) values separated by |",
          "the category '\(excerpt(categoryText))' of margin '\(excerpt(marginText))' should"
            + " give \(columns.count) values separated by |, one for each of "
            + columns.map { "'\(excerpt($0, limit: 30))'" }.joined(separator: ", "),
          hint: "for example "
            + columns.map { _ in "VALUE" }.joined(separator: "|")
        )
      }
    }
    let population = try parsePopulation(populationText, line: line)
    let margin: Int
    if let known = marginIndex[columns] {
      margin = known
    } else {
      guard margins.count < MarginsLimits.maximumMargins else {
        throw error(
          .tooLarge,
          line: line,
          column: "margin",
          value: marginText,
          "the file has more than \(MarginsLimits.maximumMargins) margins"
        )
      }
      margin = margins.count
      marginIndex[columns] = margin
      margins.append(PopulationMargins.Margin(columns: columns, categories: [], line: line))
      categoryLines.append([:])
    }
    if let first = categoryLines[margin][values] {
      throw error(
        .duplicate,
        line: line,
        column: "category",
        value: categoryText,
        "margin '\(excerpt(marginText))' gives the category '\(excerpt(categoryText))' twice,"
          + " at lines \(first) and \(line)",
        hint: "give each category once, with its whole population total"
      )
    }
    categoryCount += 1
    guard categoryCount <= MarginsLimits.maximumCategories else {
      throw error(
        .tooLarge,
        line: line,
        "the file has more than \(groupedNumber(Double(MarginsLimits.maximumCategories)))"
          + " categories"
      )
    }
    categoryLines[margin][values] = line
    margins[margin].categories.append(
      PopulationMargins.Category(values: values, population: population, line: line)
    )
  }

  mutating func readHeader(_ record: borrowing CSVRecord) throws(MarginsFileError) {
    var names: [String] = []
    for index in 0..<record.count {
      let name = trimmed(record.string(at: index))
      names.append(name)
      let key = name.lowercased()
      if Self.required.contains(key) {
        guard fieldOfColumn[key] == nil else {
          throw error(
            .duplicate,
            line: record.lineNumber,
            column: key,
            "the header names the column '\(key)' twice"
          )
        }
        fieldOfColumn[key] = index
      }
    }
    if names.allSatisfy(\.isEmpty) { return }
    for name in Self.required where fieldOfColumn[name] == nil {
      let shown = names.filter { !$0.isEmpty }.prefix(6).map { "'\(excerpt($0, limit: 40))'" }
      throw error(
        .missingColumn,
        line: record.lineNumber,
        column: name,
        expected: "a header naming margin, category and population",
        "the header has no column '\(name)'"
          + (shown.isEmpty ? "" : "; it has " + shown.joined(separator: ", ")),
        hint: closestMatches(to: name, among: names.filter { !$0.isEmpty }).first.map {
          "did you mean '\($0)'? the header must be margin,category,population"
        } ?? "the first row must be the header margin,category,population"
      )
    }
    headerFieldCount = names.count
    hasHeader = true
  }

  func parsePopulation(_ text: String, line: Int) throws(MarginsFileError) -> Double {
    var digits = 0
    var dots = 0
    var isPlain = true
    for scalar in text.unicodeScalars {
      switch scalar {
      case "0"..."9": digits += 1
      case ".": dots += 1
      default: isPlain = false
      }
    }
    let expected = "a number of 0 or more"
    if text.hasPrefix("-"), let number = Double(text), number.isFinite, number < 0 {
      throw error(
        .invalidPopulation,
        line: line,
        column: "population",
        value: text,
        expected: expected,
        "population '\(excerpt(text))': expected \(expected)",
        hint: "a category with no people in it has a population of 0"
      )
    }
    guard isPlain, digits > 0, dots <= 1, let number = Double(text), number.isFinite else {
      let hint: String
      if text.contains(",") || text.contains(" ") {
        hint = "write the number without thousands separators, for example 9800"
      } else if text.hasSuffix("%") {
        hint = "give shares as numbers (12.5 or 0.125), the same scale in every margin"
      } else {
        hint = "write the number in digits with an optional decimal point, for example 9800"
      }
      throw error(
        .invalidPopulation,
        line: line,
        column: "population",
        value: text,
        expected: expected,
        "population '\(excerpt(text))': expected \(expected)",
        hint: hint
      )
    }
    guard number <= MarginsLimits.maximumPopulation else {
      throw error(
        .invalidPopulation,
        line: line,
        column: "population",
        value: text,
        expected: "at most 10^15",
        "population '\(excerpt(text))' is larger than 10^15, the most a category may hold",
        hint: "is the column right? totals are counts of people or shares"
      )
    }
    return number
  }

  /// The margins, once every record is read: checks that there is at least one and that their
  /// totals are positive and agree.
  func finish() throws(MarginsFileError) -> [PopulationMargins.Margin] {
    guard hasHeader else {
      throw error(
        .missingColumn,
        line: nil,
        expected: "a header naming margin, category and population",
        "the file is empty",
        hint: "the first row must be the header margin,category,population"
      )
    }
    guard let first = margins.first else {
      throw error(
        .missingColumn,
        line: nil,
        "the file has a header but no margins",
        hint: "add one row per category: margin,category,population"
      )
    }
    let totals = margins.map(\.total)
    let largest = totals.max() ?? 0
    for (index, margin) in margins.enumerated() where totals[index] <= 0 {
      throw error(
        .inconsistentTotals,
        line: margin.line,
        column: "population",
        "margin '\(excerpt(margin.name))' has a total population of 0",
        hint: "give each category's population; a margin with no people cannot be met"
      )
    }
    for (index, margin) in margins.enumerated().dropFirst()
    where abs(totals[index] - totals[0]) > PopulationMargins.totalsTolerance * largest {
      throw error(
        .inconsistentTotals,
        line: margin.line,
        column: "population",
        value: groupedNumber(totals[index]),
        expected: groupedNumber(totals[0]),
        "margin '\(excerpt(margin.name))' totals \(groupedNumber(totals[index])), but margin"
          + " '\(excerpt(first.name))' (from line \(first.line)) totals"
          + " \(groupedNumber(totals[0])); raked weights cannot meet both",
        hint: "margins must describe the same population: check for a missing category, or"
          + " totals from different years or sources"
      )
    }
    return margins
  }
}

/// `text` without surrounding spaces and tabs.
private func trimmed(_ text: String) -> String {
  var scalars = Substring(text).unicodeScalars
  while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
  while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
  return String(scalars)
}

/// A population total for messages: a whole number with thousands separators (`152,100`), or
/// the number as Swift writes it.
package func groupedNumber(_ value: Double) -> String {
  guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return "\(value)" }
  let digits = String(Int(abs(value)))
  var result = ""
  for (index, digit) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
    result.append(digit)
  }
  return value < 0 ? "-" + result : result
}
