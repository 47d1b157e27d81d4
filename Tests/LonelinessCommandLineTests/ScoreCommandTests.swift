import Foundation
import LonelinessCommandLine
import SurveyCSV
import TestSupport
import Testing

/// Records of CSV text, read back with the toolkit's reader.
private func records(_ text: String) throws -> [[String]] {
  try CSVReader(bytes: Array(text.utf8)).readAll()
}

private let smallExport = """
  id,How often do you feel that you lack companionship?,How often do you feel left out?,How often do you feel isolated from others?,How often do you feel lonely?,note
  A1,Often,Often,Some of the time,Often/always,"said ""hi"", left"
  A2,Hardly ever or never,,Hardly ever or never,Prefer not to say,=1+1
  A3,Some of the time,Sometimes,Often,Never,

  """

@Suite struct ScoreCommandTests {
  @Test func `provider baseline is scored with UCLA-3, the direct question and SWEMWBS`() {
    let result = run([
      "score", "Examples/provider-outcomes/baseline.csv", "-i", "ons-loneliness", "-i", "swemwbs",
    ])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "score-provider-baseline.csv")
    expectSnapshot(result.errors, named: "score-provider-baseline-errors.txt")
  }

  @Test func `cohort comparison is scored with the loneliness indicators and ONS4`() {
    let result = run([
      "score", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness", "-i", "ons4",
    ])
    #expect(result.exitCode == .success)
    #expect(result.errors.isEmpty)
    expectSnapshot(result.output, named: "score-cohort-combined.csv")
  }

  @Test func `every input row and column is written unchanged and in order`() throws {
    let path = "Examples/provider-outcomes/baseline.csv"
    let input = try records(
      String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
    )
    let output = try records(run(["score", path, "-i", "swemwbs"]).output)
    #expect(output.count == input.count)
    for (inputRecord, outputRecord) in zip(input, output) {
      #expect(Array(outputRecord.prefix(inputRecord.count)) == inputRecord)
      #expect(outputRecord.count == inputRecord.count + 6)
    }
    #expect(
      output.first?.suffix(6) == [
        "swemwbs.raw", "swemwbs.raw.band", "swemwbs.raw.reason",
        "swemwbs.metric", "swemwbs.metric.band", "swemwbs.metric.reason",
      ]
    )
  }

  @Test(arguments: [
    "Examples/provider-outcomes/baseline.csv", "Examples/cohort-comparison/combined.csv",
    "Examples/platform-exports/surveymonkey.csv", "Examples/platform-exports/qualtrics.csv",
    "Examples/platform-exports/google-forms.csv", "Examples/platform-exports/microsoft-forms.csv",
    "Examples/platform-exports/smartsurvey.csv",
  ])
  func `output bytes are exactly what CSVWriter writes for the same fields`(path: String) throws {
    let output = run(["score", path, "-i", "ons-loneliness"]).output
    var rewritten = output.hasPrefix("\u{FEFF}") ? "\u{FEFF}" : ""
    rewritten += CSVWriter().text(for: try records(output))
    #expect(rewritten == output)
  }

  @Test func `a two-row header gets the score names on its first row only`() throws {
    let output = try records(
      run(["score", "Examples/platform-exports/surveymonkey.csv", "-i", "ons-loneliness"]).output
    )
    let names = try #require(output.first)
    let second = try #require(output.dropFirst().first)
    #expect(names.suffix(7).first == "ons-loneliness.ucla3")
    #expect(second.suffix(7).allSatisfy { $0.isEmpty })
    #expect(output.dropFirst(2).allSatisfy { $0.count == names.count })
  }

  @Test func `json is an array of objects keyed by header, numbers as numbers, absent as null`()
    throws
  {
    let folder = try temporaryFolder("score-tests")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("small.csv")
    try smallExport.write(to: file, atomically: true, encoding: .utf8)
    let result = run(["score", file.path, "-i", "ons-loneliness", "--format", "json"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "score-small.json")
    let parsed =
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]]
    #expect(parsed?.count == 3)
    let first = try #require(parsed?.first)
    #expect(first["ons-loneliness.ucla3"] as? Int == 8)
  }

  @Test func `csv neutralises formulas and quotes as needed, leaving scores empty when absent`()
    throws
  {
    let folder = try temporaryFolder("score-tests")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("small.csv")
    try smallExport.write(to: file, atomically: true, encoding: .utf8)
    let result = run(["score", file.path, "-i", "ons-loneliness"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "score-small.csv")
    #expect(result.errors.contains("note: 1 problem reading"), "the unrecognised 'Sometimes'")
  }

  @Test func `-o writes the file in one step and prints nothing`() throws {
    let folder = try temporaryFolder("score-tests")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("scored.csv")
    let result = run([
      "score", "Examples/cohort-comparison/combined.csv", "-i", "ons4", "-o", out.path,
    ])
    #expect(result.exitCode == .success)
    #expect(result.output.isEmpty)
    let written = try String(contentsOf: out, encoding: .utf8)
    #expect(
      written == run(["score", "Examples/cohort-comparison/combined.csv", "-i", "ons4"]).output
    )
  }

  @Test func `an output that cannot be created exits 73`() {
    let result = run([
      "score", "Examples/cohort-comparison/combined.csv", "-i", "ons4", "-o",
      "/nonexistent-folder/scored.csv",
    ])
    #expect(result.exitCode == .cannotCreate)
    #expect(result.errors.hasPrefix("error: cannot write /nonexistent-folder/scored.csv"))
  }

  @Test func `a missing input exits 66 and an unknown format 64`() {
    #expect(run(["score", "Examples/none.csv", "-i", "ons4"]).exitCode == .noInput)
    let format = run([
      "score", "Examples/cohort-comparison/combined.csv", "-i", "ons4", "--format", "xlsx",
    ])
    #expect(format.exitCode == .usage)
    #expect(format.errors.hasPrefix("error: unknown format 'xlsx'; expected csv or json"))
    #expect(
      run(["score", "Examples/cohort-comparison/combined.csv", "-i", "ons5"]).exitCode == .usage
    )
  }

  @Test func `--strict exits 65 without writing when reading found a problem`() {
    let result = run([
      "score", "Examples/provider-outcomes/baseline.csv", "-i", "swemwbs", "--strict",
    ])
    #expect(result.exitCode == .dataError)
    #expect(result.output.isEmpty)
    #expect(
      result.errors.hasPrefix(
        "error: 1 problem reading Examples/provider-outcomes/baseline.csv (--strict)"
      )
    )
  }

  @Test func `help describes the score command`() {
    let result = run(["help", "score"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "score-help.txt")
  }
}
