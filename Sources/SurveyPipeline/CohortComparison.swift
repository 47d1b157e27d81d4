import SurveyCapture
import SurveyInstruments
public import SurveyReports
import SurveyScoring

/// The cohorts of a comparison: one survey with a column naming each row's cohort, or several
/// surveys, each a cohort of its own.
public enum CohortSource: Sendable {
  /// One survey; the column (which the survey must keep) names each row's cohort.
  case column(Survey, String)
  /// Several surveys, each with its cohort's label, in the order to show them.
  case surveys([(label: String, survey: Survey)])
}

extension SurveyAnalysis {
  /// The label of the cohort or wave a file stands for: its name without folders or extension
  /// (`Examples/x/intervention.csv` gives `intervention`).
  public static func label(ofFile file: String) -> String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  /// Compares every cohort with the reference cohort: each indicator's difference in
  /// percentage points and each score's difference in means, with intervals and tests.
  ///
  /// With `ComparisonOptions.weightColumn`, every survey must have been read keeping that
  /// column; percentages, means and differences are then weighted (see `ComparisonBuilder`).
  ///
  /// Indicators and scores are those of the first survey's instruments; every survey must have
  /// been read with the same instruments.
  ///
  /// - Throws: `ReportError` for fewer than two cohorts, an unknown reference cohort or too many
  ///   cohorts; ``AnalysisError`` for two surveys with one label, surveys read with different
  ///   instruments, a weight column not kept, or no row with a usable weight.
  /// - Complexity: O(*n* × *m*) for *n* rows and *m* indicators and scores.
  public static func compare(
    _ cohorts: CohortSource,
    options: ComparisonOptions,
    referral: ProblemReferral? = nil
  ) throws -> ComparisonReport {
    var options = options
    let surveys: [Survey]
    var labels: [String] = []
    let cohortColumn: String?
    switch cohorts {
    case .column(let survey, let column):
      guard let values = survey.column(column) else {
        throw AnalysisError(
          kind: .columnNotKept(column),
          message: "the cohort column '\(column)' was not kept when \(survey.name) was read",
          hint: "ask for it when reading the survey"
        )
      }
      labels = (0..<survey.table.count).map { values.value(at: $0) }
      surveys = [survey]
      cohortColumn = column
    case .surveys(let list):
      var seen = Set<String>()
      for (label, _) in list where !seen.insert(label).inserted {
        throw AnalysisError(
          kind: .duplicateLabel(label),
          message: "two files would both be the cohort '\(label)'",
          hint: "rename one of them"
        )
      }
      surveys = list.map(\.survey)
      try checkSameInstruments(surveys)
      labels = list.flatMap { Array(repeating: $0.label, count: $0.survey.table.count) }
      options.cohortOrder = list.map(\.label)
      cohortColumn = nil
    }
    let rowLocations = surveys.flatMap(\.rowLocations)
    let weights = try options.weightColumn.map {
      try rowWeights($0, of: surveys, rowLocations: rowLocations)
    }
    var builder = try ComparisonBuilder(
      cohorts: labels,
      options: options,
      sourceFiles: surveys.map(\.name),
      cohortColumn: cohortColumn,
      rowLocations: rowLocations,
      weights: weights
    )
    let first = surveys[0]
    builder.addInstruments(first.instruments, origins: first.instrumentOrigins)
    for note in surveys.compactMap({ problemsNote($0, referral: referral) }) {
      builder.addNote(note)
    }
    for (index, indicator) in first.scores.indicators.enumerated() {
      builder.addIndicator(
        id: indicator.name,
        title: indicator.indicator.title,
        values: surveys.flatMap { $0.scores.indicators[index].values },
        source: indicator.sourceName
      )
    }
    for (index, score) in first.scores.scores.enumerated() {
      builder.addScore(
        id: score.name,
        title: score.rule.title,
        values: surveys.flatMap { $0.scores.scores[index].values },
        decimals: score.rule.decimals,
        better: score.rule.better,
        range: score.rule.range
      )
    }
    return builder.build()
  }

  /// The weights in `column` of every row of `surveys`, in order.
  ///
  /// - Throws: ``AnalysisError`` when a survey was read without the column, or when no row has a
  ///   usable weight.
  /// - Complexity: O(*n*) for *n* rows.
  static func rowWeights(
    _ column: String,
    of surveys: [Survey],
    rowLocations: [String]
  ) throws(AnalysisError) -> RowWeights {
    var texts: [String] = []
    for survey in surveys {
      guard let values = survey.column(column) else {
        throw AnalysisError(
          kind: .columnNotKept(column),
          message: "the weight column '\(column)' was not kept when \(survey.name) was read",
          hint: "ask for it when reading the survey"
        )
      }
      texts += (0..<survey.table.count).map { values.value(at: $0) }
    }
    let weights = RowWeights(column: column, texts: texts, rowLocations: rowLocations)
    guard weights.isUsable.contains(true) else {
      throw AnalysisError(
        kind: .everyRowExcluded,
        message: "every row of \(surveys.map(\.name).joined(separator: ", ")) is excluded from "
          + "the estimates: "
          + weights.exclusions.map { "\($0.count) \($0.reason)" }.joined(separator: "; "),
        hint: "check the weight column"
      )
    }
    return weights
  }

  /// Refuses surveys read with different instruments, whose scores cannot be set side by side.
  static func checkSameInstruments(_ surveys: [Survey]) throws(AnalysisError) {
    guard let first = surveys.first else { return }
    let ids = first.instruments.map(\.id)
    for survey in surveys.dropFirst() where survey.instruments.map(\.id) != ids {
      throw AnalysisError(
        kind: .differentInstruments,
        message:
          "\(survey.name) was read with \(survey.instruments.map(\.id.rawValue).joined(separator: ", ")), "
          + "but \(first.name) with \(ids.map(\.rawValue).joined(separator: ", "))",
        hint: "read every file with the same instruments"
      )
    }
  }
}

extension IndicatorColumn {
  /// The item or score the indicator is worked out from, `INSTRUMENT.ITEM` or
  /// `INSTRUMENT.SCORE` (the score's column name), for disclosure control.
  var sourceName: String {
    switch indicator.condition {
    case .itemCodes(let item, _): "\(instrument).\(item)"
    case .scoreBands(let score, _):
      ScoredTable.valueColumnName(instrument: instrument, score: score)
    }
  }
}
