import SurveyStatistics
import Testing

@Suite struct FDistributionTests {
  @Test func `cdf and survival match scipy including fractional degrees of freedom`() throws {
    let fixture = try DistributionFixture.load()
    for row in fixture.f {
      let f = try #require(
        FDistribution(numeratorDegreesOfFreedom: row.df1, denominatorDegreesOfFreedom: row.df2)
      )
      let label = "F(\(row.df1), \(row.df2)) at \(row.x)"
      expectClose(f.cdf(row.x), row.cdf, "cdf " + label, absolute: 0)
      expectClose(f.survival(row.x), row.sf, "sf " + label, absolute: 0)
    }
  }

  @Test func `rejects non-positive degrees of freedom`() {
    #expect(FDistribution(numeratorDegreesOfFreedom: 0, denominatorDegreesOfFreedom: 3) == nil)
    #expect(FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: -1) == nil)
  }
}
