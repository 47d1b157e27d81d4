import Foundation
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
