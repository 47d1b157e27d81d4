import Foundation
import SurveyInstruments
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
    #expect(blocks.count == 2)
    let contents = try InstrumentDecoder.decode(
      Array(try #require(blocks.last).utf8),
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
}
