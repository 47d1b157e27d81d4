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

  @Test func `a score's transitions and the indicator of its bands are protected together`()
    throws
  {
    // 20 pairs by band: low to low 6, low to high 6, high to low 2, high to high 6. Each table
    // alone hides the 2 and one more cell; set side by side, the two tables must not give it.
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
    let moves: [(Double, Double)] =
      Array(repeating: (3, 3), count: 6) + Array(repeating: (3, 8), count: 6)
      + Array(repeating: (8, 3), count: 2) + Array(repeating: (8, 8), count: 6)
    builder.addScore(
      id: "s",
      title: "S",
      values: moves.flatMap { [$0.0, $0.1] },
      decimals: 0,
      bands: BandSet(bands: [
        Band(id: "low", label: "Low", minimum: 3, maximum: 4),
        Band(id: "high", label: "High", minimum: 7, maximum: 9),
      ])
    )
    builder.addIndicator(
      id: "high",
      title: "High",
      values: moves.flatMap { [$0.0 > 5 ? 1 : 0, $0.1 > 5 ? 1 : 0] },
      source: "s"
    )
    let report = builder.build()
    let table = try #require(report.scores.first?.transitions)
    let indicator = try #require(report.indicators.first)
    // Every table of true counts (low-low, low-high, high-low, high-high) a reader cannot rule
    // out: the cells shown, hidden ones at least 1.
    func allows(_ shown: Int?, _ value: Int) -> Bool { shown.map { $0 == value } ?? (value >= 1) }
    var highToLow = Set<Int>()
    for ll in 0...20 {
      for lh in 0...(20 - ll) {
        for hl in 0...(20 - ll - lh) {
          let hh = 20 - ll - lh - hl
          let transitions = [ll, lh, hl, hh]
          let cells = table.cells.flatMap { $0 }
          guard zip(cells, transitions).allSatisfy({ allows($0.shownCount, $1) }),
            allows(indicator.yesYes.shownCount, hh), allows(indicator.yesNo.shownCount, hl),
            allows(indicator.noYes.shownCount, lh), allows(indicator.noNo.shownCount, ll)
          else { continue }
          highToLow.insert(hl)
        }
      }
    }
    #expect(highToLow.contains(2) && highToLow.count > 1, "high to low can be: \(highToLow)")
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
