import Foundation
import SurveyCapture
import TestSupport
import Testing

/// Exports in the layouts the platforms really write.
///
/// The files are exports copied from other projects, and small files of this project's own
/// written to the layout facts of real exports that could not be copied. The README beside each
/// file gives its source, its licence and the facts it shows; the values these tests expect are
/// those facts.
@Suite struct RealExportTests {
  private func path(_ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/SurveyCaptureTests/Fixtures/real-exports/\(name)")
      .path
  }

  private func layout(_ file: String, from dialect: ExportDialect? = nil) throws -> ExportLayout {
    try ExportImporter.layout(
      of: .file(path: path(file), displayName: file),
      options: ImportOptions(dialect: dialect)
    )
  }

  /// How many respondents ticked each option of `question`, read from the table's columns the
  /// way a report reads them.
  private func tickCounts(_ question: MultiSelectQuestion, in table: ResponseTable) -> [String: Int]
  {
    let rows = 0..<table.count
    let answers: MultiSelectAnswers
    switch question.layout {
    case .optionColumns(let columns):
      let cells = columns.map { column in
        table.attribute(named: column.header).map { attribute in rows.map(attribute.value(at:)) }
          ?? []
      }
      answers = MultiSelectAnswers(optionCells: cells, options: columns.map(\.option))
    case .joined(let header):
      let cells = table.attribute(named: header).map { column in rows.map(column.value(at:)) }
      answers = MultiSelectAnswers(joinedCells: cells ?? [])
    }
    var counts: [String: Int] = [:]
    for chosen in answers.ticked {
      for option in chosen { counts[answers.options[option], default: 0] += 1 }
    }
    return counts
  }

  private static let usedQuestion = "Which of these have you used in the last year?"

  // MARK: Qualtrics

  @Test(arguments: [("qualtrics/sample.csv", 3), ("qualtrics/sample_legacy.csv", 2)])
  func `Qualtrics exports, current and legacy, are recognised with their header rows`(
    file: String,
    headerRows: Int
  ) throws {
    let layout = try layout(file)
    #expect(layout.dialect == .qualtrics)
    #expect(layout.headerRowCount == headerRows)
    let q1 = try #require(layout.headers.first { $0.name == "Q1" })
    #expect(q1.question == "This is a multiple choice question.")
    let result = try ExportImporter.read(layout, instruments: [])
    #expect(result.table.count == 1, "the question-text row is a header, not a respondent")
    let idColumn = try #require(result.report.respondentIDColumn)
    #expect(["ResponseID", "ResponseId"].contains(layout.headers[idColumn].name))
  }

  @Test(arguments: [
    ("qualtrics/datatable-numeric-split.csv", 3, "ResponseId", 4),
    ("qualtrics/insights-2016-split.csv", 3, "ResponseID", 3),
    ("qualtrics/legacy-split.csv", 2, "ResponseID", 3),
  ])
  func `Qualtrics split multi-select columns are found in the 2017, 2016 and legacy layouts`(
    file: String,
    headerRows: Int,
    idHeader: String,
    records: Int
  ) throws {
    let layout = try layout(file)
    #expect(layout.dialect == .qualtrics)
    #expect(layout.headerRowCount == headerRows)
    let q1 = try #require(layout.headers.first { $0.name == "Q1" })
    #expect(q1.question == "How often do you feel lonely?")
    #expect(q1.itemPart == nil)

    let result = try ExportImporter.read(layout, instruments: [])
    #expect(result.table.count == records)
    let idColumn = try #require(result.report.respondentIDColumn)
    #expect(layout.headers[idColumn].name == idHeader)

    let question = try #require(MultiSelectQuestion.locate(Self.usedQuestion, in: layout.headers))
    #expect(question.title == Self.usedQuestion)
    #expect(question.headers == ["Q3_1", "Q3_2", "Q3_3", "Q3_4"])
    guard case .optionColumns(let columns) = question.layout else {
      Issue.record("expected option columns, got \(question.layout)")
      return
    }
    #expect(columns.map(\.option) == ["Library", "Community centre", "Faith group", "Other"])
    #expect(MultiSelectQuestion.locate("Q3", in: layout.headers) == question)
    #expect(
      tickCounts(question, in: result.table)
        == ["Library": 2, "Community centre": 1, "Faith group": 1, "Other": 1]
    )
  }

  @Test func `Qualtrics' Selected Choice label is not part of the question`() throws {
    let layout = try layout("qualtrics/datatable-numeric-split.csv")
    let q2 = try #require(layout.headers.first { $0.name == "Q2" })
    #expect(q2.rows[1] == "How did you hear about this survey? - Selected Choice")
    #expect(q2.question == "How did you hear about this survey?")
    #expect(q2.itemPart == nil)
    #expect(q2.importID == "QID2")
    let library = try #require(layout.headers.first { $0.name == "Q3_1" })
    #expect(library.question == "Which of these have you used in the last year? - Library")
    #expect(library.importID == "QID3", "the choice is a separate member of the ImportId cell")
  }

  @Test func `the 2016 Qualtrics export is recognised by its single-quoted ImportId row`() throws {
    let layout = try layout("qualtrics/insights-2016-split.csv")
    #expect(layout.dialectDetection == .signature("the ImportId cells of header row 3"))
    #expect(layout.headers.first { $0.name == "Q3_1" }?.importID == "QID3-1")
    #expect(layout.headers.first { $0.name == "Q3_4_TEXT" }?.itemPart == nil)
  }

  @Test func `a hyphen inside a legacy Qualtrics question is not taken for the option's`() throws {
    let text = """
      V1,V2,V3,Q5_1,Q5_2,Q6_1
      ResponseID,ResponseSet,Name,Well-being-Self-care,Well-being-Sleep,Anti-social
      R_1,Default Response Set,Anonymous,1,,1

      """
    let layout = try ExportImporter.layout(of: .bytes(Array(text.utf8), name: "legacy.csv"))
    #expect(layout.dialect == .qualtrics)
    #expect(layout.headers.map(\.itemPart) == [nil, nil, nil, "Self-care", "Sleep", nil])
    let question = try #require(MultiSelectQuestion.locate("Well-being", in: layout.headers))
    #expect(question.headers == ["Q5_1", "Q5_2"])
  }

  // MARK: SurveyMonkey

  @Test func `SurveyMonkey's expanded export: two header rows, one column per option`() throws {
    let layout = try layout("surveymonkey/expanded.csv")
    #expect(layout.dialect == .surveyMonkey)
    #expect(layout.headerRowCount == 2)
    let names = layout.headers.map(\.name)
    #expect(names[9] == "How often do you feel lonely?")
    #expect(names[14] == "How did you hear about this survey?")
    #expect(names[15] == "How did you hear about this survey? - Other (please specify)")
    #expect(names[16] == "Where do you live? - City/Town")
    #expect(names[18] == "Is there anything else you would like to tell us?")

    let result = try ExportImporter.read(layout, instruments: [])
    #expect(result.table.count == 3)
    let idColumn = try #require(result.report.respondentIDColumn)
    #expect(names[idColumn] == "Respondent ID")

    let title = Self.usedQuestion + " (Select all that apply.)"
    let question = try #require(MultiSelectQuestion.locate(title, in: layout.headers))
    guard case .optionColumns(let columns) = question.layout else {
      Issue.record("expected option columns, got \(question.layout)")
      return
    }
    #expect(
      columns.map(\.option) == [
        "Library", "Community centre", "Faith group", "Other (please specify)",
      ]
    )
    #expect(
      tickCounts(question, in: result.table)
        == ["Library": 2, "Community centre": 1, "Faith group": 1, "Other (please specify)": 1]
    )
  }

  @Test func `a SurveyMonkey export left with only Respondent ID is known by its second row`()
    throws
  {
    let layout = try layout("surveymonkey/respondent-id-only.csv")
    #expect(layout.dialect == .surveyMonkey)
    #expect(
      layout.dialectDetection
        == .signature("the header \"Respondent ID\" and \"Response\" cells in header row 2")
    )
    #expect(layout.headerRowCount == 2)
    #expect(
      layout.headers.map(\.name) == [
        "Respondent ID", "Where do you live? - City/Town", "Where do you live? - Country",
        "How often do you feel lonely?",
      ]
    )
    let result = try ExportImporter.read(layout, instruments: [])
    #expect(result.table.count == 2)
    #expect(result.report.respondentIDColumn == 0)
  }

  // MARK: Microsoft Forms and Google Forms

  @Test func `Microsoft Forms saved as CSV: options joined by semicolons`() throws {
    let layout = try layout("microsoft-forms/saved-as-csv.csv")
    #expect(layout.dialect == .microsoftForms)
    #expect(layout.headerRowCount == 1)
    #expect(layout.headers[5].name == "Last modified time")
    let result = try ExportImporter.read(layout, instruments: [])
    #expect(result.table.count == 3)
    let idColumn = try #require(result.report.respondentIDColumn)
    #expect(layout.headers[idColumn].name == "ID")
    let question = try #require(MultiSelectQuestion.locate(Self.usedQuestion, in: layout.headers))
    #expect(question.layout == .joined(header: Self.usedQuestion))
    #expect(
      tickCounts(question, in: result.table)
        == ["Library": 2, "Faith group": 1, "Allotment": 1, "Community centre": 1]
    )
  }

  @Test func `Google Forms responses: every field quoted, options joined by comma and space`()
    throws
  {
    let layout = try layout("google-forms/responses.csv")
    #expect(layout.dialect == .googleForms)
    #expect(layout.headerRowCount == 1)
    #expect(layout.headers[4].itemPart == "Optimistic")
    let result = try ExportImporter.read(layout, instruments: [])
    #expect(result.table.count == 3)
    #expect(result.report.respondentIDColumn == nil, "a Google Forms export has no respondent id")
    let question = try #require(MultiSelectQuestion.locate(Self.usedQuestion, in: layout.headers))
    #expect(question.layout == .joined(header: Self.usedQuestion))
    #expect(
      tickCounts(question, in: result.table)
        == ["Library": 2, "Faith group": 1, "Arts, crafts or music": 2, "Community centre": 1]
    )
  }

  // MARK: Naming the platform

  @Test(arguments: [
    ("qualtrics/insights-2016-split.csv", ExportDialect.qualtrics, 3),
    ("surveymonkey/respondent-id-only.csv", .surveyMonkey, 2),
    ("microsoft-forms/saved-as-csv.csv", .microsoftForms, 1),
  ])
  func `--from gives the layout detection finds`(
    file: String,
    dialect: ExportDialect,
    headerRows: Int
  ) throws {
    let detected = try layout(file)
    let named = try layout(file, from: dialect)
    #expect(named.dialectDetection == .specified)
    #expect(named.headerRowCount == headerRows)
    #expect(named.headers == detected.headers)
  }
}
