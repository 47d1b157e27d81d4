import Foundation
import SurveyCSV
import SurveyWorkbook
import Testing

/// Workbooks written by openpyxl, by XlsxWriter and by hand (`Scripts/workbook/
/// workbook_fixtures.py`), read cell by cell against the texts the script worked out in Python.
@Suite struct WorkbookFixtureTests {
  struct Expectation: Decodable {
    var sheets: [[Field]]
    var rows: [String: [[Field]]]
    var date1904: Bool
  }

  /// A JSON value that is a string, a number, a boolean or an array of strings.
  enum Field: Decodable, Equatable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case texts([String])

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Int.self) {
        self = .number(number)
      } else if let flag = try? container.decode(Bool.self) {
        self = .flag(flag)
      } else if let text = try? container.decode(String.self) {
        self = .text(text)
      } else {
        self = .texts(try container.decode([String].self))
      }
    }
  }

  static let workbooks = [
    "openpyxl/features", "openpyxl/features-1904", "xlsxwriter/features",
    "xlsxwriter/features-1904", "xlsxwriter/features-inline", "handmade/cells",
    "handmade/prefixed", "handmade/date1904", "handmade/data-descriptors", "handmade/stored",
    "handmade/zip64", "handmade/comment", "handmade/problems",
  ]

  @Test(arguments: workbooks)
  func `every cell reads as the text the script expects`(name: String) throws {
    let bytes = try fixture("workbooks/\(name).xlsx")
    let expectation = try JSONDecoder().decode(
      Expectation.self,
      from: Data(try fixture("workbooks/\(name).expected.json"))
    )
    let workbook = try Workbook(bytes: bytes)
    #expect(workbook.usesDate1904 == expectation.date1904)
    #expect(workbook.sheets.count == expectation.sheets.count)
    for (sheet, expected) in zip(workbook.sheets, expectation.sheets) {
      #expect(expected == [.text(sheet.name), .text(kind(sheet)), .flag(sheet.isHidden)])
    }
    for sheet in workbook.sheets where sheet.kind == .worksheet {
      let expectedRows = try #require(expectation.rows[sheet.name])
      var rows: [[Field]] = []
      try workbook.records(of: sheet).forEachRecord { record in
        rows.append([.number(record.lineNumber), .texts(record.strings())])
      }
      #expect(rows.count == expectedRows.count, "sheet \(sheet.name)")
      for (actual, expected) in zip(rows, expectedRows) where actual != expected {
        Issue.record("sheet \(sheet.name): read \(actual), expected \(expected)")
      }
    }
  }

  private func kind(_ sheet: Workbook.Sheet) -> String {
    switch sheet.kind {
    case .worksheet: "worksheet"
    case .chartsheet: "chartsheet"
    case .other: "other"
    }
  }

  @Test func `the first visible worksheet is read by default`() throws {
    let workbook = try Workbook(bytes: try fixture("workbooks/xlsxwriter/features.xlsx"))
    #expect(workbook.defaultSheet?.name == "Responses")
    #expect(workbook.sheet(matching: "second")?.name == "Second")
    #expect(workbook.sheet(matching: "2")?.name == "Second")
    #expect(workbook.sheet(matching: "4")?.kind == .chartsheet)
    #expect(workbook.sheet(matching: "5") == nil)
    #expect(workbook.sheet(matching: "Third") == nil)
    let chart = try #require(workbook.sheet(matching: "Chart"))
    let error = #expect(throws: WorkbookError.self) { try workbook.records(of: chart) }
    #expect(error?.message == "the sheet 'Chart' is a chart sheet, not a worksheet of cells")
  }

  @Test func `rows are padded to the minimum field count, and reading can stop early`() throws {
    let workbook = try Workbook(bytes: try fixture("workbooks/handmade/stored.xlsx"))
    let sheet = try #require(workbook.defaultSheet)
    var counts: [Int] = []
    try workbook.records(of: sheet, minimumFieldCount: 5).readRecords { record in
      counts.append(record.count)
      let isLastEmpty = record.isEmpty(at: 4)
      #expect(isLastEmpty)
      return false
    }
    #expect(counts == [5])
  }

  @Test func `the one entry point for raw bytes reads the default sheet`() throws {
    let rows = try Workbook.rowsOfDefaultSheet(in: try fixture("workbooks/handmade/zip64.xlsx"))
    #expect(rows == [["id", "answer"], ["1", "Often"]])
  }
}
