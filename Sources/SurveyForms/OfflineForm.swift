public import SurveyCapture
public import SurveyInstruments

/// A questionnaire as one self-contained web page that works without a connection: for visits on
/// a tablet or phone, where `loneliness capture` in a terminal does not fit.
///
/// ```swift
/// let form = try OfflineForm(
///   instruments: [ons, swemwbs],
///   columns: [FormColumn(name: "worker", value: "AB")]
/// )
/// let page = form.html()   // write it to visit-form.html
/// ```
///
/// The page shows each instrument's introduction and notices, then its items, one per screen or
/// all on one page, with back, skip and the scale's declared missing answers ("Prefer not to
/// say"), then a summary to confirm. Each confirmed response is saved at once in the browser's
/// local storage, and so is the response in progress after every answer, so a reload or a closed
/// tab loses nothing. The page downloads the saved responses as a CSV file in the capture file
/// format (`CaptureFileLayout`: `respondent_id`, `captured_at` in ISO 8601 UTC, the fixed
/// columns, one `INSTRUMENT.ITEM` column of codes per item, `status`), which
/// `loneliness capture --merge` appends to a capture file, and shows which responses have been
/// downloaded.
///
/// The page loads nothing: its styles and script are inline, and its content security policy
/// forbids any connection. Instrument text appears only escaped (see the module's escaping
/// functions); licensed wording appears only when an extension file has supplied it, and
/// otherwise each item is shown by its key phrase with a note for the interviewer.
public struct OfflineForm: Sendable {
  /// How the questions are laid out.
  public enum Layout: String, Sendable, Hashable, CaseIterable {
    /// One question per screen, with Back, Skip and Next: best on a phone or when reading the
    /// questions aloud.
    case onePerScreen = "one-per-screen"
    /// Every introduction and question on one scrolling page, then the summary.
    case onePage = "one-page"
  }

  /// The instruments asked, in order (an instrument given twice is asked once).
  public var instruments: [Instrument] { content.layout.instruments }
  /// The columns written with the same value on every response.
  public var columns: [FormColumn] { content.columns }
  /// How the questions are laid out.
  public var layout: Layout
  /// The page's title.
  public var title: String
  /// The start of the names of downloaded files: `visit-form` gives
  /// `visit-form-responses-20250307-140509.csv`.
  public var fileStem: String
  /// The columns of the CSV files the page downloads: exactly a capture file's.
  public var captureLayout: CaptureFileLayout { content.layout }

  let content: FormContent

  /// Creates a form.
  ///
  /// - Parameters:
  ///   - instruments: The instruments to ask, in order.
  ///   - columns: Columns written with the same value on every response, such as a worker's
  ///     initials or a wave.
  ///   - layout: One question per screen (the default) or all on one page.
  ///   - title: The page's title; by default "Questionnaire: " and the instruments' titles.
  ///   - fileStem: The start of downloaded files' names; `form` by default.
  /// - Throws: `CaptureLayoutError` when a column name is empty, repeated, or one the capture
  ///   file fills itself (`respondent_id`, `captured_at`, `status` or an item's column).
  /// - Complexity: O(*n* × *k*) for *n* items of *k* answers.
  public init(
    instruments: [Instrument],
    columns: [FormColumn] = [],
    layout: Layout = .onePerScreen,
    title: String? = nil,
    fileStem: String = "form"
  ) throws(CaptureLayoutError) {
    content = try FormContent(instruments: instruments, columns: columns)
    self.layout = layout
    self.title = title ?? content.defaultTitle
    self.fileStem = Self.safeFileStem(fileStem)
  }

  /// An identifier of the form's columns and fixed values, under which the page keeps its
  /// responses in the browser: the same for a form made again from the same instruments and
  /// values, so that responses saved with the earlier copy stay in view.
  public var storageIdentifier: String {
    stableIdentifier(
      captureLayout.header + ["\u{1E}"] + columns.flatMap { [$0.name, $0.value] }
    )
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
      <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
      <meta name="generator" content="loneliness \(escapedHTML(Toolkit.version))">
      <title>\(escapedHTML(title))</title>
      <style>\(formStyles)</style>
      </head>
      <body class="\(layout.rawValue)">
      <header class="masthead">
      <h1>\(escapedHTML(title))</h1>
      <p id="storage-status" class="storage-status" role="status" aria-live="polite"></p>
      </header>
      <noscript><p class="warning">This form needs JavaScript, which is turned off in this \
      browser: turn it on, or print the questionnaire and type the answers in later.</p></noscript>
      <main>

      """
    page += homeScreen()
    page += "<div id=\"questionnaire\" class=\"questionnaire\">\n"
    var number = 0
    for (partIndex, part) in content.parts.enumerated() {
      page += introductionStep(part, index: partIndex)
      for question in part.questions {
        number += 1
        page += questionStep(question, number: number, part: part)
      }
    }
    page += """
      <div class="page-end" hidden>
      <button type="button" id="review" class="primary">Check the answers</button>
      </div>
      <section class="step summary" id="summary" aria-labelledby="summary-title" hidden>
      <h2 id="summary-title" tabindex="-1">Check the answers</h2>
      <p id="summary-respondent"></p>
      <table class="summary-table">
      <caption class="visually-hidden">Each question and its answer</caption>
      <thead><tr><th scope="col">No.</th><th scope="col">Question</th>\
      <th scope="col">Answer</th><th scope="col"><span class="visually-hidden">Change</span></th>\
      </tr></thead>
      <tbody id="summary-rows"></tbody>
      </table>
      <p id="save-error" class="error" role="alert" hidden></p>
      <div class="nav">
      <button type="button" class="back">Back</button>
      <button type="button" id="save" class="primary">Save this response</button>
      </div>
      <div class="nav secondary">
      <button type="button" id="discard">Discard these answers</button>
      <button type="button" id="discard-confirm" class="danger" hidden>Yes, discard them</button>
      </div>
      </section>
      </div>
      </main>
      <script type="application/json" id="form-data">\(scriptData(formData))</script>
      <script>\(formScript)</script>
      </body>
      </html>

      """
    return page
  }

  /// Nothing may be fetched: no network, no other file; only the page's own styles and script.
  static let contentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    + "form-action 'none'; base-uri 'none'"

  /// What the script needs besides the page: the capture file's header and fixed values.
  var formData: JSONValue {
    .object([
      JSONObjectMember("formId", .string(storageIdentifier)),
      JSONObjectMember("layout", .string(layout.rawValue)),
      JSONObjectMember("fileStem", .string(fileStem)),
      JSONObjectMember("header", .array(captureLayout.header.map(JSONValue.string))),
      JSONObjectMember("itemColumns", .array(captureLayout.itemColumns.map(JSONValue.string))),
      JSONObjectMember(
        "fixed",
        .array(
          columns.map {
            .object([JSONObjectMember("name", .string($0.name)), .init("value", .string($0.value))])
          }
        )
      ),
      JSONObjectMember("status", .string(CaptureStatus.complete.rawValue)),
    ])
  }

  private func homeScreen() -> String {
    var fixed = ""
    if !columns.isEmpty {
      fixed = "<dl class=\"fixed-columns\">\n"
      for column in columns {
        fixed +=
          "<div><dt>\(escapedHTML(column.name))</dt><dd>\(escapedHTML(column.value))</dd></div>\n"
      }
      fixed += "</dl>\n"
    }
    return """
      <section id="home" class="home" aria-labelledby="home-title">
      <h2 id="home-title" tabindex="-1">New response</h2>
      <p id="home-message" class="message" role="status" hidden></p>
      <div class="field">
      <label for="respondent-id">Respondent id</label>
      <input id="respondent-id" name="respondent-id" type="text" autocomplete="off" \
      autocapitalize="characters" spellcheck="false" aria-describedby="respondent-help">
      <p id="respondent-help" class="help">Made from the date and time; type the id from your \
      records instead if there is one.</p>
      <p id="respondent-note" class="note" hidden></p>
      </div>
      \(fixed)<div class="nav">
      <button type="button" id="start" class="primary">Start a new response</button>
      <button type="button" id="resume" hidden>Continue the response in progress</button>
      </div>
      <h2>Responses on this device</h2>
      <p id="response-counts"></p>
      <div class="nav">
      <button type="button" id="export-new">Download new responses</button>
      <button type="button" id="export-all">Download all responses</button>
      </div>
      <p id="export-message" class="message" role="status" hidden></p>
      <p><a id="download-link" class="download-link" hidden>Download again</a></p>
      <table class="responses" id="responses">
      <caption>Saved responses, newest first. Downloaded files are in the capture file format: \
      merge one into a capture file with <code>loneliness capture --merge FILE --to \
      visits.csv</code>.</caption>
      <thead><tr><th scope="col">Respondent</th><th scope="col">Saved (UTC)</th>\
      <th scope="col">Answered</th><th scope="col">Downloaded</th></tr></thead>
      <tbody id="response-rows"></tbody>
      </table>
      <div class="nav secondary">
      <button type="button" id="remove-exported">Remove downloaded responses from this \
      device</button>
      <button type="button" id="remove-confirm" class="danger" hidden>Yes, remove them</button>
      </div>
      </section>

      """
  }

  private func introductionStep(_ part: FormContent.Part, index: Int) -> String {
    let introduction = part.introduction
    let id = "intro-\(index + 1)"
    var html = """
      <section class="step introduction" id="\(id)" aria-labelledby="\(id)-title" hidden>
      <p class="progress">Part \(introduction.position) of \(introduction.count)</p>
      <h2 id="\(id)-title" tabindex="-1">\(escapedHTML(introduction.title))</h2>

      """
    if let recall = introduction.recallPeriod {
      html += "<p class=\"recall\">About \(escapedHTML(recall)).</p>\n"
    }
    if let text = introduction.text {
      html += "<p class=\"introduction-text\">\(escapedHTML(text))</p>\n"
    }
    html += wordingNote(part)
    if let licence = introduction.instrument.licence {
      html += "<p class=\"notice\">\(escapedHTML(licence.notice))</p>\n"
    }
    html += """
      <div class="nav">
      <button type="button" class="back">Back</button>
      <button type="button" class="next primary">Continue</button>
      </div>
      </section>

      """
    return html
  }

  /// The note for the interviewer when licensed wording is not installed, and how to add it.
  private func wordingNote(_ part: FormContent.Part) -> String {
    guard let note = part.introduction.missingWordingNote else { return "" }
    let instrument = part.introduction.instrument
    var skeleton =
      "{\n  \"format\": 1,\n  \"extends\": \(JSONWriter.quoted(instrument.id.rawValue)),\n"
      + "  \"items\": [\n"
    skeleton += part.itemsWithoutWording.enumerated().map { index, item in
      "    { \"id\": \(JSONWriter.quoted(item.rawValue)), \"wording\": \"…\" }"
        + (index == part.itemsWithoutWording.count - 1 ? "" : ",")
    }.joined(separator: "\n")
    skeleton += "\n  ]\n}"
    return """
      <div class="interviewer-note">
      <p><strong>For the interviewer:</strong> \(escapedHTML(note))</p>
      <details>
      <summary>How to show the licensed wording in this form</summary>
      <p>Save a file such as <code>my-instruments/\(escapedHTML(instrument.id.rawValue))\
      -wording.json</code> with the wording from your licensed copy:</p>
      <pre>\(escapedHTML(skeleton))</pre>
      <p>then make the form again with <code>--instruments my-instruments/</code> added to the \
      <code>loneliness form</code> command.</p>
      </details>
      </div>

      """
  }

  private func questionStep(
    _ question: CaptureQuestion,
    number: Int,
    part: FormContent.Part
  ) -> String {
    let id = "q\(number)"
    var described: [String] = []
    var details = ""
    if let recall = question.recallPeriod {
      details += "<p class=\"recall\" id=\"\(id)-recall\">About \(escapedHTML(recall)).</p>\n"
      described.append("\(id)-recall")
    }
    if question.isWordingMissing {
      details += """
        <p class="interviewer-note" id="\(id)-licensed">Licensed wording not installed: read \
        item \(question.positionInInstrument) of \(escapedHTML(question.instrumentTitle)) from \
        your licensed copy. Shown here by its key phrase.</p>

        """
      described.append("\(id)-licensed")
    }
    let options = question.choices.filter { !$0.isMissingAnswer }
    let missing = question.choices.filter(\.isMissingAnswer)
    if question.isNumericScale, !question.anchors.isEmpty {
      let anchors = question.anchors.map { "\($0.code) = \($0.label)" }.joined(separator: ", ")
      details += "<p class=\"anchors\" id=\"\(id)-anchors\">\(escapedHTML(anchors))</p>\n"
      described.append("\(id)-anchors")
    }
    let describedBy =
      described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\""
    var html = """
      <fieldset class="step question" id="\(id)" data-column="\(escapedHTML(question.key.description))"\
      \(describedBy) hidden>
      <legend><span class="progress">Question \(number) of \(question.count)</span> \
      <span class="question-text\(question.isWordingMissing ? " key-phrase" : "")">\
      \(escapedHTML(question.text))</span></legend>
      \(details)
      """
    var choiceNumber = 0
    func choiceHTML(_ choice: CaptureChoice) -> String {
      choiceNumber += 1
      let choiceID = "\(id)-a\(choiceNumber)"
      return """
        <label class="choice" for="\(choiceID)"><input type="radio" name="\(id)" id="\(choiceID)" \
        value="\(escapedHTML(FormContent.cell(for: choice)))"><span class="label">\
        \(escapedHTML(choice.label))</span></label>

        """
    }
    html += "<div class=\"choices\(question.isNumericScale ? " numeric" : "")\">\n"
    for choice in options { html += choiceHTML(choice) }
    html += "</div>\n"
    if !missing.isEmpty {
      html += "<div class=\"choices missing-answers\">\n"
      for choice in missing { html += choiceHTML(choice) }
      html += "</div>\n"
    }
    html += """
      <p class="error" id="\(id)-error" role="alert" hidden></p>
      <div class="nav">
      <button type="button" class="back">Back</button>
      <button type="button" class="skip">\(layout == .onePage ? "Clear answer" : "Skip")</button>
      <button type="button" class="next primary">Next</button>
      </div>
      </fieldset>

      """
    return html
  }

  /// `stem` with anything but letters, digits, `-` and `_` replaced by `-`, at most 60
  /// characters; `form` when nothing is left.
  static func safeFileStem(_ stem: String) -> String {
    var safe = ""
    for scalar in stem.unicodeScalars.prefix(60) {
      let allowed =
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
      safe.unicodeScalars.append(allowed ? scalar : "-")
    }
    return safe.isEmpty ? "form" : safe
  }
}
