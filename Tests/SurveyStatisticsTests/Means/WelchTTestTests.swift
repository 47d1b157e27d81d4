import SurveyStatistics
import Testing

@Suite struct WelchTTestTests {
  @Test func `t, df, p and interval match scipy ttest_ind with unequal variances`() throws {
    let fixture = try MeansFixture.load()
    for row in fixture.welch {
      let result = try WelchTTest(
        first: row.first,
        second: row.second,
        confidenceLevel: row.level
      )
      let label = "n=\(row.first.count),\(row.second.count) at \(row.level)"
      expectClose(result.tStatistic, row.t, "t " + label)
      expectClose(result.degreesOfFreedom, row.df, "df " + label)
      expectClose(result.pValue, row.pValue, "p " + label)
      expectClose(result.interval.lower, row.lower, "lower " + label)
      expectClose(result.interval.upper, row.upper, "upper " + label)
      #expect(result.method == "Welch's t-test")
    }
  }

  @Test func `rejects a group with one value and groups with no variation`() {
    let small = #expect(throws: StatisticsError.self) {
      try WelchTTest(first: [1], second: [2, 3])
    }
    #expect(small?.argument == "first")
    let flat = #expect(throws: StatisticsError.self) {
      try WelchTTest(first: [2, 2], second: [3, 3, 3])
    }
    #expect(flat?.kind == .degenerateData)
  }
}
