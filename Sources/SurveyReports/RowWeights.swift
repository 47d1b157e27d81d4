/// Survey weights read from one column for a comparison or change report: each row's weight, and
/// the rows whose weight cannot be used (blank, not a number, zero or negative), which are left
/// out of every estimate and listed, as `report --weight` does.
public struct RowWeights: Sendable, Hashable {
  /// The weight column, as the file names it.
  public let column: String
  /// Each row's weight; 0 where the weight cannot be used.
  public let values: [Double]
  /// Whether each row's weight can be used.
  public let isUsable: [Bool]
  /// The rows left out, one exclusion per reason (`lines` empty: rows are listed in ``notes``).
  public let exclusions: [Exclusion]
  /// Where the rows left out came from, one note per reason, for readers.
  public let notes: [String]
  /// Why each row's weight cannot be used (`no weight`, `weight is not a number`, `weight is zero
  /// or negative`), or `nil` when it can.
  public let problems: [String?]

  /// Reads weights from the text of each row's weight cell.
  ///
  /// A weight is usable when it is a finite number greater than zero; spaces around it are
  /// ignored.
  ///
  /// - Parameters:
  ///   - column: The weight column, as the file names it.
  ///   - texts: Each row's weight cell.
  ///   - rowLocations: Where each row came from (`file:line`), for listing rows left out; rows
  ///     are numbered from 1 when absent.
  /// - Complexity: O(*n*) for *n* rows.
  public init(column: String, texts: [String], rowLocations: [String]? = nil) {
    self.column = column
    var values = [Double](repeating: 0, count: texts.count)
    var usable = [Bool](repeating: false, count: texts.count)
    var bad: [String: [String]] = [:]
    var problems = [String?](repeating: nil, count: texts.count)
    for (row, raw) in texts.enumerated() {
      let text = raw.trimmingSpaces()
      if let value = Double(text), value.isFinite, value > 0 {
        values[row] = value
        usable[row] = true
      } else {
        let reason =
          text.isEmpty
          ? "no weight"
          : (Double(text).map { $0 <= 0 ? "weight is zero or negative" : "weight is not a number" }
            ?? "weight is not a number")
        bad[reason, default: []].append(rowLocations?[row] ?? "row \(row + 1)")
        problems[row] = reason
      }
    }
    self.values = values
    isUsable = usable
    self.problems = problems
    var exclusions: [Exclusion] = []
    var notes: [String] = []
    for (reason, rows) in bad.sorted(by: { $0.key < $1.key }) {
      exclusions.append(
        Exclusion(
          scope: "all estimates",
          reason: "\(reason) in column '\(column)'",
          count: rows.count
        )
      )
      notes.append(
        "Rows with \(reason == "no weight" ? "no weight" : "a weight that \(reason.dropFirst(7))") "
          + "in '\(column)': \(rows.prefix(20).joined(separator: ", "))"
          + (rows.count > 20 ? " and \(rows.count - 20) more." : ".")
      )
    }
    self.exclusions = exclusions
    self.notes = notes
  }

  /// Kish's effective sample size and design effect due to weighting over the rows whose weight
  /// is usable and that `keep` accepts, with the method in words.
  ///
  /// - Complexity: O(*n*).
  func note(method: String, keep: (Int) -> Bool = { _ in true }) -> WeightingNote {
    var total = 0.0
    var squares = 0.0
    var count = 0
    for row in values.indices where isUsable[row] && keep(row) {
      total += values[row]
      squares += values[row] * values[row]
      count += 1
    }
    let effective = squares > 0 ? total * total / squares : 0
    return WeightingNote(
      column: column,
      method: method,
      effectiveSampleSize: effective,
      designEffect: count == 0 ? 1 : Double(count) / max(effective, 1e-12)
    )
  }
}
