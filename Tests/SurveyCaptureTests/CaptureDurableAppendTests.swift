import Foundation
import SurveyCSV
import SurveyCapture
import SurveyPlatform
import Testing

/// A fresh folder for one test.
func temporaryFolder() throws -> String {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("capture-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}

func records(_ path: String) throws -> [[String]] {
  try CSVReader(contentsOfFile: path).readAll()
}

func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

@Suite struct CaptureDurableAppendTests {
  let header = ["respondent_id", "x.a", "status"]

  @Test func `a new file gets the header and the row`() throws {
    let path = try temporaryFolder() + "/new.csv"
    #expect(try DurableAppend.inspect(path, header: header) == .new)
    let receipt = try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    #expect(receipt.wroteHeader)
    #expect(try contents(path) == "respondent_id,x.a,status\nR1,2,complete\n")
    #expect(try DurableAppend.inspect(path, header: header) == .matchingHeader)
  }

  @Test func `later rows are appended after the existing ones without a header`() throws {
    let path = try temporaryFolder() + "/rows.csv"
    try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    let receipt = try DurableAppend.append(
      ["R2", "Prefer not to say", "partial"],
      header: header,
      to: path
    )
    #expect(!receipt.wroteHeader)
    #expect(
      try records(path) == [
        header, ["R1", "2", "complete"], ["R2", "Prefer not to say", "partial"],
      ]
    )
  }

  @Test func `a different header is refused, naming the columns, and the file is untouched`() throws
  {
    let path = try temporaryFolder() + "/other.csv"
    let original = "respondent_id,x.b,site,status\nR0,1,Ashford,complete\n"
    try original.write(toFile: path, atomically: true, encoding: .utf8)
    do {
      try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
      Issue.record("the row was appended")
    } catch {
      #expect(error.kind == .headerMismatch(missing: ["x.a"], unexpected: ["x.b", "site"]))
      #expect(
        error.message == "the header of '\(path)' does not match this capture; this capture "
          + "writes columns the file lacks: 'x.a'; the file has columns this capture does not "
          + "write: 'x.b', 'site'"
      )
      #expect(error.hint?.hasPrefix("existing rows are never rewritten") == true)
    }
    #expect(throws: CaptureFileError.self) { try DurableAppend.inspect(path, header: header) }
    #expect(try contents(path) == original)
  }

  @Test func `columns in another order are refused with the first difference`() throws {
    let path = try temporaryFolder() + "/order.csv"
    try "x.a,respondent_id,status\n".write(toFile: path, atomically: true, encoding: .utf8)
    do {
      try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
      Issue.record("the row was appended")
    } catch {
      #expect(
        error.message.hasSuffix(
          "the columns are in another order: column 1 is 'x.a' in the file but 'respondent_id' in this capture"
        )
      )
    }
  }

  @Test func `a last line without a line ending gets one before the row`() throws {
    let path = try temporaryFolder() + "/unterminated.csv"
    try "respondent_id,x.a,status\nR0,1,complete".write(
      toFile: path,
      atomically: true,
      encoding: .utf8
    )
    let receipt = try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    #expect(receipt.addedMissingLineEnding)
    #expect(try contents(path) == "respondent_id,x.a,status\nR0,1,complete\nR1,2,complete\n")
  }

  @Test func `a file with CR LF line endings gets CR LF rows`() throws {
    let path = try temporaryFolder() + "/crlf.csv"
    try "respondent_id,x.a,status\r\n".write(toFile: path, atomically: true, encoding: .utf8)
    try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    #expect(try contents(path) == "respondent_id,x.a,status\r\nR1,2,complete\r\n")
  }

  @Test func `an empty existing file is treated as new`() throws {
    let path = try temporaryFolder() + "/empty.csv"
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    #expect(try DurableAppend.inspect(path, header: header) == .new)
    try DurableAppend.append(["R1", "", "complete"], header: header, to: path)
    #expect(try contents(path) == "respondent_id,x.a,status\nR1,,complete\n")
  }

  @Test func `values are quoted and formulas neutralised`() throws {
    let path = try temporaryFolder() + "/quoted.csv"
    try DurableAppend.append(["=HYPERLINK(1)", "a, \"b\"", "complete"], header: header, to: path)
    #expect(try records(path)[1] == ["'=HYPERLINK(1)", "a, \"b\"", "complete"])
  }

  @Test func `a missing folder or a folder path is reported before any question`() throws {
    let folder = try temporaryFolder()
    do {
      _ = try DurableAppend.inspect(folder + "/no-such-folder/r.csv", header: header)
      Issue.record("a missing folder was accepted")
    } catch {
      #expect(error.kind == .fileSystem(.notFound))
    }
    do {
      _ = try DurableAppend.inspect(folder, header: header)
      Issue.record("a folder was accepted")
    } catch {
      #expect(error.kind == .fileSystem(.isDirectory))
    }
  }

  @Test func `appends from many threads at once all land whole`() async throws {
    let path = try temporaryFolder() + "/shared.csv"
    let header = self.header
    await withTaskGroup(of: Void.self) { group in
      for writer in 0..<8 {
        group.addTask {
          for row in 0..<25 {
            let long = String(repeating: "\(writer)", count: 2000 + row)
            _ = try? DurableAppend.append(
              ["W\(writer)-\(row)", long, "complete"],
              header: header,
              to: path
            )
          }
        }
      }
    }
    let rows = try records(path)
    #expect(rows.first == header)
    #expect(rows.count == 1 + 8 * 25)
    for row in rows.dropFirst() {
      let writer = try #require(row.first?.split(separator: "-").first?.dropFirst())
      let index = try #require(Int(row[0].split(separator: "-")[1]))
      #expect(row[1] == String(repeating: String(writer), count: 2000 + index))
    }
  }
}
