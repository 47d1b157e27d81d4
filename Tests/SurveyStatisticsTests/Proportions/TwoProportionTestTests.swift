import SurveyStatistics
import Testing

@Suite struct TwoProportionTestTests {
  @Test func `z, chi-square and p match statsmodels and scipy without correction`() throws {
    let fixture = try ProportionFixture.load()
    #expect(!fixture.twoProportion.isEmpty)
    for row in fixture.twoProportion {
      let result = try TwoProportionTest(
        firstSuccesses: row.firstSuccesses,
        firstTrials: row.firstTrials,
        secondSuccesses: row.secondSuccesses,
        secondTrials: row.secondTrials
      )
      let label = "\(row.firstSuccesses)/\(row.firstTrials) vs \(row.secondSuccesses)"
      expectClose(result.zStatistic, row.z, "z " + label)
      expectClose(result.chiSquare, row.chiSquare, "chi2 " + label)
      expectClose(result.pValue, row.pValue, "p " + label)
    }
  }

  @Test func `throws when every answer is the same`() {
    let error = #expect(throws: StatisticsError.self) {
      try TwoProportionTest(firstSuccesses: 0, firstTrials: 10, secondSuccesses: 0, secondTrials: 9)
    }
    #expect(error?.kind == .degenerateData)
  }
}
