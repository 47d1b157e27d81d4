struct DistributionFixture: Decodable {
  struct Normal: Decodable {
    let x: Double
    let cdf: Double
    let sf: Double
    let pdf: Double
  }
  struct Quantile: Decodable {
    let df: Double?
    let p: Double
    let quantile: Double
    let upperQuantile: Double
  }
  struct StudentT: Decodable {
    let df: Double
    let x: Double
    let cdf: Double
    let sf: Double
    let pdf: Double
  }
  struct ChiSquare: Decodable {
    let df: Double
    let x: Double
    let cdf: Double
    let sf: Double
  }
  struct F: Decodable {
    let df1: Double
    let df2: Double
    let x: Double
    let cdf: Double
    let sf: Double
  }
  struct Binomial: Decodable {
    let n: Int
    let p: Double
    let k: Int
    let pmf: Double
    let cdf: Double
    let sf: Double
  }
  let normal: [Normal]
  let normalQuantile: [Quantile]
  let t: [StudentT]
  let tQuantile: [Quantile]
  let chiSquare: [ChiSquare]
  let f: [F]
  let binomial: [Binomial]

  static func load() throws -> DistributionFixture {
    try Fixtures.load("distributions.json", as: DistributionFixture.self)
  }
}
