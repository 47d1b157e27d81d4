/// Weighted comparison cases from Scripts/reference/weighted_comparisons_reference.R (R's survey
/// package: svyby, svycontrast, svyciprop, svyttest, svymean).
struct WeightedComparisonFixture: Decodable {
  struct Group: Decodable {
    let estimate: Double
    let standardError: Double
    let degreesOfFreedom: Double
    let logitLower: Double
    let logitUpper: Double
    let meanLower: Double
    let meanUpper: Double
  }
  struct ProportionExpected: Decodable {
    let first: Group
    let second: Group
    let estimate: Double
    let standardError: Double
    let zStatistic: Double
    let pValue: Double
    let normalLower: Double
    let normalUpper: Double
    let normalLower90: Double
    let normalUpper90: Double
    let difference: Double
    let tStatistic: Double
    let degreesOfFreedom: Double
    let tLower: Double
    let tUpper: Double
  }
  struct Proportion: Decodable {
    let label: String
    let firstValues: [Double]
    let firstWeights: [Double]
    let secondValues: [Double]
    let secondWeights: [Double]
    let expected: ProportionExpected
  }
  struct GroupMeans: Decodable {
    let estimates: [Double]
    let standardErrors: [Double]
    let normalLowers: [Double]
    let normalUppers: [Double]
  }
  struct MeanExpected: Decodable {
    let groups: GroupMeans
    let difference: Double
    let tStatistic: Double
    let degreesOfFreedom: Double
    let pValue: Double
    let tLower: Double
    let tUpper: Double
  }
  struct Mean: Decodable {
    let label: String
    let firstValues: [Double]
    let firstWeights: [Double]
    let secondValues: [Double]
    let secondWeights: [Double]
    let expected: MeanExpected
  }
  struct PairedExpected: Decodable {
    let beforeMean: Double
    let afterMean: Double
    let estimate: Double
    let standardError: Double
    let normalLower: Double
    let normalUpper: Double
    let tStatistic: Double
    let degreesOfFreedom: Double
    let pValue: Double
    let tLower: Double
    let tUpper: Double
  }
  struct Paired: Decodable {
    let label: String
    let before: [Double]
    let after: [Double]
    let weights: [Double]
    let expected: PairedExpected
  }
  let proportions: [Proportion]
  let means: [Mean]
  let paired: [Paired]

  static func load() throws -> WeightedComparisonFixture {
    try Fixtures.load("weighted-comparisons.json", as: WeightedComparisonFixture.self)
  }
}
