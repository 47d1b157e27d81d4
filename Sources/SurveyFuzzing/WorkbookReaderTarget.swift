import SurveyWorkbook

extension FuzzTarget {
  /// The Excel workbook reader (ZIP, DEFLATE, SpreadsheetML) on the input as an `.xlsx` file.
  static let workbookReader = FuzzTarget(
    name: "workbook-reader",
    summary: """
      Workbook.rowsOfDefaultSheet on the input as an .xlsx file, with small limits on expansion \
      and part sizes so that each input is quick; every row must be no wider than the limit.
      """,
    run: readWorkbook
  )
}

@Sendable private func readWorkbook(_ bytes: [UInt8]) {
  var limits = WorkbookLimits.standard
  limits.expansionAllowance = 1 << 20
  limits.maximumPartSize = 4 << 20
  do {
    let rows = try Workbook.rowsOfDefaultSheet(in: bytes, limits: limits)
    check(
      rows.allSatisfy { $0.count <= limits.maximumColumns },
      "a row wider than the column limit"
    )
    check(rows.count <= limits.maximumRows, "more rows than the row limit")
  } catch {
    _ = error.description
  }
}
