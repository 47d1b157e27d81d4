import Foundation
import LonelinessCommandLine
import LonelinessToolkit
import TestSupport
import Testing

/// Every command that reads an export reads the workbooks that openpyxl and XlsxWriter wrote from
/// the example CSV files (`Scripts/workbook/workbook_fixtures.py`) with the same results as the
/// CSV files themselves; `--sheet` picks a sheet; files that are not exports are refused.
@Suite struct WorkbookCommandTests {
  static let writers = ["openpyxl", "xlsxwriter"]
  static let fixtures = "Tests/SurveyWorkbookTests/Fixtures"

  /// Each workbook layout, its CSV twin and the options a report on it needs.
  static let layouts: [(name: String, csv: String, options: [String])] = [
    ("google-forms", "Examples/platform-exports/google-forms.csv", []),
    ("microsoft-forms", "Examples/platform-exports/microsoft-forms.csv", []),
    ("qualtrics", "Examples/platform-exports/qualtrics.csv", []),
    ("smartsurvey", "Examples/platform-exports/smartsurvey.csv", []),
    ("surveymonkey", "Examples/platform-exports/surveymonkey.csv", []),
    (
      "kent-esurvey", "Examples/kent-esurvey/export.csv",
      [
        "--instruments", "Examples/kent-esurvey/kent-loneliness.json", "--by",
        "Which district do you live in?",
      ]
    ),
  ]

  static var twins: [(String, Int)] {
    writers.flatMap { writer in layouts.indices.map { (writer, $0) } }
  }

  static func workbook(_ writer: String, _ name: String) -> String {
    "\(fixtures)/workbooks/\(writer)/\(name).xlsx"
  }

  @Test(arguments: twins)
  func `inspect reads a workbook as its CSV twin`(writer: String, layout: Int) throws {
    let (name, csv, options) = Self.layouts[layout]
    let xlsx = Self.workbook(writer, name)
    let instrumentOptions = Array(options.prefix(2))
    let fromCSV = run(["inspect", csv, "--format", "json"] + instrumentOptions)
    let fromWorkbook = run(["inspect", xlsx, "--format", "json"] + instrumentOptions)
    #expect(fromWorkbook.exitCode == .success)
    #expect(fromWorkbook.errors.isEmpty)
    let lines = try recordIndexByLine(csv)
    var expected = try jsonObject(fromCSV.output)
    var actual = try jsonObject(fromWorkbook.output)
    for key in ["file", "format", "workbook", "encoding", "delimiter", "notices"] {
      expected[key] = nil
      actual[key] = nil
    }
    let csvJSON = normalised(expected, file: csv) { lines[$0] ?? -$0 }
    let workbookJSON = normalised(actual, file: xlsx) { $0 - 1 }
    #expect(text(csvJSON) == text(workbookJSON))
  }

  @Test(arguments: twins)
  func `report on a workbook is the report on its CSV twin`(writer: String, layout: Int) throws {
    let (name, csv, options) = Self.layouts[layout]
    let xlsx = Self.workbook(writer, name)
    let fromCSV = run(["report", csv, "--format", "json"] + options)
    let fromWorkbook = run(["report", xlsx, "--format", "json"] + options)
    #expect(fromWorkbook.exitCode == .success)
    #expect(fromWorkbook.errors == fromCSV.errors.replacingOccurrences(of: csv, with: xlsx))
    let lines = try recordIndexByLine(csv)
    let csvJSON = normalised(try jsonObject(fromCSV.output), file: csv) { lines[$0] ?? -$0 }
    let workbookJSON = normalised(try jsonObject(fromWorkbook.output), file: xlsx) { $0 - 1 }
    #expect(text(csvJSON) == text(workbookJSON))
  }

  @Test(arguments: twins)
  func `score gives a workbook's respondents the scores of its CSV twin`(
    writer: String,
    layout: Int
  ) throws {
    let (name, csv, options) = Self.layouts[layout]
    let instrumentOptions = Array(options.prefix(2))
    let fromCSV = run(["score", csv] + instrumentOptions)
    let fromWorkbook = run(["score", Self.workbook(writer, name)] + instrumentOptions)
    #expect(fromWorkbook.exitCode == .success)
    #expect(fromWorkbook.output.hasPrefix("\u{FEFF}"))
    let csvRows = try CSVReader(bytes: Array(fromCSV.output.utf8)).readAll()
    let workbookRows = try CSVReader(bytes: Array(fromWorkbook.output.utf8)).readAll()
    #expect(csvRows.count == workbookRows.count)
    let inputWidth = try CSVReader(contentsOfFile: packageRoot.path + "/" + csv).readAll()[0].count
    let scoreColumns = csvRows[0].count - inputWidth
    #expect(scoreColumns > 0)
    for (csvRow, workbookRow) in zip(csvRows, workbookRows) {
      #expect(Array(csvRow.suffix(scoreColumns)) == Array(workbookRow.suffix(scoreColumns)))
    }
  }

  @Test(arguments: writers)
  func `compare reads cohorts from a workbook`(writer: String) throws {
    let csv = "Examples/cohort-comparison/combined.csv"
    let xlsx = Self.workbook(writer, "cohort-combined")
    let options = ["--cohort", "group", "-i", "ons-loneliness", "-i", "ons4", "--format", "json"]
    let fromCSV = run(["compare", csv] + options)
    let fromWorkbook = run(["compare", xlsx] + options)
    #expect(fromWorkbook.exitCode == .success)
    let lines = try recordIndexByLine(csv)
    let csvJSON = normalised(try jsonObject(fromCSV.output), file: csv) { lines[$0] ?? -$0 }
    let workbookJSON = normalised(try jsonObject(fromWorkbook.output), file: xlsx) { $0 - 1 }
    #expect(text(csvJSON) == text(workbookJSON))
  }

  @Test(arguments: writers)
  func `change pairs respondents across two workbooks`(writer: String) throws {
    let baseline = "Examples/provider-outcomes/baseline.csv"
    let followup = "Examples/provider-outcomes/followup.csv"
    // The waves are named after the files, so the workbooks get the same names.
    let folder = try temporaryFolder("workbook-change")
    defer { try? FileManager.default.removeItem(at: folder) }
    for wave in ["baseline", "followup"] {
      try FileManager.default.copyItem(
        at: packageRoot.appendingPathComponent(Self.workbook(writer, "provider-\(wave)")),
        to: folder.appendingPathComponent("\(wave).xlsx")
      )
    }
    let baselineBook = folder.appendingPathComponent("baseline.xlsx").path
    let followupBook = folder.appendingPathComponent("followup.xlsx").path
    let options = [
      "--id", "client_id", "-i", "ons-loneliness", "-i", "swemwbs", "--format", "json",
    ]
    let fromCSV = run(["change", baseline, followup] + options)
    let fromWorkbook = run(["change", baselineBook, followupBook] + options)
    #expect(fromWorkbook.exitCode == .success)
    let baselineLines = try recordIndexByLine(baseline)
    let followupLines = try recordIndexByLine(followup)
    var csvJSON = normalised(try jsonObject(fromCSV.output), file: baseline) {
      baselineLines[$0] ?? -$0
    }
    csvJSON = normalised(csvJSON, file: followup) { followupLines[$0] ?? -$0 }
    var workbookJSON = normalised(try jsonObject(fromWorkbook.output), file: baselineBook) {
      $0 - 1
    }
    workbookJSON = normalised(workbookJSON, file: followupBook) { $0 - 1 }
    #expect(text(csvJSON) == text(workbookJSON))
  }

  @Test func `the Microsoft Forms example workbook reports as its CSV file does`() throws {
    let csv = "Examples/platform-exports/microsoft-forms.csv"
    let xlsx = "Examples/platform-exports/microsoft-forms.xlsx"
    let fromCSV = run(["report", csv, "--format", "json"])
    let fromWorkbook = run(["report", xlsx, "--format", "json"])
    #expect(fromWorkbook.exitCode == .success)
    #expect(fromWorkbook.errors.isEmpty)
    let lines = try recordIndexByLine(csv)
    let csvJSON = normalised(try jsonObject(fromCSV.output), file: csv) { lines[$0] ?? -$0 }
    let workbookJSON = normalised(try jsonObject(fromWorkbook.output), file: xlsx) { $0 - 1 }
    #expect(text(csvJSON) == text(workbookJSON))
  }

  @Test func `problems in a workbook are located by the sheet's row numbers`() {
    let file = "\(Self.fixtures)/workbooks/handmade/problems.xlsx"
    let result = run(["inspect", file, "-i", "ons-loneliness"])
    #expect(result.exitCode == .success)
    #expect(
      result.output.contains(
        "\n  Unrecognised answers (1)\n    \(file):5: unrecognised answer 'Sometimes' in column 2 'How often do you feel lonely?' (ons-loneliness.lonely): expected one of 'Often/always', 'Some of the time', 'Occasionally', 'Hardly ever' or 'Never' (codes 1–5), or 'Don't know' or 'Prefer not to say'\n      hint: the answer is left missing; if it means one of the options, add it as an answer alias in an instrument extension file (Instruments/README.md says how), or recode it for this file alone with --recode \"COLUMN: TEXT=ANSWER\"\n"
      )
    )
    #expect(
      result.output.contains(
        "\n  Ragged rows (1)\n    \(file):6: row 6 has values up to column 4 but the header has 2 columns; the values beyond it are not read\n      hint: give those columns a header in the sheet, or delete the stray values\n"
      )
    )
    #expect(
      result.output.contains(
        "\n  Duplicate respondent ids (1)\n    \(file):3: respondent id '1' in column 1 'id' appears again (first on row 2)\n"
      )
    )
  }

  // MARK: - Sheets

  @Test func `inspect says which sheet was read and lists the others`() {
    let result = run(["inspect", Self.workbook("xlsxwriter", "surveymonkey")])
    #expect(result.exitCode == .success)
    #expect(result.output.contains("\nFormat         Excel workbook\n"))
    #expect(
      result.output.contains("\nSheet          'Responses' (sheet 1 of 2; the first worksheet)\n")
    )
    #expect(result.output.contains("\nOther sheets   2 'Notes'; read one with --sheet\n"))
    #expect(
      result.output.contains(
        "\nDialect        SurveyMonkey (detected from headers \"Respondent ID\" and \"Collector ID\")\nHeader rows    2\nRecords        180\n"
      )
    )
  }

  @Test func `inspect JSON names the sheet read and every sheet`() throws {
    let result = run([
      "inspect", "\(Self.fixtures)/workbooks/xlsxwriter/features.xlsx", "--format", "json",
      "--sheet", "second",
    ])
    #expect(result.exitCode == .success)
    let json = try jsonObject(result.output)
    #expect(json["format"] as? String == "xlsx")
    #expect(json["encoding"] is NSNull)
    let workbook = try #require(json["workbook"] as? [String: Any])
    #expect((workbook["sheet"] as? [String: Any])?["name"] as? String == "Second")
    #expect(workbook["sheetChosenBy"] as? String == "--sheet")
    let sheets = try #require(workbook["sheets"] as? [[String: Any]])
    #expect(sheets.map { $0["name"] as? String } == ["Responses", "Second", "Hidden", "Chart"])
    #expect(
      sheets.map { $0["kind"] as? String } == ["worksheet", "worksheet", "worksheet", "chartsheet"]
    )
    #expect(sheets.map { $0["hidden"] as? Bool } == [false, false, true, false])
    #expect(json["records"] as? Int == 1)
  }

  @Test(arguments: ["Notes", "notes", "2"])
  func `--sheet reads another sheet by name or number`(sheet: String) throws {
    let result = run([
      "inspect", Self.workbook("openpyxl", "google-forms"), "--sheet", sheet, "--rows", "5",
      "--format", "json",
    ])
    #expect(result.exitCode == .success)
    #expect(result.output == "[]\n")
    let header = run([
      "inspect", Self.workbook("openpyxl", "google-forms"), "--sheet", sheet, "--format", "json",
    ])
    let columns = try #require(try jsonObject(header.output)["columns"] as? [[String: Any]])
    #expect(columns.map { $0["header"] as? String } == ["Exported from google-forms"])
  }

  @Test func `an unknown sheet is a usage error that lists the sheets`() {
    let result = run(["report", Self.workbook("xlsxwriter", "qualtrics"), "--sheet", "Responses 2"])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors
        == "error: \(Self.workbook("xlsxwriter", "qualtrics")) has no sheet 'Responses 2'; its sheets are 1 'Responses' and 2 'Notes'\nhint: did you mean --sheet 'Responses'?\n"
    )
    let number = run(["inspect", Self.workbook("xlsxwriter", "qualtrics"), "--sheet", "3"])
    #expect(number.exitCode == .usage)
    #expect(
      number.errors.hasPrefix("error: \(Self.workbook("xlsxwriter", "qualtrics")) has no sheet '3'")
    )
  }

  @Test func `a chart sheet is not read`() {
    let result = run([
      "inspect", "\(Self.fixtures)/workbooks/xlsxwriter/features.xlsx", "--sheet", "Chart",
    ])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors
        == "error: the sheet 'Chart' of \(Self.fixtures)/workbooks/xlsxwriter/features.xlsx is a chart, not a worksheet of responses; its sheets are 1 'Responses', 2 'Second', 3 'Hidden' (hidden) and 4 'Chart' (chart)\nhint: name a worksheet with --sheet NAME or --sheet NUMBER\n"
    )
  }

  @Test func `--sheet on a CSV file is a usage error`() {
    let result = run(["score", "Examples/platform-exports/qualtrics.csv", "--sheet", "1"])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors
        == "error: --sheet '1' is for Excel workbooks, but Examples/platform-exports/qualtrics.csv is a text (CSV) file\nhint: leave out --sheet for a CSV file\n"
    )
  }

  @Test func `a workbook is told by its content, not its name`() throws {
    let folder = try temporaryFolder("workbook-named-csv")
    defer { try? FileManager.default.removeItem(at: folder) }
    let renamed = folder.appendingPathComponent("export.csv")
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent(Self.workbook("openpyxl", "smartsurvey")),
      to: renamed
    )
    let result = run(["inspect", renamed.path])
    #expect(result.exitCode == .success)
    #expect(result.output.contains("\nFormat         Excel workbook\n"))
    #expect(result.output.contains("\nDialect        SmartSurvey"))
  }

  // MARK: - Refusals

  static let refusals: [(file: String, message: String, hint: String)] = [
    (
      "old-excel.xls", "the file is an Excel 97-2003 workbook (.xls), which cannot be read",
      "open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8"
    ),
    (
      "encrypted.xlsx", "the file is a password-protected (encrypted) workbook",
      "open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), and save it as Excel Workbook (.xlsx) or CSV UTF-8"
    ),
    (
      "summary.pdf", "the file is a PDF document, not a survey export",
      "download the responses from the survey platform as CSV or Excel (.xlsx); a PDF summary cannot be read"
    ),
    (
      "noise.csv", "the file holds binary data, not text or an Excel workbook",
      "give the CSV or Excel (.xlsx) file the survey platform exported; if this is a spreadsheet, open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8"
    ),
    (
      "spreadsheet.ods", "the file is an OpenDocument spreadsheet (.ods), not an Excel workbook",
      "open it in LibreOffice Calc or Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As)"
    ),
    (
      "spreadsheet.numbers", "the file is an Apple Numbers spreadsheet, not an Excel workbook",
      "in Numbers choose File > Export To > Excel (.xlsx) or CSV"
    ),
    (
      "binary-workbook.xlsb", "the file is an Excel binary workbook (.xlsb), which cannot be read",
      "open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8"
    ),
    (
      "no-workbook.zip",
      "the file is a ZIP archive but holds no Excel workbook (no 'xl/workbook.xml')",
      "if the survey platform sent a ZIP of exports, unzip it and give the .xlsx or .csv file inside"
    ),
    (
      "truncated.xlsx",
      "the workbook is truncated: it ends inside the archive entry 'xl/worksheets/sheet1.xml', and the directory at its end is missing",
      "download or save the workbook again; the file was cut short"
    ),
    (
      "bad-crc.xlsx",
      "the archive entry 'xl/worksheets/sheet1.xml' is damaged: its CRC-32 is 0xd74c4449 but the archive records 0x8d161e13",
      "download or save the workbook again; if Excel cannot open it either, the file is damaged"
    ),
    (
      "size-mismatch.xlsx",
      "the sizes or checksum of the archive entry 'xl/worksheets/sheet1.xml' disagree: the local header records 568 bytes (249 compressed), the central directory 468 bytes (249 compressed)",
      "download or save the workbook again; if Excel cannot open it either, the file is damaged"
    ),
    (
      "expands-past-size.xlsx",
      "the archive entry 'xl/worksheets/sheet1.xml' expands past the 428 bytes the archive records for it",
      "download or save the workbook again; if Excel cannot open it either, the file is damaged"
    ),
    (
      "zip-bomb.xlsx",
      "the archive entry 'xl/worksheets/sheet1.xml' would expand from 212 bytes to 5,000,000,000 bytes, more than 100 times its size and more than 1 GiB (a \"ZIP bomb\")",
      "a workbook saved by Excel or a survey platform never does this; open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8"
    ),
    (
      "column-beyond-xfd.xlsx",
      "in the sheet 'Data' (xl/worksheets/sheet1.xml), row 1: the cell reference 'XFE1' is beyond column XFD",
      "open the workbook in Excel and save it again, or save it as CSV UTF-8"
    ),
    (
      "row-beyond-grid.xlsx",
      "in the sheet 'Data' (xl/worksheets/sheet1.xml), row 1: 'A99999999999' is not a cell reference within column XFD and row 1048576",
      "open the workbook in Excel and save it again, or save it as CSV UTF-8"
    ),
    (
      "unknown-shared-string.xlsx",
      "in the sheet 'Data' (xl/worksheets/sheet1.xml), row 1: a cell refers to shared string '7' but the table has 1",
      "open the workbook in Excel and save it again, or save it as CSV UTF-8"
    ),
  ]

  @Test(arguments: refusals.indices)
  func `a file that cannot be read as an export exits 65 with advice`(index: Int) {
    let (file, message, hint) = Self.refusals[index]
    let path = "\(Self.fixtures)/hostile/\(file)"
    for command in ["inspect", "report", "score"] {
      let result = run([command, path, "-i", "ons-loneliness"])
      #expect(result.exitCode == .dataError, "\(command) \(file)")
      #expect(result.output.isEmpty)
      #expect(result.errors == "\(path): error: \(message)\nhint: \(hint)\n", "\(command) \(file)")
    }
  }

  @Test func `capture refuses to append to a workbook and leaves it unchanged`() throws {
    let folder = try temporaryFolder("workbook-capture")
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("responses.xlsx")
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent(Self.workbook("xlsxwriter", "kent-esurvey")),
      to: target
    )
    let before = try Data(contentsOf: target)
    let result = run(["capture", "-i", "ons-loneliness", "--to", target.path])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors
        == "error: '\(target.path)' is an Excel workbook or another ZIP archive, and captures are appended to a CSV file\nhint: capture into a new .csv file, or into one an earlier capture made; '\(target.path)' was not changed\n"
    )
    #expect(try Data(contentsOf: target) == before)
  }

  @Test func `a workbook is never read as Windows-1252 text`() {
    let result = run(["report", Self.workbook("openpyxl", "microsoft-forms")])
    #expect(result.exitCode == .success)
    #expect(
      result.output.contains(
        "Source: \(Self.workbook("openpyxl", "microsoft-forms")); 180 rows read."
      )
    )
  }
}

// MARK: - Helpers

/// The index of each record (0 for the first header row) by the CSV line it starts on.
func recordIndexByLine(_ relativePath: String) throws -> [Int: Int] {
  var result: [Int: Int] = [:]
  try CSVReader(contentsOfFile: packageRoot.path + "/" + relativePath).forEachRecord { record in
    result[record.lineNumber] = record.index
  }
  return result
}

func jsonObject(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

func text(_ value: Any) -> String {
  guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else {
    return "\(value)"
  }
  return String(decoding: data, as: UTF8.self)
}

/// `value` with `file` replaced by `FILE` in every string, and line or row numbers (under the
/// keys `line` and `lines`, and in `FILE:N`) replaced by the record index `index` gives.
func normalised(_ value: Any, file: String, index: (Int) -> Int) -> Any {
  func walk(_ value: Any, key: String?) -> Any {
    if let object = value as? [String: Any] {
      return object.reduce(into: [String: Any]()) { result, member in
        result[member.key] = walk(member.value, key: member.key)
      }
    }
    if let array = value as? [Any] {
      return array.map { walk($0, key: key) }
    }
    if let number = value as? Int, key == "line" || key == "lines" {
      return index(number)
    }
    if let string = value as? String, string.contains(file) {
      var replaced = string.replacingOccurrences(of: file, with: "FILE")
      if let colon = replaced.lastIndex(of: ":"), replaced.hasPrefix("FILE:"),
        let number = Int(replaced[replaced.index(after: colon)...])
      {
        replaced = "FILE:\(index(number))"
      }
      return replaced
    }
    return value
  }
  return walk(value, key: nil)
}
