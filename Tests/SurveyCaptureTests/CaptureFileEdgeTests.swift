import Foundation
import SurveyCapture
import SurveyPlatform
import TestSupport
import Testing

@Suite struct CaptureFileEdgeTests {
  let header = ["respondent_id", "x.a", "status"]

  @Test func `a FIFO is refused before anything waits on it`() throws {
    let path = try temporaryFolder("capture-tests").path + "/pipe"
    #expect(mkfifo(path, 0o600) == 0)
    let inspected = #expect(throws: CaptureFileError.self) {
      _ = try DurableAppend.inspect(path, header: header)
    }
    #expect(inspected?.kind == .notARegularFile)
    let appended = #expect(throws: CaptureFileError.self) {
      try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    }
    #expect(appended?.kind == .notARegularFile)
    #expect(
      appended?.message
        == "'\(path)' is not a regular file (it is a FIFO, a device or a socket); captures are appended to a CSV file"
    )
  }

  @Test func `copies left by dead captures are removed under the lock, live ones kept`() throws {
    let folder = try temporaryFolder("capture-tests").path
    let path = folder + "/visits.csv"
    try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    // A process that has ended: its id is free (until reused, which a test cannot prevent, so
    // the check below allows for it).
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    let dead = folder + "/visits.csv.tmp-\(finished.processIdentifier)"
    let live = folder + "/visits.csv.tmp-1"
    let unrelated = folder + "/other.csv.tmp-\(finished.processIdentifier)"
    for file in [dead, live, unrelated] {
      #expect(FileManager.default.createFile(atPath: file, contents: Data("answers".utf8)))
    }
    try DurableAppend.append(["R2", "3", "complete"], header: header, to: path)
    #expect(
      !FileManager.default.fileExists(atPath: dead) || kill(finished.processIdentifier, 0) == 0,
      "the copy of a process that has ended is removed"
    )
    #expect(FileManager.default.fileExists(atPath: live), "a running process's copy is kept")
    #expect(FileManager.default.fileExists(atPath: unrelated), "another file's copy is kept")
    #expect(try contents(path) == "respondent_id,x.a,status\nR1,2,complete\nR2,3,complete\n")
  }

  @Test func `a rewrite to add columns leaves no named temporary file`() throws {
    let folder = try temporaryFolder("capture-tests").path
    let path = folder + "/grow.csv"
    try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    try DurableAppend.append(
      ["R2", "3", "complete", "S1"],
      header: header + ["site"],
      to: path
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["grow.csv"])
    #expect(
      try contents(path) == "respondent_id,x.a,status,site\nR1,2,complete\nR2,3,complete,S1\n"
    )
  }
}
