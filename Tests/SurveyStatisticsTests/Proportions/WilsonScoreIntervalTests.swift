import SurveyStatistics
import Testing

@Suite struct WilsonScoreIntervalTests {
  @Test func `limits match statsmodels wilson including k = 0 and k = n`() throws {
    let fixture = try ProportionFixture.load()
    for row in fixture.wilson {
      let result = try WilsonScoreInterval(
        successes: row.successes,
        trials: row.trials,
        confidenceLevel: row.level
      )
      let label = "\(row.successes)/\(row.trials) at \(row.level)"
      expectClose(result.interval.lower, row.lower, "lower " + label)
      expectClose(result.interval.upper, row.upper, "upper " + label)
      #expect(result.estimate == Double(row.successes) / Double(row.trials))
    }
  }

  @Test func `zero successes give a lower limit of exactly zero`() throws {
    let result = try WilsonScoreInterval(successes: 0, trials: 6)
    #expect(result.interval.lower == 0)
    #expect(result.interval.upper > 0.38 && result.interval.upper < 0.40)
    #expect(result.method == "Wilson score interval")
  }

  @Test(arguments: [(0, 0), (-1, 5), (6, 5)])
  func `rejects impossible counts`(successes: Int, trials: Int) {
    let error = #expect(throws: StatisticsError.self) {
      try WilsonScoreInterval(successes: successes, trials: trials)
    }
    #expect(error?.kind == .invalidCount)
  }

  @Test func `rejects a confidence level given as a percentage`() {
    let error = #expect(throws: StatisticsError.self) {
      try WilsonScoreInterval(successes: 1, trials: 5, confidenceLevel: 95)
    }
    #expect(error?.kind == .invalidProbability)
    #expect(error?.argument == "confidenceLevel")
  }
}
