import SurveyStatistics
import Testing

@Suite struct McNemarTestTests {
  @Test func `exact and corrected chi-square forms match statsmodels`() throws {
    let fixture = try ProportionFixture.load()
    for row in fixture.mcnemar {
      let label = "b=\(row.firstOnly), c=\(row.secondOnly)"
      let exact = try McNemarTest(
        firstOnly: row.firstOnly,
        secondOnly: row.secondOnly,
        method: .exact
      )
      expectClose(exact.statistic, row.exactStatistic, "exact statistic " + label)
      expectClose(exact.pValue, row.exactPValue, "exact p " + label)
      #expect(exact.degreesOfFreedom == nil)
      if let statistic = row.chiSquareStatistic, let p = row.chiSquarePValue {
        let chi = try McNemarTest(
          firstOnly: row.firstOnly,
          secondOnly: row.secondOnly,
          method: .chiSquareWithContinuityCorrection
        )
        expectClose(chi.statistic, statistic, "chi2 statistic " + label)
        expectClose(chi.pValue, p, "chi2 p " + label)
        #expect(chi.degreesOfFreedom == 1)
      }
    }
  }

  @Test func `automatic choice is exact below 25 discordant pairs and says so`() throws {
    let small = try McNemarTest(firstOnly: 5, secondOnly: 19)
    #expect(small.isExact)
    #expect(small.note.contains("24 discordant pairs"))
    let large = try McNemarTest(firstOnly: 10, secondOnly: 15)
    #expect(!large.isExact)
    #expect(large.method == "McNemar's chi-square test with continuity correction")
  }

  @Test func `counts discordant pairs from paired outcomes`() throws {
    let result = try McNemarTest(
      first: [true, true, false, false, true],
      second: [false, true, true, true, false]
    )
    #expect(result.firstOnly == 2)
    #expect(result.secondOnly == 2)
    #expect(result.pValue == 1)
  }

  @Test func `rejects unequal lengths and chi-square without discordant pairs`() {
    let lengths = #expect(throws: StatisticsError.self) {
      try McNemarTest(first: [true], second: [true, false])
    }
    #expect(lengths?.kind == .mismatchedLengths)
    let empty = #expect(throws: StatisticsError.self) {
      try McNemarTest(firstOnly: 0, secondOnly: 0, method: .chiSquareWithContinuityCorrection)
    }
    #expect(empty?.kind == .degenerateData)
  }
}
