import SurveyStatistics
import Testing

@Suite struct ChiSquaredDistributionTests {
  @Test func `cdf and survival match scipy for df from 1 to 1000`() throws {
    let fixture = try DistributionFixture.load()
    for row in fixture.chiSquare {
      let chi = try #require(ChiSquaredDistribution(degreesOfFreedom: row.df))
      let label = "chi2(\(row.df)) at \(row.x)"
      expectClose(chi.cdf(row.x), row.cdf, "cdf " + label, absolute: 0)
      expectClose(chi.survival(row.x), row.sf, "sf " + label, absolute: 0)
    }
  }

  @Test func `is zero below the origin and rejects bad degrees of freedom`() throws {
    let chi = try #require(ChiSquaredDistribution(degreesOfFreedom: 3))
    #expect(chi.cdf(-1) == 0)
    #expect(chi.survival(0) == 1)
    #expect(ChiSquaredDistribution(degreesOfFreedom: 0) == nil)
  }
}
