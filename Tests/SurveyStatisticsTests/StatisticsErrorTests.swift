import SurveyStatistics
import Testing

@Suite struct StatisticsErrorTests {
  @Test func `description names the argument and adds the hint on a second line`() {
    let error = StatisticsError(
      .invalidCount,
      argument: "trials",
      message: "expected at least 1 trial, got '0'",
      hint: "report the cell as empty"
    )
    #expect(
      error.description
        == "argument 'trials': expected at least 1 trial, got '0'\nhint: report the cell as empty"
    )
  }

  @Test func `confidence level errors suggest writing a fraction`() {
    let error = #expect(throws: StatisticsError.self) {
      try SampleSummary([1, 2, 3]).meanInterval(confidenceLevel: 1)
    }
    #expect(error?.hint == "write 95% as 0.95")
  }
}
