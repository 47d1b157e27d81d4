/// What a file is, judged from its first bytes rather than its name: text to read as CSV, a ZIP
/// archive that may hold a workbook, or something that must not be read as text.
///
///     let kind = FileContentKind(leadingBytes: firstBytes)
///     if let refusal = kind.refusal(fileBytes: firstBytes) { throw refusal }
///
/// The signatures: `PK\u{3}\u{4}` (or an empty archive's `PK\u{5}\u{6}`) is a ZIP archive;
/// `D0 CF 11 E0 A1 B1 1A E1` an OLE compound document (an Excel 97–2003 `.xls`, or a workbook
/// encrypted with a password, which Excel wraps the same way); `%PDF-` a PDF. Other data is
/// binary when its first 64 KiB hold a NUL byte that is not part of UTF-16 text (where the zero
/// bytes fall at every other position), or when more than a quarter of them are control
/// characters; otherwise it is text.
public enum FileContentKind: Sendable, Hashable {
  /// Text: CSV or TSV in UTF-8, UTF-16 or Windows-1252.
  case text
  /// A ZIP archive: an Excel workbook (`.xlsx`, `.xlsm`) or another ZIP-based format.
  case zipArchive
  /// An OLE compound document: an Excel 97–2003 workbook (`.xls`), an encrypted workbook, or
  /// another old Office document.
  case compoundDocument
  /// A PDF document.
  case pdf
  /// Binary data of some other kind.
  case binary

  /// How many bytes from the start of a file are enough to tell: 64 KiB.
  public static let sampleSize = 65_536

  /// Classifies a file from its first bytes (up to ``sampleSize``; more are ignored).
  ///
  /// - Complexity: O(*n*) in the number of bytes looked at, at most ``sampleSize``.
  public init(leadingBytes bytes: [UInt8]) {
    let sample = bytes.prefix(Self.sampleSize)
    if sample.starts(with: [0x50, 0x4B, 0x03, 0x04])
      || sample.starts(with: [0x50, 0x4B, 0x05, 0x06])
      || sample.starts(with: [0x50, 0x4B, 0x07, 0x08])
    {
      self = .zipArchive
    } else if sample.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      self = .compoundDocument
    } else if sample.starts(with: Array("%PDF-".utf8)) {
      self = .pdf
    } else if sample.starts(with: [0xEF, 0xBB, 0xBF]) || sample.starts(with: [0xFF, 0xFE])
      || sample.starts(with: [0xFE, 0xFF])
    {
      self = .text
    } else {
      var zerosAtEven = 0
      var zerosAtOdd = 0
      var controls = 0
      for (offset, byte) in sample.enumerated() {
        if byte == 0 {
          if offset & 1 == 0 { zerosAtEven += 1 } else { zerosAtOdd += 1 }
        } else if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D
          && byte != 0x1B || byte == 0x7F
        {
          controls += 1
        }
      }
      let zeros = zerosAtEven + zerosAtOdd
      if zeros > 0 {
        // UTF-16 text without a byte order mark: zero bytes at one parity only.
        let isUTF16 =
          sample.count >= 4 && max(zerosAtEven, zerosAtOdd) * 10 >= zeros * 9
          && zeros * 100 >= sample.count
        self = isUTF16 ? .text : .binary
      } else {
        self = controls * 4 > sample.count ? .binary : .text
      }
    }
  }

  /// The error that refuses a file of this kind, or `nil` for text and ZIP archives (which
  /// ``Workbook`` examines further).
  ///
  /// For a compound document the directory is looked at, when `fileBytes` reaches it, to tell
  /// an `.xls` workbook from an encrypted one.
  ///
  /// - Parameter fileBytes: The file's bytes, or as many of its first bytes as were read.
  /// - Returns: The error to report, or `nil` when the file may be read.
  /// - Complexity: O(1).
  public func refusal(fileBytes: [UInt8]) -> WorkbookError? {
    switch self {
    case .text, .zipArchive:
      return nil
    case .pdf:
      return WorkbookError(
        kind: .unsupportedFormat,
        message: "the file is a PDF document, not a survey export",
        hint:
          "download the responses from the survey platform as CSV or Excel (.xlsx); a PDF summary cannot be read"
      )
    case .binary:
      return WorkbookError(
        kind: .unsupportedFormat,
        message: "the file holds binary data, not text or an Excel workbook",
        hint:
          "give the CSV or Excel (.xlsx) file the survey platform exported; if this is a spreadsheet, "
          + WorkbookError.saveAsHint
      )
    case .compoundDocument:
      return Self.compoundDocumentRefusal(fileBytes)
    }
  }

  /// Names the streams in the first sector of a compound document's directory to tell what it
  /// holds.
  private static func compoundDocumentRefusal(_ bytes: [UInt8]) -> WorkbookError {
    let reader = ByteReader(bytes: bytes)
    let sectorShift = reader.u16(30)
    var names: [String] = []
    if sectorShift == 9 || sectorShift == 12 {
      let sectorSize = 1 << sectorShift
      let firstSector = reader.u32(48)
      let start = (firstSector + 1) << sectorShift
      if firstSector < 0xFFFF_FFFA, start > 0, start <= bytes.count - sectorSize {
        for entry in stride(from: start, to: start + sectorSize, by: 128) {
          let length = min(64, reader.u16(entry + 64))
          guard length >= 2 else { continue }
          var units: [UInt16] = []
          for offset in stride(from: 0, to: length - 2, by: 2) {
            units.append(UInt16(reader.u16(entry + offset)))
          }
          names.append(String(decoding: units, as: UTF16.self))
        }
      }
    }
    if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") {
      return WorkbookError(
        kind: .unsupportedFormat,
        message: "the file is a password-protected (encrypted) workbook",
        hint:
          "open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), and save it as Excel Workbook (.xlsx) or CSV UTF-8"
      )
    }
    if names.contains("Workbook") || names.contains("Book") {
      return WorkbookError(
        kind: .unsupportedFormat,
        message: "the file is an Excel 97-2003 workbook (.xls), which cannot be read",
        hint: WorkbookError.saveAsHint
      )
    }
    if names.contains("WordDocument") || names.contains("PowerPoint Document") {
      return WorkbookError(
        kind: .unsupportedFormat,
        message: "the file is an old Word or PowerPoint document, not a survey export",
        hint: "give the CSV or Excel (.xlsx) file the survey platform exported"
      )
    }
    return WorkbookError(
      kind: .unsupportedFormat,
      message:
        "the file is an old Office document: an Excel 97-2003 workbook (.xls) or a password-protected workbook, which cannot be read",
      hint: WorkbookError.saveAsHint + " (remove any password first)"
    )
  }
}
