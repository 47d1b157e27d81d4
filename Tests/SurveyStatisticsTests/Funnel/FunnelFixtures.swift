/// Funnel plot cases from Scripts/reference/funnel_reference.py (scipy.stats.binom and numpy).
struct FunnelFixture: Decodable {
  struct Limits: Decodable {
    let target: Double
    let denominator: Int
    let limits95: [Double]
    let limits998: [Double]
  }
  struct Area: Decodable {
    let proportion: Double
    let zScore: Double
    let adjustedZScore: Double
    let limits95: [Double]
    let limits998: [Double]
    let position: Int
  }
  struct Adjustment: Decodable {
    let adjusted: Bool
    let areas: [Area]
  }
  struct Expected: Decodable {
    let target: Double
    let dispersionRatio: Double
    let betweenAreaVariance: Double
    let none: Adjustment
    let multiplicative: Adjustment
    let additive: Adjustment
  }
  struct Case: Decodable {
    let label: String
    let counts: [Int]
    let denominators: [Int]
    let target: Double?
    let expected: Expected
  }
  let limits: [Limits]
  let cases: [Case]

  static func load() throws -> FunnelFixture {
    try Fixtures.load("funnel.json", as: FunnelFixture.self)
  }
}
