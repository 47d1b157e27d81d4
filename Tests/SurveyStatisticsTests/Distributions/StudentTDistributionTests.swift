import SurveyStatistics
import Testing

@Suite struct StudentTDistributionTests {
  @Test func `cdf, survival and density match scipy for df from 1 to 1000`() throws {
    let fixture = try DistributionFixture.load()
    for row in fixture.t {
      let t = try #require(StudentTDistribution(degreesOfFreedom: row.df))
      let label = "t(\(row.df)) at \(row.x)"
      expectClose(t.cdf(row.x), row.cdf, "cdf " + label, absolute: 0)
      expectClose(t.survival(row.x), row.sf, "sf " + label, absolute: 0)
      expectClose(t.density(row.x), row.pdf, "pdf " + label, absolute: 0)
    }
  }

  @Test func `quantiles match scipy including p = 1e-10 tails`() throws {
    let fixture = try DistributionFixture.load()
    for row in fixture.tQuantile {
      let df = try #require(row.df)
      let t = try #require(StudentTDistribution(degreesOfFreedom: df))
      expectClose(t.quantile(row.p), row.quantile, "ppf(\(row.p); \(df))", absolute: 0)
      expectClose(
        t.upperQuantile(row.p),
        row.upperQuantile,
        "isf(\(row.p); \(df))",
        absolute: 0
      )
    }
  }

  @Test func `rejects non-positive degrees of freedom and bad probabilities`() throws {
    #expect(StudentTDistribution(degreesOfFreedom: 0) == nil)
    #expect(StudentTDistribution(degreesOfFreedom: -3) == nil)
    #expect(StudentTDistribution(degreesOfFreedom: .infinity) == nil)
    let t = try #require(StudentTDistribution(degreesOfFreedom: 5))
    #expect(t.quantile(1.01) == nil)
    #expect(t.quantile(0) == -.infinity)
    #expect(t.quantile(0.5) == 0)
  }
}
