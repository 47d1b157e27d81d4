import Foundation
import SurveyCSV
import TestSupport
import Testing

struct CSVEncodingTests {
  static let sample = "naam,opmerking\n1,\"Zoë said “hi” – €5\"\n2,😀\n"
  static let sampleRecords = [["naam", "opmerking"], ["1", "Zoë said “hi” – €5"], ["2", "😀"]]

  @Test func `UTF-8 without a byte order mark is read as UTF-8`() throws {
    let reader = CSVReader(bytes: Array(Self.sample.utf8))
    #expect(reader.encoding == .utf8)
    #expect(reader.encodingDetection == .validUTF8)
    #expect(!reader.hasByteOrderMark)
    #expect(try reader.readAll() == Self.sampleRecords)
  }

  @Test(arguments: CSVTestSupport.chunkSizes)
  func `a UTF-8 byte order mark is dropped`(chunkSize: Int) throws {
    let reader = CSVReader(
      bytes: [0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8),
      options: .init(chunkSize: chunkSize)
    )
    #expect(reader.encoding == .utf8)
    #expect(reader.encodingDetection == .byteOrderMark)
    #expect(reader.hasByteOrderMark)
    #expect(try reader.readAll() == Self.sampleRecords)
  }

  @Test(arguments: CSVTestSupport.chunkSizes)
  func `a UTF-8 byte order mark before invalid UTF-8 is read as Windows-1252, without the mark`(
    chunkSize: Int
  ) throws {
    // "café" in Windows-1252 after a UTF-8 mark: the mark is wrong, the byte is kept.
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,note\n1,caf".utf8) + [0xE9, 0x0A]
    let reader = CSVReader(bytes: bytes, options: .init(chunkSize: chunkSize))
    #expect(reader.encoding == .windows1252)
    #expect(reader.encodingDetection == .invalidUTF8)
    #expect(reader.hasByteOrderMark)
    #expect(try reader.readAll() == [["name", "note"], ["1", "café"]])
  }

  @Test func `a UTF-8 byte order mark is checked against the whole file`() throws {
    // The invalid byte lies beyond the part of the file read to detect the delimiter.
    let rows = String(repeating: "1,plain ascii text\n", count: 5_000)
    let bytes = [0xEF, 0xBB, 0xBF] + Array("id,note\n\(rows)2,".utf8) + [0xFF, 0x0A]
    let path = try temporaryFile(bytes)
    defer { removeTemporaryFile(path) }
    let reader = try CSVReader(contentsOfFile: path)
    #expect(reader.encodingDetection == .invalidUTF8)
    #expect(try reader.readAll().last == ["2", "ÿ"])
  }

  @Test(arguments: [false, true], CSVTestSupport.chunkSizes)
  func `UTF-16 with a byte order mark is transcoded`(bigEndian: Bool, chunkSize: Int) throws {
    let mark: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    let bytes = mark + CSVTestSupport.utf16Bytes(Self.sample, bigEndian: bigEndian)
    let reader = CSVReader(bytes: bytes, options: .init(chunkSize: chunkSize))
    #expect(reader.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
    #expect(reader.encodingDetection == .byteOrderMark)
    #expect(reader.delimiter == .comma)
    #expect(try reader.readAll() == Self.sampleRecords)
  }

  @Test(arguments: [false, true])
  func `UTF-16 without a byte order mark is recognised by its zero bytes`(bigEndian: Bool) throws {
    let text = "a\tb\n1\t2\n"
    let reader = CSVReader(bytes: CSVTestSupport.utf16Bytes(text, bigEndian: bigEndian))
    #expect(reader.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
    #expect(reader.encodingDetection == .zeroBytePattern)
    #expect(reader.delimiter == .tab)
    #expect(try reader.readAll() == [["a", "b"], ["1", "2"]])
  }

  @Test func `a lone UTF-16 surrogate becomes a replacement character`() throws {
    let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00, 0x00, 0xDC]
    #expect(try CSVTestSupport.records(bytes) == [["a\u{FFFD}b\u{FFFD}"]])
  }

  @Test func `Windows-1252 bytes are transcoded, including 0x80 to 0x9F`() throws {
    let bytes: [UInt8] = [
      0x80, 0x2C, 0x91, 0x92, 0x2C, 0x93, 0x94, 0x2C, 0x96, 0x97, 0x2C, 0x85, 0x99, 0x0A,
      0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x2C, 0xA0, 0xE9, 0xFF, 0x0A,
    ]
    let reader = CSVReader(bytes: bytes)
    #expect(reader.encoding == .windows1252)
    #expect(reader.encodingDetection == .invalidUTF8)
    #expect(
      try reader.readAll() == [
        ["€", "‘’", "“”", "–—", "…™"],
        ["\u{81}\u{8D}\u{8F}\u{90}\u{9D}", "\u{A0}éÿ"],
      ]
    )
  }

  @Test func `every defined Windows-1252 byte matches Foundation's decoding`() throws {
    let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
    let high = (UInt8(0x80)...UInt8(0xFF)).filter { !undefined.contains($0) }
    let expected = try #require(String(data: Data(high), encoding: .windowsCP1252))
    let bytes = [UInt8(ascii: "\"")] + high + [UInt8(ascii: "\"")]
    let records = try CSVTestSupport.records(bytes, encoding: .windows1252)
    #expect(records == [[expected]])
  }

  @Test(arguments: [1_024, CSVReader.Options.defaultChunkSize])
  func `an invalid byte late in a large file selects Windows-1252`(chunkSize: Int) throws {
    var bytes = Array("id,name\n".utf8)
    let row = Array("12345,plain ascii text\n".utf8)
    while bytes.count < 3_000_000 {
      bytes += row
    }
    bytes += Array("99999,caf".utf8) + [0xE9, 0x0A]
    let path = try temporaryFile(bytes)
    defer { removeTemporaryFile(path) }
    let reader = try CSVReader(contentsOfFile: path, options: .init(chunkSize: chunkSize))
    #expect(reader.encoding == .windows1252)
    #expect(reader.encodingDetection == .invalidUTF8)
    var last: [String] = []
    var count = 0
    try reader.forEachRecord { record in
      last = record.strings()
      count += 1
    }
    #expect(last == ["99999", "café"])
    #expect(count == (bytes.count - 8 - 11) / row.count + 2)
  }

  @Test func `UTF-8 late in a large input stays UTF-8`() throws {
    let bytes = Array(String(repeating: "a,b\n", count: 100_000).utf8) + Array("é,€\n".utf8)
    let reader = CSVReader(bytes: bytes)
    #expect(reader.encoding == .utf8)
    #expect(try reader.readAll().last == ["é", "€"])
  }

  @Test func `a truncated UTF-8 sequence at the end selects Windows-1252`() throws {
    let reader = CSVReader(bytes: Array("a,b\n".utf8) + [0xE2, 0x82])
    #expect(reader.encoding == .windows1252)
  }

  @Test func `a specified encoding overrides detection`() throws {
    let reader = CSVReader(bytes: Array("é\n".utf8), options: .init(encoding: .windows1252))
    #expect(reader.encodingDetection == .specified)
    #expect(try reader.readAll() == [["Ã©"]])
  }

  @Test func `encodings have their usual names`() {
    #expect(
      CSVEncoding.allCases.map(\.description) == [
        "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252",
      ]
    )
  }
}
