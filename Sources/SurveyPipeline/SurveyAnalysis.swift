import SurveyCapture
import SurveyInstruments
public import SurveyReports
import SurveyScoring

/// Turns surveys into reports: a survey report, a comparison of cohorts, or a change.
///
/// Each takes surveys already read (see ``Survey``) and options, and returns the report model,
/// which renders itself in every format.
///
/// ```swift
/// let survey = try Survey(reading: .file(path: "export.csv"), options: SurveyReadingOptions())
/// let report = try SurveyAnalysis.report(survey, options: ReportOptions(groupBy: ["Ward"]))
/// ```
public enum SurveyAnalysis {
  /// How a report refers its reader to the full list of problems met in reading an export, such
  /// as a command that lists them (`loneliness inspect`); `nil` to leave the referral out.
  public struct ProblemReferral: Sendable, Hashable {
    /// The command or place that lists the problems of a file, followed by the file's name.
    public var command: String

    /// Creates a referral.
    public init(command: String) { self.command = command }
  }

  /// The survey report of `survey`: every item, indicator and score of its instruments, the
  /// columns and multi-select questions asked for, broken down as the options say, with what
  /// reading could not use listed as exclusions.
  ///
  /// - Throws: `ReportError` for a column the table does not have or a breakdown into too many
  ///   groups; ``AnalysisError`` when every row is excluded.
  /// - Complexity: O(*n* × *m* × (1 + *g*)) for *n* rows, *m* measures and *g* breakdowns.
  public static func report(
    _ survey: Survey,
    options: ReportOptions,
    referral: ProblemReferral? = nil
  ) throws -> Report {
    var options = options
    options.multiSelect += survey.multiSelect
    var builder = try ReportBuilder(
      table: survey.table,
      options: options,
      sourceFiles: [survey.name],
      origins: survey.instrumentOrigins
    )
    guard builder.includedRowCount > 0 else {
      throw AnalysisError(
        kind: .everyRowExcluded,
        message: "every row of \(survey.name) is excluded from the estimates: "
          + builder.exclusionSummary,
        hint: "check the weight column"
      )
    }
    builder.addInstruments(scored: survey.scores)
    builder.addTallies()
    for exclusion in importExclusions(survey.importReport, referral: referral) {
      builder.addExclusion(exclusion)
    }
    for notice in survey.importReport.recodeNotices { builder.addNote(notice) }
    var report = builder.build()
    report.metadata.responsePeriod = ResponsePeriod(
      table: survey.table,
      monthFirst: survey.importReport.dialect == .surveyMonkey ? true : nil
    )
    return report
  }

  /// Answers that reading the file could not use, by item, with their lines.
  static func importExclusions(_ report: ImportReport, referral: ProblemReferral?) -> [Exclusion] {
    var byItem: [String: [Int]] = [:]
    var order: [String] = []
    for problem in report.problems where problem.kind == .unrecognisedAnswer {
      let scope = problem.item?.description ?? problem.header ?? "an item"
      if byItem[scope] == nil { order.append(scope) }
      byItem[scope, default: []].append(problem.line ?? 0)
    }
    let see = referral.map { " (see \($0.command))" } ?? ""
    var exclusions = order.map { scope in
      Exclusion(
        scope: scope,
        reason: "unrecognised answer, counted as missing" + see,
        count: byItem[scope]?.count ?? 0,
        lines: byItem[scope] ?? []
      )
    }
    let ragged = report.problems.filter { $0.kind == .raggedRow }
    if !ragged.isEmpty {
      exclusions.append(
        Exclusion(
          scope: "answers in short rows",
          reason: "a row with fewer or more fields than the header",
          count: ragged.count,
          lines: ragged.compactMap(\.line)
        )
      )
    }
    return exclusions
  }

  /// A note for a report's readers about the problems met in reading `survey`, if any.
  static func problemsNote(_ survey: Survey, referral: ProblemReferral?) -> String? {
    let problems = survey.importReport.problems
    guard !problems.isEmpty else { return nil }
    let see = referral.map { " See them with: \($0.command) \(survey.name)." } ?? ""
    return "\(problems.count) problem\(problems.count == 1 ? "" : "s") reading \(survey.name): "
      + "\(ImportProblem.summary(of: problems))." + see
  }
}

/// Why surveys could not be turned into a report.
public struct AnalysisError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Hashable {
    /// Every row was excluded, so there is nothing to estimate from.
    case everyRowExcluded
    /// Two surveys would be the same cohort or wave.
    case duplicateLabel(String)
    /// A meaningful-change threshold names a score the instruments do not have.
    case unknownScore(String)
    /// The surveys of a comparison or change were read with different instruments.
    case differentInstruments
    /// A column the analysis needs was not kept when the survey was read.
    case columnNotKept(String)
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
