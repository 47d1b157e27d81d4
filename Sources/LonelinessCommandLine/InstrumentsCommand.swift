import SurveyInstruments
import SurveyPlatform
import SurveyReports

enum InstrumentsCommand {
  static func run(_ arguments: [String], console: Console) throws -> ExitCode {
    guard let parsed = try CommandLineTool.parse(arguments, spec: instrumentsSpec, console: console)
    else {
      return .success
    }
    let positionals = parsed.positionals
    switch positionals.first {
    case nil, "list":
      if positionals.count > 1 {
        throw UsageError(message: "'instruments list' takes no arguments", command: "instruments")
      }
      return try list(parsed, console: console)
    case "show":
      guard positionals.count == 2 else {
        throw UsageError(
          message: positionals.count < 2
            ? "'instruments show' needs an instrument id"
            : "'instruments show' takes one instrument id",
          hint: "for example: loneliness instruments show swemwbs",
          command: "instruments"
        )
      }
      return try show(positionals[1], parsed, console: console)
    case "validate":
      let files = Array(positionals.dropFirst())
      guard !files.isEmpty else {
        throw UsageError(
          message: "'instruments validate' needs at least one file",
          command: "instruments"
        )
      }
      return try validate(files, parsed, console: console)
    case let other?:
      throw UsageError(
        message: "unknown instruments subcommand '\(other)'",
        hint: closestMatches(to: other, among: ["list", "show", "validate"]).first.map {
          "did you mean '\($0)'?"
        }
          ?? "expected list, show ID, or validate FILE...",
        command: "instruments"
      )
    }
  }

  static func list(_ parsed: ParsedArguments, console: Console) throws -> ExitCode {
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    let rows = catalogue.instruments.map { instrument in
      [
        instrument.id.rawValue, instrument.title, String(instrument.items.count),
        instrument.scores.map(\.id.rawValue).joined(separator: ", "),
        catalogue.origins[instrument.id] ?? "",
      ]
    }
    let header = ["ID", "TITLE", "ITEMS", "SCORES", "FROM"]
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    var text = ""
    for row in [header] + rows {
      let cells = row.indices.map { column in
        column == 2
          ? leftPadded(row[column], to: widths[column]) : padded(row[column], to: widths[column])
      }
      var line = cells.joined(separator: "  ")
      while line.hasSuffix(" ") { line.removeLast() }
      text += line + "\n"
    }
    text += "\nShow one in full with: loneliness instruments show ID\n"
    console.write(text)
    return .success
  }

  static func show(_ name: String, _ parsed: ParsedArguments, console: Console) throws -> ExitCode {
    let catalogue = try CommandLineTool.catalogue(parsed, console: console)
    let instrument = try catalogue.instrument(named: name)
    let sheet = InstrumentSheet(
      instrument: instrument,
      origin: catalogue.origins[instrument.id] ?? "",
      extensions: catalogue.extensions[instrument.id] ?? [],
      width: console.width
    )
    console.write(sheet.rendered())
    return .success
  }

  static func validate(
    _ files: [String],
    _ parsed: ParsedArguments,
    console: Console
  ) throws -> ExitCode {
    // Validate against the built-ins (and --instruments), except instruments the files themselves
    // redefine: checking a copy of a built-in file is allowed.
    var base = try CommandLineTool.catalogue(parsed, console: console)
    var results: [(String, Result<InstrumentFileContents, InstrumentFileError>)] = []
    for file in files {
      let bytes = try readFile(console.resolve(file))
      do {
        results.append((file, .success(try InstrumentDecoder.decode(bytes, file: file))))
      } catch {
        results.append((file, .failure(error)))
      }
    }
    let redefined = Set(
      results.compactMap { result -> InstrumentID? in
        if case .success(.instrument(let instrument)) = result.1 { return instrument.id }
        return nil
      }
    )
    base = base.removing(redefined)
    var failed = false
    var diagnostics: [InstrumentDiagnostic] = []
    do {
      try base.load(paths: files.map(console.resolve), displayPath: console.displayPath)
    } catch let error as InstrumentFileError {
      diagnostics = error.diagnostics
    }
    for (file, result) in results {
      let problems = diagnostics.filter { $0.file == file }
      if !problems.isEmpty {
        failed = true
        console.writeDiagnostic(problems.map(\.description).joined(separator: "\n") + "\n")
        continue
      }
      switch result {
      case .success(.instrument(let instrument)):
        let counts = [
          plural(instrument.items.count, "item"), plural(instrument.scores.count, "score"),
          plural(instrument.indicators.count, "indicator"),
        ]
        console.write(
          "\(file): ok (instrument \(instrument.id): \(counts.joined(separator: ", ")))\n"
        )
      case .success(.extension(let addition)):
        console.write(
          "\(file): ok (extends \(addition.extends): \(plural(addition.items.count, "item")))\n"
        )
      case .failure:
        failed = true
      }
    }
    return failed ? .dataError : .success
  }

  static func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }
}

extension InstrumentCatalogue {
  /// The catalogue without the instruments whose ids are in `ids`.
  fileprivate func removing(_ ids: Set<InstrumentID>) -> InstrumentCatalogue {
    var copy = InstrumentCatalogue()
    for instrument in instruments where !ids.contains(instrument.id) {
      copy.add(instrument, origin: origins[instrument.id] ?? "")
    }
    return copy
  }
}
