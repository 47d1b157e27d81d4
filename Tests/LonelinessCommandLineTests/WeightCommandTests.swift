import Foundation
import LonelinessCommandLine
import LonelinessToolkit
import SurveyCSV
import TestSupport
import Testing

private let survey = "Examples/residents-survey/survey.csv"
private let margins = "Examples/residents-survey/margins.csv"

/// The raking cases R's survey::rake made from the example's files
/// (Scripts/reference/raking_reference.R).
private struct ResidentsReference: Decodable {
  struct Margin: Decodable {
    let name: String
    let categories: [String]
    let populationTotals: [Double]
    let respondentCategories: [Int]
  }
  struct Expected: Decodable {
    let converged: Bool
    let iterations: Int?
    let rerakings: Int?
    let endedWithTrim: Bool?
    let weights: [Double]
    let effectiveSampleSize: Double
    let marginTotals: [[Double]]
  }
  struct Case: Decodable {
    let label: String
    let margins: [Margin]
    let maximumIterations: Int
    let epsilon: Double
    let arguments: [String]
    let expected: Expected
  }
  let cases: [Case]

  static func load() throws -> ResidentsReference {
    let url = packageRoot.appendingPathComponent(
      "Tests/SurveyStatisticsTests/Fixtures/raking-residents.json"
    )
    return try JSONDecoder().decode(ResidentsReference.self, from: Data(contentsOf: url))
  }
}

/// The records of the CSV at `path`.
private func records(atPath path: String) throws -> [[String]] {
  try CSVReader(contentsOfFile: path).readAll()
}

/// Runs `weight` on the example with `arguments` into a temporary file; returns the run and the
/// file's records.
private func weighExample(_ arguments: [String]) throws -> (CommandRun, [[String]]) {
  let folder = try temporaryFolder("weight")
  defer { try? FileManager.default.removeItem(at: folder) }
  let output = folder.appendingPathComponent("raked.csv").path
  let result = run(
    ["weight", survey, "--margins", margins, "--name", "raked_weight", "-o", output] + arguments
  )
  let written = result.exitCode == .success ? try records(atPath: output) : []
  return (result, written)
}

/// Writes `text` as `margins.csv` in a temporary folder.
private func marginsFile(_ text: String) throws -> String {
  try temporaryFile(Array(text.utf8), named: "margins.csv")
}

/// The example's margins file with `change` made to its text.
private func exampleMargins(_ change: (String) -> String) throws -> String {
  let text = try String(
    contentsOf: packageRoot.appendingPathComponent(margins),
    encoding: .utf8
  )
  return try marginsFile(change(text))
}

@Suite struct WeightCommandTests {
  @Test func `the residents' survey is raked to its margins, with the report on standard output`()
    throws
  {
    let (result, written) = try weighExample([])
    #expect(result.exitCode == .success)
    #expect(result.errors.isEmpty)
    expectSnapshot(result.output, named: "weight-residents.txt")
    let input = try records(atPath: packageRoot.appendingPathComponent(survey).path)
    #expect(written.count == input.count)
    for (inputRecord, outputRecord) in zip(input, written) {
      #expect(Array(outputRecord.dropLast()) == inputRecord)
    }
    #expect(written.first?.last == "raked_weight")
    let weights = written.dropFirst().compactMap { Double($0.last ?? "") }
    #expect(weights.count == 640)
    #expect(abs(weights.reduce(0, +) - 152_100) < 0.5)
  }

  @Test
  func `without -o the weighted export goes to standard output and the report to standard error`()
    throws
  {
    let result = run(["weight", survey, "--margins", margins, "--name", "raked_weight"])
    #expect(result.exitCode == .success)
    #expect(result.output.hasPrefix("respondent_id,ward,age_band,sex,weight,"))
    #expect(result.output.split(separator: "\n").count == 641)
    #expect(result.errors.hasPrefix("Raking weights for \(survey) to the margins in \(margins)\n"))
    #expect(result.errors.contains("Converged after 4 iterations"))
  }

  @Test func `JSON output has the weight as a number`() throws {
    let result = run([
      "weight", survey, "--margins", margins, "--name", "raked_weight", "--format", "json",
    ])
    #expect(result.exitCode == .success)
    #expect(result.output.hasPrefix("[\n{\"respondent_id\":\"RS-0001\""))
    #expect(result.output.contains(",\"raked_weight\":106.65636}"))
  }

  @Test func `the weights agree with R's survey::rake on the example's files`() throws {
    let reference = try ResidentsReference.load()
    var compared = 0
    for entry in reference.cases where entry.expected.converged {
      let (result, written) = try weighExample(entry.arguments)
      #expect(result.exitCode == .success, "\(entry.label): \(result.errors)")
      let weights = written.dropFirst().map { Double($0.last ?? "") ?? .nan }
      #expect(weights.count == entry.expected.weights.count)
      for (weight, expected) in zip(weights, entry.expected.weights) {
        #expect(
          abs(weight - expected) <= 1e-8 * expected,
          "\(entry.label): \(weight), R \(expected)"
        )
      }
      if let iterations = entry.expected.iterations {
        #expect(
          result.output.contains("Converged after \(iterations) iterations"),
          "\(entry.label)"
        )
      }
      if let rerakings = entry.expected.rerakings {
        #expect(result.output.contains("raked again \(rerakings) times"), "\(entry.label)")
      }
      let kish = String(
        format: "Kish's effective sample size %.1f of 640",
        entry.expected.effectiveSampleSize
      )
      #expect(result.output.contains(kish), "\(entry.label)")
      compared += 1
    }
    #expect(compared == 2)
  }

  @Test
  func `raking that does not converge exits 65, and the library's weights then agree with R's`()
    throws
  {
    let reference = try ResidentsReference.load()
    let entry = try #require(reference.cases.first { !$0.expected.converged })
    let (result, _) = try weighExample(entry.arguments)
    #expect(result.exitCode == .dataError)
    #expect(result.errors.hasPrefix("error: raking did not converge in 2 iterations"))
    #expect(result.errors.contains("hint: allow more iterations"))

    let file = try PopulationMargins(
      contentsOfFile: packageRoot.appendingPathComponent(margins).path,
      displayPath: margins
    )
    let read = try Survey(
      reading: .file(path: packageRoot.appendingPathComponent(survey).path),
      options: SurveyWeighting.readingOptions(for: file)
    )
    let weights = try SurveyWeighting.rake(
      read,
      margins: file,
      options: RakingOptions(
        maximumIterations: entry.maximumIterations,
        epsilon: entry.epsilon,
        requireConvergence: false
      )
    )
    #expect(!weights.raking.converged)
    #expect(weights.raking.iterations == entry.expected.iterations)
    for (weight, expected) in zip(weights.weights, entry.expected.weights) {
      #expect(abs((weight ?? .nan) - expected) <= 1e-9 * expected)
    }
    #expect(file.margins.map(\.name) == entry.margins.map(\.name))
    #expect(file.margins.map { $0.categories.map(\.label) } == entry.margins.map(\.categories))
  }

  @Test func `report --weight works on the weighted file`() throws {
    let folder = try temporaryFolder("weight")
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("raked.csv").path
    let weighed = run([
      "weight", survey, "--margins", margins, "--name", "raked_weight", "-o", output,
    ])
    #expect(weighed.exitCode == .success)
    let result = run([
      "report", output, "-i", "ons-loneliness", "--weight", "raked_weight", "--by", "age_band",
    ])
    #expect(result.exitCode == .success)
    expectSnapshot(
      result.output.replacingOccurrences(of: output, with: "raked.csv"),
      named: "weight-residents-report.txt"
    )
  }

  @Test func `the default column name clashes with the example's own weight column`() {
    let result = run(["weight", survey, "--margins", margins])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors.hasPrefix(
        "error: \(survey) already has a column 'weight', so a weight column named 'weight' could not be told apart from it\nhint: name the weight column differently, for example raked_weight\n"
      )
    )
    #expect(result.output.isEmpty)
  }

  @Test func `an output that names the margins file is refused`() throws {
    let result = run(["weight", survey, "--margins", margins, "--name", "w", "-o", margins])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors.hasPrefix("error: the output '\(margins)' is the input file '\(margins)'")
    )
    #expect(result.errors.contains("for example -o weighted.csv"))
  }

  @Test(arguments: [
    (["--trim", "1.5,3"], "error: --trim needs LOW,HIGH"),
    (["--trim", "0.3"], "error: --trim needs LOW,HIGH"),
    (["--rerake", "3"], "error: --rerake goes with --trim"),
    (["--max-iterations", "0"], "error: --max-iterations needs a whole number"),
    (["--epsilon", "-1"], "error: --epsilon needs a positive number"),
    (["--format", "html"], "error: unknown format 'html'; expected csv or json"),
  ])
  func `bad options are usage errors`(arguments: [String], message: String) {
    let result = run(["weight", survey, "--margins", margins, "--name", "w"] + arguments)
    #expect(result.exitCode == .usage)
    #expect(result.errors.hasPrefix(message), "\(result.errors)")
  }

  @Test func `without --margins the command says what it needs`() {
    let result = run(["weight", survey])
    #expect(result.exitCode == .usage)
    #expect(result.errors.hasPrefix("error: 'weight' needs the population margins: --margins FILE"))
  }

  @Test func `a margin naming a column the export lacks is located in the margins file`() throws {
    let path = try exampleMargins { $0.replacingOccurrences(of: "ward,", with: "wrd,") }
    defer { removeTemporaryFile(path) }
    let result = run(["weight", survey, "--margins", path, "--name", "w"])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors.hasPrefix(
        "\(path):16: error: margin 'wrd' names the column 'wrd', which \(survey) does not have\nhint: did you mean 'ward'?"
      ),
      "\(result.errors)"
    )
  }

  @Test func `respondent values missing from a margin are listed with their rows`() throws {
    let path = try exampleMargins { text in
      text.split(separator: "\n").filter { !$0.contains("75+") }.joined(separator: "\n")
        .replacingOccurrences(of: "Westgate,45800", with: "Westgate,30000")
    }
    defer { removeTemporaryFile(path) }
    let result = run(["weight", survey, "--margins", path, "--name", "w"])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors.hasPrefix(
        "\(path):2: error: respondents of \(survey) have values of 'age_band|sex' that are not categories of the margin: '75+|Female' (60 rows, first at \(survey):5), '75+|Male' (37 rows, first at"
      ),
      "\(result.errors)"
    )
    #expect(result.errors.contains("hint: add each value to the margins with its population total"))
  }

  @Test func `a category with people but no respondent cannot be met`() throws {
    let path = try exampleMargins { text in
      text.replacingOccurrences(
        of: "ward,Westgate,45800,invented",
        with: "ward,Westgate,45000,invented\nward,Riverside,800,invented"
      )
    }
    defer { removeTemporaryFile(path) }
    let result = run(["weight", survey, "--margins", path, "--name", "w"])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors.hasPrefix(
        "\(path):20: error: margin 'ward', category 'Riverside' has a population of 800 but no respondent of \(survey) is in it, so no weights can meet it\nhint: merge the category"
      ),
      "\(result.errors)"
    )
  }

  @Test func `margins that disagree in total are refused at the later margin's line`() throws {
    let path = try exampleMargins {
      $0.replacingOccurrences(of: "Westgate,45800", with: "Westgate,44800")
    }
    defer { removeTemporaryFile(path) }
    let result = run(["weight", survey, "--margins", path, "--name", "w"])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors.hasPrefix(
        "\(path):16: error: margin 'ward' totals 151,100, but margin 'age_band|sex' (from line 2) totals 152,100; raked weights cannot meet both\n"
      ),
      "\(result.errors)"
    )
  }

  @Test func `rows with a blank value get no weight and are listed`() throws {
    let input = try String(
      contentsOf: packageRoot.appendingPathComponent(survey),
      encoding: .utf8
    )
    let changed = input.replacingOccurrences(of: "RS-0003,Harbour,", with: "RS-0003,,")
    let path = try temporaryFile(Array(changed.utf8), named: "survey.csv")
    defer { removeTemporaryFile(path) }
    let result = run(["weight", path, "--margins", margins, "--name", "w"])
    #expect(result.exitCode == .success)
    #expect(result.errors.contains("Rows: 640 read, 639 weighted, 1 excluded\n"))
    #expect(result.errors.contains("Excluded rows (no weight):\n  \(path):4: no value in 'ward'\n"))
    let rows = try CSVReader(bytes: Array(result.output.utf8)).readAll()
    #expect(rows[3].first == "RS-0003")
    #expect(rows[3].last == "")
    #expect(rows[4].last?.isEmpty == false)
  }

  @Test func `the margins reader's errors reach the command line with their line`() throws {
    let path = try marginsFile("margin,category,population\nward,Abbey,many\n")
    defer { removeTemporaryFile(path) }
    let result = run(["weight", survey, "--margins", path, "--name", "w"])
    #expect(result.exitCode == .dataError)
    #expect(
      result.errors
        == "\(path):2: error: population 'many': expected a number of 0 or more\nhint: write the number in digits with an optional decimal point, for example 9800\n"
    )
    let missing = run(["weight", survey, "--margins", "no-such-margins.csv", "--name", "w"])
    #expect(missing.exitCode == .noInput)
  }

  @Test func `the residents README states what the command prints`() throws {
    let readme = try String(
      contentsOf: packageRoot.appendingPathComponent("Examples/residents-survey/README.md"),
      encoding: .utf8
    ).replacingOccurrences(of: "\n", with: " ")
    let (result, _) = try weighExample([])
    #expect(readme.contains("converged after 4 iterations"))
    #expect(result.output.contains("Converged after 4 iterations"))
    #expect(
      readme.contains(
        "Kish's effective sample size is 425.6 of 640 (a weighting efficiency of 66.5% and a design effect due to weighting of 1.504)"
      )
    )
    #expect(
      result.output.contains(
        "Kish's effective sample size 425.6 of 640; weighting efficiency 66.5%; design effect due to weighting 1.504"
      )
    )
    #expect(readme.contains("the weights run from 106.7 to 1,028.6"))
    #expect(result.output.contains("Weights: smallest 106.656, largest 1,028.61"))
    let report = try temporaryFolder("weight")
    defer { try? FileManager.default.removeItem(at: report) }
    let output = report.appendingPathComponent("raked.csv").path
    _ = run(["weight", survey, "--margins", margins, "--name", "raked_weight", "-o", output])
    let headline = run([
      "report", output, "-i", "ons-loneliness", "--weight", "raked_weight", "--decimals", "1",
    ]).output
    let stated = "Lonely often/always: 80 of 616 (weighted 14.7%; 95% CI 11.4% to 18.9%)"
    #expect(readme.contains(stated.replacingOccurrences(of: "CI 11.4% to", with: "CI 11.4% to")))
    #expect(headline.contains(stated))
  }

  @Test func `help matches its golden file`() {
    let result = run(["help", "weight"])
    #expect(result.exitCode == .success)
    expectSnapshot(result.output, named: "weight-help.txt")
  }
}
