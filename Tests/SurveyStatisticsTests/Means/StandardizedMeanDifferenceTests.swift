import SurveyStatistics
import Testing

@Suite struct StandardizedMeanDifferenceTests {
  @Test func `Cohen's d and both forms of Hedges' g match the references`() throws {
    let fixture = try MeansFixture.load()
    for row in fixture.standardizedMeanDifference {
      let result = try StandardizedMeanDifference(first: row.first, second: row.second)
      let label = "n=\(row.first.count),\(row.second.count)"
      expectClose(result.cohensD, row.cohensD, "d " + label)
      expectClose(result.correctionFactor, row.correctionFactor, "J " + label)
      expectClose(result.hedgesG, row.hedgesG, "g " + label)
      // statsmodels effectsize_smd applies J ≈ 1 − 3/(4N − 9) = 1 − 3/(4ν − 1).
      expectClose(result.approximateHedgesG, row.approximateHedgesG, "g approx " + label)
    }
  }

  @Test func `exact correction is below one and close to the approximation for large df`() throws {
    let result = try StandardizedMeanDifference(
      first: (0..<30).map { Double($0 % 7) },
      second: (0..<30).map { Double($0 % 5) }
    )
    #expect(result.correctionFactor < 1)
    #expect(abs(result.correctionFactor - (1 - 3 / (4 * 58 - 1))) < 1e-4)
  }
}
