import Foundation
import SurveyWorkbook
import Testing

/// The DEFLATE decoder against streams made by Python's zlib
/// (`Scripts/workbook/deflate_fixtures.py`): every level from 0 to 9, the fixed-Huffman,
/// Huffman-only and run-length strategies, a small window, and invalid streams.
@Suite struct DeflateTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var size: Int?
    var checksum: UInt32?
    var error: String?
    var testDescription: String { name }
  }

  static let cases: [Case] = {
    guard
      let text = try? String(
        contentsOf: workbookFixtures.appendingPathComponent("deflate/manifest.tsv"),
        encoding: .utf8
      )
    else { return [] }
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return Case(
        name: parts[0],
        size: Int(parts[1]),
        checksum: UInt32(parts[2], radix: 16),
        error: parts[3].isEmpty ? nil : parts[3]
      )
    }
  }()

  @Test func `the manifest lists valid and invalid streams`() {
    #expect(Self.cases.filter { $0.error == nil }.count >= 30)
    #expect(Self.cases.filter { $0.error != nil }.count >= 6)
  }

  @Test(arguments: cases.filter { $0.error == nil })
  func `decodes what zlib encoded`(testCase: Case) throws {
    let stream = try fixture("deflate/\(testCase.name).deflate")
    for pieceSize in [1 << 20, 4099, 301] {
      let output = try Deflate.decompress(stream, maximumSize: 1 << 24, pieceSize: pieceSize)
      #expect(output.count == testCase.size, "piece size \(pieceSize)")
      #expect(referenceCRC32(output) == testCase.checksum, "piece size \(pieceSize)")
    }
  }

  @Test(arguments: cases.filter { $0.error != nil })
  func `refuses an invalid stream`(testCase: Case) throws {
    let stream = try fixture("deflate/\(testCase.name).deflate")
    let error = #expect(throws: WorkbookError.self) {
      try Deflate.decompress(stream, maximumSize: 1 << 24)
    }
    #expect(error?.kind == .damagedArchive)
    #expect(error?.message == "the DEFLATE stream is damaged: \(testCase.error ?? "")")
  }

  @Test func `stops at the maximum size`() throws {
    let stream = try fixture("deflate/runs-level9.deflate")
    let error = #expect(throws: WorkbookError.self) {
      try Deflate.decompress(stream, maximumSize: 10_000, pieceSize: 4096)
    }
    #expect(error?.kind == .limitExceeded)
  }

  @Test func `every prefix of a stream is refused or decoded, never a crash`() throws {
    let stream = try fixture("deflate/text-level6.deflate")
    for length in stride(from: 0, to: stream.count, by: 97) {
      #expect(throws: WorkbookError.self) {
        try Deflate.decompress(Array(stream[0..<length]), maximumSize: 1 << 24)
      }
    }
  }
}
