import SurveyScoring
import Testing

@Suite struct JSONRecordWriterTests {
  @Test func `objects keep key order, one per line, with numbers, strings and nulls`() {
    let writer = JSONRecordWriter(keys: ["id", "swemwbs.metric", "swemwbs.metric.reason"])
    var text = writer.opening
    text += writer.object([.string("A1"), .number("23.21"), .null], isFirst: true)
    text += writer.object([.string("A2"), .null, .string("raw score absent")], isFirst: false)
    text += writer.closing(hasObjects: true)
    #expect(text == """
      [
      {"id": "A1", "swemwbs.metric": 23.21, "swemwbs.metric.reason": null},
      {"id": "A2", "swemwbs.metric": null, "swemwbs.metric.reason": "raw score absent"}
      ]

      """)
  }

  @Test func `an empty array is still valid JSON`() {
    let writer = JSONRecordWriter(keys: ["a"])
    #expect(writer.opening + writer.closing(hasObjects: false) == "[\n]\n")
  }

  @Test func `strings escape quotes, backslashes and control characters`() {
    #expect(JSONRecordWriter.quoted("say \"hi\"\\\n\t\u{01}") == #""say \"hi\"\\\n\t\u0001""#)
  }

  @Test func `missing values are null and extra values are dropped`() {
    let writer = JSONRecordWriter(keys: ["a", "b"])
    #expect(writer.object([.number("1")], isFirst: true) == #"{"a": 1, "b": null}"#)
    #expect(writer.object([.number("1"), .number("2"), .number("3")], isFirst: false) == ",\n{\"a\": 1, \"b\": 2}")
  }
}
