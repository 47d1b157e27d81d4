import SurveyCSV
import Testing

struct CSVDelimiterTests {
  @Test(
    arguments: [
      ("a,b,c\n1,2,3\n", CSVDelimiter.comma),
      ("a;b;c\n1;2;3\n", .semicolon),
      ("a\tb\tc\n1\t2\t3\n", .tab),
      ("id;score;weight\n1;2,5;0,75\n2;3,0;1,25\n", .semicolon),
      ("\"Respondent, ID\";Q1\n\"A, B\";4\n", .semicolon),
      ("id,comment\n1,hi; there\n2,ok; fine\n", .comma),
      ("name\tnote\nAnn\t1,5\nBob\t2,5;x\n", .tab),
      ("\"a;b\",c\n\"1;2\",3\n", .comma),
      ("name\nAnn\nBob\n", .comma),
      ("", .comma),
    ]
  )
  func `the delimiter is detected from the header and first records`(
    input: String,
    expected: CSVDelimiter
  ) {
    let reader = CSVReader(bytes: Array(input.utf8))
    #expect(reader.delimiter == expected)
    #expect(reader.isDelimiterDetected)
  }

  @Test func `semicolon files keep their decimal commas`() throws {
    let records = try CSVTestSupport.records("id;score\r\n1;2,5\r\n2;-0,75\r\n")
    #expect(records == [["id", "score"], ["1", "2,5"], ["2", "-0,75"]])
  }

  @Test func `an explicit delimiter overrides detection`() throws {
    let reader = CSVReader(bytes: Array("a;b,c\n".utf8), options: .init(delimiter: .comma))
    #expect(!reader.isDelimiterDetected)
    #expect(try reader.readAll() == [["a;b", "c"]])
    let pipe = try #require(CSVDelimiter("|"))
    #expect(try CSVTestSupport.records("a|\"b|c\"\n", delimiter: pipe) == [["a", "b|c"]])
  }

  @Test(arguments: ["\"", "\n", "\r", "é"] as [Unicode.Scalar])
  func `quotes, line breaks and non-ASCII characters cannot be delimiters`(
    character: Unicode.Scalar
  ) {
    #expect(CSVDelimiter(character) == nil)
  }

  @Test func `delimiters describe themselves`() throws {
    #expect(CSVDelimiter.comma.description == "comma")
    #expect(CSVDelimiter.semicolon.description == "semicolon")
    #expect(CSVDelimiter.tab.description == "tab")
    #expect(try #require(CSVDelimiter("|")).description == "'|'")
  }
}
