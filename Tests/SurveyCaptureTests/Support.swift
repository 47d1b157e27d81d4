import SurveyCapture
import SurveyInstruments

/// A built-in instrument.
func builtIn(_ id: String) throws -> Instrument {
  try InstrumentCatalogue.builtIn.instrument(named: id)
}

/// The bytes of `text` as UTF-8.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// An item's counts as one list: option counts, missing counts, blank, unrecognised.
func tally(_ report: ImportReport, _ key: String) -> [Int]? {
  guard let item = report.items.first(where: { $0.key.description == key }) else { return nil }
  return item.counts.options.map(\.count) + item.counts.missing.map(\.count) + [
    item.counts.blank, item.counts.unrecognised,
  ]
}
