import Foundation
import LonelinessCommandLine
import SurveyDisclosure
import TestSupport
import Testing

/// The attacker of issue 18, played on what `report --format json` publishes.
///
/// It reads the published JSON as any reader could, writes down every linear fact the figures
/// and the public instrument definitions imply, and bounds each hidden count by exact linear
/// programming (and integer programming in small systems). The true counts come from the same
/// report run with `--suppression none`; they choose which hidden counts are small (the ones
/// that must never be worked out) and check that every fact written down is true, so that a
/// mistake in the attacker shows as a failure rather than as a weaker attack.
///
/// Facts used: in each group, the base is the sum of the answers (and of a score's bands and
/// histogram); the base plus the missing answers is the group's size, the same for every
/// measure; every whole-sample figure is the sum of that figure over the groups of each
/// breakdown; an indicator's yes and no are sums of its item's answers (by the codes in the
/// instrument file) or of its score's bands; a band is the sum of the histogram's values in its
/// range; a one-item score's histogram is its item's answers; a score summary's n is its base.
/// Hidden counts are whole numbers of at least 1 (zeros are shown) or, in a group hidden whole,
/// at least 0; under the NHS Digital policy hidden counts are 1 to 7 and shown ones are rounded
/// to the nearest 5. Counts of missing answers are the documented exception and are not checked.
struct PublishedReport {
  /// A published figure: measure, breakdown (by its column, or "" for the whole sample), group,
  /// and which figure of the group.
  struct Key: Hashable, CustomStringConvertible {
    var measure: String
    var breakdown: String
    var group: String
    var slot: String
    var description: String { "\(measure) [\(breakdown): \(group)] \(slot)" }
  }

  enum Value {
    case shown(Int)
    case hidden(inWholeHiddenGroup: Bool)
  }

  var values: [Key: Value] = [:]
  /// Keys by measure, for building facts.
  var measures: [(id: String, kind: String, breakdowns: [(by: String, groups: [String])])] = []
  var rowsRead = 0

  init(json: String) throws {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    let report = try #require(object as? [String: Any])
    let metadata = try #require(report["metadata"] as? [String: Any])
    rowsRead = try #require(metadata["rows_read"] as? Int)
    for measure in try #require(report["measures"] as? [[String: Any]]) {
      let id = try #require(measure["measure"] as? String)
      let kind = try #require(measure["kind"] as? String)
      var breakdowns: [(String, [String])] = []
      for breakdown in try #require(measure["breakdowns"] as? [[String: Any]]) {
        let by = breakdown["group_by"] as? String ?? ""
        var names: [String] = []
        for group in try #require(breakdown["groups"] as? [[String: Any]]) {
          let name = group["group"] as? String ?? "all"
          names.append(name)
          let whole = group["suppressed"] as? Bool ?? false
          func record(_ slot: String, _ count: Any?) {
            let key = Key(measure: id, breakdown: by, group: name, slot: slot)
            if let count = count as? Int {
              values[key] = .shown(count)
            } else {
              values[key] = .hidden(inWholeHiddenGroup: whole)
            }
          }
          record("base", group["base"])
          for category in group["categories"] as? [[String: Any]] ?? [] {
            record("answer: \(category["category"] as? String ?? "")", category["count"])
          }
          for category in group["missing"] as? [[String: Any]] ?? [] {
            record("missing: \(category["category"] as? String ?? "")", category["count"])
          }
          for bin in group["histogram"] as? [[String: Any]] ?? [] {
            record("value: \(bin["category"] as? String ?? "")", bin["count"])
          }
          if let summary = group["summary"] as? [String: Any] {
            record("summary n", summary["n"])
          }
        }
        breakdowns.append((by, names))
      }
      measures.append((id, kind, breakdowns))
    }
  }

  /// The true value of every figure: the report of the same data without suppression.
  func truth(_ key: Key) -> Int? {
    if case .shown(let value) = values[key] { return value }
    return nil
  }
}

/// A linear fact: the sum of its terms with their coefficients is zero.
///
/// Terms are published figures or a group's size.
private struct Fact {
  var terms: [(term: String, coefficient: Int)]
}

private struct Attack {
  let published: PublishedReport
  let truth: PublishedReport
  let rounded: Bool
  let smallest: Int
  let largestSmall: Int
  let instruments: [String: [String: Any]]
  var facts: [Fact] = []
  var unsound: [String] = []

  func term(_ key: PublishedReport.Key) -> String {
    "f|\(key.measure)|\(key.breakdown)|\(key.group)|\(key.slot)"
  }

  func trueValue(_ term: String) -> Int? {
    let parts = term.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    if parts[0] == "n" {
      // A group's size: the base plus the missing answers of any measure (each has the same).
      let (breakdown, group) = (parts[1], parts[2])
      for measure in truth.measures {
        let base = PublishedReport.Key(
          measure: measure.id,
          breakdown: breakdown,
          group: group,
          slot: "base"
        )
        guard let value = truth.truth(base) else { continue }
        let missing = truth.values.keys.filter {
          $0.measure == measure.id && $0.breakdown == breakdown && $0.group == group
            && $0.slot.hasPrefix("missing: ")
        }
        if ["item"].contains(measure.kind) {
          return value + missing.compactMap { truth.truth($0) }.reduce(0, +)
        }
      }
      return nil
    }
    return truth.truth(
      .init(measure: parts[1], breakdown: parts[2], group: parts[3], slot: parts[4])
    )
  }

  /// Adds `fact` if it holds on the true figures; a fact that does not hold is an attacker bug.
  mutating func add(_ terms: [(String, Int)], _ what: String) {
    let values = terms.map { pair in trueValue(pair.0).map { $0 * pair.1 } }
    guard values.allSatisfy({ $0 != nil }) else { return }
    if values.compactMap({ $0 }).reduce(0, +) != 0 {
      unsound.append(what)
      return
    }
    facts.append(Fact(terms: terms))
  }

  mutating func writeFacts() {
    for measure in published.measures {
      for breakdown in measure.breakdowns {
        for group in breakdown.groups {
          func key(_ slot: String) -> PublishedReport.Key {
            .init(measure: measure.id, breakdown: breakdown.by, group: group, slot: slot)
          }
          let slots = published.values.keys.filter {
            $0.measure == measure.id && $0.breakdown == breakdown.by && $0.group == group
          }
          let answers = slots.filter { $0.slot.hasPrefix("answer: ") }
          let missing = slots.filter { $0.slot.hasPrefix("missing: ") }
          let histogram = slots.filter { $0.slot.hasPrefix("value: ") }
          let base = term(key("base"))
          if measure.kind != "multi-select" && !answers.isEmpty {
            add([(base, -1)] + answers.map { (term($0), 1) }, "\(key("base")) = sum of answers")
          }
          if !histogram.isEmpty {
            add([(base, -1)] + histogram.map { (term($0), 1) }, "\(key("base")) = histogram")
            // A band is the histogram's values in its range, "(a-b)" in its label.
            for band in answers {
              guard let range = bandRange(band.slot) else { continue }
              let inside = histogram.filter {
                Double($0.slot.dropFirst(7)).map(range.contains) ?? false
              }
              add(
                [(term(band), -1)] + inside.map { (term($0), 1) },
                "\(band) = its histogram values"
              )
            }
          }
          if slots.contains(key("summary n")) {
            add([(term(key("summary n")), 1), (base, -1)], "\(key("summary n")) = base")
          }
          if measure.kind == "item" {
            add(
              [("n|\(breakdown.by)|\(group)", -1), (base, 1)] + missing.map { (term($0), 1) },
              "size of \(breakdown.by): \(group)"
            )
          }
          addDerivations(of: measure.id, breakdown: breakdown.by, group: group)
        }
        // Whole-sample figures are the sums over the groups.
        guard !breakdown.by.isEmpty else { continue }
        let wholeSlots = published.values.keys.filter {
          $0.measure == measure.id && $0.breakdown == ""
        }
        for whole in wholeSlots {
          let parts = breakdown.groups.map {
            (
              term(
                .init(measure: measure.id, breakdown: breakdown.by, group: $0, slot: whole.slot)
              ), 1
            )
          }
          add([(term(whole), -1)] + parts, "\(whole) = sum over \(breakdown.by)")
        }
        if measure.kind == "item" {
          add(
            [("n||all", -1)] + breakdown.groups.map { ("n|\(breakdown.by)|\($0)", 1) },
            "rows = sum over \(breakdown.by)"
          )
        }
      }
    }
  }

  /// An indicator's yes and no from its item's answers or its score's bands, as the instrument
  /// file defines it.
  mutating func addDerivations(of measure: String, breakdown: String, group: String) {
    let parts = measure.split(separator: ".", maxSplits: 1).map(String.init)
    guard parts.count == 2, let instrument = instruments[parts[0]] else { return }
    let indicators = instrument["indicators"] as? [[String: Any]] ?? []
    guard let indicator = indicators.first(where: { $0["id"] as? String == parts[1] }) else {
      // A one-item score's histogram is its item's answers.
      let scores = instrument["scores"] as? [[String: Any]] ?? []
      guard let score = scores.first(where: { $0["id"] as? String == parts[1] }),
        let items = score["items"] as? [String], items.count == 1
      else { return }
      let item = "\(parts[0]).\(items[0])"
      for bin in published.values.keys
      where bin.measure == measure && bin.breakdown == breakdown && bin.group == group
        && bin.slot.hasPrefix("value: ")
      {
        let answer = PublishedReport.Key(
          measure: item,
          breakdown: breakdown,
          group: group,
          slot: "answer: \(bin.slot.dropFirst(7))"
        )
        // Holds unless the item is reversed; a fact that does not hold is dropped, not used.
        if let b = trueValue(term(bin)), let a = trueValue(term(answer)), a == b {
          facts.append(Fact(terms: [(term(bin), 1), (term(answer), -1)]))
        }
      }
      return
    }
    func key(_ measure: String, _ slot: String) -> PublishedReport.Key {
      .init(measure: measure, breakdown: breakdown, group: group, slot: slot)
    }
    let sources: [PublishedReport.Key]
    let chosen: (PublishedReport.Key) -> Bool
    if let item = indicator["item"] as? String, let codes = indicator["codes"] as? [Int] {
      let measureID = "\(parts[0]).\(item)"
      let answers = answerCodes[measureID] ?? [:]
      sources = answers.keys.map { key(measureID, $0) }
      chosen = { codes.contains(answers[$0.slot] ?? -1) }
    } else if let score = indicator["score"] as? String, let bands = indicator["bands"] as? [String]
    {
      let measureID = "\(parts[0]).\(score)"
      let labels = bandLabels(instrument: instrument, score: score, ids: bands)
      sources = published.values.keys.filter {
        $0.measure == measureID && $0.breakdown == breakdown && $0.group == group
          && $0.slot.hasPrefix("answer: ")
      }
      chosen = { key in labels.contains { key.slot.hasPrefix("answer: \($0)") } }
    } else {
      return
    }
    guard !sources.isEmpty else { return }
    let yes = sources.filter(chosen)
    let no = sources.filter { !chosen($0) }
    add([(term(key(measure, "answer: yes")), -1)] + yes.map { (term($0), 1) }, "\(measure) yes")
    add([(term(key(measure, "answer: no")), -1)] + no.map { (term($0), 1) }, "\(measure) no")
  }

  /// Each item's answers by slot, with their codes, as the JSON gives them.
  var answerCodes: [String: [String: Int]] = [:]

  func bandLabels(instrument: [String: Any], score: String, ids: [String]) -> [String] {
    let scores = instrument["scores"] as? [[String: Any]] ?? []
    let bands = (scores.first { $0["id"] as? String == score }?["bands"] as? [String: Any])?[
      "ranges"
    ]
    let list = bands as? [[String: Any]] ?? []
    return list.filter { ids.contains($0["id"] as? String ?? "") }.compactMap {
      $0["label"] as? String
    }
  }

  func bandRange(_ slot: String) -> ClosedRange<Double>? {
    guard let open = slot.lastIndex(of: "("), slot.hasSuffix(")") else { return nil }
    let inside = slot[slot.index(after: open)..<slot.index(before: slot.endIndex)]
    let ends = inside.split(separator: "-").compactMap { Double($0) }
    guard ends.count == 2, ends[0] <= ends[1] else { return nil }
    return ends[0]...ends[1]
  }

  /// The hidden small counts a reader can work out exactly.
  mutating func exposedCounts() -> [String] {
    // Group the facts into systems that share no term.
    var parent: [String: String] = [:]
    func root(_ term: String) -> String {
      var current = term
      while let next = parent[current], next != current {
        parent[current] = parent[next]
        current = next
      }
      return current
    }
    for fact in facts {
      for (term, _) in fact.terms where parent[term] == nil { parent[term] = term }
      for (term, _) in fact.terms.dropFirst() {
        let (a, b) = (root(fact.terms[0].term), root(term))
        if a != b { parent[b] = a }
      }
    }
    var systems: [String: [Fact]] = [:]
    for fact in facts { systems[root(fact.terms[0].term), default: []].append(fact) }

    var exposed: [String] = []
    for facts in systems.values {
      var system = LinearSystem()
      var variables: [String: Variable] = [:]
      var targets: [(String, Variable, Int)] = []
      func variable(_ term: String) -> Variable? {
        if let known = variables[term] { return known }
        if term.hasPrefix("n|") {
          let v = system.addVariable(lower: 0)
          variables[term] = v
          return v
        }
        let parts = term.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let key = PublishedReport.Key(
          measure: parts[1],
          breakdown: parts[2],
          group: parts[3],
          slot: parts[4]
        )
        switch published.values[key] {
        case .shown where !rounded: return nil
        case .shown(let value):
          let v = system.addVariable(lower: Rational(max(0, value - 2)), upper: Rational(value + 2))
          variables[term] = v
          return v
        case .hidden(let whole):
          let small = rounded && !key.slot.hasPrefix("missing") && key.slot != "base"
          let v = system.addVariable(
            lower: Rational(whole ? 0 : 1),
            upper: small && !whole ? Rational(largestSmall) : nil
          )
          variables[term] = v
          let value = trueValue(term) ?? 0
          if !key.slot.hasPrefix("missing: ") && value >= smallest && value <= largestSmall {
            targets.append((key.description + " = \(value)", v, value))
          }
          return v
        case nil: return nil
        }
      }
      for fact in facts {
        var expression = LinearExpression(constant: 0)
        var constant = 0
        for (term, coefficient) in fact.terms {
          if let v = variable(term) {
            expression = expression + Rational(coefficient) * LinearExpression(v)
          } else if case .shown(let value)? = lookup(term) {
            constant += coefficient * value
          }
        }
        system.require(expression, equals: Rational(-constant))
      }
      guard !targets.isEmpty else { continue }
      exposed += determinedTargets(in: system, targets, unsound: &unsound)
    }
    return exposed.sorted()
  }

  func lookup(_ term: String) -> PublishedReport.Value? {
    let parts = term.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    guard parts[0] == "f" else { return nil }
    return published.values[
      .init(measure: parts[1], breakdown: parts[2], group: parts[3], slot: parts[4])
    ]
  }
}

/// A survey of `rows` people in areas of very unequal sizes, with blanks and refusals.
func generatedSurvey(seed: UInt64, rows: Int) -> String {
  var generator = SeededGenerator(seed: seed)
  let items = [
    "How often do you feel that you lack companionship?", "How often do you feel left out?",
    "How often do you feel isolated from others?", "How often do you feel lonely?",
  ]
  let three = ["Hardly ever or never", "Some of the time", "Often", "", "Prefer not to say"]
  let five = ["Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never", ""]
  let areas = (0..<Int.random(in: 4...8, using: &generator)).map { "Area \($0 + 1)" }
  let ages = ["16-34", "35-64", "65+"]
  var text = "id,area,age," + items.joined(separator: ",") + "\n"
  for row in 0..<rows {
    // Area i is chosen with weight 2^-i: a few large areas and some of 1 to 4 people.
    var area = 0
    while area < areas.count - 1 && Bool.random(using: &generator) { area += 1 }
    var fields = ["R\(row)", areas[area], ages[Int.random(in: 0..<ages.count, using: &generator)]]
    for item in 0..<3 {
      let roll = Int.random(in: 0..<100, using: &generator)
      fields.append(roll < 4 ? three[3 + roll % 2] : three[(roll + item) % 3])
    }
    let roll = Int.random(in: 0..<100, using: &generator)
    fields.append(roll < 3 ? five[5] : five[Int.random(in: 0..<5, using: &generator)])
    text += fields.joined(separator: ",") + "\n"
  }
  return text
}

@Suite struct PublishedReportAttackTests {
  /// The instruments an attacker reads: the built-ins and the Kent example's file.
  static func instruments() -> [String: [String: Any]] {
    var files =
      (try? FileManager.default.contentsOfDirectory(
        atPath: packageRoot.appendingPathComponent("Instruments").path
      ))?.filter { $0.hasSuffix(".json") }.map { "Instruments/\($0)" } ?? []
    files.append("Examples/kent-esurvey/kent-loneliness.json")
    var result: [String: [String: Any]] = [:]
    for file in files {
      guard let data = try? Data(contentsOf: packageRoot.appendingPathComponent(file)),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let id = object["id"] as? String
      else { continue }
      result[id] = object
    }
    return result
  }

  /// Runs the report with `arguments` under `policy` and without suppression, and attacks it.
  private func attack(
    _ arguments: [String],
    policy: String
  ) throws -> (exposed: [String], unsound: [String], facts: Int) {
    let published = run(arguments + ["--format", "json", "--suppression", policy])
    try #require(published.exitCode == .success, "\(published.errors)")
    let truth = run(arguments + ["--format", "json", "--suppression", "none"])
    try #require(truth.exitCode == .success, "\(truth.errors)")
    var attack = Attack(
      published: try PublishedReport(json: published.output),
      truth: try PublishedReport(json: truth.output),
      rounded: policy == "nhs-digital",
      smallest: 1,
      largestSmall: policy == "nhs-digital" ? 7 : 4,
      instruments: Self.instruments()
    )
    // Each item answer's code, from the JSON (the instrument file says the same).
    let object =
      try JSONSerialization.jsonObject(with: Data(published.output.utf8)) as? [String: Any]
    for measure in object?["measures"] as? [[String: Any]] ?? [] {
      guard let id = measure["measure"] as? String,
        let group = (measure["breakdowns"] as? [[String: Any]])?.first?["groups"]
          as? [[String: Any]]
      else { continue }
      var codes: [String: Int] = [:]
      for category in group.first?["categories"] as? [[String: Any]] ?? [] {
        if let code = category["code"] as? Int, let name = category["category"] as? String {
          codes["answer: \(name)"] = code
        }
      }
      attack.answerCodes[id] = codes
    }
    attack.writeFacts()
    return (attack.exposedCounts(), attack.unsound, attack.facts.count)
  }

  static let kentByDistrict = [
    "report", "Examples/kent-esurvey/export.csv", "--instruments",
    "Examples/kent-esurvey/kent-loneliness.json", "--by", "Which district do you live in?",
  ]

  static let examples: [([String], String)] = [
    (kentByDistrict, "below-5"),
    (kentByDistrict, "nhs-digital"),
    (kentByDistrict + ["--by", "What is your age?"], "below-5"),
    (kentByDistrict + ["--by", "What is your age?"], "nhs-digital"),
    (
      ["report", "Examples/residents-survey/survey.csv", "--by", "ward", "--by", "age_band"],
      "below-5"
    ),
    (["report", "Examples/residents-survey/survey.csv", "--by", "ward"], "nhs-digital"),
    (["report", "Examples/provider-outcomes/baseline.csv", "--by", "referral_source"], "below-5"),
  ]

  @Test(arguments: examples)
  func `no small hidden count of an example's report can be worked out`(
    arguments: [String],
    policy: String
  ) throws {
    let result = try attack(arguments, policy: policy)
    #expect(result.unsound.isEmpty, "facts that do not hold: \(result.unsound.prefix(5))")
    #expect(result.facts > 100, "the attacker found too few facts to be a real attack")
    #expect(result.exposed.isEmpty, "worked out: \(result.exposed.prefix(10))")
  }

  /// Generated surveys: areas of very unequal sizes (some of 1 to 4 people), two breakdowns
  /// under the threshold policy and one under the rounding policy.
  static let surveys: [(seed: Int, policy: String)] = [
    (11, "below-5"), (12, "below-5"), (13, "below-5"), (14, "below-5"), (15, "below-5"),
    (16, "below-5"), (11, "nhs-digital"), (12, "nhs-digital"), (13, "nhs-digital"),
  ]

  @Test(arguments: surveys)
  func `no small hidden count of a generated survey's report can be worked out`(
    seed: Int,
    policy: String
  ) throws {
    let rows = 120 + 40 * (seed % 4)
    let path = try temporaryFile(Array(generatedSurvey(seed: UInt64(seed), rows: rows).utf8))
    defer { removeTemporaryFile(path) }
    let breakdowns = policy == "nhs-digital" ? ["--by", "area"] : ["--by", "area", "--by", "age"]
    let result = try attack(
      ["report", path, "-i", "ons-loneliness"] + breakdowns,
      policy: policy
    )
    #expect(result.unsound.isEmpty, "facts that do not hold: \(result.unsound.prefix(5))")
    #expect(result.exposed.isEmpty, "worked out: \(result.exposed.prefix(10))")
  }

  @Test func `revealing one hidden count lets the attacker work out another`() throws {
    // A control: the attacker must find what a report that left one hidden count shown would
    // give away, or its silence above would mean nothing.
    let path = try temporaryFile(Array(generatedSurvey(seed: 13, rows: 160).utf8))
    defer { removeTemporaryFile(path) }
    let published = run([
      "report", path, "-i", "ons-loneliness", "--by", "area", "--format", "json",
    ])
    try #require(published.exitCode == .success)
    var report = try PublishedReport(json: published.output)
    let truth = try PublishedReport(
      json: run([
        "report", path, "-i", "ons-loneliness", "--by", "area", "--format", "json", "--suppression",
        "none",
      ]).output
    )
    // Reveal one hidden answer of the indicator's item where the indicator's yes is shown: the
    // attacker must then work out a hidden neighbour, as a reader of an unaudited report could.
    var planted = false
    for (key, value) in report.values where !planted {
      guard case .hidden = value, key.measure == "ons-loneliness.lonely",
        key.slot == "answer: Often/always",
        let trueCount = truth.truth(key)
      else { continue }
      report.values[key] = .shown(trueCount)
      planted = true
    }
    try #require(planted, "the generated survey has no hidden 'Often/always' to reveal")
    var attack = Attack(
      published: report,
      truth: truth,
      rounded: false,
      smallest: 0,
      largestSmall: .max,
      instruments: Self.instruments()
    )
    attack.answerCodes["ons-loneliness.lonely"] = [
      "answer: Often/always": 1, "answer: Some of the time": 2, "answer: Occasionally": 3,
      "answer: Hardly ever": 4, "answer: Never": 5,
    ]
    attack.writeFacts()
    #expect(attack.unsound.isEmpty)
    #expect(
      !attack.exposedCounts().isEmpty,
      "revealing a hidden count exposes nothing: the attacker is blind"
    )
  }
}
