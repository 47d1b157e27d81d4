public import SurveyInstruments

/// Renders an instrument as a plain-text sheet: introduction, wording, options with codes,
/// scoring, conversion table, bands, indicators, each with its sources, and the licence.
public struct InstrumentSheet: Sendable {
  /// The instrument to describe.
  public var instrument: Instrument
  /// Where it came from: `built-in` or a file path.
  public var origin: String
  /// Extension files applied to it.
  public var extensions: [String]
  /// The line width to wrap to.
  public var width: Int

  /// Creates a sheet.
  public init(instrument: Instrument, origin: String, extensions: [String] = [], width: Int = 100) {
    self.instrument = instrument
    self.origin = origin
    self.extensions = extensions
    self.width = max(60, min(width, 120))
  }

  /// The sheet as text.
  ///
  /// - Complexity: O(*n*) in the size of the instrument.
  public func rendered() -> String {
    var out: [String] = []
    let i = instrument
    out.append(i.title)
    out.append(String(repeating: "=", count: min(i.title.count, width)))
    var facts = "id \(i.id), version \(i.version), \(origin)"
    if !extensions.isEmpty { facts += ", extended by \(extensions.joined(separator: ", "))" }
    out.append(facts)
    if let population = i.population { out.append("Population: \(population)") }
    if let recall = i.recallPeriod { out.append("Recall period: \(recall)") }

    if let licence = i.licence {
      out.append("")
      out.append("LICENCE")
      out.append(wrapped(licence.notice, width: width, indent: "  "))
      if let terms = licence.terms { out.append(wrapped(terms, width: width, indent: "  ")) }
      if licence.requiresRegistration {
        out.append(
          wrapped(
            "Registration with the owner is required before use\(licence.url.map { ": \($0)" } ?? ".")",
            width: width,
            indent: "  "
          )
        )
      }
      if licence.isShownOnReports {
        out.append("  This notice is printed on every report that uses the instrument.")
      }
      out.append(provenanceLines(licence.provenance))
    }

    if let introduction = i.introduction {
      out.append("")
      out.append("INTRODUCTION")
      out.append(wrapped("\"\(introduction.text)\"", width: width, indent: "  "))
      out.append(provenanceLines(introduction.provenance))
    }

    out.append("")
    out.append("ITEMS")
    for (number, item) in i.items.enumerated() {
      let text =
        item.wording.map { "\"\($0)\"" }
        ?? "[wording not included] key phrase \"\(item.keyPhrase ?? item.id.rawValue)\""
      out.append(
        wrapped(
          text,
          width: width,
          indent: "      ",
          firstIndent: "  \(leftPadded(String(number + 1), to: 2)). "
        )
      )
      var details = "id \(item.id), answered on \(item.scale)"
      if !item.anchors.isEmpty {
        details +=
          "; "
          + item.anchors.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(
            separator: ", "
          )
      }
      out.append(wrapped(details, width: width, indent: "      "))
      if !item.aliases.isEmpty {
        out.append(
          wrapped(
            "header aliases: " + item.aliases.map { "\"\($0)\"" }.joined(separator: ", "),
            width: width,
            indent: "      "
          )
        )
      }
      // Items that share a source are followed by it once.
      let next = number + 1 < i.items.count ? i.items[number + 1] : nil
      if next?.provenance != item.provenance {
        let first =
          i.items[..<number].lastIndex { $0.provenance != item.provenance }.map { $0 + 1 } ?? 0
        let prefix = first == number ? "" : "Items \(first + 1)-\(number + 1): "
        out.append(provenanceLines(item.provenance, indent: "      ", prefix: prefix))
      }
    }
    if i.isMissingWording { out.append(""); out.append(addWordingHelp()) }

    out.append("")
    out.append("RESPONSE SCALES")
    for scale in i.scales {
      out.append("  \(scale.id)")
      let codeWidth = scale.options.map { String($0.code).count }.max() ?? 1
      for option in scale.options {
        var line = "    \(leftPadded(String(option.code), to: codeWidth))  \(option.label)"
        if !option.aliases.isEmpty {
          line += "  (also: " + option.aliases.map { "\"\($0)\"" }.joined(separator: ", ") + ")"
        }
        out.append(line)
      }
      for missing in scale.missingAnswers {
        var line =
          "    \(padded("-", to: codeWidth))  \(missing.label): recorded as missing with this reason"
        if !missing.aliases.isEmpty {
          line += " (also: " + missing.aliases.map { "\"\($0)\"" }.joined(separator: ", ") + ")"
        }
        out.append(
          wrapped(line, width: width, indent: String(repeating: " ", count: codeWidth + 8))
        )
      }
      out.append(provenanceLines(scale.provenance))
    }

    if !i.scores.isEmpty {
      out.append("")
      out.append("SCORES")
      for score in i.scores { out.append(contentsOf: scoreLines(score)) }
    }

    if !i.indicators.isEmpty {
      out.append("")
      out.append("INDICATORS")
      for indicator in i.indicators {
        let condition: String
        switch indicator.condition {
        case .itemCodes(let item, let codes):
          let labels = codes.map { code -> String in
            let label = i.item(withID: item).flatMap { i.scale(for: $0) }?.option(withCode: code)?
              .label
            return label.map { "\(code) \"\($0)\"" } ?? String(code)
          }
          condition = "\(item) answered \(labels.joined(separator: " or "))"
        case .scoreBands(let score, let bands):
          let labels = bands.map { band in
            i.score(withID: score)?.bands?.bands.first { $0.id == band }?.label ?? band.rawValue
          }
          condition = "\(score) in \(labels.joined(separator: " or "))"
        }
        out.append("  \(indicator.id): \(indicator.title)")
        out.append(
          wrapped(
            "1 when \(condition); 0 when answered otherwise; empty when missing.",
            width: width,
            indent: "    "
          )
        )
        out.append(provenanceLines(indicator.provenance))
      }
    }

    if !i.notes.isEmpty {
      out.append("")
      out.append("NOTES")
      for note in i.notes {
        out.append(wrapped(note, width: width, indent: "    ", firstIndent: "  - "))
      }
    }

    if !i.sources.isEmpty {
      out.append("")
      out.append("SOURCES")
      for source in i.sources {
        out.append(
          wrapped(
            source.citation + (source.url.map { " \($0)" } ?? ""),
            width: width,
            indent: "    ",
            firstIndent: "  [\(source.id)] "
          )
        )
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func scoreLines(_ score: ScoreRule) -> [String] {
    var out: [String] = []
    let decimals = score.decimals
    out.append("  \(instrument.id).\(score.id): \(score.title)")
    var method: String
    switch score.method {
    case .sum, .mean:
      let parts = score.items.map { item -> String in
        if item.isReversed { return "\(item.item) (reversed)" }
        if !item.recode.isEmpty {
          let recode = item.recode.sorted { $0.key < $1.key }.map {
            "\($0.key)→\(formatNumber($0.value))"
          }.joined(separator: " ")
          return "\(item.item) (\(recode))"
        }
        return item.item.rawValue
      }
      method = "\(score.method.name == "sum" ? "Sum" : "Mean") of \(parts.joined(separator: ", "))."
    case .convert(let from, _):
      method = "\(from) converted through the table below."
    }
    method +=
      " Range \(fixed(score.range.lowerBound, decimals: decimals)) to \(fixed(score.range.upperBound, decimals: decimals))"
    method += score.higherMeans.map { "; higher means \($0)" } ?? ""
    method += score.better.map { "; \($0.rawValue) is better." } ?? "."
    out.append(wrapped(method, width: width, indent: "    "))
    out.append(provenanceLines(score.provenance))
    let rule = score.missingRule
    var missing: String
    if rule.maximumMissing == 0 {
      missing = "Missing data: scored only when every item is answered."
    } else {
      missing =
        "Missing data: scored when at most \(rule.maximumMissing) of \(score.items.count) items \(rule.maximumMissing == 1 ? "is" : "are") missing; "
      missing +=
        rule.prorates
        ? "the sum is prorated to all items." : "missing items count 0 (not prorated)."
    }
    if case .convert(let from, _) = score.method { missing = "Missing data: as for \(from)." }
    out.append(wrapped(missing, width: width, indent: "    "))
    if case .convert = score.method {
    } else {
      out.append(provenanceLines(rule.provenance, indent: "      "))
    }
    if case .convert(let from, let table) = score.method {
      out.append("    Conversion table (\(from) → \(score.id)):")
      let entries = table.entries
      let columns = max(1, (width - 4) / 16)
      let rows = (entries.count + columns - 1) / columns
      for row in 0..<rows {
        var line = "    "
        for column in 0..<columns {
          let index = column * rows + row
          guard index < entries.count else { continue }
          line +=
            leftPadded(String(entries[index].from), to: 5) + " → "
            + padded(fixed(entries[index].to, decimals: decimals), to: 8)
        }
        out.append(line.trimmingTrailingSpaces())
      }
      out.append(provenanceLines(table.provenance, indent: "      "))
    }
    if let bands = score.bands {
      out.append("    Bands:")
      for band in bands.bands {
        out.append(
          "      \(band.id): \(band.label), \(fixed(band.minimum, decimals: decimals)) to \(fixed(band.maximum, decimals: decimals))"
        )
      }
      out.append(provenanceLines(bands.provenance, indent: "      "))
    } else {
      out.append("    Bands: none.")
    }
    if let change = score.meaningfulChange {
      out.append("    Meaningful change for one person: \(pointsText(change.points)).")
      out.append(provenanceLines(change.provenance, indent: "      "))
    }
    return out
  }

  private func provenanceLines(
    _ provenance: Provenance,
    indent: String = "    ",
    prefix: String = ""
  ) -> String {
    let certainty = provenance.certainty.phrase(citing: provenance.sources.count)
    var text = prefix
    if provenance.sources.isEmpty {
      text += "Source: none; \(certainty)."
    } else {
      text += provenance.sources.count == 1 ? "Source: " : "Sources: "
      text += provenance.sources.map { "[\($0)]" }.joined(separator: " ") + "; \(certainty)."
    }
    if let note = provenance.note { text += " \(note)" }
    return wrapped(text, width: width, indent: indent + "  ", firstIndent: indent)
  }

  /// How a licensed user adds the item wording that is not shipped.
  public func addWordingHelp() -> String {
    let missing = instrument.items.filter { $0.wording == nil }
    var text = wrapped(
      "The wording of \(missing.count == instrument.items.count ? "these items" : "\(missing.count) items") is not included (the owner's licence does not allow sharing it). To add it from your licensed copy, save a file such as my-instruments/\(instrument.id)-wording.json containing:",
      width: width,
      indent: "  "
    )
    text +=
      "\n\n    {\n      \"format\": 1,\n      \"extends\": \"\(instrument.id)\",\n      \"items\": [\n"
    text += missing.enumerated().map { index, item in
      "        { \"id\": \"\(item.id)\", \"wording\": \"…\" }\(index == missing.count - 1 ? "" : ",")"
    }.joined(separator: "\n")
    text += "\n      ]\n    }\n\n"
    text += wrapped(
      "then add --instruments my-instruments/ to any command.",
      width: width,
      indent: "  "
    )
    return text
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.hasSuffix(" ") { copy.removeLast() }
    return copy
  }
}
