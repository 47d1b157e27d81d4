import Foundation
import LonelinessCommandLine
import Testing

@Suite struct CommandWordingTests {
  @Test func `cut-off sources read as one list, worded by how many there are`() {
    let result = run([
      "report", "Examples/provider-outcomes/baseline.csv", "-i", "ons-loneliness", "-i", "swemwbs",
    ])
    let about = result.output.replacingOccurrences(of: "\n    ", with: " ")
    #expect(!about.contains(".;"))
    for certainty in ["(from a", "(confirmed", "(not confirmed", "(UNCONFIRMED"] {
      #expect(!about.contains(". \(certainty)"), "a full stop before \(certainty)")
    }
    // Two Community Life Survey releases: one publisher, so not independent, and not "single".
    let never = about.split(separator: "\n").first {
      $0.contains("Cut-off for ons-loneliness.never")
    }
    #expect(never?.contains("Sources: Department for Culture, Media and Sport") == true)
    #expect(never?.contains("not confirmed by two independent sources") == true)
    #expect(never?.contains("from a single source") == false)
    // The UCLA-3 grouping has no primary source: the report says so instead of citing a path.
    let ucla = about.split(separator: "\n").first {
      $0.contains("Cut-off for ons-loneliness.ucla3:")
    }
    #expect(
      ucla?.contains("UNCONFIRMED: a convention in use, with no primary source found") == true
    )
    #expect(!about.contains("ccc-dashboard") && !about.contains("citation to be added"))
  }
}
