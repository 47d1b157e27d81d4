// The help of `loneliness capture`: usage, options and examples.

let captureSpec = CommandSpec(
  name: "capture",
  summary: "Ask one respondent the questions and append their answers to a CSV file.",
  usage: [
    "loneliness capture -i ID [-i ID]... --to FILE [--set COLUMN=VALUE]... [--respondent ID]",
    "                   [--show-scores] [--keep-partial]",
    "loneliness capture --merge EXPORT.csv --to FILE",
  ],
  discussion: """
    Asks each instrument's questions in order with numbered answers, shows a summary to confirm, \
    then appends ONE row to FILE.

    ANSWERING
    Answer with the number shown (the answer's code), the words of an answer ('some of the \
    time'), or the letter of a missing answer such as p for 'Prefer not to say'; s skips a \
    question, b goes back, Enter keeps an earlier answer. An invalid answer is asked again with \
    a hint. At the summary, y saves, n discards, b goes back, and a question number changes that \
    answer.

    THE ROW
    respondent_id (from --respondent, or the date and time with a random suffix), captured_at \
    (ISO 8601, UTC), the --set columns, one column per item named INSTRUMENT.ITEM with the code, \
    a missing answer's label or nothing when skipped, and status (complete or partial). A new \
    file gets a header.

    AN EXISTING FILE
    The row is written in the file's column order. Columns this capture adds (another \
    instrument, a new --set column) are appended to the header, and earlier rows are kept as \
    they are, read as blank there. A file with a column this capture does not write is refused \
    before any question, with exit code 65: existing rows are never rewritten. A note before the \
    first question says when the file already has a row for the --respondent id with the same \
    --set values.

    SAVING SAFELY
    Each row is written whole with one write under an exclusive lock and flushed to disk before \
    'Saved' is printed, so two people can capture into one file at once. Ctrl-C or the end of \
    input before the row is saved abandons the session: nothing is saved and the exit code is \
    65, unless --keep-partial, which saves the answers so far with status partial (still exit 65).

    MERGING A FORM'S RESPONSES
    --merge EXPORT.csv appends the rows of a file in the capture file format, such as the \
    responses an offline form made by 'loneliness form' downloads, to FILE, with the same lock \
    and one flushed write, so captures and merges into one file at once are safe. The \
    instruments and columns come from the file's header. Every row is checked first (its \
    fields, respondent id, time, status and each answer's code); if any is wrong, each is \
    listed with its line and reason, nothing is merged, and the exit code is 65. A row FILE \
    already has (the same respondent id, time and answers) is skipped, so merging a download \
    twice adds nothing twice; a row with the respondent id and time of a row in FILE but other \
    answers stops the merge. Each row added and skipped is listed.

    PIPED ANSWERS
    With standard input not a terminal, answers are read one per line (printf '1\\n2\\n…' | \
    loneliness capture …). Questions and prompts go to standard output when it is a terminal, \
    otherwise to standard error, so standard output keeps only the result.
    """,
  options: [
    .value(
      "--instrument",
      short: "-i",
      "ID",
      repeatable: true,
      "An instrument to ask, such as ons-loneliness; repeat it or separate ids with commas."
    ),
    .value("--to", "FILE", "The CSV file to append the row to; created if missing."),
    .value(
      "--set",
      "COLUMN=VALUE",
      repeatable: true,
      "An extra column and its value for this row, such as site=Ashford. Repeatable."
    ),
    .value("--respondent", "ID", "The respondent id; generated from the date and time if absent."),
    .value(
      "--merge",
      "EXPORT",
      "Append the rows of a form's download (a CSV file in the capture file format) to --to."
    ),
    .flag("--show-scores", "Print the respondent's scores after saving."),
    .flag("--keep-partial", "If the session is abandoned, save the answers so far as partial."),
  ],
  examples: [
    "loneliness capture -i ons-loneliness --to responses.csv --set site=Ashford",
    "loneliness capture -i ons-loneliness -i swemwbs --to visits.csv --respondent C-0042",
    "loneliness capture -i ons-loneliness -i swemwbs --to visits.csv --set wave=baseline --respondent C-0042 --show-scores",
    "printf '1\\n2\\n2\\n3\\ny\\n' | loneliness capture -i ons-loneliness --to responses.csv",
    "loneliness capture --merge visit-form-responses-20250307-140509.csv --to visits.csv",
  ]
)
