import SurveyDisclosure

/// Protects a survey report, a comparison or a change report as one publication: after each
/// table's own suppression, plays the attacker against every count it publishes, together, and
/// hides further counts until no hidden count can be worked out exactly.
///
/// The attacker knows every published count (or, under a rounding policy, the range its rounded
/// value allows), that hidden counts are whole numbers of at least 1 (zeros are shown; in a group
/// whose base is hidden, at least 0), and how the counts are related. Each publication says how
/// (``ReportPublication``, ``ComparisonPublication``, ``ChangePublication``); for a survey report:
///
/// - in each group, the base is the sum of the answers, and the base plus the missing answers is
///   the group's size, the same for every measure;
/// - each whole-sample count is the sum of that count over the groups of every breakdown, and
///   the whole sample's size is the rows read;
/// - an indicator's yes and no are sums of its item's answers (or its score's bands);
/// - a score's histogram adds up to its base; the counts of how many options people ticked add
///   up to a multi-select question's base and, weighted, to its options' counts.
///
/// With these it bounds every hidden count by exact linear programming, and in parts of the
/// report small enough by integer programming too (`SurveyDisclosure`). A hidden count with one
/// possible value is exposed; the smallest count published beside it in one of its relations is
/// hidden in turn, and the report is checked again.
///
/// One exception is kept and documented: when a group's answers to a question have only one kind
/// of missing answer, its count is the group's size less its base, and is treated as known rather
/// than hidden at the cost of the base (which would hide every answer of the group).
///
/// Large parts of a report (more than ``maximumComponentSize`` related counts, as a breakdown
/// into hundreds of groups gives) are not audited: their tables keep their own suppression, and
/// the report says which were not checked.
enum PublicationAudit {
  /// Whether to trace the audit on standard output (LONELINESS_AUDIT_TRACE=1), for measuring.
  static let auditTrace = false
  /// The most counts a report may publish for the audit to run at all: beyond it (a breakdown
  /// into many thousands of groups) building the relations alone would cost gigabytes.
  static let maximumAuditedCounts = 200_000
  /// The most related counts audited together.
  static let maximumComponentSize = 2_000
  /// The most related counts whose hidden counts are also settled by integer programming.
  static let maximumExactComponentSize = 40
  /// The most branch-and-bound nodes per integer question.
  static let nodeLimit = 500

  /// How many counts `measure` publishes: each group's base, answers, missing answers and
  /// histogram bins.
  ///
  /// - Complexity: O(*g*) for *g* groups.
  static func publishedCounts(of measure: MeasureReport) -> Int {
    measure.breakdowns.reduce(0) { total, breakdown in
      breakdown.groups.reduce(total) { total, group in
        total + 1 + group.categories.count + group.missing.count + group.histogram.count
      }
    }
  }

  /// The note of a report that publishes `counts` counts, more than ``maximumAuditedCounts``.
  static func unauditedNote(counts: Int) -> String {
    "Disclosure control: this report publishes \(counts) counts, too many to check together; each table was protected on its own, but a reader combining tables (an indicator with its question, a total with its groups) may be able to work out a hidden count. Break down by fewer groups before publishing it."
  }

  /// Hides further counts of `measures` until the audit finds no exposed count.
  ///
  /// - Parameters:
  ///   - measures: The measures, each already protected on its own by `Suppressor`.
  ///   - policy: The policy they were protected under.
  ///   - includedRows: The rows the estimates are made from (rows read less those excluded from
  ///     every estimate), which the report publishes.
  /// - Returns: Notes for the report, naming what could not be audited.
  static func protect(
    _ measures: inout [MeasureReport],
    policy: SuppressionPolicy,
    includedRows: Int
  ) -> [String] {
    guard policy != .none else { return [] }
    let counts = measures.reduce(0) { $0 + publishedCounts(of: $1) }
    guard counts <= maximumAuditedCounts else { return [unauditedNote(counts: counts)] }
    var publication = ReportPublication(
      measures: measures,
      policy: policy,
      includedRows: includedRows
    )
    let notes = protect(&publication)
    measures = publication.measures
    return notes
  }

  /// Hides further counts of `publication` until the audit finds no exposed count.
  ///
  /// Each round builds the ledger, finds the hidden small counts a reader can work out, and
  /// hides one more published count beside each (or its whole group when nothing beside it can
  /// be hidden).
  ///
  /// - Returns: Notes for the publication, naming what could not be audited or protected.
  /// - Complexity: Each round solves the linear programs of ``PublicationLedger/findExposedCounts()``;
  ///   each round hides at least one more count.
  static func protect<Publication: AuditedPublication>(_ publication: inout Publication) -> [String]
  {
    guard publication.policy != .none else { return [] }
    var notes: [String] = []
    // Each round hides at least one more count, so the rounds end.
    for _ in 0..<10_000 {
      let ledger = PublicationLedger(publication)
      let outcome = ledger.findExposedCounts()
      if auditTrace {
        print("audit: \(ledger.relations.count) relations, exposed \(outcome.exposed.count)")
        for figure in outcome.exposed {
          print("  \(publication.name(of: figure)) = \(ledger.value(.figure(figure)))")
        }
      }
      notes = outcome.skipped.map { description in
        "Disclosure control: \(description) were protected table by table, but not checked together with the rest of the report (too many related counts)."
      }
      guard !outcome.exposed.isEmpty else { break }
      // One complement per exposed count, but not two in one relation in one round: a second
      // may be unnecessary once the first is hidden.
      var touched = Set<Int>()
      var changed = false
      for exposed in outcome.exposed {
        guard touched.isDisjoint(with: ledger.relations(of: exposed)) else { continue }
        guard let (complement, relations) = ledger.complement(for: exposed) else {
          // Nothing published beside it can be hidden: hide its group whole.
          changed = ledger.hideGroup(of: exposed, in: &publication) || changed
          touched.formUnion(ledger.relations(of: exposed))
          continue
        }
        changed = ledger.hide(complement, in: &publication) || changed
        touched.formUnion(relations)
      }
      if !changed {
        // Nothing more can be hidden beside what is exposed; say so rather than publish quietly.
        notes.append(
          "Disclosure control: \(outcome.exposed.count) small hidden count(s) could still be worked out from the rest of the report, and nothing more could be hidden to prevent it; check this report before publishing it."
        )
        break
      }
    }
    return notes
  }

  /// Publishes only a coarse p-value for every test of a table with hidden counts.
  static func coarsenTests(_ measures: inout [MeasureReport], policy: SuppressionPolicy) {
    guard policy != .none else { return }
    for m in measures.indices {
      for b in measures[m].breakdowns.indices where measures[m].breakdowns[b].test != nil {
        let groups = measures[m].breakdowns[b].groups
        let hasHidden = groups.contains { group in
          group.isSuppressed || group.categories.contains { $0.suppression != nil }
        }
        if hasHidden { measures[m].breakdowns[b].test?.isCoarsened = true }
      }
    }
  }
}
