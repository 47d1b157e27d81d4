import SurveyCapture
import SurveyInstruments
import Testing

@Suite struct CaptureFileLayoutTests {
  @Test func `the header is id, time, extra columns, INSTRUMENT.ITEM columns and status`() throws {
    let layout = try CaptureFileLayout(
      instruments: [try builtIn("ons-loneliness")],
      extraColumns: ["site", "wave"]
    )
    #expect(
      layout.header == [
        "respondent_id", "captured_at", "site", "wave", "ons-loneliness.companionship",
        "ons-loneliness.left-out", "ons-loneliness.isolated", "ons-loneliness.lonely", "status",
      ]
    )
  }

  @Test func `a row holds codes, missing-answer labels and empty skipped cells`() throws {
    let layout = try CaptureFileLayout(
      instruments: [try builtIn("ons-loneliness")],
      extraColumns: ["site"]
    )
    let response = Response(
      answers: [
        key("ons-loneliness", "companionship"): .code(2),
        key("ons-loneliness", "left-out"): .missing(reasonIndex: 1),
        key("ons-loneliness", "isolated"): .notAnswered,
      ],
      attributes: ["site": "Ashford"]
    )
    let row = layout.row(
      for: response,
      respondentID: "R1",
      capturedAt: "2024-02-29T12:34:56Z",
      status: .partial
    )
    #expect(
      row == ["R1", "2024-02-29T12:34:56Z", "Ashford", "2", "Prefer not to say", "", "", "partial"]
    )
  }

  @Test(arguments: ["status", "respondent_id", "captured_at", "ons-loneliness.lonely", ""])
  func `an extra column may not take a column the capture fills`(column: String) throws {
    let ons = try builtIn("ons-loneliness")
    #expect(throws: CaptureLayoutError.self) {
      try CaptureFileLayout(instruments: [ons], extraColumns: [column])
    }
  }

  @Test func `an extra column may not be given twice`() throws {
    let ons = try builtIn("ons-loneliness")
    do {
      _ = try CaptureFileLayout(instruments: [ons], extraColumns: ["site", "site"])
      Issue.record("a repeated column was accepted")
    } catch {
      #expect(error.message == "the column 'site' is given more than once")
    }
  }

  // Reference times from Python: datetime.fromtimestamp(s, timezone.utc).
  @Test(arguments: [
    (0, "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
    (1_709_210_096, "2024-02-29T12:34:56Z"), (-1, "1969-12-31T23:59:59Z"),
    (4_102_444_799, "2099-12-31T23:59:59Z"), (1_234_567_890, "2009-02-13T23:31:30Z"),
  ])
  func `formats a moment as ISO 8601 UTC`(seconds: Int, expected: String) {
    #expect(iso8601UTC(secondsSinceEpoch: seconds) == expected)
  }

  @Test func `a generated respondent id is the date, the time and four random characters`() {
    var generator = SystemRandomNumberGenerator()
    let first = generatedRespondentID(secondsSinceEpoch: 1_709_210_096, using: &generator)
    #expect(first.hasPrefix("20240229-123456-"))
    let suffix = first.dropFirst("20240229-123456-".count)
    #expect(suffix.count == 4)
    #expect(suffix.allSatisfy { $0.isLowercase || $0.isNumber })
    let many = Set(
      (0..<50).map { _ in
        generatedRespondentID(secondsSinceEpoch: 1_709_210_096, using: &generator)
      }
    )
    #expect(many.count > 45)
  }
}
