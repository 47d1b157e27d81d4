import SurveyStatistics
import Testing

@Suite struct RakingTests {
  // The Swift sweeps are rake's own sweeps in the same order, so the weights agree to rounding;
  // the tests hold them to 1e-9, tighter than the 1e-6 an iterative method is allowed.
  @Test func `weights, sweeps and convergence match R survey rake and trimWeights`() throws {
    let fixture = try RakingFixture.load()
    #expect(fixture.cases.count >= 6)
    for row in fixture.cases {
      let raking = try Raking(
        margins: row.margins.map(\.margin),
        startingWeights: row.startingWeights,
        options: row.options(requireConvergence: false)
      )
      let expected = row.expected
      #expect(raking.converged == expected.converged, "converged, \(row.label)")
      #expect(raking.weights.count == expected.weights.count, "count, \(row.label)")
      for (index, (weight, reference)) in zip(raking.weights, expected.weights).enumerated() {
        expectClose(weight, reference, "weight \(index), \(row.label)")
      }
      expectClose(
        raking.efficiency.effectiveSampleSize,
        expected.effectiveSampleSize,
        "n_eff, " + row.label
      )
      for (margin, totals) in expected.marginTotals.enumerated() {
        for (category, total) in totals.enumerated() {
          expectClose(
            raking.marginTotals[margin][category],
            total,
            "total \(margin).\(category), \(row.label)"
          )
        }
      }
      if let iterations = expected.iterations, let changes = expected.changes {
        #expect(raking.iterations == iterations, "iterations, \(row.label)")
        for (sweep, change) in zip(raking.sweeps, changes) {
          // A change near the end is a difference of nearly equal cell totals.
          expectClose(
            sweep.largestCellChange,
            change,
            "change, \(row.label)",
            relative: 1e-6,
            absolute: 1e-9
          )
        }
      }
      if let rerakings = expected.rerakings {
        let trimming = try #require(raking.trimming, "trimming, \(row.label)")
        #expect(trimming.rerakings == rerakings, "rerakings, \(row.label)")
        #expect(trimming.endedWithTrim == expected.endedWithTrim, "ended, \(row.label)")
        expectClose(trimming.meanWeight, try #require(expected.meanWeight), "mean, " + row.label)
        for weight in raking.weights {
          #expect(weight >= trimming.lowerBound && weight <= trimming.upperBound)
        }
      }
    }
  }

  @Test func `efficiency and design effect are Kish's n_eff over n and its inverse`() throws {
    let fixture = try RakingFixture.load()
    let row = try #require(fixture.cases.first)
    let raking = try Raking(
      margins: row.margins.map(\.margin),
      options: row.options(requireConvergence: true)
    )
    let n = Double(raking.weights.count)
    expectClose(raking.efficiency.efficiency, row.expected.effectiveSampleSize / n, "efficiency")
    expectClose(raking.efficiency.designEffect, n / row.expected.effectiveSampleSize, "deff")
  }

  @Test func `running out of sweeps names the category furthest from its total`() throws {
    let fixture = try RakingFixture.load()
    let row = try #require(fixture.cases.first { !$0.expected.converged })
    let error = #expect(throws: StatisticsError.self) {
      try Raking(
        margins: row.margins.map(\.margin),
        startingWeights: row.startingWeights,
        options: row.options(requireConvergence: true)
      )
    }
    #expect(error?.kind == .notConverged)
    #expect(error?.argument.hasPrefix("margins[") == true)
    #expect(error?.message.contains("3 iterations") == true)
    #expect(error?.hint != nil)
  }

  // Two margins over four respondents: sex (2 categories) and area (3 categories).
  private func margins(
    sexTotals: [Double] = [60, 40],
    areaTotals: [Double] = [30, 50, 20],
    areas: [Int] = [0, 1, 2, 1]
  ) -> [RakingMargin] {
    [
      RakingMargin(
        name: "sex",
        categories: ["Female", "Male"],
        populationTotals: sexTotals,
        respondentCategories: [0, 0, 1, 1]
      ),
      RakingMargin(
        name: "area",
        categories: ["North", "South", "East"],
        populationTotals: areaTotals,
        respondentCategories: areas
      ),
    ]
  }

  @Test func `a category with people but no respondents is an empty cell named in the error`() {
    let error = #expect(throws: StatisticsError.self) {
      try Raking(margins: margins(areas: [0, 1, 1, 1]))
    }
    #expect(error?.kind == .emptyCategory)
    #expect(error?.argument == "margins[1].categories[2]")
    #expect(error?.message.contains("margin 'area', category 'East'") == true)
  }

  @Test func `respondents in a category with a total of 0 are an error`() {
    let error = #expect(throws: StatisticsError.self) {
      try Raking(margins: margins(areaTotals: [50, 50, 0]))
    }
    #expect(error?.kind == .emptyCategory)
    #expect(error?.message.contains("'East'") == true)
  }

  @Test func `margins whose totals disagree are refused, naming both`() {
    let error = #expect(throws: StatisticsError.self) {
      try Raking(margins: margins(areaTotals: [30, 50, 25]))
    }
    #expect(error?.kind == .inconsistentMargins)
    #expect(error?.message.contains("'area' totals 105") == true)
    #expect(error?.message.contains("'sex' totals 100") == true)
    // Within the relative tolerance the totals count as the same.
    #expect(throws: Never.self) {
      try Raking(margins: margins(areaTotals: [30, 50, 20.000_01]))
    }
  }

  @Test func `negative, infinite and out-of-range inputs name the margin and category`() {
    let negative = #expect(throws: StatisticsError.self) {
      try Raking(margins: margins(sexTotals: [110, -10]))
    }
    #expect(negative?.kind == .invalidMargin)
    #expect(negative?.argument == "margins[0].populationTotals[1]")
    #expect(negative?.message.contains("category 'Male'") == true)
    let infinite = #expect(throws: StatisticsError.self) {
      try Raking(margins: margins(areaTotals: [30, .infinity, 20]))
    }
    #expect(infinite?.kind == .invalidMargin)
    let outside = #expect(throws: StatisticsError.self) {
      try Raking(margins: margins(areas: [0, 1, 2, 3]))
    }
    #expect(outside?.kind == .invalidMargin)
    #expect(outside?.argument == "margins[1].respondentCategories[3]")
    let weights = #expect(throws: StatisticsError.self) {
      try Raking(margins: margins(), startingWeights: [1, 0, 1, 1])
    }
    #expect(weights?.kind == .invalidWeight)
    let bounds = #expect(throws: StatisticsError.self) {
      try Raking(
        margins: margins(),
        options: RakingOptions(trimming: WeightTrimming(upperRelativeToMean: 0.9))
      )
    }
    #expect(bounds?.kind == .invalidWeight)
  }

  @Test func `trimming keeps the total and the bounds`() throws {
    let trimmed = try WeightTrimming.trim([0.2, 1, 1, 1, 1, 5.8], lower: 0.5, upper: 3)
    expectClose(trimmed.reduce(0, +), 10, "total")
    #expect(trimmed.allSatisfy { $0 >= 0.5 && $0 <= 3 })
  }
}
