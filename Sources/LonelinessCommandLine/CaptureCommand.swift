import SurveyCSV
import SurveyCapture
import SurveyInstruments
import SurveyPlatform
import SurveyReports
import SurveyScoring
import SurveyWorkbook

enum CaptureCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: captureSpec, console: console)
    else {
      return .success
    }
    if let export = parsed.value("--merge") {
      return try CaptureMergeCommand.run(parsed, export: export, console: console)
    }
    if let extra = parsed.positionals.first {
      throw UsageError(
        message: "unexpected argument '\(extra)'",
        hint: "give each instrument with -i, for example: -i ons-loneliness -i swemwbs",
        command: "capture"
      )
    }
    let ids = parsed.values("--instrument").flatMap { $0.split(separator: ",") }.map(String.init)
    guard !ids.isEmpty else {
      throw UsageError(
        message: "capture needs at least one instrument",
        hint: "for example: -i ons-loneliness",
        command: "capture"
      )
    }
    guard let file = parsed.value("--to") else {
      throw UsageError(
        message: "capture needs --to FILE, the CSV file to append the row to",
        hint: "for example: --to responses.csv",
        command: "capture"
      )
    }
    var extras: [(name: String, value: String)] = []
    for assignment in parsed.values("--set") {
      guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
        throw UsageError(
          message: "--set needs COLUMN=VALUE, found '\(assignment)'",
          hint: "for example: --set site=Ashford",
          command: "capture"
        )
      }
      extras.append(
        (String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
      )
    }
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    var instruments: [Instrument] = []
    for id in ids {
      let instrument = try catalogue.instrument(named: id)
      if !instruments.contains(where: { $0.id == instrument.id }) { instruments.append(instrument) }
    }
    let target: CaptureTarget
    do {
      target = try CaptureTarget(
        path: console.resolve(file),
        instruments: instruments,
        extraColumns: extras
      )
    } catch let error as CaptureLayoutError {
      throw UsageError(message: "--set: \(error.message)", hint: error.hint, command: "capture")
    } catch let error as CaptureFileError {
      return report(error, target: file, console: console)
    }
    let chosen = parsed.value("--respondent")
    var generator = SystemRandomNumberGenerator()
    let respondent =
      chosen ?? generatedRespondentID(secondsSinceEpoch: secondsSinceUnixEpoch(), using: &generator)
    var interview = Interview(
      console: console,
      session: CaptureSession(instruments: instruments, attributes: target.extraValues),
      catalogue: catalogue
    )
    interview.introduce(
      respondent: respondent,
      chosen: chosen != nil,
      target: target,
      file: file,
      keepsPartial: parsed.has("--keep-partial")
    )
    console.catchInterrupts(true)
    defer { console.catchInterrupts(false) }
    let status: CaptureStatus
    switch interview.run() {
    case .confirmed:
      status = .complete
    case .discarded:
      console.write("Not saved: the answers were discarded.\n")
      return .success
    case .abandoned(let reason):
      let answered = interview.session.answers.count
      guard parsed.has("--keep-partial"), answered > 0 else {
        console.writeDiagnostic(
          "Session abandoned (\(reason)): nothing was saved to \(file).\n"
            + (answered > 0
              ? "hint: --keep-partial saves the answers so far as a partial row\n" : "")
        )
        return .dataError
      }
      status = .partial
    }
    let response = interview.session.response
    let saved: CaptureTarget.Saved
    do {
      saved = try target.save(response, respondentID: respondent, status: status)
    } catch {
      let code = report(error, target: file, console: console)
      // Nothing is lost: the answers, as the CSV lines they would have been.
      let writer = CSVWriter()
      let row = target.row(
        for: response,
        respondentID: respondent,
        status: status,
        capturedAt: iso8601UTC(secondsSinceEpoch: secondsSinceUnixEpoch())
      )
      console.writeDiagnostic(
        "The answers were not saved. Keep these two lines (header and row) to add them later:\n"
          + writer.line(target.layout.header) + writer.line(row)
      )
      return code
    }
    return interview.finish(
      saved,
      respondent: respondent,
      status: status,
      file: file,
      showsScores: parsed.has("--show-scores")
    )
  }

  /// Reports a file that cannot take the row; header problems exit 65.
  static func report(_ error: CaptureFileError, target: String, console: Console) -> ExitCode {
    var copy = error
    copy.message = copy.message.replacingPath(error.path, with: target)
    copy.hint = copy.hint?.replacingPath(error.path, with: target)
    console.writeDiagnostic("error: \(copy.message)\n" + (copy.hint.map { "hint: \($0)\n" } ?? ""))
    switch error.kind {
    case .headerMismatch, .unreadableHeader: return .dataError
    case .cannotAddColumns, .notARegularFile: return .cannotCreate
    case .notACSVFile: return .dataError
    case .fileSystem(.notFound), .fileSystem(.permissionDenied), .fileSystem(.isDirectory):
      return .cannotCreate
    case .fileSystem(.inputOutput): return .ioError
    }
  }
}
