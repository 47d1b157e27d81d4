import Foundation
import SurveyInstruments
import TestSupport
import Testing

/// The JSON code blocks of Instruments/README.md, in order.
func readmeJSONBlocks() throws -> [String] {
  let text = try String(
    contentsOf: instrumentsFolder.appendingPathComponent("README.md"),
    encoding: .utf8
  )
  var blocks: [String] = []
  var current: [Substring]?
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    if line == "```json" {
      current = []
    } else if line == "```", let lines = current {
      blocks.append(lines.joined(separator: "\n"))
      current = nil
    } else {
      current?.append(line)
    }
  }
  return blocks
}

@Suite struct InstrumentsReadmeTests {
  @Test func `the README's worked example is a valid instrument with what the text says it has`()
    throws
  {
    let blocks = try readmeJSONBlocks()
    let example = try #require(blocks.first)
    let instrument = try InstrumentDecoder.decodeInstrument(Array(example.utf8), file: "README.md")
    #expect(instrument.id == "council-loneliness")
    #expect(
      instrument.item(withID: "lonely-six-weeks")?.wording
        == "How often have you felt lonely in the last six weeks?"
    )
    #expect(
      instrument.scale(withID: "six-point")?.options.map(\.label) == [
        "All of the time", "Often", "Some of the time", "Occasionally", "Hardly ever", "Never",
      ]
    )
    #expect(instrument.score(withID: "connection")?.items.last?.isReversed == true)
    #expect(
      instrument.indicator(withID: "often-or-more")?.condition
        == .itemCodes("lonely-six-weeks", [1, 2])
    )
  }

  @Test func `the README's extension example is a valid extension of swemwbs`() throws {
    let blocks = try readmeJSONBlocks()
    #expect(blocks.count == 3)
    let contents = try InstrumentDecoder.decode(
      Array(blocks[1].utf8),
      file: "README.md"
    )
    guard case .extension(let addition) = contents else {
      Issue.record("expected an extension")
      return
    }
    #expect(addition.extends == "swemwbs")
    let swemwbs = try #require(InstrumentCatalogue.builtIn.instrument(withID: "swemwbs"))
    for item in addition.items { #expect(swemwbs.item(withID: item.id) != nil) }
  }

  @Test func `the README's answer aliases extend ons-loneliness as the text says`() throws {
    let blocks = try readmeJSONBlocks()
    let folder = try temporaryFolder("aliases")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("spellings.json")
    try blocks[2].write(to: file, atomically: true, encoding: .utf8)
    var catalogue = InstrumentCatalogue.builtIn
    try catalogue.load(paths: [folder.path])
    let scale = try #require(
      catalogue.instrument(withID: "ons-loneliness")?.scale(withID: "direct-frequency")
    )
    #expect(scale.options.first { $0.code == 4 }?.label == "Hardly ever")
    #expect(scale.options.first { $0.code == 4 }?.aliases.contains("Rarely") == true)
    #expect(
      scale.missingAnswers.first { $0.label == "Prefer not to say" }?.aliases.contains(
        "Rather not say"
      ) == true
    )
  }

  @Test func `answer aliases that name no answer or collide are refused`() throws {
    let folder = try temporaryFolder("bad-aliases")
    defer { try? FileManager.default.removeItem(at: folder) }
    try """
    {"format": 1, "extends": "ons-loneliness", "scales": [
      {"id": "direct-frequency", "options": [
        {"code": 9, "aliases": ["Sometimes"]},
        {"code": 1, "aliases": ["never"]}
      ]}
    ]}
    """.write(
      to: folder.appendingPathComponent("bad.json"),
      atomically: true,
      encoding: .utf8
    )
    var catalogue = InstrumentCatalogue.builtIn
    let error = #expect(throws: InstrumentFileError.self) {
      try catalogue.load(paths: [folder.path])
    }
    let messages = error?.diagnostics.map(\.message) ?? []
    #expect(
      messages.contains {
        $0.hasPrefix("the scale 'direct-frequency' has no answer with the code 9")
      }
    )
    #expect(
      messages.contains(
        "the alias 'never' for 'Often/always' already names 'Never' on the scale 'direct-frequency'; an answer may have only one meaning"
      )
    )
  }
}
