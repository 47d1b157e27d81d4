/// Draws a ``Document`` in one output format.
///
/// There is one renderer per format: ``TextRenderer``, ``MarkdownRenderer``, ``HTMLRenderer``,
/// ``JSONReportRenderer`` and ``TidyCSVRenderer``. Each handles every kind of document.
/// Renderers are pure: the same document always gives the same output.
public protocol DocumentRenderer: Sendable {
  /// Writes `document` to `output`.
  ///
  /// - Complexity: O(*n*) in the size of the document.
  func render(_ document: Document, to output: inout some TextOutputStream)
}

/// The name the renderers had when they drew only survey reports.
public typealias ReportRenderer = DocumentRenderer

extension DocumentRenderer {
  /// The document in this format.
  ///
  /// - Complexity: O(*n*) in the size of the document.
  public func render(_ document: Document) -> String {
    var text = ""
    render(document, to: &text)
    return text
  }

  /// The survey report in this format.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ report: Report) -> String { render(report.document()) }

  /// The comparison in this format.
  ///
  /// - Complexity: O(*n*) in the size of the comparison.
  public func render(_ comparison: ComparisonReport) -> String { render(comparison.document()) }

  /// The change report in this format.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(_ change: ChangeReport) -> String { render(change.document()) }
}

/// The output formats of a report.
public enum ReportFormat: String, Sendable, CaseIterable {
  /// Aligned plain text for a terminal.
  case text
  /// Markdown, for pasting into documents and issue trackers.
  case markdown
  /// A tidy CSV with one row per measure, group and category.
  case csv
  /// JSON with a documented, stable schema.
  case json
  /// One self-contained HTML page with charts.
  case html

  /// The renderer of this format, with its default settings; text is laid out to lines of
  /// `width` characters.
  public func renderer(width: Int = 100) -> any DocumentRenderer {
    switch self {
    case .text: TextRenderer(width: width)
    case .markdown: MarkdownRenderer()
    case .csv: TidyCSVRenderer()
    case .json: JSONReportRenderer()
    case .html: HTMLRenderer()
    }
  }
}

/// Writes `document` to `output` in `format`, with that format's renderer; text is laid out to
/// lines of `width` characters.
///
/// - Complexity: O(*n*) in the size of the document.
public func render(
  _ document: Document,
  as format: ReportFormat,
  width: Int = 100,
  to output: inout some TextOutputStream
) {
  format.renderer(width: width).render(document, to: &output)
}

extension Document {
  /// The document in `format`; text is laid out to lines of `width` characters.
  ///
  /// - Complexity: O(*n*) in the size of the document.
  public func rendered(as format: ReportFormat, width: Int = 100) -> String {
    var text = ""
    render(self, as: format, width: width, to: &text)
    return text
  }
}

/// A report of any kind (a survey ``Report``, a ``ComparisonReport``, a ``ChangeReport``, an
/// ``ImportInspection``) that lays itself out as a ``Document``, and so can be drawn in every
/// ``ReportFormat``.
public protocol FormattableReport: Sendable {
  /// The report laid out as a document.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  func document() -> Document

  /// The report laid out as a document for `format`: the same document as ``document()``, but
  /// it may leave out what that format does not draw (the detailed forms in plain text, the
  /// brief ones on a page, every section in JSON and CSV, which serialise the report itself).
  ///
  /// - Complexity: O(*n*) in the size of the report.
  func document(for format: ReportFormat) -> Document
}

extension FormattableReport {
  /// The whole document (``document()``), whatever the format.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func document(for format: ReportFormat) -> Document { document() }

  /// Writes the report in `format` to `output`, a piece at a time; text is laid out to lines
  /// of `width` characters.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func render(
    as format: ReportFormat,
    width: Int = 100,
    to output: inout some TextOutputStream
  ) {
    SurveyReports.render(document(for: format), as: format, width: width, to: &output)
  }

  /// The report in `format`; text is laid out to lines of `width` characters.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func rendered(as format: ReportFormat, width: Int = 100) -> String {
    var text = ""
    render(as: format, width: width, to: &text)
    return text
  }
}

extension Report: FormattableReport {
  /// The report laid out as a ``Document``.
  ///
  /// The sections are, in order: an opening (the source line, and in plain text the licence
  /// notices); `headlines`, a headline per indicator; one section per measure (`measure-1`, …);
  /// and `about`, how the report was made. Each measure offers two forms: a brief one for plain
  /// text (a table of the whole sample and a cross-tab per breakdown) and a detailed one for
  /// pages (a chart, and every group's counts, percentages and intervals). The document's
  /// ``Document/data`` is the report itself, which JSON and CSV serialise.
  ///
  /// - Complexity: O(*m* × *g* × *c*) for *m* measures, *g* groups and *c* categories.
  public func document() -> Document { SurveyDocument(report: self).document }

  /// The report laid out for `format`: measures in their brief form for text and Markdown, in
  /// their detailed form for HTML, and no sections for JSON and CSV, which serialise the report.
  ///
  /// - Complexity: O(*m* × *g* × *c*) for *m* measures, *g* groups and *c* categories.
  public func document(for format: ReportFormat) -> Document {
    switch format {
    case .text, .markdown: SurveyDocument(report: self, detail: .brief).document
    case .html: SurveyDocument(report: self, detail: .detailed).document
    case .json, .csv:
      Document(
        title: metadata.title,
        data: .survey(self),
        toolkitVersion: metadata.toolkitVersion,
        sections: []
      )
    }
  }
}

extension ComparisonReport: FormattableReport {
  /// The comparison laid out as a ``Document``.
  ///
  /// The sections are: an opening (the source line, licence notices and the cohorts' sizes);
  /// `headlines`, each cohort's difference from the reference on each indicator; one section
  /// per indicator and per score (`measure-1`, …), with each cohort's estimate, the differences
  /// from the reference, and a chart of each; and `about`. The document's ``Document/data`` is
  /// the comparison itself, which JSON and CSV serialise.
  ///
  /// - Complexity: O(*m* × *c*) for *m* measures and *c* cohorts.
  public func document() -> Document { ComparisonDocument(report: self).document }
}

extension ChangeReport: FormattableReport {
  /// The change report laid out as a ``Document``.
  ///
  /// The sections are: an opening (the source line and licence notices); `pairing`, who was
  /// paired and who was not; `headlines`; one section per score and per indicator
  /// (`measure-1`, …), with the means at each wave and the mean change, the shares improved
  /// and worse, band transitions, the paired table of each indicator, and a before-and-after
  /// chart of each; and `about`. The document's ``Document/data`` is the report itself, which
  /// JSON and CSV serialise.
  ///
  /// - Complexity: O(*m* × *b*²) for *m* measures with up to *b* bands.
  public func document() -> Document { ChangeDocument(report: self).document }
}
