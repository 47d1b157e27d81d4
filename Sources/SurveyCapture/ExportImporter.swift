import SurveyCSV
public import SurveyInstruments
import SurveyWorkbook

/// Where an export's bytes come from.
public enum ExportSource: Sendable {
  /// A file at `path`; `displayName` is how messages show it (defaults to the path).
  case file(path: String, displayName: String? = nil)
  /// Bytes in memory, with a name for messages if there is one.
  case bytes([UInt8], name: String? = nil)
  /// Rows a program already holds, the header row (or rows) first, exactly as a platform would
  /// export them; a row's number in messages is its position, counting the header as row 1.
  case rows([[String]], name: String? = nil)

  var displayName: String? {
    switch self {
    case .file(let path, let name): name ?? path
    case .bytes(_, let name), .rows(_, let name): name
    }
  }

  /// The rows as CSV bytes, every field quoted as needed and nothing neutralised, so that
  /// reading them gives the rows back exactly.
  static func csvBytes(of rows: [[String]]) -> [UInt8] {
    let writer = CSVWriter(neutralizesFormulas: false)
    return Array(writer.text(for: rows).utf8)
  }
}

/// The shape of an export, read from its first records: dialect, header rows, headers.
public struct ExportLayout: Sendable {
  /// The export's records: a CSV reader settled on the file's encoding and delimiter, or a
  /// worksheet (its rows padded to the width of the header).
  public var records: ExportRecords
  /// The sheet read and the workbook's other sheets, for an Excel workbook; `nil` for a CSV
  /// file.
  public var workbook: WorkbookSheetChoice?
  /// The export's dialect.
  public var dialect: ExportDialect
  /// How the dialect was chosen.
  public var dialectDetection: DialectDetection
  /// The number of header rows.
  public var headerRowCount: Int
  /// One combined header per column.
  public var headers: [ExportHeader]
  /// The file's name for messages.
  public var file: String?
}

/// Reads survey platform exports into a ``ResponseTable`` and says how it read them.
///
///     let result = try ExportImporter.read(
///       .file(path: "export.csv"), instruments: [ons, swemwbs], options: ImportOptions())
///     print(result.report.problems.map(\.description).joined(separator: "\n"))
///
/// Columns are matched to items by, strongest first: an explicit mapping, an
/// `INSTRUMENT.ITEM` header, the item id, the wording, an alias, the key phrase (each also on
/// the row part of a grid header). Answers are matched by code, then by label or alias; a cell
/// is read once per distinct text per column, and no `String` is built for a cell already seen.
public enum ExportImporter {
  /// The most columns an export may have: 16,384, as many as a spreadsheet holds.
  ///
  /// Wider files are refused rather than matched column by column against every item.
  public static let maximumColumns = 16_384

  /// Reads the first records of an export to settle its format (CSV or Excel workbook, judged
  /// by content), encoding, delimiter or sheet, dialect and headers.
  ///
  /// - Throws: `CSVError` when the file cannot be read; ``ImportError`` of kind `noHeader` when
  ///   it is empty, `unsupportedFile` when it is not a CSV file or workbook (a PDF, an old
  ///   `.xls`, an encrypted workbook, binary data), `unreadableWorkbook` for a damaged workbook,
  ///   `unknownSheet` for a sheet the workbook does not have.
  /// - Complexity: O(*n*) in the file's size when its encoding must be checked or it is a
  ///   workbook (read into memory), otherwise O(1).
  public static func layout(
    of source: ExportSource,
    options: ImportOptions = ImportOptions()
  ) throws -> ExportLayout {
    let (records, workbook) = try source.openRecords(options)
    var first: [[String]] = []
    var tooWide: (line: Int, count: Int)?
    try records.readRecords { record in
      // A record wider than any export is not turned into strings.
      guard record.count <= maximumColumns else {
        tooWide = (record.lineNumber, record.count)
        return false
      }
      first.append(record.strings())
      return first.count < 3
    }
    if let tooWide {
      throw ImportError(
        kind: .tooManyColumns,
        file: source.displayName,
        position: TextPosition(line: tooWide.line, column: 1),
        message:
          "the record has \(tooWide.count) fields; an export may have at most \(maximumColumns) columns, the most a spreadsheet holds",
        hint: "is this a survey export? check the delimiter (--delimiter) and the file's format"
      )
    }
    guard !first.isEmpty else {
      throw ImportError(
        kind: .noHeader,
        file: source.displayName,
        message: "the file has no header row",
        hint: "an export starts with a row of column headers"
      )
    }
    let (dialect, detection) =
      options.dialect.map { ($0, DialectDetection.specified) } ?? ExportDialect.detect(first)
    let headerRowCount = min(dialect.headerRowCount(first), first.count)
    let headers = ExportHeader.combine(Array(first.prefix(headerRowCount)), dialect: dialect)
    return ExportLayout(
      records: records.padded(to: headers.count),
      workbook: workbook,
      dialect: dialect,
      dialectDetection: detection,
      headerRowCount: headerRowCount,
      headers: headers,
      file: source.displayName
    )
  }

  /// The instruments among `candidates` that have at least one item matched by a column of
  /// `layout`, leaving out an instrument whose matched columns are all matched by another that
  /// covers more of them (or the same ones, with more of its items): so a SWEMWBS export
  /// suggests SWEMWBS, not also WEMWBS.
  ///
  /// - Complexity: O(*c* × *i*) for *c* columns and *i* items of all candidates.
  public static func instrumentsMatching(
    _ layout: ExportLayout,
    among candidates: [Instrument]
  ) -> [Instrument] {
    let prepared = layout.headers.map(PreparedHeader.init)
    var found: [(instrument: Instrument, columns: Set<Int>, fraction: Double)] = []
    for instrument in candidates {
      var columns = Set<Int>()
      var items = Set<ItemID>()
      for item in instrument.items {
        let prepItem = PreparedItem(instrument: instrument, item: item)
        for (column, header) in prepared.enumerated() where prepItem.match(header) != nil {
          columns.insert(column)
          items.insert(item.id)
        }
      }
      if !columns.isEmpty {
        found.append(
          (instrument, columns, Double(items.count) / Double(max(1, instrument.items.count)))
        )
      }
    }
    return found.filter { candidate in
      !found.contains { other in
        other.instrument.id != candidate.instrument.id
          && candidate.columns.isSubset(of: other.columns)
          && (other.columns.count > candidate.columns.count
            || (other.columns.count == candidate.columns.count
              && other.fraction > candidate.fraction))
      }
    }.map(\.instrument)
  }

  /// The columns of `layout` that items of `instruments` would be read from (no explicit
  /// mappings), for telling a user's own columns (area, age, weight) from the instruments'.
  ///
  /// - Complexity: O(*c* × *i*) for *c* columns and *i* items.
  public static func itemColumns(of layout: ExportLayout, instruments: [Instrument]) -> Set<Int> {
    let assignment = ColumnAssignment.assign(
      headers: layout.headers,
      instruments: instruments,
      explicit: [],
      file: layout.file
    )
    return Set(assignment.columnForItem.values)
  }

  /// Reads an export into a table of answers to `instruments`, keeping the other columns the
  /// options ask for, and reports how it was read.
  ///
  /// - Throws: `CSVError` when the file cannot be read, ``ImportError`` when a mapping names an
  ///   unknown item or column or the file has no header.
  /// - Complexity: O(*n*) in the size of the file; memory grows with the answers kept (four
  ///   bytes per item per respondent) and the distinct values of kept columns.
  public static func read(
    _ source: ExportSource,
    instruments: [Instrument],
    options: ImportOptions = ImportOptions()
  ) throws -> ImportResult {
    try read(layout(of: source, options: options), instruments: instruments, options: options)
  }

  /// Reads an export whose layout was already read into a table, as
  /// ``read(_:instruments:options:)`` does.
  ///
  /// - Complexity: O(*n*) in the size of the file.
  public static func read(
    _ layout: ExportLayout,
    instruments: [Instrument],
    options: ImportOptions = ImportOptions()
  ) throws -> ImportResult {
    var run = try ImportRun(
      layout: layout,
      instruments: instruments,
      options: options,
      keepsTable: true
    )
    try run.readRecords()
    return ImportResult(table: run.table(), report: run.report())
  }

  /// Reads an export as `read(_:instruments:options:)` (from an `ExportSource`) does but keeps only the report, so
  /// memory does not grow with the number of respondents (beyond the respondent ids checked
  /// for duplicates).
  ///
  /// - Complexity: O(*n*) in the size of the file.
  public static func report(
    _ source: ExportSource,
    instruments: [Instrument],
    options: ImportOptions = ImportOptions()
  ) throws -> ImportReport {
    try report(layout(of: source, options: options), instruments: instruments, options: options)
  }

  /// The report for an export whose layout was already read.
  ///
  /// - Complexity: O(*n*) in the size of the file.
  public static func report(
    _ layout: ExportLayout,
    instruments: [Instrument],
    options: ImportOptions = ImportOptions()
  ) throws -> ImportReport {
    var run = try ImportRun(
      layout: layout,
      instruments: instruments,
      options: options,
      keepsTable: false
    )
    try run.readRecords()
    return run.report()
  }

  /// The first `limit` data records exactly as read, with the combined header names (made
  /// unique by adding ` (2)`, ` (3)`… to repeats; fields beyond the header are named
  /// `column N`).
  ///
  /// - Complexity: O(*m*) in the size of the records read.
  public static func previewRecords(
    _ layout: ExportLayout,
    limit: Int
  ) throws -> [[(name: String, value: String)]] {
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
    var rows: [[(name: String, value: String)]] = []
    guard limit > 0 else { return rows }
    try layout.records.readRecords { record in
      guard record.index >= layout.headerRowCount else { return true }
      var row: [(name: String, value: String)] = []
      for index in 0..<max(record.count, names.count) {
        let name = index < names.count ? names[index] : "column \(index + 1)"
        row.append((name, index < record.count ? record.string(at: index) : ""))
      }
      rows.append(row)
      return rows.count < limit
    }
    return rows
  }
}

/// Resolves explicit mappings to (column, item) pairs.
func resolveMappings(
  _ mappings: [ColumnMapping],
  headers: [ExportHeader],
  instruments: [Instrument]
) throws(ImportError) -> [(column: Int, key: ItemKey)] {
  var result: [(column: Int, key: ItemKey)] = []
  let allKeys = instruments.flatMap { instrument in
    instrument.items.map { ItemKey(instrument: instrument.id, item: $0.id) }
  }
  for mapping in mappings {
    var file: String?
    var keyPosition: TextPosition?
    var valuePosition: TextPosition?
    if case .mapFile(let path, let key, let value) = mapping.origin {
      file = path
      keyPosition = key
      valuePosition = value
    }
    let written = mapping.item
    let candidates = allKeys.filter { $0.description == written || $0.item.rawValue == written }
    guard candidates.count == 1 else {
      let known = allKeys.map(\.description)
      if candidates.isEmpty {
        throw ImportError(
          kind: .unknownItem,
          file: file,
          position: keyPosition,
          message: "'\(written)' is not an item of the chosen instruments ("
            + instruments.map(\.id.rawValue).joined(separator: ", ") + ")",
          hint: closestMatches(to: written, among: known + allKeys.map(\.item.rawValue)).first.map {
            "did you mean '\($0)'?"
          }
            ?? "write INSTRUMENT.ITEM, for example \(known.first ?? "ons-loneliness.lonely"), and choose the instrument with -i"
        )
      }
      throw ImportError(
        kind: .unknownItem,
        file: file,
        position: keyPosition,
        message: "'\(written)' is an item of more than one chosen instrument: "
          + candidates.map { "'\($0)'" }.joined(separator: ", "),
        hint: "write INSTRUMENT.ITEM, for example '\(candidates[0])'"
      )
    }
    let header = mapping.header
    var columns = headers.indices.filter { headers[$0].name == header }
    if columns.isEmpty { columns = headers.indices.filter { headers[$0].rows.contains(header) } }
    if columns.isEmpty {
      let wanted = normalizedLabel(header)
      columns = headers.indices.filter { column in
        normalizedLabel(headers[column].name) == wanted
          || headers[column].rows.contains { normalizedLabel($0) == wanted }
      }
    }
    guard columns.count == 1 else {
      if columns.isEmpty {
        throw ImportError(
          kind: .unknownColumn,
          file: file,
          position: valuePosition,
          message: "no column has the header '\(header)' (for \(candidates[0]))",
          hint: closestMatches(to: header, among: headers.map(\.name)).first.map {
            "did you mean '\($0)'?"
          }
            ?? "run 'loneliness inspect FILE' to list the headers"
        )
      }
      throw ImportError(
        kind: .unknownColumn,
        file: file,
        position: valuePosition,
        message: "\(columns.count) columns have the header '\(header)' (columns "
          + columns.map { String($0 + 1) }.joined(separator: ", ") + ")",
        hint: "use a header row that tells them apart, or rename one column in a copy of the file"
      )
    }
    result.append((columns[0], candidates[0]))
  }
  return result
}

/// One column's answers being read: the distinct cell texts seen, what each means for each
/// item the column feeds, and how often each occurred.
struct ItemColumnReader {
  var column: Int
  var header: String
  /// Positions in the table's item columns.
  var targets: [Int]
  var keys: [ItemKey]
  var matchers: [AnswerMatcher]
  var texts = ByteStringTable()
  /// `targets.count` answers per distinct text.
  var entryAnswers: [Answer] = []
  var entryCounts: [Int] = []
  var entryIsUnrecognised: [Bool] = []
  /// Recodes of this column: the normalised text to replace, and the recode's position in the
  /// options' list.
  var recodes: [String: Int] = [:]
  /// The recode applied to each distinct text, if any.
  var entryRecode: [Int?] = []
  /// The replacement text of each recode, by position.
  var recodeTargets: [Int: String] = [:]

  /// The entry for `bytes`, matching it when new.
  @inline(__always)
  mutating func entry(for bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let (index, isNew) = texts.insert(bytes)
    if isNew {
      var text = String(decoding: bytes, as: UTF8.self)
      let recode = recodes.isEmpty ? nil : recodes[normalizedLabel(text)]
      if let recode, let target = recodeTargets[recode] { text = target }
      entryRecode.append(recode)
      var unrecognised = false
      for matcher in matchers {
        let answer = matcher.answer(for: text) ?? .unrecognised
        if answer == .unrecognised { unrecognised = true }
        entryAnswers.append(answer)
      }
      entryCounts.append(0)
      entryIsUnrecognised.append(unrecognised)
    }
    entryCounts[index] += 1
    return index
  }
}

/// A column kept as text, interned.
struct AttributeColumnReader {
  var column: Int
  var header: String
  var texts = ByteStringTable()
  var valueIndices: [UInt32] = []
  /// Recodes of this column: the normalised text to replace, and the recode's position.
  var recodes: [String: Int] = [:]
}

/// The state of one pass over an export.
struct ImportRun {
  let layout: ExportLayout
  let instruments: [Instrument]
  let keepsTable: Bool
  var problems: [ImportProblem]
  var assignment: ColumnAssignment
  var itemKeys: [ItemKey] = []
  var itemReaders: [ItemColumnReader] = []
  var attributeReaders: [AttributeColumnReader] = []
  var answers: [[Answer]] = []
  var lineNumbers: [Int] = []
  var recordCount = 0
  var respondentIDColumn: Int?
  var waveColumn: Int?
  var ids = ByteStringTable()
  var waves = ByteStringTable()
  var firstLineOfID: [Int32] = []
  var firstLineOfIDInWave: [UInt64: Int32] = [:]
  var raggedProblems: [ImportProblem] = []
  var recordProblems: [ImportProblem] = []
  /// The recodes asked for, with the column each applies to.
  var recodes: [(recode: AnswerRecode, column: Int)] = []
  /// The fewest fields a row of a capture file may have: those up to and including `status`.
  ///
  /// Rows from before columns were appended to a capture file's header (after `status`) are
  /// shorter than the header but at least this long; their missing cells are blank, not a problem.
  var captureRowMinimum: Int?

  init(
    layout: ExportLayout,
    instruments: [Instrument],
    options: ImportOptions,
    keepsTable: Bool
  ) throws {
    self.layout = layout
    self.instruments = instruments
    self.keepsTable = keepsTable
    let explicit = try resolveMappings(
      options.columnMappings,
      headers: layout.headers,
      instruments: instruments
    )
    assignment = ColumnAssignment.assign(
      headers: layout.headers,
      instruments: instruments,
      explicit: explicit,
      file: layout.file
    )
    problems = assignment.problems
    for instrument in instruments {
      for item in instrument.items {
        itemKeys.append(ItemKey(instrument: instrument.id, item: item.id))
      }
    }
    answers = [[Answer]](repeating: [], count: itemKeys.count)
    var readerForColumn: [Int: Int] = [:]
    for (position, key) in itemKeys.enumerated() {
      guard let column = assignment.columnForItem[key],
        let instrument = instruments.first(where: { $0.id == key.instrument }),
        let item = instrument.item(withID: key.item), let scale = instrument.scale(for: item)
      else { continue }
      if readerForColumn[column] == nil {
        readerForColumn[column] = itemReaders.count
        itemReaders.append(
          ItemColumnReader(
            column: column,
            header: layout.headers[column].name,
            targets: [],
            keys: [],
            matchers: []
          )
        )
      }
      let index = readerForColumn[column] ?? 0
      itemReaders[index].targets.append(position)
      itemReaders[index].keys.append(key)
      itemReaders[index].matchers.append(AnswerMatcher(scale: scale))
    }
    let itemColumns = Set(readerForColumn.keys)
    let names = layout.headers.map(\.name)
    if layout.headerRowCount == 1,
      names.contains(CaptureFileLayout.respondentColumn),
      names.contains(CaptureFileLayout.capturedAtColumn),
      let status = names.firstIndex(of: CaptureFileLayout.statusColumn)
    {
      captureRowMinimum = status + 1
    }
    let normalizedNames = layout.headers.map { normalizedLabel($0.name) }
    let idNames = layout.dialect.idColumnHeaders
    respondentIDColumn =
      idNames.lazy.compactMap { name in normalizedNames.firstIndex(of: name) }.first
      ?? (layout.dialect == .generic || layout.dialect == .jisc
        ? normalizedNames.indices.first {
          !itemColumns.contains($0)
            && (normalizedNames[$0] == "id" || normalizedNames[$0].hasSuffix(" id"))
        }
        : nil)
    let waveNames: Set<String> = ["wave", "timepoint", "time point", "visit", "round", "occasion"]
    waveColumn = normalizedNames.indices.first {
      !itemColumns.contains($0) && waveNames.contains(normalizedNames[$0])
    }
    if keepsTable {
      for (column, header) in layout.headers.enumerated()
      where !itemColumns.contains(column) && options.attributes.keeps(header) {
        attributeReaders.append(AttributeColumnReader(column: column, header: header.name))
      }
    }
    for recode in options.recodes {
      let column = try Self.column(of: recode, layout: layout, assignment: assignment)
      let position = recodes.count
      recodes.append((recode, column))
      let key = normalizedLabel(recode.from)
      if let reader = itemReaders.firstIndex(where: { $0.column == column }) {
        itemReaders[reader].recodes[key] = position
        itemReaders[reader].recodeTargets[position] = recode.to
      }
      if let reader = attributeReaders.firstIndex(where: { $0.column == column }) {
        attributeReaders[reader].recodes[key] = position
      }
    }
  }

  /// The column a recode names: by header (exactly, or ignoring case and punctuation), or by
  /// `INSTRUMENT.ITEM`.
  static func column(
    of recode: AnswerRecode,
    layout: ExportLayout,
    assignment: ColumnAssignment
  ) throws(ImportError) -> Int {
    let names = layout.headers.map(\.name)
    if let exact = names.firstIndex(of: recode.column) { return exact }
    let wanted = normalizedLabel(recode.column)
    if let close = names.firstIndex(where: { normalizedLabel($0) == wanted }) { return close }
    if let (_, column) = assignment.columnForItem.first(where: {
      $0.key.description == recode.column
    }) {
      return column
    }
    throw ImportError(
      kind: .invalidRecode,
      message:
        "the recode of '\(excerpt(recode.from))' names the column '\(excerpt(recode.column))', which \(layout.file ?? "the export") does not have",
      hint: nearestColumnsHint(recode.column, among: names)
    )
  }

  mutating func readRecords() throws {
    let headerRowCount = layout.headerRowCount
    let columnCount = layout.headers.count
    let file = layout.file
    let empty: [UInt8] = []
    let isWorksheet = layout.workbook != nil
    try layout.records.forEachRecord { record in
      guard record.index >= headerRowCount else { return }
      recordCount += 1
      let line = record.lineNumber
      let fieldCount = record.count
      if isWorksheet {
        // Rows are padded to the header's width: only values beyond it are a problem.
        if fieldCount > columnCount {
          raggedProblems.append(
            .valuesBeyondHeader(
              file: file,
              row: line,
              fieldCount: fieldCount,
              expected: columnCount
            )
          )
        }
      } else if fieldCount > columnCount
        || (fieldCount < columnCount && fieldCount < (captureRowMinimum ?? columnCount))
      {
        raggedProblems.append(
          .raggedRow(file: file, line: line, fieldCount: fieldCount, expected: columnCount)
        )
      }
      if keepsTable { lineNumbers.append(line) }
      for readerIndex in itemReaders.indices {
        let column = itemReaders[readerIndex].column
        let entry: Int
        if column < fieldCount {
          entry = record.withBytes(at: column) { span in
            span.withUnsafeBufferPointer { itemReaders[readerIndex].entry(for: $0) }
          }
        } else {
          entry = empty.withUnsafeBufferPointer { itemReaders[readerIndex].entry(for: $0) }
        }
        let stride = itemReaders[readerIndex].targets.count
        if keepsTable {
          for slot in 0..<stride {
            answers[itemReaders[readerIndex].targets[slot]].append(
              itemReaders[readerIndex].entryAnswers[entry * stride + slot]
            )
          }
        }
        if itemReaders[readerIndex].entryIsUnrecognised[entry] {
          noteUnrecognised(readerIndex: readerIndex, entry: entry, line: line)
        }
      }
      if keepsTable {
        for readerIndex in attributeReaders.indices {
          let column = attributeReaders[readerIndex].column
          let index: Int
          if column < fieldCount {
            index = record.withBytes(at: column) { span in
              span.withUnsafeBufferPointer { attributeReaders[readerIndex].texts.insert($0).index }
            }
          } else {
            index = empty.withUnsafeBufferPointer {
              attributeReaders[readerIndex].texts.insert($0).index
            }
          }
          attributeReaders[readerIndex].valueIndices.append(UInt32(index))
        }
      }
      if let idColumn = respondentIDColumn, idColumn < fieldCount {
        let (idEntry, isNew, isBlank) = record.withBytes(at: idColumn) { span in
          span.withUnsafeBufferPointer { buffer in
            let inserted = ids.insert(buffer)
            return (inserted.index, inserted.isNew, buffer.allSatisfy { $0 == 0x20 })
          }
        }
        if isNew { firstLineOfID.append(Int32(truncatingIfNeeded: line)) }
        guard !isBlank else { return }
        if let waveColumn, waveColumn < fieldCount {
          let waveEntry = record.withBytes(at: waveColumn) { span in
            span.withUnsafeBufferPointer { waves.insert($0).index }
          }
          let key = UInt64(idEntry) << 32 | UInt64(waveEntry)
          if let first = firstLineOfIDInWave[key] {
            noteDuplicate(
              idEntry: idEntry,
              column: idColumn,
              line: line,
              firstLine: Int(first),
              waveEntry: waveEntry
            )
          } else {
            firstLineOfIDInWave[key] = Int32(truncatingIfNeeded: line)
          }
        } else if !isNew {
          noteDuplicate(
            idEntry: idEntry,
            column: idColumn,
            line: line,
            firstLine: Int(firstLineOfID[idEntry]),
            waveEntry: nil
          )
        }
      }
    }
  }

  private mutating func noteUnrecognised(readerIndex: Int, entry: Int, line: Int) {
    let reader = itemReaders[readerIndex]
    let value = reader.texts.string(at: entry)
    for (slot, key) in reader.keys.enumerated()
    where reader.entryAnswers[entry * reader.keys.count + slot] == .unrecognised {
      recordProblems.append(
        .unrecognisedAnswer(
          file: layout.file,
          line: line,
          column: reader.column,
          header: reader.header,
          value: value,
          key: key,
          scale: reader.matchers[slot].scale
        )
      )
    }
  }

  private mutating func noteDuplicate(
    idEntry: Int,
    column: Int,
    line: Int,
    firstLine: Int,
    waveEntry: Int?
  ) {
    let wave = waveEntry.flatMap { entry in
      waveColumn.map { (layout.headers[$0].name, waves.string(at: entry)) }
    }
    recordProblems.append(
      .duplicateRespondentID(
        file: layout.file,
        line: line,
        column: column,
        header: layout.headers[column].name,
        id: ids.string(at: idEntry),
        wave: wave.map { (header: $0.0, value: $0.1) },
        firstLine: firstLine,
        unit: layout.workbook == nil ? "line" : "row"
      )
    )
  }

  func table() -> ResponseTable {
    var itemColumns: [ItemAnswers] = []
    for (position, key) in itemKeys.enumerated() {
      let column = assignment.columnForItem[key]
      let values =
        column == nil ? [Answer](repeating: .notAnswered, count: recordCount) : answers[position]
      itemColumns.append(
        ItemAnswers(
          key: key,
          sourceColumn: column,
          sourceHeader: column.map { layout.headers[$0].name },
          answers: values
        )
      )
    }
    let attributes = attributeReaders.map { reader in
      AttributeColumn(
        header: reader.header,
        sourceColumn: reader.column,
        distinctValues: (0..<reader.texts.count).map { index in
          let text = reader.texts.string(at: index)
          guard !reader.recodes.isEmpty, let recode = reader.recodes[normalizedLabel(text)] else {
            return text
          }
          return recodes[recode].recode.to
        },
        valueIndices: reader.valueIndices
      )
    }
    return ResponseTable(
      instruments: instruments,
      itemColumns: itemColumns,
      attributes: attributes,
      lineNumbers: lineNumbers
    )
  }

  /// How many cells each recode replaced.
  ///
  /// - Complexity: O(*d*) in the distinct texts of item columns, plus O(*n*) rows of each kept
  ///   column that has a recode.
  func recodeCounts() -> [Int] {
    var counts = [Int](repeating: 0, count: recodes.count)
    guard !recodes.isEmpty else { return counts }
    for reader in itemReaders where !reader.recodes.isEmpty {
      for (entry, recode) in reader.entryRecode.enumerated() {
        if let recode { counts[recode] += reader.entryCounts[entry] }
      }
    }
    for reader in attributeReaders where !reader.recodes.isEmpty {
      let recodeOfText = (0..<reader.texts.count).map {
        reader.recodes[normalizedLabel(reader.texts.string(at: $0))]
      }
      for index in reader.valueIndices {
        if let recode = recodeOfText[Int(index)] { counts[recode] += 1 }
      }
    }
    return counts
  }

  func report() -> ImportReport {
    var tallies = [[Int32: Int]](repeating: [:], count: itemKeys.count)
    for reader in itemReaders {
      let stride = reader.targets.count
      for entry in 0..<reader.texts.count {
        for slot in 0..<stride {
          tallies[reader.targets[slot]][
            reader.entryAnswers[entry * stride + slot].rawValue,
            default: 0
          ] +=
            reader.entryCounts[entry]
        }
      }
    }
    var items: [ItemReport] = []
    var position = 0
    for instrument in instruments {
      for item in instrument.items {
        let key = itemKeys[position]
        let column = assignment.columnForItem[key]
        var counts = tallies[position]
        if column == nil { counts[Answer.notAnswered.rawValue] = recordCount }
        let scale = instrument.scale(for: item) ?? ResponseScale(id: item.scale, options: [])
        items.append(
          ItemReport(
            key: key,
            text: item.displayText,
            column: column,
            match: column.flatMap { assignment.matchesByColumn[$0].first { $0.key == key } },
            counts: AnswerCounts(tallies: counts, scale: scale)
          )
        )
        position += 1
      }
    }
    let itemColumns = Set(assignment.columnForItem.values)
    let keptColumns = Set(attributeReaders.map(\.column))
    let columns = layout.headers.enumerated().map { column, header in
      ColumnReport(
        index: column,
        header: header,
        matches: itemColumns.contains(column) ? assignment.matchesByColumn[column] : [],
        role: itemColumns.contains(column)
          ? .item : (keepsTable && !keptColumns.contains(column) ? .notKept : .attribute)
      )
    }
    var recodeNotices: [String] = []
    let readColumns = Set(itemReaders.map(\.column) + attributeReaders.map(\.column))
    for (position, count) in recodeCounts().enumerated() {
      let (recode, column) = recodes[position]
      // A recode of a column that was not read (not an item, and not kept) changed nothing.
      guard readColumns.contains(column) else { continue }
      let header = excerpt(layout.headers[column].name)
      recodeNotices.append(
        count == 0
          ? "Recode in column \(column + 1) '\(header)': no cell reads '\(excerpt(recode.from))', so nothing was recoded."
          : "Recode in column \(column + 1) '\(header)': \(count) cell\(count == 1 ? "" : "s") reading '\(excerpt(recode.from))' \(count == 1 ? "was" : "were") read as '\(excerpt(recode.to))'."
      )
    }
    var notices = recodeNotices
    if let reader = layout.records.csvReader {
      switch reader.encodingDetection {
      case .invalidUTF8:
        notices.append(
          "the file is not valid UTF-8, so it was read as Windows-1252 and converted to UTF-8"
        )
      case .byteOrderMark where reader.encoding != .utf8, .zeroBytePattern:
        notices.append("the file is \(reader.encoding) and was converted to UTF-8")
      default: break
      }
    }
    if let workbook = layout.workbook {
      notices.append(
        "read from the sheet '\(workbook.sheet.name)' (sheet \(workbook.sheet.number) of \(workbook.sheets.count)) of an Excel workbook; row numbers are the sheet's"
      )
    }
    notices.append("dialect \(layout.dialect.name): \(layout.dialectDetection)")
    let sortedRecordProblems = (raggedProblems + recordProblems).enumerated().sorted {
      ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
    }.map(\.element)
    let reader = layout.records.csvReader
    return ImportReport(
      file: layout.file,
      workbook: layout.workbook,
      encoding: reader?.encoding ?? .utf8,
      encodingDetection: reader?.encodingDetection ?? .validUTF8,
      hasByteOrderMark: reader?.hasByteOrderMark ?? false,
      delimiter: reader?.delimiter ?? .comma,
      isDelimiterDetected: reader?.isDelimiterDetected ?? false,
      dialect: layout.dialect,
      dialectDetection: layout.dialectDetection,
      headerRowCount: layout.headerRowCount,
      recordCount: recordCount,
      respondentIDColumn: respondentIDColumn,
      waveColumn: waveColumn,
      columns: columns,
      items: items,
      problems: problems + sortedRecordProblems,
      notices: notices,
      recodeNotices: recodeNotices
    )
  }
}
