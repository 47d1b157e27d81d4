import Foundation
import SurveyInstruments
import Testing

/// The instruments folder at the top of the package, found from this file's path.
let instrumentsFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Instruments")

@Suite struct BuiltInInstrumentsTests {
  @Test func `every built-in file decodes without problems`() throws {
    for file in BuiltInInstruments.files {
      do {
        _ = try InstrumentDecoder.decodeInstrument(file.bytes, file: file.name)
      } catch {
        Issue.record("\(error)")
      }
    }
    #expect(InstrumentCatalogue.builtIn.instruments.map(\.id.rawValue) == [
      "ons-loneliness", "wemwbs", "swemwbs", "ons4", "djg6",
    ])
  }
}
