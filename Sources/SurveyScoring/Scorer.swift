public import SurveyCapture
public import SurveyInstruments

/// Scores respondents exactly as each instrument's file specifies.
///
/// Sums, means, prorated sums, reversed and recoded items, conversion tables, bands, indicators
/// and missing-data rules all come from the instrument; no instrument needs code of its own.
///
/// ```swift
/// // One respondent, as an app records a client:
/// let scores = Scorer.score(response, instrument: swemwbs)
/// scores.score("metric")?.value     // 23.21, or nil with a reason
///
/// // A whole table, column by column:
/// let scored = Scorer.score(table)
/// ```
public enum Scorer {
  /// Scores every instrument of `table`.
  ///
  /// Each score is computed column by column over the item answers, with a handful of arrays
  /// per score and nothing allocated per respondent.
  ///
  /// - Parameter table: The responses.
  /// - Returns: One column per score and per indicator, in the table's row order.
  /// - Complexity: O(*n* × *k*) for *n* respondents and *k* score items, indicators and bands in
  ///   all; memory O(*n*) per score (8 + 2 + 1 bytes per respondent) and per indicator (1 byte).
  public static func score(_ table: ResponseTable) -> ScoredTable {
    var scores: [ScoreColumn] = []
    var indicators: [IndicatorColumn] = []
    for instrument in table.instruments {
      let columns = scoreColumns(of: instrument, in: table)
      scores.append(contentsOf: columns)
      for indicator in instrument.indicators {
        indicators.append(indicatorColumn(indicator, of: instrument, scores: columns, in: table))
      }
    }
    return ScoredTable(
      count: table.count,
      instruments: table.instruments,
      scores: scores,
      indicators: indicators
    )
  }

  /// Scores one respondent's answers to `instrument`.
  ///
  /// Answers to items of other instruments are ignored; items without an answer count as not
  /// answered. A code that is not on the item's scale counts as missing, and the reason says so.
  ///
  /// - Parameters:
  ///   - response: The respondent's answers.
  ///   - instrument: The instrument to score.
  /// - Returns: Every score and indicator of the instrument, each with a reason when absent.
  /// - Complexity: O(*k*) in the number of items, scores and indicators.
  public static func score(_ response: Response, instrument: Instrument) -> ResponseScores {
    let columns = instrument.items.map { item in
      let key = ItemKey(instrument: instrument.id, item: item.id)
      return ItemAnswers(key: key, answers: [response.answers[key] ?? .notAnswered])
    }
    let table = ResponseTable(
      instruments: [instrument],
      itemColumns: columns,
      attributes: [],
      lineNumbers: [0]
    )
    return score(table).responseScores(at: 0, instrument: instrument.id)
      ?? ResponseScores(instrument: instrument.id, scores: [], indicators: [])
  }

  // MARK: - Scores

  private static func scoreColumns(
    of instrument: Instrument,
    in table: ResponseTable
  )
    -> [ScoreColumn]
  {
    var columns = [ScoreColumn?](repeating: nil, count: instrument.scores.count)
    for (index, rule) in instrument.scores.enumerated() {
      if case .convert = rule.method { continue }
      columns[index] = itemScore(rule, of: instrument, in: table)
    }
    // Conversions, in as many passes as the longest chain of conversions needs.
    var progressed = true
    while progressed {
      progressed = false
      for (index, rule) in instrument.scores.enumerated() where columns[index] == nil {
        guard case .convert(let from, let conversion) = rule.method else { continue }
        guard let sourceIndex = instrument.scores.firstIndex(where: { $0.id == from }),
          sourceIndex != index
        else {
          columns[index] = undefinedSource(rule, of: instrument, count: table.count)
          progressed = true
          continue
        }
        guard let source = columns[sourceIndex] else { continue }
        columns[index] = converted(source, rule: rule, table: conversion, instrument: instrument)
        progressed = true
      }
    }
    // Whatever is left converts in a cycle.
    for index in columns.indices where columns[index] == nil {
      columns[index] = undefinedSource(
        instrument.scores[index],
        of: instrument,
        count: table.count
      )
    }
    return columns.compactMap { $0 }
  }

  private static func evidence(
    for rule: ScoreRule,
    of instrument: Instrument,
    in table: ResponseTable
  )
    -> [ItemEvidence]
  {
    rule.items.map { scoreItem in
      let scale = instrument.item(withID: scoreItem.item).flatMap { instrument.scale(for: $0) }
      let key = ItemKey(instrument: instrument.id, item: scoreItem.item)
      return ItemEvidence(
        values: ItemValues(scoreItem, scale: scale),
        answers: table.answers(for: key)?.answers ?? []
      )
    }
  }

  private static func itemScore(
    _ rule: ScoreRule,
    of instrument: Instrument,
    in table: ResponseTable
  )
    -> ScoreColumn
  {
    let count = table.count
    let items = evidence(for: rule, of: instrument, in: table)
    var sums = [Double](repeating: 0, count: count)
    var missing = [Int32](repeating: 0, count: count)
    for item in items {
      let answers = item.answers
      guard answers.count == count else {
        for row in 0..<count { missing[row] &+= 1 }
        continue
      }
      let values = item.values
      sums.withUnsafeMutableBufferPointer { sums in
        missing.withUnsafeMutableBufferPointer { missing in
          answers.withUnsafeBufferPointer { answers in
            for row in 0..<count {
              let value = values.value(of: answers[row])
              if value.isNaN { missing[row] &+= 1 } else { sums[row] += value }
            }
          }
        }
      }
    }
    let itemCount = Int32(items.count)
    let allowed = Int32(clamping: rule.missingRule.maximumMissing)
    let isMean = rule.method == .mean
    let prorates = rule.missingRule.prorates
    var absences = [ScoreAbsence](repeating: .present, count: count)
    for row in 0..<count {
      let missed = missing[row]
      let answered = itemCount - missed
      if missed > allowed || answered == 0 {
        sums[row] = .nan
        absences[row] = .itemsMissing
      } else if isMean {
        sums[row] /= Double(answered)
      } else if prorates && missed > 0 {
        sums[row] = sums[row] * Double(itemCount) / Double(answered)
      }
    }
    return ScoreColumn(
      instrument: instrument.id,
      rule: rule,
      values: sums,
      absences: absences,
      items: items,
      source: nil
    )
  }

  private static func converted(
    _ source: ScoreColumn,
    rule: ScoreRule,
    table: ConversionTable,
    instrument: Instrument
  ) -> ScoreColumn {
    let entries = table.entries
    let lowest = entries.first?.from ?? 0
    let highest = entries.last?.from ?? -1
    var lookup = [Double](repeating: .nan, count: max(0, min(highest - lowest + 1, 1 << 20)))
    for entry in entries where entry.from - lowest < lookup.count {
      lookup[entry.from - lowest] = entry.to
    }
    let count = source.count
    var values = [Double](repeating: .nan, count: count)
    var absences = [ScoreAbsence](repeating: .present, count: count)
    for row in 0..<count {
      let value = source.values[row]
      if value.isNaN {
        absences[row] = .sourceAbsent
        continue
      }
      var result = Double.nan
      if value.rounded() == value, abs(value) < 1e15 {
        let offset = Int(value) - lowest
        if offset >= 0 && offset < lookup.count {
          result = lookup[offset]
        } else {
          result = table.convert(Int(value)) ?? .nan
        }
      }
      if result.isNaN { absences[row] = .notInConversionTable } else { values[row] = result }
    }
    return ScoreColumn(
      instrument: instrument.id,
      rule: rule,
      values: values,
      absences: absences,
      items: [],
      source: ScoreColumnReference(source)
    )
  }

  private static func undefinedSource(
    _ rule: ScoreRule,
    of instrument: Instrument,
    count: Int
  )
    -> ScoreColumn
  {
    ScoreColumn(
      instrument: instrument.id,
      rule: rule,
      values: [Double](repeating: .nan, count: count),
      absences: [ScoreAbsence](repeating: .sourceUndefined, count: count),
      items: [],
      source: nil
    )
  }

  // MARK: - Indicators

  private static func indicatorColumn(
    _ indicator: Indicator,
    of instrument: Instrument,
    scores: [ScoreColumn],
    in table: ResponseTable
  ) -> IndicatorColumn {
    let count = table.count
    var values = [Int8](repeating: -1, count: count)
    switch indicator.condition {
    case .itemCodes(let itemID, let codes):
      guard let item = instrument.item(withID: itemID),
        let answers = table.answers(for: ItemKey(instrument: instrument.id, item: itemID))?.answers,
        answers.count == count
      else {
        return IndicatorColumn(
          instrument: instrument.id,
          indicator: indicator,
          values: values,
          item: nil,
          score: nil
        )
      }
      let itemValues = ItemValues(ScoreItem(item: itemID), scale: instrument.scale(for: item))
      let listed = Set(codes)
      for row in 0..<count {
        let answer = answers[row]
        guard !itemValues.value(of: answer).isNaN, let code = answer.code else { continue }
        values[row] = listed.contains(code) ? 1 : 0
      }
      return IndicatorColumn(
        instrument: instrument.id,
        indicator: indicator,
        values: values,
        item: ItemEvidence(values: itemValues, answers: answers),
        score: nil
      )
    case .scoreBands(let scoreID, let bandIDs):
      guard let score = scores.first(where: { $0.rule.id == scoreID }) else {
        return IndicatorColumn(
          instrument: instrument.id,
          indicator: indicator,
          values: values,
          item: nil,
          score: nil
        )
      }
      let bands = score.rule.bands?.bands ?? []
      let isListed = bands.map { bandIDs.contains($0.id) }
      for row in 0..<count where !score.values[row].isNaN {
        let band = Int(score.bandIndices[row])
        values[row] = band >= 0 && isListed[band] ? 1 : 0
      }
      return IndicatorColumn(
        instrument: instrument.id,
        indicator: indicator,
        values: values,
        item: nil,
        score: ScoreColumnReference(score)
      )
    }
  }
}
