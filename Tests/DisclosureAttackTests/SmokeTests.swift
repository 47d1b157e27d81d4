import DisclosureAttack
import Testing

@Suite struct SmokeTests {
  @Test func `a tiny system`() {
    var system = LinearSystem()
    let a = system.addVariable()
    let b = system.addVariable()
    system.require(a + b, equals: 5)
    system.require(LinearExpression(a), atMost: 2)
    var solver = BoundSolver(system)
    let bounds = solver.bounds(of: b)
    #expect(bounds.lower == .attained(3))
    #expect(bounds.upper == .attained(5))
  }
}
