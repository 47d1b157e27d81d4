import SurveyCapture
import Testing

/// Reads margins from text, or returns the error.
private func read(_ text: String) -> Result<PopulationMargins, MarginsFileError> {
  Result { () throws(MarginsFileError) in
    try PopulationMargins(bytes: Array(text.utf8), file: "margins.csv")
  }
}

/// The error reading `text` gives; fails the test if it reads.
private func failure(
  _ text: String,
  sourceLocation: SourceLocation = #_sourceLocation
) -> MarginsFileError? {
  switch read(text) {
  case .success:
    Issue.record("the margins were read", sourceLocation: sourceLocation)
    return nil
  case .failure(let error): return error
  }
}

@Suite struct PopulationMarginsTests {
  @Test func `a file of two margins, one crossed, reads in order with its lines`() throws {
    let margins = try read(
      """
      margin,category,population,note
      age|sex, 16-24 | Female ,9800,invented
      ward,Abbey,20000
      age|sex,16-24|Male,10300
      ward,Castle,99.5

      ward,"Harbour, East",0.5
      ward,West,0
      """
    ).get()
    #expect(margins.margins.map(\.name) == ["age|sex", "ward"])
    #expect(margins.columns == ["age", "sex", "ward"])
    let crossed = margins.margins[0]
    #expect(crossed.categories.map(\.values) == [["16-24", "Female"], ["16-24", "Male"]])
    #expect(crossed.categories.map(\.line) == [2, 4])
    #expect(crossed.line == 2)
    #expect(crossed.total == 20_100)
    let ward = margins.margins[1]
    #expect(ward.categories.map(\.label) == ["Abbey", "Castle", "Harbour, East", "West"])
    #expect(ward.categories.map(\.population) == [20_000, 99.5, 0.5, 0])
    #expect(ward.categories.map(\.line) == [3, 5, 7, 8])
    #expect(ward.line == 3)
  }

  @Test func `a margin of one column takes its category whole, bar included`() throws {
    let margins = try read("margin,category,population\nward,North|South,10\n").get()
    #expect(margins.margins[0].categories[0].values == ["North|South"])
  }

  @Test func `columns may come in any order, in any case`() throws {
    let margins = try read("Population , CATEGORY,Margin\n5,Female,sex\n5,Male,sex\n").get()
    #expect(margins.margins[0].categories.map(\.label) == ["Female", "Male"])
    #expect(margins.margins[0].total == 10)
  }

  @Test func `a header without population is located, with the nearest name`() throws {
    let error = try #require(failure("margin,category,populaton\nsex,Female,5\n"))
    #expect(error.kind == .missingColumn)
    #expect(error.line == 1)
    #expect(error.column == "population")
    #expect(
      error.description.hasPrefix("margins.csv:1: error: the header has no column 'population'")
    )
    #expect(error.hint?.contains("did you mean 'populaton'?") == true)
  }

  @Test func `an empty file and a header alone are refused`() throws {
    #expect(failure("")?.kind == .missingColumn)
    #expect(failure("\n\n")?.message == "the file is empty")
    #expect(
      failure("margin,category,population\n")?.message == "the file has a header but no margins"
    )
  }

  @Test(arguments: [
    ("-5", "a category with no people in it has a population of 0"),
    ("five", "write the number in digits with an optional decimal point, for example 9800"),
    ("9,800", "write the number without thousands separators, for example 9800"),
    ("52%", "give shares as numbers (12.5 or 0.125), the same scale in every margin"),
    ("1e3", "write the number in digits with an optional decimal point, for example 9800"),
    ("nan", "write the number in digits with an optional decimal point, for example 9800"),
    ("inf", "write the number in digits with an optional decimal point, for example 9800"),
    ("0x1p3", "write the number in digits with an optional decimal point, for example 9800"),
    ("1.2.3", "write the number in digits with an optional decimal point, for example 9800"),
    (".", "write the number in digits with an optional decimal point, for example 9800"),
  ])
  func `a population that is not a plain number of 0 or more is located`(
    text: String,
    hint: String
  ) throws {
    let error = try #require(
      failure("margin,category,population\nsex,Male,5\nsex,Female,\"\(text)\"\n")
    )
    #expect(error.kind == .invalidPopulation)
    #expect(error.line == 3)
    #expect(error.column == "population")
    #expect(error.value == text)
    #expect(error.expected == "a number of 0 or more")
    #expect(error.hint == hint)
    #expect(error.description.hasPrefix("margins.csv:3: error: population '\(text)'"))
  }

  @Test func `a population beyond 10^15 is refused`() throws {
    let error = try #require(failure("margin,category,population\nsex,F,2000000000000000\n"))
    #expect(error.kind == .invalidPopulation)
    #expect(error.expected == "at most 10^15")
  }

  @Test func `margins whose totals disagree are located at the later margin`() throws {
    let error = try #require(
      failure("margin,category,population\nsex,F,5\nsex,M,5\nward,A,6\nward,B,6\n")
    )
    #expect(error.kind == .inconsistentTotals)
    #expect(error.line == 4)
    #expect(error.value == "12")
    #expect(error.expected == "10")
    #expect(
      error.message
        == "margin 'ward' totals 12, but margin 'sex' (from line 2) totals 10; raked weights cannot meet both"
    )
  }

  @Test func `totals that differ by rounding only are accepted`() throws {
    let margins = try read("margin,category,population\nsex,F,0.3\nsex,M,0.7\nward,A,1.0000001\n")
      .get()
    #expect(margins.margins.count == 2)
  }

  @Test func `a margin with no people is refused`() throws {
    let error = try #require(failure("margin,category,population\nsex,F,0\nsex,M,0\n"))
    #expect(error.kind == .inconsistentTotals)
    #expect(error.message == "margin 'sex' has a total population of 0")
  }

  @Test func `a category given twice is located at its second line, naming the first`() throws {
    let error = try #require(
      failure("margin,category,population\nsex,Female,5\nsex,Male,5\nsex, Female ,5\n")
    )
    #expect(error.kind == .duplicate)
    #expect(error.line == 4)
    #expect(error.message == "margin 'sex' gives the category 'Female' twice, at lines 2 and 4")
  }

  @Test func `a crossed category needs one value per column`() throws {
    let error = try #require(failure("margin,category,population\nage|sex,16-24,5\n"))
    #expect(error.kind == .malformedCategory)
    #expect(error.line == 2)
    #expect(error.column == "category")
    #expect(error.expected == "2 values separated by |")
    #expect(error.hint == "for example VALUE|VALUE")
    #expect(failure("margin,category,population\nage|sex,16-24|,5\n")?.kind == .malformedCategory)
  }

  @Test func `a margin naming a column twice, or an empty one, is refused`() throws {
    #expect(failure("margin,category,population\nsex|sex,F|F,5\n")?.kind == .duplicate)
    #expect(failure("margin,category,population\nage||sex,a|b|c,5\n")?.kind == .malformedRow)
  }

  @Test(arguments: [
    (",Female,5", "margin"), ("sex,,5", "category"), ("sex,Male,", "population"),
    ("sex,Male", "population"),
  ])
  func `a blank field is located by its column`(row: String, column: String) throws {
    let error = try #require(failure("margin,category,population\n\(row)\n"))
    #expect(error.kind == .malformedRow)
    #expect(error.line == 2)
    #expect(error.column == column)
    #expect(error.message == "the \(column) is blank")
  }

  @Test func `an unquoted comma in a category is caught, not read as another field`() throws {
    let error = try #require(failure("margin,category,population\nsex,Female, 16-24,5\n"))
    #expect(error.kind == .malformedRow)
    #expect(error.message == "the row has 4 fields but the header has 3")
  }

  @Test func `an unclosed quote is located`() throws {
    let error = try #require(failure("margin,category,population\nsex,\"Female,5\n"))
    #expect(error.kind == .malformedRow)
    #expect(error.line == 2)
  }

  @Test func `the limits on sizes hold`() throws {
    let long = String(repeating: "x", count: MarginsLimits.maximumTextLength + 1)
    #expect(failure("margin,category,population\nsex,\(long),5\n")?.kind == .malformedRow)
    let columns = (0...MarginsLimits.maximumColumnsPerMargin).map { "c\($0)" }
    let values = columns.map { _ in "v" }
    #expect(
      failure(
        "margin,category,population\n\(columns.joined(separator: "|")),\(values.joined(separator: "|")),5\n"
      )?.kind == .tooLarge
    )
    var many = "margin,category,population\n"
    for index in 0...MarginsLimits.maximumMargins { many += "m\(index),a,1\n" }
    #expect(failure(many)?.kind == .tooLarge)
    let big = [UInt8](repeating: 0x20, count: MarginsLimits.maximumFileSize + 1)
    #expect(throws: MarginsFileError.self) { try PopulationMargins(bytes: big) }
  }
}
