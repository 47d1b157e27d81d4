// The help of `loneliness report`: usage, options and examples.

let reportSpec = CommandSpec(
  name: "report",
  summary:
    "Tally a survey: counts and percentages with intervals, breakdowns, scores, safe to publish.",
  usage: [
    "loneliness report FILE [-i ID]... [--by COLUMN]... [--weight COLUMN] [--tally COLUMN]... [--multi COLUMN]...",
    "                       [--format text|markdown|csv|json|html] [-o FILE] [--decimals 0|1]",
    "                       [--suppress-below N | --suppression nhs-digital | --no-suppression]",
  ],
  discussion:
    "Reads a survey export and reports every item of each instrument (each answer's count and percentage of those who answered, with a 95% interval, and missing answers by reason), each indicator as a headline such as \"Lonely often/always: 97 of 262 (37%; 95% CI 31% to 43%)\", and each score (n, mean, SD, interval of the mean, median, quartiles, and the distribution over its bands, naming the cut-off's source). --by breaks every estimate down by a column, with a chi-square test where it is valid; --tally and --multi count any other column. --weight weights percentages and means (counts stay unweighted) and reports the effective sample size. By default any count from 1 to 4 is hidden with its percentage, and so are counts that would reveal it from a total; bases under 30 are flagged. The report says what was read, excluded and suppressed, the instruments and their versions, the cut-offs and their sources, and the licence notices the instruments require.",
  options: ExportArguments.options + [
    .value(
      "--by",
      "COLUMN",
      repeatable: true,
      "Break every estimate down by this column. Repeatable."
    ),
    .value("--weight", "COLUMN", "Weight percentages and means by this column of survey weights."),
    .value(
      "--tally",
      "COLUMN",
      repeatable: true,
      "Also count the answers in this column. Repeatable."
    ),
    .value(
      "--multi",
      "COLUMN",
      repeatable: true,
      "Also count a multi-select column: percentages of respondents. Repeatable."
    ),
    .value(
      "--separator",
      "TEXT",
      "What separates answers in a --multi cell (default: ';' if any cell has one, else ',')."
    ),
    .value("--decimals", "N", "Decimal places for percentages: 0 (the default) or 1."),
    OutputArguments.maximumGroupsOption,
  ] + OutputArguments.options(nhsDigital: true),
  examples: [
    "loneliness report Examples/kent-esurvey/export.csv --instruments Examples/kent-esurvey/kent-loneliness.json --by \"Which district do you live in?\"",
    "loneliness report export.csv -i ons-loneliness --by age_band --weight weight --format html -o report.html",
  ]
)
