public import SurveyCapture
public import SurveyInstruments

/// A printable questionnaire: the same instruments as an ``OfflineForm``, on paper, for
/// respondents who prefer it.
///
/// Each question has a tick box per answer with the key that `loneliness capture` takes beside
/// it (the answer's code, or a declared missing answer's letter such as `p` for "Prefer not to
/// say"), so the answers can be typed in later by key. The page has space for the respondent id
/// and the date, shows the fixed columns' values, each instrument's introduction and licence
/// notice, and ends with the capture command that types the answers in. It is one HTML page with
/// print styles; printing it from a browser gives the paper.
public struct PaperQuestionnaire: Sendable {
  /// The page's title.
  public var title: String
  let content: FormContent

  /// Creates a questionnaire.
  ///
  /// - Parameters:
  ///   - instruments: The instruments to ask, in order.
  ///   - columns: Columns with one value for every respondent, printed at the top and in the
  ///     capture command.
  ///   - title: The page's title; by default "Questionnaire: " and the instruments' titles.
  /// - Throws: `CaptureLayoutError` when a column name is empty, repeated, or one the capture
  ///   file fills itself.
  /// - Complexity: O(*n* × *k*) for *n* items of *k* answers.
  public init(
    instruments: [Instrument],
    columns: [FormColumn] = [],
    title: String? = nil
  ) throws(CaptureLayoutError) {
    content = try FormContent(instruments: instruments, columns: columns)
    self.title = title ?? content.defaultTitle
  }

  /// The instruments asked, in order.
  public var instruments: [Instrument] { content.layout.instruments }

  /// The command that types one respondent's answers in: `loneliness capture -i … --to
  /// visits.csv --set … --respondent ID`.
  public var captureCommand: String {
    var words = ["loneliness", "capture"]
    for instrument in instruments { words += ["-i", shellWord(instrument.id.rawValue)] }
    words += ["--to", "visits.csv"]
    for column in content.columns {
      words += ["--set", shellWord("\(column.name)=\(column.value)")]
    }
    words += ["--respondent", "ID"]
    return words.joined(separator: " ")
  }

  /// The page as HTML.
  ///
  /// - Complexity: O(*n* × *k*) for *n* items of *k* answers.
  public func html() -> String {
    var page = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
      style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
      <meta name="generator" content="loneliness \(escapedHTML(Toolkit.version))">
      <title>\(escapedHTML(title))</title>
      <style>\(paperStyles)</style>
      </head>
      <body>
      <header>
      <h1>\(escapedHTML(title))</h1>
      <div class="identity">
      <p class="write-in">Respondent id <span class="line"></span></p>
      <p class="write-in">Date <span class="line short"></span></p>

      """
    for column in content.columns {
      page += """
        <p class="fixed"><span>\(escapedHTML(column.name))</span> \
        <strong>\(escapedHTML(column.value))</strong></p>

        """
    }
    page += """
      </div>
      <p class="instructions">Please tick one box for each question. The small number or letter \
      beside each box is for typing the answers in later.</p>
      </header>
      <main>

      """
    var number = 0
    for part in content.parts {
      let introduction = part.introduction
      page += "<section class=\"instrument\">\n<h2>\(escapedHTML(introduction.title))</h2>\n"
      if let recall = introduction.recallPeriod {
        page += "<p class=\"recall\">About \(escapedHTML(recall)).</p>\n"
      }
      if let text = introduction.text {
        page += "<p class=\"introduction-text\">\(escapedHTML(text))</p>\n"
      }
      if let note = introduction.missingWordingNote {
        page += """
          <p class="interviewer-note"><strong>For the interviewer:</strong> \
          \(escapedHTML(note)) To print the wording, add it with an extension file and \
          --instruments (see loneliness instruments show \
          \(escapedHTML(introduction.instrument.id.rawValue))).</p>

          """
      }
      page += "<ol class=\"items\" start=\"\(number + 1)\">\n"
      for question in part.questions {
        number += 1
        page += item(question)
      }
      page += "</ol>\n"
      if let licence = introduction.instrument.licence {
        page += "<p class=\"notice\">\(escapedHTML(licence.notice))</p>\n"
      }
      page += "</section>\n"
    }
    page += """
      </main>
      <footer>
      <p>For data entry: <code>\(escapedHTML(captureCommand))</code>, then type each answer's \
      number or letter; s skips a question left blank.</p>
      <p>Made with loneliness \(escapedHTML(Toolkit.version)).</p>
      </footer>
      </body>
      </html>

      """
    return page
  }

  private func item(_ question: CaptureQuestion) -> String {
    let isNumeric = question.isNumericScale
    var html = "<li class=\"item\">\n<p class=\"question\">"
    if question.isWordingMissing {
      html += "<span class=\"key-phrase\">Key phrase:</span> "
    }
    html += "\(escapedHTML(question.text))</p>\n"
    if question.isWordingMissing {
      html += """
        <p class="interviewer-note">Read item \(question.positionInInstrument) from your licensed \
        copy.</p>

        """
    }
    if isNumeric, !question.anchors.isEmpty {
      let anchors = question.anchors.map { "\($0.code) = \($0.label)" }.joined(separator: ", ")
      html += "<p class=\"anchors\">\(escapedHTML(anchors))</p>\n"
    }
    html += "<ul class=\"boxes\(isNumeric ? " numeric" : "")\">\n"
    for choice in question.choices {
      let key = choice.key.isEmpty ? "" : "<span class=\"code\">\(escapedHTML(choice.key))</span>"
      let label = isNumeric && !choice.isMissingAnswer ? "" : escapedHTML(choice.label)
      html += """
        <li\(choice.isMissingAnswer ? " class=\"missing\"" : "")><span class="box" \
        aria-hidden="true"></span>\(key)<span class="label">\(label)</span></li>

        """
    }
    html += "</ul>\n</li>\n"
    return html
  }

  /// `word` as one shell word: as it is when it holds only safe characters, else in single
  /// quotes.
  private func shellWord(_ word: String) -> String {
    let safe = word.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "-_.=/,:+@".unicodeScalars.contains($0)
    }
    if safe && !word.isEmpty { return word }
    return "'" + word.replacing("'", with: "'\\''") + "'"
  }
}

let paperStyles = """
  @page { size: A4; margin: 14mm 15mm; }
  * { box-sizing: border-box; }
  body { margin: 0 auto; max-width: 48rem; padding: 1rem; color: #000; background: #fff;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
    font-size: 13pt; line-height: 1.4; }
  h1 { font-size: 17pt; margin: 0 0 0.6rem; }
  h2 { font-size: 15pt; margin: 1.2rem 0 0.4rem; border-bottom: 2px solid #000;
    break-after: avoid; }
  .identity { display: flex; flex-wrap: wrap; gap: 0.4rem 2rem; align-items: flex-end; }
  .write-in { margin: 0.3rem 0; }
  .line { display: inline-block; width: 14rem; border-bottom: 1.5px solid #000; height: 1.2em; }
  .line.short { width: 9rem; }
  .fixed span { color: #333; }
  .instructions { font-style: italic; }
  .recall { margin: 0.2rem 0; color: #222; }
  .introduction-text { font-size: 13.5pt; }
  .interviewer-note { border-left: 4px solid #000; padding-left: 0.6rem; font-size: 11pt; }
  .items { padding-left: 1.8rem; margin: 0.6rem 0; }
  .item { break-inside: avoid; margin-bottom: 0.9rem; }
  .question { font-weight: 600; margin: 0 0 0.35rem; }
  .key-phrase { font-weight: 400; font-style: italic; }
  .anchors { margin: 0 0 0.3rem; font-size: 11pt; }
  .boxes { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
    gap: 0.35rem 1.4rem; }
  .boxes li { display: flex; align-items: center; gap: 0.35rem; }
  .boxes.numeric { gap: 0.35rem 0.9rem; }
  .box { display: inline-block; width: 1.15em; height: 1.15em; border: 1.5px solid #000;
    flex: none; }
  .code { font-size: 9pt; color: #333; min-width: 1ch; }
  .missing .label { font-size: 11pt; color: #222; }
  .notice { font-size: 9.5pt; color: #222; margin-top: 0.6rem; }
  footer { margin-top: 1.5rem; border-top: 1px solid #000; font-size: 9.5pt; }
  code { overflow-wrap: anywhere; }
  """
