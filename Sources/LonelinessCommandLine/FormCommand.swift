import SurveyCapture
import SurveyForms
import SurveyInstruments
import SurveyReports

/// `loneliness form`: writes the offline form (or, with `--print`, the paper questionnaire) for
/// the instruments named with `-i`.
enum FormCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: formSpec, console: console)
    else {
      return .success
    }
    if let extra = parsed.positionals.first {
      throw UsageError(
        message: "unexpected argument '\(extra)'",
        hint: "give each instrument with -i and the file to write with -o, for example: "
          + "-i ons-loneliness -o visit-form.html",
        command: "form"
      )
    }
    let ids = parsed.values("--instrument").flatMap { $0.split(separator: ",") }.map(String.init)
    guard !ids.isEmpty else {
      throw UsageError(
        message: "form needs at least one instrument",
        hint: "for example: -i ons-loneliness -i swemwbs",
        command: "form"
      )
    }
    guard let output = parsed.value("--output") else {
      throw UsageError(
        message: "form needs -o FILE, the HTML file to write",
        hint: "for example: -o visit-form.html (or -o - for standard output)",
        command: "form"
      )
    }
    let isPaper = parsed.has("--print")
    let layoutFlags = ["--one-per-screen", "--one-page"].filter(parsed.has)
    if layoutFlags.count > 1 {
      throw UsageError(
        message: "--one-per-screen and --one-page each choose a layout; give one",
        command: "form"
      )
    }
    if isPaper, let flag = layoutFlags.first {
      throw UsageError(
        message: "\(flag) lays out the form on a screen, and --print makes a paper "
          + "questionnaire; give one of them",
        command: "form"
      )
    }
    var columns: [FormColumn] = []
    for assignment in parsed.values("--set") {
      guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
        throw UsageError(
          message: "--set needs COLUMN=VALUE, found '\(excerpt(assignment))'",
          hint: "for example: --set worker=AB",
          command: "form"
        )
      }
      columns.append(
        FormColumn(
          name: String(assignment[..<equals]),
          value: String(assignment[assignment.index(after: equals)...])
        )
      )
    }
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    let instruments = try ids.map { try catalogue.instrument(named: $0) }
    let title = parsed.value("--title")
    let page: String
    do {
      if isPaper {
        page = try PaperQuestionnaire(instruments: instruments, columns: columns, title: title)
          .html()
      } else {
        page = try OfflineForm(
          instruments: instruments,
          columns: columns,
          layout: parsed.has("--one-page") ? .onePage : .onePerScreen,
          title: title,
          fileStem: fileStem(of: output)
        ).html()
      }
    } catch {
      throw UsageError(message: "--set: \(error.message)", hint: error.hint, command: "form")
    }
    try OutputArguments.emit(page, format: .html, parsed: parsed, console: console)
    if output != "-" {
      let what = isPaper ? "a printable questionnaire" : "an offline form"
      console.writeDiagnostic(
        "Wrote \(what) for \(instruments.map(\.id.rawValue).joined(separator: ", ")) to "
          + "\(output).\n"
      )
    }
    return .success
  }

  /// `visit-form` for `forms/visit-form.html`: the name downloaded files start with.
  static func fileStem(of output: String) -> String {
    var name = Substring(output)
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
    return name.isEmpty || output == "-" ? "form" : String(name)
  }
}
