import SurveyCapture
import SurveyInstruments
public import SurveyReports
import SurveyScoring

/// The two waves of a change report: one long survey with a column naming each row's wave, or
/// a baseline survey and a follow-up survey.
public enum WaveSource: Sendable {
  /// One survey; `wave` (which the survey must keep) names each row's wave. The baseline and
  /// follow-up are the waves given, or, when `nil`, worked out from the wave labels (see
  /// `ChangeBuilder.inferWaves(_:)`).
  case column(Survey, wave: String, baseline: String? = nil, followUp: String? = nil)
  /// A baseline survey and a follow-up survey, labelled by their file names (or `baseline` and
  /// `follow-up` when those are the same).
  case surveys(baseline: Survey, followUp: Survey)
}

/// Meaningful-change thresholds given for this report, replacing the instruments' own.
public struct MeaningfulChangeOverrides: Sendable, Hashable {
  /// Points by score (`swemwbs.metric`).
  public var byScore: [String: Double]
  /// Points for every other score, if given.
  public var all: Double?
  /// Where the thresholds come from, as the report cites them.
  public var source: String

  /// Creates overrides.
  public init(
    byScore: [String: Double] = [:],
    all: Double? = nil,
    source: String = "set for this report"
  ) {
    self.byScore = byScore
    self.all = all
    self.source = source
  }
}

extension SurveyAnalysis {
  /// The change from baseline to follow-up: respondents paired by `idColumn`, each score's mean
  /// change with its tests and the shares improved, unchanged and worse by the meaningful-change
  /// threshold, band transitions, and McNemar's test for each indicator.
  ///
  /// With `ChangeOptions.weightColumn`, every survey must have been read keeping that column;
  /// each pair then takes its baseline row's weight (see `ChangeBuilder`).
  ///
  /// - Throws: `ReportError` when the waves cannot be told apart or an id column is missing;
  ///   ``AnalysisError`` for an override naming an unknown score, surveys read with different
  ///   instruments, a weight column not kept, or no row with a usable weight.
  /// - Complexity: O(*n* log *n* + *n* × *m*) for *n* rows and *m* scores and indicators.
  public static func change(
    _ waves: WaveSource,
    idColumn: String,
    options: ChangeOptions,
    overrides: MeaningfulChangeOverrides = MeaningfulChangeOverrides(),
    referral: ProblemReferral? = nil
  ) throws -> ChangeReport {
    let surveys: [Survey]
    var ids: [String] = []
    var labels: [String] = []
    let baseline: String
    let followUp: String
    let waveColumn: String?
    func column(_ name: String, of survey: Survey) throws -> [String] {
      guard let values = survey.column(name) else {
        throw AnalysisError(
          kind: .columnNotKept(name),
          message: "the column '\(name)' was not kept when \(survey.name) was read",
          hint: "ask for it when reading the survey"
        )
      }
      return (0..<survey.table.count).map { values.value(at: $0) }
    }
    switch waves {
    case .column(let survey, let wave, let given, let other):
      ids = try column(idColumn, of: survey)
      labels = try column(wave, of: survey)
      if let given, let other {
        (baseline, followUp) = (given, other)
      } else {
        (baseline, followUp) = try ChangeBuilder.inferWaves(labels)
      }
      surveys = [survey]
      waveColumn = wave
    case .surveys(let first, let second):
      surveys = [first, second]
      try checkSameInstruments(surveys)
      var names = surveys.map { label(ofFile: $0.name) }
      if names[0] == names[1] { names = ["baseline", "follow-up"] }
      (baseline, followUp) = (names[0], names[1])
      for (survey, name) in zip(surveys, names) {
        ids += try column(idColumn, of: survey)
        labels += Array(repeating: name, count: survey.table.count)
      }
      waveColumn = nil
    }
    let rowLocations = surveys.flatMap(\.rowLocations)
    let weights = try options.weightColumn.map {
      try rowWeights($0, of: surveys, rowLocations: rowLocations)
    }
    var builder = try ChangeBuilder(
      ids: ids,
      waves: labels,
      baseline: baseline,
      followUp: followUp,
      options: options,
      sourceFiles: surveys.map(\.name),
      idColumn: idColumn,
      waveColumn: waveColumn,
      rowLocations: rowLocations,
      weights: weights
    )
    let first = surveys[0]
    builder.addInstruments(first.instruments, origins: first.instrumentOrigins)
    for note in surveys.compactMap({ problemsNote($0, referral: referral) }) {
      builder.addNote(note)
    }
    try checkOverrides(overrides, scoreNames: first.scores.scores.map(\.name))
    // Rows are the surveys' rows one after another; `locate` finds a row's survey again.
    var offsets = [0]
    for survey in surveys { offsets.append(offsets[offsets.count - 1] + survey.table.count) }
    func locate(_ row: Int) -> (survey: Int, row: Int) {
      let survey = (offsets.lastIndex { $0 <= row }).map { min($0, surveys.count - 1) } ?? 0
      return (survey, row - offsets[survey])
    }
    for (index, score) in first.scores.scores.enumerated() {
      let columns = surveys.map { $0.scores.scores[index] }
      let instrument = first.instruments.first { $0.id == score.instrument }
      var threshold = instrument.flatMap { ChangeThreshold(rule: score.rule, in: $0) }
      if let points = overrides.byScore[score.name] ?? overrides.all {
        threshold = ChangeThreshold(points: points, source: overrides.source)
      }
      builder.addScore(
        id: score.name,
        title: score.rule.title,
        values: columns.flatMap(\.values),
        decimals: score.rule.decimals,
        better: score.rule.better,
        range: score.rule.range,
        threshold: threshold,
        bands: score.rule.bands,
        bandSource: score.rule.bands.flatMap { bands in
          instrument.map { BandTransitions.source(of: bands, in: $0) }
        },
        reason: { row in
          let (survey, local) = locate(row)
          return columns[survey].reason(at: local) ?? "no score"
        }
      )
    }
    for (index, indicator) in first.scores.indicators.enumerated() {
      let columns = surveys.map { $0.scores.indicators[index] }
      builder.addIndicator(
        id: indicator.name,
        title: indicator.indicator.title,
        values: columns.flatMap(\.values),
        source: indicator.sourceName,
        reason: { row in
          let (survey, local) = locate(row)
          return columns[survey].reason(at: local) ?? "no value"
        }
      )
    }
    return builder.build()
  }

  /// Refuses an override naming a score the instruments do not have.
  static func checkOverrides(
    _ overrides: MeaningfulChangeOverrides,
    scoreNames names: [String]
  ) throws(AnalysisError) {
    for name in overrides.byScore.keys.sorted() where !names.contains(name) {
      throw AnalysisError(
        kind: .unknownScore(name),
        message:
          "a meaningful change is given for the score '\(name)', which the instruments do not have",
        hint: closestMatches(to: name, among: names).first.map { "did you mean '\($0)'?" }
          ?? "the scores are: \(names.joined(separator: ", "))"
      )
    }
  }
}
