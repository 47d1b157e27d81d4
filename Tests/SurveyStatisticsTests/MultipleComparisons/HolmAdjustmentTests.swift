import SurveyStatistics
import Testing

@Suite struct HolmAdjustmentTests {
  @Test func `adjusted p-values match statsmodels multipletests holm`() throws {
    let fixture = try TablesFixture.load()
    for row in fixture.holm {
      let result = try HolmAdjustment(pValues: row.pValues)
      #expect(result.adjustedPValues.count == row.adjusted.count)
      for (actual, expected) in zip(result.adjustedPValues, row.adjusted) {
        expectClose(actual, expected, "holm \(row.pValues)")
      }
    }
  }

  @Test func `rejections follow the adjusted values`() throws {
    let result = try HolmAdjustment(pValues: [0.01, 0.04, 0.03, 0.005])
    #expect(result.rejections(atLevel: 0.05) == [true, false, false, true])
  }

  @Test func `rejects values outside 0 to 1`() {
    let error = #expect(throws: StatisticsError.self) {
      try HolmAdjustment(pValues: [0.2, 1.5])
    }
    #expect(error?.argument == "pValues[1]")
  }
}
