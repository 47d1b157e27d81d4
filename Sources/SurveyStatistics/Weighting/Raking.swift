/// One population margin to rake to: its categories, the population total in each, and the
/// category each respondent is in.
///
/// A margin is a single classification of the population, for example age band by sex (one
/// category per combination) or area. Raking with several margins matches each margin's totals
/// without needing the full cross-classification of the population.
public struct RakingMargin: Sendable, Hashable {
  /// The margin's name for messages and reports, for example "age by sex" or "area".
  public var name: String
  /// The category labels, for example "Female 16-34" or an area code.
  public var categories: [String]
  /// The population total of each category, in the order of the categories.
  ///
  /// Each is finite and 0 or more. Counts of people or shares of the population both work, as
  /// long as every margin uses the same scale.
  public var populationTotals: [Double]
  /// Each respondent's category, as an index into ``categories``, in respondent order.
  public var respondentCategories: [Int]

  /// Creates a margin.
  ///
  /// - Parameters:
  ///   - name: The margin's name, for example "area".
  ///   - categories: The category labels.
  ///   - populationTotals: The population total of each category, in the order of `categories`.
  ///   - respondentCategories: Each respondent's category as an index into `categories`.
  public init(
    name: String,
    categories: [String],
    populationTotals: [Double],
    respondentCategories: [Int]
  ) {
    self.name = name
    self.categories = categories
    self.populationTotals = populationTotals
    self.respondentCategories = respondentCategories
  }
}

/// Settings for raking, with the defaults of R's `survey::rake`.
public struct RakingOptions: Sendable, Hashable {
  /// The most sweeps through all the margins; 10 by default, as `rake`'s `maxit`.
  public var maximumIterations: Int
  /// The convergence tolerance, as `rake`'s `epsilon`; 1 by default.
  ///
  /// Raking stops after the first sweep that changes no cell of the cross-classification of all
  /// the margins' categories by as much as the tolerance. From 1 upwards the tolerance is in the
  /// units of the population totals (1 person, when they are counts); below 1 it is that fraction
  /// of the sum of the weights when the raking starts. With totals given as shares of 1, give a
  /// tolerance below 1 (for example 1e-8).
  public var epsilon: Double
  /// How far the margins' totals may differ, relative to the largest: 1e-6 by default.
  public var totalsTolerance: Double
  /// Whether to throw `.notConverged` when the sweeps run out (the default), or return the
  /// weights with ``Raking/converged`` false, as `rake` does with a warning.
  public var requireConvergence: Bool
  /// Bounds on the weights, or `nil` for none (the default).
  public var trimming: WeightTrimming?

  /// Creates settings.
  ///
  /// - Parameters:
  ///   - maximumIterations: The most sweeps through all the margins; 10 by default.
  ///   - epsilon: The convergence tolerance; 1 by default.
  ///   - totalsTolerance: How far the margins' totals may differ, relative; 1e-6 by default.
  ///   - requireConvergence: Whether running out of sweeps is an error; `true` by default.
  ///   - trimming: Bounds on the weights; none by default.
  public init(
    maximumIterations: Int = 10,
    epsilon: Double = 1,
    totalsTolerance: Double = 1e-6,
    requireConvergence: Bool = true,
    trimming: WeightTrimming? = nil
  ) {
    self.maximumIterations = maximumIterations
    self.epsilon = epsilon
    self.totalsTolerance = totalsTolerance
    self.requireConvergence = requireConvergence
    self.trimming = trimming
  }
}

/// What one sweep through the margins changed.
public struct RakingSweep: Sendable, Hashable {
  /// The largest change, over the cells of the cross-classification of all the margins'
  /// categories, in the weighted total of a cell: the quantity `rake` compares with its tolerance.
  public let largestCellChange: Double
  /// After the sweep, the largest absolute difference between a category's weighted total and
  /// its population total, over all margins (the last margin of a sweep is always met).
  public let largestMarginDiscrepancy: Double
}

/// A category's weighted total beside its population total.
public struct MarginDiscrepancy: Sendable, Hashable {
  /// The margin's position in the list of margins.
  public let margin: Int
  /// The category's position in its margin.
  public let category: Int
  /// The sum of the weights of the respondents in the category.
  public let weightedTotal: Double
  /// The category's population total.
  public let populationTotal: Double

  /// The weighted total less the population total.
  public var difference: Double { weightedTotal - populationTotal }
}

/// What trimming did.
public struct TrimmingOutcome: Sendable, Hashable {
  /// The mean weight after the first raking, which the relative bounds multiply.
  public let meanWeight: Double
  /// The lowest weight allowed.
  public let lowerBound: Double
  /// The highest weight allowed.
  public let upperBound: Double
  /// How many times the weights were raked again after trimming.
  public let rerakings: Int
  /// Whether the final weights come from trimming, not from a raking within the bounds.
  ///
  /// After trimming the margins are met only as closely as
  /// ``Raking/largestDiscrepancy`` says: within the raking tolerance when alternation settled,
  /// further off when the rerakings ran out or with `maximumRerakings` 0.
  public let endedWithTrim: Bool
  /// How many final weights lie at a bound.
  public let weightsAtBounds: Int
}

/// Raking weights (iterative proportional fitting) to population margins, as R's
/// `survey::rake(design, sample.margins, population.margins)` computes them.
///
/// Starting from each respondent's weight (1 unless given), each sweep visits the margins in turn
/// and multiplies the weights of the respondents in each category c of the margin by
/// N_c / Σ_{i∈c} wᵢ, the category's population total over its current weighted total, so that the
/// margin is met exactly (post-stratification to that margin). Sweeps repeat until one changes no
/// cell of the cross-classification of all the margins' categories by as much as the tolerance
/// (Deming and Stephan 1940, "On a least squares adjustment of a sampled frequency table when the
/// expected marginal totals are known", Annals of Mathematical Statistics 11:427–444; Lumley 2010,
/// "Complex Surveys", section 7.4; Kalton and Flores-Cervantes 2003, "Weighting methods", Journal
/// of Official Statistics 19:81–97). Convergence rule, tolerance and default limit are `rake`'s,
/// read from survey 4.1.1: `control = list(maxit = 10, epsilon = 1)`, with `epsilon` below 1 taken
/// as a fraction of the total starting weight, and the change measured on `svytable` of all the
/// margin variables between successive sweeps. ``iterations`` counts the sweeps made.
///
/// Before raking, the margins are checked so that impossible ones give a named error rather than
/// weights that never settle: totals must be finite and 0 or more, the margins' totals must agree
/// (to ``RakingOptions/totalsTolerance``), and every category with a positive population total
/// needs a respondent, and every category with respondents a positive total (R's `postStratify`
/// stops on both). Optional trimming follows `trimWeights` (see ``WeightTrimming``).
///
/// - Complexity: O(*n* · *m*) per sweep for *n* respondents and *m* margins, plus a hash of each
///   respondent's cell once; memory O(*n* · *m*).
public struct Raking: Sendable, Hashable {
  /// The final weights, one per respondent.
  public let weights: [Double]
  /// Whether the last raking met the tolerance within the iteration limit.
  public let converged: Bool
  /// The number of sweeps the last raking made.
  public let iterations: Int
  /// What each sweep of the last raking changed.
  public let sweeps: [RakingSweep]
  /// The tolerance the last raking used, in the units of the population totals.
  public let tolerance: Double
  /// The weighted total of each category with the final weights, one array per margin.
  public let marginTotals: [[Double]]
  /// The category furthest from its population total with the final weights.
  public let largestDiscrepancy: MarginDiscrepancy
  /// What trimming did, or `nil` without trimming.
  public let trimming: TrimmingOutcome?
  /// Kish's effective sample size, weighting efficiency and design effect of the final weights.
  public let efficiency: WeightingEfficiency
  /// The method name for reports.
  public let method: String

  /// Rakes weights to the margins.
  ///
  /// - Parameters:
  ///   - margins: At least one margin, each with one category per respondent.
  ///   - startingWeights: Positive finite weights to start from, one per respondent; all 1 when
  ///     `nil`.
  ///   - options: Tolerance, iteration limit and trimming; `rake`'s defaults when omitted.
  /// - Throws: `StatisticsError` of kind `.invalidMargin` for a malformed margin,
  ///   `.emptyCategory` for a category that cannot be met, `.inconsistentMargins` for totals
  ///   that disagree, `.invalidWeight` or `.nonFiniteValue` for bad starting weights or bounds,
  ///   and `.notConverged` when the sweeps run out and `requireConvergence` is set. Every error
  ///   names the margin and category at fault.
  /// - Complexity: O(*n* · *m*) per sweep; see the type's documentation.
  public init(
    margins: [RakingMargin],
    startingWeights: [Double]? = nil,
    options: RakingOptions = RakingOptions()
  ) throws {
    let problem = try RakingProblem(margins: margins, startingWeights: startingWeights, options)
    let start = startingWeights ?? [Double](repeating: 1, count: problem.respondentCount)
    var run = problem.rake(from: start, options)
    if !run.converged, options.requireConvergence { throw problem.notConverged(run, options) }
    var weights = run.weights
    var outcome: TrimmingOutcome? = nil
    if let trimming = options.trimming {
      let mean = weights.reduce(0, +) / Double(weights.count)
      let lower = trimming.lowerRelativeToMean * mean
      let upper = trimming.upperRelativeToMean * mean
      var rerakings = 0
      var endedWithTrim = false
      while weights.contains(where: { $0 < lower || $0 > upper }) {
        weights = try WeightTrimming.trim(weights, lower: lower, upper: upper)
        endedWithTrim = true
        let discrepancy = problem.largestDiscrepancy(problem.marginTotals(weights))
        if abs(discrepancy.difference) < run.tolerance || rerakings == trimming.maximumRerakings {
          break
        }
        endedWithTrim = false
        run = problem.rake(from: weights, options)
        rerakings += 1
        if !run.converged, options.requireConvergence {
          throw problem.notConverged(run, options)
        }
        weights = run.weights
      }
      outcome = TrimmingOutcome(
        meanWeight: mean,
        lowerBound: lower,
        upperBound: upper,
        rerakings: rerakings,
        endedWithTrim: endedWithTrim,
        weightsAtBounds: weights.filter { $0 == lower || $0 == upper }.count
      )
    }
    self.weights = weights
    converged = run.converged
    iterations = run.sweeps.count
    sweeps = run.sweeps
    tolerance = run.tolerance
    marginTotals = problem.marginTotals(weights)
    largestDiscrepancy = problem.largestDiscrepancy(marginTotals)
    trimming = outcome
    efficiency = try WeightingEfficiency(weights: weights)
    method =
      outcome == nil
      ? "raking (iterative proportional fitting)"
      : "raking (iterative proportional fitting) with trimmed weights"
  }
}

/// Validated margins with each respondent's cell of the cross-classification, ready to rake.
private struct RakingProblem {
  let margins: [RakingMargin]
  let respondentCount: Int
  /// Each respondent's cell in the cross-classification of all the margins' categories.
  let cells: [Int]
  let cellCount: Int

  struct Run {
    var weights: [Double]
    var converged: Bool
    var sweeps: [RakingSweep]
    var tolerance: Double
  }

  init(margins: [RakingMargin], startingWeights: [Double]?, _ options: RakingOptions) throws {
    guard let first = margins.first else {
      throw StatisticsError(
        .invalidMargin,
        argument: "margins",
        message: "expected at least one margin, got none"
      )
    }
    let count = first.respondentCategories.count
    guard count > 0 else {
      throw StatisticsError(
        .insufficientData,
        argument: "margins[0].respondentCategories",
        message: "expected at least one respondent, got none"
      )
    }
    try Self.checkOptions(options)
    if let startingWeights {
      try StatisticsError.checkSameLength(
        startingWeights.count,
        count,
        arguments: "startingWeights, margins[0].respondentCategories"
      )
      try StatisticsError.checkFinite(startingWeights, argument: "startingWeights")
      for (index, weight) in startingWeights.enumerated() where weight <= 0 {
        throw StatisticsError(
          .invalidWeight,
          argument: "startingWeights[\(index)]",
          message: "expected a positive starting weight, got '\(weight)'",
          hint: "leave out respondents with a weight of 0 before raking"
        )
      }
    }
    var totals: [Double] = []
    for (index, margin) in margins.enumerated() {
      try Self.check(margin, at: index, respondents: count)
      totals.append(margin.populationTotals.reduce(0, +))
    }
    try Self.checkTotalsAgree(margins, totals: totals, tolerance: options.totalsTolerance)
    self.margins = margins
    respondentCount = count
    var cellOfKey: [[Int]: Int] = [:]
    var cells = [Int](repeating: 0, count: count)
    for respondent in 0..<count {
      let key = margins.map { $0.respondentCategories[respondent] }
      if let cell = cellOfKey[key] {
        cells[respondent] = cell
      } else {
        cells[respondent] = cellOfKey.count
        cellOfKey[key] = cellOfKey.count
      }
    }
    self.cells = cells
    cellCount = cellOfKey.count
  }

  private static func checkOptions(_ options: RakingOptions) throws {
    guard options.maximumIterations >= 1 else {
      throw StatisticsError(
        .invalidMargin,
        argument: "options.maximumIterations",
        message: "expected at least 1 iteration, got '\(options.maximumIterations)'"
      )
    }
    guard options.epsilon.isFinite, options.epsilon > 0 else {
      throw StatisticsError(
        .invalidMargin,
        argument: "options.epsilon",
        message: "expected a positive finite tolerance, got '\(options.epsilon)'"
      )
    }
    guard options.totalsTolerance.isFinite, options.totalsTolerance >= 0 else {
      throw StatisticsError(
        .invalidMargin,
        argument: "options.totalsTolerance",
        message: "expected a finite tolerance of 0 or more, got '\(options.totalsTolerance)'"
      )
    }
    if let trimming = options.trimming {
      let lower = trimming.lowerRelativeToMean
      let upper = trimming.upperRelativeToMean
      guard lower.isFinite, lower >= 0, lower < 1, !upper.isNaN, upper > 1 else {
        throw StatisticsError(
          .invalidWeight,
          argument: "options.trimming",
          message:
            "expected a lower bound in [0, 1) and an upper bound above 1 times the mean weight, "
            + "got '\(lower)' and '\(upper)'",
          hint: "for example 0.3 and 3 keep every weight between 0.3 and 3 times the mean"
        )
      }
      guard trimming.maximumRerakings >= 0 else {
        throw StatisticsError(
          .invalidWeight,
          argument: "options.trimming.maximumRerakings",
          message: "expected 0 or more rerakings, got '\(trimming.maximumRerakings)'"
        )
      }
    }
  }

  private static func check(_ margin: RakingMargin, at index: Int, respondents: Int) throws {
    let argument = "margins[\(index)]"
    let named = "margin '\(margin.name)'"
    guard !margin.categories.isEmpty,
      margin.categories.count == margin.populationTotals.count
    else {
      throw StatisticsError(
        .invalidMargin,
        argument: argument + ".populationTotals",
        message:
          "\(named): expected one population total per category, got "
          + "'\(margin.populationTotals.count)' totals for '\(margin.categories.count)' categories"
      )
    }
    var seen: Set<String> = []
    for (category, label) in margin.categories.enumerated() where !seen.insert(label).inserted {
      throw StatisticsError(
        .invalidMargin,
        argument: argument + ".categories[\(category)]",
        message: "\(named): category '\(label)' is listed twice",
        hint: "give each category one population total"
      )
    }
    guard margin.respondentCategories.count == respondents else {
      throw StatisticsError(
        .mismatchedLengths,
        argument: argument + ".respondentCategories",
        message:
          "\(named): expected a category for each of the \(respondents) respondents, got "
          + "'\(margin.respondentCategories.count)'"
      )
    }
    for (category, total) in margin.populationTotals.enumerated()
    where !total.isFinite || total < 0 {
      throw StatisticsError(
        .invalidMargin,
        argument: argument + ".populationTotals[\(category)]",
        message:
          "\(named), category '\(margin.categories[category])': expected a finite population "
          + "total of 0 or more, got '\(total)'"
      )
    }
    var respondentsInCategory = [Int](repeating: 0, count: margin.categories.count)
    for (respondent, category) in margin.respondentCategories.enumerated() {
      guard margin.categories.indices.contains(category) else {
        throw StatisticsError(
          .invalidMargin,
          argument: argument + ".respondentCategories[\(respondent)]",
          message:
            "\(named): respondent \(respondent + 1) is in category number '\(category)', but the "
            + "margin has categories 0 to \(margin.categories.count - 1)"
        )
      }
      respondentsInCategory[category] += 1
    }
    for (category, total) in margin.populationTotals.enumerated() {
      let label = margin.categories[category]
      let inCategory = respondentsInCategory[category]
      if total > 0, inCategory == 0 {
        throw StatisticsError(
          .emptyCategory,
          argument: argument + ".categories[\(category)]",
          message:
            "\(named), category '\(label)': the population total is \(total) but no respondent "
            + "is in the category, so no weights can meet it",
          hint:
            "merge the category with a neighbouring one (for example the next age band) in both "
            + "the data and the margin"
        )
      }
      if total == 0, inCategory > 0 {
        throw StatisticsError(
          .emptyCategory,
          argument: argument + ".categories[\(category)]",
          message:
            "\(named), category '\(label)': \(inCategory) respondent(s) are in the category but "
            + "its population total is 0",
          hint: "check the category's population total, or the respondents' answers"
        )
      }
    }
  }

  private static func checkTotalsAgree(
    _ margins: [RakingMargin],
    totals: [Double],
    tolerance: Double
  ) throws {
    guard let largest = totals.max(), largest > 0 else {
      throw StatisticsError(
        .invalidMargin,
        argument: "margins[0].populationTotals",
        message: "margin '\(margins[0].name)': expected a positive population total, got '0'"
      )
    }
    for index in totals.indices.dropFirst()
    where abs(totals[index] - totals[0]) > tolerance * largest {
      throw StatisticsError(
        .inconsistentMargins,
        argument: "margins[\(index)].populationTotals",
        message:
          "margin '\(margins[index].name)' totals \(totals[index]) but margin "
          + "'\(margins[0].name)' totals \(totals[0]); raked weights cannot meet both",
        hint:
          "margins must describe the same population: check for a missing category or totals "
          + "from different years"
      )
    }
  }

  /// Rakes from `start` as `rake` does, recording each sweep.
  func rake(from start: [Double], _ options: RakingOptions) -> Run {
    var weights = start
    let tolerance =
      options.epsilon < 1 ? options.epsilon * start.reduce(0, +) : options.epsilon
    var previous = cellTotals(weights)
    var sweeps: [RakingSweep] = []
    while sweeps.count < options.maximumIterations {
      for margin in margins {
        var sums = [Double](repeating: 0, count: margin.categories.count)
        for (respondent, category) in margin.respondentCategories.enumerated() {
          sums[category] += weights[respondent]
        }
        for (respondent, category) in margin.respondentCategories.enumerated() {
          weights[respondent] *= margin.populationTotals[category] / sums[category]
        }
      }
      let current = cellTotals(weights)
      var change = 0.0
      for cell in 0..<cellCount { change = max(change, abs(current[cell] - previous[cell])) }
      let discrepancy = abs(largestDiscrepancy(marginTotals(weights)).difference)
      sweeps.append(
        RakingSweep(largestCellChange: change, largestMarginDiscrepancy: discrepancy)
      )
      if change < tolerance {
        return Run(weights: weights, converged: true, sweeps: sweeps, tolerance: tolerance)
      }
      previous = current
    }
    return Run(weights: weights, converged: false, sweeps: sweeps, tolerance: tolerance)
  }

  private func cellTotals(_ weights: [Double]) -> [Double] {
    var totals = [Double](repeating: 0, count: cellCount)
    for (respondent, cell) in cells.enumerated() { totals[cell] += weights[respondent] }
    return totals
  }

  func marginTotals(_ weights: [Double]) -> [[Double]] {
    margins.map { margin in
      var sums = [Double](repeating: 0, count: margin.categories.count)
      for (respondent, category) in margin.respondentCategories.enumerated() {
        sums[category] += weights[respondent]
      }
      return sums
    }
  }

  func largestDiscrepancy(_ totals: [[Double]]) -> MarginDiscrepancy {
    var largest = MarginDiscrepancy(
      margin: 0,
      category: 0,
      weightedTotal: totals[0][0],
      populationTotal: margins[0].populationTotals[0]
    )
    for (index, margin) in margins.enumerated() {
      for (category, population) in margin.populationTotals.enumerated() {
        let candidate = MarginDiscrepancy(
          margin: index,
          category: category,
          weightedTotal: totals[index][category],
          populationTotal: population
        )
        if abs(candidate.difference) > abs(largest.difference) { largest = candidate }
      }
    }
    return largest
  }

  func notConverged(_ run: Run, _ options: RakingOptions) -> StatisticsError {
    let worst = largestDiscrepancy(marginTotals(run.weights))
    let margin = margins[worst.margin]
    let lastChange = run.sweeps.last?.largestCellChange ?? 0
    return StatisticsError(
      .notConverged,
      argument: "margins[\(worst.margin)].categories[\(worst.category)]",
      message:
        "raking did not converge in \(options.maximumIterations) iterations: the last sweep "
        + "changed a cell by \(lastChange) against a tolerance of \(run.tolerance); margin "
        + "'\(margin.name)', category '\(margin.categories[worst.category])' is furthest from its "
        + "target, weighted total \(worst.weightedTotal) against a population total of "
        + "\(worst.populationTotal)",
      hint:
        "allow more iterations, or merge small categories: margins that nearly contradict "
        + "each other converge slowly"
    )
  }
}
