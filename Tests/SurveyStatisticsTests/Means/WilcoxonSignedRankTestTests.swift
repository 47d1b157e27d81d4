import SurveyStatistics
import Testing

@Suite struct WilcoxonSignedRankTestTests {
  @Test func `statistic and p match scipy wilcoxon defaults, choosing the same method`() throws {
    let fixture = try MeansFixture.load()
    for row in fixture.wilcoxon {
      let result = try WilcoxonSignedRankTest(changes: row.changes)
      expectClose(result.statistic, row.statistic, "statistic, " + row.label)
      expectClose(result.pValue, row.pValue, "p, " + row.label)
      #expect(result.isExact == (row.method != "normal"), "method, \(row.label)")
    }
  }

  @Test func `normal approximation matches scipy's asymptotic method with ties and zeros`() throws {
    let fixture = try MeansFixture.load()
    for row in fixture.wilcoxon {
      let result = try WilcoxonSignedRankTest(changes: row.changes, method: .normalApproximation)
      expectClose(result.pValue, row.asymptoticPValue, "p, " + row.label)
      expectClose(result.zStatistic, row.asymptoticZ, "z, " + row.label)
    }
  }

  @Test func `paired form uses follow-up minus baseline`() throws {
    let result = try WilcoxonSignedRankTest(
      baseline: [10, 12, 9, 14, 11, 13],
      followUp: [12, 15, 8.5, 18, 16, 14]
    )
    #expect(result.positiveRankSum == 20)
    #expect(result.negativeRankSum == 1)
    #expect(result.statistic == 1)
  }

  @Test func `rejects all-zero changes`() {
    let error = #expect(throws: StatisticsError.self) {
      try WilcoxonSignedRankTest(changes: [0, 0, 0])
    }
    #expect(error?.kind == .insufficientData)
  }
}
