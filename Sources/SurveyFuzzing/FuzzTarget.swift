// Fuzz targets: each reader of untrusted bytes as a function of bytes. libFuzzer drives them
// through the `loneliness-fuzz` executable (Scripts/fuzz.sh); the tests replay the committed
// corpus through the same functions, so every corpus file is a regression test.

import SurveyInstruments

/// A reader of untrusted bytes, with the checks that must hold for any input.
///
/// `run` returns for every input; a crash, a failed check (reported with `fatalError`), a leak
/// or an input that takes too long is a finding.
package struct FuzzTarget: Sendable {
  /// The name used on the command line and as the corpus folder's name.
  package let name: String
  /// What the target reads and how its input is laid out, for `--help`.
  package let summary: String
  /// Reads one input.
  package let run: @Sendable ([UInt8]) -> Void

  /// Every target, in the order the fuzz script runs them.
  package static let all: [FuzzTarget] = [
    csvReader, jsonReader, instrumentDecoder, answerMatching, exportImporter, workbookReader,
    captureExport, marginsReader,
  ]

  /// Builds what the targets share and keep for the life of the process (the built-in
  /// instruments), so that a fuzzing driver can do it before the first input, outside leak
  /// checking.
  package static func prepare() {
    _ = builtInInstruments
    _ = builtInScales
  }

  /// The target called `name`, if there is one.
  ///
  /// - Complexity: O(*n*) in the number of targets.
  package static func named(_ name: String) -> FuzzTarget? {
    all.first { $0.name == name }
  }
}

/// The built-in instruments, decoded once.
let builtInInstruments = InstrumentCatalogue.builtIn.instruments

/// The scales of the built-in instruments.
let builtInScales = builtInInstruments.flatMap(\.scales)

/// Stops the program with `message` when `condition` is false, in every build configuration
/// (unlike `assert`), so that libFuzzer records the input as a crash.
func check(
  _ condition: Bool,
  _ message: @autoclosure () -> String,
  file: StaticString = #file,
  line: UInt = #line
) {
  if !condition { fatalError("fuzz check failed: \(message())", file: file, line: line) }
}
