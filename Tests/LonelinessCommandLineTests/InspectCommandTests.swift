import Foundation
import LonelinessCommandLine
import TestSupport
import Testing

@Suite struct InspectCommandTests {
  @Test func `inspect prints how a Google Forms export was read`() {
    let result = run([
      "inspect", "Examples/platform-exports/google-forms.csv", "-i", "ons-loneliness", "-i",
      "swemwbs",
    ])
    #expect(result.exitCode == .success)
    #expect(result.errors.isEmpty)
    expectSnapshot(result.output, named: "inspect-google-forms.txt")
  }

  @Test func `inspect prints a Qualtrics export as JSON`() {
    let result = run([
      "inspect", "Examples/platform-exports/qualtrics.csv", "-i", "ons-loneliness", "-i", "swemwbs",
      "--format", "json",
    ])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "inspect-qualtrics.json")
  }

  @Test func `inspect chooses matching instruments when none are given`() {
    let result = run(["inspect", "Examples/cohort-comparison/combined.csv"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "inspect-cohort-combined.txt")
  }

  @Test func `inspect of a long outcomes file lists the duplicate client as JSON`() {
    let result = run([
      "inspect", "Examples/provider-outcomes/outcomes-long.csv", "--format", "json",
    ])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "inspect-outcomes-long.json")
  }

  @Test(arguments: ["surveymonkey", "qualtrics", "microsoft-forms", "google-forms", "smartsurvey"])
  func `every platform example is read without options`(name: String) {
    let result = run(["inspect", "Examples/platform-exports/\(name).csv"])
    #expect(result.exitCode == .success)
    #expect(
      result.output.contains(
        "Instruments    ons-loneliness, swemwbs (not given, so the instruments whose items match columns)"
      )
    )
    #expect(result.output.contains("Records        180"))
  }

  @Test func `strict exits 65 when there is a problem`() {
    let result = run([
      "inspect", "Examples/platform-exports/google-forms.csv", "-i", "ons-loneliness", "--strict",
    ])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors == "error: 1 problem in Examples/platform-exports/google-forms.csv (--strict)\n"
    )
    #expect(
      run([
        "inspect", "Examples/platform-exports/smartsurvey.csv", "-i", "ons-loneliness", "--strict",
      ]).exitCode == .success
    )
  }

  @Test func `rows prints the first records exactly as read, keyed by header`() throws {
    let result = run([
      "inspect", "Examples/platform-exports/surveymonkey.csv", "--rows", "2", "--format", "json",
    ])
    #expect(result.exitCode == .success)
    let records = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: String]]
    )
    #expect(records.count == 2)
    #expect(records[0]["Respondent ID"] == "118402100377")
    #expect(records[0]["Wellbeing (SWEMWBS) - Relaxed"] == "Rarely")
    #expect(records[1]["How often do you feel\u{A0}lonely?"] == "Some of the time")
  }

  @Test func `rows output has the shape of the csv-spectrum expectations`() throws {
    let csv = packageRoot.appendingPathComponent(
      "Tests/SurveyCSVTests/Fixtures/csv-spectrum/csvs/quotes_and_newlines.csv"
    )
    let json = packageRoot.appendingPathComponent(
      "Tests/SurveyCSVTests/Fixtures/csv-spectrum/json/quotes_and_newlines.json"
    )
    guard FileManager.default.fileExists(atPath: csv.path) else { return }
    let result = run(["inspect", csv.path, "--rows", "10", "--format", "json"])
    let actual =
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: String]]
    let expected =
      try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [[String: String]]
    #expect(actual == expected)
  }

  @Test func `mapping options are applied and their errors are usage or data errors`() throws {
    let mapped = run([
      "inspect", "Examples/platform-exports/qualtrics.csv", "-i", "ons-loneliness", "--column",
      "lonely=Q1", "--format", "json",
    ])
    #expect(mapped.exitCode == .success)
    #expect(mapped.output.contains("\"rule\": \"explicit-mapping\""))
    let unknown = run([
      "inspect", "Examples/platform-exports/qualtrics.csv", "-i", "ons-loneliness", "--column",
      "lonley=Q1",
    ])
    #expect(unknown.exitCode == .usage)
    #expect(
      unknown.errors
        == "error: 'lonley' is not an item of the chosen instruments (ons-loneliness)\nhint: did you mean 'lonely'?\n"
    )
    let directory = try temporaryFolder("inspect-map")
    defer { try? FileManager.default.removeItem(at: directory) }
    let map = directory.appendingPathComponent("map.json")
    try Data("{\"format\": 1, \"columns\": {\"lonely\": \"Q44\"}}".utf8).write(to: map)
    let badMap = run([
      "inspect", "Examples/platform-exports/qualtrics.csv", "-i", "ons-loneliness", "--map",
      map.path,
    ])
    #expect(badMap.exitCode == .dataError)
    #expect(
      badMap.errors
        == "\(map.path):1:37: error: no column has the header 'Q44' (for ons-loneliness.lonely)\nhint: did you mean 'Q4'?\n"
    )
  }

  @Test func `bad options are usage errors and a missing file exits 66`() {
    let platform = run(["inspect", "Examples/platform-exports/qualtrics.csv", "--from", "qualtrix"])
    #expect(platform.exitCode == .usage)
    #expect(
      platform.errors
        == "error: unknown platform 'qualtrix'\nhint: did you mean 'qualtrics'?\nRun 'loneliness help inspect' for usage.\n"
    )
    #expect(
      run(["inspect", "Examples/platform-exports/qualtrics.csv", "--delimiter", "ab"]).exitCode
        == .usage
    )
    #expect(run(["inspect"]).exitCode == .usage)
    let missing = run(["inspect", "Examples/nope.csv"])
    #expect(missing.exitCode == .noInput)
    #expect(missing.errors.hasPrefix("Examples/nope.csv: error:"))
  }
}
