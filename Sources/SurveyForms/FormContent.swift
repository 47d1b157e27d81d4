import SurveyCapture
import SurveyInstruments

/// A column that a form fills with the same value on every response, such as `worker=AB`: the
/// `--set` columns of `loneliness capture`.
public struct FormColumn: Sendable, Hashable {
  /// The column's header.
  public var name: String
  /// The value written on every row.
  public var value: String

  /// Creates a fixed column.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// What a form or a paper questionnaire asks, in order: each instrument with its introduction,
/// notices and questions, worked out once from the instruments by walking a `CaptureSession`,
/// so that the form asks exactly what `loneliness capture` asks, with the same answers and keys.
struct FormContent: Sendable {
  /// One instrument and its questions.
  struct Part: Sendable {
    var introduction: CaptureIntroduction
    var questions: [CaptureQuestion]
    /// The ids of the items that have no wording installed.
    var itemsWithoutWording: [ItemID]
  }

  var parts: [Part]
  var layout: CaptureFileLayout
  var columns: [FormColumn]

  /// - Throws: `CaptureLayoutError` when a fixed column is empty, repeated or has the name of a
  ///   column the capture fills itself.
  /// - Complexity: O(*n* × *k*) for *n* items of *k* answers.
  init(instruments: [Instrument], columns: [FormColumn]) throws(CaptureLayoutError) {
    var session = CaptureSession(instruments: instruments)
    layout = try CaptureFileLayout(
      instruments: session.instruments,
      extraColumns: columns.map(\.name)
    )
    self.columns = columns
    var parts: [Part] = []
    while true {
      switch session.step {
      case .introduction:
        if let introduction = session.introduction {
          parts.append(
            Part(
              introduction: introduction,
              questions: [],
              itemsWithoutWording: introduction.instrument.items.filter { $0.wording == nil }.map(
                \.id
              )
            )
          )
        }
        session.proceed()
      case .question:
        if let question = session.question, !parts.isEmpty {
          parts[parts.count - 1].questions.append(question)
        }
        session.skip()
      case .summary, .finished:
        self.parts = parts
        return
      }
    }
  }

  /// Every question, in order.
  var questions: [CaptureQuestion] { parts.flatMap(\.questions) }

  /// The form's title when none is given: "Questionnaire: ONS …, Short WEMWBS".
  var defaultTitle: String {
    "Questionnaire: " + parts.map(\.introduction.title).joined(separator: "; ")
  }

  /// The cell a choice writes in the capture file, as `CaptureFileLayout.cell(for:on:)` makes
  /// it: the code, or a declared missing answer's label.
  static func cell(for choice: CaptureChoice) -> String {
    if !choice.isMissingAnswer, let code = choice.code { return String(code) }
    return choice.label
  }
}

/// A 64-bit FNV-1a hash of `parts` as 16 hexadecimal digits: the same on every run, so that a
/// form made again from the same instruments and columns finds the responses saved by the last.
func stableIdentifier(_ parts: [String]) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for (index, part) in parts.enumerated() {
    if index > 0 {
      hash ^= 0x1F
      hash = hash &* 0x0000_0100_0000_01B3
    }
    for byte in part.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
  }
  let hex = String(hash, radix: 16)
  return String(repeating: "0", count: 16 - hex.count) + hex
}
