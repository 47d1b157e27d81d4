// The fuzz driver. `loneliness-fuzz --target=NAME [ARGUMENT...]`
//
// Built normally (`swift build`), it replays the files given as arguments (files, or folders
// whose files are all read) through the target: a corpus is checked without libFuzzer.
//
// Built by Scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`, it hands the arguments
// to libFuzzer, which runs the target on the corpus folders given and then on inputs it makes.
// libFuzzer ignores arguments that start with `--`, and passes them on to any process it
// starts, so `--target=NAME` can sit anywhere among its options.

import SurveyFuzzing
import SurveyPlatform

let usage = """
  usage: loneliness-fuzz --target=NAME [FILE-OR-FOLDER...]
  targets:
  \(FuzzTarget.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n"))

  """

if CommandLine.arguments.contains("--help") {
  writeStandardOutput(usage)
  exitProcess(0)
}
guard let target = chosenTarget else {
  writeStandardError(usage)
  exitProcess(64)
}

#if FUZZING
exitProcess(runLibFuzzer())
#else
let arguments = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
guard !arguments.isEmpty else {
  writeStandardError(usage)
  exitProcess(64)
}
var replayed = 0
for argument in arguments {
  do {
    var files: [String] = []
    switch pathKind(argument) {
    case .directory:
      let folder = argument.hasSuffix("/") ? argument : argument + "/"
      files = try listDirectory(argument).sorted().map { folder + $0 }
    default:
      files = [argument]
    }
    for file in files where pathKind(file) != .directory {
      target.run(try readFile(file))
      replayed += 1
    }
  } catch {
    writeStandardError("loneliness-fuzz: \(error)\n")
    exitProcess(66)
  }
}
writeStandardOutput("\(target.name): \(replayed) inputs replayed, no finding\n")
#endif
