import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPlatform

/// `loneliness capture --merge EXPORT --to FILE`: appends the rows of a form's download (or any
/// file in the capture file format) to a capture file, skipping rows it already has.
enum CaptureMergeCommand {
  static func run(_ parsed: ParsedArguments, export: String, console: Console) throws -> ExitCode {
    for option in ["--instrument", "--set", "--respondent"] where !parsed.values(option).isEmpty {
      throw UsageError(
        message: "--merge takes the instruments and columns from the file's header, so "
          + "\(option == "--instrument" ? "-i" : option) is not needed",
        hint: "for example: loneliness capture --merge form-export.csv --to visits.csv",
        command: "capture"
      )
    }
    for flag in ["--show-scores", "--keep-partial"] where parsed.has(flag) {
      throw UsageError(
        message: "\(flag) applies to a capture that asks questions, not to --merge",
        command: "capture"
      )
    }
    if let extra = parsed.positionals.first {
      throw UsageError(
        message: "unexpected argument '\(extra)'",
        hint: "merge one file at a time: --merge FILE --to FILE",
        command: "capture"
      )
    }
    guard let file = parsed.value("--to") else {
      throw UsageError(
        message: "--merge needs --to FILE, the capture file to add the rows to",
        hint: "for example: --merge form-export.csv --to visits.csv",
        command: "capture"
      )
    }
    let exportPath = console.resolve(export)
    let targetPath = console.resolve(file)
    if let identity = fileIdentity(exportPath), identity == fileIdentity(targetPath) {
      throw UsageError(
        message: "--merge and --to name the same file, '\(export)'",
        hint: "merge the form's download into your capture file",
        command: "capture"
      )
    }
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    let checked: CaptureExport
    do {
      checked = try CaptureExport(path: exportPath, catalogue: catalogue, displayPath: export)
    } catch let error as CaptureExportError {
      console.writeDiagnostic(
        "error: \(error.message); nothing was merged\n" + (error.hint.map { "hint: \($0)\n" } ?? "")
      )
      return .dataError
    }
    if checked.problemCount > 0 {
      var text =
        "error: \(counted(checked.problemCount, "row")) of \(export) cannot be merged, so "
        + "nothing was merged:\n"
      for problem in checked.problems { text += "  \(export) \(problem)\n" }
      if checked.problems.count >= CaptureExport.maximumProblems {
        text += "  (the first \(checked.problems.count) problems are listed)\n"
      }
      text += "hint: correct those rows (or remove them) and merge again; rows already in \(file) "
      text += "are skipped, so merging twice adds nothing twice\n"
      console.writeDiagnostic(visibleControlCharacters(text, keepingLineBreaks: true))
      return .dataError
    }
    guard !checked.rows.isEmpty else {
      console.write("Nothing to merge: \(export) has no rows. \(file) was not changed.\n")
      return .success
    }
    let target: CaptureTarget
    let merged: CaptureMergeResult
    do {
      target = try CaptureTarget(merging: checked, into: targetPath)
      merged = try target.merge(checked)
    } catch let error as CaptureFileError {
      return CaptureCommand.report(error, target: file, console: console)
    } catch let error as CaptureMergeError {
      var text = "error: " + error.message.replacingPath(targetPath, with: file) + "\n"
      if case .conflicts(let conflicts) = error.kind {
        for conflict in conflicts {
          text += "  \(export) line \(conflict.exportLine) and \(file) line \(conflict.fileLine)\n"
        }
      }
      if let hint = error.hint { text += "hint: \(hint.replacingPath(targetPath, with: file))\n" }
      console.writeDiagnostic(text)
      return .dataError
    }
    var text = "Merged \(export) into \(file): \(counted(merged.added.count, "row")) added"
    var reasons: [String] = []
    if !merged.skipped.isEmpty { reasons.append("\(merged.skipped.count) already in \(file)") }
    if !checked.repeats.isEmpty {
      reasons.append("\(checked.repeats.count) repeating an earlier row of \(export)")
    }
    let skippedCount = merged.skipped.count + checked.repeats.count
    text +=
      skippedCount == 0
      ? ".\n"
      : ", \(skippedCount) skipped (\(reasons.joined(separator: ", "))).\n"
    if !merged.receipt.addedColumns.isEmpty {
      text +=
        "Added the column\(merged.receipt.addedColumns.count == 1 ? "" : "s") "
        + merged.receipt.addedColumns.map { "'\($0)'" }.joined(separator: ", ")
        + " to the header of \(file); its earlier rows are read as blank there.\n"
    }
    for row in merged.added {
      text += "  added line \(row.line): respondent \(row.cells[0]), captured \(row.cells[1])\n"
    }
    for skip in merged.skipped {
      text +=
        "  skipped line \(skip.row.line): respondent \(skip.row.cells[0]), captured "
        + "\(skip.row.cells[1]), is line \(skip.fileLine) of \(file)\n"
    }
    for repeated in checked.repeats {
      text += "  skipped line \(repeated.line): repeats line \(repeated.earlierLine) of \(export)\n"
    }
    console.write(visibleControlCharacters(text, keepingLineBreaks: true))
    return .success
  }
}
