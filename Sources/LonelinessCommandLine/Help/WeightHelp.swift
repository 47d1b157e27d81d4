// The help of `loneliness weight`: usage, options and examples.

let weightSpec = CommandSpec(
  name: "weight",
  summary:
    "Rake an export to population margins and write it with a weight column.",
  usage: [
    "loneliness weight FILE --margins FILE [-o FILE] [--name NAME] [--trim LOW,HIGH] [--rerake N]",
    "                       [--max-iterations N] [--epsilon E] [--format csv|json] [--from PLATFORM]",
    "                       [--delimiter C] [--sheet NAME|NUMBER] [--recode \"COLUMN: FROM=TO\"]...",
    "                       [--strict]",
  ],
  discussion:
    "Computes raking weights (iterative proportional fitting) so that the weighted number of respondents in each category of each margin equals the population's, as R's survey::rake does, and writes every input row and column unchanged and in order with the weight as a last column. The weights add up to the population total. The margins file is CSV with the header margin,category,population and one row per category: margin names a column of the export (several columns separated by | for a cross-classified margin such as age_band|sex, whose categories give one value per column, such as 16-24|Female), category a value of it, and population the category's total. The margins' totals must agree. Respondents with a blank value in a margin's column get no weight and are listed; a value that is no category of its margin, a category with people but no respondent, and margins that disagree are errors located at their line of the margins file (exit 65).\n\nREPORT\nHow the raking went is printed: the iterations and the largest change in each, every category's population, respondents and weighted total, the largest discrepancy, trimming, the range of the weights, Kish's effective sample size, the weighting efficiency and the design effect due to weighting, and the rows excluded. It goes to standard output when -o writes the weighted file, and to standard error when the file goes to standard output. Use the weights with: loneliness report FILE --weight NAME.",
  options: [
    .value("--margins", "FILE", "The population margins (CSV: margin,category,population)."),
    .value(
      "--output",
      short: "-o",
      "FILE",
      "Write the weighted export to FILE (replaced in one step; a device or FIFO is written in place) instead of standard output; - is standard output. Never the input."
    ),
    .value(
      "--name",
      "NAME",
      "The weight column's name (default weight); refused if the export already has that column."
    ),
    .value(
      "--trim",
      "LOW,HIGH",
      "Keep every weight between LOW and HIGH times the mean weight (LOW from 0 to below 1, HIGH above 1), as R's trimWeights, after raking."
    ),
    .value(
      "--rerake",
      "N",
      "With --trim: rake and trim again up to N times, until the margins are met within the tolerance (default 0: trim once)."
    ),
    .value(
      "--max-iterations",
      "N",
      "The most iterations (sweeps through every margin), as rake's maxit (default 10); not converging is an error (exit 65)."
    ),
    .value(
      "--epsilon",
      "E",
      "The tolerance, as rake's epsilon (default 1): stop when an iteration changes no cell by E or more; from 1 up in the units of the totals, below 1 a fraction of the total weight."
    ),
    .value("--format", "FORMAT", "csv or json; by default json when -o ends in .json, else csv."),
  ]
    + ExportArguments.options.filter {
      ["--from", "--delimiter", "--sheet", "--recode", "--strict"].contains($0.name)
    },
  examples: [
    "loneliness weight Examples/residents-survey/survey.csv --margins Examples/residents-survey/margins.csv --name raked_weight -o raked.csv",
    "loneliness report raked.csv -i ons-loneliness --weight raked_weight --by age_band",
    "loneliness weight survey.csv --margins margins.csv --trim 0.3,3 --rerake 10 -o weighted.csv",
  ]
)
