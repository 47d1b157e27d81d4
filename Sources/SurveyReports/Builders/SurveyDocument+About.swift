import SurveyInstruments

/// The detailed form of "About this report", for pages: the facts of the report, then
/// exclusions, instruments and cut-offs as tables, licence notices, disclosure control,
/// weighting and intervals, and notes.
extension SurveyDocument {
  /// The blocks of the detailed "About this report".
  ///
  /// - Complexity: O(*n*) in the size of the metadata.
  var aboutPage: [Document.Block] {
    let meta = metadata
    let files = meta.sourceFiles.enumerated().flatMap { index, file -> [Document.RichText.Run] in
      (index == 0 ? [] : [.lineBreak]) + [.plain(file)]
    }
    var blocks: [Document.Block] = [
      .facts([
        Document.Fact("Source files", files.isEmpty ? "none named" : Document.RichText(files)),
        Document.Fact("Rows read", .init(String(meta.rowsRead))),
        Document.Fact(
          "Broken down by",
          .init(meta.groupBy.isEmpty ? "no breakdowns" : meta.groupBy.joined(separator: ", "))
        ),
        Document.Fact("Confidence level", .init(level)),
        Document.Fact(
          "Percentages rounded to",
          .init("\(meta.decimals) decimal place\(meta.decimals == 1 ? "" : "s")")
        ),
        Document.Fact("Toolkit", .init("loneliness \(meta.toolkitVersion)")),
      ]),
      .heading("Exclusions"),
    ]
    if meta.exclusions.isEmpty {
      blocks.append(.paragraph(Document.Paragraph("No rows or answers were excluded.")))
    } else {
      blocks.append(
        .table(
          Table(
            caption: "Rows and answers left out, and why",
            purpose: "exclusions",
            columns: [Table.Column("Left out of"), Table.Column("Reason")]
              + numericColumns("Count") + [Table.Column("Input lines")],
            rows: meta.exclusions.map {
              Table.Row([
                .text($0.scope), .text($0.reason), .count($0.count),
                .text(Self.shownLines($0.lines)),
              ])
            }
          )
        )
      )
    }
    blocks.append(.heading("Instruments"))
    if meta.instruments.isEmpty {
      blocks.append(
        .paragraph(
          Document.Paragraph("No instruments were used; the report tallies other columns only.")
        )
      )
    } else {
      blocks.append(
        .table(
          Table(
            caption: "Instruments used and the versions of their definitions",
            purpose: "instruments",
            columns: ["Instrument", "Title", "Version", "Definition from"].map { Table.Column($0) },
            rows: meta.instruments.map {
              Table.Row([
                .rich(Document.RichText([.code($0.id)])), .text($0.title), .text($0.version),
                .text($0.origin),
              ])
            }
          )
        )
      )
    }
    blocks += cutoffBlocks
    blocks.append(.heading("Licence notices"))
    blocks.append(
      meta.licenceNotices.isEmpty
        ? .paragraph(Document.Paragraph("The instruments used require no notice on reports."))
        : .notices(meta.licenceNotices)
    )
    blocks += [
      .heading("Disclosure control"),
      .paragraph(Document.Paragraph(.init(meta.suppression.description))),
      .paragraph(
        Document.Paragraph(
          Document.RichText([
            .plain("In tables, "), .strong("*"),
            .plain(
              " marks a hidden figure. Small counts are hidden, and so are further figures chosen "
                + "so that no hidden count can be worked out from the rest of the report, whichever "
                + "of its figures are combined. Every hidden figure has the same mark, so the small "
                + "ones cannot be told apart. Charts draw hidden figures as hatched markers, never "
                + "their values."
            ),
          ])
        )
      ),
      .paragraph(
        Document.Paragraph(
          Document.RichText([
            .flag(.lowBase),
            .plain(
              " marks a group of fewer than 30 respondents: estimates from it are unreliable."
            ),
          ])
        )
      ),
      .heading("Weighting and intervals"),
    ]
    if let weighting = meta.weighting {
      blocks.append(.paragraph(Document.Paragraph(.init(weighting.method))))
      blocks.append(
        .paragraph(
          Document.Paragraph(
            Document.RichText([
              .plain("Weight column "), .code(weighting.column),
              .plain(
                ". Kish effective sample size \(fixed(weighting.effectiveSampleSize, decimals: 1)); "
                  + "design effect due to weighting \(fixed(weighting.designEffect, decimals: 2))."
              ),
            ])
          )
        )
      )
    } else {
      blocks.append(
        .paragraph(
          Document.Paragraph(
            .init(
              "Unweighted. Intervals: \(level) Wilson score intervals for percentages; t "
                + "intervals for means. Percentages are of those who answered each question."
            )
          )
        )
      )
    }
    if !meta.groupBy.isEmpty {
      // The method is named here once; each breakdown's note says only what differs.
      let method =
        meta.weighting == nil ? IndependenceTest.pearsonMethod : IndependenceTest.raoScottMethod
      blocks.append(
        .paragraph(
          Document.Paragraph(
            .init(
              "Breakdowns are tested where at least two groups and two answers have data, with "
                + "\(method.hasPrefix("Pearson") ? "" : "the ")\(method.dropLast()); a note says "
                + "when expected counts are too small for it or another test was used."
            )
          )
        )
      )
    }
    if !meta.notes.isEmpty {
      blocks.append(.heading("Notes"))
      blocks.append(.list(Document.List(meta.notes.map { Document.RichText($0) })))
    }
    return blocks
  }

  /// The cut-offs with their sources and certainty, and a warning when any is uncertain.
  private var cutoffBlocks: [Document.Block] {
    let cutoffs = metadata.cutoffs
    guard !cutoffs.isEmpty else { return [] }
    // Each source is cited once, in a numbered list under the table, and the table refers to
    // it by number: instruments cite the same source for many cut-offs.
    var sources: [String] = []
    var number: [String: Int] = [:]
    for source in cutoffs.flatMap(\.sources) where number[source] == nil {
      sources.append(source)
      number[source] = sources.count
    }
    let rows = cutoffs.map { cutoff in
      var certainty: [Document.RichText.Run] = [.plain(cutoff.certainty)]
      if cutoff.isUncertain { certainty += [.plain(" "), .flag(.uncertain)] }
      if let note = cutoff.note { certainty += [.lineBreak, .aside(note)] }
      let none = cutoff.isUncertain ? "none found" : "none recorded"
      return Table.Row(
        [
          .rich(Document.RichText([.code(cutoff.measure)])), .text(cutoff.definition),
          .text(
            cutoff.sources.isEmpty
              ? none
              : cutoff.sources.compactMap { number[$0].map { "[\($0)]" } }.joined(separator: " ")
          ),
          .rich(Document.RichText(certainty)),
        ],
        role: cutoff.isUncertain ? .uncertain : .data
      )
    }
    var blocks: [Document.Block] = [
      .heading("Cut-offs"),
      .table(
        Table(
          caption: "Cut-offs used, their sources (numbered as listed below) and how certain those "
            + "sources are",
          purpose: "cutoffs",
          columns: ["Measure", "Cut-offs", "Sources", "Certainty"].map { Table.Column($0) },
          rows: rows,
          keepsTogether: 2 * cutoffs.count <= 30
        )
      ),
    ]
    if cutoffs.contains(where: \.isUncertain) {
      blocks.append(
        .paragraph(
          Document.Paragraph(
            Document.RichText([
              .flag(.uncertain),
              .plain(
                " marks a cut-off whose source could not be confirmed: say so wherever figures "
                  + "based on it are quoted."
              ),
            ]),
            role: .warning
          )
        )
      )
    }
    if !sources.isEmpty {
      blocks.append(
        .table(
          Table(
            caption: "Sources of the cut-offs, as numbered above",
            purpose: "references",
            columns: [Table.Column("Number"), Table.Column("Source")],
            rows: sources.enumerated().map {
              Table.Row([.text("[\($0.offset + 1)]"), .sources([$0.element])])
            }
          )
        )
      )
    }
    return blocks
  }
}
