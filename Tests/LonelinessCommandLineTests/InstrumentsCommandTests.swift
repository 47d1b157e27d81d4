import Foundation
import LonelinessCommandLine
import TestSupport
import Testing

@Suite(.serialized) struct InstrumentsCommandTests {
  @Test func `instruments lists the built-ins`() {
    let result = run(["instruments"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "instruments-list.txt")
  }

  @Test(arguments: ["ons-loneliness", "wemwbs", "swemwbs", "ons4", "djg6"])
  func `instruments show prints the whole instrument`(id: String) {
    let result = run(["instruments", "show", id])
    #expect(result.exitCode == .success)
    #expect(result.errors.isEmpty)
    expectSnapshot(result.output, named: "instruments-show-\(id).txt")
  }

  @Test func `show swemwbs prints every conversion row and the licence notice`() {
    let output = run(["instruments", "show", "swemwbs"]).output
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(output.contains("29 → 26.02"))
    #expect(
      output.contains(
        "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008"
      )
    )
    #expect(output.contains("\"extends\": \"swemwbs\""), "says how to add the licensed wording")
  }

  @Test func `an unknown instrument exits 64 and suggests the nearest`() {
    let result = run(["instruments", "show", "wemwbz"])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors
        == "error: unknown instrument 'wemwbz'\nhint: did you mean 'wemwbs'? Run 'loneliness instruments' to list them all.\n"
    )
  }

  @Test func `an unknown option exits 64 with a suggestion`() {
    let result = run(["instruments", "--instrument", "x"])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors
        == "error: unknown option '--instrument' for 'instruments'\nhint: did you mean '--instruments'?\nRun 'loneliness help instruments' for usage.\n"
    )
  }

  @Test func `validate accepts the built-in files`() {
    let files = ["ons-loneliness", "wemwbs", "swemwbs", "ons4", "djg6"].map {
      "Instruments/\($0).json"
    }
    let result = run(["instruments", "validate"] + files)
    #expect(result.exitCode == .success)
    #expect(result.output.split(separator: "\n").count == 5)
    #expect(result.errors.isEmpty)
  }

  @Test func `validate exits 65 and lists every problem with its position`() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bad-\(UUID().uuidString).json"
    )
    try
      "{\n  \"format\": 1,\n  \"id\": \"council\",\n  \"version\": \"1\",\n  \"title\": \"Council\",\n  \"scales\": [],\n  \"items\": [],\n  \"colour\": \"red\"\n}\n"
      .write(to: url, atomically: true, encoding: .utf8)
    let result = run(["instruments", "validate", url.path])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors == """
        \(url.path):6:13: error: scales: expected at least one response scale
        \(url.path):7:12: error: items: expected at least one item
        \(url.path):8:3: error: colour: unknown key "colour"; expected one of: format, id, version, title, population, recallPeriod, notes, sources, introduction, licence, scales, items, scores, indicators

        """
    )
  }

  @Test(arguments: ["instruments validate", "report", "score"])
  func `an instrument with a number beyond the bounds exits 65 naming where it is`(
    command: String
  ) throws {
    // A score range max of 1e19 crashed the conversion-table check; 1e8 took seconds and a GB.
    var json = try String(
      contentsOf: packageRoot.appendingPathComponent("Instruments/swemwbs.json"),
      encoding: .utf8
    )
    json = json.replacingOccurrences(of: "\"id\": \"swemwbs\"", with: "\"id\": \"big-swemwbs\"")
    let rawRange = try #require(json.range(of: "\"max\": 35"))
    json.replaceSubrange(rawRange, with: "\"max\": 1e19")
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "big-\(UUID().uuidString).json"
    )
    try json.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let arguments =
      command == "instruments validate"
      ? ["instruments", "validate", url.path]
      : [command, "Examples/platform-exports/google-forms.csv", "--instruments", url.path]
    let result = run(arguments)
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors.contains(
        "error: scores[0].range.max: 1e19 is outside the numbers an instrument file may hold (-1,000,000 to 1,000,000)"
      ),
      "\(result.errors)"
    )
  }

  @Test func `a missing file exits 66`() {
    let result = run(["instruments", "validate", "no-such-file.json"])
    #expect(result.exitCode == .noInput)
    #expect(result.errors.hasPrefix("error: cannot read no-such-file.json:"))
  }

  @Test func `help lists the commands and the exit codes`() {
    let result = run(["--help"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "help.txt")
    #expect(
      run(["help", "instruments"]).output.contains("loneliness instruments validate FILE...")
    )
  }
}
