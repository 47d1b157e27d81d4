import SurveyStatistics
import Testing

@Suite struct WeightingEfficiencyTests {
  @Test func `effective sample size matches R's sum(w)^2 / sum(w^2)`() throws {
    let fixture = try WeightedFixture.load()
    for row in fixture.cases {
      let efficiency = try WeightingEfficiency(weights: row.weights)
      expectClose(efficiency.effectiveSampleSize, row.effectiveSampleSize, "n_eff, " + row.label)
      let positive = Double(row.weights.filter { $0 > 0 }.count)
      expectClose(efficiency.efficiency, row.effectiveSampleSize / positive, "eff, " + row.label)
      expectClose(efficiency.designEffect, positive / row.effectiveSampleSize, "deff, " + row.label)
    }
  }

  @Test func `rejects negative and all-zero weights`() {
    let negative = #expect(throws: StatisticsError.self) {
      try WeightingEfficiency(weights: [1, -2])
    }
    #expect(negative?.argument == "weights[1]")
    let zero = #expect(throws: StatisticsError.self) { try WeightingEfficiency(weights: [0, 0]) }
    #expect(zero?.kind == .invalidWeight)
  }
}
