/// A renderer that writes the report a document was made from (``Document/data``) with a
/// stable schema, whatever the document's layout: JSON and tidy CSV.
protocol ReportSerialising: DocumentRenderer {
  /// Writes a survey report, a group at a time, so that memory does not grow with the output.
  static func write(_ report: Report, to output: inout some TextOutputStream)
  /// A comparison.
  static func text(for comparison: ComparisonReport) -> String
  /// A change report.
  static func text(for change: ChangeReport) -> String
  /// How an export was read.
  static func text(for inspection: ImportInspection) -> String
}

extension ReportSerialising {
  /// Writes the report `document` was made from.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  func serialise(_ document: Document, to output: inout some TextOutputStream) {
    switch document.data {
    case .survey(let report): Self.write(report, to: &output)
    case .comparison(let comparison): output.write(Self.text(for: comparison))
    case .change(let change): output.write(Self.text(for: change))
    case .importReport(let inspection): output.write(Self.text(for: inspection))
    }
  }
}
