import Foundation
import LonelinessCommandLine
import SurveyDisclosure
import TestSupport
import Testing

/// The attacker of issue 18, played on what `compare` and `change` publish.
///
/// As for `report` (see `PublishedReportAttackTests`), it reads the published JSON as any reader
/// could, writes down every linear fact the figures and the public instrument files imply, and
/// bounds each hidden count by exact linear programming (and integer programming in small
/// systems). The true counts come from the same run with `--no-suppression`: they choose which
/// hidden counts are small and check every fact written down on published figures.
///
/// Facts used for `compare`: each cohort's rows are every measure's base plus its number with no
/// value; the cohorts' rows add up to the rows read less the rows with no cohort; an indicator's
/// count and base are sums of how many in the cohort gave each answer code of its item (or fall
/// in each band of its score), which are unknown whole numbers of at least 0 shared by every
/// indicator of that item or score; a band indicator's base is its score's n.
///
/// Facts used for `change`: every measure's pairs used plus its pairs left out are the pairs;
/// a score's shares, its transitions (with the pairs outside the bands) and an indicator's table
/// each add up to its pairs used; the tables of the indicators of one item are sums of how many
/// pairs gave each baseline answer code and follow-up answer code (unknown, shared); a band
/// indicator's table is the sum of its score's transitions over its bands.
///
/// Hidden counts are whole numbers of at least 1 (zeros are shown) or, where a figure may be
/// hidden at 0 (a cohort's count hidden because its base less it is small; anything in a
/// measure whose base is hidden), at least 0. Counts of missing values are the documented
/// exception and are not checked.
private struct LinearAttack {
  /// Published figures as shown.
  var shown: [String: Int] = [:]
  /// Hidden figures, with the least a reader knows each to be.
  var hidden: [String: Int] = [:]
  /// The true value of every published figure.
  var truth: [String: Int] = [:]
  var facts: [[(String, Int)]] = []
  var unsound: [String] = []

  /// Records a figure read from the JSON (`nil` when hidden).
  mutating func record(_ key: String, published: Int?, truth: Int?, atLeast: Int) {
    if let published { shown[key] = published } else { hidden[key] = atLeast }
    if let truth { self.truth[key] = truth }
  }

  /// Adds a fact.
  ///
  /// Terms starting `l|` are unknown counts of at least 0 that are never published. A fact on
  /// published figures only that does not hold is an attacker bug.
  mutating func add(_ terms: [(String, Int)], _ what: String) {
    guard terms.count >= 2 else { return }
    let published = terms.filter { !$0.0.hasPrefix("l|") }
    if published.count == terms.count {
      let values = published.map { pair in truth[pair.0].map { $0 * pair.1 } }
      guard values.allSatisfy({ $0 != nil }) else { return }
      if values.compactMap({ $0 }).reduce(0, +) != 0 {
        unsound.append(what)
        return
      }
    }
    facts.append(terms)
  }

  /// The hidden counts of 1 to `largestSmall` a reader can work out exactly.
  mutating func exposedCounts(largestSmall: Int) -> [String] {
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
      for (term, _) in fact where parent[term] == nil { parent[term] = term }
      for (term, _) in fact.dropFirst() {
        let (a, b) = (root(fact[0].0), root(term))
        if a != b { parent[b] = a }
      }
    }
    var systems: [String: [[(String, Int)]]] = [:]
    for fact in facts { systems[root(fact[0].0), default: []].append(fact) }
    var exposed: [String] = []
    for key in systems.keys.sorted() {
      var system = LinearSystem()
      var variables: [String: Variable] = [:]
      var targets: [(String, Variable, Int)] = []
      for fact in systems[key] ?? [] {
        var expression = LinearExpression(constant: 0)
        var constant = 0
        for (term, coefficient) in fact {
          if let value = shown[term] {
            constant += coefficient * value
            continue
          }
          let variable: Variable
          if let known = variables[term] {
            variable = known
          } else {
            variable = system.addVariable(lower: Rational(hidden[term] ?? 0))
            variables[term] = variable
            if let value = truth[term], value >= 1, value <= largestSmall,
              !term.contains("|missing|")
            {
              targets.append((term + " = \(value)", variable, value))
            }
          }
          expression = expression + Rational(coefficient) * LinearExpression(variable)
        }
        system.require(expression, equals: Rational(-constant))
      }
      guard !targets.isEmpty else { continue }
      exposed += determinedTargets(in: system, targets, unsound: &unsound)
    }
    return exposed.sorted()
  }
}

/// What the instrument files say an attacker needs: each item's codes, each indicator's source.
private struct InstrumentFacts {
  let instruments: [String: [String: Any]]

  /// The answer codes of `instrument.item`, from its scale.
  func codes(_ instrument: String, item: String) -> [Int] {
    guard let file = instruments[instrument],
      let items = file["items"] as? [[String: Any]],
      let scale = items.first(where: { $0["id"] as? String == item })?["scale"] as? String,
      let scales = file["scales"] as? [[String: Any]],
      let definition = scales.first(where: { $0["id"] as? String == scale })
    else { return [] }
    if let options = definition["options"] as? [[String: Any]] {
      return options.compactMap { $0["code"] as? Int }
    }
    if let range = definition["range"] as? [String: Any], let low = range["min"] as? Int,
      let high = range["max"] as? Int
    {
      return Array(low...high)
    }
    return []
  }

  /// An indicator's definition: its item and codes, or its score and the labels of its bands
  /// with every band's label.
  enum Source {
    case item(String, codes: [Int])
    case score(String, chosen: [String], all: [String])
  }

  func source(of measure: String) -> Source? {
    let parts = measure.split(separator: ".", maxSplits: 1).map(String.init)
    guard parts.count == 2, let file = instruments[parts[0]],
      let indicator = (file["indicators"] as? [[String: Any]])?.first(where: {
        $0["id"] as? String == parts[1]
      })
    else { return nil }
    if let item = indicator["item"] as? String, let codes = indicator["codes"] as? [Int] {
      return .item("\(parts[0]).\(item)", codes: codes)
    }
    guard let score = indicator["score"] as? String, let bands = indicator["bands"] as? [String],
      let rule = (file["scores"] as? [[String: Any]])?.first(where: {
        $0["id"] as? String == score
      }),
      let ranges = (rule["bands"] as? [String: Any])?["ranges"] as? [[String: Any]]
    else { return nil }
    let chosen = ranges.filter { bands.contains($0["id"] as? String ?? "") }
    return .score(
      "\(parts[0]).\(score)",
      chosen: chosen.compactMap { $0["label"] as? String },
      all: ranges.compactMap { $0["label"] as? String }
    )
  }
}

private func object(_ json: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
}

/// The facts a reader of a comparison has.
private func comparisonAttack(
  published: [String: Any],
  truth: [String: Any],
  instruments: InstrumentFacts
) -> LinearAttack {
  var attack = LinearAttack()
  let metadata = published["metadata"] as? [String: Any] ?? [:]
  attack.record("rows read", published: metadata["rows_read"] as? Int, truth: nil, atLeast: 0)
  let exclusions = metadata["exclusions"] as? [[String: Any]] ?? []
  let noCohort = exclusions.filter { ($0["reason"] as? String ?? "").hasPrefix("no cohort") }
    .compactMap { $0["count"] as? Int }.reduce(0, +)
  attack.record("no cohort", published: noCohort, truth: nil, atLeast: 0)
  attack.truth["rows read"] = metadata["rows_read"] as? Int
  attack.truth["no cohort"] = noCohort
  func cohorts(_ report: [String: Any]) -> [[String: Any]] {
    report["cohorts"] as? [[String: Any]] ?? []
  }
  let names = cohorts(published).compactMap { $0["cohort"] as? String }
  for (entry, actual) in zip(cohorts(published), cohorts(truth)) {
    let name = entry["cohort"] as? String ?? ""
    attack.record(
      "rows|\(name)",
      published: entry["rows"] as? Int,
      truth: actual["rows"] as? Int,
      atLeast: 1
    )
  }
  attack.add(
    [("rows read", -1), ("no cohort", 1)] + names.map { ("rows|\($0)", 1) },
    "rows read = cohorts' rows + no cohort"
  )
  let trueIndicators = truth["indicators"] as? [[String: Any]] ?? []
  for (measure, trueMeasure) in zip(
    published["indicators"] as? [[String: Any]] ?? [],
    trueIndicators
  ) {
    let id = measure["measure"] as? String ?? ""
    let source = instruments.source(of: id)
    for (entry, actual) in zip(
      measure["cohorts"] as? [[String: Any]] ?? [],
      trueMeasure["cohorts"] as? [[String: Any]] ?? []
    ) {
      let cohort = entry["cohort"] as? String ?? ""
      let key = "i|\(id)|\(cohort)|"
      let baseHidden = entry["base"] as? Int == nil
      attack.record(
        key + "count",
        published: entry["count"] as? Int,
        truth: actual["count"] as? Int,
        atLeast: 0
      )
      attack.record(
        key + "base",
        published: entry["base"] as? Int,
        truth: actual["base"] as? Int,
        atLeast: 0
      )
      attack.record(
        key + "missing|absent",
        published: entry["absent"] as? Int,
        truth: actual["absent"] as? Int,
        atLeast: baseHidden ? 0 : 1
      )
      attack.add(
        [(key + "base", 1), (key + "missing|absent", 1), ("rows|\(cohort)", -1)],
        "\(key) base + absent = rows"
      )
      switch source {
      case .item(let item, let codes):
        let all = instruments.codes(
          String(item.split(separator: ".")[0]),
          item: String(item.split(separator: ".")[1])
        )
        attack.add(
          [(key + "count", -1)] + codes.map { ("l|\(item)|\(cohort)|\($0)", 1) },
          "\(key) count = its codes"
        )
        attack.add(
          [(key + "base", -1)] + all.map { ("l|\(item)|\(cohort)|\($0)", 1) },
          "\(key) base = every code"
        )
      case .score(let score, let chosen, let all):
        attack.add(
          [(key + "count", -1)] + chosen.map { ("l|\(score)|\(cohort)|\($0)", 1) },
          "\(key) count = its bands"
        )
        attack.add(
          [(key + "base", -1)] + all.map { ("l|\(score)|\(cohort)|\($0)", 1) },
          "\(key) base = every band"
        )
        attack.add([(key + "base", 1), ("s|\(score)|\(cohort)|n", -1)], "\(key) base = score n")
      case nil: break
      }
    }
  }
  let trueScores = truth["scores"] as? [[String: Any]] ?? []
  for (measure, trueMeasure) in zip(published["scores"] as? [[String: Any]] ?? [], trueScores) {
    let id = measure["measure"] as? String ?? ""
    for (entry, actual) in zip(
      measure["cohorts"] as? [[String: Any]] ?? [],
      trueMeasure["cohorts"] as? [[String: Any]] ?? []
    ) {
      let cohort = entry["cohort"] as? String ?? ""
      let key = "s|\(id)|\(cohort)|"
      attack.record(
        key + "n",
        published: entry["n"] as? Int,
        truth: actual["n"] as? Int,
        atLeast: 0
      )
      attack.record(
        key + "missing|absent",
        published: entry["absent"] as? Int,
        truth: actual["absent"] as? Int,
        atLeast: entry["n"] as? Int == nil ? 0 : 1
      )
      attack.add(
        [(key + "n", 1), (key + "missing|absent", 1), ("rows|\(cohort)", -1)],
        "\(key) n + absent = rows"
      )
    }
  }
  return attack
}

/// The facts a reader of a change report has.
private func changeAttack(
  published: [String: Any],
  truth: [String: Any],
  instruments: InstrumentFacts
) -> LinearAttack {
  var attack = LinearAttack()
  let paired = (published["pairing"] as? [String: Any])?["paired"] as? Int
  attack.record("paired", published: paired, truth: paired, atLeast: 0)
  func count(_ cell: Any?) -> Int? { (cell as? [String: Any])?["count"] as? Int }
  func missing(
    _ key: String,
    _ measure: [String: Any],
    _ actual: [String: Any],
    hidden: Bool
  )
    -> [String]
  {
    var keys: [String] = []
    for (entry, trueEntry) in zip(
      measure["missing"] as? [[String: Any]] ?? [],
      actual["missing"] as? [[String: Any]] ?? []
    ) {
      let name = key + "missing|" + (entry["reason"] as? String ?? "")
      attack.record(
        name,
        published: entry["count"] as? Int,
        truth: trueEntry["count"] as? Int,
        atLeast: hidden ? 0 : 1
      )
      keys.append(name)
    }
    return keys
  }
  var transitions: [String: (bands: [String], key: String)] = [:]
  let trueScores = truth["scores"] as? [[String: Any]] ?? []
  for (score, trueScore) in zip(published["scores"] as? [[String: Any]] ?? [], trueScores) {
    let id = score["measure"] as? String ?? ""
    let key = "s|\(id)|"
    let hidden = score["pairs_used"] as? Int == nil
    let least = hidden ? 0 : 1
    attack.record(
      key + "pairs",
      published: score["pairs_used"] as? Int,
      truth: trueScore["pairs_used"] as? Int,
      atLeast: 0
    )
    let left = missing(key, score, trueScore, hidden: hidden)
    attack.add(
      [(key + "pairs", 1), ("paired", -1)] + left.map { ($0, 1) },
      "\(key) pairs + left out = paired"
    )
    var shares: [String] = []
    for (share, trueShare) in zip(
      score["shares"] as? [[String: Any]] ?? [],
      trueScore["shares"] as? [[String: Any]] ?? []
    ) {
      let name = key + "share|" + (share["movement"] as? String ?? "")
      attack.record(
        name,
        published: share["count"] as? Int,
        truth: trueShare["count"] as? Int,
        atLeast: least
      )
      shares.append(name)
    }
    if !shares.isEmpty {
      attack.add([(key + "pairs", -1)] + shares.map { ($0, 1) }, "\(key) shares = pairs")
    }
    guard let table = score["transitions"] as? [String: Any],
      let trueTable = trueScore["transitions"] as? [String: Any]
    else { continue }
    let bands = table["bands"] as? [String] ?? []
    let cells = table["cells"] as? [[Any]] ?? []
    let trueCells = trueTable["cells"] as? [[Any]] ?? []
    var names: [String] = []
    for i in cells.indices {
      for j in cells[i].indices {
        let name = key + "t|\(bands[i])|\(bands[j])"
        attack.record(
          name,
          published: count(cells[i][j]),
          truth: trueCells.indices.contains(i) ? count(trueCells[i][j]) : nil,
          atLeast: least
        )
        names.append(name)
      }
    }
    attack.record(
      key + "t|outside",
      published: count(table["outside_bands"]),
      truth: count(trueTable["outside_bands"]),
      atLeast: least
    )
    attack.add(
      [(key + "pairs", -1), (key + "t|outside", 1)] + names.map { ($0, 1) },
      "\(key) transitions = pairs"
    )
    transitions[id] = (bands, key)
  }
  let trueIndicators = truth["indicators"] as? [[String: Any]] ?? []
  let cellNames = ["yes_yes", "yes_no", "no_yes", "no_no"]
  for (indicator, trueIndicator) in zip(
    published["indicators"] as? [[String: Any]] ?? [],
    trueIndicators
  ) {
    let id = indicator["measure"] as? String ?? ""
    let key = "i|\(id)|"
    let hidden = indicator["pairs_used"] as? Int == nil
    attack.record(
      key + "pairs",
      published: indicator["pairs_used"] as? Int,
      truth: trueIndicator["pairs_used"] as? Int,
      atLeast: 0
    )
    let left = missing(key, indicator, trueIndicator, hidden: hidden)
    attack.add(
      [(key + "pairs", 1), ("paired", -1)] + left.map { ($0, 1) },
      "\(key) pairs + left out = paired"
    )
    let table = indicator["table"] as? [String: Any] ?? [:]
    let trueTable = trueIndicator["table"] as? [String: Any] ?? [:]
    for cell in cellNames {
      attack.record(
        key + cell,
        published: count(table[cell]),
        truth: count(trueTable[cell]),
        atLeast: hidden ? 0 : 1
      )
    }
    attack.add(
      [(key + "pairs", -1)] + cellNames.map { (key + $0, 1) },
      "\(key) table = pairs"
    )
    switch instruments.source(of: id) {
    case .item(let item, let codes):
      let parts = item.split(separator: ".").map(String.init)
      let all = instruments.codes(parts[0], item: parts[1])
      for (position, cell) in cellNames.enumerated() {
        let (yesBefore, yesAfter) = (position < 2, position % 2 == 0)
        var terms: [(String, Int)] = [(key + cell, -1)]
        for before in all where codes.contains(before) == yesBefore {
          for after in all where codes.contains(after) == yesAfter {
            terms.append(("l|\(item)|\(before)|\(after)", 1))
          }
        }
        attack.add(terms, "\(key)\(cell) = its codes")
      }
    case .score(let score, let chosen, _):
      guard let (bands, scoreKey) = transitions[score] else { break }
      for (position, cell) in cellNames.enumerated() {
        let (yesBefore, yesAfter) = (position < 2, position % 2 == 0)
        var terms: [(String, Int)] = [(key + cell, -1)]
        for before in bands where chosen.contains(before) == yesBefore {
          for after in bands where chosen.contains(after) == yesAfter {
            terms.append((scoreKey + "t|\(before)|\(after)", 1))
          }
        }
        attack.add(terms, "\(key)\(cell) = its score's transitions")
      }
    case nil: break
    }
  }
  return attack
}

/// Paired answers to the ONS loneliness questions of `clients` people at baseline and follow-up,
/// with some who did not come back, skipped questions and refusals.
private func generatedWaves(seed: UInt64, clients: Int) -> String {
  var generator = SeededGenerator(seed: seed)
  let three = ["Hardly ever or never", "Some of the time", "Often"]
  let five = ["Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never"]
  var text =
    "id,wave,How often do you feel that you lack companionship?,How often do you feel left out?,"
    + "How often do you feel isolated from others?,How often do you feel lonely?\n"
  for client in 0..<clients {
    var answers = (0..<3).map { _ in Int.random(in: 0..<3, using: &generator) }
    var lonely = Int.random(in: 0..<5, using: &generator)
    for wave in ["baseline", "follow-up"] {
      if wave == "follow-up" {
        // Most stay, a few drop out, some move by one step.
        if Int.random(in: 0..<10, using: &generator) == 0 { continue }
        answers = answers.map { max(0, min(2, $0 + Int.random(in: -1...1, using: &generator))) }
        lonely = max(0, min(4, lonely + Int.random(in: -1...1, using: &generator)))
      }
      var fields = ["C\(client)", wave]
      for answer in answers {
        let roll = Int.random(in: 0..<100, using: &generator)
        fields.append(roll < 3 ? "" : roll < 5 ? "Prefer not to say" : three[answer])
      }
      fields.append(Int.random(in: 0..<100, using: &generator) < 3 ? "" : five[lonely])
      text += fields.joined(separator: ",") + "\n"
    }
  }
  return text
}

@Suite struct PublishedComparisonAttackTests {

  /// Runs `arguments` (a `compare` or `change` command) under `policy` and without suppression,
  /// and attacks what it publishes.
  private static func attack(
    _ arguments: [String],
    policy: [String],
    reveal: Int? = nil
  ) throws -> (exposed: [String], unsound: [String], facts: Int, hidden: Int) {
    let published = run(arguments + ["--format", "json"] + policy)
    try #require(published.exitCode == .success, "\(published.errors)")
    let truth = run(arguments + ["--format", "json", "--no-suppression"])
    try #require(truth.exitCode == .success, "\(truth.errors)")
    let instruments = InstrumentFacts(instruments: PublishedReportAttackTests.instruments())
    let build = arguments[0] == "compare" ? comparisonAttack : changeAttack
    var attack = build(
      try object(published.output),
      try object(truth.output),
      instruments
    )
    let largestSmall = policy.last.flatMap { Int($0) }.map { $0 - 1 } ?? 4
    if let reveal {
      // The control: show the `reveal`th hidden small count, as a report protected table by
      // table might.
      let small = attack.hidden.keys.filter { key in
        !key.contains("|missing|") && (attack.truth[key].map { 1...largestSmall ~= $0 } ?? false)
      }.sorted()
      guard reveal < small.count else { return ([], [], 0, 0) }
      attack.shown[small[reveal]] = attack.truth[small[reveal]]
      attack.hidden[small[reveal]] = nil
    }
    let exposed = attack.exposedCounts(largestSmall: largestSmall)
    return (exposed, attack.unsound, attack.facts.count, attack.hidden.count)
  }

  static let cohortComparison = [
    "compare", "Examples/cohort-comparison/combined.csv", "-i", "ons-loneliness", "-i", "ons4",
    "--cohort", "group", "--reference", "comparison",
  ]
  static let cohortFiles = [
    "compare", "Examples/cohort-comparison/comparison.csv",
    "Examples/cohort-comparison/intervention.csv", "-i", "ons-loneliness", "-i", "ons4",
  ]
  static let providerOutcomes = [
    "change", "Examples/provider-outcomes/outcomes-long.csv", "-i", "ons-loneliness", "-i",
    "swemwbs", "--id", "client_id", "--wave", "wave", "--baseline", "baseline", "--followup",
    "12 weeks",
  ]
  static let providerFiles = [
    "change", "Examples/provider-outcomes/baseline.csv", "Examples/provider-outcomes/followup.csv",
    "-i", "ons-loneliness", "-i", "swemwbs", "--id", "client_id",
  ]

  /// `compare` and `change` refuse the rounding policy, so the second policy is the threshold
  /// that hides 1 to 7, as it does.
  static let policies: [[String]] = [[], ["--suppress-below", "8"]]

  static let examples: [([String], [String])] = [
    cohortComparison, cohortFiles, providerOutcomes, providerFiles,
  ].flatMap { arguments in policies.map { (arguments, $0) } }

  @Test(arguments: examples)
  func `no small hidden count of an example's comparison or change report can be worked out`(
    arguments: [String],
    policy: [String]
  ) throws {
    let result = try Self.attack(arguments, policy: policy)
    #expect(result.unsound.isEmpty, "facts that do not hold: \(result.unsound.prefix(5))")
    #expect(result.facts > 25, "the attacker found too few facts to be a real attack")
    #expect(result.exposed.isEmpty, "worked out: \(result.exposed.prefix(10))")
  }

  /// Generated surveys: cohorts of very unequal sizes (some of 1 to 4 people) for `compare`,
  /// and small groups of clients, some lost at follow-up, for `change`.
  static let generated: [(seed: Int, policy: [String])] = Array(11...20).flatMap { seed in
    policies.map { (seed, $0) }
  }

  @Test(arguments: generated)
  func `no small hidden count of a generated comparison can be worked out`(
    seed: Int,
    policy: [String]
  ) throws {
    let rows = 60 + 30 * (seed % 3)
    let path = try temporaryFile(Array(generatedSurvey(seed: UInt64(seed), rows: rows).utf8))
    defer { removeTemporaryFile(path) }
    let result = try Self.attack(
      ["compare", path, "-i", "ons-loneliness", "--cohort", "area"],
      policy: policy
    )
    #expect(result.unsound.isEmpty, "facts that do not hold: \(result.unsound.prefix(5))")
    #expect(result.hidden > 0, "the generated survey hides nothing: no test")
    #expect(result.exposed.isEmpty, "worked out: \(result.exposed.prefix(10))")
  }

  @Test(arguments: generated)
  func `no small hidden count of a generated change report can be worked out`(
    seed: Int,
    policy: [String]
  ) throws {
    let path = try temporaryFile(
      Array(generatedWaves(seed: UInt64(seed), clients: 15 + 10 * (seed % 4)).utf8)
    )
    defer { removeTemporaryFile(path) }
    let result = try Self.attack(
      [
        "change", path, "-i", "ons-loneliness", "--id", "id", "--wave", "wave", "--baseline",
        "baseline", "--followup", "follow-up",
      ],
      policy: policy
    )
    #expect(result.unsound.isEmpty, "facts that do not hold: \(result.unsound.prefix(5))")
    #expect(result.hidden > 0, "the generated survey hides nothing: no test")
    #expect(result.exposed.isEmpty, "worked out: \(result.exposed.prefix(10))")
  }

  @Test func `showing one hidden count lets the attacker work out another`() throws {
    // A control: the attacker must find what a publication that left one hidden count shown
    // would give away, or its silence above would mean nothing.
    let path = try temporaryFile(Array(generatedSurvey(seed: 13, rows: 120).utf8))
    defer { removeTemporaryFile(path) }
    let comparison = ["compare", path, "-i", "ons-loneliness", "--cohort", "area"]
    for arguments in [comparison, Self.providerOutcomes] {
      var found: [String] = []
      for reveal in 0..<12 where found.isEmpty {
        let result = try Self.attack(arguments, policy: [], reveal: reveal)
        #expect(result.unsound.isEmpty)
        found = result.exposed
      }
      #expect(
        !found.isEmpty,
        "showing a hidden count of \(arguments[0]) exposes nothing: the attacker is blind"
      )
    }
  }
}
