import SurveyStatistics
import Testing

@Suite struct FunnelControlLimitsTests {
  @Test func `exact binomial limits with interpolation match scipy`() throws {
    let fixture = try FunnelFixture.load()
    #expect(fixture.limits.count >= 50)
    for row in fixture.limits {
      let limits = try FunnelControlLimits.exactBinomial(
        target: row.target,
        denominator: row.denominator
      )
      let label = "target \(row.target), n \(row.denominator)"
      expectClose(limits.ninetyFive.lower, row.limits95[0], "95% lower, " + label)
      expectClose(limits.ninetyFive.upper, row.limits95[1], "95% upper, " + label)
      expectClose(limits.ninetyNinePointEight.lower, row.limits998[0], "99.8% lower, " + label)
      expectClose(limits.ninetyNinePointEight.upper, row.limits998[1], "99.8% upper, " + label)
      #expect(limits.ninetyFive.level == 0.95 && limits.ninetyNinePointEight.level == 0.998)
    }
  }

  @Test func `limits narrow smoothly as the denominator grows`() throws {
    var previous = try FunnelControlLimits.exactBinomial(target: 0.37, denominator: 50)
    for denominator in 51...400 {
      let limits = try FunnelControlLimits.exactBinomial(target: 0.37, denominator: denominator)
      // Interpolation leaves no jumps of a whole count: each step moves a limit by far less
      // than 1/n.
      let step = abs(limits.ninetyFive.upper - previous.ninetyFive.upper)
      #expect(step < 0.5 / Double(denominator), "n \(denominator): step \(step)")
      #expect(limits.ninetyNinePointEight.lower < limits.ninetyFive.lower)
      #expect(limits.ninetyFive.upper < limits.ninetyNinePointEight.upper)
      previous = limits
    }
  }

  @Test func `bad targets and denominators are refused`() {
    for target in [0, 1, -0.2, .nan] {
      let error = #expect(throws: StatisticsError.self) {
        try FunnelControlLimits.exactBinomial(target: target, denominator: 10)
      }
      #expect(error?.kind == .invalidProbability)
    }
    let error = #expect(throws: StatisticsError.self) {
      try FunnelControlLimits.exactBinomial(target: 0.3, denominator: 0)
    }
    #expect(error?.kind == .invalidCount)
  }
}
