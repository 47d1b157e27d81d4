/// The bounds a workbook must stay within, so that a damaged or hostile file fails with an error
/// instead of exhausting memory or time.
///
/// ``standard`` is used unless a caller passes others; the defaults are far beyond what Excel
/// writes (Excel's own grid is 1,048,576 rows by 16,384 columns, and a cell holds at most 32,767
/// characters).
public struct WorkbookLimits: Sendable, Hashable {
  /// The largest workbook file read into memory: 2 GiB.
  public var maximumFileSize: Int

  /// The most entries the archive's directory may list: 65,535.
  public var maximumEntryCount: Int

  /// How many times its compressed size an entry may expand to: 100 (text in real workbooks
  /// compresses 5 to 30 times).
  ///
  /// An entry is refused only when it is past both this ratio and ``expansionAllowance``.
  public var maximumExpansionRatio: Int

  /// The size an entry may expand to whatever its ratio: 1 GiB.
  public var expansionAllowance: Int

  /// The largest part read whole into memory: 1 GiB.
  ///
  /// The workbook, relationships, styles and shared strings are read whole; worksheets are
  /// streamed and have no such limit.
  public var maximumPartSize: Int

  /// The longest stretch of a worksheet held at once: one row with all its cells, or one element
  /// outside the rows: 64 MiB.
  public var maximumRowSize: Int

  /// The largest row number: 1,048,576, as in Excel.
  public var maximumRows: Int

  /// The largest column number: 16,384 (column `XFD`), as in Excel.
  public var maximumColumns: Int

  /// The most sheets a workbook may list: 10,000.
  public var maximumSheetCount: Int

  /// The most strings the shared string table may hold: 16,777,216 (a survey of 100,000
  /// respondents with a free-text answer each needs about 100,000).
  public var maximumSharedStrings: Int

  /// The limits used unless a caller passes others.
  public static let standard = WorkbookLimits(
    maximumFileSize: 2 << 30,
    maximumEntryCount: 65_535,
    maximumExpansionRatio: 100,
    expansionAllowance: 1 << 30,
    maximumPartSize: 1 << 30,
    maximumRowSize: 64 << 20,
    maximumRows: 1_048_576,
    maximumColumns: 16_384,
    maximumSheetCount: 10_000,
    maximumSharedStrings: 1 << 24
  )

  /// Whether an entry of `compressedSize` bytes may expand to `size` bytes.
  ///
  /// - Complexity: O(1).
  public func allowsExpansion(to size: Int, fromCompressedSize compressedSize: Int) -> Bool {
    let ratio = max(1, maximumExpansionRatio)
    // size <= ratio × compressedSize, without overflow.
    return size <= expansionAllowance
      || size / ratio + (size % ratio == 0 ? 0 : 1) <= compressedSize
  }
}
