#!/usr/bin/env python3
"""Reference values for change from baseline to follow-up (loneliness change).

Writes Tests/SurveyReportsTests/Fixtures/change-data.csv, a deterministic long file (one row per
respondent per wave) with an id, a wave (`baseline`, `follow-up`, and a few `3 months` rows that
belong to neither), three scores and one yes/no indicator (blank when absent). It includes
respondents seen at one wave only, a row with no id, an id entered twice at baseline with identical
values (used once), an id entered twice at follow-up with different values (left out of pairing),
and pairs missing a score at either wave.

change-reference.json holds the pairing (paired count and the ids seen at one wave only), and for
each score among the pairs with the score at both waves: baseline and follow-up means and SDs,
the paired t-test (scipy ttest_rel(follow_up, baseline), its confidence_interval() and d_z =
mean change / SD of changes), the Wilcoxon signed-rank p-value (scipy wilcoxon(changes), scipy's
defaults), the counts improved / unchanged / worse by the threshold (or up / same / down without
one) with 95% Wilson intervals (statsmodels proportion_confint, method "wilson"), and the
transition table between bands. For the indicator: the paired 2x2 table and McNemar's test
(statsmodels mcnemar, exact when b + c < 25, otherwise chi-square with continuity correction).

Run from the repository root: python3 Scripts/reference/change_reference.py
"""
import csv, json, os, random
import numpy, scipy, statsmodels
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

FIXTURES = "Tests/SurveyReportsTests/Fixtures"
rng = random.Random(20261125)
COLUMNS = ["id", "wave", "ucla", "wellbeing", "satisfaction", "lonely"]
SCORES = {
    # column: (better, threshold, bands)
    "ucla": ("lower", 2.0, [("low", 3, 4), ("middle", 5, 6), ("high", 7, 9)]),
    "wellbeing": ("higher", 2.87, None),
    "satisfaction": ("higher", None, None),
}
TOLERANCE = 1e-9

def respondent(latent):
    ucla = min(9, max(3, round(6 + 1.3 * latent + rng.gauss(0, 1.1))))
    wellbeing = min(35.0, max(7.0, 21 - 3 * latent + rng.gauss(0, 3)))
    satisfaction = min(10, max(0, round(6 - 1.2 * latent + rng.gauss(0, 1.5))))
    lonely = 1 if latent + rng.gauss(0, 0.8) > 0.3 else 0
    return {"ucla": str(ucla), "wellbeing": f"{wellbeing:.2f}", "satisfaction": str(satisfaction), "lonely": str(lonely)}

rows = []
for i in range(1, 111):
    rid = f"P{i:03d}"
    latent = rng.gauss(0, 1)
    at_baseline = i <= 100
    at_follow_up = i > 10
    if at_baseline:
        rows.append({"id": rid, "wave": "baseline", **respondent(latent)})
    if at_follow_up:
        rows.append({"id": rid, "wave": "follow-up", **respondent(latent - 0.35)})
for row in rows:
    for column in ["ucla", "wellbeing", "satisfaction", "lonely"]:
        if rng.random() < 0.03:
            row[column] = ""
# An identical duplicate at baseline, a differing duplicate at follow-up, a row with no id, and rows
# from another wave.
rows.append(dict(next(r for r in rows if r["id"] == "P020" and r["wave"] == "baseline")))
changed = dict(next(r for r in rows if r["id"] == "P030" and r["wave"] == "follow-up"))
changed["ucla"] = str(3 if changed["ucla"] != "3" else 4)
rows.append(changed)
rows.append({"id": "", "wave": "baseline", **respondent(0)})
for rid in ["P040", "P041"]:
    rows.append({"id": rid, "wave": "3 months", **respondent(0)})
rng.shuffle(rows)
os.makedirs(FIXTURES, exist_ok=True)
with open(f"{FIXTURES}/change-data.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)

# Pairing: an id with several rows in a wave is used once if its rows agree on every measure,
# and left out of pairing otherwise.
by_wave = {"baseline": {}, "follow-up": {}}
for row in rows:
    if row["id"] and row["wave"] in by_wave:
        by_wave[row["wave"]].setdefault(row["id"], []).append(row)
excluded, usable, duplicates = set(), {"baseline": {}, "follow-up": {}}, []
for wave, ids in by_wave.items():
    for rid, group in ids.items():
        if len(group) > 1:
            identical = all({k: r[k] for k in COLUMNS[2:]} == {k: group[0][k] for k in COLUMNS[2:]} for r in group)
            duplicates.append({"id": rid, "wave": wave, "rows": len(group), "identical": identical})
            if not identical:
                excluded.add(rid)
                continue
        usable[wave][rid] = group[0]
paired_ids = sorted(rid for rid in usable["baseline"] if rid in usable["follow-up"] and rid not in excluded)
baseline_only = sorted(rid for rid in by_wave["baseline"] if rid not in by_wave["follow-up"] and rid not in excluded)
follow_up_only = sorted(rid for rid in by_wave["follow-up"] if rid not in by_wave["baseline"] and rid not in excluded)
pairs = [(usable["baseline"][rid], usable["follow-up"][rid]) for rid in paired_ids]

def wilson(k, n):
    low, upp = proportion_confint(k, n, alpha=0.05, method="wilson")
    return {"count": k, "percent": 100 * k / n, "ci_lower": 100 * float(low), "ci_upper": 100 * float(upp)}

def score(column):
    better, threshold, bands = SCORES[column]
    used = [(float(b[column]), float(f[column])) for b, f in pairs if b[column] != "" and f[column] != ""]
    missing = {
        "baseline": sum(1 for b, f in pairs if b[column] == "" and f[column] != ""),
        "follow_up": sum(1 for b, f in pairs if b[column] != "" and f[column] == ""),
        "both": sum(1 for b, f in pairs if b[column] == "" and f[column] == ""),
    }
    base = numpy.array([u[0] for u in used])
    follow = numpy.array([u[1] for u in used])
    changes = follow - base
    n = len(used)
    res = stats.ttest_rel(follow, base)
    ci = res.confidence_interval(confidence_level=0.95)
    wil = stats.wilcoxon(changes)
    out = {
        "n": n, "missing": missing,
        "baseline_mean": float(base.mean()), "baseline_sd": float(base.std(ddof=1)),
        "follow_up_mean": float(follow.mean()), "follow_up_sd": float(follow.std(ddof=1)),
        "mean_change": float(changes.mean()), "change_sd": float(changes.std(ddof=1)),
        "t": float(res.statistic), "df": float(res.df), "p_value": float(res.pvalue),
        "ci_lower": float(ci.low), "ci_upper": float(ci.high),
        "dz": float(changes.mean() / changes.std(ddof=1)),
        "wilcoxon_p_value": float(wil.pvalue),
    }
    if threshold is not None:
        sign = 1 if better == "higher" else -1
        improved = int(sum(1 for d in changes if sign * d >= threshold - TOLERANCE))
        worse = int(sum(1 for d in changes if -sign * d >= threshold - TOLERANCE))
        out["shares"] = {"improved": wilson(improved, n), "unchanged": wilson(n - improved - worse, n),
                         "worse": wilson(worse, n)}
    else:
        up = int(sum(1 for d in changes if d > 0))
        down = int(sum(1 for d in changes if d < 0))
        out["shares"] = {"up": wilson(up, n), "same": wilson(n - up - down, n), "down": wilson(down, n)}
    if bands:
        def band(v):
            return next((i for i, (_, lo, hi) in enumerate(bands) if lo <= v <= hi), None)
        table = [[0] * len(bands) for _ in bands]
        for b, f in used:
            table[band(b)][band(f)] += 1
        out["transitions"] = table
    return out

lonely_table = [[0, 0], [0, 0]]
lonely_missing = 0
for b, f in pairs:
    if b["lonely"] == "" or f["lonely"] == "":
        lonely_missing += 1
        continue
    lonely_table[0 if b["lonely"] == "1" else 1][0 if f["lonely"] == "1" else 1] += 1
discordant = lonely_table[0][1] + lonely_table[1][0]
test = mcnemar(lonely_table, exact=discordant < 25, correction=True)
n_lonely = sum(map(sum, lonely_table))

result = {
    "generator": "Scripts/reference/change_reference.py",
    "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": numpy.__version__},
    "rows": len(rows),
    "pairing": {"paired": len(pairs), "baseline_only": baseline_only, "follow_up_only": follow_up_only,
                "duplicates": sorted(duplicates, key=lambda d: (d["id"], d["wave"])),
                "baseline_ids": len(by_wave["baseline"]), "follow_up_ids": len(by_wave["follow-up"]),
                "rows_without_id": sum(1 for r in rows if not r["id"]),
                "rows_in_other_waves": sum(1 for r in rows if r["wave"] not in by_wave)},
    "scores": {column: score(column) for column in SCORES},
    "lonely": {"table": lonely_table, "missing": lonely_missing, "n": n_lonely,
               "baseline_percent": 100 * (lonely_table[0][0] + lonely_table[0][1]) / n_lonely,
               "follow_up_percent": 100 * (lonely_table[0][0] + lonely_table[1][0]) / n_lonely,
               "exact": discordant < 25, "statistic": float(test.statistic), "p_value": float(test.pvalue)},
}
with open(f"{FIXTURES}/change-reference.json", "w") as out:
    json.dump(result, out, indent=2)
    out.write("\n")
print("wrote", f"{FIXTURES}/change-data.csv", "and change-reference.json")
