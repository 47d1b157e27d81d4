public import SurveyCapture
public import SurveyInstruments
import SurveyReports
public import SurveyScoring

/// What an analysis uses a named column for, so that a column the export lacks can be reported
/// in the caller's own words (a command line names its options; an app its controls).
public enum ColumnRole: String, Sendable, Hashable, CaseIterable {
  /// Estimates are broken down by the column's values (it may also name an instrument's item).
  case breakdown
  /// The column holds survey weights.
  case weight
  /// The column's answers are counted.
  case tally
  /// The column names each respondent's cohort.
  case cohort
  /// The column identifies respondents, for pairing.
  case respondentID = "respondent-id"
  /// The column names each row's wave, in a long file.
  case wave

  /// What the column is for, in words: "to break estimates down by", "of survey weights".
  public var purpose: String {
    switch self {
    case .breakdown: "to break estimates down by"
    case .weight: "of survey weights"
    case .tally: "to count"
    case .cohort: "naming each respondent's cohort"
    case .respondentID: "identifying respondents"
    case .wave: "naming each row's wave"
    }
  }
}

/// A column an analysis needs, by the name the user gave and what it is for.
public struct ColumnRequest: Sendable, Hashable {
  /// The column's header as given (compared exactly, then ignoring case and punctuation).
  public var name: String
  /// What it is for.
  public var role: ColumnRole

  /// Creates a request.
  public init(_ name: String, role: ColumnRole) {
    self.name = name
    self.role = role
  }
}

/// Which instruments to read an export with.
public enum InstrumentSelection: Sendable {
  /// These instruments; each must have at least one item matched to a column.
  case named([Instrument])
  /// Those among the candidates whose items match a column of the export (a SWEMWBS export
  /// gives SWEMWBS, not also WEMWBS; see `ExportImporter.instrumentsMatching(_:among:)`).
  case matching([Instrument])
}

/// How to read an export into a ``Survey``.
public struct SurveyReadingOptions: Sendable {
  /// How the export's bytes are read: dialect, delimiter, sheet, explicit column mappings,
  /// recodes, and whether any problem is an error.
  public var importOptions: ImportOptions
  /// Which instruments to read it with.
  public var instruments: InstrumentSelection
  /// Whether reading may end with no instrument (an analysis that only counts columns).
  public var allowsNoInstrument: Bool
  /// The columns the analysis needs; each must be in the export, and is kept.
  public var columns: [ColumnRequest]
  /// Multi-select questions to find (see `MultiSelectQuestion.locate(_:in:)`); their columns are
  /// kept.
  public var multiSelect: [String]
  /// Where each instrument came from (`built-in`, or the file it was loaded from), for reports.
  public var instrumentOrigins: [InstrumentID: String]

  /// Creates options; by default the instruments matching the export's columns are used.
  public init(
    importOptions: ImportOptions = ImportOptions(attributes: .none),
    instruments: InstrumentSelection = .matching(InstrumentCatalogue.builtIn.instruments),
    allowsNoInstrument: Bool = false,
    columns: [ColumnRequest] = [],
    multiSelect: [String] = [],
    instrumentOrigins: [InstrumentID: String] = [:]
  ) {
    self.importOptions = importOptions
    self.instruments = instruments
    self.allowsNoInstrument = allowsNoInstrument
    self.columns = columns
    self.multiSelect = multiSelect
    self.instrumentOrigins = instrumentOrigins
  }
}

/// An export read and scored: the answers, how the file was read, and every respondent's scores.
///
/// This is what reports, comparisons and change reports are made from:
///
/// ```swift
/// let survey = try Survey(reading: .file(path: "export.csv"), options: SurveyReadingOptions())
/// let report = try SurveyAnalysis.report(survey, options: ReportOptions())
/// print(report.rendered(as: .text))
/// ```
public struct Survey: Sendable {
  /// The export's name for messages and reports (the file as the user named it).
  public var name: String
  /// The instruments it was read with.
  public var instruments: [Instrument]
  /// Whether they were named, or chosen because their items match the export's columns.
  public var instrumentsWereNamed: Bool
  /// Where each instrument came from, for reports.
  public var instrumentOrigins: [InstrumentID: String]
  /// The answers, with the columns the options asked to keep.
  public var table: ResponseTable
  /// How the export was read: encoding, dialect, columns, answer counts and every problem.
  public var importReport: ImportReport
  /// The export's layout (format, dialect, headers).
  public var layout: ExportLayout
  /// Every respondent's scores, bands and indicators.
  public var scores: ScoredTable
  /// The multi-select questions asked for, as found in the export.
  public var multiSelect: [MultiSelectQuestion]

  /// `name:line` of every row, for listing rows in reports.
  public var rowLocations: [String] { table.lineNumbers.map { "\(name):\($0)" } }

  /// The column named `name` among the kept columns, if kept.
  public func column(_ name: String) -> AttributeColumn? { table.attribute(named: name) }

  /// Reads an export.
  ///
  /// - Throws: ``SurveyReadingError`` for a column, question or instrument the export does not
  ///   have, an export with no data rows, or, when the import options are strict, any problem;
  ///   `ImportError` and `CSVError` when the file cannot be read as an export.
  /// - Complexity: O(*n*) in the size of the export.
  public init(reading source: ExportSource, options: SurveyReadingOptions) throws {
    var importOptions = options.importOptions
    let layout = try ExportImporter.layout(of: source, options: importOptions)
    let file = layout.file ?? "the export"
    let headers = layout.headers.map(\.name)

    let instruments: [Instrument]
    let named: Bool
    switch options.instruments {
    case .named(let given):
      instruments = given
      named = true
    case .matching(let candidates):
      instruments = ExportImporter.instrumentsMatching(layout, among: candidates)
      named = false
      if instruments.isEmpty && !options.allowsNoInstrument {
        throw SurveyReadingError(
          kind: .noInstrumentMatched,
          file: layout.file,
          message: "no instrument's items match a column of \(file)",
          hint: "name the instrument to read it with; the columns are: "
            + headers.prefix(8).map { "'\(excerpt($0, limit: 50))'" }.joined(separator: ", ")
            + (headers.count > 8 ? " and \(headers.count - 8) more" : "")
        )
      }
    }

    // Suggestions list the export's own columns (area, age, weight) before the items'.
    let itemColumns = ExportImporter.itemColumns(of: layout, instruments: instruments)
    let suggested =
      headers.indices.filter { !itemColumns.contains($0) }.map { headers[$0] }
      + itemColumns.sorted().map { headers[$0] }
    for request in options.columns {
      guard !Self.hasColumn(request, headers: headers, instruments: instruments) else { continue }
      throw SurveyReadingError(
        kind: .unknownColumn(request),
        file: layout.file,
        message: "the column '\(excerpt(request.name))' \(request.role.purpose) is not in \(file)",
        hint: nearestColumnsHint(request.name, among: suggested)
      )
    }
    var questions: [MultiSelectQuestion] = []
    for name in options.multiSelect {
      guard let question = MultiSelectQuestion.locate(name, in: layout.headers) else {
        throw SurveyReadingError(
          kind: .unknownQuestion(name),
          file: layout.file,
          message: "the multi-select question '\(excerpt(name))' is not in \(file)",
          hint: nearestColumnsHint(name, among: suggested)
        )
      }
      questions.append(question)
    }
    // Date columns are kept too, so that a report can say when the responses were given.
    let dates = headers.indices.filter {
      !itemColumns.contains($0) && ResponsePeriod.isDateHeader(headers[$0])
    }
    let kept =
      options.columns.map(\.name) + questions.flatMap(\.headers) + dates.map { headers[$0] }
    switch importOptions.attributes {
    case .named(let names): importOptions.attributes = .named(names + kept)
    case .none: importOptions.attributes = .named(kept)
    case .all: break
    }

    let result = try ExportImporter.read(layout, instruments: instruments, options: importOptions)
    if result.report.recordCount == 0 {
      throw SurveyReadingError(
        kind: .noRows,
        file: layout.file,
        message: "\(file) has a header but no rows of answers",
        hint: "check that this is the export of the responses, not of the questions"
      )
    }
    if named {
      try Self.checkItemsMatched(result.report, instruments: instruments, layout: layout)
    }
    if !result.isAcceptable(strict: importOptions.isStrict) {
      let problems = result.report.problems
      throw SurveyReadingError(
        kind: .problemsFound(problems.count),
        file: layout.file,
        message: "\(problems.count) problem\(problems.count == 1 ? "" : "s") reading \(file): "
          + ImportProblem.summary(of: problems),
        hint: nil,
        problems: problems
      )
    }
    self.name = layout.file ?? "export"
    self.instruments = instruments
    self.instrumentsWereNamed = named
    self.instrumentOrigins = options.instrumentOrigins
    self.table = result.table
    self.importReport = result.report
    self.layout = layout
    self.scores = Scorer.score(result.table)
    self.multiSelect = questions
  }

  /// Whether the export has the column a request names: a header (exactly, or ignoring case and
  /// punctuation), or, for a breakdown, an item of the instruments (its wording or
  /// `INSTRUMENT.ITEM`).
  static func hasColumn(
    _ request: ColumnRequest,
    headers: [String],
    instruments: [Instrument]
  ) -> Bool {
    let wanted = normalizedLabel(request.name)
    if headers.contains(where: { $0 == request.name || normalizedLabel($0) == wanted }) {
      return true
    }
    guard request.role == .breakdown else { return false }
    return instruments.contains { instrument in
      instrument.items.contains { item in
        "\(instrument.id).\(item.id)" == request.name
          || item.wording.map { normalizedLabel($0) == wanted } == true
      }
    }
  }

  /// Refuses an instrument that was named but has no item matched to any column: reading it
  /// would report every item as not answered.
  static func checkItemsMatched(
    _ report: ImportReport,
    instruments: [Instrument],
    layout: ExportLayout
  ) throws(SurveyReadingError) {
    let headers = layout.headers.map(\.name)
    for instrument in instruments {
      let items = report.items.filter { $0.key.instrument == instrument.id }
      guard !items.isEmpty, items.allSatisfy({ $0.column == nil }) else { continue }
      let listed = instrument.items.prefix(20).map { item in
        let nearest = closestMatches(to: item.displayText, among: headers, limit: 2)
        return "\(instrument.id).\(item.id) '\(excerpt(item.displayText, limit: 70))'"
          + (nearest.isEmpty
            ? ""
            : " (nearest: " + nearest.map { "'\(excerpt($0, limit: 60))'" }.joined(separator: ", ")
              + ")")
      }
      throw SurveyReadingError(
        kind: .noItemMatched(instrument.id),
        file: layout.file,
        message:
          "none of the items of \(instrument.id) matches a column of \(layout.file ?? "the export"): "
          + listed.joined(separator: "; "),
        hint: "name each item's column explicitly, or check how the export was read"
      )
    }
  }
}

/// Why an export could not be read for an analysis.
public struct SurveyReadingError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Hashable {
    /// A column the analysis needs is not in the export.
    case unknownColumn(ColumnRequest)
    /// A multi-select question is not in the export.
    case unknownQuestion(String)
    /// No instrument was named and none matches a column.
    case noInstrumentMatched
    /// A named instrument has no item matched to any column.
    case noItemMatched(InstrumentID)
    /// The export has a header but no data rows.
    case noRows
    /// Reading found problems, and the options make any problem an error.
    case problemsFound(Int)
  }

  /// What went wrong.
  public var kind: Kind
  /// The export, as named for messages.
  public var file: String?
  /// What is wrong, starting in lower case.
  public var message: String
  /// How to fix it, when known.
  public var hint: String?
  /// The problems met, for ``Kind/problemsFound(_:)``; otherwise empty.
  public var problems: [ImportProblem] = []

  /// Creates an error.
  public init(
    kind: Kind,
    file: String?,
    message: String,
    hint: String?,
    problems: [ImportProblem] = []
  ) {
    self.kind = kind
    self.file = file
    self.message = message
    self.hint = hint
    self.problems = problems
  }

  /// `error: message`, then `hint: …`.
  public var description: String { "error: \(message)" + (hint.map { "\nhint: \($0)" } ?? "") }

  /// Whether the request was at fault (a name the export does not have) rather than the export.
  public var isRequestError: Bool {
    switch kind {
    case .unknownColumn, .unknownQuestion: true
    default: false
    }
  }
}
