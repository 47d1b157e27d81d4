import Foundation
import LonelinessCommandLine
import TestSupport
import Testing

@Suite struct CompareCommandTests {
  static let combined = [
    "compare", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness", "-i", "ons4",
    "--cohort", "group",
    "--reference", "comparison",
  ]
  static let files = [
    "compare", "Examples/cohort-comparison/comparison.csv",
    "Examples/cohort-comparison/intervention.csv", "-i",
    "ons-loneliness", "-i", "ons4",
  ]

  @Test func `combined file with a cohort column matches the golden text`() {
    let result = run(Self.combined)
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "compare-combined.txt")
  }

  @Test func `combined file matches the golden JSON`() {
    let result = run(Self.combined + ["--format", "json"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "compare-combined.json")
  }

  @Test func `one file per cohort gives the same figures as the combined file`() throws {
    let result = run(Self.files + ["--format", "json"])
    #expect(result.exitCode == .success)
    let combined = run(Self.combined + ["--format", "json"])
    let fromFiles = try parse(result.output)
    let fromColumn = try parse(combined.output)
    #expect((fromFiles["reference"] as? String) == "comparison")
    let metadata = try #require(fromFiles["metadata"] as? [String: Any])
    #expect(metadata["cohort_column"] is NSNull)
    // Everything but the metadata (file names, cohort column) is the same.
    for key in ["cohorts", "indicators", "scores"] {
      let a = try JSONSerialization.data(
        withJSONObject: try #require(fromFiles[key]),
        options: [.sortedKeys]
      )
      let b = try JSONSerialization.data(
        withJSONObject: try #require(fromColumn[key]),
        options: [.sortedKeys]
      )
      #expect(a == b, "\(key) differs between one file per cohort and the combined file")
    }
    expectSnapshot(run(Self.files).output, named: "compare-files.txt")
  }

  @Test func `the README's often-always counts are pinned`() throws {
    let json = try parse(run(Self.combined + ["--format", "json"]).output)
    let indicators = try #require(json["indicators"] as? [[String: Any]])
    let often = try #require(
      indicators.first { $0["measure"] as? String == "ons-loneliness.often-always" }
    )
    let cohorts = try #require(often["cohorts"] as? [[String: Any]])
    let byName = Dictionary(
      uniqueKeysWithValues: cohorts.map { ($0["cohort"] as? String ?? "", $0) }
    )
    #expect(byName["intervention"]?["count"] as? Int == 18)
    #expect(byName["intervention"]?["base"] as? Int == 148)
    #expect(byName["comparison"]?["count"] as? Int == 33)
    #expect(byName["comparison"]?["base"] as? Int == 167)
    let comparisons = try #require(often["comparisons"] as? [[String: Any]])
    #expect(comparisons.count == 1)
    #expect(comparisons.first?["cohort"] as? String == "intervention")
    #expect(comparisons.first?["p_adjusted"] is NSNull)
  }

  @Test func `every format is written, and -o writes the file`() throws {
    for (format, start) in [
      ("markdown", "# Cohort comparison"), ("csv", "measure,kind,comparison,cohort,statistic"),
      ("html", "<!DOCTYPE html>"),
    ] {
      let result = run(Self.combined + ["--format", format])
      #expect(result.exitCode == .success)
      #expect(result.output.hasPrefix(start), "\(format)")
    }
    let html = run(Self.combined + ["--format", "html"]).output
    #expect(html.contains("<svg") && !html.contains("http"))
    let folder = try temporaryFolder("compare")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("comparison.md").path
    let written = run(Self.combined + ["--format", "markdown", "-o", out])
    #expect(written.exitCode == .success && written.output.isEmpty)
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("# Cohort comparison"))
  }

  @Test func `an output in a missing folder exits 73`() {
    let result = run(Self.combined + ["-o", "/nonexistent-folder/out.txt"])
    #expect(result.exitCode == .cannotCreate)
    #expect(result.errors.hasPrefix("error: cannot write /nonexistent-folder/out.txt"))
  }

  @Test func `suppression can be raised or turned off`() throws {
    let hidden = try parse(
      run(Self.combined + ["--format", "json", "--suppress-below", "40"]).output
    )
    let indicators = try #require(hidden["indicators"] as? [[String: Any]])
    let often = try #require(indicators.first?["cohorts"] as? [[String: Any]])
    #expect(often.allSatisfy { $0["count"] is NSNull && $0["percent"] is NSNull })
    let comparisons = try #require(indicators.first?["comparisons"] as? [[String: Any]])
    #expect(comparisons.first?["difference_pp"] is NSNull)
    #expect(comparisons.first?["suppressed"] as? Bool == true)
    let open = run(Self.combined + ["--no-suppression"])
    #expect(open.output.contains("No suppression: every count is shown."))
  }

  @Test(arguments: [
    (
      ["compare", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness"],
      "error: one file needs --cohort COLUMN"
    ),
    (
      [
        "compare", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness", "--cohort",
        "grop",
      ],
      "error: --cohort names the column 'grop', which Examples/cohort-comparison/combined.csv does not have\nhint: did you mean 'group'?"
    ),
    (
      [
        "compare", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness", "--cohort",
        "group", "--reference", "control",
      ],
      "error: --reference names the cohort 'control', which 'group' does not have"
    ),
    (
      [
        "compare", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness", "--cohort",
        "group", "--format", "pdf",
      ],
      "error: unknown format 'pdf'"
    ),
    (
      [
        "compare", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness", "--cohort",
        "group", "--suppress-below", "x",
      ],
      "error: --suppress-below needs a whole number of 2 or more"
    ),
    (
      [
        "compare", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness", "--cohort",
        "group", "--suppression", "nhs-digital",
      ],
      "error: the nhs-digital policy rounds counts, which would change the differences and tests "
        + "that 'compare' works out from them; it is offered by 'report' only\nhint: hide small "
        + "counts with --suppress-below N (for example 8 to hide 1 to 7)"
    ),
  ])
  func `command-line mistakes exit 64 with a message`(arguments: [String], message: String) {
    let result = run(arguments)
    #expect(result.exitCode == .usage)
    #expect(result.errors.hasPrefix(message), "\(result.errors)")
  }

  @Test func `a missing file exits 66`() {
    let result = run(["compare", "nothing-here.csv", "other.csv", "-i", "ons-loneliness"])
    #expect(result.exitCode == .noInput)
  }

  func parse(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
  }
}
