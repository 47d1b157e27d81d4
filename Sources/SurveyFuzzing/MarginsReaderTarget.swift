import SurveyCapture

extension FuzzTarget {
  /// `PopulationMargins` on bytes, as `loneliness weight --margins FILE` reads a margins file.
  static let marginsReader = FuzzTarget(
    name: "margins-reader",
    summary: """
      PopulationMargins on the input as a margins file (margin,category,population): every \
      margin read, or a located error.
      """,
    run: readMargins
  )
}

@Sendable private func readMargins(_ bytes: [UInt8]) {
  do {
    let margins = try PopulationMargins(bytes: bytes, file: "margins.csv")
    check(!margins.margins.isEmpty, "margins read with no margin")
    check(margins.margins.count <= MarginsLimits.maximumMargins, "more margins than allowed")
    var categories = 0
    let first = margins.margins[0].total
    for margin in margins.margins {
      check(!margin.categories.isEmpty, "a margin with no category")
      check(margin.total > 0, "a margin with a total of 0")
      check(
        abs(margin.total - first) <= PopulationMargins.totalsTolerance * max(first, margin.total),
        "margins whose totals disagree were accepted"
      )
      check(
        (1...MarginsLimits.maximumColumnsPerMargin).contains(margin.columns.count),
        "a margin of \(margin.columns.count) columns"
      )
      check(Set(margin.columns).count == margin.columns.count, "a column named twice")
      check(
        Set(margin.categories.map(\.values)).count == margin.categories.count,
        "a category given twice"
      )
      for category in margin.categories {
        check(category.values.count == margin.columns.count, "a category with the wrong parts")
        check(
          category.population.isFinite && category.population >= 0
            && category.population <= MarginsLimits.maximumPopulation,
          "a population of \(category.population)"
        )
        check(category.line >= 2, "a category on line \(category.line)")
      }
      categories += margin.categories.count
    }
    check(categories <= MarginsLimits.maximumCategories, "more categories than allowed")
  } catch {
    check(error.file == "margins.csv", "an error naming another file")
    check(error.line.map { $0 >= 1 } ?? true, "an error on line \(error.line ?? 0)")
    _ = error.description
  }
}
