import SurveyStatistics
import Testing

@Suite struct WeightedPairedMeanChangeTests {
  @Test func `mean change, SE, intervals and t-test match R survey svymean and svyttest`() throws {
    let fixture = try WeightedComparisonFixture.load()
    #expect(fixture.paired.count >= 3)
    for row in fixture.paired {
      let result = try WeightedPairedMeanChange(
        before: row.before,
        after: row.after,
        weights: row.weights
      )
      let expected = row.expected
      expectClose(result.beforeMean, expected.beforeMean, "before, " + row.label)
      expectClose(result.afterMean, expected.afterMean, "after, " + row.label)
      expectClose(result.change.estimate, expected.estimate, "change, " + row.label)
      expectClose(result.change.standardError, expected.standardError, "SE, " + row.label)
      expectClose(result.normalInterval.lower, expected.normalLower, "normal lower, " + row.label)
      expectClose(result.normalInterval.upper, expected.normalUpper, "normal upper, " + row.label)
      expectClose(result.tStatistic, expected.tStatistic, "t, " + row.label)
      expectClose(result.degreesOfFreedom, expected.degreesOfFreedom, "df, " + row.label)
      expectClose(result.pValue, expected.pValue, "p, " + row.label)
      expectClose(result.interval.lower, expected.tLower, "t lower, " + row.label)
      expectClose(result.interval.upper, expected.tUpper, "t upper, " + row.label)
    }
  }

  @Test func `rejects mismatched lengths and constant changes`() {
    let lengths = #expect(throws: StatisticsError.self) {
      try WeightedPairedMeanChange(before: [1, 2, 3], after: [1, 2], weights: [1, 1, 1])
    }
    #expect(lengths?.kind == .mismatchedLengths)
    let constant = #expect(throws: StatisticsError.self) {
      try WeightedPairedMeanChange(before: [1, 2, 3], after: [2, 3, 4], weights: [1, 2, 1])
    }
    #expect(constant?.kind == .degenerateData)
    let few = #expect(throws: StatisticsError.self) {
      try WeightedPairedMeanChange(before: [1, 2, 3], after: [2, 4, 4], weights: [1, 0, 1])
    }
    #expect(few?.kind == .invalidWeight)
  }
}
