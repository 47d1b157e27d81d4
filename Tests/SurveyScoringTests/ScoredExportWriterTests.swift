import Foundation
import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPlatform
import SurveyScoring
import TestSupport
import Testing

@Suite struct ScoredExportWriterTests {
  func writer(_ format: ScoredExportFormat) throws -> ScoredExportWriter {
    let path = examplePath("platform-exports/surveymonkey.csv")
    let instruments = [try builtIn("ons-loneliness"), try builtIn("swemwbs")]
    let layout = try ExportImporter.layout(
      of: .file(path: path, displayName: "surveymonkey.csv"),
      options: ImportOptions(attributes: .none)
    )
    let result = try ExportImporter.read(
      layout,
      instruments: instruments,
      options: ImportOptions(attributes: .none)
    )
    return ScoredExportWriter(
      layout: layout,
      headerRowCount: result.headerRowCount,
      scored: Scorer.score(result.table),
      format: format
    )
  }

  @Test(arguments: ScoredExportFormat.allCases)
  func `the output does not depend on the chunk size`(format: ScoredExportFormat) throws {
    let writer = try writer(format)
    var whole: [UInt8] = []
    try writer.write(chunkSize: 1 << 24) { whole += $0 }
    var pieces: [UInt8] = []
    var chunks = 0
    try writer.write(chunkSize: 97) { chunk in
      pieces += chunk
      chunks += 1
    }
    #expect(pieces == whole)
    #expect(chunks > 10, "small chunks are handed over as they fill")
    #expect(whole.count > 10_000)
  }
}

@Suite struct AtomicFileWriterTests {
  @Test func `a writer that is not committed leaves the old file and no temporary file`() throws {
    let folder = try temporaryFolder("atomic")
    let path = folder.appendingPathComponent("out.csv").path
    try writeFileAtomically(path, bytes: Array("old\n".utf8))
    do {
      let writer = try AtomicFileWriter(path: path)
      try writer.write(Array("new, half-writ".utf8))
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    let writer = try AtomicFileWriter(path: path)
    try writer.write(Array("new\n".utf8))
    try writer.commit()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
  }
}

@Suite struct AddedExportColumnTests {
  /// The SurveyMonkey example (two header rows) written with one added column: a value per
  /// table row, the third absent.
  func written(_ format: ScoredExportFormat) throws -> String {
    let path = examplePath("platform-exports/surveymonkey.csv")
    let layout = try ExportImporter.layout(
      of: .file(path: path, displayName: "surveymonkey.csv"),
      options: ImportOptions(attributes: .none)
    )
    let result = try ExportImporter.read(
      layout,
      instruments: [],
      options: ImportOptions(attributes: .none)
    )
    var values = (0..<result.table.count).map { 1 + Double($0) / 3 }
    values[2] = .nan
    let writer = ScoredExportWriter(
      layout: layout,
      headerRowCount: result.headerRowCount,
      rowCount: result.table.count,
      addedColumns: [AddedExportColumn(name: "w", values: values, decimals: 3)],
      format: format
    )
    var bytes: [UInt8] = []
    try writer.write { bytes += $0 }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func `CSV gets the name on the first header row and each value rounded, empty when absent`()
    throws
  {
    let records = try CSVReader(bytes: Array(try written(.csv).utf8)).readAll()
    #expect(records[0].last == "w")
    #expect(records[1].last == "")
    #expect(records.dropFirst(2).prefix(4).map { $0.last } == ["1.000", "1.333", "", "2.000"])
    #expect(Set(records.map(\.count)).count == 1)
  }

  @Test func `JSON gets each value as a rounded number, null when absent`() throws {
    let text = try written(.json)
    let objects = text.split(separator: "\n").dropFirst()
    #expect(objects[objects.startIndex].hasSuffix(",\"w\":1},"))
    #expect(objects[objects.startIndex + 1].hasSuffix(",\"w\":1.333},"))
    #expect(objects[objects.startIndex + 2].hasSuffix(",\"w\":null},"))
  }
}
