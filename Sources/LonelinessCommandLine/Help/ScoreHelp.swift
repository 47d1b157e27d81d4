// The help of `loneliness score`: usage, options and examples.

let scoreSpec = CommandSpec(
  name: "score",
  summary:
    "Score every respondent of an export: each score, its band, why it is absent, and each indicator.",
  usage: [
    "loneliness score FILE [-i ID]... [-o FILE] [--format csv|json] [--from PLATFORM] [--delimiter C]",
    "                      [--sheet NAME|NUMBER] [--column ITEM=HEADER]... [--map FILE] [--strict]",
  ],
  discussion:
    "Reads a survey export and scores each respondent exactly as each instrument's file specifies: sums, means, prorated sums, reversed and recoded items, conversion tables, bands, indicators and missing-data rules. Every input row and column is written unchanged and in order, followed by, for each score, the columns INSTRUMENT.SCORE (the value), INSTRUMENT.SCORE.band (its band), INSTRUMENT.SCORE.reason (why it is absent, for example '1 of 7 items missing (useful); swemwbs.raw allows none'), and then each indicator as INSTRUMENT.INDICATOR (1, 0, or empty when absent). CSV keeps the input's delimiter; cells a spreadsheet would run as formulas get a leading '. --format json writes an array of objects keyed by the combined header names. Without -i, the built-in instruments whose items match a column are scored. Problems reading the export are counted on standard error (see them with 'loneliness inspect'); with --strict any problem exits 65 and nothing is written.",
  options: ExportArguments.options + [
    .value(
      "--output",
      short: "-o",
      "FILE",
      "Write to FILE (replaced in one step; a device or FIFO is written in place) instead of standard output; - is standard output."
    ),
    .value(
      "--format",
      "FORMAT",
      "csv or json; by default json when -o ends in .json, else csv."
    ),
  ],
  examples: [
    "loneliness score Examples/provider-outcomes/baseline.csv -i ons-loneliness -i swemwbs",
    "loneliness score Examples/cohort-comparison/combined.csv -i ons-loneliness -i ons4 -o scored.csv",
    "loneliness score export.csv -i wemwbs --format json -o scored.json",
  ]
)
