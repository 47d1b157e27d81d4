public import SurveyCapture
public import SurveyInstruments
import SurveyStatistics

/// What a report should contain and how it should protect and round its figures.
public struct ReportOptions: Sendable {
  /// The report's title.
  public var title: String
  /// Columns to break every estimate down by.
  public var groupBy: [String]
  /// A column of survey weights, if estimates are to be weighted.
  public var weightColumn: String?
  /// Other columns to tally (one answer per respondent).
  public var tallies: [String]
  /// Multi-select questions to tally (see ``SurveyCapture/MultiSelectQuestion/locate(_:in:)``).
  public var multiSelect: [MultiSelectQuestion]
  /// What separates answers in a multi-select cell; `nil` picks `;` when any cell has one, else `,`.
  public var multiSelectSeparator: String?
  /// How small counts are protected.
  public var suppression: SuppressionPolicy
  /// Decimal places for percentages and statistics (0 or 1).
  public var decimals: Int
  /// The confidence level of every interval.
  public var confidenceLevel: Double
  /// The most groups a breakdown may have, or `nil` for the default: at most
  /// ``defaultMaximumGroups``, and not mostly groups of one respondent (what an id column gives).
  public var maximumGroups: Int?

  /// How many counts the report keeps in memory with all their estimates.
  ///
  /// As many as the publication audit checks together. Past it (a breakdown into many thousands of groups, which
  /// the audit does not check), each further measure is held as an outline and worked out again
  /// when it is written, so that memory holds one measure's groups at a time. Tests lower it to
  /// check that both ways give the same report.
  package var countsHeldInMemory = PublicationAudit.maximumAuditedCounts

  /// The most groups a breakdown has unless ``maximumGroups`` allows more.
  public static let defaultMaximumGroups = 1_000

  /// Creates options; the defaults suppress counts below 5 and round to whole percentages.
  public init(
    title: String = "Survey report",
    groupBy: [String] = [],
    weightColumn: String? = nil,
    tallies: [String] = [],
    multiSelect: [MultiSelectQuestion] = [],
    multiSelectSeparator: String? = nil,
    suppression: SuppressionPolicy = .threshold(5),
    decimals: Int = 0,
    confidenceLevel: Double = 0.95,
    maximumGroups: Int? = nil
  ) {
    self.title = title
    self.groupBy = groupBy
    self.weightColumn = weightColumn
    self.tallies = tallies
    self.multiSelect = multiSelect
    self.multiSelectSeparator = multiSelectSeparator
    self.suppression = suppression
    self.decimals = decimals
    self.confidenceLevel = confidenceLevel
    self.maximumGroups = maximumGroups
  }
}

/// A report option that names something the data does not have.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// A suggestion, when there is one.
  public var hint: String?

  /// Creates the error.
  public init(message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }

  /// `error: message` and a `hint:` line.
  public var description: String { "error: \(message)" + (hint.map { "\nhint: \($0)" } ?? "") }
}

/// Builds a ``Report`` from a response table: works out the groups and weights once, then adds
/// measures one by one, and applies suppression at the end.
///
/// ```swift
/// var builder = try ReportBuilder(table: table, options: options, sourceFiles: ["export.csv"])
/// builder.addItems()
/// builder.addProportion(id: "x.often", title: "Lonely often", values: flags, reason: { _ in "not answered" })
/// let report = builder.build()
/// ```
public struct ReportBuilder: Sendable {
  /// The responses.
  public let table: ResponseTable
  /// The options.
  public let options: ReportOptions
  private var metadata: ReportMetadata
  /// The measures held whole, in order, up to ``ReportOptions/countsHeldInMemory`` counts.
  private var measures: [MeasureReport] = []
  /// The measures after those held whole, each as an outline with the way to work it out again,
  /// already protected by `Suppressor` (see ``Report/measures``).
  private var deferred: [Report.Entry] = []
  /// How many counts the measures added so far publish, as the publication audit counts them.
  private var publishedCounts = 0
  /// For each grouping column, its header, the group of each row and the groups in order.
  private let groupings: [Grouping]
  /// Each row's weight, or `nil` when unweighted.
  ///
  /// Rows with an unusable weight are excluded.
  private let weights: [Double]?
  /// Whether each row takes part in estimates (false when its weight is unusable).
  private let included: [Bool]

  private struct Grouping: Sendable {
    var header: String
    var groupOfRow: [Int]
    var labels: [String]
  }

  /// Prepares a report over `table`.
  ///
  /// - Throws: ``ReportError`` when a grouping, weight or tally column is not in the table.
  /// - Complexity: O(*n* × *g*) for *n* rows and *g* grouping columns.
  public init(
    table: ResponseTable,
    options: ReportOptions,
    sourceFiles: [String],
    origins: [InstrumentID: String] = [:]
  ) throws(ReportError) {
    self.table = table
    self.options = options
    let rowCount = table.count
    var groupings: [Grouping] = []
    var notes: [String] = []
    for header in options.groupBy {
      if table.attribute(named: header) == nil, let item = Self.itemGrouping(header, in: table) {
        groupings.append(item)
        continue
      }
      let column = try Self.column(header, in: table, purpose: "--by")
      var labels = Set<String>()
      var rowLabels: [String] = []
      rowLabels.reserveCapacity(rowCount)
      for row in 0..<rowCount {
        let value = groupLabel(column.value(at: row)) ?? notStatedGroupLabel
        rowLabels.append(value)
        labels.insert(value)
      }
      if let note = similarLabelsNote(Array(labels), column: column.header) { notes.append(note) }
      try checkGroupCount(
        labels.count,
        labelOfRow: rowLabels,
        column: column.header,
        maximum: options.maximumGroups
      )
      let ordered = naturallyOrdered(Array(labels))
      let index = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
      groupings.append(
        Grouping(
          header: column.header,
          groupOfRow: rowLabels.map { index[$0] ?? 0 },
          labels: ordered
        )
      )
    }
    self.groupings = groupings
    for header in options.tallies {
      _ = try Self.column(header, in: table, purpose: "--tally")
    }

    var exclusions: [Exclusion] = []
    var weightingNote: WeightingNote?
    if let weightHeader = options.weightColumn {
      let column = try Self.column(weightHeader, in: table, purpose: "--weight")
      var weights = [Double](repeating: 0, count: rowCount)
      var included = [Bool](repeating: true, count: rowCount)
      var badLines: [String: [Int]] = [:]
      for row in 0..<rowCount {
        let text = column.value(at: row).trimmingSpaces()
        if let value = Double(text), value.isFinite, value > 0 {
          weights[row] = value
        } else {
          included[row] = false
          let reason =
            text.isEmpty
            ? "no weight"
            : (Double(text).map {
              $0 <= 0 ? "weight is zero or negative" : "weight is not a number"
            } ?? "weight is not a number")
          badLines[reason, default: []].append(table.lineNumbers[row])
        }
      }
      for (reason, lines) in badLines.sorted(by: { $0.key < $1.key }) {
        exclusions.append(
          Exclusion(
            scope: "all estimates",
            reason: "\(reason) in column '\(column.header)'",
            count: lines.count,
            lines: lines
          )
        )
      }
      self.weights = weights
      self.included = included
      let used = zip(weights, included).filter(\.1).map(\.0)
      let total = used.reduce(0, +)
      let squares = used.reduce(0) { $0 + $1 * $1 }
      let effective = squares > 0 ? total * total / squares : 0
      weightingNote = WeightingNote(
        column: column.header,
        method:
          "Percentages and means are weighted by '\(column.header)'. Counts and bases are unweighted. Intervals for percentages are logit intervals from a linearisation standard error with t on n − 1 degrees of freedom (as R's survey::svyciprop), treating respondents as a simple random sample with unequal weights (no strata or clusters); intervals for means use the linearisation standard error (as survey::svymean). Medians, quartiles and standard deviations are unweighted. Tests of independence are Rao-Scott adjusted F tests (second order, as R's survey::svychisq).",
        effectiveSampleSize: effective,
        designEffect: used.isEmpty ? 1 : Double(used.count) / max(effective, 1e-12)
      )
    } else {
      self.weights = nil
      self.included = [Bool](repeating: true, count: rowCount)
    }

    let instruments = table.instruments.map {
      InstrumentUsed(
        id: $0.id.rawValue,
        title: $0.title,
        version: $0.version,
        origin: origins[$0.id] ?? "built-in"
      )
    }
    let notices = table.instruments.compactMap { $0.licence }.filter(\.isShownOnReports).map(
      \.notice
    )
    metadata = ReportMetadata(
      title: options.title,
      sourceFiles: sourceFiles,
      rowsRead: rowCount,
      exclusions: exclusions,
      instruments: instruments,
      licenceNotices: notices,
      suppression: options.suppression,
      weighting: weightingNote,
      confidenceLevel: options.confidenceLevel,
      decimals: options.decimals,
      groupBy: groupings.map(\.header),
      notes: notes,
      toolkitVersion: Toolkit.version
    )
  }

  /// A breakdown by the answers to an instrument's item (named by its column's header, its
  /// wording or `INSTRUMENT.ITEM`): one group per answer in the scale's order, then the missing
  /// answers present; rows without an answer are "(not stated)".
  private static func itemGrouping(_ name: String, in table: ResponseTable) -> Grouping? {
    let wanted = normalizedLabel(name)
    for instrument in table.instruments {
      for item in instrument.items {
        let key = ItemKey(instrument: instrument.id, item: item.id)
        guard let column = table.answers(for: key), let scale = instrument.scale(for: item)
        else { continue }
        let names = [key.description, item.wording, column.sourceHeader].compactMap { $0 }
        guard names.contains(where: { $0 == name || normalizedLabel($0) == wanted }) else {
          continue
        }
        var labels = scale.options.map(\.label)
        let missingBase = labels.count
        labels += scale.missingAnswers.map(\.label)
        labels += ["unrecognised answer", notStatedGroupLabel]
        let groupOfRow: [Int] = column.answers.map { answer in
          if let code = answer.code,
            let index = scale.options.firstIndex(where: { $0.code == code })
          {
            return index
          }
          if let reason = answer.missingReasonIndex { return missingBase + reason }
          if answer == .unrecognised { return labels.count - 2 }
          return labels.count - 1
        }
        // Keep the scale's answers, and only the missing reasons that occur.
        let used = Set(groupOfRow)
        let kept = labels.indices.filter { $0 < missingBase || used.contains($0) }
        let position = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        return Grouping(
          header: column.sourceHeader ?? item.displayText,
          groupOfRow: groupOfRow.map { position[$0] ?? 0 },
          labels: kept.map { labels[$0] }
        )
      }
    }
    return nil
  }

  private static func column(
    _ header: String,
    in table: ResponseTable,
    purpose: String
  ) throws(ReportError) -> AttributeColumn {
    if let column = table.attribute(named: header) { return column }
    let headers = table.attributes.map(\.header) + table.itemColumns.compactMap(\.sourceHeader)
    throw ReportError(
      message: "\(purpose) names the column '\(excerpt(header))', which the file does not have",
      hint: nearestColumnsHint(header, among: headers)
    )
  }

  /// How many rows take part in the estimates: all but those with an unusable weight.
  ///
  /// - Complexity: O(*n*) for *n* rows.
  public var includedRowCount: Int { included.lazy.filter { $0 }.count }

  /// The exclusions recorded so far, in words: "12 rows: no weight in column 'weight'".
  public var exclusionSummary: String {
    metadata.exclusions.map { "\($0.count) row\($0.count == 1 ? "" : "s"): \($0.reason)" }
      .joined(separator: "; ")
  }

  /// Adds a note to the report's metadata.
  public mutating func addNote(_ note: String) { metadata.notes.append(note) }

  /// Adds an exclusion to the report's metadata.
  public mutating func addExclusion(_ exclusion: Exclusion) {
    metadata.exclusions.append(exclusion)
  }

  /// Adds the distribution of answers to every item of every instrument in the table.
  ///
  /// - Complexity: O(*n* × *i* × (1 + *g*)) for *n* rows, *i* items and *g* grouping columns.
  public mutating func addItems() {
    for instrument in table.instruments {
      for item in instrument.items {
        addItem(ItemKey(instrument: instrument.id, item: item.id))
      }
    }
  }

  /// Adds the distribution of answers to one item.
  public mutating func addItem(_ key: ItemKey) {
    guard let instrument = table.instrument(withID: key.instrument),
      let item = instrument.item(withID: key.item),
      let scale = instrument.scale(for: item), let column = table.answers(for: key)
    else { return }
    let codes = scale.options.map(\.code)
    let codeIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
    // Codes are small whole numbers: look them up in an array rather than hashing each answer.
    let smallest = codes.min() ?? 0
    let span = (codes.max() ?? 0) - smallest + 1
    var indexOfCode: [Int]?
    if smallest > Int.min / 2, span > 0, span <= 1_024 {
      var table = [Int](repeating: -1, count: span)
      for (index, code) in codes.enumerated() where table[code - smallest] < 0 {
        table[code - smallest] = codeIndex[code] ?? index
      }
      indexOfCode = table
    }
    let missingLabels = ["not answered", "unrecognised answer"] + scale.missingAnswers.map(\.label)
    let category: [Int] = column.answers.map { answer in
      if let code = answer.code {
        if let indexOfCode {
          let offset = code - smallest
          return offset >= 0 && offset < span ? indexOfCode[offset] : -1
        }
        return codeIndex[code] ?? -1
      }
      if answer == .notAnswered { return -1 }
      if answer == .unrecognised { return -2 }
      return -3 - (answer.missingReasonIndex ?? 0)
    }
    let labels = scale.options.map(\.label)
    let better = instrument.better(forItem: item)
    let keyPhraseOnly = item.wording == nil && instrument.licence?.requiresRegistration == true
    append { builder in
      var measure = builder.distribution(
        id: key.description,
        kind: .item,
        title: item.displayText,
        labels: labels,
        codes: codes,
        missingLabels: missingLabels,
        categoryOfRow: category,
        respondentsChoose: nil
      )
      measure.better = better
      if let low = codes.min(), let high = codes.max() {
        measure.range = Double(low)...Double(high)
      }
      if keyPhraseOnly {
        measure.notes.append("Shown by key phrase: the item wording is licensed and not included.")
      }
      return measure
    }
  }

  /// Adds a yes/no measure: the proportion of rows whose value is 1 among those that are 0 or 1.
  ///
  /// - Parameters:
  ///   - id: The measure's id, such as `ons-loneliness.often-always`.
  ///   - title: The headline wording.
  ///   - values: 1, 0, or -1 (missing) per row.
  ///   - notes: Notes printed with the measure.
  ///   - better: Which value is the better outcome, when known (`.lower`: yes is worse).
  ///   - reason: Why a missing row is missing, in words.
  public mutating func addProportion(
    id: String,
    title: String,
    values: [Int8],
    notes: [String] = [],
    better: Direction? = nil,
    reason: (Int) -> String
  ) {
    var missingLabels: [String] = []
    var missingIndex: [String: Int] = [:]
    let category: [Int] = values.indices.map { row in
      switch values[row] {
      case 1: return 0
      case 0: return 1
      default:
        let text = reason(row)
        if let index = missingIndex[text] { return -1 - index }
        missingIndex[text] = missingLabels.count
        missingLabels.append(text)
        return -missingLabels.count
      }
    }
    append { [missingLabels] builder in
      var measure = builder.distribution(
        id: id,
        kind: .indicator,
        title: title,
        labels: ["yes", "no"],
        codes: [1, 0],
        missingLabels: missingLabels,
        categoryOfRow: category,
        respondentsChoose: nil,
        missingOffset: 1
      )
      measure.notes.append(contentsOf: notes)
      measure.better = better
      return measure
    }
  }

  /// Adds a score: summary statistics and, when it has bands, the distribution over them.
  ///
  /// - Parameters:
  ///   - id: The measure's id, such as `swemwbs.metric`.
  ///   - title: The score's title.
  ///   - values: The score per row, NaN when absent.
  ///   - bands: The score's bands, if it has any.
  ///   - decimals: The score's own decimal places.
  ///   - range: The score's possible values, which its histogram keeps within; `nil` to fit
  ///     the values.
  ///   - better: Which values are better, when known.
  ///   - notes: Notes printed with the measure.
  ///   - reason: Why an absent score is absent, in words.
  public mutating func addScore(
    id: String,
    title: String,
    values: [Double],
    bands: BandSet?,
    decimals: Int,
    range: ClosedRange<Double>? = nil,
    better: Direction? = nil,
    notes: [String] = [],
    reason: (Int) -> String
  ) {
    var missingLabels: [String] = []
    var missingIndex: [String: Int] = [:]
    let bandList = bands?.bands ?? []
    let category: [Int] = values.indices.map { row in
      let value = values[row]
      if value.isNaN {
        let text = reason(row)
        if let index = missingIndex[text] { return -1 - index }
        missingIndex[text] = missingLabels.count
        missingLabels.append(text)
        return -missingLabels.count
      }
      return bandList.firstIndex { $0.contains(value) } ?? Int.max
    }
    append { [missingLabels] builder in
      var measure = builder.distribution(
        id: id,
        kind: .score,
        title: title,
        labels: bandList.map(\.label),
        codes: bandList.map { _ in nil },
        missingLabels: missingLabels,
        categoryOfRow: category,
        respondentsChoose: nil,
        missingOffset: 1
      )
      measure.valueDecimals = decimals
      measure.bandRanges = bandList.map { $0.minimum...max($0.minimum, $0.maximum) }
      measure.range = range
      measure.better = better
      measure.notes.append(contentsOf: notes)
      // Summary statistics per group.
      for b in measure.breakdowns.indices {
        let grouping = b == 0 ? nil : builder.groupings[b - 1]
        // The rows of each group in one pass, so that many groups cost no more than a few.
        var rowsOfGroup = [[Int]](repeating: [], count: measure.breakdowns[b].groups.count)
        for row in values.indices where builder.included[row] && !values[row].isNaN {
          rowsOfGroup[grouping?.groupOfRow[row] ?? 0].append(row)
        }
        for g in measure.breakdowns[b].groups.indices {
          let rows = rowsOfGroup[g]
          measure.breakdowns[b].groups[g].summary = builder.summary(
            of: rows.map { values[$0] },
            weights: builder.weights.map { w in rows.map { w[$0] } }
          )
        }
      }
      if !measure.breakdowns.isEmpty, !measure.breakdowns[0].groups.isEmpty {
        let valid = values.indices.filter { builder.included[$0] && !values[$0].isNaN }.map {
          values[$0]
        }
        measure.breakdowns[0].groups[0].histogram =
          ScoreHistogram(
            values: valid,
            range: range,
            decimals: decimals
          ).estimates
      }
      return measure
    }
  }

  /// Adds tallies of the columns named in the options.
  public mutating func addTallies() {
    for header in options.tallies {
      guard let column = table.attribute(named: header) else { continue }
      let values = (0..<table.count).map { groupLabel(column.value(at: $0)) }
      let labels = naturallyOrdered(Array(Set(values.compactMap { $0 })))
      if let note = similarLabelsNote(labels, column: column.header) { addNote(note) }
      let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
      let category = values.map { $0.flatMap { index[$0] } ?? -1 }
      append { builder in
        builder.distribution(
          id: column.header,
          kind: .tally,
          title: column.header,
          labels: labels,
          codes: labels.map { _ in nil },
          missingLabels: ["not answered"],
          categoryOfRow: category,
          respondentsChoose: nil
        )
      }
    }
    for question in options.multiSelect { addMultiSelect(question) }
  }

  /// Adds a multi-select question: each option's count and percentage of the respondents who
  /// ticked anything, most ticked first, and how many options each of them ticked.
  ///
  /// - Complexity: O(*n* × *o*) for *n* rows and *o* options.
  public mutating func addMultiSelect(_ question: MultiSelectQuestion) {
    let rows = 0..<table.count
    let answers: MultiSelectAnswers
    switch question.layout {
    case .optionColumns(let columns):
      let cells = columns.map { column in
        table.attribute(named: column.header).map { attribute in rows.map(attribute.value(at:)) }
          ?? rows.map { _ in "" }
      }
      answers = MultiSelectAnswers(optionCells: cells, options: columns.map(\.option))
    case .joined(let header):
      guard let column = table.attribute(named: header) else { return }
      answers = MultiSelectAnswers(
        joinedCells: rows.map(column.value(at:)),
        separator: options.multiSelectSeparator
      )
    }
    // Options most ticked first; ties in the order the export has them.
    var tallies = [Int](repeating: 0, count: answers.options.count)
    for chosen in answers.ticked { for option in chosen { tallies[option] += 1 } }
    let order = answers.options.indices.sorted {
      tallies[$0] != tallies[$1] ? tallies[$0] > tallies[$1] : $0 < $1
    }
    let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    let labels = order.map { answers.options[$0] }
    let id = question.title
    let ticked = answers.ticked
    let chosen = ticked.map { Set($0.compactMap { position[$0] }) }
    let layout: String
    switch question.layout {
    case .optionColumns(let columns):
      layout = "one column per option (\(columns.count) columns)"
    case .joined:
      layout = "the ticked options joined by '\(answers.separator ?? ",")' in one column"
    }
    append { builder in
      var measure = builder.distribution(
        id: id,
        kind: .multiSelect,
        title: question.title,
        labels: labels,
        codes: labels.map { _ in nil },
        missingLabels: ["not answered"],
        categoryOfRow: ticked.map { $0.isEmpty ? -1 : 0 },
        respondentsChoose: chosen
      )
      measure.notes.append(
        "Respondents could tick more than one option (\(layout)), so percentages are of the respondents who ticked at least one and add up to more than 100%."
      )
      return measure
    }
    // How many options each respondent ticked.
    let most = ticked.map(\.count).max() ?? 0
    guard most > 0 else { return }
    let countLabels = (1...most).map(String.init)
    append { builder in
      var counted = builder.distribution(
        id: id + " (options ticked)",
        kind: .tally,
        title: "Options ticked: \(question.title)",
        labels: countLabels,
        codes: countLabels.map { _ in nil },
        missingLabels: ["not answered"],
        categoryOfRow: ticked.map { $0.isEmpty ? -1 : $0.count - 1 },
        respondentsChoose: nil
      )
      counted.notes.append("The number of options each respondent who answered ticked.")
      counted.derivation = .ticks(of: id)
      return counted
    }
  }

  /// Records how the measure `id` follows from another, for disclosure control.
  mutating func setDerivation(_ derivation: MeasureDerivation, of id: String) {
    changeLastMeasure(where: { $0.id == id }) { $0.derivation = derivation }
  }

  /// Records that the item `id` is broken down on pages by the bands of the score `score`
  /// (``MeasureReport/bandedScore``).
  mutating func setBandedScore(_ score: String, ofItem id: String) {
    changeLastMeasure(where: { $0.kind == .item && $0.id == id }) { $0.bandedScore = score }
  }

  /// Applies `change` to the last measure added that `matches`: to the measure held whole, or
  /// to the outline and to every later working out of a measure held as one.
  private mutating func changeLastMeasure(
    where matches: (MeasureReport) -> Bool,
    _ change: @escaping @Sendable (inout MeasureReport) -> Void
  ) {
    if let index = deferred.lastIndex(where: { matches($0.outline) }) {
      change(&deferred[index].outline)
      if let make = deferred[index].make {
        deferred[index].make = {
          var measure = make()
          change(&measure)
          return measure
        }
      }
    } else if let index = measures.lastIndex(where: matches) {
      change(&measures[index])
    }
  }

  /// Adds an already-built measure (for example, from another stage).
  public mutating func add(_ measure: MeasureReport) { append { _ in measure } }

  /// Adds the measure `make` works out from a builder like this one: held whole while the
  /// report's measures publish at most ``ReportOptions/countsHeldInMemory`` counts; after that,
  /// protected by `Suppressor` at once and held as an outline, `make` running again when the
  /// measure is written, so that memory holds one such measure at a time.
  private mutating func append(_ make: @escaping @Sendable (ReportBuilder) -> MeasureReport) {
    var copy = self
    copy.measures = []
    copy.deferred = []
    let blank = copy
    var measure = make(blank)
    publishedCounts += PublicationAudit.publishedCounts(of: measure)
    if deferred.isEmpty && publishedCounts <= options.countsHeldInMemory {
      measures.append(measure)
      return
    }
    let policy = options.suppression
    let protect: @Sendable (inout MeasureReport) -> Void = { measure in
      Suppressor.apply(policy, to: &measure)
      var one = [measure]
      PublicationAudit.coarsenTests(&one, policy: policy)
      measure = one[0]
    }
    protect(&measure)
    for b in measure.breakdowns.indices.dropFirst() { measure.breakdowns[b].groups = [] }
    deferred.append(
      Report.Entry(outline: measure) {
        var whole = make(blank)
        protect(&whole)
        return whole
      }
    )
  }

  /// The report, with the suppression policy applied to every measure.
  ///
  /// - Complexity: O(*m* × *g* × *c*) for *m* measures, *g* groups and *c* categories.
  public func build() -> Report {
    var protected = measures
    for index in protected.indices { Suppressor.apply(options.suppression, to: &protected[index]) }
    var metadata = metadata
    if deferred.isEmpty {
      metadata.notes += PublicationAudit.protect(
        &protected,
        policy: options.suppression,
        includedRows: includedRowCount
      )
    } else if options.suppression != .none {
      metadata.notes.append(PublicationAudit.unauditedNote(counts: publishedCounts))
    }
    PublicationAudit.coarsenTests(&protected, policy: options.suppression)
    return Report(
      metadata: metadata,
      entries: protected.map { Report.Entry(outline: $0) } + deferred
    )
  }

  /// Records a cut-off note for the report's metadata.
  public mutating func addCutoff(_ note: CutoffNote) {
    if !metadata.cutoffs.contains(note) { metadata.cutoffs.append(note) }
  }

  // MARK: - Estimation

  /// Builds a measure from each row's category: an index into `labels`, or a negative number for
  /// missing reason `-(index + missingOffset)` in `missingLabels`.
  ///
  /// For multi-select measures, `respondentsChoose` gives each row's chosen categories and
  /// `categoryOfRow` is 0 for answered rows.
  private func distribution(
    id: String,
    kind: MeasureReport.Kind,
    title: String,
    labels: [String],
    codes: [Int?],
    missingLabels: [String],
    categoryOfRow: [Int],
    respondentsChoose: [Set<Int>]?,
    missingOffset: Int = 1
  ) -> MeasureReport {
    var breakdowns: [Breakdown] = []
    let groupingsToUse: [Grouping?] = [nil] + groupings.map { Optional($0) }
    for grouping in groupingsToUse {
      let groupCount = grouping?.labels.count ?? 1
      let width = labels.count
      // One flat array per tally (group by category), filled in one pass over the rows: nested
      // arrays would check each inner array's uniqueness on every increment.
      var flatCounts = [Int](repeating: 0, count: groupCount * width)
      var flatWeighted = [Double](repeating: 0, count: weights == nil ? 0 : groupCount * width)
      var flatSquares = flatWeighted
      var bases = [Int](repeating: 0, count: groupCount)
      var weightedBases = [Double](repeating: 0, count: groupCount)
      var flatMissing = [Int](repeating: 0, count: groupCount * missingLabels.count)
      // The rows of each group are needed only for weighted estimates.
      var rowsOfGroup = [[Int]](repeating: [], count: weights == nil ? 0 : groupCount)
      let groupOfRow = grouping?.groupOfRow
      for row in categoryOfRow.indices where included[row] {
        let group = groupOfRow?[row] ?? 0
        let category = categoryOfRow[row]
        if category >= 0 {
          if let weights {
            let weight = weights[row]
            if let chosen = respondentsChoose?[row] {
              for choice in chosen {
                flatCounts[group * width + choice] += 1
                flatWeighted[group * width + choice] += weight
              }
            } else if category < width {
              flatCounts[group * width + category] += 1
              flatWeighted[group * width + category] += weight
              flatSquares[group * width + category] += weight * weight
            }
            weightedBases[group] += weight
            rowsOfGroup[group].append(row)
          } else if let chosen = respondentsChoose?[row] {
            for choice in chosen { flatCounts[group * width + choice] += 1 }
          } else if category < width {
            flatCounts[group * width + category] += 1
          }
          bases[group] += 1
        } else {
          let index = -category - missingOffset
          if index >= 0 && index < missingLabels.count {
            flatMissing[group * missingLabels.count + index] += 1
          }
        }
      }
      func nested<Value>(_ flat: [Value], _ size: Int) -> [[Value]] {
        (0..<groupCount).map { group in Array(flat[(group * size)..<((group + 1) * size)]) }
      }
      let counts = nested(flatCounts, width)
      let missing = nested(flatMissing, missingLabels.count)
      let weighted = weights == nil ? [] : nested(flatWeighted, width)
      let squaredWeights = weights == nil ? [] : nested(flatSquares, width)
      var groups: [GroupEstimate] = []
      groups.reserveCapacity(groupCount)
      for group in 0..<groupCount {
        let base = bases[group]
        var categories: [CategoryEstimate] = []
        categories.reserveCapacity(labels.count)
        for (index, label) in labels.enumerated() {
          let count = counts[group][index]
          var percent: Double?
          var interval: ConfidenceInterval?
          if base > 0 {
            if let weights {
              let rows = rowsOfGroup[group]
              let flags = rows.map { row in
                respondentsChoose.map { $0[row].contains(index) } ?? (categoryOfRow[row] == index)
              }
              if let estimate = try? WeightedProportion(
                indicators: flags,
                weights: rows.map { weights[$0] },
                confidenceLevel: options.confidenceLevel
              ) {
                percent = 100 * estimate.estimate
                interval = scaled(estimate.interval)
              } else {
                percent = 100 * weighted[group][index] / weightedBases[group]
              }
            } else if let wilson = try? WilsonScoreInterval(
              successes: count,
              trials: base,
              confidenceLevel: options.confidenceLevel
            ) {
              percent = 100 * wilson.estimate
              interval = scaled(wilson.interval)
            }
          }
          categories.append(
            CategoryEstimate(
              category: label,
              code: index < codes.count ? codes[index] : nil,
              count: count,
              shownCount: count,
              percent: percent,
              interval: interval
            )
          )
        }
        let missingEstimates = missingLabels.enumerated().map { index, label in
          CategoryEstimate(
            category: label,
            count: missing[group][index],
            shownCount: missing[group][index]
          )
        }
        var effective: Double?
        if let weights, base > 0 {
          let groupWeights = rowsOfGroup[group].map { weights[$0] }
          let squares = groupWeights.reduce(0) { $0 + $1 * $1 }
          effective = squares > 0 ? weightedBases[group] * weightedBases[group] / squares : nil
        }
        groups.append(
          GroupEstimate(
            group: grouping?.labels[group],
            base: base,
            shownBase: base,
            weightedBase: weights == nil ? nil : weightedBases[group],
            effectiveBase: effective,
            categories: categories,
            missing: missingEstimates
          )
        )
      }
      var test: IndependenceTest?
      if grouping != nil, respondentsChoose == nil {
        test = independenceTest(
          counts,
          weighted: weights == nil ? nil : (weighted, squaredWeights)
        )
      }
      breakdowns.append(Breakdown(groupBy: grouping?.header, groups: groups, test: test))
    }
    return MeasureReport(id: id, kind: kind, title: title, breakdowns: breakdowns)
  }

  private func scaled(_ interval: ConfidenceInterval) -> ConfidenceInterval {
    ConfidenceInterval(
      lower: 100 * interval.lower,
      upper: 100 * interval.upper,
      level: interval.level
    )
  }

  /// Pearson's test on `counts`, or with `weighted` (the sums of the weights and of their squares
  /// in each cell) the Rao-Scott F test; the validity check uses the counts either way.
  private func independenceTest(
    _ counts: [[Int]],
    weighted: (sums: [[Double]], squares: [[Double]])?
  ) -> IndependenceTest? {
    // Leave out empty groups and categories; a test needs at least a 2 × 2 table.
    let keptRows = counts.indices.filter { counts[$0].reduce(0, +) > 0 }
    guard keptRows.count >= 2, let width = counts.first?.count else { return nil }
    let keptColumns = (0..<width).filter { column in keptRows.contains { counts[$0][column] > 0 } }
    guard keptColumns.count >= 2 else { return nil }
    func kept<Value>(_ table: [[Value]]) -> [[Value]] {
      keptRows.map { row in keptColumns.map { table[row][$0] } }
    }
    let observed = kept(counts)
    guard let pearson = try? ContingencyTableTest(observed: observed) else { return nil }
    var reliability = ""
    if let reason = pearson.validity.reason {
      reliability = " Not reliable: \(reason)" + (reason.hasSuffix(".") ? "" : ".")
    }
    func pearsonTest(_ method: String) -> IndependenceTest {
      IndependenceTest(
        chiSquare: pearson.chiSquare,
        degreesOfFreedom: pearson.degreesOfFreedom,
        pValue: pearson.pValue,
        isValid: pearson.validity.isValid,
        note: method + reliability
      )
    }
    guard let weighted else { return pearsonTest(IndependenceTest.pearsonMethod) }
    let unweighted =
      "Pearson's chi-square test of independence on unweighted counts: the Rao-Scott "
    // The adjustment takes time in proportion to cells × (groups + answers)²; a table larger than
    // this has too few respondents per cell for any chi-square test to be reliable.
    guard keptRows.count * keptColumns.count <= 2_000, keptRows.count + keptColumns.count <= 200
    else {
      return pearsonTest(
        unweighted + "test for weighted data is not computed for tables of more than 2,000 cells "
          + "or 200 groups and answers together."
      )
    }
    do {
      let test = try RaoScottTest(
        weights: kept(weighted.sums),
        squaredWeights: kept(weighted.squares),
        respondents: observed.joined().reduce(0, +)
      )
      return IndependenceTest(
        chiSquare: test.pearsonChiSquare,
        degreesOfFreedom: pearson.degreesOfFreedom,
        pValue: test.pValue,
        designAdjustment: IndependenceTest.DesignAdjustment(
          fStatistic: test.statistic,
          numeratorDegreesOfFreedom: test.numeratorDegreesOfFreedom,
          denominatorDegreesOfFreedom: test.denominatorDegreesOfFreedom,
          meanDesignEffect: test.meanDesignEffect
        ),
        isValid: pearson.validity.isValid,
        note: IndependenceTest.raoScottMethod + reliability
      )
    } catch {
      return pearsonTest(unweighted + "test for weighted data could not be computed (\(error)).")
    }
  }

  private func summary(of values: [Double], weights groupWeights: [Double]?) -> ScoreSummary? {
    guard let sample = try? SampleSummary(values) else { return nil }
    var mean = sample.mean
    var interval = try? sample.meanInterval(confidenceLevel: options.confidenceLevel)
    if let groupWeights,
      let weighted = try? WeightedMean(
        values: values,
        weights: groupWeights,
        confidenceLevel: options.confidenceLevel
      )
    {
      mean = weighted.estimate
      interval = weighted.interval
    }
    return ScoreSummary(
      count: sample.count,
      mean: mean,
      standardDeviation: sample.standardDeviation,
      meanInterval: interval,
      median: sample.median,
      lowerQuartile: sample.lowerQuartile,
      upperQuartile: sample.upperQuartile,
      minimum: sample.minimum,
      maximum: sample.maximum
    )
  }
}
