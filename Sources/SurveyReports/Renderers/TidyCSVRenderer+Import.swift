import SurveyCSV
import SurveyCapture

extension TidyCSVRenderer {
  /// The columns of the tidy CSV of an import report, in order.
  ///
  /// `row_type` (`column`, `answer` or `problem`), `column` (1-based), `header`, `item`
  /// (`INSTRUMENT.ITEM`; for a column, the items it feeds, separated by `; `), `code` (an
  /// answer's code), `category` (a column's role, an answer's label or `base`, `blank`,
  /// `unrecognised` and the missing answers, or a problem's kind), `count`, `line` (a problem's
  /// line), `detail` (how a column was matched, or a problem's message).
  public static let importColumns = [
    "row_type", "column", "header", "item", "code", "category", "count", "line", "detail",
  ]

  /// How an export was read, as tidy CSV with the columns ``importColumns``: one row per
  /// column, per answer count of each item, and per problem.
  ///
  /// - Complexity: O(*n*) in the size of the import report.
  static func text(for inspection: ImportInspection) -> String {
    let report = inspection.report
    var rows: [[String]] = [importColumns]
    // `column` is 1-based, as every format shows it.
    func row(
      _ type: String,
      column: Int? = nil,
      header: String = "",
      item: String = "",
      code: String = "",
      category: String = "",
      count: Int? = nil,
      line: Int? = nil,
      detail: String = ""
    ) {
      rows.append([
        type, column.map(String.init) ?? "", header, item, code, category,
        count.map(String.init) ?? "", line.map(String.init) ?? "", detail,
      ])
    }
    for column in report.columns {
      row(
        "column",
        column: column.index + 1,
        header: column.header.name,
        item: column.matches.map(\.key.description).joined(separator: "; "),
        category: column.index == report.respondentIDColumn
          ? "respondent-id" : column.role.rawValue,
        detail: column.matches.map(\.ruleDescription).joined(separator: "; ")
      )
    }
    for answers in report.items {
      let item = answers.key.description
      func count(_ category: String, _ count: Int, code: String = "") {
        row(
          "answer",
          column: answers.column.map { $0 + 1 },
          item: item,
          code: code,
          category: category,
          count: count
        )
      }
      for option in answers.counts.options {
        count(option.label, option.count, code: String(option.code))
      }
      count("base", answers.counts.base)
      for missing in answers.counts.missing { count(missing.label, missing.count) }
      count("blank", answers.counts.blank)
      count("unrecognised", answers.counts.unrecognised)
    }
    for problem in report.problems {
      row(
        "problem",
        column: problem.column,
        header: problem.header ?? "",
        item: problem.item?.description ?? "",
        category: problem.kind.rawValue,
        line: problem.line,
        detail: problem.message
      )
    }
    return CSVWriter().text(for: rows)
  }
}
