import SurveyCapture
import SurveyInstruments
import Testing

@Suite struct AnswerMatcherTests {
  @Test func `labels, aliases and codes match in any case and spacing`() throws {
    let ons = try builtIn("ons-loneliness")
    let matcher = AnswerMatcher(scale: try #require(ons.scale(withID: "direct-frequency")))
    #expect(matcher.answer(for: "Often/always") == .code(1))
    #expect(matcher.answer(for: "often or always") == .code(1))
    #expect(matcher.answer(for: "Often / always") == .code(1))
    #expect(matcher.answer(for: "SOME OF THE TIME") == .code(2))
    #expect(matcher.answer(for: "hardly ever\u{A0}") == .code(4))
    #expect(matcher.answer(for: "5") == .code(5))
    #expect(matcher.answer(for: "5.0") == .code(5))
    #expect(matcher.answer(for: "4 - Hardly ever") == .code(4))
    #expect(matcher.answer(for: "4 - Never") == nil)
    #expect(matcher.answer(for: "6") == nil)
    #expect(matcher.answer(for: "-1") == nil)
    #expect(matcher.answer(for: "Don’t know") == .missing(reasonIndex: 0))
    #expect(matcher.answer(for: "Refused") == .missing(reasonIndex: 1))
    #expect(matcher.answer(for: "  ") == .notAnswered)
    #expect(matcher.answer(for: "") == .notAnswered)
    #expect(matcher.answer(for: "Sometimes") == nil)
  }

  @Test func `numeric scales read a leading number and declared missing codes`() throws {
    let ons4 = try builtIn("ons4")
    let scale = try #require(ons4.scale(withID: "zero-to-ten"))
    let matcher = AnswerMatcher(scale: scale)
    #expect(matcher.answer(for: "10 - Completely") == .code(10))
    #expect(matcher.answer(for: "0 = not at all") == .code(0))
    #expect(matcher.answer(for: "7") == .code(7))
    #expect(matcher.answer(for: "11") == nil)
    #expect(matcher.answer(for: "Prefer not to say") == .missing(reasonIndex: 1))
    var withCode = scale
    withCode.missingAnswers.append(MissingAnswer(label: "Not asked", code: -9))
    #expect(AnswerMatcher(scale: withCode).answer(for: "-9") == .missing(reasonIndex: 2))
  }
}
