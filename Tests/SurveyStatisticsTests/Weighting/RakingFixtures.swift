import SurveyStatistics

/// Raking cases from Scripts/reference/raking_reference.R (R's survey::rake and trimWeights).
struct RakingFixture: Decodable {
  struct Margin: Decodable {
    let name: String
    let categories: [String]
    let populationTotals: [Double]
    let respondentCategories: [Int]

    var margin: RakingMargin {
      RakingMargin(
        name: name,
        categories: categories,
        populationTotals: populationTotals,
        respondentCategories: respondentCategories
      )
    }
  }
  struct Trimming: Decodable {
    let lowerRelativeToMean: Double
    let upperRelativeToMean: Double
    let maximumRerakings: Int
  }
  struct Expected: Decodable {
    let converged: Bool
    let iterations: Int?
    let changes: [Double]?
    let meanWeight: Double?
    let rerakings: Int?
    let endedWithTrim: Bool?
    let weights: [Double]
    let effectiveSampleSize: Double
    let marginTotals: [[Double]]
  }
  struct Case: Decodable {
    let label: String
    let margins: [Margin]
    let startingWeights: [Double]?
    let maximumIterations: Int
    let epsilon: Double
    let trimming: Trimming?
    let expected: Expected

    func options(requireConvergence: Bool) -> RakingOptions {
      RakingOptions(
        maximumIterations: maximumIterations,
        epsilon: epsilon,
        requireConvergence: requireConvergence,
        trimming: trimming.map {
          WeightTrimming(
            lowerRelativeToMean: $0.lowerRelativeToMean,
            upperRelativeToMean: $0.upperRelativeToMean,
            maximumRerakings: $0.maximumRerakings
          )
        }
      )
    }
  }
  let cases: [Case]

  static func load() throws -> RakingFixture {
    try Fixtures.load("raking.json", as: RakingFixture.self)
  }
}
