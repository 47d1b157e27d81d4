#!/usr/bin/env python3
"""Reference values for cohort comparisons (loneliness compare).

Writes Tests/SurveyReportsTests/Fixtures/compare-data.csv, a deterministic survey of three cohorts
(a large reference cohort, a second large cohort and a small one under 30) with two yes/no
indicators (1, 0, blank when absent) and two scores (blank when absent), plus a few rows with no
cohort; and compare-reference.json with, for every measure:

- each cohort's k, n and 95% Wilson interval (statsmodels proportion_confint, method "wilson"),
  or n, mean, SD (ddof=1) and 95% t interval (scipy ttest_1samp(...).confidence_interval());
- each cohort against the reference: the difference in percentage points with Newcombe's hybrid
  score interval (statsmodels confint_proportions_2indep, method "newcomb") and the two-proportion
  z-test p (statsmodels proportions_ztest); or the difference in means with Welch's interval and
  p (scipy ttest_ind(equal_var=False)) and Hedges' g with the exact correction
  J = Gamma(nu/2) / (sqrt(nu/2) Gamma((nu-1)/2)) (scipy.special.gammaln);
- Holm-adjusted p-values across the comparisons (statsmodels multipletests, method "holm").

Run from the repository root: python3 Scripts/reference/compare_reference.py
"""
import csv, json, math, os, random
import numpy, scipy, statsmodels
from scipy import special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest

FIXTURES = "Tests/SurveyReportsTests/Fixtures"
rng = random.Random(20261124)
cohorts = [("Northgate", 160, 0.0), ("Riverside", 140, 0.6), ("Hillcrest", 24, -0.5)]
REFERENCE = "Northgate"
rows = []
for name, size, shift in cohorts:
    for _ in range(size):
        latent = rng.gauss(shift, 1)
        lonely = "" if rng.random() < 0.05 else ("1" if latent + rng.gauss(0, 1) > 1.0 else "0")
        isolated = "" if rng.random() < 0.03 else ("1" if latent + rng.gauss(0, 1.2) > 0.2 else "0")
        ucla = "" if rng.random() < 0.06 else str(min(9, max(3, round(5 + 1.2 * latent + rng.gauss(0, 1.3)))))
        wellbeing = "" if rng.random() < 0.04 else f"{min(35.0, max(7.0, 23 - 2.5 * latent + rng.gauss(0, 3.5))):.2f}"
        rows.append({"cohort": name, "lonely": lonely, "isolated": isolated, "ucla": ucla, "wellbeing": wellbeing})
for _ in range(3):
    rows.append({"cohort": "", "lonely": "1", "isolated": "0", "ucla": "6", "wellbeing": "20.00"})
rng.shuffle(rows)
os.makedirs(FIXTURES, exist_ok=True)
with open(f"{FIXTURES}/compare-data.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["cohort", "lonely", "isolated", "ucla", "wellbeing"], lineterminator="\n")
    w.writeheader()
    w.writerows(rows)

names = [REFERENCE] + [c[0] for c in cohorts if c[0] != REFERENCE]
def f(x):
    return float(x)

def indicator(column):
    per = {}
    for name in names:
        values = [r[column] for r in rows if r["cohort"] == name and r[column] != ""]
        k = sum(1 for v in values if v == "1")
        n = len(values)
        low, upp = proportion_confint(k, n, alpha=0.05, method="wilson")
        per[name] = {"k": k, "n": n, "percent": 100 * k / n, "ci_lower": 100 * f(low), "ci_upper": 100 * f(upp)}
    comparisons = {}
    ref = per[REFERENCE]
    for name in names[1:]:
        c = per[name]
        low, upp = confint_proportions_2indep(c["k"], c["n"], ref["k"], ref["n"], method="newcomb", compare="diff", alpha=0.05)
        z, p = proportions_ztest([c["k"], ref["k"]], [c["n"], ref["n"]])
        comparisons[name] = {"difference": 100 * (c["k"] / c["n"] - ref["k"] / ref["n"]), "ci_lower": 100 * f(low),
                             "ci_upper": 100 * f(upp), "p_value": f(p)}
    adjusted = multipletests([comparisons[n]["p_value"] for n in names[1:]], method="holm")[1]
    for name, p in zip(names[1:], adjusted):
        comparisons[name]["p_adjusted"] = f(p)
    return {"cohorts": per, "comparisons": comparisons}

def score(column):
    samples = {name: [float(r[column]) for r in rows if r["cohort"] == name and r[column] != ""] for name in names}
    per = {}
    for name, values in samples.items():
        a = numpy.array(values)
        ci = stats.ttest_1samp(a, 0).confidence_interval(confidence_level=0.95)
        per[name] = {"n": len(values), "mean": f(a.mean()), "sd": f(a.std(ddof=1)), "ci_lower": f(ci.low), "ci_upper": f(ci.high)}
    comparisons = {}
    ref = numpy.array(samples[REFERENCE])
    for name in names[1:]:
        a = numpy.array(samples[name])
        res = stats.ttest_ind(a, ref, equal_var=False)
        ci = res.confidence_interval(confidence_level=0.95)
        n1, n2 = len(a), len(ref)
        pooled = math.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * ref.var(ddof=1)) / (n1 + n2 - 2))
        nu = n1 + n2 - 2
        j = math.exp(special.gammaln(nu / 2) - 0.5 * math.log(nu / 2) - special.gammaln((nu - 1) / 2))
        comparisons[name] = {"difference": f(a.mean() - ref.mean()), "ci_lower": f(ci.low), "ci_upper": f(ci.high),
                             "df": f(res.df), "p_value": f(res.pvalue), "hedges_g": f(j * (a.mean() - ref.mean()) / pooled)}
    adjusted = multipletests([comparisons[n]["p_value"] for n in names[1:]], method="holm")[1]
    for name, p in zip(names[1:], adjusted):
        comparisons[name]["p_adjusted"] = f(p)
    return {"cohorts": per, "comparisons": comparisons}

result = {
    "generator": "Scripts/reference/compare_reference.py",
    "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": numpy.__version__},
    "reference": REFERENCE,
    "rows": len(rows),
    "rows_without_cohort": sum(1 for r in rows if r["cohort"] == ""),
    "cohort_rows": {name: sum(1 for r in rows if r["cohort"] == name) for name in names},
    "indicators": {"lonely": indicator("lonely"), "isolated": indicator("isolated")},
    "scores": {"ucla": score("ucla"), "wellbeing": score("wellbeing")},
}
with open(f"{FIXTURES}/compare-reference.json", "w") as out:
    json.dump(result, out, indent=2)
    out.write("\n")
print("wrote", f"{FIXTURES}/compare-data.csv", "and compare-reference.json")
