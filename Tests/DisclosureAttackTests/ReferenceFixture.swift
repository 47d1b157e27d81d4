import Foundation
import SurveyDisclosure
import Testing

/// The reference values written by Scripts/reference/attack_reference.py (scipy's HiGHS solvers
/// and Python's integers), committed under Fixtures/.
struct ReferenceFixture: Decodable, Sendable {
  struct IntegerCase: Decodable, Sendable {
    let a: String
    let b: String
    let sum: String
    let difference: String
    let product: String
    let quotient: String
    let remainder: String
    let gcd: String
  }

  struct RationalCase: Decodable, Sendable {
    let a: String
    let b: String
    let sum: String
    let difference: String
    let product: String
    let quotient: String?
    let floorOfA: String
    let ceilingOfA: String
    let less: Bool

    enum CodingKeys: String, CodingKey {
      case a, b, sum, difference, product, quotient, less
      case floorOfA = "floor_a"
      case ceilingOfA = "ceiling_a"
    }
  }

  struct DecimalCase: Decodable, Sendable {
    let text: String
    let value: String
  }

  /// A reference optimum: "optimal" with a value, "infeasible" or "unbounded".
  struct Outcome: Decodable, Sendable, CustomStringConvertible {
    let status: String
    let value: Double?

    var description: String { value.map { "\(status) \($0)" } ?? status }
  }

  struct Problem: Decodable, Sendable {
    struct VariableSpec: Decodable, Sendable {
      let lower: String?
      let upper: String?
      let integer: Bool
    }
    struct ConstraintSpec: Decodable, Sendable {
      let terms: [[TermPart]]
      let relation: String
      let rhs: String
    }
    /// `[index, "coefficient"]` in JSON.
    enum TermPart: Decodable, Sendable {
      case index(Int)
      case coefficient(String)

      init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let index = try? container.decode(Int.self) {
          self = .index(index)
        } else {
          self = .coefficient(try container.decode(String.self))
        }
      }
    }
    struct VariableBoundsReference: Decodable, Sendable {
      let lpMin: Outcome
      let lpMax: Outcome
      let ilpMin: Outcome
      let ilpMax: Outcome

      enum CodingKeys: String, CodingKey {
        case lpMin = "lp_min"
        case lpMax = "lp_max"
        case ilpMin = "ilp_min"
        case ilpMax = "ilp_max"
      }
    }
    struct ObjectiveReference: Decodable, Sendable {
      let terms: [[TermPart]]
      let lpMin: Outcome
      let ilpMin: Outcome

      enum CodingKeys: String, CodingKey {
        case terms
        case lpMin = "lp_min"
        case ilpMin = "ilp_min"
      }
    }

    let name: String
    let kind: String
    let variables: [VariableSpec]
    let constraints: [ConstraintSpec]
    let bounds: [VariableBoundsReference]
    let objective: ObjectiveReference
  }

  let integers: [IntegerCase]
  let rationals: [RationalCase]
  let decimals: [DecimalCase]
  let problems: [Problem]

  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The decoded fixture (read once).
  static let shared: ReferenceFixture = {
    do {
      let data = try Data(contentsOf: directory.appendingPathComponent("attack-reference.json"))
      return try JSONDecoder().decode(ReferenceFixture.self, from: data)
    } catch {
      fatalError("cannot read Fixtures/attack-reference.json: \(error)")
    }
  }()
}

enum FixtureError: Error, CustomStringConvertible {
  case badNumber(String)
  case badTerm(String)

  var description: String {
    switch self {
    case .badNumber(let text): "not a rational number: '\(text)'"
    case .badTerm(let problem): "a term of \(problem) is not [index, \"coefficient\"]"
    }
  }
}

/// The exact value of fixture text such as "47/200".
func rational(_ text: String) throws -> Rational {
  guard let value = Rational(text) else { throw FixtureError.badNumber(text) }
  return value
}

extension ReferenceFixture.Problem {
  /// The problem as a linear system.
  func system() throws -> LinearSystem {
    try makeSystem(variables: variables, constraints: constraints)
  }

  /// The expression of a list of `[index, "coefficient"]` pairs.
  func expression(_ terms: [[TermPart]]) throws -> LinearExpression {
    try makeExpression(terms)
  }
}

/// A system written as in the fixtures (used by the benchmark too).
struct SystemSpec: Decodable, Sendable {
  let variables: [ReferenceFixture.Problem.VariableSpec]
  let constraints: [ReferenceFixture.Problem.ConstraintSpec]

  /// The linear system.
  func system() throws -> LinearSystem {
    try makeSystem(variables: variables, constraints: constraints)
  }
}

private func makeSystem(
  variables: [ReferenceFixture.Problem.VariableSpec],
  constraints: [ReferenceFixture.Problem.ConstraintSpec]
) throws -> LinearSystem {
  var system = LinearSystem()
  for spec in variables {
    system.addVariable(
      lower: try spec.lower.map(rational),
      upper: try spec.upper.map(rational),
      isInteger: spec.integer
    )
  }
  for spec in constraints {
    let relation: Relation =
      switch spec.relation {
      case "==": .equal
      case "<=": .lessOrEqual
      default: .greaterOrEqual
      }
    system.addConstraint(try makeExpression(spec.terms), relation, try rational(spec.rhs))
  }
  return system
}

private func makeExpression(
  _ terms: [[ReferenceFixture.Problem.TermPart]]
) throws
  -> LinearExpression
{
  var result: [LinearExpression.Term] = []
  for pair in terms {
    guard pair.count == 2, case .index(let index) = pair[0],
      case .coefficient(let text) = pair[1]
    else { throw FixtureError.badTerm("\(pair)") }
    result.append(LinearExpression.Term(Variable(index: index), try rational(text)))
  }
  return LinearExpression(result)
}

extension ReferenceFixture.Problem: CustomTestStringConvertible {
  /// The problem's name, so a failing case is named and not dumped.
  var testDescription: String { name }
}
