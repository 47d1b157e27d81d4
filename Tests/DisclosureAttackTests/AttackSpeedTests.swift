import Foundation
import SurveyDisclosure
import Testing

/// The folder of the benchmark systems, from `ATTACK_BENCHMARK`.
///
/// Scripts/benchmark/attack_bounds.py writes them. The test is skipped when it is not set. Run
/// it in release through `Scripts/benchmark/attack_bounds.sh`.
private let benchmarkFolder = ProcessInfo.processInfo.environment["ATTACK_BENCHMARK"]

@Suite(.serialized) struct AttackSpeedTests {
  private func load(_ name: String) throws -> LinearSystem {
    let folder = try #require(benchmarkFolder)
    let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
    return try JSONDecoder().decode(SystemSpec.self, from: data).system()
  }

  @Test(
    .enabled(if: benchmarkFolder != nil),
    arguments: ["table-2way.json", "table-3way.json"]
  )
  func `measure the bounds of every variable (a benchmark, not a check)`(name: String) throws {
    let system = try load(name)
    let clock = ContinuousClock()
    let prefix =
      "attack speed: \(name), \(system.variableCount) variables, "
      + "\(system.constraints.count) constraints"

    // Integer bounds only for the two-way table: the three-way table's relaxation has
    // fractional vertices everywhere, and its branch and bound takes far longer than a benchmark
    // run should.
    for relaxed in name.contains("2way") ? [true, false] : [true] {
      var solver = BoundSolver(system)
      var bounds: [VariableBounds] = []
      let elapsed = clock.measure { bounds = solver.allBounds(relaxingIntegrality: relaxed) }
      let determined = bounds.filter(\.isDetermined).count
      let limited = bounds.filter {
        if case .limitReached = $0.lower { return true }
        if case .limitReached = $0.upper { return true }
        return false
      }.count
      let statistics = solver.statistics
      print(
        "\(prefix): allBounds(\(relaxed ? "linear" : "integer")) \(elapsed); "
          + "\(determined) determined, \(limited) stopped by the node limit; sides settled by "
          + "propagation \(statistics.settledByPropagation), by witnesses "
          + "\(statistics.settledByWitness), by solving \(statistics.settledBySolving); "
          + "\(statistics.linearPrograms) LPs, \(statistics.pivots) pivots, "
          + "\(statistics.branchNodes) nodes"
      )
    }

    // The same questions without the propagation and witness steps: one warm solver asked
    // about each variable in turn, and (for a sample) a fresh solver per question.
    var warm = BoundSolver(system)
    let warmTime = clock.measure {
      for index in 0..<system.variableCount {
        _ = warm.bounds(of: Variable(index: index), relaxingIntegrality: true)
      }
    }
    let sample = min(name.contains("2way") ? 20 : 5, system.variableCount)
    let coldTime = clock.measure {
      for index in 0..<sample {
        var cold = BoundSolver(system)
        _ = cold.bounds(of: Variable(index: index), relaxingIntegrality: true)
      }
    }
    print(
      "\(prefix): 2 LPs per variable, warm-started: \(warmTime) "
        + "(\(warm.statistics.pivots) pivots); from scratch: \(coldTime) for \(sample) variables, "
        + "about \(coldTime * (Double(system.variableCount) / Double(sample))) for all"
    )
  }
}
