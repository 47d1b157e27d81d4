import SurveyInstruments
import SurveyStatistics

/// Applies a ``SuppressionPolicy`` to the single counts and small tables of comparison and change
/// reports, which have no breakdowns for the report suppressor to walk.
///
/// - `.threshold(N)`: counts from 1 to N − 1 are hidden (primary). In a table whose total is shown,
///   the smallest further non-zero count is hidden while exactly one is hidden (secondary), so no
///   hidden count can be worked out by subtraction.
/// - `.nhsDigital`: counts from 1 to 7 are hidden; the others are shown rounded to the nearest 5.
/// - `.none`: every count is shown.
struct CountProtection: Sendable {
  var policy: SuppressionPolicy

  /// Whether `count` must be hidden on its own.
  func isSmall(_ count: Int) -> Bool {
    switch policy {
    case .threshold(let threshold): count >= 1 && count < threshold
    case .nhsDigital: count >= 1 && count <= 7
    case .none: false
    }
  }

  /// The count as shown: `nil` when small, rounded to 5 under the NHS Digital policy.
  func shown(_ count: Int) -> Int? {
    guard !isSmall(count) else { return nil }
    if case .nhsDigital = policy {
      return Int((Double(count) / 5).rounded(.toNearestOrAwayFromZero)) * 5
    }
    return count
  }

  /// Why each count of a table with a shown total is hidden, if it is.
  ///
  /// - Complexity: O(*c*²) for *c* cells.
  func protectTable(_ counts: [Int]) -> [SuppressionReason?] {
    var reasons: [SuppressionReason?] = counts.map { isSmall($0) ? .hidden : nil }
    while reasons.filter({ $0 != nil }).count == 1 {
      var smallest: Int?
      for (index, count) in counts.enumerated() where reasons[index] == nil && count > 0 {
        if smallest.map({ count < counts[$0] }) ?? true { smallest = index }
      }
      guard let smallest else { break }
      reasons[smallest] = .hidden
    }
    return reasons
  }
}

/// A count as a report shows it: the true count, what is shown, and why it is hidden.
public struct ProtectedCount: Sendable, Hashable {
  /// The true count (never shown when suppressed).
  public var count: Int
  /// The count as shown: rounded under a rounding policy; `nil` when suppressed.
  public var shownCount: Int?
  /// The percentage of the table's base, in percent units; `nil` when suppressed.
  public var percent: Double?
  /// Why the count is hidden, if it is.
  public var suppression: SuppressionReason?

  /// Creates a count.
  public init(count: Int, shownCount: Int?, percent: Double?, suppression: SuppressionReason?) {
    self.count = count
    self.shownCount = shownCount
    self.percent = percent
    self.suppression = suppression
  }

  /// Protects every count of a table whose total `base` is shown, and works out percentages.
  ///
  /// - Complexity: O(*c*²) for *c* cells.
  static func table(_ counts: [Int], base: Int, protection: CountProtection) -> [ProtectedCount] {
    let reasons = protection.protectTable(counts)
    return zip(counts, reasons).map { count, reason in
      guard reason == nil, let shown = protection.shown(count) else {
        return ProtectedCount(
          count: count,
          shownCount: nil,
          percent: nil,
          suppression: reason ?? .hidden
        )
      }
      let percent = base > 0 ? 100 * Double(count) / Double(base) : nil
      return ProtectedCount(count: count, shownCount: shown, percent: percent, suppression: nil)
    }
  }
}

/// A reason with how many it applies to, as shown, and the particular reasons behind it.
public struct ReasonCount: Sendable, Hashable {
  /// The reason, in words ("missing at follow-up").
  public var reason: String
  /// How many, as shown (`shownCount` is `nil` when suppressed).
  public var count: ProtectedCount
  /// The distinct particular reasons, in order of first appearance ("1 of 3 items missing
  /// (isolated)"), without counts so that they reveal no small number.
  public var details: [String]

  /// Creates a record.
  public init(reason: String, count: ProtectedCount, details: [String] = []) {
    self.reason = reason
    self.count = count
    self.details = details
  }

  /// The reason with its details: `missing at follow-up (item lonely not answered)`; details are
  /// separated by ` / `, since a detail may itself contain `;`.
  public var text: String { text(count: nil) }

  /// The reason, then `count` when given, then the details:
  /// `missing at follow-up, * (item lonely not answered / item isolated not answered)`.
  public func text(count: String?) -> String {
    let counted = count.map { "\(reason), \($0)" } ?? reason
    return details.isEmpty ? counted : "\(counted) (\(details.joined(separator: " / ")))"
  }
}

extension ReasonCount {
  /// Tallies (reason, detail) pairs by reason in order of first appearance, protecting small
  /// counts and keeping each reason's distinct details.
  static func tally(
    _ reasons: [(reason: String, detail: String?)],
    protection: CountProtection
  ) -> [ReasonCount] {
    var order: [String] = []
    var counts: [String: Int] = [:]
    var details: [String: [String]] = [:]
    for entry in reasons {
      if counts[entry.reason] == nil { order.append(entry.reason) }
      counts[entry.reason, default: 0] += 1
      if let detail = entry.detail, !(details[entry.reason] ?? []).contains(detail) {
        details[entry.reason, default: []].append(detail)
      }
    }
    return order.map { reason in
      let count = counts[reason] ?? 0
      return ReasonCount(
        reason: reason,
        count: ProtectedCount(
          count: count,
          shownCount: protection.shown(count),
          percent: nil,
          suppression: protection.isSmall(count) ? .hidden : nil
        ),
        details: details[reason] ?? []
      )
    }
  }
}

/// The sources of a cut-off or threshold as one line, without a closing full stop: citations,
/// then how sure they are; or, when none is cited, what the certainty says of that.
func provenanceText(_ provenance: Provenance, in instrument: Instrument?) -> String {
  let citations = provenance.sources.map { id in
    instrument?.source(withID: id)?.citation ?? id.rawValue
  }
  let certainty = provenance.certainty.phrase(citing: citations.count)
  guard !citations.isEmpty else { return certainty }
  return "\(joinedCitations(citations)) (\(certainty))"
}

/// `1 point`, `2.87 points`.
func pointsText(_ points: Double) -> String {
  "\(formatNumber(points)) \(points == 1 ? "point" : "points")"
}

/// `+2.63` or `-0.75`: a signed number with `places` decimals.
func signed(_ value: Double, places: Int) -> String {
  let text = fixed(value, decimals: places)
  return value > 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "+" + text : text
}

/// A JSON object from key-value pairs, in order.
func jsonObject(_ pairs: [(String, JSONValue)]) -> JSONValue {
  .object(pairs.map { JSONObjectMember($0.0, $0.1) })
}
