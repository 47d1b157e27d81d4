// The help of `loneliness change`: usage, options and examples.

let changeSpec = CommandSpec(
  name: "change",
  summary: "Measure change from baseline to follow-up among the same respondents, paired by id.",
  usage: [
    "loneliness change FILE [-i ID]... --id COLUMN --wave COLUMN [--baseline VALUE --followup VALUE]",
    "loneliness change BASELINE.csv FOLLOWUP.csv [-i ID]... --id COLUMN",
    "                  [--meaningful-change SCORE=POINTS]... [--weight COLUMN] [--decimals 0|1]",
    "                  [--format F] [-o FILE]",
  ],
  discussion:
    "Pairs respondents by id between the baseline and the follow-up, from one long file with a wave column or from two files, and reports the number paired, the ids seen at one wave only, and ids with more than one row in a wave (used once when the rows agree on every measure, left out of pairing otherwise; listed with their lines either way). For each score, among pairs with the score at both waves: baseline and follow-up means, the mean change with a paired t interval and test, the Wilcoxon signed-rank test, the standardised change d_z, the shares improved, unchanged and worse by the instrument's meaningful-change threshold (or by any amount when it has none), and the movement between bands. For each indicator: the paired 2x2 table and McNemar's test (exact below 25 discordant pairs). Pairs missing a measure are counted with the reason. With --weight, each pair takes its baseline row's weight (the follow-up's is not used): means, percentages, shares and changes are weighted as R's survey package does for a single-stage design with unequal weights (the mean change with the design-based t-test of svyttest(change ~ 0), an indicator's change tested the same way in place of McNemar's test, shares with logit intervals as svyciprop); counts and band transitions stay unweighted; the Wilcoxon test and d_z are not given; pairs whose baseline weight is blank, not a number, zero or negative are left out and listed; the report gives the effective sample size and design effect. Counts below 5 are hidden (--suppress-below N to change, --no-suppression for internal use).",
  options: ExportArguments.options + [
    .value("--id", "COLUMN", "The column that identifies respondents (required)."),
    .value("--wave", "COLUMN", "The column that names the wave (one file)."),
    .value("--baseline", "VALUE", "The baseline wave's value in the wave column."),
    .value("--followup", "VALUE", "The follow-up wave's value in the wave column."),
    .value(
      "--meaningful-change",
      "SCORE=POINTS",
      repeatable: true,
      "The smallest change that counts as meaningful for SCORE (INSTRUMENT.SCORE), overriding the instrument; a number alone sets it for every score. Repeatable."
    ),
    .flag(
      "--exclude-duplicates",
      "Leave every duplicated id out of pairing, even when its rows agree."
    ),
    .value(
      "--weight",
      "COLUMN",
      "Weight means, percentages and changes by this column, each pair by its baseline row's weight (counts stay unweighted)."
    ),
    OutputArguments.decimalsOption(default: 1),
  ] + OutputArguments.options(nhsDigital: false),
  examples: [
    "loneliness change Examples/provider-outcomes/outcomes-long.csv -i ons-loneliness -i swemwbs --id client_id --wave wave --baseline baseline --followup '12 weeks'",
    "loneliness change Examples/provider-outcomes/baseline.csv Examples/provider-outcomes/followup.csv -i ons-loneliness -i swemwbs --id client_id",
  ]
)
