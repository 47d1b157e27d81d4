// The help of `loneliness compare`: usage, options and examples.

let compareSpec = CommandSpec(
  name: "compare",
  summary:
    "Compare cohorts: differences in indicators and scores against a reference cohort, with intervals and tests.",
  usage: [
    "loneliness compare FILE [-i ID]... --cohort COLUMN [--reference VALUE] [--format F] [-o FILE]",
    "loneliness compare A.csv B.csv... [-i ID]... [--reference NAME] [--format F] [-o FILE]",
    "                   [--weight COLUMN] [--decimals 0|1]",
  ],
  discussion:
    "Reads one export with a column naming each respondent's cohort (--cohort), or several exports with one cohort per file (named by the file name without its extension), scores them, and compares every cohort with the reference cohort (--reference; the first cohort otherwise). For each indicator: each cohort's percentage with a Wilson interval, and the difference from the reference in percentage points with Newcombe's interval and a two-proportion z-test. For each score: each cohort's mean with a t interval, and the difference in means with Welch's interval and test and Hedges' g. With three or more cohorts, p-values are also Holm-adjusted across the comparisons of each measure. With --weight, percentages, means and differences are weighted as R's survey package does for a single-stage design with unequal weights (each cohort's percentage with a logit interval as svyciprop, its mean as svymean, each difference with the design-based t-test of svyttest); counts and bases stay unweighted, rows whose weight is blank, not a number, zero or negative are left out and listed, and the comparison gives the effective sample size and design effect. Cohorts under 30 are marked as a low base. Counts below 5 are hidden (--suppress-below N to change, --no-suppression for internal use), and so is every figure computed from them.",
  options: ExportArguments.options + [
    .value("--cohort", "COLUMN", "The column that names each respondent's cohort (one file)."),
    .value("--reference", "VALUE", "The cohort every other cohort is compared with."),
    OutputArguments.weightOption,
    OutputArguments.decimalsOption(default: 1),
    OutputArguments.maximumGroupsOption,
  ] + OutputArguments.options(nhsDigital: false),
  examples: [
    "loneliness compare Examples/cohort-comparison/combined.csv -i ons-loneliness -i ons4 --cohort group --reference comparison",
    "loneliness compare Examples/residents-survey/survey.csv -i ons-loneliness -i ons4 --cohort ward --weight weight",
    "loneliness compare Examples/cohort-comparison/comparison.csv Examples/cohort-comparison/intervention.csv -i ons-loneliness -i ons4",
  ]
)
