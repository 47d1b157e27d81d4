import SurveyCSV

/// Why parsing a row stopped before its end.
enum RowStop: Error {
  /// The buffer ends inside the row; the row is parsed again once more input is there.
  case needsMoreInput
  /// The row is wrong: what is wrong, and the row's number when known.
  case failure(String, row: Int?)
  /// The row is beyond a limit.
  case limit(String, row: Int?)
}

/// Reads a worksheet part (`<worksheet>…<sheetData><row><c>…`) one row at a time from a buffer
/// that a decompressing stream refills, building each row's cell texts into one byte buffer
/// with the range of each field, ready to be lent out as a `CSVRecord`.
///
/// Cells are placed by their `r` reference (`C7` is the third field), so a row that has only
/// cells C and F gives blank fields A, B, D and E; a cell without `r` follows the one before
/// it. Rows without a value are skipped, as blank lines are in CSV. Trailing blank cells are not
/// fields; the caller pads each record to the header's width.
struct WorksheetParser {
  enum Phase {
    case beforeSheetData
    case inSheetData
    case finished
  }

  enum Step {
    /// A row with at least one value is in `rowBytes` and `fields`, from the row marks on.
    case row
    /// The buffer ends inside a row or element: refill and call again with the same position.
    case needsMoreInput
    /// The sheet data has ended.
    case finished
  }

  private enum CellType {
    case number
    case sharedString
    case inlineString
    case boolean
    case error
    case formulaString
    case isoDate
  }

  let entry: String
  let sheetName: String
  let sharedStrings: SharedStrings
  let dateKinds: [DateFormatKind]
  let uses1904: Bool
  let limits: WorkbookLimits

  /// The texts of the cells of the rows read since the caller last emptied it, end to end.
  var rowBytes: [UInt8] = []
  /// Where each field of those rows lies in `rowBytes`.
  var fields: [FieldRange] = []
  /// Where the current row starts in `rowBytes` and `fields`.
  ///
  /// A row parsed again after more input arrived starts from these marks. The caller moves
  /// them past each finished row.
  var rowByteStart = 0
  var rowFieldStart = 0
  /// The number of the current (or last) row, as Excel numbers it.
  private(set) var rowNumber = 0
  private(set) var phase = Phase.beforeSheetData
  private var lastColumn = -1
  private var scratch: [UInt8] = []

  init(
    entry: String,
    sheetName: String,
    sharedStrings: SharedStrings,
    dateKinds: [DateFormatKind],
    uses1904: Bool,
    limits: WorkbookLimits
  ) {
    self.entry = entry
    self.sheetName = sheetName
    self.sharedStrings = sharedStrings
    self.dateKinds = dateKinds
    self.uses1904 = uses1904
    self.limits = limits
  }

  // The helpers below are static: a non-mutating method called from a mutating one would copy
  // the parser for each call.

  private static func failure(_ message: String, row: Int? = nil) -> RowStop {
    .failure(message, row: row)
  }

  @inline(__always)
  private static func scan(
    _ bytes: UnsafeBufferPointer<UInt8>,
    at position: Int,
    row: Int?
  ) throws(RowStop) -> XMLMarkup {
    do throws(XMLScanStop) {
      return try XMLScanner.scanMarkup(bytes, at: position)
    } catch {
      switch error {
      case .needsMoreInput: throw .needsMoreInput
      case .malformed(let reason):
        throw Self.failure("the XML is not well-formed: \(reason)", row: row)
      }
    }
  }

  /// Reads from `position` until a row with a value has been read, the sheet data ends, or the
  /// buffer ends inside something.
  ///
  /// - Complexity: O(*n*) in the number of bytes read.
  mutating func step(
    _ bytes: UnsafeBufferPointer<UInt8>,
    position: inout Int
  ) throws(WorkbookError) -> Step {
    do throws(RowStop) {
      while true {
        switch phase {
        case .finished:
          return .finished
        case .beforeSheetData:
          position = XMLScanner.nextMarkup(bytes, from: position)
          guard position < bytes.count else { return .needsMoreInput }
          let markup = try Self.scan(bytes, at: position, row: nil)
          if markup.kind != .end && markup.kind != .ignorable && markup.kind != .characterData
            && XMLScanner.isNamed(bytes, markup, "sheetData")
          {
            phase = markup.kind == .empty ? .finished : .inSheetData
          }
          position = markup.end
        case .inSheetData:
          position = XMLScanner.nextMarkup(bytes, from: position)
          guard position < bytes.count else { return .needsMoreInput }
          let markup = try Self.scan(bytes, at: position, row: nil)
          switch markup.kind {
          case .end:
            guard XMLScanner.isNamed(bytes, markup, "sheetData") else {
              throw Self.failure("an unexpected end tag follows row \(rowNumber)")
            }
            phase = .finished
            position = markup.end
          case .start, .empty:
            if XMLScanner.isNamed(bytes, markup, "row") {
              let end = try parseRow(bytes, markup)
              guard end - position <= limits.maximumRowSize else {
                throw .limit(
                  "the row is longer than \(ZipArchive.describe(bytes: limits.maximumRowSize))",
                  row: rowNumber
                )
              }
              position = end
              if fields.count > rowFieldStart { return .row }
            } else {
              position = try Self.skipElement(bytes, markup, row: nil)
            }
          case .ignorable, .characterData:
            position = markup.end
          }
        }
      }
    } catch {
      switch error {
      case .needsMoreInput: return .needsMoreInput
      case .failure(let message, let row):
        throw .invalid(entry, row: row, location(row) + message)
      case .limit(let message, let row):
        throw WorkbookError(
          kind: .limitExceeded,
          entry: entry,
          row: row,
          message: location(row) + message,
          hint: WorkbookError.saveAsHint
        )
      }
    }
  }

  private func location(_ row: Int?) -> String {
    "in the sheet '\(sheetName)' (\(entry))" + (row.map { ", row \($0)" } ?? "") + ": "
  }

  /// Skips an element and everything inside it, returning the offset after it.
  private static func skipElement(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ start: XMLMarkup,
    row: Int?
  ) throws(RowStop) -> Int {
    guard start.kind == .start else { return start.end }
    var depth = 1
    var index = start.end
    while depth > 0 {
      index = XMLScanner.nextMarkup(bytes, from: index)
      guard index < bytes.count else { throw .needsMoreInput }
      let markup = try Self.scan(bytes, at: index, row: row)
      if markup.kind == .start { depth += 1 }
      if markup.kind == .end { depth -= 1 }
      index = markup.end
    }
    return index
  }

  /// Parses a `<row>` element whose start tag is `rowTag` into `rowBytes` and `fields`.
  private mutating func parseRow(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ rowTag: XMLMarkup
  ) throws(RowStop) -> Int {
    if rowBytes.count > rowByteStart { rowBytes.removeSubrange(rowByteStart...) }
    if fields.count > rowFieldStart { fields.removeSubrange(rowFieldStart...) }
    lastColumn = -1
    var number = rowNumber + 1
    var referenceRange: Range<Int>?
    XMLScanner.forEachAttribute(bytes, of: rowTag) { name, hasPrefix, value in
      if !hasPrefix && name.count == 1 && bytes[name.lowerBound] == UInt8(ascii: "r") {
        referenceRange = value
      }
    }
    if let referenceRange {
      guard let parsed = Self.decimal(bytes, referenceRange, limit: limits.maximumRows) else {
        throw Self.failure(
          "the row number '\(Self.text(bytes, referenceRange))' after row \(rowNumber) is not a row number from 1 to \(limits.maximumRows)"
        )
      }
      number = parsed
    }
    guard number > rowNumber else {
      throw Self.failure("row \(number) comes after row \(rowNumber); rows must be in order")
    }
    guard number <= limits.maximumRows else {
      throw Self.failure("the sheet has more than \(limits.maximumRows) rows")
    }
    if rowTag.kind == .empty {
      rowNumber = number
      return rowTag.end
    }
    var index = rowTag.end
    while true {
      index = XMLScanner.nextMarkup(bytes, from: index)
      guard index < bytes.count else { throw .needsMoreInput }
      if let end = try parseSimpleCell(bytes, at: index, row: number) {
        index = end
        continue
      }
      let markup = try Self.scan(bytes, at: index, row: number)
      switch markup.kind {
      case .end:
        guard XMLScanner.isNamed(bytes, markup, "row") else {
          throw Self.failure("an unexpected end tag is inside the row", row: number)
        }
        rowNumber = number
        return markup.end
      case .start, .empty:
        if XMLScanner.isNamed(bytes, markup, "c") {
          index = try parseCell(bytes, markup, row: number)
        } else {
          index = try Self.skipElement(bytes, markup, row: number)
        }
      case .ignorable, .characterData:
        index = markup.end
      }
    }
  }

  /// Parses a cell written the way Excel and most writers write one, `<c r="B7" s="1" t="s">`
  /// followed by `<v>…</v></c>`, or `<c …/>`, faster than ``parseCell(_:_:row:)``; returns `nil`,
  /// having changed nothing, for any other form.
  @inline(__always)
  private mutating func parseSimpleCell(
    _ bytes: UnsafeBufferPointer<UInt8>,
    at start: Int,
    row: Int
  ) throws(RowStop) -> Int? {
    let count = bytes.count
    guard count - start > 3, bytes[start + 1] == UInt8(ascii: "c"), bytes[start + 2] == 0x20
    else { return nil }
    var index = start + 3
    var reference: Range<Int>?
    var style: Range<Int>?
    var typeRange: Range<Int>?
    var isEmpty = false
    while true {
      while index < count && bytes[index] == 0x20 { index += 1 }
      guard count - index > 1 else { throw .needsMoreInput }
      let byte = bytes[index]
      if byte == UInt8(ascii: ">") {
        index += 1
        break
      }
      if byte == UInt8(ascii: "/") {
        guard bytes[index + 1] == UInt8(ascii: ">") else { return nil }
        index += 2
        isEmpty = true
        break
      }
      var equals = index + 1
      while equals < count && bytes[equals] != UInt8(ascii: "=") && bytes[equals] > 0x20
        && bytes[equals] != UInt8(ascii: ">")
      {
        equals += 1
      }
      guard count - equals > 1 else { throw .needsMoreInput }
      let quote = bytes[equals + 1]
      guard bytes[equals] == UInt8(ascii: "="), quote == 0x22 || quote == 0x27 else { return nil }
      var valueEnd = equals + 2
      while valueEnd < count && bytes[valueEnd] != quote { valueEnd += 1 }
      guard valueEnd < count else { throw .needsMoreInput }
      if equals == index + 1 {
        switch byte {
        case UInt8(ascii: "r"): reference = (equals + 2)..<valueEnd
        case UInt8(ascii: "s"): style = (equals + 2)..<valueEnd
        case UInt8(ascii: "t"): typeRange = (equals + 2)..<valueEnd
        default: break
        }
      }
      index = valueEnd + 1
    }
    var value: Range<Int>?
    if !isEmpty {
      // <v>text</v></c>
      guard count - index > 3 else { throw .needsMoreInput }
      guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "v"),
        bytes[index + 2] == UInt8(ascii: ">")
      else { return nil }
      let textStart = index + 3
      let textEnd = XMLScanner.nextMarkup(bytes, from: textStart)
      guard count - textEnd > 7 else { throw .needsMoreInput }
      guard bytes[textEnd + 1] == UInt8(ascii: "/"), bytes[textEnd + 2] == UInt8(ascii: "v"),
        bytes[textEnd + 3] == UInt8(ascii: ">"), bytes[textEnd + 4] == UInt8(ascii: "<"),
        bytes[textEnd + 5] == UInt8(ascii: "/"), bytes[textEnd + 6] == UInt8(ascii: "c"),
        bytes[textEnd + 7] == UInt8(ascii: ">")
      else { return nil }
      value = textStart..<textEnd
      index = textEnd + 8
    }
    let (column, type) = try beginCell(bytes, reference: reference, typeRange: typeRange, row: row)
    if let value {
      let fieldStart = rowBytes.count
      try appendValue(bytes, value, type: type, style: style.map { (bytes, $0) }, row: row)
      finishCell(column: column, start: fieldStart)
    }
    return index
  }

  /// Works out a cell's column (from its reference, or the one after the last cell) and type,
  /// checking that it is in order and inside the sheet.
  @inline(__always)
  private mutating func beginCell(
    _ bytes: UnsafeBufferPointer<UInt8>,
    reference: Range<Int>?,
    typeRange: Range<Int>?,
    row: Int
  ) throws(RowStop) -> (column: Int, type: CellType) {
    var column = lastColumn + 1
    if let reference {
      column = try Self.columnIndex(bytes, reference, row: row, limits: limits)
    }
    guard column > lastColumn else {
      throw Self.failure(
        "the cell \(Self.text(bytes, reference ?? 0..<0)) comes after column \(Self.columnName(lastColumn)); cells must be in order",
        row: row
      )
    }
    guard column < limits.maximumColumns else {
      throw Self.failure(
        "a cell is beyond column \(Self.columnName(limits.maximumColumns - 1))",
        row: row
      )
    }
    lastColumn = column
    var type = CellType.number
    if let typeRange {
      type = try Self.cellType(bytes, typeRange, row: row)
    }
    return (column, type)
  }

  /// Records the text appended since `start` as the field of `column`, after blank fields for
  /// any columns skipped; a cell with no text is left to be a blank field.
  @inline(__always)
  private mutating func finishCell(column: Int, start: Int) {
    guard rowBytes.count > start else { return }
    while fields.count - rowFieldStart < column {
      fields.append(FieldRange(start: start, end: start, needsUnescape: false))
    }
    fields.append(FieldRange(start: start, end: rowBytes.count, needsUnescape: false))
  }

  /// Parses one `<c>` element of any form and appends its text as the field of its column.
  private mutating func parseCell(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ cellTag: XMLMarkup,
    row: Int
  ) throws(RowStop) -> Int {
    var reference: Range<Int>?
    var style: Range<Int>?
    var typeRange: Range<Int>?
    XMLScanner.forEachAttribute(bytes, of: cellTag) { name, hasPrefix, value in
      guard !hasPrefix, name.count == 1 else { return }
      switch bytes[name.lowerBound] {
      case UInt8(ascii: "r"): reference = value
      case UInt8(ascii: "s"): style = value
      case UInt8(ascii: "t"): typeRange = value
      default: break
      }
    }
    let (column, type) = try beginCell(bytes, reference: reference, typeRange: typeRange, row: row)
    guard cellTag.kind == .start else { return cellTag.end }

    let start = rowBytes.count
    var value: Range<Int>?
    var valueIsInScratch = false
    var index = cellTag.end
    children: while true {
      index = XMLScanner.nextMarkup(bytes, from: index)
      guard index < bytes.count else { throw .needsMoreInput }
      let markup = try Self.scan(bytes, at: index, row: row)
      switch markup.kind {
      case .end:
        guard XMLScanner.isNamed(bytes, markup, "c") else {
          throw Self.failure("an unexpected end tag is inside a cell", row: row)
        }
        index = markup.end
        break children
      case .start:
        if XMLScanner.isNamed(bytes, markup, "v") {
          let textEnd = XMLScanner.nextMarkup(bytes, from: markup.end)
          guard textEnd < bytes.count else { throw .needsMoreInput }
          let close = try Self.scan(bytes, at: textEnd, row: row)
          if close.kind == .end {
            guard XMLScanner.isNamed(bytes, close, "v") else {
              throw Self.failure("a cell's <v> element is not closed", row: row)
            }
            value = markup.end..<textEnd
            index = close.end
          } else {
            // Text with CDATA sections or comments: gather it.
            index = try gatherText(bytes, from: markup.end, row: row)
            value = 0..<scratch.count
            valueIsInScratch = true
          }
        } else if XMLScanner.isNamed(bytes, markup, "is") {
          index = try appendInlineString(bytes, after: markup, row: row)
        } else {
          index = try Self.skipElement(bytes, markup, row: row)
        }
      case .empty, .ignorable, .characterData:
        index = markup.end
      }
    }

    if let value {
      if valueIsInScratch {
        try scratch.withUnsafeBufferPointer { buffer throws(RowStop) in
          try appendValue(buffer, value, type: type, style: style.map { (bytes, $0) }, row: row)
        }
      } else {
        try appendValue(bytes, value, type: type, style: style.map { (bytes, $0) }, row: row)
      }
    }
    finishCell(column: column, start: start)
    return index
  }

  /// Appends the text of a `<v>` value according to the cell's type and style.
  private mutating func appendValue(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ value: Range<Int>,
    type: CellType,
    style: (UnsafeBufferPointer<UInt8>, Range<Int>)?,
    row: Int
  ) throws(RowStop) {
    switch type {
    case .sharedString:
      guard let index = Self.decimal(bytes, value, limit: Int.max >> 4),
        index < sharedStrings.count
      else {
        throw Self.failure(
          "a cell refers to shared string '\(Self.text(bytes, value))' but the table has \(sharedStrings.count)",
          row: row
        )
      }
      let range = sharedStrings.range(at: index)
      sharedStrings.bytes.withUnsafeBufferPointer { strings in
        rowBytes.append(contentsOf: UnsafeBufferPointer(rebasing: strings[range]))
      }
    case .number:
      var kind = DateFormatKind.none
      if let (styleBytes, styleRange) = style,
        let index = Self.decimal(styleBytes, styleRange, limit: Int.max >> 4),
        index < dateKinds.count
      {
        kind = dateKinds[index]
      }
      if kind == .none {
        CellValues.appendNumber(bytes, value, to: &rowBytes)
      } else {
        CellValues.appendDate(bytes, value, kind: kind, uses1904: uses1904, to: &rowBytes)
      }
    case .boolean:
      let start = rowBytes.count
      XMLScanner.appendText(bytes, value, to: &rowBytes)
      let written = rowBytes[start...]
      if written.elementsEqual("1".utf8) || written.elementsEqual("true".utf8) {
        rowBytes.replaceSubrange(start..., with: "TRUE".utf8)
      } else if written.elementsEqual("0".utf8) || written.elementsEqual("false".utf8) {
        rowBytes.replaceSubrange(start..., with: "FALSE".utf8)
      }
    case .formulaString:
      let start = rowBytes.count
      XMLScanner.appendText(bytes, value, to: &rowBytes)
      XMLScanner.unescapeExcelCharacters(in: &rowBytes, from: start)
    case .error, .isoDate, .inlineString:
      XMLScanner.appendText(bytes, value, to: &rowBytes)
    }
  }

  /// Gathers the text, CDATA sections and character references of an element (after its start
  /// tag at `start`) into `scratch`, returning the offset after its end tag.
  private mutating func gatherText(
    _ bytes: UnsafeBufferPointer<UInt8>,
    from start: Int,
    row: Int
  ) throws(RowStop) -> Int {
    scratch.removeAll(keepingCapacity: true)
    var index = start
    while true {
      let textEnd = XMLScanner.nextMarkup(bytes, from: index)
      guard textEnd < bytes.count else { throw .needsMoreInput }
      XMLScanner.appendText(bytes, index..<textEnd, to: &scratch)
      let markup = try Self.scan(bytes, at: textEnd, row: row)
      switch markup.kind {
      case .end: return markup.end
      case .characterData:
        scratch.append(
          contentsOf: UnsafeBufferPointer(rebasing: bytes[markup.contentStart..<markup.contentEnd])
        )
        index = markup.end
      case .ignorable, .empty: index = markup.end
      case .start: index = try Self.skipElement(bytes, markup, row: row)
      }
    }
  }

  /// Appends the text of an inline string (`<is>`): its `<t>` elements, directly or in rich
  /// text runs (`<r>`), without phonetic guides (`<rPh>`) or run properties (`<rPr>`).
  private mutating func appendInlineString(
    _ bytes: UnsafeBufferPointer<UInt8>,
    after isTag: XMLMarkup,
    row: Int
  ) throws(RowStop) -> Int {
    var index = isTag.end
    while true {
      index = XMLScanner.nextMarkup(bytes, from: index)
      guard index < bytes.count else { throw .needsMoreInput }
      let markup = try Self.scan(bytes, at: index, row: row)
      switch markup.kind {
      case .end:
        if XMLScanner.isNamed(bytes, markup, "is") { return markup.end }
        index = markup.end
      case .start:
        if XMLScanner.isNamed(bytes, markup, "t") {
          let preserves = WorkbookParts.preservesSpaceAttribute(bytes, markup)
          let start = rowBytes.count
          index = try gatherText(bytes, from: markup.end, row: row)
          rowBytes.append(contentsOf: scratch)
          if !preserves { XMLScanner.trimSpace(in: &rowBytes, from: start) }
          XMLScanner.unescapeExcelCharacters(in: &rowBytes, from: start)
        } else if XMLScanner.isNamed(bytes, markup, "r") {
          index = markup.end
        } else {
          index = try Self.skipElement(bytes, markup, row: row)
        }
      case .empty, .ignorable, .characterData:
        index = markup.end
      }
    }
  }

  private static func cellType(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>,
    row: Int
  ) throws(RowStop) -> CellType {
    if XMLScanner.equals(bytes, range, "s") { return .sharedString }
    if XMLScanner.equals(bytes, range, "n") { return .number }
    if XMLScanner.equals(bytes, range, "inlineStr") { return .inlineString }
    if XMLScanner.equals(bytes, range, "str") { return .formulaString }
    if XMLScanner.equals(bytes, range, "b") { return .boolean }
    if XMLScanner.equals(bytes, range, "e") { return .error }
    if XMLScanner.equals(bytes, range, "d") { return .isoDate }
    throw Self.failure("a cell has the unknown type '\(Self.text(bytes, range))'", row: row)
  }

  /// The 0-based column of a reference such as `AB12`.
  @inline(__always)
  private static func columnIndex(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>,
    row: Int,
    limits: WorkbookLimits
  ) throws(RowStop) -> Int {
    var index = range.lowerBound
    var column = 0
    while index < range.upperBound {
      let byte = bytes[index] & 0xDF  // Upper case.
      guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
      column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
      guard column <= limits.maximumColumns else {
        throw Self.failure(
          "the cell reference '\(Self.text(bytes, range))' is beyond column \(Self.columnName(limits.maximumColumns - 1))",
          row: row
        )
      }
      index += 1
    }
    // The row part must be a row of the sheet too, though the row element decides the row.
    guard column > 0, index < range.upperBound,
      let rowPart = Self.decimal(bytes, index..<range.upperBound, limit: limits.maximumRows),
      rowPart >= 1
    else {
      throw Self.failure(
        "'\(Self.text(bytes, range))' is not a cell reference within column \(Self.columnName(limits.maximumColumns - 1)) and row \(limits.maximumRows)",
        row: row
      )
    }
    return column - 1
  }

  /// A whole number from 0 to `limit` written in decimal digits, or `nil`.
  @inline(__always)
  static func decimal(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ range: Range<Int>,
    limit: Int
  ) -> Int? {
    var index = range.lowerBound
    var end = range.upperBound
    while index < end && XMLScanner.isSpace(bytes[index]) { index += 1 }
    while end > index && XMLScanner.isSpace(bytes[end - 1]) { end -= 1 }
    guard index < end else { return nil }
    var value = 0
    while index < end {
      let digit = Int(bytes[index]) - 0x30
      guard digit >= 0 && digit <= 9 else { return nil }
      value = value * 10 + digit
      guard value <= limit else { return nil }
      index += 1
    }
    return value
  }

  /// `A` for 0, `Z` for 25, `AA` for 26.
  static func columnName(_ index: Int) -> String {
    var name: [UInt8] = []
    var rest = index + 1
    while rest > 0 {
      name.insert(UInt8(ascii: "A") + UInt8((rest - 1) % 26), at: 0)
      rest = (rest - 1) / 26
    }
    return String(decoding: name, as: UTF8.self)
  }

  /// The bytes of a range as text for a message, shortened to 40 characters.
  private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    let shown = range.lowerBound..<min(range.upperBound, range.lowerBound + 40)
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[shown]), as: UTF8.self)
      + (range.count > 40 ? "…" : "")
  }
}
