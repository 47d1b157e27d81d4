/// How a funnel plot allows for overdispersion: more variation between areas than chance alone
/// would give.
public enum FunnelOverdispersion: String, Sendable, Hashable, CaseIterable {
  /// No adjustment: exact binomial limits.
  case none
  /// Spiegelhalter's multiplicative adjustment: the binomial variance times φ̂.
  case multiplicative
  /// Spiegelhalter's additive random-effects adjustment: the binomial variance plus τ̂²
  /// (DerSimonian and Laird 1986).
  case additive
}

/// Where an area's proportion lies against the funnel plot's control limits.
public enum FunnelPosition: Int, Sendable, Hashable, CaseIterable, Comparable {
  /// Below the lower 99.8% limit.
  case belowNinetyNinePointEight = -2
  /// Below the lower 95% limit but not the lower 99.8% limit.
  case belowNinetyFive = -1
  /// Within the 95% limits.
  case within = 0
  /// Above the upper 95% limit but not the upper 99.8% limit.
  case aboveNinetyFive = 1
  /// Above the upper 99.8% limit.
  case aboveNinetyNinePointEight = 2

  /// Orders positions from furthest below to furthest above.
  ///
  /// - Parameters:
  ///   - lhs: A position.
  ///   - rhs: Another position.
  /// - Returns: Whether `lhs` lies below `rhs`.
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A funnel plot of a proportion by area: each area's proportion against a target, its z-score,
/// its 95% and 99.8% control limits, and where it lies against them (Spiegelhalter 2005, "Funnel
/// plots for comparing institutional performance", Statistics in Medicine 24:1185–1202).
///
/// For area i with count yᵢ out of nᵢ, proportion pᵢ = yᵢ/nᵢ, and target θ₀ (given, for example a
/// national figure, or else the overall proportion Σyᵢ/Σnᵢ, whose own uncertainty is ignored as
/// in the paper):
/// - the z-score is zᵢ = (pᵢ − θ₀) / sᵢ with sᵢ² = θ₀(1 − θ₀)/nᵢ;
/// - without adjustment the limits are the exact binomial ones of ``FunnelControlLimits``, and
///   an area is flagged when pᵢ lies strictly outside them. Counts are whole, so an area is
///   flagged above the upper p-limit as soon as its count reaches r_p; at small denominators an
///   in-control area is therefore flagged somewhat more often than the nominal 2.5% or 0.1% per
///   side (Manktelow and Seaton 2012, "Specifying the probability characteristics of funnel plot
///   control limits", PLoS ONE 7:e45723). Reports should show the denominators beside the flags.
///
/// Overdispersion (Spiegelhalter 2005, section 6; Spiegelhalter 2005, "Handling over-dispersion
/// of performance indicators", Quality and Safety in Health Care 14:347–351), from the I areas'
/// z-scores after 10% Winsorisation (each zᵢ below the 10th percentile of the z-scores is set to
/// it, and each above the 90th to that; percentiles by linear interpolation, R's `quantile`
/// type 7):
/// - the dispersion ratio φ̂ = (1/I) Σ z̃ᵢ², about 1 without overdispersion (standard error
///   about √(2/I));
/// - ``FunnelOverdispersion/multiplicative``: when φ̂ > 1, the limits become
///   θ₀ ± z_p √(φ̂ sᵢ²) and the adjusted z-score zᵢ/√φ̂;
/// - ``FunnelOverdispersion/additive``: the between-area variance by DerSimonian and Laird's
///   moment estimator, τ̂² = (Iφ̂ − (I − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ) with wᵢ = 1/sᵢ², or 0 when
///   Iφ̂ ≤ I − 1; when τ̂² > 0 the limits become θ₀ ± z_p √(sᵢ² + τ̂²) and the adjusted z-score
///   (pᵢ − θ₀)/√(sᵢ² + τ̂²).
///
/// Adjusted limits use the normal quantiles z = 1.960 and 3.090, as in the paper, and stay
/// within [0, 1]. When the data show no overdispersion (φ̂ ≤ 1, or τ̂² = 0) the exact binomial
/// limits are kept and ``adjusted`` is false. Both φ̂ and τ̂² are always reported, whichever
/// adjustment is asked for. With few areas φ̂ is a rough estimate; Spiegelhalter suggests
/// judging it against 1 + 2√(2/I).
public struct FunnelPlot: Sendable, Hashable {
  /// One area on the plot.
  public struct Area: Sendable, Hashable {
    /// The count yᵢ with the characteristic.
    public let count: Int
    /// The denominator nᵢ.
    public let denominator: Int
    /// The proportion yᵢ/nᵢ.
    public let proportion: Double
    /// The z-score (pᵢ − θ₀)/sᵢ without any overdispersion adjustment.
    public let zScore: Double
    /// The z-score with the adjustment applied; the same as ``zScore`` without one.
    public let adjustedZScore: Double
    /// The control limits at this area's denominator, adjusted if ``FunnelPlot/adjusted``.
    public let limits: FunnelControlLimits
    /// Where the proportion lies against the limits.
    public let position: FunnelPosition
  }

  /// The target proportion θ₀.
  public let target: Double
  /// Whether the target was given (true) or is the overall proportion of these areas (false).
  public let targetIsGiven: Bool
  /// The areas, in the order given.
  public let areas: [Area]
  /// The Winsorised dispersion ratio φ̂.
  public let dispersionRatio: Double
  /// The DerSimonian–Laird between-area variance τ̂² (0 when there is no overdispersion).
  public let betweenAreaVariance: Double
  /// The fraction Winsorised at each end of the z-scores.
  public let winsorisedFraction: Double
  /// The adjustment asked for.
  public let overdispersion: FunnelOverdispersion
  /// Whether the limits were widened (the adjustment was asked for and the data show
  /// overdispersion).
  public let adjusted: Bool
  /// The method name for reports.
  public let method: String

  /// Builds the funnel plot of some areas.
  ///
  /// - Parameters:
  ///   - counts: Each area's count yᵢ, in 0...nᵢ.
  ///   - denominators: Each area's denominator nᵢ ≥ 1; as many as `counts`, at least one.
  ///   - target: The target proportion θ₀ in (0, 1), or `nil` for the overall proportion.
  ///   - overdispersion: The adjustment; none by default.
  ///   - winsorisedFraction: The fraction of z-scores Winsorised at each end when estimating φ̂,
  ///     in [0, 0.5); 0.1 by default, as Spiegelhalter.
  /// - Throws: `StatisticsError` of kind `.insufficientData` for no areas (or fewer than 2 with an
  ///   adjustment), `.mismatchedLengths`, `.invalidCount` for a count outside 0...nᵢ or nᵢ < 1,
  ///   `.invalidProbability` for a bad target or Winsorisation fraction, and `.degenerateData`
  ///   when the overall proportion is 0 or 1.
  /// - Complexity: O(I log I) for the percentiles, plus O(log nᵢ) binomial evaluations per area
  ///   for the exact limits.
  public init(
    counts: [Int],
    denominators: [Int],
    target: Double? = nil,
    overdispersion: FunnelOverdispersion = .none,
    winsorisedFraction: Double = 0.1
  ) throws {
    try StatisticsError.checkSameLength(
      counts.count,
      denominators.count,
      arguments: "counts, denominators"
    )
    let minimumAreas = overdispersion == .none ? 1 : 2
    guard counts.count >= minimumAreas else {
      throw StatisticsError(
        .insufficientData,
        argument: "counts",
        message: "expected at least \(minimumAreas) area(s), got '\(counts.count)'",
        hint: "overdispersion is variation between areas, so it needs several areas"
      )
    }
    guard winsorisedFraction.isFinite, winsorisedFraction >= 0, winsorisedFraction < 0.5 else {
      throw StatisticsError(
        .invalidProbability,
        argument: "winsorisedFraction",
        message: "expected a fraction in [0, 0.5), got '\(winsorisedFraction)'",
        hint: "Spiegelhalter Winsorises 10% at each end: 0.1"
      )
    }
    for (index, (count, denominator)) in zip(counts, denominators).enumerated() {
      try WilsonScoreInterval.validate(
        successes: count,
        trials: denominator,
        names: ("counts[\(index)]", "denominators[\(index)]")
      )
    }
    let theta: Double
    if let target {
      try FunnelControlLimits.checkTarget(target)
      theta = target
    } else {
      let total = denominators.reduce(0.0) { $0 + Double($1) }
      theta = counts.reduce(0.0) { $0 + Double($1) } / total
      guard theta > 0, theta < 1 else {
        throw StatisticsError(
          .degenerateData,
          argument: "counts",
          message:
            "expected some areas with and some without, got an overall proportion of '\(theta)'",
          hint: "when every answer is the same, areas cannot differ; give a target instead"
        )
      }
    }
    let binomialVariance = theta * (1 - theta)
    let proportions = zip(counts, denominators).map { Double($0) / Double($1) }
    let zScores = zip(proportions, denominators).map { proportion, denominator in
      (proportion - theta) / (binomialVariance / Double(denominator)).squareRoot()
    }
    let phi = Self.dispersionRatio(zScores, winsorising: winsorisedFraction)
    let areaCount = Double(zScores.count)
    var tauSquared = 0.0
    if zScores.count >= 2, areaCount * phi > areaCount - 1 {
      var sumOfWeights = 0.0
      var sumOfSquaredWeights = 0.0
      for denominator in denominators {
        let weight = Double(denominator) / binomialVariance
        sumOfWeights += weight
        sumOfSquaredWeights += weight * weight
      }
      tauSquared =
        (areaCount * phi - (areaCount - 1)) / (sumOfWeights - sumOfSquaredWeights / sumOfWeights)
    }
    let isAdjusted: Bool
    switch overdispersion {
    case .none: isAdjusted = false
    case .multiplicative: isAdjusted = phi > 1
    case .additive: isAdjusted = tauSquared > 0
    }
    var areas: [Area] = []
    areas.reserveCapacity(counts.count)
    for index in counts.indices {
      let denominator = denominators[index]
      let proportion = proportions[index]
      let limits = try Self.limits(
        target: theta,
        denominator: denominator,
        adjustment: isAdjusted ? overdispersion : .none,
        phi: phi,
        tauSquared: tauSquared
      )
      let withinVariance = binomialVariance / Double(denominator)
      let adjustedZScore: Double
      switch isAdjusted ? overdispersion : .none {
      case .none: adjustedZScore = zScores[index]
      case .multiplicative: adjustedZScore = zScores[index] / phi.squareRoot()
      case .additive:
        adjustedZScore = (proportion - theta) / (withinVariance + tauSquared).squareRoot()
      }
      areas.append(
        Area(
          count: counts[index],
          denominator: denominator,
          proportion: proportion,
          zScore: zScores[index],
          adjustedZScore: adjustedZScore,
          limits: limits,
          position: Self.position(of: proportion, against: limits)
        )
      )
    }
    self.target = theta
    targetIsGiven = target != nil
    self.areas = areas
    dispersionRatio = phi
    betweenAreaVariance = tauSquared
    self.winsorisedFraction = winsorisedFraction
    self.overdispersion = overdispersion
    adjusted = isAdjusted
    switch (overdispersion, isAdjusted) {
    case (.none, _):
      method = "funnel plot, exact binomial limits (Spiegelhalter 2005)"
    case (.multiplicative, true):
      method = "funnel plot, limits widened by the overdispersion ratio (Spiegelhalter 2005)"
    case (.additive, true):
      method = "funnel plot, limits widened by random effects (Spiegelhalter 2005)"
    case (_, false):
      method = "funnel plot, exact binomial limits (no overdispersion found)"
    }
  }

  /// The control limits at any denominator, adjusted as the areas' are, for drawing the funnel.
  ///
  /// - Parameter denominator: The denominator n, at least 1.
  /// - Returns: The 95% and 99.8% limits at n.
  /// - Throws: `StatisticsError` of kind `.invalidCount` for n < 1.
  /// - Complexity: O(log n) binomial evaluations without adjustment, O(1) with one.
  public func limits(denominator: Int) throws -> FunnelControlLimits {
    try Self.limits(
      target: target,
      denominator: denominator,
      adjustment: adjusted ? overdispersion : .none,
      phi: dispersionRatio,
      tauSquared: betweenAreaVariance
    )
  }

  private static func limits(
    target: Double,
    denominator: Int,
    adjustment: FunnelOverdispersion,
    phi: Double,
    tauSquared: Double
  ) throws -> FunnelControlLimits {
    let withinVariance = target * (1 - target) / Double(max(denominator, 1))
    switch adjustment {
    case .none:
      return try FunnelControlLimits.exactBinomial(target: target, denominator: denominator)
    case .multiplicative:
      return try FunnelControlLimits.normal(
        target: target,
        denominator: denominator,
        variance: phi * withinVariance
      )
    case .additive:
      return try FunnelControlLimits.normal(
        target: target,
        denominator: denominator,
        variance: withinVariance + tauSquared
      )
    }
  }

  private static func position(
    of proportion: Double,
    against limits: FunnelControlLimits
  ) -> FunnelPosition {
    if proportion > limits.ninetyNinePointEight.upper { return .aboveNinetyNinePointEight }
    if proportion < limits.ninetyNinePointEight.lower { return .belowNinetyNinePointEight }
    if proportion > limits.ninetyFive.upper { return .aboveNinetyFive }
    if proportion < limits.ninetyFive.lower { return .belowNinetyFive }
    return .within
  }

  /// φ̂ = (1/I) Σ z̃², with each z clamped to the type 7 percentiles at `fraction` and
  /// 1 − `fraction`.
  static func dispersionRatio(_ zScores: [Double], winsorising fraction: Double) -> Double {
    let sorted = zScores.sorted()
    func percentile(_ probability: Double) -> Double {
      let position = Double(sorted.count - 1) * probability
      let lowerIndex = Int(position.rounded(.down))
      let weight = position - Double(lowerIndex)
      guard weight > 0, lowerIndex + 1 < sorted.count else { return sorted[lowerIndex] }
      return sorted[lowerIndex] + weight * (sorted[lowerIndex + 1] - sorted[lowerIndex])
    }
    let low = percentile(fraction)
    let high = percentile(1 - fraction)
    let sumOfSquares = zScores.reduce(0.0) { sum, z in
      let clamped = min(max(z, low), high)
      return sum + clamped * clamped
    }
    return sumOfSquares / Double(zScores.count)
  }
}
