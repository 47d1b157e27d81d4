import SurveyCSV
import Testing

/// Reads tricky inputs with every small chunk size, so that a chunk boundary falls on every byte.
struct ChunkBoundaryTests {
  static let trickyInputs: [(String, [[String]])] = [
    ("a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
    ("a\r\r\n\rb\r\n", [["a"], ["b"]]),
    ("\"x\r\ny\",\"\"\"\"\r\n\"\",z", [["x\r\ny", "\""], ["", "z"]]),
    ("é,€\n😀,\"ü\nß\"\n", [["é", "€"], ["😀", "ü\nß"]]),
    ("\"ab\"c,\"\"\"\",d\"e\r", [["abc", "\"", "d\"e"]]),
    (",,\n\n,\n", [["", "", ""], ["", ""]]),
    ("\"a\"\"\"\r\n\"\"\"b\"", [["a\""], ["\"b"]]),
  ]

  @Test(arguments: trickyInputs.indices)
  func `every chunk size gives the same records`(caseIndex: Int) throws {
    let (input, expected) = Self.trickyInputs[caseIndex]
    let bytes = Array(input.utf8)
    for chunkSize in 1...(bytes.count + 1) {
      let records = try CSVTestSupport.records(bytes, chunkSize: chunkSize, delimiter: .comma)
      #expect(records == expected, "chunk size \(chunkSize)")
    }
  }

  @Test func `a CRLF split across chunks ends one record`() throws {
    // "ab\r" | "\ncd": the LF arrives in the next chunk and must not start a blank line.
    #expect(try CSVTestSupport.records("ab\r\ncd", chunkSize: 3) == [["ab"], ["cd"]])
    let reader = CSVReader(bytes: Array("ab\r\n\r\ncd".utf8), options: .init(chunkSize: 3))
    var lines: [Int] = []
    try reader.forEachRecord { record in lines.append(record.lineNumber) }
    #expect(lines == [1, 3])
  }

  @Test func `a multi-byte UTF-8 character split across chunks is kept whole`() throws {
    // "€" is E2 82 AC; chunk size 2 splits it after its first byte.
    let records = try CSVTestSupport.records("a€,b\n€", chunkSize: 2)
    #expect(records == [["a€", "b"], ["€"]])
  }

  @Test(arguments: [false, true])
  func `a UTF-16 surrogate pair split across chunks is kept whole`(bigEndian: Bool) throws {
    let text = "x,😀y\n\"🙂\r\n\",z\n"
    let mark: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    let bytes = mark + CSVTestSupport.utf16Bytes(text, bigEndian: bigEndian)
    for chunkSize in 1...9 {
      let records = try CSVTestSupport.records(bytes, chunkSize: chunkSize)
      #expect(records == [["x", "😀y"], ["🙂\r\n", "z"]], "chunk size \(chunkSize)")
    }
  }

  @Test func `a long quoted field spanning many chunks is read whole`() throws {
    let long = String(repeating: "line, \"quoted\"\n", count: 2_000)
    let escaped = long.replacing("\"", with: "\"\"")
    let input = "id,text\n1,\"\(escaped)\"\n2,short\n"
    for chunkSize in [7, 100, 4_096] {
      let records = try CSVTestSupport.records(input, chunkSize: chunkSize)
      #expect(records == [["id", "text"], ["1", long], ["2", "short"]])
    }
  }
}
