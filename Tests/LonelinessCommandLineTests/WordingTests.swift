import Foundation
import LonelinessCommandLine
import TestSupport
import Testing

/// The text of the package file at `path`.
private func packageText(_ path: String) throws -> String {
  try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
}

/// The captures of the first match of `pattern` in `text`, or an issue when it does not match.
private func captures(
  _ pattern: String,
  in text: String,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> [String] {
  let expression = try NSRegularExpression(pattern: pattern)
  let range = NSRange(text.startIndex..., in: text)
  let match = try #require(
    expression.firstMatch(in: text, range: range),
    "no match for \(pattern)",
    sourceLocation: sourceLocation
  )
  return (1..<match.numberOfRanges).map { index in
    Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
  }
}

/// The lines of `text` from the heading `title` (underlined) to the next heading.
private func section(_ title: String, of text: String) -> String {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  guard let start = lines.firstIndex(of: title) else { return "" }
  var end = start + 2
  while end + 1 < lines.count, !(lines[end + 1].hasPrefix("---") && !lines[end].isEmpty) {
    end += 1
  }
  return lines[start..<end].joined(separator: "\n")
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
    // SWEMWBS's seven items are WEMWBS items: the other seven have no column.
    let noColumns = run(["score", "Examples/platform-exports/google-forms.csv", "-i", "wemwbs"])
    #expect(
      noColumns.errors.hasPrefix(
        "note: 7 problems reading Examples/platform-exports/google-forms.csv: 7 items without a column, read as not answered\n"
      ),
      "\(noColumns.errors)"
    )
    #expect(!duplicate.errors.contains("unrecognised"), "no unrecognised answer was found")
  }

  @Test func `a report of one row says 1 row, not 1 rows`() throws {
    let folder = try temporaryFolder("wording-tests")
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

@Suite struct ExampleReadmeTests {
  static let longChange = [
    "change", "Examples/provider-outcomes/outcomes-long.csv", "-i", "ons-loneliness", "-i",
    "swemwbs", "--id", "client_id", "--wave", "wave", "--baseline", "baseline", "--followup",
    "12 weeks", "--no-suppression",
  ]

  @Test func `the provider README's text-report figures are what the text report prints`() throws {
    let readme = try packageText("Examples/provider-outcomes/README.md")
      .replacingOccurrences(of: "\n", with: " ")
    let output = run(Self.longChange).output
    let number = "([-+]?[0-9.]+)"
    let raw = try captures(
      "for the SWEMWBS raw score, n = (\\d+), mean change \(number), (\\d+) up, (\\d+) the same, (\\d+) down",
      in: readme
    )
    let ucla = try captures(
      "for UCLA-3, n = (\\d+), mean change \(number), (\\d+) down \\(better\\), (\\d+) the same, (\\d+) up",
      in: readme
    )
    for (title, figures, upIndex, downIndex) in [
      ("SWEMWBS raw score", raw, 2, 4), ("UCLA 3-item loneliness score", ucla, 4, 2),
    ] {
      let text = section(title, of: output)
      let change = try captures("\\n  Change +(\\d+) +([-+]?[0-9.]+)", in: text)
      #expect(change == [figures[0], figures[1]], "\(title): \(change) against \(figures)")
      let up = try captures("went up by any amount[^\\n]*? +(\\d+) ", in: text)
      let same = try captures("stayed exactly the same +(\\d+) ", in: text)
      let down = try captures("went down by any amount[^\\n]*? +(\\d+) ", in: text)
      #expect(up == [figures[upIndex]] && same == [figures[3]] && down == [figures[downIndex]])
    }
  }

  @Test func `the provider README's exact mean changes are the unrounded ones`() throws {
    let readme = try packageText("Examples/provider-outcomes/README.md")
    let json = try JSONSerialization.jsonObject(
      with: Data(run(Self.longChange + ["--format", "json"]).output.utf8)
    )
    let scores = try #require((json as? [String: Any])?["scores"] as? [[String: Any]])
    func mean(_ id: String) -> Double? {
      (scores.first { $0["measure"] as? String == id }?["change"] as? [String: Any])?["mean"]
        as? Double
    }
    let ucla = try captures("UCLA-3 score[^\\n]*mean change = ([-+]?[0-9.]+);", in: readme)
    #expect(mean("ons-loneliness.ucla3").map { String(format: "%.2f", $0) } == ucla.first)
    let raw = try captures(
      "SWEMWBS raw score[^\\n]*mean change = ([-+]?[0-9.]+) points",
      in: readme
    )
    #expect(mean("swemwbs.raw").map { String(format: "%+.2f", $0) } == raw.first)
  }

  @Test func `the residents README says what the text shows and what only the HTML shows`() throws {
    let readme = try packageText("Examples/residents-survey/README.md")
      .replacingOccurrences(of: "\n", with: " ")
    let arguments = [
      "report", "Examples/residents-survey/survey.csv", "-i", "ons-loneliness", "-i", "ons4",
      "--weight", "weight", "--by", "age_band",
    ]
    let text = run(arguments).output
    let html = run(arguments + ["--format", "html"]).output
    let base = try captures("each question gives its weighted base \\(\"([^\"]+)\"\\)", in: readme)
    #expect(text.contains(try #require(base.first)))
    let kish = try captures(
      "Kish's effective sample size of the weights \\(([0-9.]+)\\) and the design effect due to weighting \\(([0-9.]+)\\)",
      in: readme
    )
    #expect(
      text.contains(
        "Kish effective sample size \(kish[0]); design effect due to weighting \(kish[1])."
      )
    )
    #expect(readme.contains("each group are in the HTML page's cross-tabs (`--format html`;"))
    #expect(!text.contains("effective base") && html.contains(">Effective base</th>"))
  }
}
