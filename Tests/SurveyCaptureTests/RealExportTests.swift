import Foundation
import SurveyCapture
import Testing

/// Exports made by the platforms themselves, published by other projects (see the README beside
/// each file for its source and licence), rather than written for this project's examples.
@Suite struct RealExportTests {
  private func path(_ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/SurveyCaptureTests/Fixtures/real-exports/\(name)")
      .path
  }

  @Test(arguments: [("qualtrics/sample.csv", 3), ("qualtrics/sample_legacy.csv", 2)])
  func `Qualtrics exports, current and legacy, are recognised with their header rows`(
    file: String,
    headerRows: Int
  ) throws {
    let layout = try ExportImporter.layout(of: .file(path: path(file), displayName: file))
    #expect(layout.dialect == .qualtrics)
    #expect(layout.headerRowCount == headerRows)
    let q1 = try #require(layout.headers.first { $0.name == "Q1" })
    #expect(q1.question == "This is a multiple choice question.")
    let result = try ExportImporter.read(layout, instruments: [])
    #expect(result.table.count == 1, "the question-text row is a header, not a respondent")
    let idColumn = try #require(result.report.respondentIDColumn)
    #expect(["ResponseID", "ResponseId"].contains(layout.headers[idColumn].name))
  }
}
