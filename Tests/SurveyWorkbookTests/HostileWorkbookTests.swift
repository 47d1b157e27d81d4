import Foundation
import SurveyWorkbook
import TestSupport
import Testing

/// Damaged and hostile archives, and files that are not workbooks: each gives a `WorkbookError`
/// naming what is wrong, never a crash. (The command-line tests pin the full messages.)
@Suite struct HostileWorkbookTests {
  static let cases: [(file: String, kind: WorkbookError.Kind, entry: String?)] = [
    ("truncated.xlsx", .damagedArchive, "xl/worksheets/sheet1.xml"),
    ("bad-crc.xlsx", .damagedArchive, "xl/worksheets/sheet1.xml"),
    ("size-mismatch.xlsx", .damagedArchive, "xl/worksheets/sheet1.xml"),
    ("expands-past-size.xlsx", .damagedArchive, "xl/worksheets/sheet1.xml"),
    ("zip-bomb.xlsx", .limitExceeded, "xl/worksheets/sheet1.xml"),
    ("no-workbook.zip", .unsupportedFormat, nil),
    ("spreadsheet.ods", .unsupportedFormat, nil),
    ("spreadsheet.numbers", .unsupportedFormat, nil),
    ("binary-workbook.xlsb", .unsupportedFormat, nil),
    ("column-beyond-xfd.xlsx", .invalidSpreadsheet, "xl/worksheets/sheet1.xml"),
    ("row-beyond-grid.xlsx", .invalidSpreadsheet, "xl/worksheets/sheet1.xml"),
    ("rows-out-of-order.xlsx", .invalidSpreadsheet, "xl/worksheets/sheet1.xml"),
    ("unknown-shared-string.xlsx", .invalidSpreadsheet, "xl/worksheets/sheet1.xml"),
    ("malformed-xml.xlsx", .invalidSpreadsheet, "xl/worksheets/sheet1.xml"),
  ]

  @Test(arguments: cases.indices)
  func `a damaged or foreign archive gives a located error`(index: Int) throws {
    let (file, kind, entry) = Self.cases[index]
    let bytes = try fixture("hostile/\(file)")
    #expect(FileContentKind(leadingBytes: bytes) == .zipArchive)
    let error = #expect(throws: WorkbookError.self) {
      _ = try Workbook.rowsOfDefaultSheet(in: bytes)
    }
    #expect(error?.kind == kind, "\(file): \(error?.description ?? "")")
    #expect(error?.entry == entry, "\(file)")
    if let entry { #expect(error?.message.contains(entry) == true, "\(file)") }
    #expect(error?.hint != nil)
  }

  @Test(arguments: [
    (
      "old-excel.xls", FileContentKind.compoundDocument,
      "the file is an Excel 97-2003 workbook (.xls), which cannot be read"
    ),
    ("encrypted.xlsx", .compoundDocument, "the file is a password-protected (encrypted) workbook"),
    ("summary.pdf", .pdf, "the file is a PDF document, not a survey export"),
    ("noise.csv", .binary, "the file holds binary data, not text or an Excel workbook"),
  ])
  func `a file that is not text is refused by its content`(
    file: String,
    kind: FileContentKind,
    message: String
  ) throws {
    let bytes = try fixture("hostile/\(file)")
    #expect(FileContentKind(leadingBytes: bytes) == kind)
    #expect(kind.refusal(fileBytes: bytes)?.message == message)
  }

  @Test func `text is text: UTF-8, Windows-1252 and UTF-16 without a byte order mark`() {
    let csv = "id,answer\n1,Often\n2,Caf\u{E9} \u{2013} \u{1F600}\n"
    #expect(FileContentKind(leadingBytes: Array(csv.utf8)) == .text)
    #expect(FileContentKind(leadingBytes: [0x61, 0x2C, 0x92, 0xA3, 0x0D, 0x0A]) == .text)
    let utf16 = Array(csv.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(FileContentKind(leadingBytes: utf16) == .text)
    #expect(FileContentKind(leadingBytes: []) == .text)
    #expect(FileContentKind(leadingBytes: [0, 0, 0, 0, 1, 2, 3]) == .binary)
  }

  @Test func `limits are enforced: expansion, entries, row size`() throws {
    let bytes = try fixture("workbooks/xlsxwriter/kent-esurvey.xlsx")
    var limits = WorkbookLimits.standard
    limits.expansionAllowance = 10_000
    limits.maximumExpansionRatio = 2
    var error = #expect(throws: WorkbookError.self) {
      _ = try Workbook.rowsOfDefaultSheet(in: bytes, limits: limits)
    }
    #expect(error?.kind == .limitExceeded)
    limits = .standard
    limits.maximumEntryCount = 3
    error = #expect(throws: WorkbookError.self) {
      _ = try Workbook.rowsOfDefaultSheet(in: bytes, limits: limits)
    }
    #expect(error?.kind == .limitExceeded)
    limits = .standard
    limits.maximumRowSize = 100
    error = #expect(throws: WorkbookError.self) {
      _ = try Workbook.rowsOfDefaultSheet(in: bytes, limits: limits)
    }
    #expect(error?.kind == .limitExceeded)
    #expect(error?.row == 1)
  }

  @Test func `no prefix and no damaged byte of a workbook makes the reader trap`() throws {
    let bytes = try fixture("workbooks/handmade/cells.xlsx")
    for length in stride(from: 0, to: bytes.count, by: 3) {
      _ = try? Workbook.rowsOfDefaultSheet(in: Array(bytes[0..<length]))
    }
    var generator = SeededGenerator(seed: 20_260_402)
    for _ in 0..<2000 {
      var damaged = bytes
      for _ in 0..<3 {
        let offset = Int(generator.next() % UInt64(damaged.count))
        damaged[offset] = UInt8(truncatingIfNeeded: generator.next())
      }
      _ = try? Workbook.rowsOfDefaultSheet(in: damaged)
    }
  }
}
