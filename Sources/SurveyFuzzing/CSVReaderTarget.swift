import SurveyCSV

extension FuzzTarget {
  /// `CSVReader` on bytes in memory, with options chosen by the input, read whole twice: with a
  /// small chunk size and with the default one, which must give the same records and error.
  static let csvReader = FuzzTarget(
    name: "csv-reader",
    summary: """
      CSVReader on bytes. Byte 1 chooses the options: bits 0-2 the chunk size (7, 1, 2, 3, 5, \
      64, 4096 or the default), bits 3-5 the delimiter (detected, comma, semicolon, tab, or the \
      next byte), bits 6-7 the encoding (detected, or the next byte: UTF-8, UTF-16LE, UTF-16BE, \
      Windows-1252); the rest is the CSV file.
      """,
    run: readCSV
  )
}

/// One record as the reader gave it, for comparing two reads.
private struct ReadRecord: Equatable {
  var lineNumber: Int
  var index: Int
  var fields: [String]
}

private let chunkSizes = [7, 1, 2, 3, 5, 64, 4096, CSVReader.Options.defaultChunkSize]

@Sendable private func readCSV(_ data: [UInt8]) {
  var input = FuzzInput(data)
  let choice = input.byte()
  var options = CSVReader.Options(chunkSize: chunkSizes[Int(choice & 0x07)])
  switch (choice >> 3) & 0x07 {
  case 1: options.delimiter = .comma
  case 2: options.delimiter = .semicolon
  case 3: options.delimiter = .tab
  case 4: options.delimiter = CSVDelimiter(Unicode.Scalar(input.byte()))
  default: break
  }
  if (choice >> 6) == 1 {
    let encodings = CSVEncoding.allCases
    options.encoding = encodings[Int(input.byte()) % encodings.count]
  }
  let bytes = input.rest

  let reader = CSVReader(bytes: bytes, options: options)
  if let delimiter = options.delimiter {
    check(reader.delimiter == delimiter && !reader.isDelimiterDetected, "the given delimiter")
  }
  if let encoding = options.encoding {
    check(reader.encoding == encoding && reader.encodingDetection == .specified, "the encoding")
  }
  let (records, error) = read(reader, checkingUTF8: options.encoding == nil)
  if let error { _ = error.description }

  var reference = options
  reference.chunkSize = CSVReader.Options.defaultChunkSize
  let referenceReader = CSVReader(bytes: bytes, options: reference)
  check(
    referenceReader.delimiter == reader.delimiter && referenceReader.encoding == reader.encoding,
    "detection depends on the chunk size"
  )
  let (referenceRecords, referenceError) = read(referenceReader, checkingUTF8: false)
  check(
    records == referenceRecords,
    "chunk size \(options.chunkSize) gives other records than the default chunk size"
  )
  check(error == referenceError, "chunk size \(options.chunkSize) gives another error")
}

/// Every record of `reader` (up to the first error) and the error, checking what holds for any
/// record: at least one field, indices counting from 0, lines rising, fields the same whether
/// read as strings or as bytes, and (when `checkingUTF8`) well-formed UTF-8.
private func read(_ reader: CSVReader, checkingUTF8: Bool) -> ([ReadRecord], CSVError?) {
  var records: [ReadRecord] = []
  do {
    try reader.forEachRecord { record in
      check(record.count >= 1, "a record with no fields")
      check(record.index == records.count, "record index \(record.index) after \(records.count)")
      check(record.lineNumber > (records.last?.lineNumber ?? 0), "line numbers do not rise")
      let fields = record.strings()
      check(fields.count == record.count, "strings() and count disagree")
      for (index, field) in fields.enumerated() {
        check(record.isEmpty(at: index) == field.isEmpty, "isEmpty(at:) disagrees with the field")
        let bytes = record.withBytes(at: index) { span in
          (0..<span.count).map { span[$0] }
        }
        if checkingUTF8 {
          check(bytes == Array(field.utf8), "a field's bytes are not well-formed UTF-8")
        }
      }
      records.append(ReadRecord(lineNumber: record.lineNumber, index: record.index, fields: fields))
    }
    return (records, nil)
  } catch let error as CSVError {
    check(error.kind == .unterminatedQuote, "bytes in memory failed with \(error.kind)")
    check(error.line != nil && error.column != nil, "an unclosed quote without a position")
    return (records, error)
  } catch {
    fatalError("CSVReader threw something other than CSVError: \(error)")
  }
}
