import SurveyStatistics
import Testing

@Suite struct BinomialDistributionTests {
  @Test func `mass, cdf and survival match scipy`() throws {
    let fixture = try DistributionFixture.load()
    for row in fixture.binomial {
      let binomial = try #require(BinomialDistribution(trials: row.n, probability: row.p))
      let label = "Bin(\(row.n), \(row.p)) at \(row.k)"
      expectClose(binomial.probabilityMass(row.k), row.pmf, "pmf " + label, absolute: 0)
      expectClose(binomial.cdf(row.k), row.cdf, "cdf " + label, absolute: 0)
      expectClose(binomial.survival(row.k), row.sf, "sf " + label, absolute: 1e-300)
    }
  }

  @Test func `rejects impossible parameters`() {
    #expect(BinomialDistribution(trials: -1, probability: 0.5) == nil)
    #expect(BinomialDistribution(trials: 3, probability: 1.2) == nil)
  }
}
