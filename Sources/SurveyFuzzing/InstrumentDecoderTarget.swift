import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyScoring

extension FuzzTarget {
  /// The instrument-file decoder, as `loneliness instruments validate` runs it; an instrument it
  /// accepts is then used as `--instruments` would use it: a file of its answers is read and
  /// scored.
  static let instrumentDecoder = FuzzTarget(
    name: "instrument-decoder",
    summary: """
      InstrumentDecoder on the input as an instrument or extension file. An instrument that \
      decodes reads a CSV with an INSTRUMENT.ITEM column per item, holding each answer's code, \
      label and alias, the missing answers and blanks, and scores it.
      """,
    run: decodeInstrument
  )
}

@Sendable private func decodeInstrument(_ bytes: [UInt8]) {
  let contents: InstrumentFileContents
  do {
    contents = try InstrumentDecoder.decode(bytes, file: "fuzz.json")
  } catch {
    check(!error.diagnostics.isEmpty, "the file was refused without a reason")
    for diagnostic in error.diagnostics {
      check(diagnostic.file == "fuzz.json", "a diagnostic names another file")
      check(!diagnostic.message.isEmpty, "a diagnostic without a message")
    }
    _ = error.description
    return
  }
  guard case .instrument(let instrument) = contents else { return }
  for item in instrument.items {
    check(instrument.scale(for: item) != nil, "item '\(item.id)' has no scale")
  }
  let csv = answersFile(for: instrument)
  do {
    let result = try ExportImporter.read(
      .bytes(csv, name: "answers.csv"),
      instruments: [instrument]
    )
    checkCounts(result)
    _ = Scorer.score(result.table)
  } catch {
    fatalError("a generated answers file could not be read: \(error)")
  }
}

/// A CSV file with one `INSTRUMENT.ITEM` column per item and rows holding, in turn, each answer
/// of the item's scale as a code, a label and each alias, each missing answer, and a blank.
private func answersFile(for instrument: Instrument) -> [UInt8] {
  var answers: [[String]] = []
  for item in instrument.items {
    var cells: [String] = [""]
    if let scale = instrument.scale(for: item) {
      for option in scale.options {
        cells.append(String(option.code))
        cells.append(option.label)
        cells.append(contentsOf: option.aliases)
      }
      for missing in scale.missingAnswers {
        cells.append(missing.label)
        if let code = missing.code { cells.append(String(code)) }
      }
    }
    answers.append(cells)
  }
  let rowCount = min(answers.map(\.count).max() ?? 0, 256)
  var text =
    (["respondent_id"] + instrument.items.map { "\(instrument.id).\($0.id)" })
    .map(quoted).joined(separator: ",") + "\n"
  for row in 0..<rowCount {
    let cells = answers.map { $0[row % $0.count] }
    text += (["r\(row)"] + cells).map(quoted).joined(separator: ",") + "\n"
  }
  return Array(text.utf8)
}

/// `text` as a quoted CSV field.
private func quoted(_ text: String) -> String {
  var result = "\""
  for character in text {
    result += character == "\"" ? "\"\"" : String(character)
  }
  return result + "\""
}
