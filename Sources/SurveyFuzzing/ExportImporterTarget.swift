import SurveyCSV
import SurveyCapture
import SurveyInstruments

extension FuzzTarget {
  /// `ExportImporter` on bytes with the built-in instruments, as `loneliness inspect` and
  /// `loneliness report` read an export.
  static let exportImporter = FuzzTarget(
    name: "export-importer",
    summary: """
      ExportImporter on the input as a survey export: its layout, the built-in instruments its \
      columns match, a preview of its first rows, and a full read with every built-in \
      instrument.
      """,
    run: importExport
  )
}

@Sendable private func importExport(_ bytes: [UInt8]) {
  do {
    let layout = try ExportImporter.layout(of: .bytes(bytes, name: "export.csv"))
    check(layout.headerRowCount >= 1, "a layout without a header row")
    let matching = ExportImporter.instrumentsMatching(layout, among: builtInInstruments)
    check(
      matching.allSatisfy { instrument in builtInInstruments.contains { $0.id == instrument.id } },
      "a matching instrument that was not a candidate"
    )
    _ = try ExportImporter.previewRecords(layout, limit: 5)
    let result = try ExportImporter.read(layout, instruments: builtInInstruments)
    checkCounts(result)
    for problem in result.report.problems { _ = problem.description }
  } catch let error as CSVError {
    check(error.kind == .unterminatedQuote, "bytes in memory failed with \(error.kind)")
    _ = error.description
  } catch let error as ImportError {
    // Refusals of files that are not exports; a sheet is never asked for here.
    let refusals: [ImportError.Kind] = [
      .noHeader, .tooManyColumns, .unsupportedFile, .unreadableWorkbook,
    ]
    check(refusals.contains(error.kind), "an export without options failed with \(error.kind)")
    _ = error.description
  } catch {
    fatalError("ExportImporter threw \(type(of: error)): \(error)")
  }
}

/// Checks that the table has a row per record and that each item's answers (options, missing
/// answers, blanks and unrecognised ones) add up to the records: none lost, none counted twice.
func checkCounts(_ result: ImportResult) {
  let report = result.report
  check(
    report.recordCount == result.table.count,
    "the table has \(result.table.count) rows for \(report.recordCount) records"
  )
  for item in report.items {
    let counts = item.counts
    let total =
      counts.base + counts.missing.reduce(0) { $0 + $1.count } + counts.blank + counts.unrecognised
    check(
      total == report.recordCount,
      "the answers to \(item.key) add up to \(total), not to the \(report.recordCount) records"
    )
  }
}
