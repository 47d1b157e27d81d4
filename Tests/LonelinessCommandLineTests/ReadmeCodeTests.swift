import Foundation
import TestSupport
import Testing

@Suite struct ReadmeCodeTests {
  @Test func `the README's Swift code is the code the usage tests compile and run`() throws {
    let readme = try String(
      contentsOf: packageRoot.appendingPathComponent("README.md"),
      encoding: .utf8
    )
    let source = try String(
      contentsOf: packageRoot.appendingPathComponent(
        "Tests/ToolkitUsageTests/ToolkitUsageTests.swift"
      ),
      encoding: .utf8
    )
    var blocks: [[String]] = []
    var current: [String]?
    for line in source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.contains("// README: end") {
        if let block = current { blocks.append(block) }
        current = nil
      } else if line.contains("// README: ") {
        current = []
      } else {
        current?.append(line.count >= 4 ? String(line.dropFirst(4)) : line)
      }
    }
    #expect(blocks.count == 2)
    for block in blocks {
      let code = block.joined(separator: "\n")
      #expect(readme.contains("import LonelinessToolkit\n\n" + code), "the README lacks:\n\(code)")
    }
  }
}
