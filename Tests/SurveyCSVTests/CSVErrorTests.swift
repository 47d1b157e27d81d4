import SurveyCSV
import TestSupport
import Testing

struct CSVErrorTests {
  static let unterminatedHint =
    "hint: add the closing '\"' to the field that starts '\"Once upon a time'; "
    + "write each '\"' inside a quoted field as '\"\"'"

  @Test(arguments: CSVTestSupport.chunkSizes)
  func `an unterminated quote is reported where the quote opened`(chunkSize: Int) throws {
    let input = Array("id,story\n1,\"Once upon a time\n2,the end\n".utf8)
    let reader = CSVReader(bytes: input, options: .init(chunkSize: chunkSize))
    let error = #expect(throws: CSVError.self) { try reader.readAll() }
    #expect(error?.kind == .unterminatedQuote)
    #expect(error?.line == 2)
    #expect(error?.column == 3)
    #expect(
      error?.description == "2:3: error: quoted field is never closed\n" + Self.unterminatedHint
    )
  }

  @Test func `an unterminated quote in a file names the file`() throws {
    let path = try temporaryFile(
      Array("id,story\r\n1,\"Once upon a time\r\n".utf8),
      named: "export.csv"
    )
    defer { removeTemporaryFile(path) }
    let reader = try CSVReader(contentsOfFile: path)
    let error = #expect(throws: CSVError.self) { try reader.readAll() }
    #expect(error?.filePath == path)
    #expect(
      error?.description
        == "\(path):2:3: error: quoted field is never closed\n" + Self.unterminatedHint
    )
  }

  @Test(
    arguments: [
      ("a,\"b\nc\",\"d\ne", 2, 4),
      ("x\r\n\r\né,\"x", 3, 3),
      ("\"", 1, 1),
      ("a\r\"b\r\n\"\"", 2, 1),
    ]
  )
  func `line and column count line breaks and characters before the quote`(
    input: String,
    line: Int,
    column: Int
  ) throws {
    for chunkSize in [1, 2, 64] {
      let reader = CSVReader(bytes: Array(input.utf8), options: .init(chunkSize: chunkSize))
      let error = #expect(throws: CSVError.self) { try reader.readAll() }
      #expect(error?.line == line, "chunk size \(chunkSize)")
      #expect(error?.column == column, "chunk size \(chunkSize)")
    }
  }

  @Test func `a missing file is reported as not found`() throws {
    let path = "/nonexistent-folder-for-tests/export.csv"
    let error = #expect(throws: CSVError.self) { try CSVReader(contentsOfFile: path) }
    #expect(error?.kind == .fileNotFound)
    #expect(error?.line == nil)
    #expect(
      error?.description
        == "\(path): error: no such file\n"
        + "hint: check the spelling of the path and the current directory"
    )
  }

  @Test func `a directory is reported as a directory`() throws {
    let path = try temporaryFile([])
    defer { removeTemporaryFile(path) }
    let folder = String(path.dropLast("/input.csv".count))
    let error = #expect(throws: CSVError.self) { try CSVReader(contentsOfFile: folder) }
    #expect(error?.kind == .isDirectory)
  }

  @Test func `the description leaves out unknown parts of the position`() {
    let error = CSVError(kind: .readFailed, message: "cannot read the file")
    #expect(error.description == "error: cannot read the file")
    let located = CSVError(kind: .readFailed, filePath: "a.csv", line: 4, message: "m", hint: "h")
    #expect(located.description == "a.csv:4: error: m\nhint: h")
  }
}
