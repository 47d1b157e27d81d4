import Foundation
import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyWorkbook
import TestSupport
import Testing

/// The tallies stated in Examples/platform-exports/README.md: options, then missing answers
/// (Don't know, Prefer not to say for ONS; Prefer not to say for SWEMWBS), blank, unrecognised.
let platformTallies: [String: [Int]] = [
  "ons-loneliness.companionship": [85, 61, 32, 1, 0, 1, 0],
  "ons-loneliness.left-out": [91, 62, 26, 0, 0, 1, 0],
  "ons-loneliness.isolated": [93, 56, 29, 1, 0, 1, 0],
  "ons-loneliness.lonely": [20, 41, 46, 47, 23, 0, 2, 1, 0],
  "swemwbs.optimistic": [12, 39, 73, 41, 14, 0, 1, 0],
  "swemwbs.useful": [8, 52, 59, 41, 19, 0, 1, 0],
  "swemwbs.relaxed": [12, 36, 69, 53, 8, 0, 2, 0],
  "swemwbs.dealing-with-problems": [15, 41, 64, 47, 12, 0, 1, 0],
  "swemwbs.thinking-clearly": [14, 43, 63, 39, 19, 0, 2, 0],
  "swemwbs.close-to-others": [15, 35, 75, 42, 11, 0, 2, 0],
  "swemwbs.own-mind": [8, 36, 74, 46, 14, 0, 2, 0],
]

@Suite struct ExportImporterTests {
  static let platformFiles: [(String, ExportDialect, Int, CSVEncoding)] = [
    ("surveymonkey.csv", .surveyMonkey, 2, .utf8),
    ("qualtrics.csv", .qualtrics, 3, .utf8),
    ("microsoft-forms.csv", .microsoftForms, 1, .windows1252),
    ("google-forms.csv", .googleForms, 1, .utf8),
    ("smartsurvey.csv", .smartSurvey, 1, .utf8),
  ]

  @Test func `the Microsoft Forms workbook gives the README's tallies`() throws {
    let result = try ExportImporter.read(
      .file(path: examplePath("platform-exports/microsoft-forms.xlsx")),
      instruments: [builtIn("ons-loneliness"), builtIn("swemwbs")]
    )
    let report = result.report
    #expect(report.dialect == .microsoftForms)
    #expect(report.workbook?.sheet.name == "Sheet1")
    #expect(report.workbook?.sheets.count == 1)
    #expect(report.headerRowCount == 1)
    #expect(report.recordCount == 180)
    #expect(result.table.lineNumbers.first == 2)
    #expect(result.table.lineNumbers.last == 181)
    for (key, expected) in platformTallies {
      #expect(tally(report, key) == expected, "\(key)")
    }
    #expect(report.problems.isEmpty, "\(report.problems.map(\.description))")
  }

  @Test(arguments: platformFiles)
  func `every platform export gives the README's tallies`(
    file: String,
    dialect: ExportDialect,
    headerRows: Int,
    encoding: CSVEncoding
  ) throws {
    let result = try ExportImporter.read(
      .file(path: examplePath("platform-exports/\(file)"), displayName: file),
      instruments: [builtIn("ons-loneliness"), builtIn("swemwbs")]
    )
    let report = result.report
    #expect(report.dialect == dialect)
    #expect(report.headerRowCount == headerRows)
    #expect(result.headerRowCount == headerRows)
    #expect(report.encoding == encoding)
    #expect(report.isTranscoded == (encoding != .utf8))
    #expect(report.recordCount == 180)
    #expect(result.table.count == 180)
    for (key, expected) in platformTallies {
      var wanted = expected
      if file == "google-forms.csv" && key == "ons-loneliness.lonely" {
        wanted = [20, 40, 46, 47, 23, 0, 2, 1, 1]
      }
      #expect(tally(report, key) == wanted, "\(file) \(key)")
    }
    let expectedProblems = file == "google-forms.csv" ? 1 : 0
    #expect(report.problems.count == expectedProblems, "\(report.problems.map(\.description))")
  }

  @Test(arguments: platformFiles)
  func `table rows follow the data records in order`(
    file: String,
    dialect: ExportDialect,
    headerRows: Int,
    encoding: CSVEncoding
  ) throws {
    let result = try ExportImporter.read(
      .file(path: examplePath("platform-exports/\(file)")),
      instruments: [builtIn("swemwbs")]
    )
    // Data row 38 answered nothing of SWEMWBS; data row 5 left only Relaxed blank.
    for column in result.table.itemColumns {
      #expect(column.answers[37] == .notAnswered)
      #expect(column.answers.count == 180)
    }
    let relaxed = try #require(
      result.table.answers(for: ItemKey(instrument: "swemwbs", item: "relaxed"))
    )
    #expect(relaxed.answers[4] == .notAnswered)
    #expect(relaxed.answers[3].isAnswered)
    // Re-reading the file and skipping the header rows gives records that zip with the rows.
    let reader = try CSVReader(contentsOfFile: examplePath("platform-exports/\(file)"))
    var lines: [Int] = []
    try reader.forEachRecord { record in
      if record.index >= result.headerRowCount { lines.append(record.lineNumber) }
    }
    #expect(lines == result.table.lineNumbers)
  }

  @Test func `non-item columns stay attached to their respondent`() throws {
    let result = try ExportImporter.read(
      .file(path: examplePath("platform-exports/surveymonkey.csv")),
      instruments: [builtIn("ons-loneliness")]
    )
    let id = try #require(result.table.attribute(named: "Respondent ID"))
    #expect(id.value(at: 37) == "118402101010")
    #expect(id.count == 180)
    let comment = try #require(
      result.table.attribute(named: "Is there anything else you would like to tell us?")
    )
    #expect(comment.count == 180)
    #expect(
      result.table.attribute(named: "Wellbeing (SWEMWBS) - Optimistic") != nil,
      "SWEMWBS kept as text when not chosen"
    )
    let lonely = try #require(
      result.table.answers(for: ItemKey(instrument: "ons-loneliness", item: "lonely"))
    )
    #expect(lonely.sourceHeader == "How often do you feel\u{A0}lonely?")
  }

  @Test func `attribute selection keeps only the named columns or none`() throws {
    let source = ExportSource.file(path: examplePath("cohort-comparison/intervention.csv"))
    let named = try ExportImporter.read(
      source,
      instruments: [builtIn("ons-loneliness")],
      options: ImportOptions(attributes: .named(["AREA"]))
    )
    #expect(named.table.attributes.map(\.header) == ["area"])
    let none = try ExportImporter.read(
      source,
      instruments: [builtIn("ons-loneliness")],
      options: ImportOptions(attributes: .none)
    )
    #expect(none.table.attributes.isEmpty)
    #expect(none.report.columns.first?.role == .notKept)
  }

  @Test func `a capture file with INSTRUMENT.ITEM headers and codes needs no mapping`() throws {
    let text = """
      respondent,ons-loneliness.companionship,ons-loneliness.left-out,ons-loneliness.isolated,ons-loneliness.lonely
      a1,1,2,3,1
      a2,3,3,1,5
      a3,Don't know,,2,Prefer not to say
      a4,2,2,2,4

      """
    let result = try ExportImporter.read(
      .bytes(bytes(text)),
      instruments: [builtIn("ons-loneliness")]
    )
    #expect(result.report.problems.isEmpty)
    #expect(result.report.items.allSatisfy { $0.match?.rule == .qualifiedItemID })
    let lonely = try #require(
      result.table.answers(for: ItemKey(instrument: "ons-loneliness", item: "lonely"))
    )
    #expect(lonely.answers == [.code(1), .code(5), .missing(reasonIndex: 1), .code(4)])
    let leftOut = try #require(
      result.table.answers(for: ItemKey(instrument: "ons-loneliness", item: "left-out"))
    )
    #expect(leftOut.answers[2] == .notAnswered)
    let companionship = try #require(
      result.table.answers(for: ItemKey(instrument: "ons-loneliness", item: "companionship"))
    )
    #expect(companionship.answers[2] == .missing(reasonIndex: 0))
  }

  @Test func `bare item ids match and one column feeds the same item of SWEMWBS and WEMWBS`() throws
  {
    let text = "id,optimistic,Useful\n1,4,Often\n2,5,rarely\n"
    let report = try ExportImporter.report(
      .bytes(bytes(text)),
      instruments: [builtIn("swemwbs"), builtIn("wemwbs")]
    )
    #expect(tally(report, "swemwbs.optimistic") == [0, 0, 0, 1, 1, 0, 0, 0])
    #expect(tally(report, "wemwbs.optimistic") == [0, 0, 0, 1, 1, 0, 0, 0])
    #expect(report.columns[1].matches.map(\.rule) == [.itemID, .itemID])
    #expect(tally(report, "wemwbs.useful") == [0, 1, 0, 1, 0, 0, 0, 0])
    #expect(report.problems.filter { $0.kind == .itemWithoutColumn }.count == 5 + 12)
  }

  @Test func `explicit mappings win and name columns the rules cannot`() throws {
    let text = "Q1,Q2\nOften,3\nNever,1\n"
    let options = ImportOptions(columnMappings: [
      try ColumnMapping(argument: "lonely=Q1"),
      ColumnMapping(item: "ons-loneliness.isolated", header: "q2"),
    ])
    let report = try ExportImporter.report(
      .bytes(bytes(text)),
      instruments: [builtIn("ons-loneliness")],
      options: options
    )
    #expect(tally(report, "ons-loneliness.lonely") == [0, 0, 0, 0, 1, 0, 0, 0, 1])
    #expect(tally(report, "ons-loneliness.isolated") == [1, 0, 1, 0, 0, 0, 0])
    #expect(report.columns[0].matches.first?.rule == .explicitMapping)
    #expect(
      report.problems.map(\.message) == [
        "no column matches ons-loneliness.companionship 'How often do you feel that you lack companionship?'; its answers are all 'not answered'",
        "no column matches ons-loneliness.left-out 'How often do you feel left out?'; its answers are all 'not answered'",
        "unrecognised answer 'Often' in column 1 'Q1' (ons-loneliness.lonely): expected one of 'Often/always', 'Some of the time', 'Occasionally', 'Hardly ever' or 'Never' (codes 1–5), or 'Don't know' or 'Prefer not to say'",
      ]
    )
  }

  @Test func `mapping errors name the item or header and suggest`() throws {
    let source = ExportSource.bytes(bytes("Q1,Q2\n1,2\n"))
    let ons = try builtIn("ons-loneliness")
    let unknownItem = #expect(throws: ImportError.self) {
      try ExportImporter.report(
        source,
        instruments: [ons],
        options: ImportOptions(columnMappings: [ColumnMapping(item: "lonley", header: "Q1")])
      )
    }
    #expect(
      unknownItem?.description
        == "error: 'lonley' is not an item of the chosen instruments (ons-loneliness)\nhint: did you mean 'lonely'?"
    )
    let unknownHeader = #expect(throws: ImportError.self) {
      try ExportImporter.report(
        source,
        instruments: [ons],
        options: ImportOptions(columnMappings: [ColumnMapping(item: "lonely", header: "Q3")])
      )
    }
    #expect(
      unknownHeader?.description
        == "error: no column has the header 'Q3' (for ons-loneliness.lonely)\nhint: did you mean 'Q1'?"
    )
    let shared = #expect(throws: ImportError.self) {
      try ExportImporter.report(
        source,
        instruments: [builtIn("swemwbs"), builtIn("wemwbs")],
        options: ImportOptions(columnMappings: [ColumnMapping(item: "useful", header: "Q1")])
      )
    }
    #expect(
      shared?.message
        == "'useful' is an item of more than one chosen instrument: 'swemwbs.useful', 'wemwbs.useful'"
    )
    let badArgument = #expect(throws: ImportError.self) { try ColumnMapping(argument: "lonely") }
    #expect(badArgument?.message == "expected ITEM=HEADER in '--column lonely'")
  }

  @Test func `problems are listed with their exact messages`() throws {
    let text = """
      id,How often do you feel lonely?,Optimistic and useful,lonely,feel lonely
      1,Often/always,Often,1,1
      2,Sometimes,Often
      1,Never,Often,5,5,extra

      """
    let report = try ExportImporter.report(
      .bytes(bytes(text), name: "test.csv"),
      instruments: [builtIn("ons-loneliness"), builtIn("swemwbs")]
    )
    let messages = report.problems.map(\.description)
    #expect(
      messages == [
        "test.csv: column 3 'Optimistic and useful' matches 2 items equally well: swemwbs.optimistic (key phrase 'optimistic') and swemwbs.useful (key phrase 'useful'); it is used for none of them\nhint: choose one with --column swemwbs.optimistic=HEADER or in a --map file",
        "test.csv: no column matches ons-loneliness.companionship 'How often do you feel that you lack companionship?'; its answers are all 'not answered'\nhint: name its column with --column ons-loneliness.companionship=HEADER or in a --map file",
        "test.csv: no column matches ons-loneliness.left-out 'How often do you feel left out?'; its answers are all 'not answered'\nhint: name its column with --column ons-loneliness.left-out=HEADER or in a --map file",
        "test.csv: no column matches ons-loneliness.isolated 'How often do you feel isolated from others?'; its answers are all 'not answered'\nhint: name its column with --column ons-loneliness.isolated=HEADER or in a --map file",
        "test.csv: ons-loneliness.lonely matches 3 columns: 2 'How often do you feel lonely?', 4 'lonely' and 5 'feel lonely'; column 4 is used and the others are kept as other columns\nhint: choose another with --column ons-loneliness.lonely=HEADER or in a --map file",
        "test.csv: no column matches swemwbs.optimistic 'optimistic'; its answers are all 'not answered'\nhint: name its column with --column swemwbs.optimistic=HEADER or in a --map file",
        "test.csv: no column matches swemwbs.useful 'useful'; its answers are all 'not answered'\nhint: name its column with --column swemwbs.useful=HEADER or in a --map file",
        "test.csv: no column matches swemwbs.relaxed 'relaxed'; its answers are all 'not answered'\nhint: name its column with --column swemwbs.relaxed=HEADER or in a --map file",
        "test.csv: no column matches swemwbs.dealing-with-problems 'dealing with problems'; its answers are all 'not answered'\nhint: name its column with --column swemwbs.dealing-with-problems=HEADER or in a --map file",
        "test.csv: no column matches swemwbs.thinking-clearly 'thinking clearly'; its answers are all 'not answered'\nhint: name its column with --column swemwbs.thinking-clearly=HEADER or in a --map file",
        "test.csv: no column matches swemwbs.close-to-others 'close to other people'; its answers are all 'not answered'\nhint: name its column with --column swemwbs.close-to-others=HEADER or in a --map file",
        "test.csv: no column matches swemwbs.own-mind 'make up my own mind'; its answers are all 'not answered'\nhint: name its column with --column swemwbs.own-mind=HEADER or in a --map file",
        "test.csv:3: the record has 3 fields but the header has 5; the missing fields are read as blank\nhint: check for an unquoted delimiter or line break in this record",
        "test.csv:4: the record has 6 fields but the header has 5; the extra fields are not read\nhint: check for an unquoted delimiter or line break in this record",
        "test.csv:4: respondent id '1' in column 1 'id' appears again (first on line 2)\nhint: if it was entered twice, remove one record before reporting; both are read",
      ]
    )
    #expect(tally(report, "ons-loneliness.lonely") == [1, 0, 0, 0, 1, 0, 0, 1, 0])
    #expect(
      report.problems.map(\.kind) == [
        .ambiguousColumn, .itemWithoutColumn, .itemWithoutColumn, .itemWithoutColumn,
        .itemInSeveralColumns,
        .itemWithoutColumn, .itemWithoutColumn, .itemWithoutColumn, .itemWithoutColumn,
        .itemWithoutColumn,
        .itemWithoutColumn, .itemWithoutColumn, .raggedRow, .raggedRow, .duplicateRespondentID,
      ]
    )
  }

  @Test func `an unrecognised answer is listed with line, column, value and nearest labels`() throws
  {
    let report = try ExportImporter.report(
      .file(
        path: examplePath("platform-exports/google-forms.csv"),
        displayName: "google-forms.csv"
      ),
      instruments: [builtIn("ons-loneliness")]
    )
    let problem = try #require(report.problems.first)
    #expect(report.problems.count == 1)
    #expect(problem.kind == .unrecognisedAnswer)
    #expect(problem.line == 23)
    #expect(problem.column == 5)
    #expect(problem.value == "Sometimes")
    #expect(
      problem.description
        == "google-forms.csv:23: unrecognised answer 'Sometimes' in column 5 'How often do you feel lonely?' (ons-loneliness.lonely): expected one of 'Often/always', 'Some of the time', 'Occasionally', 'Hardly ever' or 'Never' (codes 1–5), or 'Don't know' or 'Prefer not to say'\nhint: the answer is left missing; if it means one of the options, add it as an answer alias in an instrument extension file (Instruments/README.md says how), or recode it for this file alone with --recode \"COLUMN: TEXT=ANSWER\""
    )
    let close = try ExportImporter.report(
      .bytes(bytes("How often do you feel lonely?\nNevr\n")),
      instruments: [builtIn("ons-loneliness")]
    )
    #expect(close.problems.last?.suggestions == ["Never"])
    #expect(close.problems.last?.hint == "did you mean 'Never'?")
  }

  @Test func `duplicate ids are checked within each wave of a long file`() throws {
    let report = try ExportImporter.report(
      .file(
        path: examplePath("provider-outcomes/outcomes-long.csv"),
        displayName: "outcomes-long.csv"
      ),
      instruments: [builtIn("ons-loneliness"), builtIn("swemwbs")]
    )
    #expect(report.recordCount == 219)
    #expect(report.waveColumn == 1)
    #expect(
      report.problems.map(\.description) == [
        "outcomes-long.csv:45: respondent id 'LW-0006' with wave 'baseline' in column 1 'client_id' appears again (first on line 39)\nhint: if it was entered twice, remove one record before reporting; both are read"
      ]
    )
  }

  @Test func `cohort files give the README's tallies for ONS loneliness and ONS4`() throws {
    let intervention = try ExportImporter.report(
      .file(path: examplePath("cohort-comparison/intervention.csv")),
      instruments: [builtIn("ons-loneliness"), builtIn("ons4")]
    )
    #expect(tally(intervention, "ons-loneliness.lonely") == [18, 34, 38, 33, 25, 0, 0, 2, 0])
    let anxiety = try #require(
      intervention.items.first { $0.key.description == "ons4.anxious-yesterday" }
    )
    #expect(anxiety.counts.base == 149)
    #expect(anxiety.counts.options.reduce(0) { $0 + $1.code * $1.count } == 464)
    #expect(anxiety.match?.rule == .alias)
    let comparison = try ExportImporter.report(
      .file(path: examplePath("cohort-comparison/comparison.csv")),
      instruments: [builtIn("ons-loneliness")]
    )
    #expect(tally(comparison, "ons-loneliness.lonely") == [33, 40, 39, 31, 24, 0, 0, 3, 0])
    #expect(intervention.problems.isEmpty && comparison.problems.isEmpty)
  }

  @Test func `default instruments are those whose items match, without a subsumed one`() throws {
    let catalogue = InstrumentCatalogue.builtIn.instruments
    let platform = try ExportImporter.layout(
      of: .file(path: examplePath("platform-exports/qualtrics.csv"))
    )
    #expect(
      ExportImporter.instrumentsMatching(platform, among: catalogue).map(\.id.rawValue) == [
        "ons-loneliness", "swemwbs",
      ]
    )
    let cohort = try ExportImporter.layout(
      of: .file(path: examplePath("cohort-comparison/combined.csv"))
    )
    #expect(
      ExportImporter.instrumentsMatching(cohort, among: catalogue).map(\.id.rawValue) == [
        "ons-loneliness", "ons4",
      ]
    )
  }

  @Test func `UTF-16 exports are transcoded and say so`() throws {
    var data: [UInt8] = [0xFF, 0xFE]
    for unit in "How often do you feel lonely?;id\r\nNever;1\r\n".utf16 {
      data += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
    let report = try ExportImporter.report(.bytes(data), instruments: [builtIn("ons-loneliness")])
    #expect(report.encoding == .utf16LittleEndian)
    #expect(report.isTranscoded)
    #expect(report.delimiter == .semicolon)
    #expect(report.notices.first == "the file is UTF-16LE and was converted to UTF-8")
    #expect(tally(report, "ons-loneliness.lonely") == [0, 0, 0, 0, 1, 0, 0, 0, 0])
  }

  @Test func `a delimiter and dialect given in the options are used`() throws {
    let text = "Timestamp|How often do you feel lonely?\n2026|Never\n"
    let report = try ExportImporter.report(
      .bytes(bytes(text)),
      instruments: [builtIn("ons-loneliness")],
      options: ImportOptions(dialect: .smartSurvey, delimiter: CSVDelimiter("|"))
    )
    #expect(report.dialect == .smartSurvey)
    #expect(report.dialectDetection == .specified)
    #expect(!report.isDelimiterDetected)
    #expect(tally(report, "ons-loneliness.lonely") == [0, 0, 0, 0, 1, 0, 0, 0, 0])
  }

  @Test func `an empty file is an error`() {
    let error = #expect(throws: ImportError.self) {
      try ExportImporter.report(.bytes([]), instruments: [])
    }
    #expect(error?.kind == .noHeader)
  }
}
