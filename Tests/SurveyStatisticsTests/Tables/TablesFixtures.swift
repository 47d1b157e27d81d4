struct TablesFixture: Decodable {
  struct Contingency: Decodable {
    let observed: [[Int]]
    let yatesCorrection: Bool
    let chiSquare: Double
    let pValue: Double
    let degreesOfFreedom: Int
    let expected: [[Double]]
  }
  struct Holm: Decodable {
    let pValues: [Double]
    let adjusted: [Double]
  }
  let contingency: [Contingency]
  let holm: [Holm]

  static func load() throws -> TablesFixture {
    try Fixtures.load("tables.json", as: TablesFixture.self)
  }
}
