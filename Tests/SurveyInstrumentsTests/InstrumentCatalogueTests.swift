import Foundation
import SurveyInstruments
import SurveyPlatform
import TestSupport
import Testing

@Suite struct InstrumentCatalogueTests {
  @Test func `an extension file adds licensed wording to a built-in instrument`() throws {
    let folder = try temporaryFolder()
    let file = folder.appendingPathComponent("swemwbs-wording.json")
    try
      #"{ "format": 1, "extends": "swemwbs", "items": [ { "id": "useful", "wording": "Licensed wording for useful", "aliases": ["Q7 useful"] } ] }"#
      .write(to: file, atomically: true, encoding: .utf8)
    var catalogue = InstrumentCatalogue.builtIn
    let loaded = try catalogue.load(paths: [folder.path])
    #expect(loaded == [folder.path + "/swemwbs-wording.json"])
    let swemwbs = try catalogue.instrument(named: "swemwbs")
    #expect(swemwbs.item(withID: "useful")?.wording == "Licensed wording for useful")
    #expect(swemwbs.item(withID: "useful")?.aliases == ["Q7 useful"])
    #expect(swemwbs.item(withID: "optimistic")?.wording == nil)
    #expect(catalogue.extensions["swemwbs"] == [file.path])
  }

  @Test func `a user instrument that reuses a built-in id is rejected and nothing is loaded`()
    throws
  {
    let folder = try temporaryFolder()
    let copy = folder.appendingPathComponent("ons4.json")
    try FileManager.default.copyItem(
      at: instrumentsFolder.appendingPathComponent("ons4.json"),
      to: copy
    )
    try councilInstrument.write(
      to: folder.appendingPathComponent("council.json"),
      atomically: true,
      encoding: .utf8
    )
    var catalogue = InstrumentCatalogue.builtIn
    let error = #expect(throws: InstrumentFileError.self) {
      try catalogue.load(paths: [folder.path])
    }
    #expect(
      error?.description == """
        \(copy.path):3:9: error: id: the instrument id 'ons4' is already defined (built-in)
        hint: choose another id; to add wording to the built-in instrument, write an extension file with "extends": "ons4"
        """
    )
    #expect(catalogue.instrument(withID: "council-loneliness") == nil, "a failed load adds nothing")
  }

  @Test func `an extension naming an unknown item or instrument is rejected with a suggestion`()
    throws
  {
    let folder = try temporaryFolder()
    let file = folder.appendingPathComponent("x.json")
    try #"{ "format": 1, "extends": "swembws", "items": [ { "id": "usefull", "wording": "W" } ] }"#
      .write(to: file, atomically: true, encoding: .utf8)
    var catalogue = InstrumentCatalogue.builtIn
    var error = #expect(throws: InstrumentFileError.self) { try catalogue.load(paths: [file.path]) }
    #expect(
      error?.description
        == "\(file.path):1:27: error: extends: unknown instrument 'swembws'\nhint: did you mean 'swemwbs'?"
    )
    try #"{ "format": 1, "extends": "swemwbs", "items": [ { "id": "usefull", "wording": "W" } ] }"#
      .write(to: file, atomically: true, encoding: .utf8)
    error = #expect(throws: InstrumentFileError.self) { try catalogue.load(paths: [file.path]) }
    #expect(
      error?.description
        == "\(file.path):1:49: error: items: 'swemwbs' has no item 'usefull'\nhint: did you mean 'useful'?"
    )
  }

  @Test func `a missing path is a file-system error naming the path`() {
    var catalogue = InstrumentCatalogue.builtIn
    let error = #expect(throws: FileSystemError.self) {
      try catalogue.load(paths: ["/no/such/instruments"])
    }
    #expect(error?.kind == .notFound)
    #expect(error?.path == "/no/such/instruments")
  }

  @Test func `an unknown instrument name suggests the nearest id`() {
    let error = #expect(throws: UnknownInstrumentError.self) {
      try InstrumentCatalogue.builtIn.instrument(named: "swemwb")
    }
    #expect(error?.suggestions.first == "swemwbs")
    #expect(
      error?.description
        == "error: unknown instrument 'swemwb'\nhint: did you mean 'swemwbs'? Run 'loneliness instruments' to list them all."
    )
  }
}

@Suite struct LabelNormalizationTests {
  @Test(arguments: [
    ("Often / always", "often always"), ("often/always", "often always"),
    (" OFTEN - always ", "often always"),
    ("Don’t know", "don t know"), ("Don't know", "don t know"), ("Q3. How often?", "q3 how often"),
    ("Hardly\u{00A0}ever", "hardly ever"),
  ])
  func `labels normalise for matching`(input: String, expected: String) {
    #expect(normalizedLabel(input) == expected)
  }
}
