struct ProportionFixture: Decodable {
  struct Wilson: Decodable {
    let successes: Int
    let trials: Int
    let level: Double
    let lower: Double
    let upper: Double
  }
  struct Newcombe: Decodable {
    let firstSuccesses: Int
    let firstTrials: Int
    let secondSuccesses: Int
    let secondTrials: Int
    let level: Double
    let lower: Double
    let upper: Double
  }
  struct TwoProportion: Decodable {
    let firstSuccesses: Int
    let firstTrials: Int
    let secondSuccesses: Int
    let secondTrials: Int
    let z: Double
    let chiSquare: Double
    let pValue: Double
  }
  struct McNemar: Decodable {
    let firstOnly: Int
    let secondOnly: Int
    let exactStatistic: Double
    let exactPValue: Double
    let chiSquareStatistic: Double?
    let chiSquarePValue: Double?
  }
  let wilson: [Wilson]
  let newcombe: [Newcombe]
  let twoProportion: [TwoProportion]
  let mcnemar: [McNemar]

  static func load() throws -> ProportionFixture {
    try Fixtures.load("proportions.json", as: ProportionFixture.self)
  }
}
