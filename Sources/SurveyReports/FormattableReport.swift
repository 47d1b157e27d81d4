/// A report of any kind (a survey ``Report``, a ``ComparisonReport`` or a ``ChangeReport``) that
/// can be drawn in every ``ReportFormat``, so a program chooses the format as a value.
public protocol FormattableReport: Sendable {
  /// The report in `format`; text is laid out to lines of `width` characters.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  func rendered(as format: ReportFormat, width: Int) -> String
}

extension Report: FormattableReport {
  /// The report in `format`, with the format's default renderer.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func rendered(as format: ReportFormat, width: Int = 100) -> String {
    switch format {
    case .text: TextRenderer(width: width).render(self)
    case .markdown: MarkdownRenderer().render(self)
    case .csv: TidyCSVRenderer().render(self)
    case .json: JSONReportRenderer().render(self)
    case .html: HTMLRenderer().render(self)
    }
  }
}

extension ComparisonReport: FormattableReport {
  /// The comparison in `format`, with the format's default renderer.
  ///
  /// - Complexity: O(*n*) in the size of the comparison.
  public func rendered(as format: ReportFormat, width: Int = 100) -> String {
    switch format {
    case .text: TextRenderer(width: width).render(self)
    case .markdown: MarkdownRenderer().render(self)
    case .csv: TidyCSVRenderer().render(self)
    case .json: JSONReportRenderer().render(self)
    case .html: HTMLRenderer().render(self)
    }
  }
}

extension ChangeReport: FormattableReport {
  /// The change report in `format`, with the format's default renderer.
  ///
  /// - Complexity: O(*n*) in the size of the report.
  public func rendered(as format: ReportFormat, width: Int = 100) -> String {
    switch format {
    case .text: TextRenderer(width: width).render(self)
    case .markdown: MarkdownRenderer().render(self)
    case .csv: TidyCSVRenderer().render(self)
    case .json: JSONReportRenderer().render(self)
    case .html: HTMLRenderer().render(self)
    }
  }
}
