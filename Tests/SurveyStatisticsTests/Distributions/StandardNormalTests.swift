import SurveyStatistics
import Testing

@Suite struct StandardNormalTests {
  @Test func `cdf, survival and density match scipy across both tails`() throws {
    let fixture = try DistributionFixture.load()
    #expect(fixture.normal.count > 20)
    for row in fixture.normal {
      // Tail values are checked in relative terms only, down to 1e-308.
      expectClose(StandardNormal.cdf(row.x), row.cdf, "cdf(\(row.x))", absolute: 0)
      expectClose(StandardNormal.survival(row.x), row.sf, "sf(\(row.x))", absolute: 0)
      expectClose(StandardNormal.density(row.x), row.pdf, "pdf(\(row.x))", absolute: 0)
    }
  }

  @Test func `quantiles match scipy to 1e-9 from 1e-320 to 1 - 1e-10`() throws {
    let fixture = try DistributionFixture.load()
    for row in fixture.normalQuantile {
      expectClose(StandardNormal.quantile(row.p), row.quantile, "ppf(\(row.p))", absolute: 0)
      expectClose(
        StandardNormal.upperQuantile(row.p),
        row.upperQuantile,
        "isf(\(row.p))",
        absolute: 0
      )
    }
  }

  @Test func `quantile inverts cdf to within the conditioning of the problem`() throws {
    // One ulp in z moves Φ(z) by about |z|·ulp(z) in relative terms, so the bound grows with z².
    for p in [1e-300, 1e-12, 0.001, 0.2, 0.5, 0.7, 0.975] {
      let z = try #require(StandardNormal.quantile(p))
      let bound = 4e-16 * max(1, z * z)
      expectClose(StandardNormal.cdf(z), p, "cdf(quantile(\(p)))", relative: bound, absolute: 0)
    }
  }

  @Test func `quantile is infinite at 0 and 1 and nil outside`() {
    #expect(StandardNormal.quantile(0) == -.infinity)
    #expect(StandardNormal.quantile(1) == .infinity)
    #expect(StandardNormal.quantile(-0.1) == nil)
    #expect(StandardNormal.quantile(1.5) == nil)
    #expect(StandardNormal.quantile(.nan) == nil)
  }
}
