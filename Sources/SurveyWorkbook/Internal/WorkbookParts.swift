/// Reads a whole XML part (held in memory) as a sequence of tags and text.
struct XMLPartReader {
  enum Event {
    /// A start tag, or an empty tag (`markup.kind == .empty`), which has no end event.
    case start(XMLMarkup)
    case end(XMLMarkup)
    /// Text to decode with ``XMLScanner/appendText(_:_:to:isAttribute:)``.
    case text(Range<Int>)
    /// The literal text of a CDATA section.
    case characterData(Range<Int>)
  }

  let entry: String
  private(set) var position = 0

  init(entry: String, bytes: [UInt8]) throws(WorkbookError) {
    self.entry = entry
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      position = 3
    } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw .invalid(
        entry,
        "the workbook part '\(entry)' is in UTF-16; only UTF-8 parts can be read"
      )
    }
  }

  /// The next event, or `nil` at the end of the part.
  ///
  /// - Throws: `WorkbookError` of kind `invalidSpreadsheet` for malformed or truncated XML.
  mutating func next(_ bytes: UnsafeBufferPointer<UInt8>) throws(WorkbookError) -> Event? {
    while position < bytes.count {
      if bytes[position] != UInt8(ascii: "<") {
        let start = position
        position = XMLScanner.nextMarkup(bytes, from: position)
        return .text(start..<position)
      }
      let markup: XMLMarkup
      do throws(XMLScanStop) {
        markup = try XMLScanner.scanMarkup(bytes, at: position)
      } catch {
        switch error {
        case .needsMoreInput:
          throw .invalid(entry, "the workbook part '\(entry)' ends inside a tag")
        case .malformed(let reason):
          throw .invalid(entry, "the workbook part '\(entry)' is not well-formed XML: \(reason)")
        }
      }
      position = markup.end
      switch markup.kind {
      case .start, .empty: return .start(markup)
      case .end: return .end(markup)
      case .characterData: return .characterData(markup.contentStart..<markup.contentEnd)
      case .ignorable: continue
      }
    }
    return nil
  }
}

/// A relationship from an `.rels` part: which part another part refers to, and how.
struct Relationship: Sendable, Hashable {
  var id: String
  /// The relationship type URI, such as
  /// `http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet`.
  var type: String
  /// The target resolved to a part name in the archive (no leading `/`).
  var target: String
  var isExternal: Bool

  /// Whether the type's last path segment is `kind` (so both the transitional and the strict
  /// namespaces match).
  func isOfType(_ kind: String) -> Bool {
    type.split(separator: "/").last.map { $0.lowercased() == kind.lowercased() } ?? false
  }
}

/// The parts of a workbook other than its sheets, read from an archive.
enum WorkbookParts {
  /// The relationships part of `part`: `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
  static func relationshipsPart(of part: String) -> String {
    let slash = part.lastIndex(of: "/")
    let folder = slash.map { String(part[...$0]) } ?? ""
    let name = slash.map { String(part[part.index(after: $0)...]) } ?? part
    return folder + "_rels/" + name + ".rels"
  }

  /// Resolves a relationship target against the folder of the part that holds it.
  static func resolve(_ target: String, from part: String) -> String {
    var segments: [Substring] = []
    if !target.hasPrefix("/") {
      segments = part.split(separator: "/", omittingEmptySubsequences: true)
      if !segments.isEmpty { segments.removeLast() }
    }
    for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
      if segment == ".." {
        if !segments.isEmpty { segments.removeLast() }
      } else if segment != "." {
        segments.append(segment)
      }
    }
    return segments.joined(separator: "/")
  }

  /// Reads the relationships of `part`, or returns `nil` when the archive has no relationships
  /// part for it.
  static func relationships(
    of part: String,
    in archive: ZipArchive
  ) throws(WorkbookError) -> [Relationship]? {
    let relsName = relationshipsPart(of: part)
    guard let entry = archive.entry(named: relsName) else { return nil }
    let bytes = try archive.read(entry)
    var reader = try XMLPartReader(entry: entry.name, bytes: bytes)
    var result: [Relationship] = []
    try bytes.withUnsafeBufferPointer { buffer throws(WorkbookError) in
      while let event = try reader.next(buffer) {
        guard case .start(let markup) = event, XMLScanner.isNamed(buffer, markup, "Relationship")
        else { continue }
        var relationship = Relationship(id: "", type: "", target: "", isExternal: false)
        XMLScanner.forEachAttribute(buffer, of: markup) { name, _, value in
          if XMLScanner.equals(buffer, name, "Id") {
            relationship.id = attributeText(buffer, value)
          } else if XMLScanner.equals(buffer, name, "Type") {
            relationship.type = attributeText(buffer, value)
          } else if XMLScanner.equals(buffer, name, "Target") {
            relationship.target = attributeText(buffer, value)
          } else if XMLScanner.equals(buffer, name, "TargetMode") {
            relationship.isExternal = attributeText(buffer, value) == "External"
          }
        }
        if !relationship.isExternal {
          relationship.target = resolve(relationship.target, from: part)
        }
        result.append(relationship)
      }
    }
    return result
  }

  /// The decoded text of an attribute value.
  static func attributeText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    var text: [UInt8] = []
    XMLScanner.appendText(bytes, range, to: &text, isAttribute: true)
    return String(decoding: text, as: UTF8.self)
  }

  /// What `workbook.xml` says: its sheets in order and its date system.
  struct WorkbookDescription {
    struct SheetEntry {
      var name: String
      var relationshipID: String
      var isHidden: Bool
    }

    var sheets: [SheetEntry] = []
    var usesDate1904 = false
  }

  /// Reads the sheets and the date system from the workbook part.
  static func workbook(
    _ bytes: [UInt8],
    entry: String,
    limits: WorkbookLimits
  ) throws(WorkbookError) -> WorkbookDescription {
    var reader = try XMLPartReader(entry: entry, bytes: bytes)
    var description = WorkbookDescription()
    try bytes.withUnsafeBufferPointer { buffer throws(WorkbookError) in
      while let event = try reader.next(buffer) {
        guard case .start(let markup) = event else { continue }
        if XMLScanner.isNamed(buffer, markup, "workbookPr") {
          XMLScanner.forEachAttribute(buffer, of: markup) { name, _, value in
            if XMLScanner.equals(buffer, name, "date1904") {
              let text = attributeText(buffer, value)
              description.usesDate1904 = text == "1" || text == "true"
            }
          }
        } else if XMLScanner.isNamed(buffer, markup, "sheet") {
          var sheet = WorkbookDescription.SheetEntry(name: "", relationshipID: "", isHidden: false)
          XMLScanner.forEachAttribute(buffer, of: markup) { name, hasPrefix, value in
            if XMLScanner.equals(buffer, name, "name") && !hasPrefix {
              sheet.name = attributeText(buffer, value)
            } else if XMLScanner.equals(buffer, name, "id") && hasPrefix {
              sheet.relationshipID = attributeText(buffer, value)
            } else if XMLScanner.equals(buffer, name, "state") && !hasPrefix {
              sheet.isHidden = attributeText(buffer, value) != "visible"
            }
          }
          guard description.sheets.count < limits.maximumSheetCount else {
            throw WorkbookError(
              kind: .limitExceeded,
              entry: entry,
              message: "the workbook lists more than \(limits.maximumSheetCount) sheets",
              hint: WorkbookError.saveAsHint
            )
          }
          description.sheets.append(sheet)
        }
      }
    }
    return description
  }

  /// Reads the shared string table: each `<si>` item's text, the `<t>` elements of its runs
  /// joined, leaving out phonetic guides (`<rPh>`).
  ///
  /// - Complexity: O(*n*) in the size of the part.
  static func sharedStrings(
    _ bytes: [UInt8],
    entry: String,
    limits: WorkbookLimits
  ) throws(WorkbookError) -> SharedStrings {
    var reader = try XMLPartReader(entry: entry, bytes: bytes)
    var strings = SharedStrings()
    try bytes.withUnsafeBufferPointer { buffer throws(WorkbookError) in
      var isInItem = false
      var phoneticDepth = 0
      var textStart: Int?
      var preservesSpace = false
      while let event = try reader.next(buffer) {
        switch event {
        case .start(let markup):
          if XMLScanner.isNamed(buffer, markup, "si") {
            guard strings.count < limits.maximumSharedStrings else {
              throw WorkbookError(
                kind: .limitExceeded,
                entry: entry,
                message:
                  "the shared string table '\(entry)' holds more than \(limits.maximumSharedStrings) strings",
                hint: WorkbookError.saveAsHint
              )
            }
            if markup.kind == .empty {
              strings.finishItem()
            } else {
              isInItem = true
            }
          } else if XMLScanner.isNamed(buffer, markup, "rPh") {
            if markup.kind == .start { phoneticDepth += 1 }
          } else if XMLScanner.isNamed(buffer, markup, "t"), isInItem, phoneticDepth == 0,
            markup.kind == .start
          {
            textStart = strings.bytes.count
            preservesSpace = preservesSpaceAttribute(buffer, markup)
          }
        case .end(let markup):
          if XMLScanner.isNamed(buffer, markup, "si") {
            isInItem = false
            guard strings.bytes.count <= Int(UInt32.max) else {
              throw WorkbookError(
                kind: .limitExceeded,
                entry: entry,
                message: "the shared string table '\(entry)' holds more than 4 GiB of text",
                hint: WorkbookError.saveAsHint
              )
            }
            strings.finishItem()
          } else if XMLScanner.isNamed(buffer, markup, "rPh") {
            phoneticDepth = max(0, phoneticDepth - 1)
          } else if XMLScanner.isNamed(buffer, markup, "t"), let start = textStart {
            if !preservesSpace { XMLScanner.trimSpace(in: &strings.bytes, from: start) }
            XMLScanner.unescapeExcelCharacters(in: &strings.bytes, from: start)
            textStart = nil
          }
        case .text(let range):
          if textStart != nil { XMLScanner.appendText(buffer, range, to: &strings.bytes) }
        case .characterData(let range):
          if textStart != nil {
            strings.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
          }
        }
      }
    }
    return strings
  }

  /// Whether a `<t>` tag says `xml:space="preserve"`.
  static func preservesSpaceAttribute(
    _ buffer: UnsafeBufferPointer<UInt8>,
    _ markup: XMLMarkup
  ) -> Bool {
    var preserves = false
    XMLScanner.forEachAttribute(buffer, of: markup) { name, hasPrefix, value in
      if hasPrefix && XMLScanner.equals(buffer, name, "space") {
        preserves = XMLScanner.equals(buffer, value, "preserve")
      }
    }
    return preserves
  }

  /// Reads which cell formats (`<cellXfs>` entries, indexed by a cell's `s`) show dates or
  /// times, from their number format: a built-in date format or a custom format code with date
  /// or time tokens.
  ///
  /// - Complexity: O(*n*) in the size of the part.
  static func styles(_ bytes: [UInt8], entry: String) throws(WorkbookError) -> [DateFormatKind] {
    var reader = try XMLPartReader(entry: entry, bytes: bytes)
    var customFormats: [Int: DateFormatKind] = [:]
    var kinds: [DateFormatKind] = []
    var formatIDs: [Int] = []
    try bytes.withUnsafeBufferPointer { buffer throws(WorkbookError) in
      var isInCellFormats = false
      while let event = try reader.next(buffer) {
        switch event {
        case .start(let markup):
          if XMLScanner.isNamed(buffer, markup, "numFmt") {
            var id: Int?
            var code = ""
            XMLScanner.forEachAttribute(buffer, of: markup) { name, _, value in
              if XMLScanner.equals(buffer, name, "numFmtId") {
                id = Int(attributeText(buffer, value))
              } else if XMLScanner.equals(buffer, name, "formatCode") {
                code = attributeText(buffer, value)
              }
            }
            if let id { customFormats[id] = DateFormatKind(formatCode: code) }
          } else if XMLScanner.isNamed(buffer, markup, "cellXfs") {
            isInCellFormats = markup.kind == .start
          } else if isInCellFormats && XMLScanner.isNamed(buffer, markup, "xf") {
            var id = 0
            XMLScanner.forEachAttribute(buffer, of: markup) { name, _, value in
              if XMLScanner.equals(buffer, name, "numFmtId") {
                id = Int(attributeText(buffer, value)) ?? 0
              }
            }
            formatIDs.append(id)
          }
        case .end(let markup):
          if XMLScanner.isNamed(buffer, markup, "cellXfs") { isInCellFormats = false }
        case .text, .characterData:
          break
        }
      }
    }
    for id in formatIDs {
      kinds.append(customFormats[id] ?? DateFormatKind(builtInFormatID: id))
    }
    return kinds
  }
}

/// The shared string table: every string's UTF-8 bytes end to end, and where each ends.
///
/// The ends are 32-bit: the table's part is at most ``WorkbookLimits/maximumPartSize`` bytes,
/// and its text is no longer than its XML.
struct SharedStrings: Sendable {
  var bytes: [UInt8] = []
  var ends: [UInt32] = []

  var count: Int { ends.count }

  mutating func finishItem() { ends.append(UInt32(truncatingIfNeeded: bytes.count)) }

  /// The byte range of string `index`.
  func range(at index: Int) -> Range<Int> {
    (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
  }
}
