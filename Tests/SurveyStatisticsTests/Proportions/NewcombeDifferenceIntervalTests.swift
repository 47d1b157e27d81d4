import SurveyStatistics
import Testing

@Suite struct NewcombeDifferenceIntervalTests {
  @Test func `limits match statsmodels newcomb, including empty and full groups`() throws {
    let fixture = try ProportionFixture.load()
    for row in fixture.newcombe {
      let result = try NewcombeDifferenceInterval(
        firstSuccesses: row.firstSuccesses,
        firstTrials: row.firstTrials,
        secondSuccesses: row.secondSuccesses,
        secondTrials: row.secondTrials,
        confidenceLevel: row.level
      )
      let label =
        "\(row.firstSuccesses)/\(row.firstTrials) vs "
        + "\(row.secondSuccesses)/\(row.secondTrials) at \(row.level)"
      expectClose(result.interval.lower, row.lower, "lower " + label)
      expectClose(result.interval.upper, row.upper, "upper " + label)
    }
  }

  @Test func `names the group whose counts are impossible`() {
    let error = #expect(throws: StatisticsError.self) {
      try NewcombeDifferenceInterval(
        firstSuccesses: 1,
        firstTrials: 4,
        secondSuccesses: 5,
        secondTrials: 4
      )
    }
    #expect(error?.argument == "secondSuccesses")
  }
}
