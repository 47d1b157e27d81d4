import SurveyInstruments

/// Text made safe for HTML element content and for attribute values in double or single quotes:
/// `&`, `<`, `>`, `"` and `'` become character references, and control characters other than tab
/// and line feed (which HTML does not allow) become U+FFFD.
///
/// Instrument files and `--set` values are user input: every piece of them goes into a page
/// through this function or ``scriptData(_:)``.
///
/// - Complexity: O(*n*) in the length of `text`.
func escapedHTML(_ text: String) -> String {
  var output = ""
  output.reserveCapacity(text.utf8.count)
  for scalar in text.unicodeScalars {
    switch scalar {
    case "&": output += "&amp;"
    case "<": output += "&lt;"
    case ">": output += "&gt;"
    case "\"": output += "&quot;"
    case "'": output += "&#39;"
    case "\t", "\n": output.unicodeScalars.append(scalar)
    case "\r": output += "\n"
    default:
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        output += "\u{FFFD}"
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
  }
  return output
}

/// `value` as JSON for a `<script type="application/json">` element: besides JSON's own escapes,
/// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`, so no text can end the
/// element (`</script>`) or open a comment (`<!--`), and U+2028 and U+2029 as escapes.
///
/// The structure of JSON holds none of those characters, so replacing them anywhere touches only
/// the insides of strings, where the escapes mean the same characters.
///
/// - Complexity: O(*n*) in the size of the output.
func scriptData(_ value: JSONValue) -> String {
  var output = ""
  for scalar in JSONWriter.compactText(for: value).unicodeScalars {
    switch scalar {
    case "<": output += "\\u003c"
    case ">": output += "\\u003e"
    case "&": output += "\\u0026"
    default: output.unicodeScalars.append(scalar)
    }
  }
  return output
}
