/// Draws a ``Document`` as one self-contained HTML5 page: inline CSS and inline SVG charts, no
/// scripts, fonts, images or links to anything outside the file, so it opens offline and can be
/// emailed or archived as it is.
///
/// The page has a header (the title and the document's opening lines), a list of contents, one
/// `<section>` per titled section of the document, and a footer naming the toolkit's version.
/// Where a block has two forms, the detailed one is drawn: for a survey report, each measure
/// with a chart and the tables behind it (items and tallies get stacked 100% bars, indicators a
/// dot-and-whisker plot, scores a histogram and stacked bars of their bands, multi-select
/// answers plain bars). Every chart is drawn from its data (``Document/Chart``) by one SVG
/// drawing component. Hidden (suppressed) figures appear as `*` in tables, marked and
/// explained, and as hatched markers in charts; their values are never written. Every string
/// that comes from data or instrument files is escaped.
///
/// The page is readable in print (charts and table rows are not split across pages, headers
/// repeat) and for screen readers (headings, captions, `scope`d header cells, charts with
/// `role="img"`, `<title>` and `<desc>`). Colours come from palettes chosen for colour-blind
/// readers and are backed by textures, labels and legends.
///
/// ```swift
/// let html = HTMLRenderer().render(report)
/// ```
public struct HTMLRenderer: DocumentRenderer {
  /// The width of charts in CSS pixels; they shrink to fit narrower windows and pages.
  public var chartWidth: Int
  /// The language of the page's own words, as a BCP 47 tag (`en-GB`).
  public var language: String

  /// Creates a renderer.
  ///
  /// - Parameters:
  ///   - chartWidth: The width of charts in CSS pixels, at least 360.
  ///   - language: The language of the page's words, for `<html lang>`.
  public init(chartWidth: Int = 720, language: String = "en-GB") {
    self.chartWidth = max(360, chartWidth)
    self.language = language
  }

  /// Writes `document` as one HTML page.
  ///
  /// The output depends only on `document` and the renderer's settings.
  ///
  /// - Complexity: O(*n*) in the size of the document.
  public func render(_ document: Document, to output: inout some TextOutputStream) {
    var page = HTMLPage(chartWidth: Double(chartWidth))
    page.write(document, language: language, to: &output)
  }
}

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe in HTML and SVG
/// text and in quoted attribute values.
///
/// - Complexity: O(*n*) in the length of `text`.
func escapedForHTML(_ text: String) -> String {
  var result = ""
  result.reserveCapacity(text.utf8.count)
  for scalar in text.unicodeScalars {
    switch scalar {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "'": result += "&#39;"
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}

/// `text` with the hyphen before each negative number replaced by a minus sign (U+2212), as
/// pages set numbers: `−7.6 pp`, `95% CI −0.9 to −0.1`.
///
/// A hyphen counts as a minus when a digit follows it and it starts the text or follows a
/// space or an opening bracket, so ranges (`16-24`, `0-4`), dates and names keep theirs.
///
/// - Complexity: O(*n*) in the length of `text`.
func withMinusSigns(_ text: String) -> String {
  guard text.contains("-") else { return text }
  var result = ""
  result.reserveCapacity(text.utf8.count + 8)
  var previous: Character?
  var characters = text.makeIterator()
  var current = characters.next()
  while let character = current {
    let next = characters.next()
    if character == "-", next?.isASCII == true, next?.isNumber == true,
      previous == nil || previous == " " || previous == "(" || previous == "[" || previous == ";"
        || previous == "\u{2013}"
        || previous == "\u{00A0}"
    {
      result.append("\u{2212}")
    } else {
      result.append(character)
    }
    previous = character
    current = next
  }
  return result
}

/// Writes a page line by line.
struct HTMLPage {
  let chartWidth: Double
  var lines: [String] = []

  /// The width of the narrow form of charts, drawn for phones.
  static let narrowChartWidth = 360.0

  private func e(_ text: String) -> String { escapedForHTML(text) }

  /// Writes `document` as a page to `output`, a section at a time.
  mutating func write(
    _ document: Document,
    language: String,
    to output: inout some TextOutputStream
  ) {
    lines.append("<!DOCTYPE html>")
    lines.append("<html lang=\"\(e(language))\">")
    lines.append("<head>")
    lines.append("<meta charset=\"utf-8\">")
    lines.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    if let version = document.toolkitVersion {
      lines.append("<meta name=\"generator\" content=\"loneliness \(e(version))\">")
    }
    lines.append("<title>\(e(document.title))</title>")
    lines.append("<style>")
    lines.append(htmlStyleSheet)
    lines.append("</style>")
    lines.append("</head>")
    lines.append("<body>")
    lines.append("<header>")
    lines.append("<h1>\(e(document.title))</h1>")
    // The opening section's lede goes in the header; the rest of it opens the first page.
    // Sections whose blocks are laid out when drawn (the measures of a very large report) are
    // drawn one at a time; they always have blocks, so they are in the contents.
    var opening: [Document.Block] = []
    var titled: [Document.Section] = []
    for section in document.sections {
      if section.title == nil {
        opening += section.blocks(for: .detailed)
      } else if section.isLaidOutWhenDrawn || !section.blocks(for: .detailed).isEmpty {
        titled.append(section)
      }
    }
    while case .paragraph(let paragraph)? = opening.first, paragraph.role == .lede {
      add(.paragraph(paragraph))
      opening.removeFirst()
    }
    lines.append("</header>")
    writeContents(titled)
    lines.append("<main>")
    // The first page stands alone: the opening, and every section up to the headlines.
    let firstPageCount = (titled.firstIndex { $0.role == .headlines }).map { $0 + 1 } ?? 0
    lines.append("<div class=\"first-page\">")
    for block in opening { add(block) }
    for section in titled.prefix(firstPageCount) {
      writeSection(section, blocks: section.blocks(for: .detailed))
    }
    lines.append("</div>")
    for section in titled.dropFirst(firstPageCount) {
      writeSection(section, blocks: section.blocks(for: .detailed))
      output.write(lines.joined(separator: "\n") + "\n")
      lines.removeAll(keepingCapacity: true)
    }
    lines.append("</main>")
    if let version = document.toolkitVersion {
      lines.append("<footer><p>Made with loneliness \(e(version)).</p></footer>")
    }
    lines.append("</body>")
    lines.append("</html>")
    output.write(lines.joined(separator: "\n") + "\n")
    lines.removeAll()
  }

  private mutating func writeContents(_ sections: [Document.Section]) {
    guard !sections.isEmpty else { return }
    lines.append("<nav aria-labelledby=\"contents-title\">")
    lines.append("<h2 id=\"contents-title\">Contents</h2>")
    lines.append("<ol>")
    for section in sections {
      lines.append("<li><a href=\"#\(e(section.id))\">\(e(section.title ?? ""))</a></li>")
    }
    lines.append("</ol>")
    lines.append("</nav>")
  }

  /// A section: its heading kept on a page with what follows it (up to its first chart or
  /// table), then the rest of its blocks.
  private mutating func writeSection(_ section: Document.Section, blocks: [Document.Block]) {
    let id = e(section.id)
    let className =
      switch section.role {
      case .measure: " class=\"measure\""
      case .about: " class=\"appendix\""
      case .headlines: " class=\"headlines-section\""
      default: ""
      }
    lines.append("<section\(className) id=\"\(id)\" aria-labelledby=\"\(id)-title\">")
    let title = "<h2 id=\"\(id)-title\">\(e(section.title ?? ""))</h2>"
    writeKeptTogether(heading: title, blocks: blocks)
    lines.append("</section>")
  }

  /// `heading` and `blocks`, the heading in one unbreakable box with the blocks that follow it
  /// up to and including the first chart or table (or the next heading), so that no heading is
  /// left at the foot of a printed page; each further heading is kept with what follows it the
  /// same way.
  private mutating func writeKeptTogether(heading: String, blocks: [Document.Block]) {
    var index = 0
    var pendingHeading: String? = heading
    while index < blocks.count || pendingHeading != nil {
      if let openingHeading = pendingHeading {
        pendingHeading = nil
        lines.append("<div class=\"keep-with-next\">")
        lines.append(openingHeading)
        while index < blocks.count {
          let block = blocks[index]
          // A heading that follows before any chart or table and introduces one (a score's
          // "Summary statistics" under its section's notes) joins the box, so that neither
          // heading is left at the foot of a page.
          if case .heading(let text) = block, Self.introducesChart(blocks[(index + 1)...]) {
            lines.append("<h3>\(e(text))</h3>")
            index += 1
            continue
          }
          if case .heading = block { break }
          if case .group = block { break }
          add(block)
          index += 1
          if Self.endsKeptBox(block) { break }
        }
        lines.append("</div>")
        continue
      }
      let block = blocks[index]
      index += 1
      if case .heading(let text) = block {
        pendingHeading = "<h3>\(e(text))</h3>"
      } else if case .group(let group) = block {
        writeKeptTogether(heading: "<h3>\(html(group.title))</h3>", blocks: group.blocks)
      } else {
        add(block)
      }
    }
  }

  /// Whether `blocks` reach a block that ends a kept box before the next heading.
  private static func introducesChart(_ blocks: ArraySlice<Document.Block>) -> Bool {
    for block in blocks {
      switch block {
      case .heading, .group: return false
      default: if endsKeptBox(block) { return true }
      }
    }
    return false
  }

  /// Whether a kept box ends after `block`: a chart or a table is what a heading introduces,
  /// and the headlines are enough under their heading.
  private static func endsKeptBox(_ block: Document.Block) -> Bool {
    switch block {
    case .chart, .table, .facts: true
    case .list(let list): list.style == .headlines
    default: false
    }
  }

  private mutating func add(_ block: Document.Block) {
    switch block {
    case .heading(let text):
      lines.append("<h3>\(e(text))</h3>")
    case .paragraph(let paragraph):
      let className = Self.className(of: paragraph.role).map { " class=\"\($0)\"" } ?? ""
      lines.append("<p\(className)>\(html(paragraph.text))</p>")
    case .list(let list):
      let className =
        switch list.style {
        case .plain: ""
        case .notes: " class=\"notes\""
        case .headlines: " class=\"headlines\""
        }
      lines.append("<ul\(className)>")
      for item in list.items { lines.append("<li>\(html(item))</li>") }
      lines.append("</ul>")
    case .notices(let notices):
      lines.append("<div class=\"licence\">")
      for notice in notices { lines.append("<p>\(e(notice))</p>") }
      lines.append("</div>")
    case .facts(let facts):
      lines.append("<dl class=\"facts\">")
      for fact in facts {
        lines.append("<dt>\(e(fact.label))</dt><dd>\(html(fact.value))</dd>")
      }
      lines.append("</dl>")
    case .table(let table):
      lines.append("<div class=\"table-scroll\">")
      lines.append(contentsOf: HTMLTable(table: table).lines)
      lines.append("</div>")
    case .chart(let chart):
      lines.append("<figure>")
      lines.append(SVGChart.markup(chart, width: chartWidth))
      lines.append(SVGChart.markup(chart, width: Self.narrowChartWidth, isNarrow: true))
      lines.append("<figcaption>\(e(withMinusSigns(chart.caption)))</figcaption>")
      lines.append("</figure>")
    case .group(let group):
      lines.append("<h3>\(html(group.title))</h3>")
      for inner in group.blocks { add(inner) }
    case .forms:
      break
    }
  }

  /// The class of a paragraph of `role`, or `nil` for none.
  private static func className(of role: Document.Paragraph.Role) -> String? {
    switch role {
    case .plain: nil
    case .lede: "lede"
    case .identifier: "measure-id"
    case .headline: "headline"
    case .footnote: "footnote"
    case .statistics: "test"
    case .warning: "warning"
    }
  }
}

/// `text` marked up: strong, emphasised and code runs, flags as labelled boxes, asides as
/// notes, line breaks as `<br>`; every run's text escaped.
///
/// - Complexity: O(*n*) in the length of the text.
func html(_ text: Document.RichText) -> String {
  var result = ""
  for run in text.runs {
    switch run {
    case .plain(let part): result += linkedForHTML(withMinusSigns(part))
    case .strong(let part): result += "<strong>\(escapedForHTML(withMinusSigns(part)))</strong>"
    case .emphasis(let part): result += "<em>\(escapedForHTML(withMinusSigns(part)))</em>"
    case .code(let part): result += "<code>\(escapedForHTML(part))</code>"
    case .aside(let part): result += "<span class=\"note\">\(escapedForHTML(part))</span>"
    case .lineBreak: result += "<br>"
    case .flag(.uncertain): result += "<span class=\"flag uncertain\">&#9888; uncertain</span>"
    case .flag(let flag): result += "<span class=\"flag\">\(flag.rawValue)</span>"
    }
  }
  return result
}

/// `text` escaped, with each web address in it (`https://…`) turned into a link named by its
/// site (`ons.gov.uk`), the full address in its tooltip; a full stop or bracket that ends a
/// sentence is left out of the address.
///
/// - Complexity: O(*n*) in the length of `text`.
func linkedForHTML(_ text: String) -> String {
  var result = ""
  var rest = Substring(text)
  while let start = rest.firstRange(of: "http")?.lowerBound {
    let candidate = rest[start...]
    guard candidate.hasPrefix("https://") || candidate.hasPrefix("http://") else {
      result += escapedForHTML(String(rest[..<rest.index(after: start)]))
      rest = rest[rest.index(after: start)...]
      continue
    }
    result += escapedForHTML(String(rest[..<start]))
    var end =
      candidate.firstIndex { $0 == " " || $0 == "\n" || $0 == "<" || $0 == "\"" }
      ?? candidate.endIndex
    while end > candidate.startIndex, let last = candidate[..<end].last, ".,;:)".contains(last) {
      end = candidate.index(before: end)
    }
    let address = String(candidate[..<end])
    let afterScheme = address.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: true)
    var site = afterScheme.count > 1 ? String(afterScheme[1]) : address
    if site.hasPrefix("www.") { site.removeFirst(4) }
    result +=
      "<a href=\"\(escapedForHTML(address))\" title=\"\(escapedForHTML(address))\">"
      + "\(escapedForHTML(site))</a>"
    rest = candidate[end...]
  }
  return result + escapedForHTML(String(rest))
}
