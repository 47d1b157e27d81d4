import Foundation
import SurveyCSV
import SurveyCapture
import SurveyPlatform
import TestSupport
import Testing

func records(_ path: String) throws -> [[String]] {
  try CSVReader(contentsOfFile: path).readAll()
}

func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

@Suite struct CaptureDurableAppendTests {
  let header = ["respondent_id", "x.a", "status"]

  @Test func `a new file gets the header and the row`() throws {
    let path = try temporaryFolder("capture-tests").path + "/new.csv"
    #expect(try DurableAppend.inspect(path, header: header) == .new)
    let receipt = try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    #expect(receipt.wroteHeader)
    #expect(try contents(path) == "respondent_id,x.a,status\nR1,2,complete\n")
    #expect(try DurableAppend.inspect(path, header: header) == .matchingHeader)
  }

  @Test func `later rows are appended after the existing ones without a header`() throws {
    let path = try temporaryFolder("capture-tests").path + "/rows.csv"
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
    let path = try temporaryFolder("capture-tests").path + "/other.csv"
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
      #expect(
        error.hint?.hasPrefix("a capture may add columns to a file but not leave any out") == true
      )
    }
    #expect(throws: CaptureFileError.self) { try DurableAppend.inspect(path, header: header) }
    #expect(try contents(path) == original)
  }

  @Test func `into a file with the columns in another order, the row follows the file's order`()
    throws
  {
    let path = try temporaryFolder("capture-tests").path + "/order.csv"
    let original = "x.a,respondent_id,status\n1,R0,complete\n"
    try original.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try DurableAppend.inspect(path, header: header) == .matchingHeader)
    let receipt = try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    #expect(receipt.addedColumns.isEmpty && !receipt.wroteHeader)
    #expect(try contents(path) == original + "2,R1,complete\n")
  }

  @Test
  func `columns the file lacks are added to its header, and earlier rows are kept byte for byte`()
    throws
  {
    let path = try temporaryFolder("capture-tests").path + "/grow.csv"
    let rows = "R0,1,complete\r\n\"R 9\",\"a\r\nb\",partial\r\n"
    try ("respondent_id,x.a,status\r\n" + rows).write(
      toFile: path,
      atomically: true,
      encoding: .utf8
    )
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    let wider = ["respondent_id", "site", "x.a", "status", "y.b"]
    #expect(try DurableAppend.inspect(path, header: wider) == .addingColumns(["site", "y.b"]))
    let receipt = try DurableAppend.append(
      ["R1", "Ashford", "2", "complete", "5"],
      header: wider,
      to: path
    )
    #expect(receipt.addedColumns == ["site", "y.b"])
    #expect(
      try contents(path)
        == "respondent_id,x.a,status,site,y.b\r\n" + rows + "R1,2,complete,Ashford,5\r\n"
    )
    #expect(try DurableAppend.inspect(path, header: wider) == .matchingHeader)
    let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
    #expect(permissions as? Int == 0o600, "a file kept private stays private")
    let left = try FileManager.default.contentsOfDirectory(
      atPath: (path as NSString).deletingLastPathComponent
    )
    #expect(left == ["grow.csv"], "no temporary file is left behind")
  }

  @Test func `columns another capture added after inspection are left blank, not refused`() throws {
    let path = try temporaryFolder("capture-tests").path + "/raced.csv"
    try "respondent_id,x.a,status\nR0,1,complete\n".write(
      toFile: path,
      atomically: true,
      encoding: .utf8
    )
    let accepted = try DurableAppend.existingColumns(path)
    #expect(accepted == header)
    // Meanwhile another capture adds `site`.
    try DurableAppend.append(["R1", "2", "complete", "A"], header: header + ["site"], to: path)
    #expect(throws: CaptureFileError.self, "without the accepted columns it is refused") {
      try DurableAppend.append(["R2", "3", "complete"], header: header, to: path)
    }
    try DurableAppend.append(
      ["R2", "3", "complete"],
      header: header,
      to: path,
      acceptedFileColumns: accepted
    )
    #expect(try records(path).last == ["R2", "3", "complete", ""])
  }

  @Test func `columns are added to the file a symbolic link names, and the link stays`() throws {
    let folder = try temporaryFolder("capture-tests").path
    try FileManager.default.createDirectory(
      atPath: folder + "/real",
      withIntermediateDirectories: true
    )
    try "respondent_id,x.a,status\nR0,1,complete\n".write(
      toFile: folder + "/real/data.csv",
      atomically: true,
      encoding: .utf8
    )
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/link.csv",
      withDestinationPath: folder + "/real/data.csv"
    )
    try DurableAppend.append(
      ["R1", "2", "complete", "A"],
      header: header + ["site"],
      to: folder + "/link.csv"
    )
    let destination = try FileManager.default.destinationOfSymbolicLink(
      atPath: folder + "/link.csv"
    )
    #expect(destination == folder + "/real/data.csv")
    #expect(try records(folder + "/real/data.csv").last == ["R1", "2", "complete", "A"])
  }

  @Test func `columns are not added to a file with other hard links, before any question`() throws {
    let folder = try temporaryFolder("capture-tests").path
    let original = "respondent_id,x.a,status\nR0,1,complete\n"
    try original.write(toFile: folder + "/a.csv", atomically: true, encoding: .utf8)
    try FileManager.default.linkItem(atPath: folder + "/a.csv", toPath: folder + "/b.csv")
    do {
      _ = try DurableAppend.inspect(folder + "/a.csv", header: header + ["site"])
      Issue.record("a hard-linked file was accepted for new columns")
    } catch {
      #expect(error.kind == .cannotAddColumns)
      #expect(error.message.contains("it has 2 hard links"))
    }
    #expect(throws: CaptureFileError.self) {
      try DurableAppend.append(
        ["R1", "2", "complete", "A"],
        header: header + ["site"],
        to: folder + "/a.csv"
      )
    }
    #expect(try contents(folder + "/b.csv") == original)
    #expect(
      try DurableAppend.inspect(folder + "/a.csv", header: header) == .matchingHeader,
      "appending without new columns is still fine"
    )
  }

  @Test func `a file with a repeated column is refused`() throws {
    let path = try temporaryFolder("capture-tests").path + "/repeated.csv"
    try "respondent_id,x.a,x.a,status\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(
      throws: CaptureFileError.self,
      "x.a twice cannot take one value"
    ) { try DurableAppend.append(["R1", "2", "complete"], header: header, to: path) }
    do {
      _ = try DurableAppend.inspect(path, header: header)
    } catch {
      #expect(error.message.hasSuffix("the file repeats columns: 'x.a'"))
    }
  }

  @Test func `a last line without a line ending gets one before the row`() throws {
    let path = try temporaryFolder("capture-tests").path + "/unterminated.csv"
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
    let path = try temporaryFolder("capture-tests").path + "/crlf.csv"
    try "respondent_id,x.a,status\r\n".write(toFile: path, atomically: true, encoding: .utf8)
    try DurableAppend.append(["R1", "2", "complete"], header: header, to: path)
    #expect(try contents(path) == "respondent_id,x.a,status\r\nR1,2,complete\r\n")
  }

  @Test func `an empty existing file is treated as new`() throws {
    let path = try temporaryFolder("capture-tests").path + "/empty.csv"
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    #expect(try DurableAppend.inspect(path, header: header) == .new)
    try DurableAppend.append(["R1", "", "complete"], header: header, to: path)
    #expect(try contents(path) == "respondent_id,x.a,status\nR1,,complete\n")
  }

  @Test func `values are quoted and formulas neutralised`() throws {
    let path = try temporaryFolder("capture-tests").path + "/quoted.csv"
    try DurableAppend.append(["=HYPERLINK(1)", "a, \"b\"", "complete"], header: header, to: path)
    #expect(try records(path)[1] == ["'=HYPERLINK(1)", "a, \"b\"", "complete"])
  }

  @Test func `a missing folder or a folder path is reported before any question`() throws {
    let folder = try temporaryFolder("capture-tests").path
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
    let path = try temporaryFolder("capture-tests").path + "/shared.csv"
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

  @Test func `appends that add a column while others wait for the lock all land in the new file`()
    async throws
  {
    let path = try temporaryFolder("capture-tests").path + "/growing.csv"
    try "respondent_id,x.a,status\nR0,1,complete\n".write(
      toFile: path,
      atomically: true,
      encoding: .utf8
    )
    // Every writer adds `site`: the first to take the lock renames a new file over the path, and
    // the others, waiting on the old file's lock, must find the new file and append to it.
    let wider = header + ["site"]
    await withTaskGroup(of: Void.self) { group in
      for writer in 0..<8 {
        group.addTask {
          for row in 0..<10 {
            _ = try? DurableAppend.append(
              ["W\(writer)-\(row)", "2", "complete", "S\(writer)"],
              header: wider,
              to: path
            )
          }
        }
      }
    }
    let rows = try records(path)
    #expect(rows.first == wider)
    #expect(rows.count == 2 + 8 * 10, "the header, R0 and every appended row")
    #expect(rows.dropFirst().first == ["R0", "1", "complete"])
    #expect(Set(rows.dropFirst(2).map(\.[0])).count == 8 * 10)
    for row in rows.dropFirst(2) {
      let writer = try #require(row.first?.split(separator: "-").first?.dropFirst())
      #expect(row == [row[0], "2", "complete", "S\(writer)"])
    }
  }
}
