// Conversion tables: a whole-numbered score of the instrument looked up in a table.

extension DecodingSession {
  func isWholeNumbered(_ score: ScoreRule, items: [ItemID: Item]) -> Bool {
    guard score.method == .sum, !score.missingRule.prorates || score.missingRule.maximumMissing == 0
    else { return false }
    return score.items.allSatisfy { item in item.recode.values.allSatisfy { $0.rounded() == $0 } }
  }

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
        // The source's range is bounded by the decoder, so these conversions cannot trap.
        let low = Int(source.range.lowerBound.rounded(.up))
        let high = Int(source.range.upperBound.rounded(.down))
        let gaps = missingValues(from: low, through: high, keys: entries.map(\.from))
        if gaps.count > 0 {
          report(
            tableNode.position,
            "\(path).table",
            "the table has no row for \(listed(gaps.first, count: gaps.count)); it must cover every whole value of '\(source.id)' from \(low) to \(high)"
          )
        }
        let outside = entries.map(\.from).filter { $0 < low || $0 > high }
        if !outside.isEmpty {
          report(
            tableNode.position,
            "\(path).table",
            "the table has rows for \(listed(outside)), outside the range of '\(source.id)' (\(low) to \(high))"
          )
        }
      }
    }
    let provenance = provenance(&reader, sources: sources)
    reader.finish()
    return ConversionTable(entries: entries, provenance: provenance)
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

private func listed(_ values: [Int]) -> String {
  let shown = values.prefix(8).map(String.init).joined(separator: ", ")
  return values.count > 8 ? "\(shown) and \(values.count - 8) more" : shown
}
