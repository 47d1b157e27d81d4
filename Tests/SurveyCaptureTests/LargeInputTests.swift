import SurveyCapture
import SurveyInstruments
import Testing

/// Inputs at the edges of what an export can be: very wide records, huge cells.
///
/// Each must end quickly with a located error or a correct reading, and messages must quote
/// values at a readable length.
@Suite struct LargeInputTests {
  @Test(arguments: [1, 2])
  func `a record wider than a spreadsheet is refused where it is`(line: Int) throws {
    let wide = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
    let text = line == 1 ? wide + "\n1\n" : "id,answer\n" + wide + "\n"
    let error = #expect(throws: ImportError.self) {
      _ = try ExportImporter.layout(of: .bytes(bytes(text), name: "wide.csv"))
    }
    #expect(error?.kind == .tooManyColumns)
    #expect(
      error?.description
        == "wide.csv:\(line):1: error: the record has 100000 fields; an export may have at most 16384 columns, the most a spreadsheet holds\nhint: is this a survey export? check the delimiter (--delimiter) and the file's format"
    )
  }

  @Test func `an export as wide as a spreadsheet is read`() throws {
    let columns = ExportImporter.maximumColumns
    let header = (0..<columns).map { "c\($0)" }.joined(separator: ",")
    let layout = try ExportImporter.layout(of: .bytes(bytes(header + "\n"), name: "full.csv"))
    #expect(layout.headers.count == columns)
  }

  @Test func `a huge header cell is read, named in full and quoted briefly`() throws {
    let huge = "Comments " + String(repeating: "x", count: 2_000_000)
    let text = "How often do you feel lonely?,\(huge)\nOften/always,fine\nSometimes perhaps,\n"
    let result = try ExportImporter.read(
      .bytes(bytes(text), name: "huge.csv"),
      instruments: [try builtIn("ons-loneliness")],
      options: ImportOptions(attributes: .all)
    )
    #expect(result.table.attributes.map(\.header) == [huge])
    let problem = try #require(result.report.problems.first { $0.kind == .unrecognisedAnswer })
    #expect(problem.description.contains("'Sometimes perhaps'"))
    let ambiguous = "id,\(huge)\n1,2\n"
    let mapped = #expect(throws: ImportError.self) {
      _ = try ExportImporter.read(
        .bytes(bytes(ambiguous), name: "huge.csv"),
        instruments: [try builtIn("ons-loneliness")],
        options: ImportOptions(columnMappings: [
          try ColumnMapping(argument: "ons-loneliness.lonely=no such column")
        ])
      )
    }
    #expect(
      (mapped?.description.utf8.count ?? 0) < 2_000,
      "\(mapped?.description.prefix(300) ?? "")"
    )
  }

  @Test func `a huge answer is quoted at a readable length`() throws {
    let answer = String(repeating: "never ", count: 500_000)
    let text = "How often do you feel lonely?\n\(answer)\n"
    let report = try ExportImporter.report(
      .bytes(bytes(text), name: "answer.csv"),
      instruments: [try builtIn("ons-loneliness")]
    )
    let problem = try #require(report.problems.first { $0.kind == .unrecognisedAnswer })
    #expect(problem.description.utf8.count < 1_000)
    #expect(problem.description.contains("… (3,000,000 characters)"))
  }
}
