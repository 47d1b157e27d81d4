import SurveyCSV
import TestSupport
import Testing

struct CSVReaderTests {
  // MARK: - Dialect

  @Test(
    arguments: [
      ("LF", "a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
      ("CRLF", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
      ("bare CR", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
      ("mixed", "a,b\r\n1,2\n3,4\r5,6", [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]),
      ("no final line break", "a,b\n1,2", [["a", "b"], ["1", "2"]]),
      ("final CR without LF", "a\r", [["a"]]),
    ]
  )
  func `every line ending ends a record`(
    name: String,
    input: String,
    expected: [[String]]
  )
    throws
  {
    #expect(try CSVTestSupport.records(input) == expected, "\(name)")
  }

  @Test(
    arguments: [
      ("a,,c\n,,\n", [["a", "", "c"], ["", "", ""]]),
      ("a,\n", [["a", ""]]),
      ("a,", [["a", ""]]),
      (",a", [["", "a"]]),
      ("\"\",\"\"\n", [["", ""]]),
    ]
  )
  func `empty fields are kept`(input: String, expected: [[String]]) throws {
    #expect(try CSVTestSupport.records(input) == expected)
  }

  @Test(
    arguments: [
      ("a\n\nb\r\n\r\nc\r\rd", [["a"], ["b"], ["c"], ["d"]]),
      ("\n\r\n\ra\n\n", [["a"]]),
      ("", []),
      ("\n", []),
      ("a\n\"\"\nb", [["a"], [""], ["b"]]),
      ("a\n,\nb", [["a"], ["", ""], ["b"]]),
      ("a\n \nb", [["a"], [" "], ["b"]]),
    ]
  )
  func `blank lines are skipped but empty quoted fields and delimiters are records`(
    input: String,
    expected: [[String]]
  ) throws {
    #expect(try CSVTestSupport.records(input) == expected)
  }

  @Test(
    arguments: [
      ("\"x\ny\",z\n", [["x\ny", "z"]]),
      ("\"x\r\ny\"\r\n", [["x\r\ny"]]),
      ("\"x\ry\"\r", [["x\ry"]]),
      ("\"a,b\",\"c\"\"d\"\n", [["a,b", "c\"d"]]),
      ("\"\n\n\"\n", [["\n\n"]]),
    ]
  )
  func `quoted fields keep delimiters, quotes and line breaks`(
    input: String,
    expected: [[String]]
  ) throws {
    #expect(try CSVTestSupport.records(input) == expected)
  }

  @Test(
    arguments: [
      ("5\" tall,x", [["5\" tall", "x"]]),
      ("a\"b\"c\n", [["a\"b\"c"]]),
      ("\"ab\"c,d", [["abc", "d"]]),
      ("\"a\"\"b\"c\"d\"", [["a\"bc\"d\""]]),
      (" \"x\" ,y", [[" \"x\" ", "y"]]),
    ]
  )
  func `stray quotes are kept literally`(input: String, expected: [[String]]) throws {
    #expect(try CSVTestSupport.records(input) == expected)
  }

  // MARK: - Records

  @Test func `records know their physical line and index`() throws {
    let input = "h1,h2\n\"a\nb\",c\r\n\r\nd,e\r\"f\r\n\r\ng\",h"
    for chunkSize in CSVTestSupport.chunkSizes {
      var positions: [[Int]] = []
      let reader = CSVReader(bytes: Array(input.utf8), options: .init(chunkSize: chunkSize))
      try reader.forEachRecord { record in
        positions.append([record.lineNumber, record.index])
      }
      #expect(positions == [[1, 0], [2, 1], [5, 2], [6, 3]], "chunk size \(chunkSize)")
    }
  }

  @Test func `fields can be read as bytes without building strings`() throws {
    let reader = CSVReader(bytes: Array("\"a\"\"b\",,\"\",xy,\"q\"\n".utf8))
    var checked = false
    try reader.forEachRecord { record in
      // A record cannot be copied, so values are taken out of it before `#expect` sees them.
      let count = record.count
      let escaped = record.withBytes(at: 0) { Array(bytes: $0) }
      let plain = record.withBytes(at: 3) { Array(bytes: $0) }
      let quoted = record.withBytes(at: 4) { Array(bytes: $0) }
      let emptiness = (0..<count).map { record.isEmpty(at: $0) }
      let string = record.string(at: 0)
      #expect(count == 5)
      #expect(escaped == Array("a\"b".utf8))
      #expect(plain == Array("xy".utf8))
      #expect(quoted == Array("q".utf8))
      #expect(emptiness == [false, true, true, false, false])
      #expect(string == "a\"b")
      checked = true
    }
    #expect(checked)
  }

  @Test(arguments: [1, 3, CSVReader.Options.defaultChunkSize])
  func `reading stops when the closure returns false`(chunkSize: Int) throws {
    let reader = CSVReader(
      bytes: Array("h1,h2\n1,2\n3,4\n\"never closed".utf8),
      options: .init(chunkSize: chunkSize)
    )
    var header: [String] = []
    var visits = 0
    try reader.readRecords(while: { record in
      header = record.strings()
      visits += 1
      return false
    })
    #expect(header == ["h1", "h2"])
    #expect(visits == 1)
  }

  @Test func `a reader can be read more than once`() throws {
    let reader = CSVReader(bytes: Array("a\nb\n".utf8), options: .init(chunkSize: 1))
    #expect(try reader.readAll() == [["a"], ["b"]])
    #expect(try reader.readAll() == [["a"], ["b"]])
  }

  // MARK: - Files

  @Test(arguments: [1, 5, CSVReader.Options.defaultChunkSize])
  func `files are read in chunks like bytes in memory`(chunkSize: Int) throws {
    let input = Array("id;name\r\n1;\"Zoë\r\nSmith\"\r\n2;Ana\r\n".utf8)
    let path = try temporaryFile(input)
    defer { removeTemporaryFile(path) }
    let reader = try CSVReader(contentsOfFile: path, options: .init(chunkSize: chunkSize))
    #expect(reader.filePath == path)
    #expect(reader.delimiter == .semicolon)
    #expect(try reader.readAll() == [["id", "name"], ["1", "Zoë\r\nSmith"], ["2", "Ana"]])
  }
}

extension Array where Element == UInt8 {
  /// Copies the bytes of a span.
  init(bytes span: Span<UInt8>) {
    self.init()
    for index in span.indices {
      append(span[index])
    }
  }
}
