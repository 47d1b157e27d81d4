import SurveyCapture
import SurveyInstruments
import SurveyScoring
import Testing

/// The built-in instrument `id`.
func builtIn(_ id: InstrumentID) throws -> Instrument {
  try #require(InstrumentCatalogue.builtIn.instrument(withID: id))
}

/// A response to `instrument` with `answers` by item id.
func response(_ instrument: Instrument, _ answers: [ItemID: Answer]) -> Response {
  var keyed: [ItemKey: Answer] = [:]
  for (item, answer) in answers { keyed[ItemKey(instrument: instrument.id, item: item)] = answer }
  return Response(answers: keyed)
}

/// A response answering every item of `instrument` with `codes`, in item order.
func response(_ instrument: Instrument, codes: [Int]) -> Response {
  var answers: [ItemID: Answer] = [:]
  for (item, code) in zip(instrument.items, codes) { answers[item.id] = .code(code) }
  return response(instrument, answers)
}

/// A table of `responses` to `instruments`.
func table(_ instruments: [Instrument], _ responses: [Response]) throws -> ResponseTable {
  var table = ResponseTable(instruments: instruments)
  for response in responses { try table.append(response) }
  return table
}

/// Decodes an instrument written in a test.
func decoded(_ json: String) throws -> Instrument {
  try InstrumentDecoder.decodeInstrument(Array(json.utf8), file: "test.json")
}

/// A custom instrument with a reversed item, a prorated sum, a mean and a band indicator,
/// written as a council would write it.
let resilienceInstrument = """
  {
    "format": 1,
    "id": "resilience",
    "version": "1",
    "title": "Council resilience questions",
    "scales": [
      {
        "id": "agree",
        "options": [
          { "code": 1, "label": "Strongly disagree" },
          { "code": 2, "label": "Disagree" },
          { "code": 3, "label": "Neither" },
          { "code": 4, "label": "Agree" },
          { "code": 5, "label": "Strongly agree" }
        ],
        "missingAnswers": [ { "label": "Prefer not to say" } ]
      }
    ],
    "items": [
      { "id": "bounce-back", "wording": "I bounce back quickly after hard times", "scale": "agree" },
      { "id": "hard-to-recover", "wording": "It is hard for me to recover from setbacks", "scale": "agree" },
      { "id": "cope", "wording": "I can cope with whatever comes", "scale": "agree" },
      { "id": "calm", "wording": "I stay calm under pressure", "scale": "agree" }
    ],
    "scores": [
      {
        "id": "total",
        "title": "Resilience total",
        "method": "sum",
        "items": ["bounce-back", { "item": "hard-to-recover", "reverse": true }, "cope", "calm"],
        "range": { "min": 4, "max": 20 },
        "missing": { "maxMissing": 1, "prorate": true },
        "bands": {
          "ranges": [
            { "id": "low", "label": "Low (4-9)", "min": 4, "max": 9 },
            { "id": "typical", "label": "Typical (10-20)", "min": 10, "max": 20 }
          ]
        }
      },
      {
        "id": "average",
        "title": "Resilience average",
        "method": "mean",
        "items": ["bounce-back", { "item": "hard-to-recover", "reverse": true }, "cope", "calm"],
        "range": { "min": 1, "max": 5 },
        "decimals": 2,
        "missing": { "maxMissing": 2 }
      }
    ],
    "indicators": [
      { "id": "low-resilience", "title": "Low resilience", "score": "total", "bands": ["low"] }
    ]
  }
  """
