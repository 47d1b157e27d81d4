import Foundation
import LonelinessCommandLine
import SurveyCapture
import Testing

@Suite struct RecodeTests {
  @Test func `a recode names its column, the text to replace and what to read it as`() throws {
    let recode = try AnswerRecode(argument: "Wellbeing: Optimistic: Sometimes=Some of the time")
    #expect(
      recode
        == AnswerRecode(column: "Wellbeing: Optimistic", from: "Sometimes", to: "Some of the time")
    )
    for bad in ["no equals sign", "no column=x", ": =x"] {
      #expect(throws: ImportError.self) { try AnswerRecode(argument: bad) }
    }
  }

  @Test func `the Google Forms 'Sometimes' is read as 'Some of the time', and the report says so`()
  {
    let lonely = "How often do you feel lonely?"
    let result = run([
      "report", "Examples/platform-exports/google-forms.csv", "-i", "ons-loneliness", "--recode",
      "\(lonely): Sometimes=Some of the time", "--format", "csv", "--no-suppression",
    ])
    #expect(result.exitCode == .success)
    #expect(
      !result.errors.contains("problem"),
      "the one unrecognised answer is recoded: \(result.errors)"
    )
    let counts = result.output.split(separator: "\n").filter {
      $0.hasPrefix("ons-loneliness.lonely,item,") && $0.contains(",,,category,")
    }.map { $0.split(separator: ",", omittingEmptySubsequences: false)[7] }
    // The README's tallies for the other four files: the recode makes Google Forms agree.
    #expect(counts == ["20", "41", "46", "47", "23"])
    let text = run([
      "report", "Examples/platform-exports/google-forms.csv", "-i", "ons-loneliness", "--recode",
      "\(lonely): Sometimes=Some of the time",
    ])
    #expect(
      text.output.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(
        "Recode in column 5 'How often do you feel lonely?': 1 cell reading 'Sometimes' was read as 'Some of the time'."
      )
    )
  }

  @Test func `a recode of a group's spelling merges the groups`() {
    let result = run([
      "report", "Examples/platform-exports/google-forms.csv", "-i", "ons-loneliness", "--by",
      "Which ward do you live in?", "--recode", "Which ward do you live in?: castle=Northgate",
      "--format", "csv", "--no-suppression",
    ])
    #expect(result.exitCode == .success)
    let groups = Set(
      result.output.split(separator: "\n").filter { $0.hasPrefix("ons-loneliness.lonely,item,") }
        .map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] }
    )
    #expect(!groups.contains("Castle"))
    #expect(groups.contains("Northgate"))
  }

  @Test func `a recode of a column the file lacks is a usage error naming the nearest`() {
    let result = run([
      "report", "Examples/platform-exports/google-forms.csv", "-i", "ons-loneliness", "--recode",
      "How often do you feel lonly?: Sometimes=Some of the time",
    ])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors.hasPrefix(
        "error: the recode of 'Sometimes' names the column 'How often do you feel lonly?', which Examples/platform-exports/google-forms.csv does not have\nhint: did you mean 'How often do you feel lonely?'"
      ),
      "\(result.errors)"
    )
  }
}
