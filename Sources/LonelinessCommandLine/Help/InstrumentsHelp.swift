// The help of `loneliness instruments`: usage, options and examples.

let instrumentsSpec = CommandSpec(
  name: "instruments",
  summary: "List instruments, show one in full, or validate instrument files.",
  usage: [
    "loneliness instruments [--instruments PATH]",
    "loneliness instruments show ID [--instruments PATH]",
    "loneliness instruments validate FILE...",
  ],
  discussion:
    "With no subcommand, lists the instruments: the built-in ones and any loaded with --instruments. 'show ID' prints an instrument in full: introduction, item wording, answers with their codes, scoring rules, conversion table, bands and indicators, each with its sources, and the licence notice. 'validate' checks instrument and extension files and reports every problem with its file, line, column and key path; it exits 65 if any file is invalid.",
  options: [],
  examples: [
    "loneliness instruments",
    "loneliness instruments show swemwbs",
    "loneliness instruments validate my-instruments/council-loneliness.json",
    "loneliness instruments show wemwbs --instruments my-instruments/",
  ]
)
