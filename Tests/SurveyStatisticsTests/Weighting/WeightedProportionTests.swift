import SurveyStatistics
import Testing

@Suite struct WeightedProportionTests {
  // R's svyciprop(method = "logit") fits an intercept-only svyglm by iteratively reweighted least
  // squares; its limits agree with the closed form to about 1e-11, well inside 1e-9.
  @Test func `logit and mean intervals match R survey svyciprop`() throws {
    let fixture = try WeightedFixture.load()
    let binaryCases = fixture.cases.filter { $0.logitLower != nil }
    #expect(binaryCases.count >= 4)
    for row in binaryCases {
      let indicators = row.values.map { $0 == 1 }
      let checks: [(WeightedProportion.Method, Double, Double?, Double?)] = [
        (.logit, 0.95, row.logitLower, row.logitUpper),
        (.logit, 0.9, row.logitLower90, row.logitUpper90),
        (.mean, 0.95, row.meanLower, row.meanUpper),
        (.mean, 0.9, row.meanLower90, row.meanUpper90),
      ]
      for (method, level, lower, upper) in checks {
        let result = try WeightedProportion(
          indicators: indicators,
          weights: row.weights,
          method: method,
          confidenceLevel: level
        )
        let label = "\(method) \(level), \(row.label)"
        expectClose(result.estimate, row.mean, "estimate " + label)
        expectClose(result.standardError, row.standardError, "SE " + label)
        expectClose(result.degreesOfFreedom, row.degreesOfFreedom, "df " + label)
        expectClose(result.interval.lower, try #require(lower), "lower " + label)
        expectClose(result.interval.upper, try #require(upper), "upper " + label)
      }
    }
  }

  @Test func `a proportion of zero gives a zero-width interval with a note`() throws {
    let result = try WeightedProportion(indicators: [false, false, false], weights: [1, 2, 3])
    #expect(result.interval.lower == 0 && result.interval.upper == 0)
    #expect(result.note != nil)
  }
}
