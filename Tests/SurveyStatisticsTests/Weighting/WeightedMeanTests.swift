import SurveyStatistics
import Testing

@Suite struct WeightedMeanTests {
  @Test func `estimate, SE, deff and interval match R survey svymean`() throws {
    let fixture = try WeightedFixture.load()
    for row in fixture.cases {
      let result = try WeightedMean(values: row.values, weights: row.weights)
      expectClose(result.estimate, row.mean, "mean, " + row.label)
      expectClose(result.standardError, row.standardError, "SE, " + row.label)
      expectClose(result.designEffect, row.designEffect, "deff, " + row.label)
      expectClose(result.interval.lower, row.normalLower, "lower, " + row.label)
      expectClose(result.interval.upper, row.normalUpper, "upper, " + row.label)
      expectClose(result.effectiveSampleSize, row.effectiveSampleSize, "n_eff, " + row.label)
    }
  }

  @Test func `equal weights give a Kish design effect of one`() throws {
    let result = try WeightedMean(values: [1, 2, 3, 4], weights: [2, 2, 2, 2])
    #expect(abs(result.kishDesignEffect - 1) < 1e-15)
    #expect(abs(result.effectiveSampleSize - 4) < 1e-12)
  }

  @Test func `rejects negative, all-zero and missing weights`() {
    let negative = #expect(throws: StatisticsError.self) {
      try WeightedMean(values: [1, 2, 3], weights: [1, -1, 1])
    }
    #expect(negative?.kind == .invalidWeight)
    #expect(negative?.argument == "weights[1]")
    let zero = #expect(throws: StatisticsError.self) {
      try WeightedMean(values: [1, 2], weights: [0, 0])
    }
    #expect(zero?.kind == .invalidWeight)
    let missing = #expect(throws: StatisticsError.self) {
      try WeightedMean(values: [1, 2], weights: [1, .nan])
    }
    #expect(missing?.kind == .nonFiniteValue)
  }
}
