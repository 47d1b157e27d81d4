import SurveyStatistics
import Testing

@Suite struct WeightedProportionDifferenceTests {
  // svyciprop's logit limits come from an iterative svyglm fit, which agrees with the closed
  // form to about 1e-11.
  @Test func `difference, SE, tests and intervals match R survey svyby, svycontrast and svyttest`()
    throws
  {
    let fixture = try WeightedComparisonFixture.load()
    #expect(fixture.proportions.count >= 3)
    for row in fixture.proportions {
      let expected = row.expected
      for level in [0.95, 0.9] {
        let result = try WeightedProportionDifference(
          firstIndicators: row.firstValues.map { $0 == 1 },
          firstWeights: row.firstWeights,
          secondIndicators: row.secondValues.map { $0 == 1 },
          secondWeights: row.secondWeights,
          confidenceLevel: level
        )
        let label = "\(level), \(row.label)"
        expectClose(result.difference, expected.estimate, "difference " + label)
        expectClose(result.difference, expected.difference, "svyttest difference " + label)
        expectClose(result.standardError, expected.standardError, "SE " + label)
        expectClose(result.zStatistic, expected.zStatistic, "z " + label)
        expectClose(result.zStatistic, expected.tStatistic, "t " + label)
        expectClose(result.pValue, expected.pValue, "p " + label)
        expectClose(result.degreesOfFreedom, expected.degreesOfFreedom, "df " + label)
        let lower = level == 0.95 ? expected.normalLower : expected.normalLower90
        let upper = level == 0.95 ? expected.normalUpper : expected.normalUpper90
        expectClose(result.interval.lower, lower, "lower " + label)
        expectClose(result.interval.upper, upper, "upper " + label)
        if level == 0.95 {
          expectClose(result.tInterval.lower, expected.tLower, "t lower " + label)
          expectClose(result.tInterval.upper, expected.tUpper, "t upper " + label)
        }
      }
      for method in WeightedProportion.Method.allCases {
        let result = try WeightedProportionDifference(
          firstIndicators: row.firstValues.map { $0 == 1 },
          firstWeights: row.firstWeights,
          secondIndicators: row.secondValues.map { $0 == 1 },
          secondWeights: row.secondWeights,
          method: method
        )
        for (group, reference) in [
          (result.first, expected.first), (result.second, expected.second),
        ] {
          let label = "group \(reference.estimate) \(method), \(row.label)"
          expectClose(group.estimate, reference.estimate, "estimate " + label)
          expectClose(group.standardError, reference.standardError, "SE " + label)
          expectClose(group.degreesOfFreedom, reference.degreesOfFreedom, "df " + label)
          let lower = method == .logit ? reference.logitLower : reference.meanLower
          let upper = method == .logit ? reference.logitUpper : reference.meanUpper
          expectClose(group.interval.lower, lower, "lower " + label)
          expectClose(group.interval.upper, upper, "upper " + label)
        }
      }
    }
  }

  @Test func `the t p-value is Student's t on n - 2 degrees of freedom`() throws {
    let fixture = try WeightedComparisonFixture.load()
    let row = try #require(fixture.proportions.first)
    let result = try WeightedProportionDifference(
      firstIndicators: row.firstValues.map { $0 == 1 },
      firstWeights: row.firstWeights,
      secondIndicators: row.secondValues.map { $0 == 1 },
      secondWeights: row.secondWeights
    )
    let t = try #require(StudentTDistribution(degreesOfFreedom: result.degreesOfFreedom))
    expectClose(result.tPValue, 2 * t.survival(abs(result.zStatistic)), "t p-value")
    #expect(result.tPValue > result.pValue)
  }

  @Test func `identical answers in both groups cannot be tested`() {
    let error = #expect(throws: StatisticsError.self) {
      try WeightedProportionDifference(
        firstIndicators: [true, true, true],
        firstWeights: [1, 2, 1],
        secondIndicators: [true, true],
        secondWeights: [1, 1]
      )
    }
    #expect(error?.kind == .degenerateData)
    let weights = #expect(throws: StatisticsError.self) {
      try WeightedProportionDifference(
        firstIndicators: [true, false, true],
        firstWeights: [1, 2, 1],
        secondIndicators: [true, false],
        secondWeights: [1, -1]
      )
    }
    #expect(weights?.argument == "secondWeights[1]")
  }
}
