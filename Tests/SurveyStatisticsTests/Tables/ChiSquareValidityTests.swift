import SurveyStatistics
import Testing

@Suite struct ChiSquareValidityTests {
  @Test func `passes when no expected count is below 5`() {
    let validity = ChiSquareValidity(expected: [[10, 12], [8, 30]])
    #expect(validity.isValid)
    #expect(validity.reason == nil)
  }

  @Test func `fails with a reason when an expected count is below 1`() {
    let validity = ChiSquareValidity(expected: [[0.75, 12], [8, 30], [9, 9]])
    #expect(!validity.isValid)
    #expect(validity.reason?.contains("below 1 (smallest 0.75)") == true)
  }

  @Test func `fails when more than 20% of expected counts are below 5`() {
    let validity = ChiSquareValidity(expected: [[4, 12, 3], [8, 30, 9]])
    #expect(!validity.isValid)
    #expect(validity.cellsBelowFive == 2)
    #expect(validity.reason?.hasPrefix("2 of 6 expected counts are below 5") == true)
  }

  @Test func `allows exactly 20% of expected counts below 5`() {
    let validity = ChiSquareValidity(expected: [[4, 12, 30, 9, 8], [8, 30, 9, 4, 7]])
    #expect(validity.isValid)
  }
}
