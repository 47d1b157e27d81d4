import SurveyCapture
import TestSupport
import Testing

@Suite struct ExportDialectTests {
  @Test(arguments: [
    ("Respondent ID,Collector ID,Q\n,,Response\n1,2,x\n", ExportDialect.surveyMonkey, 2),
    (
      "StartDate,ResponseId,Q1\nStart Date,Response ID,Q\n\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n",
      .qualtrics, 3
    ),
    ("StartDate,ResponseId,Q1\nStart Date,Response ID,Question\n1,2,3\n", .qualtrics, 2),
    ("ID,Start time,Completion time,Email,Name,Q\n1,a,b,c,d,e\n", .microsoftForms, 1),
    ("Timestamp,Q\na,b\n", .googleForms, 1),
    ("UserNo,Name,Started,Ended,Q\n1,,a,b,c\n", .smartSurvey, 1),
    ("Response ID,Start date,Completion date,1. Q\n1,a,b,c\n", .jisc, 1),
    ("respondent_id,Q\n1,2\n", .generic, 1),
  ])
  func `each dialect is detected from its headers`(
    text: String,
    dialect: ExportDialect,
    headerRows: Int
  ) throws {
    let layout = try ExportImporter.layout(of: .bytes(Array(text.utf8)))
    #expect(layout.dialect == dialect)
    #expect(layout.headerRowCount == headerRows)
    if dialect == .generic {
      #expect(layout.dialectDetection == .noSignature)
    } else {
      guard case .signature = layout.dialectDetection else {
        Issue.record("expected a signature, got \(layout.dialectDetection)")
        return
      }
    }
  }

  @Test func `headers fitting two platforms are read as generic and say so`() throws {
    let layout = try ExportImporter.layout(
      of: .bytes(Array("Timestamp,UserNo,Started\n1,2,3\n".utf8))
    )
    #expect(layout.dialect == .generic)
    #expect(
      layout.dialectDetection.description
        == "the headers fit Google Forms and SmartSurvey, so read as generic; choose one with --from"
    )
  }

  @Test(arguments: [
    ("surveymonkey", ExportDialect.surveyMonkey), ("Microsoft Forms", .microsoftForms),
    ("msforms", .microsoftForms),
    ("google", .googleForms), ("SmartSurvey", .smartSurvey), ("JISC Online Surveys", .jisc),
    ("qualtrics", .qualtrics),
  ])
  func `dialects are found by name`(name: String, dialect: ExportDialect) {
    #expect(ExportDialect(named: name) == dialect)
  }

  @Test func `SurveyMonkey's two header rows are combined, carrying the grid question forward`()
    throws
  {
    let layout = try ExportImporter.layout(
      of: .file(path: examplePath("platform-exports/surveymonkey.csv"))
    )
    let names = layout.headers.map(\.name)
    #expect(names[12] == "How often do you feel\u{A0}lonely?")
    #expect(names[14] == "Wellbeing (SWEMWBS) - Useful")
    #expect(layout.headers[14].itemPart == "Useful")
    #expect(names[29] == "Is there anything else you would like to tell us?")
  }

  @Test func `Qualtrics headers keep the id, the question text and the ImportId`() throws {
    let layout = try ExportImporter.layout(
      of: .file(path: examplePath("platform-exports/qualtrics.csv"))
    )
    let header = layout.headers[21]
    #expect(header.name == "Q5_1")
    #expect(header.question == "Wellbeing (SWEMWBS) - Optimistic")
    #expect(header.itemPart == "Optimistic")
    #expect(header.importID == "QID5_1")
  }
}
