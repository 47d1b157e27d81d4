import SurveyCSV
import SurveyCapture
import SurveyInstruments

extension FuzzTarget {
  /// `CaptureExport` on bytes with the built-in instruments, as `loneliness capture --merge`
  /// reads an offline form's download.
  static let captureExport = FuzzTarget(
    name: "capture-export",
    summary: """
      CaptureExport on the input as a form's download in the capture file format: its header \
      checked against the built-in instruments, every row checked, repeats found.
      """,
    run: readCaptureExport
  )
}

/// The built-in catalogue, decoded once.
let builtInCatalogue = InstrumentCatalogue.builtIn

@Sendable private func readCaptureExport(_ bytes: [UInt8]) {
  do {
    let export = try CaptureExport(bytes: bytes, name: "download.csv", catalogue: builtInCatalogue)
    check(export.problems.count <= CaptureExport.maximumProblems, "more problems than kept")
    check(
      export.problemCount >= Set(export.problems.map(\.line)).count,
      "fewer rows with problems counted than listed"
    )
    for problem in export.problems { _ = problem.message }
  } catch let error as CaptureExportError {
    _ = error.description
  } catch let error as CSVError {
    // Bytes in memory are never a file-system problem; an unterminated quote is.
    _ = error.description
  } catch {
    fatalError("CaptureExport threw \(type(of: error)): \(error)")
  }
}
