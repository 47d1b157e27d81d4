import Foundation
import SurveyCapture
import SurveyInstruments
import SurveyScoring
import TestSupport
import Testing

/// The number of respondents to time, from `SCORING_BENCHMARK` (for example 1000000).
///
/// The test is skipped when it is not set. Run it in release:
/// `SCORING_BENCHMARK=1000000 swift test -c release --filter ScoringSpeedTests`.
private let benchmarkRespondents = ProcessInfo.processInfo.environment["SCORING_BENCHMARK"].flatMap(
  Int.init
)

/// A generated export of `count` respondents answering the ONS loneliness questions and SWEMWBS
/// by label, with about 2% of answers blank or declined.
private func generatedExport(respondents count: Int) -> [UInt8] {
  var generator = SeededGenerator(seed: 1_000_000)
  let ucla = ["Hardly ever or never", "Some of the time", "Often"]
  let direct = ["Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never"]
  let frequency = ["None of the time", "Rarely", "Some of the time", "Often", "All of the time"]
  let swemwbs = [
    "Optimistic", "Useful", "Relaxed", "Dealing with problems", "Thinking clearly",
    "Close to other people", "Make up my own mind",
  ]
  var text =
    "id,area,How often do you feel that you lack companionship?,How often do you feel left out?,"
  text += "How often do you feel isolated from others?,How often do you feel lonely?,"
  text += swemwbs.map { "SWEMWBS - \($0)" }.joined(separator: ",") + "\n"
  var bytes = Array(text.utf8)
  bytes.reserveCapacity(count * 170)
  let areas = ["Eastfield", "Westbrook", "Northgate", "Southmoor"]
  for row in 0..<count {
    var fields = ["R\(row)", areas[row % areas.count]]
    for _ in 0..<3 {
      fields.append(
        Int.random(in: 0..<50, using: &generator) == 0
          ? "" : ucla.randomElement(using: &generator) ?? ""
      )
    }
    fields.append(
      Int.random(in: 0..<50, using: &generator) == 0
        ? "Prefer not to say" : direct.randomElement(using: &generator) ?? ""
    )
    for _ in 0..<7 {
      fields.append(
        Int.random(in: 0..<100, using: &generator) == 0
          ? "" : frequency.randomElement(using: &generator) ?? ""
      )
    }
    bytes.append(contentsOf: fields.joined(separator: ",").utf8)
    bytes.append(UInt8(ascii: "\n"))
  }
  return bytes
}

@Suite struct ScoringSpeedTests {
  @Test(.enabled(if: benchmarkRespondents != nil))
  func `measure scoring against reading the export (a benchmark, not a check)`() throws {
    let count = try #require(benchmarkRespondents)
    let instruments = [try builtIn("ons-loneliness"), try builtIn("swemwbs")]
    let export = generatedExport(respondents: count)
    let clock = ContinuousClock()
    var table: ResponseTable?
    let reading = try clock.measure {
      table = try ExportImporter.read(
        .bytes(export, name: "generated.csv"),
        instruments: instruments,
        options: ImportOptions(attributes: .none)
      ).table
    }
    let responses = try #require(table)
    #expect(responses.count == count)
    var scored: ScoredTable?
    let scoring = clock.measure { scored = Scorer.score(responses) }
    let result = try #require(scored)
    var reasons = 0
    let explaining = clock.measure {
      for column in result.scores {
        for row in 0..<result.count where column.absences[row] != .present {
          reasons += column.reason(at: row)?.utf8.count ?? 0
        }
      }
    }
    print(
      "scoring speed: \(count) respondents, \(export.count) bytes; read \(reading), "
        + "score \(scoring) (\(result.scores.count) scores, \(result.indicators.count) indicators), "
        + "word every absent reason \(explaining)"
    )
    // A benchmark prints its figures for BENCHMARKS.md; timings are never asserted in tests.
    print(
      "scoring speed: scoring takes \(Int((100 * (scoring / reading)).rounded()))% of the reading time (goal: under 20%)"
    )
    #expect(reasons > 0)
  }
}
