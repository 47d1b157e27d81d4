import SurveyStatistics
import Testing

@Suite struct SampleSummaryTests {
  @Test func `mean, SD, median and quartiles match numpy's linear method`() throws {
    let fixture = try MeansFixture.load()
    for row in fixture.samples {
      let summary = try SampleSummary(row.values)
      let label = "n=\(row.values.count)"
      expectClose(summary.mean, row.mean, "mean " + label)
      expectClose(summary.standardDeviation, row.standardDeviation, "sd " + label)
      expectClose(summary.median, row.median, "median " + label)
      expectClose(summary.lowerQuartile, row.lowerQuartile, "q1 " + label)
      expectClose(summary.upperQuartile, row.upperQuartile, "q3 " + label)
      for (probability, expected) in zip(row.probabilities, row.quantiles) {
        expectClose(summary.quantile(probability), expected, "quantile \(probability) " + label)
      }
    }
  }

  @Test func `t intervals of the mean match scipy`() throws {
    let fixture = try MeansFixture.load()
    for row in fixture.samples {
      let summary = try SampleSummary(row.values)
      for expected in row.intervals {
        let interval = try summary.meanInterval(confidenceLevel: expected.level)
        let label = "n=\(row.values.count) at \(expected.level)"
        expectClose(interval.lower, expected.lower, "lower " + label)
        expectClose(interval.upper, expected.upper, "upper " + label)
      }
    }
  }

  @Test func `a single value has no SD and no interval`() throws {
    let summary = try SampleSummary([4])
    #expect(summary.standardDeviation == nil)
    #expect(summary.median == 4)
    let error = #expect(throws: StatisticsError.self) { try summary.meanInterval() }
    #expect(error?.kind == .insufficientData)
  }

  @Test func `rejects empty samples and missing values`() {
    let empty = #expect(throws: StatisticsError.self) { try SampleSummary([]) }
    #expect(empty?.kind == .insufficientData)
    let missing = #expect(throws: StatisticsError.self) { try SampleSummary([1, .nan, 3]) }
    #expect(missing?.kind == .nonFiniteValue)
    #expect(missing?.argument == "values[1]")
    #expect(
      missing?.description.hasPrefix("argument 'values[1]': expected a finite number") == true
    )
  }
}
