struct WeightedFixture: Decodable {
  struct Case: Decodable {
    let label: String
    let values: [Double]
    let weights: [Double]
    let mean: Double
    let standardError: Double
    let designEffect: Double
    let normalLower: Double
    let normalUpper: Double
    let effectiveSampleSize: Double
    let degreesOfFreedom: Double
    let logitLower: Double?
    let logitUpper: Double?
    let meanLower: Double?
    let meanUpper: Double?
    let logitLower90: Double?
    let logitUpper90: Double?
    let meanLower90: Double?
    let meanUpper90: Double?
  }
  let cases: [Case]

  static func load() throws -> WeightedFixture {
    try Fixtures.load("weighted.json", as: WeightedFixture.self)
  }
}
