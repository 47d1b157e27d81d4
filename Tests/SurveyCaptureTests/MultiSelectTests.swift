import SurveyCapture
import Testing

@Suite struct MultiSelectTests {
  /// The layout of an export with `rows` header rows.
  private func layout(_ text: String, dialect: ExportDialect? = nil) throws -> ExportLayout {
    try ExportImporter.layout(
      of: .bytes(Array(text.utf8), name: "export.csv"),
      options: ImportOptions(dialect: dialect)
    )
  }

  @Test func `option columns are found in SmartSurvey, SurveyMonkey and split Qualtrics layouts`()
    throws
  {
    let smart = try layout(
      "UserNo,Started,Q9. Which of these have you used?: Library,Q9. Which of these have you used?: Faith group,Q10. Comments\n1,x,Library,,\n"
    )
    let monkey = try layout(
      "Respondent ID,Collector ID,Which of these have you used?,,Comments\n,,Library,Faith group,Open-Ended Response\n1,2,Library,,\n"
    )
    let qualtrics = try layout(
      "ResponseId,StartDate,Q9_1,Q9_2,Q10\nResponse ID,Start Date,Which of these have you used? - Library,Which of these have you used? - Faith group,Comments\n{\"ImportId\":\"_recordId\"},{\"ImportId\":\"startDate\"},{\"ImportId\":\"QID9_1\"},{\"ImportId\":\"QID9_2\"},{\"ImportId\":\"QID10_TEXT\"}\nR_1,x,1,,\n"
    )
    for (name, found) in [
      ("smartsurvey", smart), ("surveymonkey", monkey), ("qualtrics", qualtrics),
    ] {
      let question = try #require(
        MultiSelectQuestion.locate("Which of these have you used?", in: found.headers),
        "\(name)"
      )
      #expect(question.title == "Which of these have you used?", "\(name)")
      guard case .optionColumns(let columns) = question.layout else {
        Issue.record("\(name): expected option columns, got \(question.layout)")
        continue
      }
      #expect(columns.map(\.option) == ["Library", "Faith group"], "\(name)")
    }
    let byStem = try #require(MultiSelectQuestion.locate("Q9", in: qualtrics.headers))
    #expect(byStem.headers == ["Q9_1", "Q9_2"])
  }

  @Test func `a joined column is found by its question, numbered or not`() throws {
    let forms = try layout(
      "ID,Start time,Completion time,9. Which of these have you used?\n1,a,b,Library;\n"
    )
    let question = try #require(
      MultiSelectQuestion.locate("which of these have you used", in: forms.headers)
    )
    #expect(question.layout == .joined(header: "9. Which of these have you used?"))
    #expect(MultiSelectQuestion.locate("Which of these do you like?", in: forms.headers) == nil)
  }

  @Test func `Microsoft Forms cells end with a semicolon`() {
    let answers = MultiSelectAnswers(joinedCells: ["Library;Faith group;", "", "Faith group;"])
    #expect(answers.separator == ";")
    #expect(answers.options == ["Library", "Faith group"])
    #expect(answers.ticked == [[0, 1], [], [1]])
  }

  @Test func `Google Forms labels containing commas are kept whole`() {
    let answers = MultiSelectAnswers(joinedCells: [
      "Library, Arts, crafts or music, Sports club",
      "Arts, crafts or music",
      "Sports club, Library",
      "",
      "Library",
    ])
    #expect(answers.options == ["Library", "Arts, crafts or music", "Sports club"])
    #expect(answers.ticked == [[0, 1, 2], [1], [2, 0], [], [0]])
  }

  @Test func `Qualtrics cells join labels with a bare comma`() {
    let answers = MultiSelectAnswers(joinedCells: ["Arts, crafts or music,Library", "Library"])
    #expect(answers.options == ["Arts, crafts or music", "Library"])
  }

  @Test func `two options always ticked together stay two options`() {
    let answers = MultiSelectAnswers(joinedCells: ["Library, Faith group", "Library, Faith group"])
    #expect(answers.options == ["Library", "Faith group"])
  }

  @Test func `option columns count non-blank cells other than 0 as ticks`() {
    let answers = MultiSelectAnswers(
      optionCells: [["Library", "", "1", "0"], ["", "Faith group", "1", " "]],
      options: ["Library", "Faith group"]
    )
    #expect(answers.ticked == [[0], [1], [0, 1], []])
  }
}
