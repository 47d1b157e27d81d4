import Foundation
import SurveyCSV
import TestSupport
import Testing

/// Every case of the csv-spectrum acid test, read whole and in small chunks.
struct CSVSpectrumTests {
  static let folder = fixturesFolder(of: "SurveyCSVTests").appendingPathComponent("csv-spectrum")

  static let caseNames: [String] = {
    let csvs = folder.appendingPathComponent("csvs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: csvs.path)) ?? []
    return names.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
  }()

  @Test func `the fixture folder holds all eleven cases`() {
    #expect(Self.caseNames.count == 11)
  }

  @Test(arguments: caseNames, CSVTestSupport.chunkSizes)
  func `records match the expected JSON`(caseName: String, chunkSize: Int) throws {
    let csv = try Data(
      contentsOf: Self.folder.appendingPathComponent("csvs/\(caseName).csv")
    )
    let json = try Data(
      contentsOf: Self.folder.appendingPathComponent("json/\(caseName).json")
    )
    let expected = try JSONDecoder().decode([[String: String]].self, from: json)

    let records = try CSVTestSupport.records(Array(csv), chunkSize: chunkSize)
    let header = try #require(records.first)
    let rows = records.dropFirst().map { record in
      #expect(record.count == header.count)
      return Dictionary(uniqueKeysWithValues: zip(header, record))
    }
    #expect(rows == expected)
  }
}
