import SurveyInstruments

/// Lays a survey ``Report`` out as a ``Document``.
struct SurveyDocument: DocumentBuilding {
  let report: Report
  /// The only form of each measure to lay out, or `nil` for both: a renderer draws one, and a
  /// breakdown into many groups makes the other costly to build.
  var detail: Document.Detail?

  var metadata: ReportMetadata { report.metadata }

  var document: Document {
    let measures = report.entries.enumerated().map { index, entry in
      let id = "measure-\(index + 1)"
      let title = entry.outline.title
      // A measure the report works out again is laid out when its section is drawn.
      return entry.make == nil
        ? Document.Section(id: id, title: title, role: .measure, blocks: blocks(index))
        : Document.Section(id: id, title: title, role: .measure) { [self] in blocks(index) }
    }
    return document(.survey(report), sections: [opening, headlines] + measures + [about])
  }

  /// The blocks of the section of the measure at `index`: its brief form, its detailed form, or
  /// both, as ``detail`` says.
  private func blocks(_ index: Int) -> [Document.Block] {
    let measure = report.measure(at: index)
    return [
      .forms(
        brief: detail == .detailed ? [] : brief(measure),
        detailed: detail == .brief ? [] : detailed(measure, number: index + 1)
      )
    ]
  }

  /// How the report was made: a list of sentences in plain text, facts, tables and notes on a
  /// page.
  private var about: Document.Section {
    let brief = Document.Block.list(Document.List(aboutLines.map { Document.RichText($0) }))
    return Document.Section(
      id: "about",
      title: "About this report",
      role: .about,
      blocks: [.forms(brief: [brief], detailed: aboutPage)]
    )
  }

  /// The source line and, in plain text, the licence notices.
  private var opening: Document.Section {
    var source =
      "Source: \(metadata.sourceFiles.joined(separator: ", ")); "
      + "\(counted(metadata.rowsRead, "row")) read"
    let excludedRows = metadata.exclusions.filter { $0.scope == "all estimates" }.reduce(0) {
      $0 + $1.count
    }
    if excludedRows > 0 {
      source += ", \(excludedRows) excluded from every estimate (see About this report)"
    }
    var blocks: [Document.Block] = [
      .paragraph(Document.Paragraph(.init(source + "."), role: .lede))
    ]
    if !metadata.licenceNotices.isEmpty {
      // Pages set the notices on the first page, under the headlines.
      blocks.append(.forms(brief: [.notices(metadata.licenceNotices)], detailed: []))
    }
    return Document.Section(id: "opening", title: nil, role: .opening, blocks: blocks)
  }

  /// A headline per indicator, for the whole sample.
  private var headlines: Document.Section {
    let lines = report.outlines.filter { $0.kind == .indicator }.compactMap { measure in
      measure.wholeSample.map {
        format.headlineText(title: measure.title, estimate: $0, level: metadata.confidenceLevel)
      }
    }
    let none = Document.Paragraph("This report has no indicators; the measures follow below.")
    var page: [Document.Block] = [.facts(surveyFacts)]
    page.append(lines.isEmpty ? .paragraph(none) : .list(Document.List(lines, style: .headlines)))
    if let keyChart { page.append(.chart(keyChart)) }
    if !metadata.licenceNotices.isEmpty { page.append(.notices(metadata.licenceNotices)) }
    return Document.Section(
      id: "headlines",
      title: "Headlines",
      role: .headlines,
      blocks: lines.isEmpty
        ? [.forms(brief: [], detailed: page)]
        : [.forms(brief: [.list(Document.List(lines, style: .headlines))], detailed: page)]
    )
  }

  /// What the first page says of the survey: what was asked, who answered, how it is broken
  /// down, and how to read the figures.
  private var surveyFacts: [Document.Fact] {
    var asked = metadata.instruments.map { "\($0.title) (\($0.id))" }
    let others = report.outlines.filter { $0.kind == .tally || $0.kind == .multiSelect }
      .filter { !$0.id.hasSuffix(" (options ticked)") }
      .map { "“\($0.title)”" }
    asked += others
    var facts = [
      Document.Fact(
        "Surveyed",
        .init(asked.isEmpty ? "no instruments or columns" : asked.joined(separator: "; "))
      )
    ]
    if let period = metadata.responsePeriod {
      facts.append(Document.Fact("Responses dated", .init(period.description)))
    }
    let excluded = metadata.exclusions.filter { $0.scope == "all estimates" }.reduce(0) {
      $0 + $1.count
    }
    var answered = "\(counted(metadata.rowsRead, "response")) read"
    answered +=
      excluded > 0
      ? "; \(excluded) left out of every estimate (see About this report)"
      : ", all in the estimates"
    answered += "; each figure's base is the number who answered its question"
    facts.append(Document.Fact("Answered", .init(answered + ".")))
    if !metadata.groupBy.isEmpty {
      facts.append(
        Document.Fact(
          "Broken down by",
          .init(metadata.groupBy.map { "“\($0)”" }.joined(separator: ", "))
        )
      )
    }
    facts.append(
      Document.Fact(
        "Reading the figures",
        Document.RichText([
          .plain(
            "\(level) confidence intervals\(metadata.weighting == nil ? "" : "; weighted percentages and means"). "
              + "Groups of fewer than 30 are marked "
          ), .flag(.lowBase),
          .plain("; * marks figures hidden to protect small counts."),
        ])
      )
    )
    return facts
  }

  /// How the report was made, one sentence a line, for plain text.
  private var aboutLines: [String] {
    var about: [String] = []
    about.append(
      "Source: \(metadata.sourceFiles.joined(separator: ", ")); "
        + "\(counted(metadata.rowsRead, "row")) read."
    )
    for exclusion in metadata.exclusions {
      var line = "Excluded from \(exclusion.scope): \(exclusion.count) (\(exclusion.reason))"
      if !exclusion.lines.isEmpty { line += "; lines \(Self.shownLines(exclusion.lines))" }
      about.append(line + ".")
    }
    for instrument in metadata.instruments {
      about.append(
        "Instrument \(instrument.id) version \(instrument.version) (\(instrument.origin)): "
          + "\(instrument.title)."
      )
    }
    for cutoff in metadata.cutoffs {
      var line =
        "Cut-off for \(cutoff.measure): \(cutoff.definition). "
        + sourceSentence(citations: cutoff.sources, certainty: cutoff.certainty)
      if let note = cutoff.note { line += " \(note)" }
      about.append(line)
    }
    about.append("Disclosure control: \(metadata.suppression.description)")
    about.append("Bases under 30 are marked [low base]: estimates from them are unreliable.")
    if let weighting = metadata.weighting {
      about.append(weighting.method)
      about.append(
        "Kish effective sample size \(fixed(weighting.effectiveSampleSize, decimals: 1)); "
          + "design effect due to weighting \(fixed(weighting.designEffect, decimals: 2))."
      )
    } else {
      about.append(
        "Intervals: \(level) Wilson score intervals for percentages; t intervals for means. "
          + "Percentages are of those who answered each question."
      )
    }
    if let test = testName {
      about.append(
        "Breakdowns use \(test) where at least two groups and two answers have data; a note says "
          + "when expected counts are too small for it."
      )
    }
    about.append(contentsOf: metadata.notes)
    about.append("Made with loneliness \(metadata.toolkitVersion).")
    return about
  }

  /// The test of independence breakdowns use, or `nil` without breakdowns.
  var testName: String? {
    guard !metadata.groupBy.isEmpty else { return nil }
    return metadata.weighting == nil
      ? "Pearson's chi-square test of independence" : "the Rao-Scott adjusted F test"
  }

  /// Input lines as listed: the first 20, then how many more.
  static func shownLines(_ lines: [Int]) -> String {
    lines.prefix(20).map(String.init).joined(separator: ", ")
      + (lines.count > 20 ? " and \(lines.count - 20) more" : "")
  }

  /// The name of a group, `All respondents` for the whole sample.
  static func groupLabel(_ group: GroupEstimate) -> String { group.group ?? "All respondents" }

  /// Whether a group is flagged as a low base (a hidden group is not).
  static func isFlagged(_ group: GroupEstimate) -> Bool { group.isLowBase && !group.isSuppressed }
}
