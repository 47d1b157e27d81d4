import SurveyCSV
import Testing

struct CSVWriterTests {
  @Test(
    arguments: [
      ("plain", "plain"),
      ("", ""),
      ("a,b", "\"a,b\""),
      ("a;b", "a;b"),
      ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("line\nbreak", "\"line\nbreak\""),
      ("carriage\rreturn", "\"carriage\rreturn\""),
      (" leading", "\" leading\""),
      ("trailing ", "\"trailing \""),
      ("inner space", "inner space"),
      ("Zoë €", "Zoë €"),
    ]
  )
  func `fields are quoted when they must be`(value: String, expected: String) {
    #expect(CSVWriter().field(value) == expected)
  }

  @Test func `a semicolon writer quotes semicolons, not commas`() {
    let writer = CSVWriter(delimiter: .semicolon)
    #expect(writer.line(["a;b", "2,5"]) == "\"a;b\";2,5\n")
  }

  @Test(
    arguments: [
      ("=1+1", "'=1+1"),
      ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
      ("+cmd", "'+cmd"),
      ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
      ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
      ("\tx", "'\tx"),
      ("\rx", "\"'\rx\""),
      ("-", "'-"),
      ("+", "'+"),
      ("-1,234.5", "\"'-1,234.5\""),
      ("-1.", "'-1."),
      ("--1", "'--1"),
      ("-1e", "'-1e"),
      ("- 1", "'- 1"),
    ]
  )
  func `values a spreadsheet would run get a leading apostrophe`(value: String, expected: String) {
    #expect(CSVWriter().field(value) == expected)
  }

  @Test(arguments: ["-3", "+1.5", "-0.25e3", "-0,5", "-.5", "+7", "-2.5E-3", "1e5", "a=b"])
  func `plain numbers and harmless text are left alone`(value: String) {
    let expected = value.contains(",") ? "\"\(value)\"" : value
    #expect(CSVWriter().field(value) == expected)
  }

  @Test func `neutralizing can be turned off`() {
    #expect(CSVWriter(neutralizesFormulas: false).field("=1+1") == "=1+1")
  }

  @Test func `lines end with LF by default and CRLF on request`() {
    #expect(CSVWriter().line(["a", "b"]) == "a,b\n")
    #expect(CSVWriter(lineEnding: .carriageReturnLineFeed).line(["a", "b"]) == "a,b\r\n")
    #expect(CSVWriter().text(for: [["h"], ["1"]]) == "h\n1\n")
  }

  @Test func `a record of one empty field is written as two quotes`() {
    #expect(CSVWriter().line([""]) == "\"\"\n")
    #expect(CSVWriter().line(["", ""]) == ",\n")
    #expect(CSVWriter().line([String]()) == "\n")
  }

  @Test func `records can be written to a stream`() {
    var output = ""
    let writer = CSVWriter()
    writer.write(["id", "comment"], to: &output)
    writer.write(["1", "said \"hi\", left"], to: &output)
    #expect(output == "id,comment\n1,\"said \"\"hi\"\", left\"\n")
  }
}
