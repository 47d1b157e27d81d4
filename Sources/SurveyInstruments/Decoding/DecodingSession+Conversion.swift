// Scores with "method": "convert": a whole-numbered score of the instrument looked up in a
// conversion table.

extension DecodingSession {
  /// Decodes the keys of a converted score: `of` and `conversion`.
  ///
  /// - Returns: The calculation, or `nil` when the score it converts can take values that are not
  ///   whole numbers; the rest of the score is then not read.
  func decodeConvertedScore(
    _ reader: inout ObjectReader,
    _ path: String,
    _ definitions: Definitions
  ) -> ScoreCalculation? {
    reader.refuse("items", because: "a converted score takes its value from \"of\", not from items")
    if let missingNode = reader.take("missing") {
      report(
        missingNode.position,
        "\(path).missing",
        "a converted score follows the missing-data rule of the score it converts"
      )
    }
    let ofNode = reader.required("of")
    let of = ofNode.flatMap { identifier($0, "\(path).of", of: ScoreRule.self) }
    var sourceScore: ScoreRule?
    if let of, let ofNode {
      sourceScore = definitions.scores.first { $0.id == of }
      if sourceScore == nil {
        report(
          ofNode.position,
          "\(path).of",
          "unknown score '\(of)'; a converted score must name a sum or mean score of this instrument",
          hint: didYouMean(of.rawValue, among: definitions.scores.map(\.id.rawValue))
        )
      } else if let sourceScore, !isWholeNumbered(sourceScore) {
        report(
          ofNode.position,
          "\(path).of",
          "the score '\(of)' can take values that are not whole numbers, so it cannot be converted through a table"
        )
        return nil
      }
    }
    var calculation = ScoreCalculation()
    if let tableNode = reader.required("conversion") {
      let table = decodeConversion(
        tableNode,
        "\(path).conversion",
        source: sourceScore,
        sources: definitions.sources
      )
      if let table, let of {
        calculation.method = .convert(from: of, table: table)
        let values = table.entries.map(\.to)
        if let low = values.min(), let high = values.max() {
          calculation.derivedRange = low...high
        }
        if let sourceScore { calculation.missingRule = sourceScore.missingRule }
      }
    }
    return calculation
  }

  /// Whether `score` takes only whole values: a sum of whole values that is not prorated.
  func isWholeNumbered(_ score: ScoreRule) -> Bool {
    guard score.method == .sum, !score.missingRule.prorates || score.missingRule.maximumMissing == 0
    else { return false }
    return score.items.allSatisfy { item in item.recode.values.allSatisfy { $0.rounded() == $0 } }
  }

  /// Decodes a conversion: its `table` of whole source values to converted values, which must
  /// cover the range of the `source` score exactly.
  func decodeConversion(
    _ node: JSONNode,
    _ path: String,
    source: ScoreRule?,
    sources: Set<SourceID>
  ) -> ConversionTable? {
    guard var reader = object(node, path) else { return nil }
    var entries: [(from: Int, to: Double)] = []
    if let tableNode = reader.required("table") {
      if case .object(let members) = tableNode.value {
        for member in members {
          guard let from = Int(member.key),
            abs(Double(from)) <= InstrumentLimits.maximumMagnitude
          else {
            report(
              member.keyPosition,
              "\(path).table",
              Int(member.key) == nil
                ? "table keys are whole score values; '\(excerpt(member.key))' is not a whole number"
                : "the table key \(excerpt(member.key)) is \(outOfInstrumentBounds)"
            )
            continue
          }
          if let to = number(member.value, "\(path).table.\(member.key)") {
            entries.append((from, to))
          }
        }
      } else {
        report(
          tableNode.position,
          "\(path).table",
          "expected an object mapping each whole score to its converted value, such as {\"7\": 7.00}, found \(tableNode.kindDescription)"
        )
      }
      if let source {
        checkCoverage(of: entries.map(\.from), source: source, tableNode, "\(path).table")
      }
    }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    return ConversionTable(entries: entries, provenance: provenance)
  }

  /// Reports whole values of `source` that a table's `keys` lack, and keys outside its range.
  func checkCoverage(of keys: [Int], source: ScoreRule, _ node: JSONNode, _ path: String) {
    // The source's range is bounded by the decoder, so these conversions cannot trap.
    let low = Int(source.range.lowerBound.rounded(.up))
    let high = Int(source.range.upperBound.rounded(.down))
    let gaps = missingValues(from: low, through: high, keys: keys)
    if gaps.count > 0 {
      report(
        node.position,
        path,
        "the table has no row for \(listed(gaps.first, count: gaps.count)); it must cover every whole value of '\(source.id)' from \(low) to \(high)"
      )
    }
    let outside = keys.filter { $0 < low || $0 > high }
    if !outside.isEmpty {
      let shown = listed(Array(outside.prefix(8)), count: outside.count)
      report(
        node.position,
        path,
        "the table has rows for \(shown), outside the range of '\(source.id)' (\(low) to \(high))"
      )
    }
  }
}

/// The whole numbers from `low` through `high` that `keys` lacks: the first few of them and how
/// many there are, without enumerating the range.
///
/// - Complexity: O(*k* log *k*) for *k* keys.
private func missingValues(
  from low: Int,
  through high: Int,
  keys: [Int]
) -> (first: [Int], count: Int) {
  guard low <= high else { return ([], 0) }
  let present = Array(Set(keys.filter { $0 >= low && $0 <= high })).sorted()
  let count = (high - low + 1) - present.count
  var first: [Int] = []
  var next = low
  for key in present + [high + 1] {
    while next < key && first.count < 8 {
      first.append(next)
      next += 1
    }
    if first.count == 8 { break }
    next = key + 1
  }
  return (first, count)
}

/// The first values of a longer list, and how many more: "3, 4, 5 and 12 more".
private func listed(_ first: [Int], count: Int) -> String {
  let shown = first.map(String.init).joined(separator: ", ")
  return count > first.count ? "\(shown) and \(count - first.count) more" : shown
}
