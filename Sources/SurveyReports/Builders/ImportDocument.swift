import SurveyCSV
public import SurveyCapture
import SurveyInstruments
import SurveyWorkbook

/// How an export was read (an ``SurveyCapture/ImportReport``), with what a person checking the reading also
/// needs to see: the instruments its columns were matched against, and how they were chosen.
///
/// Its ``document()`` is what `loneliness inspect` prints: as text, a listing of the file's
/// facts (encoding, delimiter or worksheet, dialect, header rows, records, respondent id,
/// instruments), every column with the item it matched and by which rule, each item's answer
/// counts, and every problem by kind; as JSON, the import report with the instruments first.
public struct ImportInspection: Sendable, FormattableReport {
  /// How the export was read.
  public var report: ImportReport
  /// The ids of the instruments the columns were matched against.
  public var instruments: [String]
  /// How the instruments were chosen, in words (`given with -i`).
  public var instrumentsChosenBy: String
  /// The most problems of one kind listed in text before "and N more" (JSON lists them all).
  public var problemsShownPerKind: Int

  /// Creates an inspection.
  ///
  /// - Parameters:
  ///   - report: How the export was read.
  ///   - instruments: The ids of the instruments the columns were matched against.
  ///   - instrumentsChosenBy: How they were chosen, in words.
  ///   - problemsShownPerKind: The most problems of one kind listed in text.
  public init(
    report: ImportReport,
    instruments: [String],
    instrumentsChosenBy: String,
    problemsShownPerKind: Int = 20
  ) {
    self.report = report
    self.instruments = instruments
    self.instrumentsChosenBy = instrumentsChosenBy
    self.problemsShownPerKind = max(1, problemsShownPerKind)
  }

  /// The inspection laid out as a ``Document`` in the listing layout: an opening of facts,
  /// then the sections `columns`, `answers` and `problems`.
  ///
  /// - Complexity: O(*c* + *i* × *o* + *p*) for *c* columns, *i* items of *o* options and *p*
  ///   problems.
  public func document() -> Document {
    Document(
      title: "How \(report.file ?? "the input") was read",
      data: .importReport(self),
      layout: .listing,
      sections: [
        Document.Section(id: "file", title: nil, role: .opening, blocks: [.facts(facts)]),
        Document.Section(id: "columns", title: "Columns", role: .results, blocks: [columns]),
        Document.Section(id: "answers", title: "Answers", role: .results, blocks: answers),
        Document.Section(
          id: "problems",
          title: "Problems (\(report.problems.count))",
          role: .results,
          blocks: problems
        ),
      ]
    )
  }

  /// The file's facts: how it was read and what it holds.
  private var facts: [Document.Fact] {
    var facts: [(String, String)] = [("File", report.file ?? "(input)")]
    if let workbook = report.workbook {
      facts.append(("Format", "Excel workbook"))
      facts.append(
        (
          "Sheet",
          "'\(workbook.sheet.name)' (sheet \(workbook.sheet.number) of \(workbook.sheets.count); "
            + (workbook.isNamed ? "given with --sheet)" : "the first worksheet)")
        )
      )
      let others = workbook.otherSheets.map { sheet in
        "\(sheet.number) '\(sheet.name)'"
          + (sheet.kind == .chartsheet
            ? " (chart)" : sheet.kind == .other ? " (not a worksheet)" : "")
          + (sheet.isHidden ? " (hidden)" : "")
      }
      facts.append(
        (
          "Other sheets",
          others.isEmpty ? "none" : others.joined(separator: ", ") + "; read one with --sheet"
        )
      )
    } else {
      var encoding = report.encoding.description
      encoding += report.hasByteOrderMark ? " with byte order mark" : ""
      if report.isTranscoded { encoding += ", converted to UTF-8" }
      if report.encodingDetection == .invalidUTF8 {
        encoding += " (the file is not valid UTF-8)"
      }
      facts.append(("Encoding", encoding))
      facts.append(
        (
          "Delimiter",
          report.delimiter.description + (report.isDelimiterDetected ? " (detected)" : " (given)")
        )
      )
    }
    facts += [
      ("Dialect", "\(report.dialect.name) (\(report.dialectDetection))"),
      ("Header rows", String(report.headerRowCount)),
      ("Records", String(report.recordCount)),
      (
        "Respondent id",
        report.respondentIDColumn.map { "column \($0 + 1) '\(report.columns[$0].header.name)'" }
          ?? "none"
      ),
      (
        "Instruments",
        (instruments.isEmpty ? "none" : instruments.joined(separator: ", "))
          + " (\(instrumentsChosenBy))"
      ),
    ]
    if let wave = report.waveColumn {
      facts.append(
        (
          "Waves",
          "column \(wave + 1) '\(report.columns[wave].header.name)' (ids are checked within "
            + "each wave)"
        )
      )
    }
    for notice in report.notices where notice.hasPrefix("the file") {
      facts.append(("Note", notice))
    }
    return facts.map { Document.Fact($0.0, .init($0.1)) }
  }

  /// Every column with the item it matched and by which rule, or what it is kept as.
  private var columns: Document.Block {
    let rows = report.columns.map { column -> Document.Table.Row in
      var use: String
      switch column.role {
      case .item:
        use = column.matches.map { "\($0.key) (\($0.ruleDescription))" }.joined(separator: "; ")
      case .attribute:
        use = column.index == report.respondentIDColumn ? "respondent id" : "other column"
      case .notKept:
        use = "not kept"
      }
      if let importID = column.header.importID, column.role == .item {
        use += " [ImportId \(importID)]"
      }
      let question =
        report.dialect == .qualtrics && column.header.question != column.header.name
        ? "'\(Self.shortened(column.header.question, 80))'" : nil
      return Document.Table.Row(
        [.count(column.index + 1), .text(Self.shortened(column.header.name, 60)), .text(use)],
        detail: question
      )
    }
    return .table(
      Document.Table(
        columns: [
          Document.Table.Column("Column", isNumeric: true), Document.Table.Column("Header"),
          Document.Table.Column("Used for"),
        ],
        rows: rows,
        showsHeadings: false
      )
    )
  }

  /// Each item with its column and its answer counts.
  private var answers: [Document.Block] {
    guard !report.items.isEmpty else { return [.paragraph(.init("(no instrument chosen)"))] }
    return report.items.map { item in
      var title = "\(item.key)  '\(Self.shortened(item.text, 60))'"
      title += item.column.map { "  column \($0 + 1)" } ?? "  no column"
      var rows = item.counts.options.map {
        Document.Table.Row([.text(String($0.code)), .text($0.label), .count($0.count)])
      }
      func row(_ label: String, _ count: Int) -> Document.Table.Row {
        Document.Table.Row([.empty, .text(label), .count(count)])
      }
      rows.append(row("base (valid answers)", item.counts.base))
      rows += item.counts.missing.map { row($0.label, $0.count) }
      rows.append(row("blank", item.counts.blank))
      rows.append(row("unrecognised", item.counts.unrecognised))
      return .group(
        Document.Group(
          title: .init(title),
          blocks: [
            .table(
              Document.Table(
                columns: [
                  Document.Table.Column("Code", isNumeric: true), Document.Table.Column("Answer"),
                  Document.Table.Column("Count", isNumeric: true),
                ],
                rows: rows,
                showsHeadings: false
              )
            )
          ]
        )
      )
    }
  }

  /// Every problem, by kind, up to ``problemsShownPerKind`` of each.
  private var problems: [Document.Block] {
    let problems = report.problems
    guard !problems.isEmpty else { return [.paragraph(.init("none"))] }
    var blocks: [Document.Block] = []
    var hidden = 0
    for kind in ImportProblem.Kind.allCases {
      let ofKind = problems.filter { $0.kind == kind }
      guard !ofKind.isEmpty else { continue }
      var inner: [Document.Block] = [
        .list(Document.List(ofKind.prefix(problemsShownPerKind).map { .init($0.description) }))
      ]
      if ofKind.count > problemsShownPerKind {
        hidden += ofKind.count - problemsShownPerKind
        inner.append(
          .paragraph(
            .init(
              "… and \(ofKind.count - problemsShownPerKind) more of these "
                + kind.heading.lowercased()
            )
          )
        )
      }
      blocks.append(
        .group(Document.Group(title: .init("\(kind.heading) (\(ofKind.count))"), blocks: inner))
      )
    }
    if hidden > 0 {
      blocks.append(
        .paragraph(
          .init(
            "\(counted(hidden, "problem")) \(hidden == 1 ? "is" : "are") not shown here; use "
              + "--format json to list them all."
          )
        )
      )
    }
    return blocks
  }

  /// `text` on one line (line breaks become spaces), cut to `limit` characters with "…".
  ///
  /// - Complexity: O(`limit`), whatever the length of the text.
  static func shortened(_ text: String, _ limit: Int) -> String {
    var flat: [Character] = []
    var pendingBreak = false
    for character in text {
      if character == "\n" || character == "\r" || character == "\r\n" {
        pendingBreak = true
        continue
      }
      if pendingBreak && !flat.isEmpty { flat.append(" ") }
      pendingBreak = false
      flat.append(character)
      if flat.count > limit { return String(flat.prefix(limit - 1)) + "…" }
    }
    return String(flat)
  }
}
