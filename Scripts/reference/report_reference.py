#!/usr/bin/env python3
"""Reference values for survey reports (unweighted part).

Writes Tests/SurveyReportsTests/Fixtures/report-survey.csv, a deterministic survey of the ONS direct
loneliness question (codes 1-5, blank when not answered) with an area and a weight per respondent,
and report-unweighted.json: for the whole sample and each area, the count of each code, the base,
the percentage and the 95% Wilson score interval (statsmodels proportion_confint, method "wilson"),
and Pearson's chi-square test of area by answer (scipy chi2_contingency, no continuity correction).
Weighted references come from report_reference.R, which reads the same CSV.

Run from the repository root: python3 Scripts/reference/report_reference.py
"""
import csv, json, os, random
import numpy, scipy, statsmodels
from scipy.stats import chi2_contingency
from statsmodels.stats.proportion import proportion_confint

FIXTURES = "Tests/SurveyReportsTests/Fixtures"
rng = random.Random(20261123)
areas = ["Eastfield", "Millbrook", "Stonebridge"]
shift = {"Eastfield": 0.0, "Millbrook": 0.4, "Stonebridge": -0.3}
rows = []
for i in range(1, 401):
    area = areas[rng.randrange(3)]
    latent = rng.gauss(3.2 + shift[area], 1.1)
    code = min(5, max(1, round(latent)))
    answer = "" if rng.random() < 0.04 else str(code)
    weight = round(rng.uniform(0.4, 2.6), 3)
    rows.append({"id": f"R{i:04d}", "area": area, "weight": weight, "lonely": answer})
os.makedirs(FIXTURES, exist_ok=True)
with open(f"{FIXTURES}/report-survey.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["id", "area", "weight", "lonely"], lineterminator="\n")
    w.writeheader()
    w.writerows(rows)

def group_estimates(subset):
    answered = [r for r in subset if r["lonely"] != ""]
    base = len(answered)
    out = {"base": base, "codes": {}}
    for code in range(1, 6):
        k = sum(1 for r in answered if r["lonely"] == str(code))
        low, high = proportion_confint(k, base, alpha=0.05, method="wilson")
        out["codes"][str(code)] = {"count": k, "percent": 100 * k / base, "ci_lower": 100 * low, "ci_upper": 100 * high}
    return out

result = {
    "generator": "Scripts/reference/report_reference.py",
    "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": numpy.__version__},
    "whole": group_estimates(rows),
    "areas": {a: group_estimates([r for r in rows if r["area"] == a]) for a in areas},
}
table = [[sum(1 for r in rows if r["area"] == a and r["lonely"] == str(c)) for c in range(1, 6)] for a in areas]
chi2, p, dof, _ = chi2_contingency(numpy.array(table), correction=False)
result["chi_square"] = {"statistic": chi2, "df": int(dof), "p_value": p}
with open(f"{FIXTURES}/report-unweighted.json", "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print("wrote", f"{FIXTURES}/report-survey.csv", "and report-unweighted.json")
