import Foundation
import LonelinessCommandLine
import TestSupport
import Testing

/// A fresh folder holding a copy of the Google Forms example as `export.csv`.
private func folderWithExport() throws -> (folder: URL, export: URL, bytes: Data) {
  let folder = try temporaryFolder("outputs")
  let bytes = try Data(
    contentsOf: packageRoot.appendingPathComponent("Examples/platform-exports/google-forms.csv")
  )
  let export = folder.appendingPathComponent("export.csv")
  try bytes.write(to: export)
  return (folder, export, bytes)
}

/// Runs `program` with `arguments` and waits for it.
private func runProgram(_ program: String, _ arguments: [String]) throws -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program)
  process.arguments = arguments
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus
}

@Suite(.serialized) struct OutputSafetyTests {
  /// Every command that writes `-o`.
  static let commands = ["report", "score", "compare", "change"]

  /// The arguments of `command` reading `file`.
  static func arguments(_ command: String, reading file: String) -> [String] {
    switch command {
    case "compare": ["compare", file, "--cohort", "Which ward do you live in?"]
    case "change": ["change", file, file, "--id", "Timestamp"]
    case "weight": ["weight", file, "--margins", "Examples/residents-survey/margins.csv"]
    default: [command, file, "-i", "ons-loneliness"]
    }
  }

  @Test(arguments: ["report", "score", "compare", "change", "weight"])
  func `an output that names the input is refused before anything is read`(
    command: String
  )
    throws
  {
    let (folder, export, bytes) = try folderWithExport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let link = folder.appendingPathComponent("link.csv")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: export)
    let hard = folder.appendingPathComponent("hard.csv")
    try FileManager.default.linkItem(at: export, to: hard)
    let arguments = Self.arguments(command, reading: export.path)
    let spellings = [
      export.path, folder.path + "/./export.csv", link.path, hard.path,
    ]
    for output in spellings {
      let result = run(arguments + ["-o", output])
      #expect(result.exitCode == .usage, "\(command) -o \(output): \(result.errors)")
      #expect(
        result.errors.hasPrefix(
          "error: the output '\(output)' is the input file '\(export.path)'; writing it would replace the input, which is never modified\n"
        ),
        "\(result.errors)"
      )
      #expect(try Data(contentsOf: export) == bytes, "the input is unchanged")
    }
  }

  @Test func `an instrument file named as the output is refused`() throws {
    let (folder, export, _) = try folderWithExport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let instruments = folder.appendingPathComponent("instruments")
    try FileManager.default.createDirectory(at: instruments, withIntermediateDirectories: true)
    let own = instruments.appendingPathComponent("own.json")
    try Data(
      contentsOf: packageRoot.appendingPathComponent("Examples/kent-esurvey/kent-loneliness.json")
    ).write(to: own)
    let result = run([
      "report", export.path, "--instruments", instruments.path, "-o", own.path,
    ])
    #expect(result.exitCode == .usage)
    #expect(result.errors.contains("is the input file '\(instruments.path)/own.json'"))
  }

  @Test func `a device node named by -o is written in place, not replaced`() throws {
    guard geteuid() == 0 else { return }  // mknod needs root, as CI and containers run
    let (folder, export, _) = try folderWithExport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let null = folder.appendingPathComponent("null")
    #expect(try runProgram("/usr/bin/mknod", [null.path, "c", "1", "3"]) == 0)
    for command in Self.commands {
      let result = run(Self.arguments(command, reading: export.path) + ["-o", null.path])
      #expect(result.exitCode == .success, "\(command): \(result.errors)")
      let type =
        try FileManager.default.attributesOfItem(atPath: null.path)[.type] as? FileAttributeType
      #expect(type == .typeCharacterSpecial, "\(command) left the device a device")
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "export.csv", "null",
      ],
      "no temporary file is left beside it"
    )
  }

  @Test func `a FIFO named by -o is written in place for its reader`() throws {
    let (folder, export, _) = try folderWithExport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("pipe")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let received = folder.appendingPathComponent("received.txt")
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/sh")
    reader.arguments = ["-c", "timeout 30 cat \"$0\" > \"$1\"", fifo.path, received.path]
    try reader.run()
    let result = run(["report", export.path, "-i", "ons-loneliness", "-o", fifo.path])
    reader.waitUntilExit()
    #expect(result.exitCode == .success, "\(result.errors)")
    let type =
      try FileManager.default.attributesOfItem(atPath: fifo.path)[.type] as? FileAttributeType
    #expect(type != .typeRegular, "the FIFO is still a FIFO")
    let text = try String(contentsOf: received, encoding: .utf8)
    #expect(text.hasPrefix("Survey report"), "\(text.prefix(200))")
  }

  @Test func `-o - writes to standard output`() throws {
    let (folder, export, _) = try folderWithExport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = run(["report", export.path, "-i", "ons-loneliness", "-o", "-"])
    #expect(result.exitCode == .success)
    #expect(result.output.hasPrefix("Survey report"))
    #expect(!FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("-").path))
  }

  @Test func `a symbolic link as the output is kept, and the file it points to replaced`() throws {
    let (folder, export, _) = try folderWithExport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let real = folder.appendingPathComponent("real.txt")
    try Data("old".utf8).write(to: real)
    let link = folder.appendingPathComponent("report.txt")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
    let result = run(["report", export.path, "-i", "ons-loneliness", "-o", link.path])
    #expect(result.exitCode == .success)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path,
      "the link is still a link"
    )
    #expect(try String(contentsOf: real, encoding: .utf8).hasPrefix("Survey report"))
  }
}

@Suite struct OutputFormatByNameTests {
  @Test(arguments: [
    ("report.html", "<!DOCTYPE html>"), ("report.md", "# Survey report"),
    ("report.json", "{"), ("report.csv", "measure,kind,title"), ("report.txt", "Survey report\n"),
  ])
  func `-o names the format when --format is not given`(name: String, start: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "format-\(UUID().uuidString)"
    )
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent(name)
    let result = run([
      "report", "Examples/platform-exports/google-forms.csv", "-i", "ons-loneliness", "-o",
      output.path,
    ])
    #expect(result.exitCode == .success, "\(result.errors)")
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(text.hasPrefix(start), "\(name): \(text.prefix(60))")
  }

  @Test func `a --format that contradicts -o's name is a usage error`() {
    let result = run([
      "report", "Examples/platform-exports/google-forms.csv", "--format", "csv", "-o",
      "/tmp/never-written.html",
    ])
    #expect(result.exitCode == .usage)
    #expect(
      result.errors.hasPrefix(
        "error: --format csv does not fit -o /tmp/never-written.html, whose name says html\n"
      )
    )
    #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.html"))
  }

  @Test func `score writes JSON to a .json file`() throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "scores-\(UUID().uuidString).json"
    )
    defer { try? FileManager.default.removeItem(at: output) }
    let result = run([
      "score", "Examples/platform-exports/google-forms.csv", "-i", "ons-loneliness", "-o",
      output.path,
    ])
    #expect(result.exitCode == .success)
    #expect(try String(contentsOf: output, encoding: .utf8).hasPrefix("["))
  }
}
