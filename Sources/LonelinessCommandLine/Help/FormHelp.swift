// The help of `loneliness form`: usage, options and examples.

let formSpec = CommandSpec(
  name: "form",
  summary: "Write an offline web form for visits, or a printable questionnaire.",
  usage: [
    "loneliness form -i ID [-i ID]... -o FILE.html [--set COLUMN=VALUE]... [--title TEXT]",
    "                [--one-per-screen | --one-page | --print]",
  ],
  discussion: """
    Writes ONE self-contained HTML file that asks the instruments' questions in a web browser, \
    on a tablet, phone or laptop, with no connection: it loads nothing, not even a font.

    THE FORM
    Each instrument's introduction and notices, then its questions with large answers to tap, \
    one per screen (the default) or all on one page (--one-page), with Back, Skip and the \
    scale's missing answers such as 'Prefer not to say', then a summary to check and save. It \
    works with the keyboard alone: Tab to the answers, arrow keys to choose, Enter for the next \
    question.

    KEEPING AND DOWNLOADING RESPONSES
    Each saved response, and the one in progress after every answer, is kept in the browser's \
    storage for this file, so a reload or a closed tab loses nothing. The first screen lists \
    them, shows which have been downloaded, and downloads them as a CSV file in the capture file \
    format (respondent_id, captured_at, the --set columns, one INSTRUMENT.ITEM column of codes \
    per item, status). Merge a download into a capture file with 'loneliness capture --merge \
    FILE --to visits.csv'; report, score and change read it as they read a capture file.

    LICENSED WORDING
    As in capture, WEMWBS and SWEMWBS items show their key phrases with a note to read the \
    wording from your licensed copy, unless an extension file given with --instruments adds the \
    wording.

    PAPER
    --print writes a questionnaire to print instead: a tick box per answer with the code or \
    letter that capture takes beside it, space for the respondent id and date, the \
    instruments' notices, and the capture command for typing the answers in.
    """,
  options: [
    .value(
      "--instrument",
      short: "-i",
      "ID",
      repeatable: true,
      "An instrument to ask, such as ons-loneliness; repeat it or separate ids with commas."
    ),
    .value(
      "--output",
      short: "-o",
      "FILE",
      "The HTML file to write (replaced in one step); - is standard output."
    ),
    .value(
      "--set",
      "COLUMN=VALUE",
      repeatable: true,
      "A column written with this value on every response, such as worker=AB. Repeatable."
    ),
    .value("--title", "TEXT", "The page's title; by default the instruments' titles."),
    .flag("--one-per-screen", "One question per screen (the default)."),
    .flag("--one-page", "Every question on one page, then the summary."),
    .flag("--print", "Write a printable paper questionnaire instead of the form."),
  ],
  examples: [
    "loneliness form -i ons-loneliness -i swemwbs --set worker=AB -o visit-form.html",
    "loneliness form -i ons-loneliness -i ons4 --one-page -o drop-in.html",
    "loneliness form -i ons-loneliness -i swemwbs --print -o questionnaire.html",
    "loneliness form -i swemwbs --instruments my-instruments/ -o visit-form.html",
  ]
)
