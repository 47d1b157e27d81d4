import SurveyStatistics
import Testing

@Suite struct WeightedMeanDifferenceTests {
  @Test func `t statistic, df, p-value and interval match R survey svyttest`() throws {
    let fixture = try WeightedComparisonFixture.load()
    #expect(fixture.means.count >= 3)
    for row in fixture.means {
      let result = try WeightedMeanDifference(
        firstValues: row.firstValues,
        firstWeights: row.firstWeights,
        secondValues: row.secondValues,
        secondWeights: row.secondWeights
      )
      let expected = row.expected
      expectClose(result.difference, expected.difference, "difference, " + row.label)
      expectClose(result.tStatistic, expected.tStatistic, "t, " + row.label)
      expectClose(result.degreesOfFreedom, expected.degreesOfFreedom, "df, " + row.label)
      expectClose(result.pValue, expected.pValue, "p, " + row.label)
      expectClose(result.interval.lower, expected.tLower, "lower, " + row.label)
      expectClose(result.interval.upper, expected.tUpper, "upper, " + row.label)
      let groups = expected.groups
      for (index, group) in [result.first, result.second].enumerated() {
        let label = "group \(index), \(row.label)"
        expectClose(group.estimate, groups.estimates[index], "mean " + label)
        expectClose(group.standardError, groups.standardErrors[index], "SE " + label)
        expectClose(group.interval.lower, groups.normalLowers[index], "lower " + label)
        expectClose(group.interval.upper, groups.normalUppers[index], "upper " + label)
      }
    }
  }

  @Test func `rejects too few values and names the group`() {
    let error = #expect(throws: StatisticsError.self) {
      try WeightedMeanDifference(
        firstValues: [1, 2, 3],
        firstWeights: [1, 1, 1],
        secondValues: [4],
        secondWeights: [1]
      )
    }
    #expect(error?.kind == .insufficientData)
    #expect(error?.argument == "secondValues")
  }
}
