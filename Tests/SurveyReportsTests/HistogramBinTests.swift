import SurveyCapture
import SurveyInstruments
import SurveyReports
import Testing

/// A report of one score with `values`, through the public builder.
private func histogram(
  _ values: [Double],
  range: ClosedRange<Double>?,
  decimals: Int = 0
) throws -> [CategoryEstimate] {
  var table = ResponseTable(instruments: [], attributeHeaders: [])
  for _ in values { try table.append(Response(attributes: [:])) }
  var builder = try ReportBuilder(
    table: table,
    options: ReportOptions(suppression: .none),
    sourceFiles: ["scores.csv"]
  )
  builder.addScore(
    id: "test.score",
    title: "Score",
    values: values,
    bands: nil,
    decimals: decimals,
    range: range,
    reason: { _ in "not scored" }
  )
  return try #require(builder.build().measures.first?.wholeSample?.histogram)
}

/// The first and last value of a bin labelled `14-16` or `70`.
private func ends(_ label: String) throws -> (Double, Double) {
  let parts = label.split(separator: "-").map { Double($0) }
  let low = try #require(parts.first ?? nil)
  let high = try #require(parts.last ?? nil)
  return (low, high)
}

@Suite struct HistogramBinTests {
  @Test func `WEMWBS bins stay within 14 to 70 and are all as wide`() throws {
    // Every whole value of the range once, and 70 (the maximum) four more times.
    let values = (14...70).map(Double.init) + [70, 70, 70, 70]
    let bins = try histogram(values, range: 14...70)
    let spans = try bins.map { try ends($0.category) }
    #expect(spans.first?.0 == 14)
    #expect(spans.last?.1 == 70)
    for (low, high) in spans { #expect(low >= 14 && high <= 70) }
    // Equal widths, each bin starting where the last ended.
    let widths = Set(spans.map { $0.1 - $0.0 })
    #expect(widths.count == 1)
    for (previous, next) in zip(spans, spans.dropFirst()) { #expect(next.0 == previous.1 + 1) }
    #expect(bins.map(\.count).reduce(0, +) == values.count)
    let lastWidth = try #require(spans.last).1 - (try #require(spans.last)).0 + 1
    #expect(bins.last?.count == Int(lastWidth) + 4)
  }

  @Test func `a short scale gets one bin per value across its whole range`() throws {
    let bins = try histogram([3, 4, 4, 9], range: 0...10)
    #expect(bins.map(\.category) == (0...10).map(String.init))
    #expect(bins.map(\.count) == [0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 0])
  }

  @Test func `when no width divides the range the last bin is cut at the maximum`() throws {
    // 61 values (0 to 60) is prime: bins of 5, the last one holding 60 alone.
    let bins = try histogram([0, 30, 60, 60], range: 0...60)
    #expect(bins.last?.category == "60")
    #expect(bins.last?.count == 2)
    for bin in bins { #expect(try ends(bin.category).1 <= 60) }
  }

  @Test func `a score with decimals is binned within its range`() throws {
    let bins = try histogram([7, 18.21, 35], range: 7...35, decimals: 2)
    #expect(bins.first?.category.hasPrefix("7.00-") == true)
    #expect(bins.last?.category.hasSuffix("-35.00") == true)
    #expect(bins.map(\.count).reduce(0, +) == 3)
  }

  @Test func `without a range the bins fit the values`() throws {
    let bins = try histogram([5, 6, 6, 8], range: nil)
    #expect(bins.map(\.category) == ["5", "6", "7", "8"])
  }
}
