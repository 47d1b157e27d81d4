import SurveyInstruments

/// The number formats every renderer shares, so that a percentage reads the same in text,
/// Markdown, CSV, JSON and HTML.
public struct ReportFormatting: Sendable {
  /// Decimal places for percentages and statistics.
  public var decimals: Int

  /// Creates formatting for `decimals` places.
  public init(decimals: Int) { self.decimals = decimals }

  /// The mark shown in place of a suppressed figure.
  public static let suppressedMark = "*"

  /// `37` or `37.0` (no percent sign), or the suppressed mark.
  public func percent(_ value: Double?) -> String {
    value.map { fixed($0, decimals: decimals) } ?? Self.suppressedMark
  }

  /// `31% to 43%`, or an empty string.
  public func interval(_ interval: ConfidenceBounds?) -> String {
    guard let interval else { return "" }
    return
      "\(fixed(interval.lower, decimals: decimals))% to \(fixed(interval.upper, decimals: decimals))%"
  }

  /// `31-43`, compact for tables, or an empty string.
  public func compactInterval(_ interval: ConfidenceBounds?) -> String {
    guard let interval else { return "" }
    return
      "\(fixed(interval.lower, decimals: decimals))-\(fixed(interval.upper, decimals: decimals))"
  }

  /// A count as shown, or the suppressed mark.
  public func count(_ value: Int?) -> String { value.map(String.init) ?? Self.suppressedMark }

  /// A statistic with `places` decimals, or the suppressed mark.
  public func value(_ value: Double?, places: Int) -> String {
    value.map { fixed($0, decimals: places) } ?? Self.suppressedMark
  }

  /// The decimal places that write `bounds` honestly: `places`, or more (up to three more)
  /// while an end that is not zero would read as zero, or with the other sign.
  ///
  /// An interval of a difference from +0.02 to +0.73 written to one place reads "0.0 to
  /// +0.7", as if it reached zero, beside a p-value under 0.05; written to two, "+0.02 to
  /// +0.73", it shows what the test says. The estimate beside an interval takes the same
  /// places.
  ///
  /// - Complexity: O(1).
  public static func decimals(showing bounds: ConfidenceBounds, atLeast places: Int) -> Int {
    func readsTrue(_ value: Double, _ places: Int) -> Bool {
      guard value != 0, value.isFinite else { return true }
      let text = fixed(value, decimals: places)
      let isZero = !text.contains { $0 >= "1" && $0 <= "9" }
      return !isZero && (text.hasPrefix("-") == (value < 0))
    }
    var decimals = max(places, 0)
    while decimals < max(places, 0) + 3
      && !(readsTrue(bounds.lower, decimals) && readsTrue(bounds.upper, decimals))
    {
      decimals += 1
    }
    return decimals
  }

  /// The confidence level as a percentage: `95%`.
  public func level(_ level: Double) -> String { "\(formatNumber((level * 1000).rounded() / 10))%" }

  /// A p-value as every format writes it: `p = 0.003`, or `p < 0.001`; without `labelled`, as
  /// a table cell under a `p` heading writes it: `0.003`, or `< 0.001`.
  public static func pValue(_ p: Double, labelled: Bool = true) -> String {
    let text = p < 0.001 ? "< 0.001" : fixed(p, decimals: 3)
    guard labelled else { return text }
    return p < 0.001 ? "p \(text)" : "p = \(text)"
  }

  /// The headline sentence of an indicator for one group:
  /// "Lonely often/always: 97 of 262 (37%; 95% CI 31% to 43%)", or with weights
  /// "… 80 of 616 (weighted 15%; 95% CI 11% to 19%)": the counts stay unweighted.
  public func headline(title: String, estimate: GroupEstimate, level: Double) -> String {
    headlineText(title: title, estimate: estimate, level: level).plainText
  }

  /// The headline of an indicator for one group as rich text: the measure's title strong, and
  /// the low-base flag when the base is low.
  ///
  /// - Complexity: O(1).
  public func headlineText(
    title: String,
    estimate: GroupEstimate,
    level: Double
  ) -> Document.RichText {
    func sentence(_ rest: String, isLowBase: Bool = false) -> Document.RichText {
      Document.RichText(
        [.strong(title), .plain(rest)] + (isLowBase ? [.plain(" "), .flag(.lowBase)] : [])
      )
    }
    guard let yes = estimate.categories.first else { return sentence(": no data") }
    guard let shownBase = estimate.shownBase, let shownCount = yes.shownCount,
      let percent = yes.percent
    else {
      return sentence(": suppressed (fewer than the threshold, or would reveal a small count)")
    }
    let weighted = estimate.weightedBase == nil ? "" : "weighted "
    var text = ": \(shownCount) of \(shownBase) (\(weighted)\(fixed(percent, decimals: decimals))%"
    if let interval = yes.interval {
      text += "; \(self.level(level)) CI \(self.interval(ConfidenceBounds(interval)))"
    }
    return sentence(text + ")", isLowBase: estimate.isLowBase)
  }
}

/// An interval's two ends, in the units shown.
public struct ConfidenceBounds: Sendable, Hashable {
  /// The lower end.
  public var lower: Double
  /// The upper end.
  public var upper: Double

  /// Creates bounds.
  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }
}

/// Citations joined into one list, `A; B`, each without the full stop that ends it in the
/// instrument file, so that the list reads without `.;` and can be followed by a bracket.
///
/// - Complexity: O(*n*) in the total length of the citations.
func joinedCitations(_ citations: [String]) -> String {
  citations.map { citation in
    var text = citation
    while text.last == "." || text.last == " " { text.removeLast() }
    return text
  }.joined(separator: "; ")
}

/// The sources of a fact as one sentence: `Source: A; B (how sure they are).`, or, when the fact
/// cites none, what its certainty says of that (`UNCONFIRMED: a convention in use, with no
/// primary source found; …`).
///
/// - Parameters:
///   - citations: The citations, as shown.
///   - certainty: The fact's certainty, worded by ``Certainty/phrase(citing:)``.
/// - Returns: The sentence, with its full stop.
/// - Complexity: O(*n*) in the total length of the citations.
func sourceSentence(citations: [String], certainty: String) -> String {
  guard !citations.isEmpty else { return capitalizedFirst(certainty) + "." }
  let noun = citations.count == 1 ? "Source" : "Sources"
  return "\(noun): \(joinedCitations(citations)) (\(certainty))."
}

/// `text` with its first letter in upper case.
func capitalizedFirst(_ text: String) -> String {
  guard let first = text.first else { return text }
  return first.uppercased() + text.dropFirst()
}

/// The heading of a breakdown by a grouping column or question, quoted so that a question reads
/// naturally: `Breakdown by “Which district do you live in?”`.
func breakdownHeading(_ groupBy: String) -> String { "Breakdown by “\(groupBy)”" }

/// The scope of a breakdown in a caption: `by “age_band”`.
func breakdownScope(_ groupBy: String) -> String { "by “\(groupBy)”" }
