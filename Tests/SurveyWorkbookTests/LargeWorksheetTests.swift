import Foundation
import SurveyCSV
import SurveyWorkbook
import Testing

/// A worksheet large enough to be read on a second thread, built in memory: every row arrives,
/// in order; stopping early, a failing caller and a damaged row all end the read cleanly.
@Suite struct LargeWorksheetTests {
  static let rowCount = 12_000

  /// The workbook, built once (its sheet is about 5 MB, over the size read on a second thread).
  static let whole = workbook()

  /// The text of the cell in `column` of data row `row`.
  static func cell(_ row: Int, _ column: Int) -> String {
    switch column {
    case 0: String(row)
    case 1: ["Often", "Some of the time", "Hardly ever or never"][row % 3]
    case 2: row % 7 == 0 ? "" : "answer \(row * 31 % 997) & more"
    default: String(row * column % 10)
    }
  }

  /// A stored (uncompressed) workbook whose sheet holds `rowCount` rows of 12 cells; the row
  /// numbered `damaged`, if given, says it is row 1, out of order.
  static func workbook(damaging damaged: Int? = nil) -> [UInt8] {
    var sheet = Array(
      "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        .utf8
    )
    for row in 1...rowCount {
      sheet += Array("<row r=\"\(row == damaged ? 1 : row)\">".utf8)
      for column in 0..<12 {
        let text = cell(row, column)
        guard !text.isEmpty else { continue }
        let reference = String(UnicodeScalar(UInt8(65 + column))) + String(row)
        if column == 0 || column >= 3 {
          sheet += Array("<c r=\"\(reference)\"><v>\(text)</v></c>".utf8)
        } else {
          let escaped = text.replacingOccurrences(of: "&", with: "&amp;")
          sheet += Array(
            "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escaped)</t></is></c>".utf8
          )
        }
      }
      sheet += Array("</row>".utf8)
    }
    sheet += Array("</sheetData></worksheet>".utf8)
    let workbookXML = Array(
      "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Big\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
        .utf8
    )
    return storedZip([("xl/workbook.xml", workbookXML), ("xl/worksheets/sheet1.xml", sheet)])
  }

  @Test func `every row of a large sheet arrives in order`() throws {
    let workbook = try Workbook(bytes: Self.whole)
    let sheet = try #require(workbook.defaultSheet)
    var count = 0
    var mismatches = 0
    try workbook.records(of: sheet, minimumFieldCount: 12).forEachRecord { record in
      count += 1
      #expect(record.index == count - 1)
      #expect(record.lineNumber == count)
      #expect(record.count == 12)
      for column in 0..<12 where record.string(at: column) != Self.cell(count, column) {
        mismatches += 1
      }
    }
    #expect(count == Self.rowCount)
    #expect(mismatches == 0)
  }

  @Test(arguments: [1, 64, 65, 5_000, 11_999])
  func `stopping early ends the read`(stopAfter: Int) throws {
    let workbook = try Workbook(bytes: Self.whole)
    let sheet = try #require(workbook.defaultSheet)
    var count = 0
    try workbook.records(of: sheet).readRecords { _ in
      count += 1
      return count < stopAfter
    }
    #expect(count == stopAfter)
  }

  @Test func `many reads at once all finish`() async throws {
    let workbook = try Workbook(bytes: Self.whole)
    let sheet = try #require(workbook.defaultSheet)
    let counts = try await withThrowingTaskGroup(of: Int.self) { group in
      for reader in 0..<6 {
        group.addTask {
          var count = 0
          try workbook.records(of: sheet).readRecords { _ in
            count += 1
            return reader % 2 == 0 || count < 3_000
          }
          return count
        }
      }
      var counts: [Int] = []
      for try await count in group { counts.append(count) }
      return counts.sorted()
    }
    #expect(counts == [3_000, 3_000, 3_000, Self.rowCount, Self.rowCount, Self.rowCount])
  }

  struct Stop: Error {}

  @Test func `an error thrown by the caller ends the read`() throws {
    let workbook = try Workbook(bytes: Self.whole)
    let sheet = try #require(workbook.defaultSheet)
    var count = 0
    #expect(throws: Stop.self) {
      try workbook.records(of: sheet).forEachRecord { _ in
        count += 1
        if count == 10_000 { throw Stop() }
      }
    }
    #expect(count == 10_000)
  }

  @Test func `a damaged row far into the sheet fails with its row`() throws {
    let workbook = try Workbook(bytes: Self.workbook(damaging: 10_000))
    let sheet = try #require(workbook.defaultSheet)
    var count = 0
    let error = #expect(throws: WorkbookError.self) {
      try workbook.records(of: sheet).forEachRecord { _ in count += 1 }
    }
    #expect(count == 9_999)
    #expect(
      error?.message
        == "in the sheet 'Big' (xl/worksheets/sheet1.xml): row 1 comes after row 9999; rows must be in order"
    )
  }
}

/// A ZIP archive of stored entries.
func storedZip(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
  func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
  func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16 & 0xFFFF) }
  var archive: [UInt8] = []
  var directory: [UInt8] = []
  for (name, data) in entries {
    let offset = archive.count
    let crc = Int(tableCRC32(data))
    let nameBytes = Array(name.utf8)
    let common =
      le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc) + le32(data.count)
      + le32(data.count) + le16(nameBytes.count) + le16(0)
    archive += le32(0x0403_4B50) + common + nameBytes + data
    directory +=
      le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0)
      + le32(offset) + nameBytes
  }
  let directoryOffset = archive.count
  archive += directory
  archive +=
    le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
    + le32(directory.count) + le32(directoryOffset) + le16(0)
  return archive
}

/// The CRC-32 of ZIP, with a byte table (independent of the reader's).
func tableCRC32(_ bytes: [UInt8]) -> UInt32 {
  var table = [UInt32](repeating: 0, count: 256)
  for index in 0..<256 {
    var crc = UInt32(index)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    table[index] = crc
  }
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes { crc = (crc >> 8) ^ table[Int((crc ^ UInt32(byte)) & 0xFF)] }
  return crc ^ 0xFFFF_FFFF
}
