import Foundation
import LonelinessCommandLine
import TestSupport
import Testing

/// Any bytes given to `inspect` and `report` end with a documented exit code and an explanation,
/// never a crash, and the file is left as it was.
///
/// The inputs come from a seeded generator, so a failure names the case and its seed and keeps the
/// input file for replaying: random bytes, the examples mutated, truncated, strewn with NUL bytes
/// or re-encoded, and example headers over rows of awkward cells.
@Suite struct ArbitraryInputTests {
  /// The batches the cases are split into, so that they run in parallel.
  static let batches = 0..<8
  /// Cases per batch: 240 in all.
  static let casesPerBatch = 30

  @Test(arguments: batches)
  func `inspect and report end with a documented exit code for any bytes`(batch: Int) throws {
    let folder = try temporaryFolder("arbitrary-input")
    var keepFolder = false
    defer { if !keepFolder { try? FileManager.default.removeItem(at: folder) } }

    for index in 0..<Self.casesPerBatch {
      let number = batch * Self.casesPerBatch + index
      var generator = SeededGenerator(seed: 0x10E1_1AE5 &+ UInt64(number))
      let (kind, bytes) = ArbitraryExport.make(number, using: &generator)
      let file = folder.appendingPathComponent("case-\(number).csv")
      try Data(bytes).write(to: file)
      for arguments in commands(for: file.path, number) {
        let result = run(arguments)
        // Of the documented codes, only these fit a readable file and no output file: 66, 73
        // and 74 would misreport bad data as a file or I/O problem.
        let expected: Set<ExitCode> = [.success, .usage, .dataError]
        let isUnchanged = try Data(contentsOf: file) == Data(bytes)
        let failed =
          !expected.contains(result.exitCode)
          || (result.exitCode == .success && result.output.isEmpty)
          || (result.exitCode != .success && !result.errors.contains("error"))
          || !isUnchanged
        if failed {
          keepFolder = true
          Issue.record(
            """
            case \(number) (\(kind), \(bytes.count) bytes, kept at \(file.path)):
            \(arguments.joined(separator: " ")) exited \(result.exitCode.rawValue)
            with \(result.output.count) characters of output; errors:
            \(result.errors.prefix(600))
            """
          )
        }
      }
    }
  }

  /// `inspect` and `report` of `path`, in a format chosen by the case number.
  private func commands(for path: String, _ number: Int) -> [[String]] {
    let reportFormats = ["text", "markdown", "csv", "json", "html"]
    return [
      ["inspect", path] + (number % 3 == 0 ? ["--format", "json"] : []),
      ["report", path, "--format", reportFormats[number % reportFormats.count]],
    ]
  }
}

/// Export-like inputs for property tests.
enum ArbitraryExport {
  /// The first lines of each example export, up to about 3 KB each.
  static let examples: [[UInt8]] = {
    let names = [
      "kent-esurvey/export.csv", "platform-exports/google-forms.csv",
      "platform-exports/microsoft-forms.csv", "platform-exports/qualtrics.csv",
      "platform-exports/smartsurvey.csv", "platform-exports/surveymonkey.csv",
      "provider-outcomes/baseline.csv", "provider-outcomes/outcomes-long.csv",
      "residents-survey/survey.csv", "cohort-comparison/combined.csv",
    ]
    return names.compactMap { name in
      let url = packageRoot.appendingPathComponent("Examples/\(name)")
      guard let data = try? Data(contentsOf: url) else { return nil }
      var bytes = [UInt8](data.prefix(3_000))
      if let lastBreak = bytes.lastIndex(of: 0x0A) { bytes.removeSubrange((lastBreak + 1)...) }
      return bytes
    }
  }()

  /// Bytes that matter to CSV, encodings and answers.
  static let interestingBytes: [UInt8] = [
    0x2C, 0x3B, 0x09, 0x22, 0x0D, 0x0A, 0x00, 0x20, 0x31, 0x61, 0x3D, 0x2B, 0x2D, 0x40, 0x7C,
    0x1B, 0x7F, 0x80, 0x92, 0xA0, 0xC3, 0xA9, 0xE2, 0x80, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF,
  ]

  /// Cells that answer, half-answer or break the built-in scales.
  static let awkwardCells = [
    "", " ", "Often", "often or always", "Hardly ever or never", "10 - Completely", "7", "-9",
    "999999999999", "1e309", "Prefer not to say", "\"", "\"\"", "=1+1", "\t=1", "\r=1", "a\nb",
    "\u{0}", "\u{1B}]0;title\u{7}", "😀", "Don’t know", String(repeating: "x", count: 300),
  ]

  /// The input for case `number`, and what kind it is.
  static func make(
    _ number: Int,
    using generator: inout some RandomNumberGenerator
  ) -> (kind: String, bytes: [UInt8]) {
    let example = examples.isEmpty ? [] : examples[number % examples.count]
    switch number % 6 {
    case 0:
      let count = Int.random(in: 0...1_500, using: &generator)
      let alphabet = Bool.random(using: &generator) ? Array(0...255) : interestingBytes
      return ("random bytes", (0..<count).map { _ in randomElement(alphabet, &generator) })
    case 1:
      return (
        "mutated example",
        mutated(example, times: .random(in: 1...20, using: &generator), &generator)
      )
    case 2:
      return (
        "truncated example",
        Array(example.prefix(.random(in: 0...example.count, using: &generator)))
      )
    case 3:
      var bytes = example
      for _ in 0..<Int.random(in: 1...12, using: &generator) where !bytes.isEmpty {
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        if Bool.random(using: &generator) {
          bytes[position] = 0
        } else {
          bytes.insert(0, at: position)
        }
      }
      return ("example with NUL bytes", bytes)
    case 4:
      let text = String(decoding: example, as: UTF8.self)
      let bigEndian = Bool.random(using: &generator)
      var bytes: [UInt8] =
        Bool.random(using: &generator) ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
      for unit in text.utf16 {
        let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        bytes += bigEndian ? pair : pair.reversed()
      }
      return (
        "re-encoded example",
        mutated(bytes, times: .random(in: 0...3, using: &generator), &generator)
      )
    default:
      let header = example.split(separator: 0x0A, maxSplits: 1).first.map(Array.init) ?? []
      let columns = header.filter { $0 == 0x2C }.count + 1
      var text = String(decoding: header, as: UTF8.self) + "\n"
      for _ in 0..<Int.random(in: 0...30, using: &generator) {
        let cells = (0..<columns).map { _ in
          let cell = randomElement(awkwardCells, &generator)
          return Bool.random(using: &generator)
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        text += cells.joined(separator: ",") + (Bool.random(using: &generator) ? "\r\n" : "\n")
      }
      return ("example header over awkward cells", Array(text.utf8))
    }
  }

  /// `bytes` changed `times` times: a byte replaced, bytes inserted, a range removed or doubled.
  static func mutated(
    _ bytes: [UInt8],
    times: Int,
    _ generator: inout some RandomNumberGenerator
  ) -> [UInt8] {
    var bytes = bytes
    for _ in 0..<times {
      let position = Int.random(in: 0...bytes.count, using: &generator)
      let length = Int.random(in: 0...min(64, bytes.count - position), using: &generator)
      switch Int.random(in: 0..<4, using: &generator) {
      case 0 where position < bytes.count:
        bytes[position] = randomElement(interestingBytes, &generator)
      case 1:
        let inserted = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
          randomElement(interestingBytes, &generator)
        }
        bytes.insert(contentsOf: inserted, at: position)
      case 2:
        bytes.removeSubrange(position..<position + length)
      default:
        bytes.insert(contentsOf: bytes[position..<position + length], at: position)
      }
    }
    return bytes
  }

  private static func randomElement<Element>(
    _ elements: [Element],
    _ generator: inout some RandomNumberGenerator
  ) -> Element {
    elements[Int.random(in: 0..<elements.count, using: &generator)]
  }
}
