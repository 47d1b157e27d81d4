struct MeansFixture: Decodable {
  struct Interval: Decodable {
    let level: Double
    let lower: Double
    let upper: Double
  }
  struct Sample: Decodable {
    let values: [Double]
    let mean: Double
    let standardDeviation: Double
    let median: Double
    let lowerQuartile: Double
    let upperQuartile: Double
    let probabilities: [Double]
    let quantiles: [Double]
    let intervals: [Interval]
  }
  struct Welch: Decodable {
    let first: [Double]
    let second: [Double]
    let level: Double
    let t: Double
    let df: Double
    let pValue: Double
    let lower: Double
    let upper: Double
  }
  struct Difference: Decodable {
    let first: [Double]
    let second: [Double]
    let cohensD: Double
    let correctionFactor: Double
    let hedgesG: Double
    let approximateHedgesG: Double
  }
  struct Paired: Decodable {
    let baseline: [Double]
    let followUp: [Double]
    let level: Double
    let t: Double
    let df: Double
    let pValue: Double
    let lower: Double
    let upper: Double
    let meanChange: Double
    let standardizedChange: Double
  }
  struct Wilcoxon: Decodable {
    let label: String
    let changes: [Double]
    let statistic: Double
    let pValue: Double
    let method: String
    let asymptoticPValue: Double
    let asymptoticZ: Double
  }
  let samples: [Sample]
  let welch: [Welch]
  let standardizedMeanDifference: [Difference]
  let paired: [Paired]
  let wilcoxon: [Wilcoxon]

  static func load() throws -> MeansFixture {
    try Fixtures.load("means.json", as: MeansFixture.self)
  }
}
