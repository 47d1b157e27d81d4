import SurveyCapture
import SurveyInstruments
import SurveyReports
import TestSupport
import Testing

/// A table of the ONS direct question with a `district` column, from (district, code) pairs.
func districtTable(_ answers: [(String, Int?)]) throws -> ResponseTable {
  try districtTable(answers: answers.map { ($0.0, $0.1.map(Answer.code) ?? .notAnswered) })
}

/// A table of the ONS direct question with a `district` column, from (district, answer) pairs.
func districtTable(answers: [(String, Answer)]) throws -> ResponseTable {
  let ons = try #require(InstrumentCatalogue.builtIn.instrument(withID: "ons-loneliness"))
  var table = ResponseTable(instruments: [ons], attributeHeaders: ["district"])
  let key = ItemKey(instrument: "ons-loneliness", item: "lonely")
  for (index, (district, answer)) in answers.enumerated() {
    try table.append(
      Response(
        answers: [key: answer],
        attributes: ["district": district]
      ),
      lineNumber: index + 2
    )
  }
  return table
}

func lonelyReport(_ table: ResponseTable, policy: SuppressionPolicy) throws -> MeasureReport {
  var builder = try ReportBuilder(
    table: table,
    options: ReportOptions(groupBy: ["district"], suppression: policy),
    sourceFiles: ["x.csv"]
  )
  builder.addItem(ItemKey(instrument: "ons-loneliness", item: "lonely"))
  return try #require(builder.build().measures.first)
}

/// Whether some hidden count can be worked out from shown counts and a shown total.
func revealsHiddenCount(_ measure: MeasureReport) -> String? {
  for breakdown in measure.breakdowns {
    for group in breakdown.groups where !group.isSuppressed {
      if group.categories.filter({ $0.shownCount == nil }).count == 1 {
        return "group \(group.group ?? "all") has exactly one hidden answer and a shown base"
      }
      // The rows are the base plus the missing answers; a lone missing reason is always derivable.
      if group.missing.filter({ $0.shownCount == nil }).count == 1
        && group.missing.contains(where: { $0.shownCount != nil && $0.count > 0 })
      {
        return "group \(group.group ?? "all") has exactly one hidden missing reason"
      }
    }
  }
  guard let whole = measure.wholeSample else { return nil }
  for breakdown in measure.breakdowns.dropFirst() {
    for (index, category) in whole.categories.enumerated() where category.shownCount != nil {
      if breakdown.groups.filter({ $0.categories[index].shownCount == nil }).count == 1 {
        return "'\(category.category)' has exactly one hidden group and a shown total"
      }
    }
    if whole.shownBase != nil && breakdown.groups.filter(\.isSuppressed).count == 1 {
      return "exactly one group is hidden and the total base is shown"
    }
  }
  return nil
}

@Suite struct SuppressionTests {
  @Test func `counts below 5 are hidden, with a second count so the base cannot reveal them`()
    throws
  {
    // Ashford: 10 Often/always, 3 Never (hidden), 12 Some of the time.
    var answers: [(String, Int?)] =
      Array(repeating: ("Ashford", 1), count: 10) + Array(repeating: ("Ashford", 5), count: 3)
    answers += Array(repeating: ("Ashford", 2), count: 12)
    answers +=
      Array(repeating: ("Dover", 1), count: 20) + Array(repeating: ("Dover", 2), count: 20)
      + Array(repeating: ("Dover", 5), count: 9)
    let measure = try lonelyReport(try districtTable(answers), policy: .threshold(5))
    let ashford = try #require(measure.breakdowns.last?.groups.first { $0.group == "Ashford" })
    let never = try #require(ashford.categories.first { $0.category == "Never" })
    #expect(
      never.shownCount == nil && never.percent == nil && never.interval == nil
        && never.suppression == .hidden
    )
    let hidden = ashford.categories.filter { $0.suppression == .hidden }
    #expect(
      hidden.map(\.category) == ["Often/always", "Never"],
      "the smallest other non-zero count is hidden with the small one"
    )
    #expect(revealsHiddenCount(measure) == nil)
    // Zeros are shown.
    #expect(ashford.categories.first { $0.category == "Occasionally" }?.shownCount == 0)
  }

  @Test func `a hidden missing reason gets a second, so the rows read cannot reveal it`() throws {
    // 40 answered, 3 left it blank (hidden), 6 said "Prefer not to say" (index 1).
    var answers: [(String, Answer)] = Array(repeating: ("Ashford", .code(2)), count: 20)
    answers += Array(repeating: ("Dover", .code(3)), count: 20)
    answers += Array(repeating: ("Ashford", .notAnswered), count: 3)
    answers += Array(repeating: ("Dover", .missing(reasonIndex: 1)), count: 6)
    let measure = try lonelyReport(try districtTable(answers: answers), policy: .threshold(5))
    let whole = try #require(measure.wholeSample)
    #expect(whole.shownBase == 40)
    let notAnswered = try #require(whole.missing.first { $0.category == "not answered" })
    let declined = try #require(whole.missing.first { $0.category == "Prefer not to say" })
    #expect(notAnswered.count == 3 && notAnswered.suppression == .hidden)
    #expect(
      declined.count == 6 && declined.shownCount == nil && declined.suppression == .hidden,
      "49 rows - 40 answered - 6 declined would reveal the 3 blanks"
    )
    #expect(revealsHiddenCount(measure) == nil)
  }

  @Test
  func `a small group is hidden whole, and another group with it so the total cannot reveal it`()
    throws
  {
    var answers: [(String, Int?)] = [("Gravesham", 1), ("Gravesham", 2)]
    answers +=
      Array(repeating: ("Maidstone", 1), count: 30) + Array(repeating: ("Maidstone", 2), count: 30)
    answers += Array(repeating: ("Swale", 1), count: 6) + Array(repeating: ("Swale", 2), count: 7)
    let measure = try lonelyReport(try districtTable(answers), policy: .threshold(5))
    let groups = try #require(measure.breakdowns.last).groups
    #expect(groups.first { $0.group == "Gravesham" }?.isSuppressed == true)
    #expect(
      groups.first { $0.group == "Swale" }?.isSuppressed == true,
      "the next smallest group is hidden too"
    )
    #expect(groups.first { $0.group == "Maidstone" }?.isSuppressed == false)
    #expect(revealsHiddenCount(measure) == nil)
  }

  @Test func `no hidden count can be worked out, over many random tables`() throws {
    var generator = SeededGenerator(seed: 7)
    let districts = ["A", "B", "C", "D", "E"]
    for _ in 0..<200 {
      var answers: [(String, Answer)] = []
      for district in districts {
        let size = Int(generator.next() % 40)
        for _ in 0..<size {
          // Codes 1 to 5, and now and then a blank, "Don't know" or "Prefer not to say".
          let draw = Int(generator.next() % 40)
          let answer: Answer =
            switch draw {
            case 37: .notAnswered
            case 38, 39: .missing(reasonIndex: draw - 38)
            default: .code(draw % 5 + 1)
            }
          answers.append((district, answer))
        }
      }
      guard !answers.isEmpty else { continue }
      let measure = try lonelyReport(try districtTable(answers: answers), policy: .threshold(5))
      if let leak = revealsHiddenCount(measure) {
        Issue.record("\(leak) in \(answers.count) answers")
        return
      }
      for group in measure.breakdowns.flatMap(\.groups) {
        for category in group.categories + group.missing where (1...4).contains(category.count) {
          #expect(category.shownCount == nil, "a count of \(category.count) is shown")
        }
      }
    }
  }

  @Test
  func
    `the NHS Digital policy hides 1 to 7 and rounds the rest to 5, with percentages from rounded counts`()
    throws
  {
    var answers: [(String, Int?)] =
      Array(repeating: ("Ashford", 1), count: 7) + Array(repeating: ("Ashford", 2), count: 23)
    answers += Array(repeating: ("Ashford", 3), count: 12)
    let measure = try lonelyReport(try districtTable(answers), policy: .nhsDigital)
    let whole = try #require(measure.wholeSample)
    #expect(whole.shownBase == 40, "42 rounds to 40")
    #expect(whole.categories.map(\.shownCount) == [nil, 25, 10, 0, 0])
    #expect(whole.categories[1].percent == 62.5, "25 of the rounded 40")
  }

  @Test func `no suppression shows every count`() throws {
    let measure = try lonelyReport(
      try districtTable([("Ashford", 1), ("Ashford", 2)]),
      policy: .none
    )
    #expect(measure.wholeSample?.categories.map(\.shownCount) == [1, 1, 0, 0, 0])
  }
}
