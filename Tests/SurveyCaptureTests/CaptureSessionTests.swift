import SurveyCapture
import SurveyInstruments
import Testing

func key(_ instrument: String, _ item: String) -> ItemKey {
  ItemKey(instrument: InstrumentID(rawValue: instrument), item: ItemID(rawValue: item))
}

/// A session over ONS loneliness then SWEMWBS, past the first introduction.
func onsThenSwemwbs() throws -> CaptureSession {
  var session = CaptureSession(instruments: [try builtIn("ons-loneliness"), try builtIn("swemwbs")])
  session.proceed()
  return session
}

@Suite struct CaptureSessionTests {
  @Test func `presents each introduction and every item in order, then the summary`() throws {
    var session = CaptureSession(
      instruments: [try builtIn("ons-loneliness"), try builtIn("swemwbs")])
    var seen: [String] = []
    while session.step != .summary {
      if let introduction = session.introduction {
        seen.append(
          "intro \(introduction.instrument.id) \(introduction.position)/\(introduction.count)"
        )
        session.proceed()
      } else if let question = session.question {
        seen.append("\(question.number)/\(question.count) \(question.key)")
        session.skip()
      }
    }
    #expect(
      seen == [
        "intro ons-loneliness 1/2", "1/11 ons-loneliness.companionship",
        "2/11 ons-loneliness.left-out",
        "3/11 ons-loneliness.isolated", "4/11 ons-loneliness.lonely", "intro swemwbs 2/2",
        "5/11 swemwbs.optimistic", "6/11 swemwbs.useful", "7/11 swemwbs.relaxed",
        "8/11 swemwbs.dealing-with-problems", "9/11 swemwbs.thinking-clearly",
        "10/11 swemwbs.close-to-others", "11/11 swemwbs.own-mind",
      ]
    )
  }

  @Test(arguments: [
    ("1", Answer.code(1)), ("3", .code(3)), ("Some of the time", .code(2)),
    ("  SOME of the TIME!  ", .code(2)), ("hardly ever / never", .code(1)),
    ("Hardly ever", .code(1)),
    ("d", .missing(reasonIndex: 0)), ("p", .missing(reasonIndex: 1)),
    ("Prefer not to say", .missing(reasonIndex: 1)), ("rather not say", .missing(reasonIndex: 1)),
    ("Don’t know", .missing(reasonIndex: 0)),
  ])
  func `accepts an answer by code, label, alias or missing-answer letter`(
    reply: String,
    expected: Answer
  ) throws {
    var session = try onsThenSwemwbs()
    let input = try session.respond(reply)
    #expect(input == .answer(expected))
    #expect(session.answers[key("ons-loneliness", "companionship")] == expected)
    #expect(session.question?.key == key("ons-loneliness", "left-out"))
  }

  @Test func `numbers the options by their codes and gives missing answers letters`() throws {
    let session = try onsThenSwemwbs()
    let question = try #require(session.question)
    #expect(question.choices.map(\.key) == ["1", "2", "3", "d", "p"])
    #expect(
      question.choices.map(\.label) == [
        "Hardly ever or never", "Some of the time", "Often", "Don't know", "Prefer not to say",
      ]
    )
    #expect(question.text == "How often do you feel that you lack companionship?")
    #expect(!question.isWordingMissing)
  }

  @Test func `skip records the item as not answered`() throws {
    var session = try onsThenSwemwbs()
    let input = try session.respond("s")
    #expect(input == .skip)
    try session.respond("skip")
    #expect(session.answers[key("ons-loneliness", "companionship")] == .notAnswered)
    #expect(session.answers[key("ons-loneliness", "left-out")] == .notAnswered)
    #expect(session.question?.key == key("ons-loneliness", "isolated"))
  }

  @Test func `going back crosses instruments, keeps the answer, and an empty reply keeps it`()
    throws
  {
    var session = try onsThenSwemwbs()
    for reply in ["1", "2", "3", "often/always"] { try session.respond(reply) }
    session.proceed()
    #expect(session.question?.key == key("swemwbs", "optimistic"))
    let input = try session.respond("back")
    #expect(input == .back)
    let question = try #require(session.question)
    #expect(question.key == key("ons-loneliness", "lonely"))
    #expect(question.currentAnswer == .code(1))
    #expect(question.currentAnswerText == "1 Often/always")
    let kept = try session.respond("")
    #expect(kept == .keepCurrent)
    #expect(session.answers[key("ons-loneliness", "lonely")] == .code(1))
    // Going forward again lands on the question after, not on the introduction.
    #expect(session.question?.key == key("swemwbs", "optimistic"))
  }

  @Test func `going back at the first question does not move`() throws {
    var session = try onsThenSwemwbs()
    let moved = session.goBack()
    #expect(!moved)
    #expect(session.question?.key == key("ons-loneliness", "companionship"))
  }

  @Test func `an invalid answer throws a hint listing the valid answers and the nearest`() throws {
    var session = try onsThenSwemwbs()
    #expect {
      try session.respond("sometimes")
    } throws: { error in
      let error = error as? CaptureInputError
      return error?.kind == .unrecognised
        && error?.message == "'sometimes' is not one of the answers to this question"
        && error?.hint == "did you mean 'Some of the time'? answer 1 Hardly ever or never, "
          + "2 Some of the time, 3 Often, d Don't know or p Prefer not to say; s skips, b goes back"
        && error?.question == key("ons-loneliness", "companionship")
    }
    #expect(session.question?.key == key("ons-loneliness", "companionship"))
    #expect(session.answers.isEmpty)
  }

  @Test func `a number that is not a code and an empty first reply are refused`() throws {
    var session = try onsThenSwemwbs()
    do {
      try session.respond("7")
      Issue.record("7 was accepted")
    } catch {
      #expect(error.message == "'7' is not a code of an answer to this question")
    }
    do {
      try session.respond("  ")
      Issue.record("an empty reply was accepted")
    } catch {
      #expect(error.kind == .empty)
      #expect(error.message == "no answer was given")
    }
  }

  @Test func `a typed start of a label is suggested, not accepted`() throws {
    var session = try onsThenSwemwbs()
    for reply in ["1", "1", "1"] { try session.respond(reply) }
    do {
      try session.respond("hardly")
      Issue.record("a prefix was accepted")
    } catch {
      #expect(error.hint?.hasPrefix("did you mean 'Hardly ever'? answer 1 Often/always,") == true)
    }
  }

  @Test func `items without wording are asked by key phrase with a note`() throws {
    var session = CaptureSession(instruments: [try builtIn("swemwbs")])
    let introduction = try #require(session.introduction)
    #expect(
      introduction.missingWordingNote
        == "The licensed wording of the 7 items of Short Warwick-Edinburgh Mental Wellbeing Scale "
        + "(SWEMWBS) is not installed: each is asked by its key phrase. Read the exact wording "
        + "from your licensed copy."
    )
    #expect(introduction.recallPeriod == "the last 2 weeks")
    session.proceed()
    let question = try #require(session.question)
    #expect(question.isWordingMissing)
    #expect(question.text == "optimistic")
    #expect(question.choices.map(\.key) == ["1", "2", "3", "4", "5", "p"])
  }

  @Test func `an instrument with wording has no missing-wording note`() throws {
    let session = CaptureSession(instruments: [try builtIn("ons-loneliness")])
    #expect(session.introduction?.missingWordingNote == nil)
  }

  @Test func `a 0 to 10 scale takes whole numbers and describes itself as a range`() throws {
    var session = CaptureSession(instruments: [try builtIn("ons4")])
    session.proceed()
    let question = try #require(session.question)
    #expect(question.isNumericScale)
    #expect(question.anchors.map(\.code) == [0, 10])
    #expect(
      question.validAnswersHint
        == "answer a whole number from 0 to 10, d Don't know or p Prefer not to say; "
        + "s skips, b goes back"
    )
    try session.respond("0")
    try session.respond("10")
    #expect(session.answers[key("ons4", "satisfied-with-life")] == .code(0))
    #expect(session.answers[key("ons4", "worthwhile-things")] == .code(10))
    #expect(throws: CaptureInputError.self) { try session.respond("11") }
  }

  @Test func `the summary lists every answer in words and finish yields the response`() throws {
    var session = CaptureSession(instruments: [try builtIn("ons-loneliness")])
    let early = session.finish()
    #expect(early == nil)
    session.proceed()
    for reply in ["2", "p", "s", "never"] { try session.respond(reply) }
    #expect(session.isAtSummary)
    #expect(
      session.summary.map(\.answerText) == [
        "2 Some of the time", "Prefer not to say", "skipped", "5 Never",
      ]
    )
    let finished = session.finish()
    let response = try #require(finished)
    #expect(session.step == .finished)
    #expect(
      response.answers == [
        key("ons-loneliness", "companionship"): .code(2),
        key("ons-loneliness", "left-out"): .missing(reasonIndex: 1),
        key("ons-loneliness", "isolated"): .notAnswered,
        key("ons-loneliness", "lonely"): .code(5),
      ]
    )
  }

  @Test func `changing an answer from the summary returns to the summary`() throws {
    var session = CaptureSession(instruments: [try builtIn("ons-loneliness")])
    session.proceed()
    for reply in ["1", "1", "1", "1"] { try session.respond(reply) }
    let went = session.goToQuestion(2)
    #expect(went)
    #expect(session.isRevisiting)
    try session.respond("3")
    #expect(session.isAtSummary)
    #expect(
      session.summary.map(\.answerText) == [
        "1 Hardly ever or never", "3 Often", "1 Hardly ever or never", "1 Often/always",
      ]
    )
    let wentTo5 = session.goToQuestion(5)
    #expect(!wentTo5)
  }

  @Test func `the response so far counts unreached items as not answered`() throws {
    var session = try onsThenSwemwbs()
    try session.respond("2")
    let response = session.response
    #expect(response.answers.count == 11)
    #expect(response.answers[key("ons-loneliness", "companionship")] == .code(2))
    #expect(response.answers[key("swemwbs", "own-mind")] == .notAnswered)
    #expect(session.summary.last?.answerText == "not asked")
  }

  @Test func `record refuses a code that is not on the scale`() throws {
    var session = try onsThenSwemwbs()
    #expect(throws: CaptureInputError.self) { try session.record(.code(4)) }
    #expect(throws: CaptureInputError.self) { try session.record(.missing(reasonIndex: 2)) }
    try session.record(.code(3))
    #expect(session.answers[key("ons-loneliness", "companionship")] == .code(3))
  }

  @Test func `replies are refused away from a question`() throws {
    var session = CaptureSession(instruments: [try builtIn("ons-loneliness")])
    #expect {
      try session.respond("1")
    } throws: { error in
      (error as? CaptureInputError)?.kind == .notAtQuestion
    }
  }

  @Test func `an instrument named twice is asked once`() throws {
    let ons = try builtIn("ons-loneliness")
    let session = CaptureSession(instruments: [ons, ons])
    #expect(session.instruments.count == 1)
    #expect(session.questionCount == 4)
  }
}
