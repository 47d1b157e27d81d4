import Foundation
import SurveyCapture
import SurveyForms
import SurveyInstruments
import Testing

@Suite struct PaperQuestionnaireTests {
  @Test func `every answer has a box and the key that capture takes for it`() throws {
    let instruments = try ["ons-loneliness", "swemwbs", "ons4"].map(builtIn)
    let paper = try PaperQuestionnaire(
      instruments: instruments,
      columns: [FormColumn(name: "worker", value: "AB")]
    )
    let html = paper.html()
    let items = try captures(#"(<li class="item">.*?</ul>\s*</li>)"#, in: html)
    #expect(items.count == instruments.reduce(0) { $0 + $1.items.count })
    // Typing each printed key into a capture at that question records the printed answer.
    var session = CaptureSession(instruments: instruments)
    var index = 0
    while session.step != .summary {
      guard let question = session.question else {
        session.proceed()
        continue
      }
      let scale = try #require(
        instruments.first { $0.id == question.key.instrument }.flatMap { instrument in
          instrument.item(withID: question.key.item).flatMap(instrument.scale(for:))
        }
      )
      let boxes = try captures(#"(<li[^>]*><span class="box".*?</li>)"#, in: items[index])
      let keys = try boxes.map { try captures(#"<span class="code">(.*?)</span>"#, in: $0).first }
      let labels = try boxes.map {
        try captures(#"<span class="label">(.*?)</span>"#, in: $0).first.map(unescapedHTML)
      }
      #expect(boxes.count == scale.options.count + scale.missingAnswers.count)
      for (key, label) in zip(keys, labels) {
        let key = try #require(key)
        guard case .answer(let answer) = try session.interpret(key) else {
          Issue.record("capture does not take '\(key)' as an answer")
          continue
        }
        let meant =
          answer.code.map { code in scale.option(withCode: code)?.label }
          ?? answer.missingReason(on: scale)
        // Numeric scales print the code alone.
        #expect(label == meant || (label == "" && answer.code != nil), "\(key)")
      }
      session.skip()
      index += 1
    }
    #expect(index == items.count)
  }

  @Test func `the page has the respondent id and date lines, the notices and the capture command`()
    throws
  {
    let instruments = try ["ons-loneliness", "swemwbs"].map(builtIn)
    let paper = try PaperQuestionnaire(
      instruments: instruments,
      columns: [FormColumn(name: "site", value: "St Mary's Hall")]
    )
    let html = paper.html()
    #expect(html.contains("Respondent id <span class=\"line\"></span>"))
    #expect(html.contains("Date <span class=\"line short\"></span>"))
    for instrument in instruments {
      let notice = try #require(instrument.licence?.notice)
      #expect(html.contains(notice.replacingOccurrences(of: "'", with: "&#39;")))
    }
    #expect(
      paper.captureCommand
        == "loneliness capture -i ons-loneliness -i swemwbs --to visits.csv --set "
        + "'site=St Mary'\\''s Hall' --respondent ID"
    )
    #expect(html.contains("Read item 1 from your licensed copy."))
    #expect(!html.contains("<script"))
  }
}
