import Foundation
import LonelinessCommandLine
import Testing

/// A folder of its own under the system's temporary folder.
private func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "wording-tests-\(UUID().uuidString)"
  )
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Suite struct CommandWordingTests {
  @Test func `bare loneliness prints the usage on standard error and exits 64`() {
    let result = run([])
    #expect(result.exitCode == .usage)
    #expect(result.output.isEmpty)
    #expect(result.errors.contains("USAGE\n  loneliness COMMAND"))
    #expect(run(["--help"]).exitCode == .success, "asking for help is not a mistake")
  }

  @Test(arguments: ["change", "compare", "capture"])
  func `help for the commands that had wording problems matches its golden file`(command: String) {
    let result = run(["help", command])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "\(command)-help.txt")
  }

  @Test func `an option too long for its column has its description on the next line`() throws {
    let lines = run(["change", "--help"]).output.split(separator: "\n").map(String.init)
    let option = try #require(lines.firstIndex(of: "  --meaningful-change SCORE=POINTS"))
    #expect(lines[option + 1].hasPrefix(String(repeating: " ", count: 28) + "The smallest change"))
  }

  @Test func `capture's help has sections and examples like the other commands`() {
    let help = run(["capture", "--help"]).output
    for heading in [
      "ANSWERING", "THE ROW", "AN EXISTING FILE", "SAVING SAFELY", "PIPED ANSWERS", "OPTIONS",
      "EXAMPLES",
    ] {
      #expect(help.contains("\n\(heading)\n"), "no \(heading) section")
    }
    #expect(help.components(separatedBy: "\n  loneliness capture ").count >= 4)
  }

  @Test(arguments: ["score", "report", "compare", "change", "inspect", "capture", "instruments"])
  func `usage shows -i as optional where it is, and names the output FILE`(command: String) {
    let help = run([command, "--help"]).output
    #expect(!help.contains("OUT]") && !help.contains("--output OUT"))
    if help.contains("--output") { #expect(help.contains("-o, --output FILE")) }
    if ["compare", "change"].contains(command) {
      let usage = help.components(separatedBy: "\n\n")[1]
      #expect(usage.contains("[-i ID]..."))
      #expect(!usage.contains(" -i ID... "), "-i is not required")
    }
  }

  @Test func `-i with a score's id says whose score it is`() {
    let result = run(["score", "Examples/provider-outcomes/baseline.csv", "-i", "ucla3"])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors
        == "error: unknown instrument 'ucla3'\nhint: ucla3 is a score of ons-loneliness; -i names an instrument, so give -i ons-loneliness\n"
    )
    let qualified = run(["score", "Examples/provider-outcomes/baseline.csv", "-i", "djg6.total"])
    #expect(qualified.errors.contains("djg6.total is a score of djg6;"))
  }

  @Test func `the problem note on standard error says what the problems were`() {
    let duplicate = run([
      "score", "Examples/provider-outcomes/baseline.csv", "-i", "ons-loneliness", "-i", "swemwbs",
    ])
    #expect(
      duplicate.errors.hasPrefix(
        "note: 1 problem reading Examples/provider-outcomes/baseline.csv: 1 repeated respondent id, every record read\n"
      )
    )
    let noColumns = run([
      "score", "Examples/kent-esurvey/export.csv", "-i", "wemwbs", "--instruments",
      "Examples/kent-esurvey/kent-loneliness.json",
    ])
    #expect(
      noColumns.errors.hasPrefix(
        "note: 14 problems reading Examples/kent-esurvey/export.csv: 14 items without a column, read as not answered\n"
      )
    )
    for result in [duplicate, noColumns] {
      #expect(!result.errors.contains("unrecognised"), "no unrecognised answer was found")
    }
  }

  @Test func `a report of one row says 1 row, not 1 rows`() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("one.csv")
    try "id,How often do you feel lonely?\nA1,Never\n".write(
      to: file,
      atomically: true,
      encoding: .utf8
    )
    let result = run(["report", file.path, "-i", "ons-loneliness", "--no-suppression"])
    #expect(result.exitCode == .success)
    #expect(result.output.contains("; 1 row read."))
    #expect(!result.output.contains("1 rows"))
  }

  @Test func `breakdown headings quote the question they are built from`() {
    let result = run([
      "report", "Examples/kent-esurvey/export.csv", "--instruments",
      "Examples/kent-esurvey/kent-loneliness.json", "--by", "Which district do you live in?",
    ])
    #expect(
      result.output.contains(
        "\nBreakdown by “Which district do you live in?”: percentage of each group giving each answer\n"
      )
    )
    #expect(!result.output.contains("By Which"))
  }

  @Test func `cut-off sources read as one list, worded by how many there are`() {
    let result = run([
      "report", "Examples/provider-outcomes/baseline.csv", "-i", "ons-loneliness", "-i", "swemwbs",
    ])
    let about = result.output.replacingOccurrences(of: "\n    ", with: " ")
    #expect(!about.contains(".;"))
    for certainty in ["(from a", "(confirmed", "(not confirmed", "(UNCONFIRMED"] {
      #expect(!about.contains(". \(certainty)"), "a full stop before \(certainty)")
    }
    // Two Community Life Survey releases: one publisher, so not independent, and not "single".
    let never = about.split(separator: "\n").first {
      $0.contains("Cut-off for ons-loneliness.never")
    }
    #expect(never?.contains("Sources: Department for Culture, Media and Sport") == true)
    #expect(never?.contains("not confirmed by two independent sources") == true)
    #expect(never?.contains("from a single source") == false)
    // The UCLA-3 grouping has no primary source: the report says so instead of citing a path.
    let ucla = about.split(separator: "\n").first {
      $0.contains("Cut-off for ons-loneliness.ucla3:")
    }
    #expect(
      ucla?.contains("UNCONFIRMED: a convention in use, with no primary source found") == true
    )
    #expect(!about.contains("ccc-dashboard") && !about.contains("citation to be added"))
  }
}
