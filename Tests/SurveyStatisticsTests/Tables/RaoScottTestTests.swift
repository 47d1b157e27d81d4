import SurveyStatistics
import Testing

struct RaoScottFixture: Decodable {
  struct Case: Decodable {
    let label: String
    let respondents: Int
    let weights: [[Double]]
    let squaredWeights: [[Double]]
    let pearsonChiSquare: Double
    let statistic: Double
    let numeratorDegreesOfFreedom: Double
    let denominatorDegreesOfFreedom: Double
    let pValue: Double
    let firstOrderPValue: Double
  }
  let cases: [Case]
}

@Suite struct RaoScottTestTests {
  @Test func `agrees with R's survey::svychisq on every reference table`() throws {
    let fixture = try Fixtures.load("rao-scott.json", as: RaoScottFixture.self)
    #expect(fixture.cases.count == 5)
    for reference in fixture.cases {
      let test = try RaoScottTest(
        weights: reference.weights,
        squaredWeights: reference.squaredWeights,
        respondents: reference.respondents
      )
      let label = reference.label
      expectClose(test.pearsonChiSquare, reference.pearsonChiSquare, "\(label): Pearson X²")
      expectClose(test.statistic, reference.statistic, "\(label): F")
      expectClose(
        test.numeratorDegreesOfFreedom,
        reference.numeratorDegreesOfFreedom,
        "\(label): ndf"
      )
      expectClose(
        test.denominatorDegreesOfFreedom,
        reference.denominatorDegreesOfFreedom,
        "\(label): ddf"
      )
      expectClose(test.pValue, reference.pValue, "\(label): p")
      expectClose(test.firstOrderPValue, reference.firstOrderPValue, "\(label): first-order p")
    }
  }

  @Test func `with every weight 1 the design effect is n over n - 1`() throws {
    let counts: [[Double]] = [[12, 8, 5], [7, 15, 9]]
    let test = try RaoScottTest(weights: counts, squaredWeights: counts, respondents: 56)
    expectClose(test.meanDesignEffect, 56.0 / 55.0, "mean design effect")
    expectClose(test.numeratorDegreesOfFreedom, 2, "ndf")
    let pearson = try ContingencyTableTest(observed: [[12, 8, 5], [7, 15, 9]])
    expectClose(test.pearsonChiSquare, pearson.chiSquare, "X² as Pearson's on the counts")
  }

  @Test func `an empty row, a ragged table or a negative weight is an error`() {
    #expect(throws: StatisticsError.self) {
      try RaoScottTest(
        weights: [[1, 2], [0, 0]],
        squaredWeights: [[1, 2], [0, 0]],
        respondents: 3
      )
    }
    #expect(throws: StatisticsError.self) {
      try RaoScottTest(weights: [[1, 2], [3]], squaredWeights: [[1, 2], [3]], respondents: 6)
    }
    #expect(throws: StatisticsError.self) {
      try RaoScottTest(
        weights: [[1, -2], [3, 4]],
        squaredWeights: [[1, 4], [9, 16]],
        respondents: 4
      )
    }
  }
}
