import Foundation
import SurveyFuzzing
import TestSupport
import Testing

/// The folder holding one corpus folder per fuzz target.
let corpusFolder = packageRoot.appendingPathComponent("Tests/SurveyFuzzingTests/Corpus")

/// Replays each target's committed corpus (seeds and the reproducers of fixed findings) through
/// the target, so that every corpus file is a regression test.
@Suite struct CorpusReplayTests {
  @Test(arguments: FuzzTarget.all.map(\.name))
  func `the committed corpus replays without a finding`(_ name: String) throws {
    let target = try #require(FuzzTarget.named(name))
    let folder = corpusFolder.appendingPathComponent(name)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files.count >= 10, "the \(name) corpus has only \(files.count) files")
    for file in files {
      let data = try Data(contentsOf: folder.appendingPathComponent(file))
      target.run([UInt8](data))
    }
  }
}
