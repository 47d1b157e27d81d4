import SurveyStatistics
import Testing

@Suite struct FunnelPlotTests {
  @Test func `z-scores, limits, overdispersion and flags match scipy`() throws {
    let fixture = try FunnelFixture.load()
    #expect(fixture.cases.count >= 4)
    for row in fixture.cases {
      let adjustments: [(FunnelOverdispersion, FunnelFixture.Adjustment)] = [
        (.none, row.expected.none),
        (.multiplicative, row.expected.multiplicative),
        (.additive, row.expected.additive),
      ]
      for (overdispersion, expected) in adjustments {
        let plot = try FunnelPlot(
          counts: row.counts,
          denominators: row.denominators,
          target: row.target,
          overdispersion: overdispersion
        )
        let label = "\(overdispersion), \(row.label)"
        expectClose(plot.target, row.expected.target, "target, " + label)
        #expect(plot.targetIsGiven == (row.target != nil))
        expectClose(plot.dispersionRatio, row.expected.dispersionRatio, "phi, " + label)
        expectClose(plot.betweenAreaVariance, row.expected.betweenAreaVariance, "tau², " + label)
        #expect(plot.adjusted == expected.adjusted, "adjusted, \(label)")
        #expect(plot.areas.count == expected.areas.count)
        for (index, (area, reference)) in zip(plot.areas, expected.areas).enumerated() {
          let position = "area \(index), \(label)"
          expectClose(area.proportion, reference.proportion, "p, " + position)
          expectClose(area.zScore, reference.zScore, "z, " + position)
          expectClose(area.adjustedZScore, reference.adjustedZScore, "adjusted z, " + position)
          expectClose(area.limits.ninetyFive.lower, reference.limits95[0], "95 lower, " + position)
          expectClose(area.limits.ninetyFive.upper, reference.limits95[1], "95 upper, " + position)
          expectClose(
            area.limits.ninetyNinePointEight.lower,
            reference.limits998[0],
            "99.8 lower, " + position
          )
          expectClose(
            area.limits.ninetyNinePointEight.upper,
            reference.limits998[1],
            "99.8 upper, " + position
          )
          #expect(area.position.rawValue == reference.position, "position, \(position)")
        }
      }
    }
  }

  @Test func `the funnel for drawing uses the same adjustment as the areas`() throws {
    let fixture = try FunnelFixture.load()
    let row = try #require(fixture.cases.first { $0.expected.multiplicative.adjusted })
    let plot = try FunnelPlot(
      counts: row.counts,
      denominators: row.denominators,
      target: row.target,
      overdispersion: .multiplicative
    )
    for area in plot.areas {
      #expect(try plot.limits(denominator: area.denominator) == area.limits)
    }
  }

  @Test func `bad areas are refused with their position`() {
    let count = #expect(throws: StatisticsError.self) {
      try FunnelPlot(counts: [3, 12], denominators: [10, 11])
    }
    #expect(count?.kind == .invalidCount)
    #expect(count?.argument == "counts[1]")
    let lengths = #expect(throws: StatisticsError.self) {
      try FunnelPlot(counts: [3, 4], denominators: [10])
    }
    #expect(lengths?.kind == .mismatchedLengths)
    let same = #expect(throws: StatisticsError.self) {
      try FunnelPlot(counts: [0, 0], denominators: [10, 20])
    }
    #expect(same?.kind == .degenerateData)
    let one = #expect(throws: StatisticsError.self) {
      try FunnelPlot(counts: [3], denominators: [10], target: 0.2, overdispersion: .additive)
    }
    #expect(one?.kind == .insufficientData)
  }

  @Test func `positions order from furthest below to furthest above`() {
    #expect(FunnelPosition.allCases.sorted() == FunnelPosition.allCases)
    #expect(FunnelPosition.belowNinetyNinePointEight < .within)
  }
}
