import SurveyCSV
public import SurveyCapture
import SurveyInstruments

/// The formats a scored export is written in.
public enum ScoredExportFormat: String, Sendable, CaseIterable {
  /// The input's rows and columns unchanged, then the score columns, as CSV in the input's
  /// delimiter (cells a spreadsheet would run as formulas get a leading `'`). From a workbook,
  /// the sheet's cells as text, comma-separated, in UTF-8 with a byte order mark so that Excel
  /// reads it as UTF-8.
  case csv
  /// A JSON array with one object per data record, keyed by the combined header names.
  case json
}

/// A column of numbers added to an export after its own columns: raking weights, say.
public struct AddedExportColumn: Sendable, Hashable {
  /// The column's name, written on the first header row.
  public var name: String
  /// One value per table row; NaN leaves the cell empty (`null` in JSON).
  public var values: [Double]
  /// How many decimal places each value is rounded to and written with (0 to 15).
  public var decimals: Int

  /// Creates a column.
  public init(name: String, values: [Double], decimals: Int) {
    self.name = name
    self.values = values
    self.decimals = min(max(decimals, 0), 15)
  }
}

/// Writes an export again with every respondent's scores: each input record unchanged and in order,
/// followed by the columns of a ``ScoredTable`` (`INSTRUMENT.SCORE`, `.band`, `.reason`, and each
/// indicator), then any added columns (see ``AddedExportColumn``).
///
/// The input is read a second time and the output is handed to a sink in chunks, so memory does not
/// grow with the file's size.
public struct ScoredExportWriter {
  /// How the export was read.
  public let layout: ExportLayout
  /// How many header rows the export has; table row *i* is the *i*-th record after them.
  public let headerRowCount: Int
  /// The scores of every row.
  public let scored: ScoredTable
  /// Columns written after the scores, in order.
  public let addedColumns: [AddedExportColumn]
  /// The output format.
  public let format: ScoredExportFormat

  /// Creates a writer.
  public init(
    layout: ExportLayout,
    headerRowCount: Int,
    scored: ScoredTable,
    addedColumns: [AddedExportColumn] = [],
    format: ScoredExportFormat
  ) {
    self.layout = layout
    self.headerRowCount = headerRowCount
    self.scored = scored
    self.addedColumns = addedColumns
    self.format = format
  }

  /// Creates a writer that adds `addedColumns` and no scores.
  ///
  /// - Parameters:
  ///   - layout: How the export was read.
  ///   - headerRowCount: How many header rows the export has.
  ///   - rowCount: How many table rows the export has (each added column has one value per row).
  ///   - addedColumns: The columns to add.
  ///   - format: The output format.
  public init(
    layout: ExportLayout,
    headerRowCount: Int,
    rowCount: Int,
    addedColumns: [AddedExportColumn],
    format: ScoredExportFormat
  ) {
    self.init(
      layout: layout,
      headerRowCount: headerRowCount,
      scored: ScoredTable(count: rowCount, instruments: [], scores: [], indicators: []),
      addedColumns: addedColumns,
      format: format
    )
  }

  /// Writes the scored export to `sink` in pieces of about `chunkSize` bytes.
  ///
  /// - Throws: `CSVError` when the export cannot be read again, or whatever `sink` throws.
  /// - Complexity: O(*n*) in the size of the export; memory O(`chunkSize`).
  public func write(chunkSize: Int = 1 << 20, to sink: ([UInt8]) throws -> Void) throws {
    switch format {
    case .csv: try writeCSV(chunkSize: chunkSize, to: sink)
    case .json: try writeJSON(chunkSize: chunkSize, to: sink)
    }
  }

  /// Writes the export as CSV: every input record unchanged, then the score columns.
  private func writeCSV(chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws {
    let writer = CSVWriter(delimiter: layout.records.delimiter)
    let cells = ScoreCells(scored: scored, added: addedColumns, format: .csv(writer))
    var output: [UInt8] = layout.records.writesByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    output.reserveCapacity(chunkSize + 4096)
    try layout.records.forEachRecord { record in
      Self.appendRecord(
        record,
        headerRowCount: headerRowCount,
        width: layout.headers.count,
        cells: cells,
        writer: writer,
        to: &output
      )
      if output.count >= chunkSize {
        try sink(output)
        output.removeAll(keepingCapacity: true)
      }
    }
    if !output.isEmpty { try sink(output) }
  }

  /// Appends one input record and, for a data record, its row's cells (for a header record, the
  /// column names on the first and empty cells on the others).
  static func appendRecord(
    _ record: borrowing CSVRecord,
    headerRowCount: Int,
    width: Int,
    cells: ScoreCells,
    writer: CSVWriter,
    to output: inout [UInt8]
  ) {
    let delimiter = writer.delimiter.asciiValue
    var fieldCount = 0
    var isOnlyFieldEmpty = false
    for index in 0..<record.count {
      if fieldCount > 0 { output.append(delimiter) }
      fieldCount += 1
      let isPlain = record.withBytes(at: index) { bytes in
        guard isPlainField(bytes, delimiter: delimiter) else { return false }
        bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
        return true
      }
      if !isPlain { output.append(contentsOf: writer.field(record.string(at: index)).utf8) }
      if fieldCount == 1 { isOnlyFieldEmpty = record.isEmpty(at: index) }
    }
    for _ in record.count..<max(record.count, width) {
      output.append(delimiter)
      fieldCount += 1
    }
    if record.index < headerRowCount {
      for name in cells.names {
        if fieldCount > 0 { output.append(delimiter) }
        fieldCount += 1
        if record.index == 0 { output.append(contentsOf: writer.field(name).utf8) }
      }
    } else {
      let row = record.index - headerRowCount
      for cell in cells.names.indices {
        if fieldCount > 0 { output.append(delimiter) }
        fieldCount += 1
        if row < cells.count { cells.append(cell, row: row, to: &output) }
      }
    }
    if fieldCount == 1 && isOnlyFieldEmpty { output.append(contentsOf: [0x22, 0x22]) }
    output.append(0x0A)
  }

  /// Whether `CSVWriter` would write `bytes` unchanged: no delimiter, quote or line break, no
  /// leading or trailing space or tab, and no leading `=`, `+`, `-`, `@`, tab or CR.
  static func isPlainField(_ bytes: Span<UInt8>, delimiter: UInt8) -> Bool {
    guard bytes.count > 0 else { return true }
    switch bytes[0] {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D,
      0x20:
      return false
    default: break
    }
    let last = bytes[bytes.count - 1]
    if last == 0x20 || last == 0x09 { return false }
    for index in bytes.indices {
      let byte = bytes[index]
      if byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D { return false }
    }
    return true
  }

  /// An array of objects, one per data record, one object per line, keyed by the combined header
  /// names (repeats numbered) and then the score columns; written with `JSONWriter`'s rules,
  /// copying as bytes the fields that need no escaping.
  ///
  /// Writes the export as a JSON array of objects, one per data record.
  private func writeJSON(chunkSize: Int, to sink: ([UInt8]) throws -> Void) throws {
    var names: [String] = []
    for header in layout.headers {
      var name = header.name
      var suffix = 2
      while names.contains(name) {
        name = "\(header.name) (\(suffix))"
        suffix += 1
      }
      names.append(name)
    }
    let keys = names.map { Array((JSONWriter.quoted($0) + ":").utf8) }
    let cells = ScoreCells(scored: scored, added: addedColumns, format: .json)
    let cellKeys = cells.names.map { Array((JSONWriter.quoted($0) + ":").utf8) }
    var output = Array("[".utf8)
    output.reserveCapacity(chunkSize + 4096)
    var isFirst = true
    try layout.records.forEachRecord { record in
      guard record.index >= headerRowCount else { return }
      output.append(contentsOf: (isFirst ? "\n{" : ",\n{").utf8)
      isFirst = false
      Self.appendObject(
        record,
        row: record.index - headerRowCount,
        keys: keys,
        cells: cells,
        cellKeys: cellKeys,
        to: &output
      )
      if output.count >= chunkSize {
        try sink(output)
        output.removeAll(keepingCapacity: true)
      }
    }
    output.append(contentsOf: (isFirst ? "]\n" : "\n]\n").utf8)
    try sink(output)
  }

  /// Appends one data record and its row's cells as one JSON object (after its opening brace).
  static func appendObject(
    _ record: borrowing CSVRecord,
    row: Int,
    keys: [[UInt8]],
    cells: ScoreCells,
    cellKeys: [[UInt8]],
    to output: inout [UInt8]
  ) {
    for index in 0..<max(record.count, keys.count) {
      if index > 0 { output.append(UInt8(ascii: ",")) }
      if index < keys.count {
        output.append(contentsOf: keys[index])
      } else {
        output.append(contentsOf: (JSONWriter.quoted("column \(index + 1)") + ":").utf8)
      }
      guard index < record.count else {
        output.append(contentsOf: [0x22, 0x22])
        continue
      }
      let isPlain = record.withBytes(at: index) { bytes in
        for position in bytes.indices {
          let byte = bytes[position]
          if byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
        }
        output.append(0x22)
        bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
        output.append(0x22)
        return true
      }
      if !isPlain { output.append(contentsOf: JSONWriter.quoted(record.string(at: index)).utf8) }
    }
    for cell in cellKeys.indices {
      output.append(UInt8(ascii: ","))
      output.append(contentsOf: cellKeys[cell])
      if row < cells.count {
        cells.append(cell, row: row, to: &output)
      } else {
        output.append(contentsOf: "null".utf8)
      }
    }
    output.append(UInt8(ascii: "}"))
  }
}

/// The added output columns, with what each needs to write a row's cell without copying score
/// columns: values, band indices with their labels encoded once, reasons, indicators, and the
/// values of added columns (rounded once).
///
/// In CSV an absent cell is empty; in JSON it is `null`, values and indicators are numbers and
/// bands and reasons strings.
struct ScoreCells {
  /// How cells are written.
  enum Format {
    /// Fields by `CSVWriter`'s rules.
    case csv(CSVWriter)
    /// Values by `JSONWriter`'s rules.
    case json
  }

  private enum Kind {
    case value
    case band
    case reason
    case indicator
    case added
  }

  /// The column names, in order.
  let names: [String]
  /// How many rows the scored table holds.
  let count: Int
  private let kinds: [Kind]
  private let slots: [Int]
  private let values: [[Double]]
  private let decimals: [Int]
  private let bandIndices: [[Int16]]
  private let bandLabels: [[[UInt8]]]
  private let absences: [[ScoreAbsence]]
  private let reasonColumns: [ScoreColumn]
  private let indicatorValues: [[Int8]]
  private let addedValues: [[Double]]
  private let addedDecimals: [Int]
  private let format: Format

  init(scored: ScoredTable, added: [AddedExportColumn] = [], format: Format) {
    self.format = format
    names = scored.columns.map(\.name) + added.map(\.name)
    count = scored.count
    values = scored.scores.map(\.values)
    decimals = scored.scores.map(\.rule.decimals)
    bandIndices = scored.scores.map(\.bandIndices)
    bandLabels = scored.scores.map { score in
      (score.rule.bands?.bands ?? []).map { band in
        switch format {
        case .csv(let writer): Array(writer.field(band.label).utf8)
        case .json: Array(JSONWriter.quoted(band.label).utf8)
        }
      }
    }
    absences = scored.scores.map(\.absences)
    reasonColumns = scored.scores
    indicatorValues = scored.indicators.map(\.values)
    addedDecimals = added.map(\.decimals)
    addedValues = added.map { column in
      var scale = 1.0
      for _ in 0..<column.decimals { scale *= 10 }
      return column.values.map { ($0 * scale).rounded() / scale }
    }
    kinds =
      scored.columns.map { column in
        switch column.kind {
        case .value: .value
        case .band: .band
        case .reason: .reason
        case .indicator: .indicator
        }
      } + added.map { _ in .added }
    slots = scored.columns.map(\.index) + added.indices
  }

  /// Appends the cell of column `cell` for `row`: nothing (CSV) or `null` (JSON) when absent.
  func append(_ cell: Int, row: Int, to output: inout [UInt8]) {
    let slot = slots[cell]
    switch kinds[cell] {
    case .value:
      let value = values[slot][row]
      guard !value.isNaN else { return appendAbsent(to: &output) }
      switch format {
      case .csv(let writer):
        let text = ScoreColumn.format(value, decimals: decimals[slot])
        if let first = text.utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
          output.append(contentsOf: text.utf8)
        } else {
          output.append(contentsOf: writer.field(text).utf8)
        }
      case .json:
        output.append(contentsOf: JSONWriter.compactText(for: .number(value)).utf8)
      }
    case .added:
      guard row < addedValues[slot].count, addedValues[slot][row].isFinite else {
        return appendAbsent(to: &output)
      }
      let value = addedValues[slot][row]
      switch format {
      case .csv(let writer):
        let text = ScoreColumn.format(value, decimals: addedDecimals[slot])
        if let first = text.utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
          output.append(contentsOf: text.utf8)
        } else {
          output.append(contentsOf: writer.field(text).utf8)
        }
      case .json:
        output.append(contentsOf: JSONWriter.compactText(for: .number(value)).utf8)
      }
    case .band:
      let index = Int(bandIndices[slot][row])
      guard index >= 0 && index < bandLabels[slot].count else { return appendAbsent(to: &output) }
      output.append(contentsOf: bandLabels[slot][index])
    case .reason:
      guard absences[slot][row] != .present, let reason = reasonColumns[slot].reason(at: row) else {
        return appendAbsent(to: &output)
      }
      switch format {
      case .csv(let writer): output.append(contentsOf: writer.field(reason).utf8)
      case .json: output.append(contentsOf: JSONWriter.quoted(reason).utf8)
      }
    case .indicator:
      switch indicatorValues[slot][row] {
      case 1: output.append(UInt8(ascii: "1"))
      case 0: output.append(UInt8(ascii: "0"))
      default: appendAbsent(to: &output)
      }
    }
  }

  private func appendAbsent(to output: inout [UInt8]) {
    if case .json = format { output.append(contentsOf: "null".utf8) }
  }
}
