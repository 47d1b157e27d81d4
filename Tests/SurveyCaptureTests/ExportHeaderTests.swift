import SurveyCapture
import Testing

@Suite struct ExportHeaderTests {
  @Test(arguments: [
    ("Q3. How often", "How often"), ("3) How often", "How often"), ("3 - How often", "How often"),
    ("3. How often", "How often"), ("Q4 How often", "How often"), ("Q10", "Q10"),
    ("2025-04-03", "2025-04-03"),
    ("How often", "How often"), ("5. Wellbeing.Optimistic", "Wellbeing.Optimistic"),
  ])
  func `leading question numbers are removed`(header: String, expected: String) {
    #expect(strippingQuestionNumber(header) == expected)
  }

  @Test(arguments: [
    ("Wellbeing (SWEMWBS) - Optimistic", "Optimistic"), ("Wellbeing (SWEMWBS) [Useful]", "Useful"),
    ("Q5. Wellbeing (SWEMWBS): Relaxed", "Relaxed"),
    ("5. Wellbeing (SWEMWBS).Thinking clearly", "Thinking clearly"),
    ("Wellbeing – Make up my own mind", "Make up my own mind"),
  ])
  func `grid headers give their item part`(header: String, expected: String) {
    #expect(ExportHeader.gridItemPart(of: header) == expected)
  }

  @Test(arguments: [
    "How often do you feel lonely?", "Overall, how satisfied are you with your life nowadays?",
    "Timestamp",
  ])
  func `plain headers have no item part`(header: String) {
    #expect(ExportHeader.gridItemPart(of: header) == nil)
  }
}
