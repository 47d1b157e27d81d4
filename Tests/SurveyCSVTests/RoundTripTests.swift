import SurveyCSV
import TestSupport
import Testing

/// Random tables written by `CSVWriter` and read back by `CSVReader` come back unchanged.
struct RoundTripTests {
  static let alphabet: [String] = [
    "a", "b", "Z", "0", "7", " ", ",", ";", "\t", "\"", "\n", "\r", "\r\n", "é", "€", "😀", "'",
    "=", "-", "+", "@", ".",
  ]

  static func randomTable(using generator: inout SeededGenerator) -> [[String]] {
    let columns = Int.random(in: 1...5, using: &generator)
    let rows = Int.random(in: 1...8, using: &generator)
    return (0..<rows).map { _ in
      (0..<columns).map { _ in
        let length = Int.random(in: 0...6, using: &generator)
        return (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
      }
    }
  }

  @Test(
    arguments: [
      (CSVDelimiter.comma, CSVWriter.LineEnding.lineFeed),
      (.semicolon, .carriageReturnLineFeed),
      (.tab, .lineFeed),
    ]
  )
  func `random tables round-trip exactly`(
    delimiter: CSVDelimiter,
    lineEnding: CSVWriter.LineEnding
  ) throws {
    var generator = SeededGenerator(seed: 20_240_601)
    let writer = CSVWriter(delimiter: delimiter, lineEnding: lineEnding, neutralizesFormulas: false)
    for trial in 0..<300 {
      let table = Self.randomTable(using: &generator)
      let bytes = Array(writer.text(for: table).utf8)
      let chunkSize = Int.random(in: 1...16, using: &generator)
      let read = try CSVTestSupport.records(bytes, chunkSize: chunkSize, delimiter: delimiter)
      #expect(read == table, "trial \(trial), chunk size \(chunkSize)")
    }
  }

  @Test func `neutralized values come back with only the leading apostrophe added`() throws {
    var generator = SeededGenerator(seed: 7)
    let writer = CSVWriter()
    let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    var neutralizedCount = 0
    for _ in 0..<300 {
      let table = Self.randomTable(using: &generator)
      let read = try CSVTestSupport.records(writer.text(for: table), delimiter: .comma)
      #expect(read.count == table.count)
      for (readRow, row) in zip(read, table) {
        for (readValue, value) in zip(readRow, row) {
          if readValue == value {
            continue
          }
          neutralizedCount += 1
          #expect(readValue == "'" + value)
          #expect(value.unicodeScalars.first.map { triggers.contains($0) } == true)
        }
      }
    }
    #expect(neutralizedCount > 0)
  }
}
