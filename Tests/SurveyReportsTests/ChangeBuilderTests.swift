import Foundation
import SurveyCSV
import SurveyInstruments
import SurveyReports
import SurveyStatistics
import Testing

/// The change fixture: id, wave, three scores and an indicator, one row per respondent per wave.
struct ChangeFixture {
  var ids: [String] = []
  var waves: [String] = []
  var locations: [String] = []
  var scores: [String: [Double]] = ["ucla": [], "wellbeing": [], "satisfaction": []]
  var lonely: [Int8] = []

  init() throws {
    let reader = try CSVReader(
      contentsOfFile: reportFixtures.appendingPathComponent("change-data.csv").path
    )
    for (index, row) in try reader.readAll().dropFirst().enumerated() {
      ids.append(row[0])
      waves.append(row[1])
      locations.append("change-data.csv:\(index + 2)")
      scores["ucla"]?.append(Double(row[2]) ?? .nan)
      scores["wellbeing"]?.append(Double(row[3]) ?? .nan)
      scores["satisfaction"]?.append(Double(row[4]) ?? .nan)
      lonely.append(row[5].isEmpty ? -1 : (row[5] == "1" ? 1 : 0))
    }
  }

  static let bands = BandSet(bands: [
    Band(id: "low", label: "Low", minimum: 3, maximum: 4),
    Band(id: "middle", label: "Middle", minimum: 5, maximum: 6),
    Band(id: "high", label: "High", minimum: 7, maximum: 9),
  ])

  func build(_ options: ChangeOptions) throws -> ChangeReport {
    var builder = try ChangeBuilder(
      ids: ids,
      waves: waves,
      baseline: "baseline",
      followUp: "follow-up",
      options: options,
      sourceFiles: ["change-data.csv"],
      idColumn: "id",
      waveColumn: "wave",
      rowLocations: locations
    )
    builder.addScore(
      id: "ucla",
      title: "UCLA-3",
      values: scores["ucla"] ?? [],
      decimals: 0,
      better: .lower,
      threshold: ChangeThreshold(points: 2, source: "test"),
      bands: Self.bands,
      reason: { _ in "blank" }
    )
    builder.addScore(
      id: "wellbeing",
      title: "Wellbeing",
      values: scores["wellbeing"] ?? [],
      decimals: 2,
      better: .higher,
      threshold: ChangeThreshold(points: 2.87, source: "test"),
      reason: { _ in "blank" }
    )
    builder.addScore(
      id: "satisfaction",
      title: "Satisfaction",
      values: scores["satisfaction"] ?? [],
      decimals: 0,
      better: .higher,
      reason: { _ in "blank" }
    )
    builder.addIndicator(id: "lonely", title: "Lonely", values: lonely, reason: { _ in "blank" })
    return builder.build()
  }
}

@Suite struct ChangeBuilderTests {
  let reference: [String: Any]
  let report: ChangeReport

  init() throws {
    reference = try json("change-reference.json")
    report = try ChangeFixture().build(ChangeOptions(suppression: .none))
  }

  @Test func `pairing counts, one-wave ids and duplicates agree with the reference`() throws {
    let expected = try #require(reference["pairing"] as? [String: Any])
    #expect(report.pairing.paired == expected["paired"] as? Int)
    #expect(report.pairing.baselineOnly == expected["baseline_only"] as? [String])
    #expect(report.pairing.followUpOnly == expected["follow_up_only"] as? [String])
    #expect(report.pairing.baselineIDs == expected["baseline_ids"] as? Int)
    #expect(report.pairing.followUpIDs == expected["follow_up_ids"] as? Int)
    let duplicates = try #require(expected["duplicates"] as? [[String: Any]])
    #expect(report.pairing.duplicates.map(\.id) == duplicates.compactMap { $0["id"] as? String })
    #expect(
      report.pairing.duplicates.map(\.wave) == duplicates.compactMap { $0["wave"] as? String }
    )
    #expect(
      report.pairing.duplicates.map { $0.resolution == .identicalUsedOnce }
        == duplicates.compactMap { $0["identical"] as? Bool }
    )
    for duplicate in report.pairing.duplicates {
      #expect(duplicate.locations.count == 2)
      #expect(duplicate.locations.allSatisfy { $0.hasPrefix("change-data.csv:") })
    }
    let exclusions = report.metadata.exclusions
    #expect(
      exclusions.first { $0.reason.hasPrefix("no id") }?.count == expected["rows_without_id"]
        as? Int
    )
    #expect(
      exclusions.first { $0.reason.contains("'3 months'") }?.count == expected[
        "rows_in_other_waves"
      ] as? Int
    )
  }

  @Test func `excluding every duplicate leaves the identical one out of pairing too`() throws {
    let strict = try ChangeFixture().build(
      ChangeOptions(suppression: .none, duplicates: .excludeAll)
    )
    let expected = try #require((reference["pairing"] as? [String: Any])?["paired"] as? Int)
    #expect(strict.pairing.paired == expected - 1)
    #expect(strict.pairing.duplicates.allSatisfy { $0.resolution == .excluded })
  }

  @Test(arguments: ["ucla", "wellbeing", "satisfaction"])
  func `paired t-test, Wilcoxon, d_z and means agree with scipy`(_ id: String) throws {
    let scores = try #require(reference["scores"] as? [String: [String: Any]])
    let expected = try #require(scores[id])
    let score = try #require(report.scores.first { $0.id == id })
    #expect(score.pairsUsed == expected["n"] as? Int)
    close(score.baselineMean, expected["baseline_mean"], "\(id) baseline mean")
    close(score.baselineStandardDeviation, expected["baseline_sd"], "\(id) baseline SD")
    close(score.followUpMean, expected["follow_up_mean"], "\(id) follow-up mean")
    close(score.followUpStandardDeviation, expected["follow_up_sd"], "\(id) follow-up SD")
    close(score.meanChange, expected["mean_change"], "\(id) mean change")
    close(score.changeStandardDeviation, expected["change_sd"], "\(id) SD of change")
    close(score.tStatistic, expected["t"], "\(id) t")
    close(score.degreesOfFreedom, expected["df"], "\(id) df")
    close(score.pValue, expected["p_value"], "\(id) p")
    close(score.interval?.lower, expected["ci_lower"], "\(id) lower")
    close(score.interval?.upper, expected["ci_upper"], "\(id) upper")
    close(score.standardizedChange, expected["dz"], "\(id) d_z")
    close(score.wilcoxonPValue, expected["wilcoxon_p_value"], "\(id) Wilcoxon p")
  }

  @Test(arguments: ["ucla", "wellbeing", "satisfaction"])
  func `pairs missing a score are counted by the wave it is missing at`(_ id: String) throws {
    let scores = try #require(reference["scores"] as? [String: [String: Any]])
    let expected = try #require(scores[id]?["missing"] as? [String: Int])
    let score = try #require(report.scores.first { $0.id == id })
    func count(_ reason: String) -> Int {
      score.missing.first { $0.reason == reason }?.count.count ?? 0
    }
    #expect(count("missing at baseline") == expected["baseline"])
    #expect(count("missing at follow-up") == expected["follow_up"])
    #expect(count("missing at both waves") == expected["both"])
    #expect(
      score.missing.allSatisfy { $0.details == ["blank"] || $0.reason == "missing at both waves" }
    )
    #expect(
      score.missing.reduce(0) { $0 + $1.count.count } + score.pairsUsed == report.pairing.paired
    )
  }

  @Test(arguments: ["ucla", "wellbeing", "satisfaction"])
  func `shares by the threshold, or by any amount without one, agree with the reference`(
    _ id: String
  ) throws {
    let scores = try #require(reference["scores"] as? [String: [String: Any]])
    let expected = try #require(scores[id]?["shares"] as? [String: [String: Any]])
    let score = try #require(report.scores.first { $0.id == id })
    #expect(Set(score.shares.map(\.movement.rawValue)) == Set(expected.keys))
    for share in score.shares {
      let values = try #require(expected[share.movement.rawValue])
      #expect(share.count.count == values["count"] as? Int, "\(id) \(share.movement)")
      close(share.count.percent, values["percent"], "\(id) \(share.movement) percent")
      close(share.interval?.lower, values["ci_lower"], "\(id) \(share.movement) lower")
      close(share.interval?.upper, values["ci_upper"], "\(id) \(share.movement) upper")
    }
  }

  @Test func `shares without a threshold are labelled as any change`() throws {
    let score = try #require(report.scores.first { $0.id == "satisfaction" })
    #expect(score.threshold == nil)
    #expect(score.shares.map(\.label).first == "went up by any amount (higher is better)")
    let ucla = try #require(report.scores.first { $0.id == "ucla" })
    #expect(ucla.shares.map(\.label).first == "improved by 2 points or more")
  }

  @Test func `the band transition table agrees with the reference`() throws {
    let scores = try #require(reference["scores"] as? [String: [String: Any]])
    let expected = try #require(scores["ucla"]?["transitions"] as? [[Int]])
    let transitions = try #require(report.scores.first { $0.id == "ucla" }?.transitions)
    #expect(transitions.bands == ["Low", "Middle", "High"])
    #expect(transitions.cells.map { $0.map(\.count) } == expected)
    #expect(transitions.outsideBands.count == 0)
    #expect(report.scores.first { $0.id == "wellbeing" }?.transitions == nil)
  }

  @Test func `the paired 2x2 table and McNemar's test agree with statsmodels`() throws {
    let expected = try #require(reference["lonely"] as? [String: Any])
    let table = try #require(expected["table"] as? [[Int]])
    let lonely = try #require(report.indicators.first)
    #expect(
      [[lonely.yesYes.count, lonely.yesNo.count], [lonely.noYes.count, lonely.noNo.count]] == table
    )
    #expect(lonely.pairsUsed == expected["n"] as? Int)
    #expect(lonely.missing.reduce(0) { $0 + $1.count.count } == expected["missing"] as? Int)
    close(lonely.baselinePercent, expected["baseline_percent"], "baseline %")
    close(lonely.followUpPercent, expected["follow_up_percent"], "follow-up %")
    close(lonely.statistic, expected["statistic"], "McNemar statistic")
    close(lonely.pValue, expected["p_value"], "McNemar p")
    #expect((lonely.method?.contains("exact") ?? false) == (expected["exact"] as? Bool ?? false))
    #expect(lonely.methodNote?.contains("discordant pairs") == true)
  }

  @Test func `a small discordant cell hides McNemar's test and its neighbour`() throws {
    var builder = try ChangeBuilder(
      ids: (0..<40).map { "R\($0 / 2)" },
      waves: (0..<40).map { $0 % 2 == 0 ? "pre" : "post" },
      baseline: "pre",
      followUp: "post",
      options: ChangeOptions(),
      sourceFiles: [],
      idColumn: "id",
      waveColumn: "wave"
    )
    // 20 pairs: 2 went from yes to no, 8 stayed yes, 10 stayed no.
    var values = [Int8]()
    for pair in 0..<20 {
      values += pair < 2 ? [1, 0] : (pair < 10 ? [1, 1] : [0, 0])
    }
    builder.addIndicator(id: "x", title: "X", values: values)
    let indicator = try #require(builder.build().indicators.first)
    #expect(indicator.yesNo.suppression == .hidden)
    #expect(indicator.noYes.count == 0 && indicator.noYes.shownCount == 0)
    #expect(indicator.yesYes.suppression == .hidden)
    #expect(indicator.pValue == nil && indicator.statistic == nil)
    #expect(indicator.baselinePercent == nil)
    #expect(indicator.notes.contains { $0.hasPrefix("McNemar's test hidden") })
  }

  @Test
  func
    `waves are inferred when one is called baseline, and an error says how to name them otherwise`()
    throws
  {
    let inferred = try ChangeBuilder.inferWaves(["12 weeks", "Baseline", "12 weeks"])
    #expect(inferred.baseline == "Baseline" && inferred.followUp == "12 weeks")
    #expect {
      _ = try ChangeBuilder.inferWaves(["spring", "autumn"])
    } throws: { error in
      (error as? ReportError)?.hint == "name them with --baseline VALUE --followup VALUE"
    }
  }

  @Test func `an unknown baseline wave is an error with a suggestion`() {
    #expect {
      _ = try ChangeBuilder(
        ids: ["a", "a"],
        waves: ["baseline", "week 12"],
        baseline: "baseline",
        followUp: "week12",
        options: ChangeOptions(),
        sourceFiles: [],
        idColumn: "id",
        waveColumn: "wave"
      )
    } throws: { error in
      let error = error as? ReportError
      return error?.message
        == "--followup names the wave 'week12', which column 'wave' does not have"
        && error?.hint == "did you mean 'week 12'?"
    }
  }
}
