import SurveyCapture
import SurveyReports
import Testing

/// A table with one attribute column of `values` under `header`.
private func table(_ header: String, _ values: [String]) throws -> ResponseTable {
  var table = ResponseTable(instruments: [], attributeHeaders: [header])
  for value in values { try table.append(Response(attributes: [header: value])) }
  return table
}

@Suite struct ResponsePeriodTests {
  @Test func `ISO dates with times give the first and last day`() throws {
    let period = ResponsePeriod(
      table: try table("Started", ["2020-05-20 10:46", "2020-06-26 09:00", "", "2020-05-11"])
    )
    #expect(period?.description == "11 May 2020 to 26 June 2020 (column “Started”)")
  }

  @Test func `a day over 12 says slashed dates are day first; otherwise the platform must`()
    throws
  {
    let dayFirst = ResponsePeriod(table: try table("Timestamp", ["13/05/2020", "01/06/2020"]))
    #expect(dayFirst?.description == "13 May 2020 to 1 June 2020 (column “Timestamp”)")
    let ambiguous = try table("Timestamp", ["01/05/2020", "02/06/2020"])
    #expect(ResponsePeriod(table: ambiguous) == nil)
    #expect(
      ResponsePeriod(table: ambiguous, monthFirst: true)?.description
        == "5 January 2020 to 6 February 2020 (column “Timestamp”)"
    )
  }

  @Test func `a column that is mostly not dates, or not named as dates, gives no period`() throws {
    #expect(ResponsePeriod(table: try table("Date", ["soon", "later", "2020-05-11"])) == nil)
    #expect(ResponsePeriod(table: try table("Area", ["2020-05-11", "2020-05-12"])) == nil)
    #expect(ResponsePeriod.isDateHeader("Start Date"))
    #expect(!ResponsePeriod.isDateHeader("Area"))
  }
}
