import Foundation
import SurveyCapture
import SurveyInstruments
import SurveyReports
import Testing

/// Every block of a document, both forms of every block that has two, and the blocks of groups.
private func allBlocks(_ document: Document) -> [Document.Block] {
  func flatten(_ blocks: [Document.Block]) -> [Document.Block] {
    blocks.flatMap { block -> [Document.Block] in
      switch block {
      case .forms(let brief, let detailed): flatten(brief) + flatten(detailed)
      case .group(let group): [block] + flatten(group.blocks)
      default: [block]
      }
    }
  }
  return flatten(document.sections.flatMap(\.blocks))
}

private func tables(_ blocks: [Document.Block]) -> [Document.Table] {
  blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
}

private func charts(_ blocks: [Document.Block]) -> [Document.Chart] {
  blocks.compactMap { if case .chart(let chart) = $0 { chart } else { nil } }
}

/// How many columns a cell covers.
private func span(_ cell: Document.Table.Cell) -> Int {
  if case .spanning(_, let columns) = cell { return columns }
  return 1
}

/// An export of two ONS loneliness items with one answer no option matches.
private func inspection() throws -> ImportInspection {
  let ons = try #require(InstrumentCatalogue.builtIn.instrument(withID: "ons-loneliness"))
  let csv = """
    id,How often do you feel lonely?,How often do you feel isolated from others?
    1,Often/always,Often
    2,Never,Hardly ever or never
    3,Sometimes maybe,Some of the time

    """
  let report = try ExportImporter.report(
    .bytes(Array(csv.utf8), name: "visits.csv"),
    instruments: [ons]
  )
  return ImportInspection(
    report: report,
    instruments: ["ons-loneliness"],
    instrumentsChosenBy: "given"
  )
}

/// A document of every kind: survey, comparison, change and import.
private func everyKindOfDocument() throws -> [Document] {
  [
    try sampleReport().document(),
    try ComparisonFixture().build(ComparisonOptions(reference: "Northgate")).document(),
    try ChangeFixture().build(ChangeOptions()).document(),
    try inspection().document(),
  ]
}

/// A text output stream that keeps each piece written.
private struct Pieces: TextOutputStream {
  var pieces: [String] = []
  mutating func write(_ string: String) { pieces.append(string) }
}

@Suite struct DocumentTests {
  @Test
  func `a survey document opens, gives the headlines, a section per measure, then how it was made`()
    throws
  {
    let report = try sampleReport()
    let document = report.document()
    #expect(document.kind == .survey)
    #expect(document.title == report.metadata.title)
    let sections = document.sections
    #expect(sections.first?.title == nil && sections.first?.role == .opening)
    #expect(sections.dropFirst().first?.role == .headlines)
    #expect(sections.last?.role == .about && sections.last?.id == "about")
    let measures = sections.filter { $0.role == .measure }
    #expect(measures.map(\.title) == report.measures.map(\.title))
    #expect(measures.map(\.id) == report.measures.indices.map { "measure-\($0 + 1)" })
    #expect(Set(sections.map(\.id)).count == sections.count)
    guard case .survey(let data) = document.data else {
      Issue.record("the document does not hold its report")
      return
    }
    #expect(data.measures.map(\.id) == report.measures.map(\.id))
  }

  @Test func `headlines name each indicator strongly and flag a low base`() throws {
    let report = try sampleReport()
    let headlines = try #require(report.document().section(withID: "headlines"))
    // The brief form is the list alone; pages set it with the survey's facts and a chart.
    guard case .list(let list) = try #require(headlines.blocks(for: .brief).first) else {
      Issue.record("the headlines are not a list")
      return
    }
    #expect(list.style == .headlines)
    let indicators = report.indicators.filter { $0.wholeSample != nil }
    #expect(list.items.count == indicators.count)
    for (item, indicator) in zip(list.items, indicators) {
      #expect(item.runs.first == .strong(indicator.title))
      let isLowBase = indicator.wholeSample?.isLowBase ?? false
      #expect(item.runs.contains(.flag(.lowBase)) == isLowBase)
    }
  }

  @Test func `plain text draws the brief form and pages the detailed one, with no forms left`()
    throws
  {
    let document = try sampleReport().document()
    for detail in [Document.Detail.brief, .detailed] {
      for section in document.sections {
        for block in section.blocks(for: detail) {
          if case .forms = block { Issue.record("\(section.id) keeps its forms for \(detail)") }
        }
      }
    }
    // Charts are part of the detailed form of every measure, never the brief one.
    for section in document.sections where section.role == .measure {
      #expect(charts(section.blocks(for: .brief)).isEmpty)
      #expect(!charts(section.blocks(for: .detailed)).isEmpty, "\(section.id) has no chart")
    }
  }

  @Test func `a hidden count's cell holds no number and says why it is hidden`() throws {
    let report = try sampleReport()
    let measure = try #require(report.measures.first)
    let section = try #require(report.document().section(withID: "measure-1"))
    // The detailed form has one cross-tab: a row group per breakdown (the whole sample first),
    // a row per group, and after the group's name a cell per answer.
    let crossTabs = tables(section.blocks(for: .detailed))
    #expect(crossTabs.count == 1)
    let table = try #require(crossTabs.first)
    #expect(table.groups.count == measure.breakdowns.count)
    var hidden = 0
    for (rows, breakdown) in zip(table.groups, measure.breakdowns) {
      #expect(rows.rows.count == breakdown.groups.count)
      for (row, group) in zip(rows.rows, breakdown.groups) {
        for (cell, category) in zip(row.cells.dropFirst(), group.categories) {
          guard case .share(let count, _, _, let reason) = cell else {
            Issue.record("\(group.group) \(category.category): the cell is not a share")
            continue
          }
          #expect(count == category.shownCount)
          if category.suppression != nil {
            hidden += 1
            #expect(count == nil && reason == category.suppression)
            #expect(cell.plainText == ReportFormatting.suppressedMark)
          }
        }
      }
    }
    // The sample's tiny area has its counts hidden.
    #expect(hidden > 0)
  }

  @Test func `every row of every table fills its columns, in every kind of document`() throws {
    let documents = try everyKindOfDocument()
    for document in documents {
      for table in tables(allBlocks(document)) {
        for row in table.rows {
          #expect(
            row.cells.map(span).reduce(0, +) == table.columns.count,
            "\(document.kind): a row of \(table.caption ?? "a table") does not fill its columns"
          )
        }
      }
    }
  }

  @Test func `chart ids are unique within a document`() throws {
    // An import listing has no charts.
    for document in try everyKindOfDocument() where document.kind != .importReport {
      let ids = charts(allBlocks(document)).map(\.id)
      #expect(!ids.isEmpty)
      #expect(Set(ids).count == ids.count, "\(document.kind) repeats a chart id")
    }
  }

  @Test
  func
    `a comparison has a section per measure, each with its cohorts' chart and one of the differences`()
    throws
  {
    let report = try ComparisonFixture().build(ComparisonOptions(reference: "Northgate"))
    let document = report.document()
    #expect(document.kind == .comparison)
    let measures = document.sections.filter { $0.role == .measure }
    #expect(measures.map(\.title) == report.indicators.map(\.title) + report.scores.map(\.title))
    for (section, comparisons) in zip(
      measures,
      report.indicators.map(\.comparisons.count) + report.scores.map(\.comparisons.count)
    ) {
      let kinds = charts(section.blocks).map(\.kind)
      #expect(kinds.count == (comparisons > 0 ? 2 : 1))
      if comparisons > 0, case .intervals(let differences)? = kinds.last {
        #expect(differences.showsZero)
        #expect(differences.rows.count == comparisons)
      } else if comparisons > 0 {
        Issue.record("\(section.id): the differences are not drawn on an axis with zero")
      }
    }
  }

  @Test func `a change report says who was paired first, and joins each score's means`() throws {
    let report = try ChangeFixture().build(ChangeOptions())
    let document = report.document()
    #expect(document.sections.dropFirst().first?.id == "pairing")
    let scoresWithMeans = report.scores.filter {
      !$0.isSuppressed && $0.baselineMean != nil && $0.followUpMean != nil
    }
    #expect(!scoresWithMeans.isEmpty)
    // Each score's means are drawn on the score's own scale, and its mean change on a second
    // axis centred on zero: one axis never mixes the two.
    let sections = document.sections.filter { $0.role == .measure }.prefix(report.scores.count)
    for (section, score) in zip(sections, report.scores) {
      let drawn = charts(section.blocks)
      guard scoresWithMeans.contains(where: { $0.id == score.id }),
        let before = score.baselineMean, let after = score.followUpMean
      else { continue }
      guard case .intervals(let means)? = drawn.first?.kind else {
        Issue.record("\(score.id): not a before-and-after chart")
        continue
      }
      #expect(means.rows.first?.baseline == before)
      #expect(means.rows.first?.value == .shown(after))
      #expect(!means.showsZero)
      #expect(means.domain == score.range)
      if let change = score.meanChange {
        guard drawn.count == 2, case .intervals(let changes) = drawn[1].kind else {
          Issue.record("\(score.id): the mean change is not drawn on its own axis")
          continue
        }
        #expect(changes.showsZero)
        #expect(changes.rows.first?.value == .shown(change))
      }
    }
  }

  @Test func `an import inspection lists facts, columns, answers by item and counted problems`()
    throws
  {
    let inspection = try inspection()
    let document = inspection.document()
    #expect(document.kind == .importReport && document.layout == .listing)
    #expect(document.sections.map(\.id) == ["file", "columns", "answers", "problems"])
    let problems = try #require(document.section(withID: "problems"))
    #expect(problems.title == "Problems (\(inspection.report.problems.count))")
    #expect(!inspection.report.problems.isEmpty)
    let answers = try #require(document.section(withID: "answers"))
    #expect(answers.blocks.count == inspection.report.items.count)
    // The facts are set in one column, two characters wider than the longest label.
    guard case .facts(let facts) = try #require(document.sections.first?.blocks.first) else {
      Issue.record("the listing does not open with facts")
      return
    }
    let column = (facts.map(\.label.count).max() ?? 0) + 2
    let text = TextRenderer().render(document).split(separator: "\n").prefix(facts.count)
    for (line, fact) in zip(text, facts) {
      #expect(String(line.dropFirst(column)) == fact.value.plainText)
    }
    // JSON names the instruments before the import report's own members.
    let json = try #require(
      JSONSerialization.jsonObject(with: Data(JSONReportRenderer().render(document).utf8))
        as? [String: Any]
    )
    #expect(json["instruments"] as? [String] == ["ons-loneliness"])
    #expect(json["instrumentsChosenBy"] as? String == "given")
  }

  @Test(arguments: ReportFormat.allCases)
  func `every format writes to any output stream what it returns as a string`(
    format: ReportFormat
  )
    throws
  {
    let documents = try everyKindOfDocument()
    for document in documents {
      var pieces = Pieces()
      render(document, as: format, width: 80, to: &pieces)
      let text = document.rendered(as: format, width: 80)
      #expect(pieces.pieces.joined() == text)
      #expect(!text.isEmpty)
    }
    let report = try sampleReport()
    #expect(
      report.rendered(as: format, width: 80) == report.document().rendered(as: format, width: 80)
    )
  }
}
