public import SurveyCapture
import SurveyInstruments
public import SurveyScoring
public import SurveyStatistics

/// Raking weights for a survey: its respondents weighted so that the weighted totals of each
/// margin's categories meet the population's.
///
/// ```swift
/// let margins = try PopulationMargins(contentsOfFile: "margins.csv")
/// let survey = try Survey(
///   reading: .file(path: "survey.csv"),
///   options: SurveyWeighting.readingOptions(for: margins)
/// )
/// let weights = try SurveyWeighting.rake(survey, margins: margins)
/// print(weights.summary())
/// let writer = try SurveyWeighting.exportWriter(survey, weights: weights, columnName: "weight")
/// try writer.write { chunk in /* the export with a weight column */ }
/// ```
public enum SurveyWeighting {
  /// Options that read an export for weighting: no instrument, and the margins' columns kept.
  ///
  /// - Parameters:
  ///   - margins: The margins to weight to.
  ///   - base: Options to start from (how the file is read); by default no instrument.
  /// - Returns: `base` with every column the margins name kept, if the export has it.
  public static func readingOptions(
    for margins: PopulationMargins,
    base: SurveyReadingOptions = SurveyReadingOptions(
      instruments: .named([]),
      allowsNoInstrument: true
    )
  ) -> SurveyReadingOptions {
    var options = base
    switch options.importOptions.attributes {
    case .all: break
    case .none: options.importOptions.attributes = .named(margins.columns)
    case .named(let names): options.importOptions.attributes = .named(names + margins.columns)
    }
    return options
  }

  /// Rakes the survey's respondents to the margins, as R's `survey::rake` does (see `Raking`).
  ///
  /// Each margin's columns are found among the export's headers (exactly, then ignoring case and
  /// punctuation), and each respondent's values (surrounding spaces removed) among the margin's
  /// categories. A respondent with a blank value in a margin's column is left out of the raking,
  /// gets no weight, and is listed in ``SurveyWeights/exclusions``; the others are raked to the
  /// full population totals.
  ///
  /// - Parameters:
  ///   - survey: The survey, read keeping the margins' columns (see
  ///     ``readingOptions(for:base:)``).
  ///   - margins: The population margins.
  ///   - options: Tolerance, iteration limit and trimming; `rake`'s defaults when omitted.
  /// - Returns: A weight for each row (none for an excluded row), with how the raking went.
  /// - Throws: `MarginsFileError`, at the line of the margins file at fault, for a column the
  ///   export does not have (`.unknownColumn`), a respondent value that is no category of its
  ///   margin (`.unmatchedValue`), or a category that cannot be met (`.emptyCategory`);
  ///   ``WeightingError`` when every row is excluded, the options are invalid, or the raking does
  ///   not converge and `options.requireConvergence` is set.
  /// - Complexity: O(*n* · *m*) per sweep for *n* respondents and *m* margins, plus O(*n* · *c*)
  ///   to match the values of *c* margin columns.
  public static func rake(
    _ survey: Survey,
    margins: PopulationMargins,
    options: RakingOptions = RakingOptions()
  ) throws -> SurveyWeights {
    let rowCount = survey.table.count
    let headers = survey.layout.headers.map(\.name)
    var columns: [String: AttributeColumn] = [:]
    for margin in margins.margins {
      for name in margin.columns where columns[name] == nil {
        columns[name] = try column(name, of: survey, headers: headers, margin: margin, margins)
      }
    }
    // Each column's distinct values, trimmed once; rows with a blank value in any margin column
    // are left out.
    var trimmed: [String: [String]] = [:]
    for (name, column) in columns { trimmed[name] = column.distinctValues.map(trimmedValue) }
    var exclusions: [WeightingExclusion] = []
    var included: [Int] = []
    let lines = survey.table.lineNumbers
    let order = margins.columns
    for row in 0..<rowCount {
      let blank = order.first { name in
        guard let column = columns[name], let values = trimmed[name] else { return true }
        return values[Int(column.valueIndices[row])].isEmpty
      }
      if let blank {
        let header = columns[blank]?.header ?? blank
        exclusions.append(
          WeightingExclusion(
            row: row,
            line: row < lines.count ? lines[row] : 0,
            reason: "no value in '\(header)'"
          )
        )
      } else {
        included.append(row)
      }
    }
    guard !included.isEmpty else {
      throw WeightingError(
        kind: .everyRowExcluded,
        message: "every row of \(survey.name) has a blank value in a column of the margins ("
          + margins.columns.map { "'\(excerpt($0, limit: 40))'" }.joined(separator: ", ")
          + "), so no respondent can be weighted",
        hint: "check that the margins name the right columns"
      )
    }
    var rakingMargins: [RakingMargin] = []
    var respondentCounts: [[Int]] = []
    for margin in margins.margins {
      let marginColumns = margin.columns.compactMap { columns[$0] }
      let marginValues = margin.columns.compactMap { trimmed[$0] }
      var categoryOf: [[String]: Int] = [:]
      for (index, category) in margin.categories.enumerated() {
        categoryOf[category.values] = index
      }
      var assigned: [Int] = []
      assigned.reserveCapacity(included.count)
      var counts = [Int](repeating: 0, count: margin.categories.count)
      // The category of each combination of distinct values met, or -1 for none.
      var categoryOfIndices: [[UInt32]: Int] = [:]
      var unmatched: [[String]: (count: Int, line: Int)] = [:]
      var unmatchedOrder: [[String]] = []
      for row in included {
        let indices = marginColumns.map { $0.valueIndices[row] }
        let found: Int
        if let known = categoryOfIndices[indices] {
          found = known
        } else {
          let values = zip(indices, marginValues).map { index, values in values[Int(index)] }
          found = categoryOf[values] ?? -1
          categoryOfIndices[indices] = found
        }
        if found >= 0 {
          assigned.append(found)
          counts[found] += 1
        } else {
          let values = zip(indices, marginValues).map { index, values in values[Int(index)] }
          var entry = unmatched[values] ?? (0, row < lines.count ? lines[row] : 0)
          if entry.count == 0 { unmatchedOrder.append(values) }
          entry.count += 1
          unmatched[values] = entry
        }
      }
      if let first = unmatchedOrder.first {
        throw unmatchedError(
          first,
          unmatched: unmatched,
          order: unmatchedOrder,
          margin: margin,
          survey: survey,
          file: margins.file
        )
      }
      for (index, category) in margin.categories.enumerated() {
        try checkMet(category, count: counts[index], margin: margin, margins, survey: survey)
      }
      rakingMargins.append(
        RakingMargin(
          name: margin.name,
          categories: margin.categories.map(\.label),
          populationTotals: margin.categories.map(\.population),
          respondentCategories: assigned
        )
      )
      respondentCounts.append(counts)
    }
    let raking: Raking
    do {
      raking = try Raking(margins: rakingMargins, options: options)
    } catch let error as StatisticsError {
      throw WeightingError(
        kind: error.kind == .notConverged ? .notConverged : .invalidOptions,
        message: error.message,
        hint: error.hint
      )
    }
    var weights = [Double?](repeating: nil, count: rowCount)
    for (position, row) in included.enumerated() { weights[row] = raking.weights[position] }
    return SurveyWeights(
      survey: survey.name,
      rowCount: rowCount,
      weights: weights,
      raking: raking,
      margins: margins,
      respondentCounts: respondentCounts,
      exclusions: exclusions,
      options: options
    )
  }

  /// Writes the survey's export again with the weights as a column after its own: each input
  /// record unchanged and in order (the mechanism `loneliness score` writes scores with), the
  /// weight empty for an excluded row.
  ///
  /// - Parameters:
  ///   - survey: The survey the weights were made for.
  ///   - weights: Its weights.
  ///   - columnName: The weight column's name; it must differ from every header of the export
  ///     (also ignoring case and punctuation).
  ///   - format: CSV (the input's delimiter) or JSON.
  /// - Returns: A writer of the export with the weight column.
  /// - Throws: ``WeightingError`` of kind `.columnExists` when the export has a column of that
  ///   name, or `.invalidOptions` when the name is blank.
  public static func exportWriter(
    _ survey: Survey,
    weights: SurveyWeights,
    columnName: String,
    format: ScoredExportFormat = .csv
  ) throws(WeightingError) -> ScoredExportWriter {
    guard !trimmedValue(columnName).isEmpty else {
      throw WeightingError(
        kind: .invalidOptions,
        message: "the weight column needs a name",
        hint: "for example weight"
      )
    }
    let wanted = normalizedLabel(columnName)
    if let existing = survey.layout.headers.first(where: {
      $0.name == columnName || normalizedLabel($0.name) == wanted
    }) {
      throw WeightingError(
        kind: .columnExists,
        message: "\(survey.name) already has a column '\(excerpt(existing.name))', so a weight"
          + " column named '\(excerpt(columnName))' could not be told apart from it",
        hint: "name the weight column differently, for example raked_\(columnName)"
      )
    }
    return ScoredExportWriter(
      layout: survey.layout,
      headerRowCount: survey.importReport.headerRowCount,
      rowCount: survey.table.count,
      addedColumns: [
        AddedExportColumn(
          name: columnName,
          values: weights.weights.map { $0 ?? .nan },
          decimals: weights.decimals
        )
      ],
      format: format
    )
  }

  /// The kept column a margin names, or a located error when the export does not have it.
  private static func column(
    _ name: String,
    of survey: Survey,
    headers: [String],
    margin: PopulationMargins.Margin,
    _ margins: PopulationMargins
  ) throws(MarginsFileError) -> AttributeColumn {
    let wanted = normalizedLabel(name)
    let isHeader = headers.contains { $0 == name || normalizedLabel($0) == wanted }
    if isHeader, let column = survey.column(name) { return column }
    throw MarginsFileError(
      kind: .unknownColumn,
      file: margins.file,
      line: margin.line,
      column: "margin",
      value: name,
      message: isHeader
        ? "margin '\(excerpt(margin.name))' names the column '\(excerpt(name))', which"
          + " \(survey.name) reads as an instrument's item, not as a column of values to weight by"
        : "margin '\(excerpt(margin.name))' names the column '\(excerpt(name))', which"
          + " \(survey.name) does not have",
      hint: isHeader
        ? "read the export without that instrument to weight by the column"
        : nearestColumnsHint(name, among: headers)
    )
  }

  /// The error for respondents whose values are no category of a margin.
  private static func unmatchedError(
    _ first: [String],
    unmatched: [[String]: (count: Int, line: Int)],
    order: [[String]],
    margin: PopulationMargins.Margin,
    survey: Survey,
    file: String
  ) -> MarginsFileError {
    let separator = String(PopulationMargins.columnSeparator)
    let listed = order.prefix(3).map { values in
      let entry = unmatched[values] ?? (0, 0)
      return "'\(excerpt(values.joined(separator: separator)))' ("
        + counted(entry.count, "row") + ", first at \(survey.name):\(entry.line))"
    }
    let more = order.count > 3 ? " and \(order.count - 3) more" : ""
    let categories = margin.categories.map(\.label)
    let near = closestMatches(to: first.joined(separator: separator), among: categories, limit: 2)
    return MarginsFileError(
      kind: .unmatchedValue,
      file: file,
      line: margin.line,
      column: "category",
      value: first.joined(separator: separator),
      expected: "a category of margin '\(margin.name)'",
      message: "respondents of \(survey.name) have values of '\(excerpt(margin.name))' that are"
        + " not categories of the margin: " + listed.joined(separator: ", ") + more,
      hint: (near.isEmpty
        ? ""
        : "the margin has " + near.map { "'\(excerpt($0))'" }.joined(separator: " and ") + "; ")
        + "add each value to the margins with its population total, or recode the answers so"
        + " they match a category"
    )
  }

  /// Refuses a category no weights can meet: people but no respondent, or respondents but no
  /// people.
  private static func checkMet(
    _ category: PopulationMargins.Category,
    count: Int,
    margin: PopulationMargins.Margin,
    _ margins: PopulationMargins,
    survey: Survey
  ) throws(MarginsFileError) {
    if category.population > 0, count == 0 {
      throw MarginsFileError(
        kind: .emptyCategory,
        file: margins.file,
        line: category.line,
        column: "category",
        value: category.label,
        message: "margin '\(excerpt(margin.name))', category '\(excerpt(category.label))' has a"
          + " population of \(groupedNumber(category.population)) but no respondent of"
          + " \(survey.name) is in it, so no weights can meet it",
        hint: "merge the category with a neighbouring one (for example the next age band) in both"
          + " the margins and the data"
      )
    }
    if category.population == 0, count > 0 {
      throw MarginsFileError(
        kind: .emptyCategory,
        file: margins.file,
        line: category.line,
        column: "population",
        value: "0",
        message: "margin '\(excerpt(margin.name))', category '\(excerpt(category.label))' has a"
          + " population of 0 but \(counted(count, "respondent")) of \(survey.name) "
          + (count == 1 ? "is" : "are") + " in it",
        hint: "check the category's population total, or the respondents' answers"
      )
    }
  }
}

/// A row of the export left out of the raking, and why.
public struct WeightingExclusion: Sendable, Hashable {
  /// The row's position in the survey's table (0-based).
  public var row: Int
  /// The row's line in the export (1-based).
  public var line: Int
  /// Why it was left out: "no value in 'sex'".
  public var reason: String
}

/// Raking weights for the rows of a survey, with what an app needs to show how they were made:
/// convergence, the margins met, trimming, efficiency and the rows left out.
public struct SurveyWeights: Sendable {
  /// The survey's name (its file as the user named it).
  public let survey: String
  /// How many rows the survey's table has.
  public let rowCount: Int
  /// One weight per table row, in row order; `nil` for an excluded row.
  public let weights: [Double?]
  /// The raking of the included rows: weights, iterations, convergence, each sweep, the margins'
  /// weighted totals, the largest discrepancy, trimming and Kish's efficiency.
  public let raking: Raking
  /// The margins raked to.
  public let margins: PopulationMargins
  /// The number of included respondents in each category, one array per margin.
  public let respondentCounts: [[Int]]
  /// The rows left out, in row order.
  public let exclusions: [WeightingExclusion]
  /// The options the raking used.
  public let options: RakingOptions

  /// The number of rows weighted.
  public var weightedCount: Int { rowCount - exclusions.count }

  /// Kish's effective sample size, weighting efficiency and design effect due to weighting.
  public var efficiency: WeightingEfficiency { raking.efficiency }

  /// How many decimal places the weights are written with: enough for 10 significant digits of
  /// the largest weight (7 for weights in the hundreds), from 0 to 15.
  public var decimals: Int {
    var largest = raking.weights.max() ?? 1
    guard largest.isFinite, largest > 0 else { return 6 }
    var places = 9
    while largest >= 10 && places > 0 {
      largest /= 10
      places -= 1
    }
    while largest < 1 && places < 15 {
      largest *= 10
      places += 1
    }
    return places
  }

  /// A plain-text account of the raking for a terminal or a log: rows weighted and excluded,
  /// convergence with each iteration's changes, each margin's categories with their population,
  /// respondents and weighted totals, the largest discrepancy, trimming, the range of the weights,
  /// the effective sample size, efficiency and design effect, and the excluded rows (up to 20).
  ///
  /// - Parameter weightColumn: The name of the column the weights are written to, if any.
  /// - Returns: Lines of text, each ending in a line break.
  /// - Complexity: O(*n* + *c*) for *n* rows and *c* categories.
  public func summary(weightColumn: String? = nil) -> String {
    var text = "Raking weights for \(survey) to the margins in \(margins.file)\n\n"
    let total = margins.margins.first?.total ?? 0
    text +=
      "Margins: "
      + margins.margins.map { margin in
        "\(margin.name) (\(counted(margin.categories.count, "category", plural: "categories")))"
      }.joined(separator: ", ") + "; population total \(number(total))\n"
    text +=
      "Rows: \(groupedNumber(Double(rowCount))) read, \(groupedNumber(Double(weightedCount)))"
      + " weighted, \(groupedNumber(Double(exclusions.count))) excluded\n"
    let tolerance = number(raking.tolerance)
    if raking.converged {
      text +=
        "Converged after \(counted(raking.iterations, "iteration")): in the last, no cell"
        + " changed by as much as the tolerance of \(tolerance)\n"
    } else {
      text +=
        "Did not converge in \(counted(raking.iterations, "iteration")): in the last, a cell"
        + " changed by more than the tolerance of \(tolerance)\n"
    }
    text += "\n"
    var rows = [["Iteration", "Largest cell change", "Largest margin discrepancy"]]
    for (index, sweep) in raking.sweeps.enumerated() {
      rows.append([
        String(index + 1), number(sweep.largestCellChange, significant: 6),
        number(sweep.largestMarginDiscrepancy, significant: 6),
      ])
    }
    text += table(rows)
    for (index, margin) in margins.margins.enumerated() {
      text += "\nMargin \(margin.name) (\(margins.file):\(margin.line))\n"
      var rows = [["Category", "Population", "Respondents", "Weighted total", "Mean weight"]]
      let totalPlaces = places(raking.marginTotals[index].max() ?? 0, significant: 8)
      let meanPlaces = places(raking.weights.max() ?? 0, significant: 6)
      for (category, entry) in margin.categories.enumerated() {
        let count = respondentCounts[index][category]
        let weighted = raking.marginTotals[index][category]
        rows.append([
          excerpt(entry.label, limit: 40), number(entry.population),
          String(count), number(weighted, decimals: totalPlaces),
          count > 0 ? number(weighted / Double(count), decimals: meanPlaces) : "",
        ])
      }
      text += table(rows)
    }
    text += "\n"
    let worst = raking.largestDiscrepancy
    let worstMargin = margins.margins[worst.margin]
    text +=
      "Largest discrepancy: \(worstMargin.name) '"
      + excerpt(worstMargin.categories[worst.category].label, limit: 40)
      + "', weighted \(number(worst.weightedTotal, significant: 10)) against"
      + " \(number(worst.populationTotal)) (difference \(number(worst.difference, significant: 3)))\n"
    if let trimming = raking.trimming, let bounds = options.trimming {
      text +=
        "Trimming: weights kept within \(number(bounds.lowerRelativeToMean)) to"
        + " \(number(bounds.upperRelativeToMean)) times the mean weight of"
        + " \(number(trimming.meanWeight, significant: 6))"
        + " (\(number(trimming.lowerBound, significant: 6)) to"
        + " \(number(trimming.upperBound, significant: 6))); "
        + "\(counted(trimming.weightsAtBounds, "weight")) at a bound; raked again "
        + "\(counted(trimming.rerakings, "time")); "
        + (trimming.endedWithTrim
          ? "ended with a trim, so the margins are met only as closely as the largest"
            + " discrepancy says\n"
          : "ended with a raking within the bounds\n")
    } else {
      text += "Trimming: none\n"
    }
    let values = raking.weights
    let smallest = values.min() ?? 0
    let largest = values.max() ?? 0
    let mean = values.reduce(0, +) / Double(max(values.count, 1))
    text +=
      "Weights: smallest \(number(smallest, significant: 6)), largest"
      + " \(number(largest, significant: 6)), mean \(number(mean, significant: 6))"
      + (smallest > 0 ? " (largest / smallest \(number(largest / smallest, significant: 4)))" : "")
      + "\n"
    text +=
      "Kish's effective sample size \(number(efficiency.effectiveSampleSize, decimals: 1))"
      + " of \(groupedNumber(Double(efficiency.count))); weighting efficiency"
      + " \(number(100 * efficiency.efficiency, decimals: 1))%; design effect due to weighting"
      + " \(number(efficiency.designEffect, decimals: 3))\n"
    if !exclusions.isEmpty {
      text += "\nExcluded rows (no weight):\n"
      for exclusion in exclusions.prefix(20) {
        text += "  \(survey):\(exclusion.line): \(exclusion.reason)\n"
      }
      if exclusions.count > 20 { text += "  and \(exclusions.count - 20) more\n" }
    }
    if let weightColumn {
      text +=
        "\nWeights written to the column '\(weightColumn)' with \(decimals) decimal places"
        + (exclusions.isEmpty ? "" : " (empty for excluded rows)") + ".\n"
    }
    return text
  }

  /// A table of text with the first column left-aligned and the others right-aligned.
  private func table(_ rows: [[String]]) -> String {
    var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    var text = ""
    for row in rows {
      var line = ""
      for (index, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        line += index == 0 ? "  " + cell + padding : "  " + padding + cell
      }
      while line.hasSuffix(" ") { line.removeLast() }
      text += line + "\n"
    }
    return text
  }
}

/// Why weights could not be made, other than a problem in the margins (see `MarginsFileError`).
public struct WeightingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: String, Sendable, Hashable {
    /// Every row has a blank value in a column of the margins.
    case everyRowExcluded
    /// The raking options are invalid (an iteration limit below 1, a tolerance that is not
    /// positive, trimming bounds that do not enclose the mean weight), or the column name is
    /// blank.
    case invalidOptions
    /// The sweeps ran out before the tolerance was met.
    case notConverged
    /// The export already has a column with the weight column's name.
    case columnExists
  }

  /// What went wrong.
  public var kind: Kind
  /// What is wrong, starting in lower case.
  public var message: String
  /// How to fix it, when known.
  public var hint: String?

  /// Creates an error.
  public init(kind: Kind, message: String, hint: String? = nil) {
    self.kind = kind
    self.message = message
    self.hint = hint
  }

  /// `error: message`, then `hint: …`.
  public var description: String { "error: \(message)" + (hint.map { "\nhint: \($0)" } ?? "") }
}

/// `text` without surrounding spaces and tabs.
private func trimmedValue(_ text: String) -> String {
  var scalars = Substring(text).unicodeScalars
  while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
  while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
  return String(scalars)
}

/// `value` with thousands separators and `decimals` places (`45,600.00`).
private func number(_ value: Double, decimals: Int) -> String {
  guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = (abs(value) * scale).rounded()
  let whole = groupedNumber((scaled / scale).rounded(.towardZero))
  var text = (value < 0 && scaled > 0 ? "-" : "") + whole
  if decimals > 0 {
    let fraction = String(Int(scaled.truncatingRemainder(dividingBy: scale)))
    text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
  }
  return text
}

/// The decimal places that show `largest` with `significant` significant digits (0 to 10).
private func places(_ largest: Double, significant: Int) -> Int {
  guard largest.isFinite, largest > 0 else { return 0 }
  var magnitude = largest
  var places = significant - 1
  while magnitude >= 10 && places > 0 {
    magnitude /= 10
    places -= 1
  }
  while magnitude < 1 && places < 10 {
    magnitude *= 10
    places += 1
  }
  return places
}

/// `value` with about `significant` significant digits (at most 6 decimal places), or a whole
/// number as it is (`152,100`).
private func number(_ value: Double, significant: Int = 0) -> String {
  guard value.isFinite else { return "\(value)" }
  if significant == 0 { return value == value.rounded() ? groupedNumber(value) : "\(value)" }
  var magnitude = abs(value)
  var digits = 1
  while magnitude >= 10 {
    magnitude /= 10
    digits += 1
  }
  if abs(value) < 1 {
    digits = 0
    while magnitude < 0.1 && magnitude > 0 && digits > -8 {
      magnitude *= 10
      digits -= 1
    }
  }
  return number(value, decimals: min(max(significant - digits, 0), 10))
}
