/// Which end of an item's scale, and which value of an indicator, is the worse one: what charts
/// need to give "worse" one colour throughout a report, and what lets a reader see which side
/// of a difference is an improvement.
///
/// The instrument says it in two ways: a scale may state which of its codes are better
/// (``ResponseScale/better``), and a score says which of its values are better
/// (``ScoreRule/better``), from which the items it adds up follow (a reversed item the other
/// way). Indicators follow from the item or score they are defined on.
extension Instrument {
  /// Which of `item`'s codes are the better answers: the scale's own statement when it makes
  /// one, otherwise what every score that adds the item up agrees on; `nil` when neither says,
  /// or the scores disagree.
  ///
  /// For ONS4's anxiety question on the shared 0-10 scale, the anxiety score (lower is better)
  /// makes lower codes better; for a De Jong Gierveld item recoded `Yes` → 0, lower codes are
  /// worse.
  ///
  /// - Complexity: O(*s* × *i*) for *s* scores of up to *i* items.
  public func better(forItem item: Item) -> Direction? {
    let scale = scale(for: item)
    if let stated = scale?.better { return stated }
    guard let scale else { return nil }
    var found: Set<Direction> = []
    for score in scores {
      guard let better = score.better else { continue }
      switch score.method {
      case .sum, .mean:
        for part in score.items where part.item == item.id {
          guard let rises = Self.scoreRisesWithCode(part, scale: scale) else { continue }
          found.insert(rises ? better : better.opposite)
        }
      case .convert:
        continue
      }
    }
    return found.count == 1 ? found.first : nil
  }

  /// Which value of `indicator` is the better outcome, as a ``Direction`` of its values (1 for
  /// yes, 0 for no): `.lower` when yes is the worse outcome ("Lonely often/always"), `.higher`
  /// when yes is the better one ("Never lonely"); `nil` when the instrument does not say which
  /// end of the item or score is worse, or the indicator holds neither end or both ends of it
  /// ("Lonely some of the time").
  ///
  /// - Complexity: O(*s* × *i*) for *s* scores of up to *i* items.
  public func better(forIndicator indicator: Indicator) -> Direction? {
    switch indicator.condition {
    case .itemCodes(let itemID, let codes):
      guard let item = item(withID: itemID), let scale = scale(for: item),
        let better = better(forItem: item), !scale.options.isEmpty
      else { return nil }
      return Self.yesDirection(
        holdsLowest: codes.contains(scale.minimumCode),
        holdsHighest: codes.contains(scale.maximumCode),
        better: better
      )
    case .scoreBands(let scoreID, let bandIDs):
      guard let score = score(withID: scoreID), let better = score.better,
        let bands = score.bands?.bands, let lowest = bands.min(by: { $0.minimum < $1.minimum }),
        let highest = bands.max(by: { $0.maximum < $1.maximum })
      else { return nil }
      return Self.yesDirection(
        holdsLowest: bandIDs.contains(lowest.id),
        holdsHighest: bandIDs.contains(highest.id),
        better: better
      )
    }
  }

  /// Whether a score rises with an item's code: a plain item yes, a reversed one no, a recoded
  /// one as its values at the two ends of the scale go; `nil` when they are equal.
  private static func scoreRisesWithCode(_ part: ScoreItem, scale: ResponseScale) -> Bool? {
    if part.isReversed { return false }
    guard !part.recode.isEmpty else { return true }
    guard let low = part.recode[scale.minimumCode], let high = part.recode[scale.maximumCode],
      low != high
    else { return nil }
    return high > low
  }

  /// The direction of an indicator's values from which end of the scale "yes" holds: holding
  /// only the worse end makes yes worse (lower values, 0, better).
  private static func yesDirection(
    holdsLowest: Bool,
    holdsHighest: Bool,
    better: Direction
  ) -> Direction? {
    guard holdsLowest != holdsHighest else { return nil }
    let holdsWorseEnd = holdsLowest ? better == .higher : better == .lower
    return holdsWorseEnd ? .lower : .higher
  }
}

extension Direction {
  /// The other direction.
  public var opposite: Direction { self == .higher ? .lower : .higher }
}
