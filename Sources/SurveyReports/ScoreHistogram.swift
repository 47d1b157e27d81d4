import SurveyInstruments

/// The bins of a score's histogram: equal bins across the score's range (or, without one, the
/// values'), none reaching past its ends, so that WEMWBS (14 to 70) never has a bin `70-73`.
///
/// Whole-number scores get one bin per value up to 30 values; over that, the smallest equal width
/// that gives 8 to 20 bins and divides the values evenly (WEMWBS's 57 values: 19 bins of 3), or,
/// when no width divides them, bins of about a fifteenth with the last one cut at the maximum
/// and labelled as such (`70`, not `70-73`). Other scores get about 15 bins of a round width,
/// the last one cut at the maximum.
struct ScoreHistogram: Sendable {
  /// One bin: its first and last value (both included for whole numbers; for other scores the
  /// last bin includes its end and the others do not), its label and how many values it holds.
  struct Bin: Sendable, Hashable {
    /// The bin's first value.
    var lower: Double
    /// The bin's last value.
    var upper: Double
    /// `14-16`, `70`, or `7.00-9.00`.
    var label: String
    /// How many values fall in the bin.
    var count: Int
  }

  /// The bins, in order.
  let bins: [Bin]

  /// The histogram of `values`, within `range` when given (values outside it go to the nearest
  /// end bin); labels of scores that are not whole numbers have `decimals` places.
  ///
  /// - Complexity: O(*n* + *b*) for *n* values and *b* bins.
  init(values: [Double], range: ClosedRange<Double>?, decimals: Int) {
    let finite = values.filter(\.isFinite)
    guard let observedLow = finite.min(), let observedHigh = finite.max() else {
      bins = []
      return
    }
    let low = range?.lowerBound ?? observedLow
    let high = max(range?.upperBound ?? observedHigh, low)
    let whole =
      finite.allSatisfy { $0.rounded() == $0 } && low.rounded() == low && high.rounded() == high
    var edges: [(lower: Double, upper: Double)] = []
    if whole {
      let valueCount = Int(high - low) + 1
      let width = Self.wholeWidth(valueCount: valueCount)
      var start = low
      while start <= high {
        edges.append((start, min(start + Double(width) - 1, high)))
        start += Double(width)
      }
    } else {
      let width = SVGMarkup.niceStep(for: (high - low) / 15)
      var start = low
      while start < high || edges.isEmpty {
        edges.append((start, min(start + width, high)))
        start += width
      }
    }
    var counts = [Int](repeating: 0, count: edges.count)
    for value in finite {
      let index =
        edges.firstIndex { value < $0.upper || (whole && value <= $0.upper) } ?? edges.count - 1
      counts[index] += 1
    }
    bins = edges.indices.map { index in
      let (lower, upper) = edges[index]
      let label: String
      if whole {
        label =
          lower == upper
          ? fixed(lower, decimals: 0) : "\(fixed(lower, decimals: 0))-\(fixed(upper, decimals: 0))"
      } else {
        label = "\(fixed(lower, decimals: decimals))-\(fixed(upper, decimals: decimals))"
      }
      return Bin(lower: lower, upper: upper, label: label, count: counts[index])
    }
  }

  /// The width of whole-number bins over `valueCount` values: 1 up to 30 values, then the
  /// smallest width giving 8 to 20 equal bins, else a fifteenth rounded up.
  static func wholeWidth(valueCount: Int) -> Int {
    guard valueCount > 30 else { return 1 }
    let fewest = (valueCount + 19) / 20
    let most = valueCount / 8
    if fewest <= most, let even = (fewest...most).first(where: { valueCount % $0 == 0 }) {
      return even
    }
    return (valueCount + 14) / 15
  }

  /// The bins as a report's estimates, before suppression.
  var estimates: [CategoryEstimate] {
    bins.map { CategoryEstimate(category: $0.label, count: $0.count, shownCount: $0.count) }
  }
}
