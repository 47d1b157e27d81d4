import SurveyStatistics
import Testing

@Suite struct PairedTTestTests {
  @Test func `t, p, interval of mean change and dz match scipy ttest_rel`() throws {
    let fixture = try MeansFixture.load()
    for row in fixture.paired {
      let result = try PairedTTest(
        baseline: row.baseline,
        followUp: row.followUp,
        confidenceLevel: row.level
      )
      let label = "n=\(row.baseline.count) at \(row.level)"
      expectClose(result.tStatistic, row.t, "t " + label)
      expectClose(result.degreesOfFreedom, row.df, "df " + label)
      expectClose(result.pValue, row.pValue, "p " + label)
      expectClose(result.interval.lower, row.lower, "lower " + label)
      expectClose(result.interval.upper, row.upper, "upper " + label)
      expectClose(result.meanChange, row.meanChange, "mean change " + label)
      expectClose(result.standardizedChange, row.standardizedChange, "dz " + label)
    }
  }

  @Test func `rejects unequal lengths and constant change`() {
    let lengths = #expect(throws: StatisticsError.self) {
      try PairedTTest(baseline: [1, 2, 3], followUp: [1, 2])
    }
    #expect(lengths?.kind == .mismatchedLengths)
    let constant = #expect(throws: StatisticsError.self) {
      try PairedTTest(baseline: [1, 2, 3], followUp: [2, 3, 4])
    }
    #expect(constant?.kind == .degenerateData)
  }
}
