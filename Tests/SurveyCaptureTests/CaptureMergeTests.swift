import Foundation
import SurveyCSV
import SurveyCapture
import SurveyInstruments
import TestSupport
import Testing

/// The header of a capture of ons-loneliness with a `worker` column, written out by hand.
private let header =
  "respondent_id,captured_at,worker,ons-loneliness.companionship,ons-loneliness.left-out,"
  + "ons-loneliness.isolated,ons-loneliness.lonely,status"

private func write(_ text: String, to path: String) throws {
  try text.write(toFile: path, atomically: true, encoding: .utf8)
}

private func export(_ text: String) throws -> CaptureExport {
  try CaptureExport(bytes: Array(text.utf8), name: "export.csv", catalogue: .builtIn)
}

private func merge(_ export: CaptureExport, into path: String) throws -> CaptureMergeResult {
  try CaptureTarget(merging: export, into: path).merge(export)
}

@Suite struct CaptureMergeTests {
  @Test func `rows the file has are skipped and the others appended in export order`() throws {
    let path = try temporaryFolder().path + "/visits.csv"
    let existing =
      header + "\n"
      + "R1,2025-03-07T14:05:09Z,AB,1,2,3,4,complete\n"
      + "R2,2025-03-07T15:00:00Z,AB,2,,Prefer not to say,1,complete\n"
    try write(existing, to: path)
    let download = try export(
      header + "\n"
        + "R2,2025-03-07T15:00:00Z,AB,2,,Prefer not to say,1,complete\n"
        + "R3,2025-03-08T09:30:00Z,AB,3,3,3,5,complete\n"
        + "R1,2025-03-07T14:05:09Z,AB,1,2,3,4,complete\n"
        + "R4,2025-03-08T10:00:00Z,AB,,,,,partial\n"
    )
    #expect(download.problems.isEmpty)
    let merged = try merge(download, into: path)
    #expect(merged.added.map(\.line) == [3, 5])
    #expect(merged.skipped.map(\.row.line) == [2, 4])
    #expect(merged.skipped.map(\.fileLine) == [3, 2])
    #expect(
      try contents(path)
        == existing + "R3,2025-03-08T09:30:00Z,AB,3,3,3,5,complete\n"
        + "R4,2025-03-08T10:00:00Z,AB,,,,,partial\n"
    )
    // Merging the same file again adds nothing.
    let again = try merge(download, into: path)
    #expect(again.added.isEmpty)
    #expect(again.skipped.count == 4)
    #expect(try records(path).count == 5)
  }

  @Test func `a new file gets the export's header and rows, and a row repeated in the export once`()
    throws
  {
    let path = try temporaryFolder().path + "/new.csv"
    let row = "R1,2025-03-07T14:05:09Z,\"Lee, Jo\",1,2,3,4,complete\n"
    let download = try export(header + "\n" + row + row)
    #expect(download.repeats == [CaptureExport.Repeat(line: 3, earlierLine: 2)])
    let merged = try merge(download, into: path)
    #expect(merged.added.count == 1)
    #expect(merged.receipt.wroteHeader)
    #expect(try contents(path) == header + "\n" + row)
  }

  @Test func `columns in another order are written in the file's order`() throws {
    let path = try temporaryFolder().path + "/visits.csv"
    try write(header + "\nR1,2025-03-07T14:05:09Z,AB,1,2,3,4,complete\n", to: path)
    let download = try export(
      "status,ons-loneliness.lonely,ons-loneliness.isolated,ons-loneliness.left-out,"
        + "ons-loneliness.companionship,worker,captured_at,respondent_id\n"
        + "complete,5,1,2,3,CD,2025-03-09T08:00:00Z,R9\n"
    )
    _ = try merge(download, into: path)
    #expect(
      try records(path).last == [
        "R9", "2025-03-09T08:00:00Z", "CD", "3", "2", "1", "5", "complete",
      ]
    )
  }

  @Test func `every bad row is listed with its line, column and reason, and nothing is merged`()
    throws
  {
    let path = try temporaryFolder().path + "/visits.csv"
    let existing = header + "\nR1,2025-03-07T14:05:09Z,AB,1,2,3,4,complete\n"
    try write(existing, to: path)
    let download = try export(
      header + "\n"
        + "R2,2025-03-07T15:00:00Z,AB,1,2,3,4,complete\n"
        + "R3,2025-03-07T15:00:00Z,AB,1,2,3\n"
        + ",2025-02-30T15:00:00Z,AB,4,often,prefer not to say,4,done\n"
        + "R5,2025-03-07 15:00:00,AB, 1,2,3,6,complete\n"
    )
    #expect(download.problemCount == 3)
    #expect(download.rows.map(\.line) == [2])
    let found = download.problems.map(\.description)
    #expect(found.count == 10)
    #expect(found[0] == "line 3: the row has 6 fields, the header 8 columns")
    #expect(found[1] == "line 4, column 'respondent_id': the respondent id is blank")
    #expect(
      found[2]
        == "line 4, column 'captured_at': '2025-02-30T15:00:00Z' is not a time in ISO 8601 UTC, "
        + "such as 2025-03-07T14:05:09Z"
    )
    #expect(
      found[3]
        == "line 4, column 'ons-loneliness.companionship': '4' is not an answer as a capture file "
        + "holds it: expected blank, a code (1, 2 or 3), 'Don't know' or 'Prefer not to say'"
    )
    #expect(found[4].hasPrefix("line 4, column 'ons-loneliness.left-out': 'often' is not"))
    #expect(found[4].hasSuffix("; a capture writes it as '3'"))
    #expect(found[5].hasSuffix("; a capture writes it as 'Prefer not to say'"))
    #expect(
      found[6] == "line 4, column 'status': 'done' is not a status; expected complete or partial"
    )
    #expect(found[7].hasPrefix("line 5, column 'captured_at': '2025-03-07 15:00:00' is not"))
    #expect(found[8].hasPrefix("line 5, column 'ons-loneliness.companionship': ' 1' is not"))
    #expect(found[9].hasPrefix("line 5, column 'ons-loneliness.lonely': '6' is not"))
    do {
      _ = try merge(download, into: path)
      Issue.record("an export with bad rows was merged")
    } catch let error as CaptureMergeError {
      #expect(error.kind == .problemsInExport(3))
    }
    #expect(try contents(path) == existing)
  }

  @Test(arguments: [
    ("respondent_id,captured_at,ons-loneliness.lonely", "has no 'status' column"),
    ("respondent_id,captured_at,status,status", "has the column 'status' twice"),
    (
      "respondent_id,captured_at,,status",
      "the header of 'export.csv' is not a capture file's: a column name is empty"
    ),
    ("respondent_id,captured_at,nosuch.item,status", "an instrument 'nosuch' that is not loaded"),
    ("respondent_id,captured_at,ons-loneliness.sad,status", "the item 'sad', which ons-loneliness"),
    (
      "respondent_id,captured_at,ons-loneliness.lonely,status",
      "has only some of the items of ons-loneliness: it lacks 'ons-loneliness.companionship'"
    ),
  ])
  func `a header that is not a capture file's is refused`(header: String, message: String) throws {
    do {
      _ = try export(header + "\n")
      Issue.record("accepted \(header)")
    } catch let error as CaptureExportError {
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  @Test func `a row with the id and time of a row in the file but other answers stops the merge`()
    throws
  {
    let path = try temporaryFolder().path + "/visits.csv"
    let existing = header + "\nR1,2025-03-07T14:05:09Z,AB,1,2,3,4,complete\n"
    try write(existing, to: path)
    let download = try export(
      header + "\nR0,2025-03-06T10:00:00Z,AB,1,1,1,1,complete\n"
        + "R1,2025-03-07T14:05:09Z,AB,1,2,3,5,complete\n"
    )
    do {
      _ = try merge(download, into: path)
      Issue.record("a conflicting row was merged")
    } catch let error as CaptureMergeError {
      #expect(error.kind == .conflicts([.init(exportLine: 3, fileLine: 2)]))
    }
    #expect(try contents(path) == existing)
  }

  @Test func `a file with a column the export lacks is refused as a capture would be`() throws {
    let path = try temporaryFolder().path + "/visits.csv"
    let existing = header + ",site\nR1,2025-03-07T14:05:09Z,AB,1,2,3,4,complete,Ashford\n"
    try write(existing, to: path)
    let download = try export(header + "\nR2,2025-03-08T14:05:09Z,AB,1,2,3,4,complete\n")
    #expect(throws: CaptureFileError.self) { try merge(download, into: path) }
    #expect(try contents(path) == existing)
  }

  @Test func `merges and captures at the same time write every row exactly once`() async throws {
    let path = try temporaryFolder().path + "/shared.csv"
    var lines = [header]
    for number in 0..<30 {
      lines.append(
        "F\(number),2025-03-07T14:\(10 + number):00Z,AB,1,2,3,\(number % 5 + 1),complete"
      )
    }
    let download = try export(lines.joined(separator: "\n") + "\n")
    let ons = try builtIn("ons-loneliness")
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<6 {
        group.addTask { _ = try? merge(download, into: path) }
      }
      for writer in 0..<4 {
        group.addTask {
          guard
            let target = try? CaptureTarget(
              path: path,
              instruments: [ons],
              extraColumns: [("worker", "AB")]
            )
          else { return }
          for row in 0..<5 {
            _ = try? target.save(
              Response(answers: [ItemKey(instrument: ons.id, item: "lonely"): .code(2)]),
              respondentID: "C\(writer)-\(row)",
              status: .complete
            )
          }
        }
      }
    }
    let rows = try records(path)
    #expect(rows.first == header.split(separator: ",").map(String.init))
    let ids = rows.dropFirst().map(\.[0])
    #expect(ids.count == 30 + 4 * 5)
    #expect(Set(ids).count == ids.count, "no row twice")
    #expect(Set(ids.filter { $0.hasPrefix("F") }).count == 30)
  }
}
