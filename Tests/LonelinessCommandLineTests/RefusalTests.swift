import Foundation
import LonelinessCommandLine
import Testing

/// Inputs that do not fit what was asked are refused loudly, naming what is wrong and the option
/// at fault, instead of giving a report of empty tables.
@Suite struct RefusalTests {
  @Test(arguments: ["report", "score", "compare", "change"])
  func `a named instrument with no item in the file exits 65 listing its items`(command: String) {
    var arguments = [command, "Examples/platform-exports/google-forms.csv", "-i", "djg6"]
    if command == "compare" { arguments += ["--cohort", "Which ward do you live in?"] }
    if command == "change" { arguments += ["--id", "Timestamp", "--wave", "What is your age?"] }
    let result = run(arguments)
    #expect(result.exitCode == .dataError, "\(result.errors)")
    #expect(
      result.errors.hasPrefix(
        "error: none of the items of djg6 matches a column of Examples/platform-exports/google-forms.csv: djg6.emptiness"
      ),
      "\(result.errors)"
    )
    #expect(
      result.errors.contains(
        "hint: name each item's column with --column ITEM=HEADER, or see how the file was read with: loneliness inspect Examples/platform-exports/google-forms.csv"
      )
    )
    #expect(result.output.isEmpty)
  }

  @Test func `an export with a header and no rows exits 65`() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "header-only-\(UUID().uuidString).csv"
    )
    try "How often do you feel lonely?\n".write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let result = run(["report", url.path])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors
        == "error: \(url.path) has a header but no rows of answers\nhint: check that this is the export of the responses, not of the questions\n"
    )
  }

  @Test func `every row excluded by its weight exits 65`() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "no-weights-\(UUID().uuidString).csv"
    )
    try "How often do you feel lonely?,w\nNever,\nOften/always,0\n".write(
      to: url,
      atomically: true,
      encoding: .utf8
    )
    defer { try? FileManager.default.removeItem(at: url) }
    let result = run(["report", url.path, "--weight", "w"])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors.contains(
        "error: every row of \(url.path) is excluded from the estimates: 1 row: no weight in column 'w'; 1 row: weight is zero or negative in column 'w'"
      ),
      "\(result.errors)"
    )
  }

  @Test(arguments: [
    (["--by", "Wrd"], "--by names the column 'Wrd'"),
    (["--weight", "wieght"], "--weight names the column 'wieght'"),
    (["--tally", "Which ward?"], "--tally names the column 'Which ward?'"),
    (["--multi", "Which of these?"], "--multi names the question 'Which of these?'"),
  ])
  func `an unknown column names the option and the nearest headers`(
    arguments: [String],
    message: String
  ) {
    let result = run(["report", "Examples/platform-exports/google-forms.csv"] + arguments)
    #expect(result.exitCode == .usage)
    #expect(
      result.errors.hasPrefix(
        "error: \(message), which Examples/platform-exports/google-forms.csv does not have\nhint: "
      ),
      "\(result.errors)"
    )
    #expect(
      result.errors.contains("Which ward do you live in?")
        || result.errors.contains("Which of these")
    )
  }

  @Test func `a column is tallied with no instrument at all`() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "roadshow-\(UUID().uuidString).csv"
    )
    try
      "Where did you hear about the roadshow?\nLibrary\nRadio\nLibrary\nLibrary\nLibrary\nLibrary\nRadio\nRadio\nRadio\nRadio\n"
      .write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let result = run(["report", url.path, "--tally", "Where did you hear about the roadshow?"])
    #expect(result.exitCode == .success, "\(result.errors)")
    #expect(result.output.contains("Library"))
    let none = run(["report", url.path])
    #expect(none.exitCode == .usage)
    #expect(none.errors.hasPrefix("error: no instrument's items match a column of \(url.path)"))
  }
}
