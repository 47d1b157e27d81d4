import SurveyStatistics
import Testing

@Suite struct ContingencyTableTestTests {
  @Test func `statistic, df, p and expected counts match scipy chi2_contingency`() throws {
    let fixture = try TablesFixture.load()
    for row in fixture.contingency {
      let result = try ContingencyTableTest(
        observed: row.observed,
        yatesCorrection: row.yatesCorrection
      )
      let label = "\(row.observed) yates=\(row.yatesCorrection)"
      expectClose(result.chiSquare, row.chiSquare, "chi2 " + label)
      expectClose(result.pValue, row.pValue, "p " + label)
      #expect(result.degreesOfFreedom == row.degreesOfFreedom)
      for (actualRow, expectedRow) in zip(result.expected, row.expected) {
        for (actual, expected) in zip(actualRow, expectedRow) {
          expectClose(actual, expected, "expected " + label)
        }
      }
    }
  }

  @Test func `Yates' correction applies only to 2 x 2 tables and is off by default`() throws {
    let plain = try ContingencyTableTest(observed: [[12, 5], [7, 9]])
    #expect(!plain.isYatesCorrected)
    #expect(plain.method == "Pearson's chi-square test")
    let corrected = try ContingencyTableTest(observed: [[12, 5], [7, 9]], yatesCorrection: true)
    #expect(corrected.isYatesCorrected)
    #expect(corrected.chiSquare < plain.chiSquare)
    let wide = try ContingencyTableTest(
      observed: [[5, 7, 9], [40, 52, 31]],
      yatesCorrection: true
    )
    #expect(!wide.isYatesCorrected)
  }

  @Test func `rejects ragged tables, negative counts and empty rows`() {
    let ragged = #expect(throws: StatisticsError.self) {
      try ContingencyTableTest(observed: [[1, 2], [3]])
    }
    #expect(ragged?.argument == "observed[1]")
    let negative = #expect(throws: StatisticsError.self) {
      try ContingencyTableTest(observed: [[1, 2], [3, -4]])
    }
    #expect(negative?.kind == .invalidCount)
    let empty = #expect(throws: StatisticsError.self) {
      try ContingencyTableTest(observed: [[0, 0], [3, 4]])
    }
    #expect(empty?.kind == .invalidTable)
  }
}
