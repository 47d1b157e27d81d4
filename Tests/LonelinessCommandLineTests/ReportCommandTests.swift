import Foundation
import LonelinessCommandLine
import Testing

let kentArguments = [
  "report", "Examples/kent-esurvey/export.csv", "--instruments",
  "Examples/kent-esurvey/kent-loneliness.json",
  "-i", "kent-loneliness",
]

@Suite struct ReportCommandTests {
  @Test func `the Kent report reproduces the published tallies, each on its own base`() {
    let result = run(kentArguments)
    #expect(result.exitCode == .success)
    #expect(result.errors.isEmpty)
    for headline in [
      "Felt lonely all of the time or often: 97 of 262 (37%; 95% CI 31% to 43%)",
      "Felt lonely some of the time: 81 of 262 (31%; 95% CI 26% to 37%)",
      "Said this wasn't usual for them: 135 of 260 (52%; 95% CI 46% to 58%)",
      "Thought it was in response to lockdown: 153 of 258 (59%; 95% CI 53% to 65%)",
    ] {
      #expect(result.output.contains(headline), "missing: \(headline)")
    }
  }

  @Test(arguments: ["text", "markdown", "csv", "json", "html"])
  func `the Kent report by district in every format matches its golden file`(format: String) {
    let result = run(
      kentArguments + ["--by", "Which district do you live in?", "--format", format]
    )
    #expect(result.exitCode == .success)
    let ending = ["text": "txt", "markdown": "md"][format] ?? format
    expectSnapshot(result.output, named: "report-kent-by-district.\(ending)")
  }

  @Test func `the platform exports all give the same report`() {
    var tallies: [String] = []
    for platform in ["surveymonkey", "qualtrics", "microsoft-forms", "smartsurvey"] {
      let result = run([
        "report", "Examples/platform-exports/\(platform).csv", "-i", "ons-loneliness", "--format",
        "csv", "--no-suppression",
      ])
      #expect(result.exitCode == .success, "\(platform): \(result.errors)")
      tallies.append(result.output)
    }
    #expect(Set(tallies).count == 1, "the same respondents give the same tallies on every platform")
    let lines = tallies.first?.split(separator: "\n") ?? []
    // The README's expected tallies of "How often do you feel lonely?": 20, 41, 46, 47, 23 of 177.
    let counts = lines.filter {
      $0.hasPrefix("ons-loneliness.lonely,item,") && $0.contains(",,,category,")
    }
    .map { $0.split(separator: ",", omittingEmptySubsequences: false)[7] }
    #expect(counts == ["20", "41", "46", "47", "23"])
  }

  @Test(arguments: ["surveymonkey", "qualtrics", "microsoft-forms", "google-forms", "smartsurvey"])
  func `a multi-select question gives the same counts in every platform's layout`(
    platform: String
  ) throws {
    let result = run([
      "report", "Examples/platform-exports/\(platform).csv", "-i", "ons-loneliness", "--multi",
      "Which of these have you used in the last year?", "--format", "csv", "--no-suppression",
    ])
    #expect(result.exitCode == .success, "\(result.errors)")
    let rows = result.output.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let options = rows.filter {
      $0.count > 8 && $0[1] == "multi-select" && $0[3].isEmpty && $0[5] == "category"
    }
    // Counted from google-forms.csv by Python's csv module, splitting on ", " (the README's
    // multi-select note): most ticked first; 176 of 180 respondents ticked something.
    #expect(
      options.map { $0[6] } == [
        "None of these", "Library", "Sports club", "Community centre", "Faith group",
        "Online group",
      ]
    )
    #expect(options.map { $0[7] } == ["63", "53", "40", "37", "29", "17"])
    #expect(options.allSatisfy { $0[8] == "176" })
  }

  @Test func `an unknown --multi question names the option and the nearest headers`() {
    let result = run([
      "report", "Examples/platform-exports/google-forms.csv", "--multi",
      "Which of these have you used?",
    ])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors.hasPrefix(
        "error: --multi names the question 'Which of these have you used?', which Examples/platform-exports/google-forms.csv does not have\nhint: did you mean 'Which of these have you used in the last year?'?"
      ),
      "\(result.errors)"
    )
  }

  @Test
  func `a weighted report by age states the weighting, and an unknown column suggests the nearest`()
  {
    let unknown = run([
      "report", "Examples/kent-esurvey/export.csv", "--instruments",
      "Examples/kent-esurvey/kent-loneliness.json", "--by", "district",
    ])
    #expect(unknown.exitCode == .usage)
    #expect(
      unknown.errors.hasPrefix(
        "error: --by names the column 'district', which Examples/kent-esurvey/export.csv does not have\nhint: did you mean"
      )
    )
  }

  @Test func `SWEMWBS scores are summarised with the licence notice the owner requires`() {
    let result = run([
      "report", "Examples/provider-outcomes/baseline.csv", "-i", "ons-loneliness", "-i", "swemwbs",
    ])
    #expect(result.exitCode == .success)
    let flat = result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      flat.contains(
        "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved."
      )
    )
    #expect(flat.contains("SWEMWBS metric score"))
    #expect(flat.contains("Cut-off for ons-loneliness.ucla3: Not lonely (3-5), Lonely (6-9)"))
    #expect(flat.contains("UNCONFIRMED"), "the uncertain UCLA cut-off is named as such")
    expectSnapshot(result.output, named: "report-provider-baseline.txt")
  }

  @Test func `suppression options are exclusive and policies are named`() {
    let both = run(kentArguments + ["--no-suppression", "--suppress-below", "10"])
    #expect(both.exitCode == .usage)
    let nhs = run(kentArguments + ["--suppression", "nhs-digital", "--format", "json"])
    #expect(nhs.exitCode == .success)
    #expect(nhs.output.contains("\"policy\": \"nhs-digital\""))
    #expect(nhs.output.contains("\"count\": 95,"), "97 rounds to 95 under the NHS Digital policy")
  }

  @Test func `the residents' survey gives the README's weighted and unweighted figures`() {
    let file = "Examples/residents-survey/survey.csv"
    let weighted = run([
      "report", file, "-i", "ons-loneliness", "--weight", "weight", "--by", "age_band",
      "--decimals", "1", "--format", "csv",
    ])
    #expect(weighted.exitCode == .success)
    // The README's weighted percentages, worked out by generate.py from the file's weights.
    let byAge = weighted.output.split(separator: "\n").filter {
      $0.hasPrefix("ons-loneliness.often-always,indicator,") && $0.contains(",age_band,")
        && $0.contains(",category,yes,")
    }
    .map { $0.split(separator: ",", omittingEmptySubsequences: false)[9] }
    #expect(byAge == ["23.1", "18.2", "12.2", "11.6", "9.2", "8.9", "23.8"])
    let headline = run([
      "report", file, "-i", "ons-loneliness", "--weight", "weight", "--decimals", "1",
    ])
    #expect(headline.output.contains("Lonely often/always: 80 of 616 (weighted 14.8%; 95% CI"))
    let unweighted = run(["report", file, "-i", "ons-loneliness", "--decimals", "1"])
    #expect(unweighted.output.contains("Lonely often/always: 80 of 616 (13.0%; 95% CI"))
  }

  @Test(arguments: ["text", "csv"])
  func `the weighted residents' report matches its golden file`(format: String) {
    let result = run([
      "report", "Examples/residents-survey/survey.csv", "-i", "ons-loneliness", "-i", "ons4",
      "--weight", "weight", "--by", "age_band", "--format", format,
    ])
    #expect(result.exitCode == .success)
    #expect(result.output.contains("Rao-Scott") || format == "csv")
    expectSnapshot(
      result.output,
      named: "report-residents-weighted.\(format == "text" ? "txt" : format)"
    )
  }

  @Test func `the residents' page breaks each 0-10 question down once, in the ONS bands`() throws {
    let result = run([
      "report", "Examples/residents-survey/survey.csv", "-i", "ons-loneliness", "-i", "ons4",
      "--weight", "weight", "--by", "age_band", "--format", "html",
    ])
    #expect(result.exitCode == .success)
    let page = result.output
    func section(_ id: String) throws -> Substring {
      let start = try #require(page.range(of: "<section class=\"measure\" id=\"\(id)\""))
      let end = page[start.upperBound...].range(of: "</section>")?.lowerBound ?? page.endIndex
      return page[start.lowerBound..<end]
    }
    let ids = page.matches(
      of: /<section class="measure" id="(measure-\d+)"[^>]*>\n<div[^>]*>\n<h2[^>]*>([^<]*)</
    )
    .map { (String($0.output.1), String($0.output.2)) }
    let item = try #require(ids.first { $0.1.hasPrefix("Overall, how satisfied") }?.0)
    let score = try #require(ids.first { $0.1 == "Life satisfaction" }?.0)
    // The question: every answer of all respondents, and where the groups are.
    let question = try section(item)
    #expect(
      question.contains(
        "how satisfied are you with your life nowadays?: answers of all respondents"
      )
    )
    #expect(!question.contains("each group&#39;s answers"))
    #expect(!question.contains("By “age_band”"))
    #expect(
      question.contains(
        "Each group&#39;s answers are under “Life satisfaction”, below, in the "
          + "instrument&#39;s bands (Low (0-4), Medium (5-6), High (7-8), Very high (9-10))"
      )
    )
    // The score: its groups in the bands, and no second chart of the same distribution.
    let scored = try section(score)
    #expect(scored.contains("Life satisfaction: each group&#39;s answers"))
    #expect(scored.contains("By “age_band”"))
    #expect(!scored.contains("Distribution of scores"))
    #expect(
      scored.contains(
        "The distribution of answers is under “Overall, how satisfied are you with your life "
          + "nowadays?”, above."
      )
    )
    // The loneliness items keep a column for every answer by group.
    #expect(page.contains("How often do you feel lonely?: each group&#39;s answers"))
    // The test's method is named once, under About this report, not under every table.
    #expect(
      !page.contains(
        "<p class=\"test\">Breakdown by “age_band”: Rao-Scott F = 3.22, df = 4.22 and 2699.2, "
          + "p = 0.011 (weighted chi-square = 28.97, df = 6; mean design effect 1.50). Rao-Scott"
      )
    )
    #expect(page.contains("<p class=\"test\">Breakdown by “age_band”: Rao-Scott F = "))
    #expect(page.components(separatedBy: "survey::svychisq, treating respondents").count == 2)
    // Each source of a cut-off is cited once, by number.
    let foi = "Freedom of information response: a set of annual UK subjective well-being score"
    #expect(page.components(separatedBy: foi).count == 2)
    #expect(page.contains("<caption>Sources of the cut-offs, as numbered above</caption>"))
  }

  @Test func `a page without breakdowns speaks of all respondents, not of groups`() {
    let result = run([
      "report", "Examples/platform-exports/microsoft-forms.xlsx", "--format", "html",
    ])
    #expect(result.exitCode == .success)
    #expect(result.output.contains("How often do you feel lonely?: answers of all respondents"))
    #expect(result.output.contains("Lonely often/always: all respondents</caption>"))
    #expect(!result.output.contains("each group"))
    #expect(!result.output.contains("Each group"))
  }

  @Test(arguments: [80, 72])
  func `a breakdown too wide for the terminal wraps its headings and labels`(width: Int) {
    let result = run(kentArguments + ["--by", "Which district do you live in?"], width: width)
    #expect(result.exitCode == .success)
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines where !line.contains("://") {
      #expect(line.count <= width, "wider than \(width): \(line)")
    }
    // One line per district, its figures on the same line as its name.
    let maidstone = lines.filter { $0.hasPrefix("  Maidstone ") }
    #expect(
      maidstone.first?.split(separator: " ") == [
        "Maidstone", "17", "22", "22", "12", "15", "12", "41",
      ]
    )
    // A long label continues on indented lines with no figures, its flag kept whole.
    let folkestone = lines.firstIndex { $0.hasPrefix("  Folkestone ") }
    let continuation = folkestone.map { String(lines[$0 + 1]) } ?? ""
    #expect(continuation.hasPrefix("    Hythe") && !continuation.contains { $0.isNumber })
    // A flag never stands on its own at a row's indent, where it would read as another row.
    #expect(!lines.contains { $0.hasPrefix("  [") })
    #expect(lines.contains { $0.hasPrefix("  Dover [low base] ") }, "a flag that fits stays put")
    #expect(!result.output.contains("    All of the time   "), "no block of lines per district")
  }

  @Test func `a report written to a file that cannot be created exits 73`() {
    let result = run(kentArguments + ["-o", "/no/such/folder/report.html"])
    #expect(result.exitCode == .cannotCreate)
  }
}
