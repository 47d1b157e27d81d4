#!/usr/bin/env python3
"""Generate reference values for the SurveyStatistics tests with scipy, statsmodels and numpy.

Writes JSON fixtures into Tests/SurveyStatisticsTests/Fixtures/. Every file records the library
versions that produced it. Run from the repository root:

    python3 Scripts/reference/statistics_reference.py
"""

import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import scipy
import statsmodels
from scipy import special, stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.meta_analysis import effectsize_smd
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

FIXTURES = Path(__file__).resolve().parents[2] / "Tests" / "SurveyStatisticsTests" / "Fixtures"

GENERATOR = {
    "script": "Scripts/reference/statistics_reference.py",
    "python": platform.python_version(),
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "statsmodels": statsmodels.__version__,
}


def f(x):
    """A plain float (JSON has no NaN or infinity, so refuse them)."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"non-finite reference value {x}")
    return x


def write(name, content):
    content = {"generator": GENERATOR, **content}
    path = FIXTURES / name
    path.write_text(json.dumps(content, indent=1) + "\n")
    print(f"wrote {path}")


TAIL_PROBABILITIES = [1e-300, 1e-100, 1e-20, 1e-10, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.1,
                      0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6,
                      1 - 1e-10]
DEGREES = [1, 2, 3, 4.5, 10, 30, 100, 1000]


def distributions():
    normal = [{"x": f(x), "cdf": f(stats.norm.cdf(x)), "sf": f(stats.norm.sf(x)),
               "pdf": f(stats.norm.pdf(x))}
              for x in [-37.5, -30, -20, -10, -8, -6, -5, -3, -1.96, -1, -0.5, -1e-8, 0, 1e-8,
                        0.3, 1, 1.644853626951472, 2.5, 4, 7, 9, 12, 20, 30, 37.5]]
    normal_quantile = [{"p": f(p), "quantile": f(stats.norm.ppf(p)),
                        "upperQuantile": f(stats.norm.isf(p))}
                       for p in TAIL_PROBABILITIES + [1e-320, 0.02425, 0.02, 0.03, 0.3, 0.49999]]
    t = []
    t_quantile = []
    for df in DEGREES:
        for x in [-1e6, -300, -50, -10, -4, -2.5, -1, -0.1, 0, 0.2, 1, 1.96, 3, 6, 25, 1e4]:
            t.append({"df": df, "x": f(x), "cdf": f(stats.t.cdf(x, df)),
                      "sf": f(stats.t.sf(x, df)), "pdf": f(stats.t.pdf(x, df))})
        for p in TAIL_PROBABILITIES[1:]:
            t_quantile.append({"df": df, "p": f(p), "quantile": f(stats.t.ppf(p, df)),
                               "upperQuantile": f(stats.t.isf(p, df))})
    chi_square = []
    for df in [1, 2, 3, 5, 10, 30, 100, 1000]:
        for x in [1e-8, 0.01, 0.5, 1, 2, 3.84, 7.5, 15, 40, 100, 500, 900, 1000, 1100, 2000]:
            chi_square.append({"df": df, "x": f(x), "cdf": f(stats.chi2.cdf(x, df)),
                               "sf": f(stats.chi2.sf(x, df))})
    f_rows = []
    for df1, df2 in [(1, 1), (1, 10), (2, 5), (3, 30), (5, 2), (10, 1000), (30, 30),
                     (100, 3), (4.5, 17.25)]:
        for x in [1e-6, 0.05, 0.5, 1, 1.5, 3, 8, 30, 1000]:
            f_rows.append({"df1": df1, "df2": df2, "x": f(x),
                           "cdf": f(stats.f.cdf(x, df1, df2)), "sf": f(stats.f.sf(x, df1, df2))})
    binomial = []
    for n, p in [(1, 0.5), (10, 0.5), (24, 0.5), (25, 0.5), (40, 0.1), (100, 0.37),
                 (1000, 0.5), (7, 0.999)]:
        for k in sorted({0, 1, n // 4, n // 2, n - 1, n}):
            binomial.append({"n": n, "p": p, "k": k, "pmf": f(stats.binom.pmf(k, n, p)),
                             "cdf": f(stats.binom.cdf(k, n, p)),
                             "sf": f(stats.binom.sf(k, n, p))})
    write("distributions.json", {
        "normal": normal, "normalQuantile": normal_quantile, "t": t, "tQuantile": t_quantile,
        "chiSquare": chi_square, "f": f_rows, "binomial": binomial})


def proportions():
    wilson = []
    for k, n in [(0, 1), (1, 1), (0, 6), (3, 8), (6, 6), (1, 10), (37, 100), (0, 100),
                 (100, 100), (999, 1000), (5000, 12000), (1, 100000)]:
        for level in [0.9, 0.95, 0.99]:
            low, upp = proportion_confint(k, n, alpha=1 - level, method="wilson")
            wilson.append({"successes": k, "trials": n, "level": level,
                           "lower": f(low), "upper": f(upp)})
    newcombe = []
    two_sample = []
    for k1, n1, k2, n2 in [(56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29),
                           (0, 10, 0, 20), (10, 10, 0, 20), (120, 400, 150, 410),
                           (1, 3, 2, 4)]:
        for level in [0.95, 0.9]:
            low, upp = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb",
                                                  compare="diff", alpha=1 - level)
            newcombe.append({"firstSuccesses": k1, "firstTrials": n1, "secondSuccesses": k2,
                             "secondTrials": n2, "level": level, "lower": f(low),
                             "upper": f(upp)})
        if 0 < k1 + k2 < n1 + n2:
            z, p = proportions_ztest([k1, k2], [n1, n2])
            table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
            chi2, p_chi2, dof, _ = stats.chi2_contingency(table, correction=False)
            assert abs(p - p_chi2) <= 1e-12 * max(p, 1e-300) + 1e-15
            two_sample.append({"firstSuccesses": k1, "firstTrials": n1, "secondSuccesses": k2,
                               "secondTrials": n2, "z": f(z), "chiSquare": f(chi2),
                               "pValue": f(p)})
    mcnemar_rows = []
    for b, c in [(0, 0), (0, 1), (1, 5), (3, 9), (10, 14), (12, 12), (5, 19), (20, 30),
                 (60, 25), (200, 150), (0, 30)]:
        table = [[50, b], [c, 40]]
        exact = mcnemar(table, exact=True)
        row = {"firstOnly": b, "secondOnly": c, "exactStatistic": f(exact.statistic),
               "exactPValue": f(exact.pvalue)}
        if b + c > 0:
            approx = mcnemar(table, exact=False, correction=True)
            row["chiSquareStatistic"] = f(approx.statistic)
            row["chiSquarePValue"] = f(approx.pvalue)
        mcnemar_rows.append(row)
    write("proportions.json", {"wilson": wilson, "newcombe": newcombe,
                               "twoProportion": two_sample, "mcnemar": mcnemar_rows})


def rounded(values):
    return [round(float(v), 4) for v in values]


def means():
    rng = np.random.default_rng(20240611)
    samples = []
    datasets = [
        [3.0, 7.0],
        [1, 2, 3, 4],
        [12, 15, 9, 20, 14],
        [4, 4, 4, 5, 5, 6, 7, 7, 7, 7, 8],
        rounded(rng.normal(50, 10, 37)),
        rounded(rng.exponential(3, 250)),
        [float(v) for v in rng.integers(7, 36, 1200)],  # WEMWBS-like totals
    ]
    for values in datasets:
        arr = np.array(values, dtype=float)
        probs = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]
        row = {"values": [f(v) for v in arr], "mean": f(arr.mean()),
               "standardDeviation": f(arr.std(ddof=1)), "median": f(np.median(arr)),
               "lowerQuartile": f(np.percentile(arr, 25)),
               "upperQuartile": f(np.percentile(arr, 75)),
               "probabilities": probs,
               "quantiles": [f(np.quantile(arr, q, method="linear")) for q in probs],
               "intervals": []}
        for level in [0.9, 0.95, 0.99]:
            low, upp = stats.t.interval(level, len(arr) - 1, loc=arr.mean(),
                                        scale=stats.sem(arr))
            row["intervals"].append({"level": level, "lower": f(low), "upper": f(upp)})
        samples.append(row)

    pairs = [
        ([1.0, 2.0, 3.0], [2.0, 4.0, 9.0, 12.0]),
        (rounded(rng.normal(20, 2, 12)), rounded(rng.normal(24, 9, 30))),
        (rounded(rng.normal(45, 8, 200)), rounded(rng.normal(44, 12, 150))),
        (rounded(rng.normal(10, 1, 5)), rounded(rng.normal(30, 20, 6))),
    ]
    welch = []
    smd = []
    for a, b in pairs:
        for level in [0.95, 0.9]:
            res = stats.ttest_ind(a, b, equal_var=False)
            ci = res.confidence_interval(confidence_level=level)
            welch.append({"first": a, "second": b, "level": level, "t": f(res.statistic),
                          "df": f(res.df), "pValue": f(res.pvalue), "lower": f(ci.low),
                          "upper": f(ci.high)})
        a_arr, b_arr = np.array(a), np.array(b)
        n1, n2 = len(a), len(b)
        smd_bc, _ = effectsize_smd(a_arr.mean(), a_arr.std(ddof=1), n1, b_arr.mean(),
                                   b_arr.std(ddof=1), n2)
        pooled = math.sqrt(((n1 - 1) * a_arr.var(ddof=1) + (n2 - 1) * b_arr.var(ddof=1))
                           / (n1 + n2 - 2))
        d = (a_arr.mean() - b_arr.mean()) / pooled
        nu = n1 + n2 - 2
        j = math.exp(special.gammaln(nu / 2) - 0.5 * math.log(nu / 2)
                     - special.gammaln((nu - 1) / 2))
        smd.append({"first": a, "second": b, "cohensD": f(d), "correctionFactor": f(j),
                    "hedgesG": f(j * d), "approximateHedgesG": f(smd_bc)})

    paired = []
    for n, shift, spread in [(2, 1, 1), (8, 0.5, 1), (40, -2, 5), (300, 0.3, 4)]:
        baseline = rounded(rng.normal(22, 5, n))
        follow = rounded(np.array(baseline) + rng.normal(shift, spread, n))
        for level in [0.95, 0.99]:
            res = stats.ttest_rel(follow, baseline)
            ci = res.confidence_interval(confidence_level=level)
            diff = np.array(follow) - np.array(baseline)
            paired.append({"baseline": baseline, "followUp": follow, "level": level,
                           "t": f(res.statistic), "df": f(res.df), "pValue": f(res.pvalue),
                           "lower": f(ci.low), "upper": f(ci.high),
                           "meanChange": f(diff.mean()),
                           "standardizedChange": f(diff.mean() / diff.std(ddof=1))})

    wilcoxon = []
    cases = [
        ("no ties, n=6", [1.5, -0.5, 2.25, 3.0, 4.0, 5.5]),
        ("no ties, n=10", rounded(rng.normal(0.8, 1, 10))),
        ("no ties, n=25", rounded(rng.normal(0.3, 1, 25))),
        ("no ties, n=50", rounded(rng.normal(0.2, 1, 50))),
        ("no ties, n=51", rounded(rng.normal(0.2, 1, 51))),
        ("no ties, all positive n=8", [1, 2, 3, 4, 5, 6, 7, 8.5]),
        ("ties, n=9", [1, 1, 2, -2, 3, 3, 3, -1, 4]),
        ("zeros, n=12", [0, 0, 1, 2, -3, 4, 5, 6, -7, 8, 9, 10]),
        ("ties and zeros, n=13", [0, 2, 2, -2, 3, 5, 5, 1, -1, 4, 6, 6, 7]),
        ("ties, n=14", [1, 1, 2, -2, 3, 3, 3, -1, 4, 5, 6, 6, -7, 8]),
        ("zeros, n=20", [0, 0, 0, 1.5, -2, 3.5, 3, -3.25, 4, 5, 6, -7, 8, 9, 10, 11, 0.5,
                         2.5, 12, 13]),
        ("integer changes, n=120", [float(v) for v in rng.integers(-4, 7, 120)]),
        ("integer changes, n=400", [float(v) for v in rng.integers(-6, 6, 400)]),
    ]
    for label, changes in cases:
        res = stats.wilcoxon(changes)
        nz = [v for v in changes if v != 0]
        has_ties = len(set(abs(v) for v in nz)) < len(nz)
        zeros = len(changes) - len(nz)
        if not has_ties and zeros == 0 and len(changes) <= 50:
            method = "exact"
        elif len(changes) <= 13:
            method = "permutation"
        else:
            method = "normal"
        row = {"label": label, "changes": [f(v) for v in changes], "statistic": f(res.statistic),
               "pValue": f(res.pvalue), "method": method}
        asymptotic = stats.wilcoxon(changes, method="asymptotic")
        row["asymptoticPValue"] = f(asymptotic.pvalue)
        row["asymptoticZ"] = f(asymptotic.zstatistic)
        wilcoxon.append(row)
    write("means.json", {"samples": samples, "welch": welch, "standardizedMeanDifference": smd,
                         "paired": paired, "wilcoxon": wilcoxon})


def tables():
    contingency = []
    for table in [
        [[12, 5], [7, 9]],
        [[56, 14], [48, 32]],
        [[3, 1], [1, 3]],
        [[20, 15, 30, 12], [8, 22, 17, 9], [14, 9, 11, 25]],
        [[1, 0, 4, 2], [3, 2, 0, 1], [6, 1, 1, 2]],
        [[120, 80], [95, 105], [60, 140]],
        [[5, 7, 9], [40, 52, 31]],
    ]:
        for correction in [False, True]:
            chi2, p, dof, expected = stats.chi2_contingency(np.array(table),
                                                            correction=correction)
            contingency.append({"observed": table, "yatesCorrection": correction,
                                "chiSquare": f(chi2), "pValue": f(p), "degreesOfFreedom": int(dof),
                                "expected": [[f(v) for v in row] for row in expected]})
    holm = []
    for pvals in [[0.01, 0.04, 0.03, 0.005], [0.2, 0.2, 0.01], [0.5], [1e-8, 0.049, 0.051, 0.9, 0.3,
                  0.0001, 0.02], [0.04, 0.04, 0.04]]:
        _, adjusted, _, _ = multipletests(pvals, method="holm")
        holm.append({"pValues": pvals, "adjusted": [f(v) for v in adjusted]})
    write("tables.json", {"contingency": contingency, "holm": holm})


if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    distributions()
    proportions()
    means()
    tables()
    sys.exit(0)
