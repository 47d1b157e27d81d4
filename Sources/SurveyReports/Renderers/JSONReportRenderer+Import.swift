import SurveyCapture
import SurveyInstruments

extension JSONReportRenderer {
  /// How an export was read, as JSON: `instruments` (their ids) and `instrumentsChosenBy`, then
  /// the members of the import report's own JSON (``ImportReport/jsonValue``).
  ///
  /// - Complexity: O(*n*) in the size of the import report.
  static func text(for inspection: ImportInspection) -> String {
    let value = inspection.report.jsonValue
    guard case .object(let members) = value else { return JSONWriter.text(for: value) }
    let instruments = [
      JSONObjectMember("instruments", .array(inspection.instruments.map { .string($0) })),
      JSONObjectMember("instrumentsChosenBy", .string(inspection.instrumentsChosenBy)),
    ]
    return JSONWriter.text(for: .object(instruments + members))
  }
}
