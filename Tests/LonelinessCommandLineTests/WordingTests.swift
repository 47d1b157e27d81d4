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
