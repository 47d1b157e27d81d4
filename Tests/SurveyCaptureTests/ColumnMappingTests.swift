import SurveyCapture
import SurveyInstruments
import Testing

@Suite struct ColumnMappingTests {
  @Test func `a map file gives mappings with their positions`() throws {
    let text =
      "{\n  \"format\": 1,\n  \"columns\": {\"ons-loneliness.lonely\": \"Q4 How often…\", \"isolated\": \"Q3\"}\n}\n"
    let mappings = try ColumnMapping.mappings(fromMapFile: Array(text.utf8), path: "map.json")
    #expect(mappings.map(\.item) == ["ons-loneliness.lonely", "isolated"])
    #expect(mappings.map(\.header) == ["Q4 How often…", "Q3"])
    #expect(
      mappings[0].origin
        == .mapFile(
          path: "map.json",
          keyPosition: TextPosition(line: 3, column: 15),
          valuePosition: TextPosition(line: 3, column: 40)
        )
    )
  }

  @Test(
    arguments: [
      (
        "[1]",
        "map.json:1:1: error: expected an object, found a list\nhint: a map file looks like {\"format\": 1, \"columns\": {\"ons-loneliness.lonely\": \"HEADER\"}}"
      ),
      (
        "{\"columns\": {}}",
        "map.json:1:1: error: the map file has no 'format'\nhint: start it with \"format\": 1"
      ),
      (
        "{\"format\": 2, \"columns\": {}}",
        "map.json:1:12: error: unsupported format the number 2; expected 1\nhint: this version reads map files of format 1"
      ),
      (
        "{\"format\": 1, \"colums\": {}}",
        "map.json:1:15: error: unknown key 'colums'; expected 'format' or 'columns'\nhint: did you mean 'columns'?"
      ),
      (
        "{\"format\": 1,\n \"columns\": {\"lonely\": 4}}",
        "map.json:2:24: error: the header for 'lonely' should be a string, found the number 4"
      ),
      ("{\"format\": 1, \"columns\": {\"a\": \"b\",}}", nil),
    ] as [(String, String?)]
  )
  func `invalid map files are errors with line and column`(text: String, expected: String?) {
    let error = #expect(throws: ImportError.self) {
      try ColumnMapping.mappings(fromMapFile: Array(text.utf8), path: "map.json")
    }
    #expect(error?.kind == .invalidMapFile)
    #expect(error?.position != nil)
    if let expected { #expect(error?.description == expected) }
  }

  @Test func `errors in a map file's mappings point at the key or header`() throws {
    let text = "{\"format\": 1, \"columns\": {\"ons-loneliness.lonely\": \"Q9\"}}"
    let mappings = try ColumnMapping.mappings(fromMapFile: Array(text.utf8), path: "map.json")
    let error = #expect(throws: ImportError.self) {
      try ExportImporter.report(
        .bytes(Array("Q1\n1\n".utf8)),
        instruments: [builtIn("ons-loneliness")],
        options: ImportOptions(columnMappings: mappings)
      )
    }
    #expect(
      error?.description
        == "map.json:1:52: error: no column has the header 'Q9' (for ons-loneliness.lonely)\nhint: did you mean 'Q1'?"
    )
    #expect(error?.isCommandLineError == false)
  }
}
