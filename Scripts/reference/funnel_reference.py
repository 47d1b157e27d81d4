#!/usr/bin/env python3
"""Reference values for funnel plots of a proportion (SurveyStatistics.FunnelControlLimits and
FunnelPlot), computed independently with scipy.stats.binom and numpy.

Writes Tests/SurveyStatisticsTests/Fixtures/funnel.json, recording the library versions. Run from
the repository root:

    python3 Scripts/reference/funnel_reference.py

The method is Spiegelhalter (2005), "Funnel plots for comparing institutional performance",
Statistics in Medicine 24:1185-1202:

- exact limits: for tail probability p, r_p = binom.ppf(p, n, theta) (the smallest r with
  F(r) >= p), alpha = (F(r_p) - p) / (F(r_p) - F(r_p - 1)), limit = (r_p - alpha) / n, a limit
  below 0 (when r_p = 0, at small n) shown as 0. Upper limits are also computed from the survival
  function, and the script stops if the two disagree;
- z-scores (y/n - theta) / sqrt(theta (1 - theta) / n);
- overdispersion: z-scores Winsorised at their 10th and 90th percentiles (numpy's default linear
  percentiles, R's type 7), phi = mean of their squares; DerSimonian-Laird
  tau2 = (I phi - (I - 1)) / (sum w - sum w^2 / sum w), w = n / (theta (1 - theta)), or 0;
  multiplicative limits theta -/+ z sqrt(phi s2) when phi > 1, additive theta -/+ z sqrt(s2 + tau2)
  when tau2 > 0, with z = norm.ppf(0.975) and norm.ppf(0.999), kept within [0, 1];
- positions: -2 below the lower 99.8% limit, -1 below the lower 95% limit, 0 within, 1 above the
  upper 95% limit, 2 above the upper 99.8% limit (strictly outside).
"""

import json
import math
import platform
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

FIXTURES = Path(__file__).resolve().parents[2] / "Tests" / "SurveyStatisticsTests" / "Fixtures"

GENERATOR = {
    "script": "Scripts/reference/funnel_reference.py",
    "python": platform.python_version(),
    "numpy": np.__version__,
    "scipy": scipy.__version__,
}

TAILS = {"95": 0.025, "99.8": 0.001}


def f(x):
    """A plain float (JSON has no NaN or infinity, so refuse them)."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"non-finite reference value {x}")
    return x


def lower_limit(p, n, theta):
    r = stats.binom.ppf(p, n, theta)
    at = stats.binom.cdf(r, n, theta)
    below = stats.binom.cdf(r - 1, n, theta)
    alpha = (at - p) / (at - below)
    return max(0.0, (r - alpha) / n)


def upper_limit(q, n, theta):
    p = 1 - q
    r = stats.binom.ppf(p, n, theta)
    at = stats.binom.cdf(r, n, theta)
    below = stats.binom.cdf(r - 1, n, theta)
    from_cdf = (r - (at - p) / (at - below)) / n
    # The same limit from the survival function, which keeps its precision near 1.
    above = stats.binom.sf(r, n, theta)
    from_r = stats.binom.sf(r - 1, n, theta)
    from_sf = (r - (q - above) / (from_r - above)) / n
    if abs(from_sf - from_cdf) > 1e-9 * abs(from_sf):
        raise ValueError(f"upper limit disagrees: n={n} theta={theta} {from_cdf} {from_sf}")
    return max(0.0, from_sf)


def exact_limits(n, theta):
    return {
        level: [f(lower_limit(tail, n, theta)), f(upper_limit(tail, n, theta))]
        for level, tail in TAILS.items()
    }


def normal_limits(theta, variance):
    se = math.sqrt(variance)
    result = {}
    for level, tail in TAILS.items():
        z = stats.norm.ppf(1 - tail)
        result[level] = [f(max(0.0, theta - z * se)), f(min(1.0, theta + z * se))]
    return result


def position(proportion, limits):
    if proportion > limits["99.8"][1]:
        return 2
    if proportion < limits["99.8"][0]:
        return -2
    if proportion > limits["95"][1]:
        return 1
    if proportion < limits["95"][0]:
        return -1
    return 0


def funnel_case(label, counts, denominators, target=None):
    counts = np.asarray(counts, dtype=float)
    denominators = np.asarray(denominators, dtype=float)
    theta = counts.sum() / denominators.sum() if target is None else target
    variance = theta * (1 - theta)
    proportions = counts / denominators
    z = (proportions - theta) / np.sqrt(variance / denominators)
    low, high = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    areas = len(counts)
    weights = denominators / variance
    tau2 = 0.0
    if areas * phi > areas - 1:
        tau2 = (areas * phi - (areas - 1)) / (weights.sum() - (weights ** 2).sum() / weights.sum())
    adjustments = {}
    for adjustment in ["none", "multiplicative", "additive"]:
        adjusted = (adjustment == "multiplicative" and phi > 1) or (
            adjustment == "additive" and tau2 > 0)
        rows = []
        for y, n, proportion, zi in zip(counts, denominators, proportions, z):
            s2 = variance / n
            if not adjusted:
                limits = exact_limits(int(n), theta)
                adjusted_z = zi
            elif adjustment == "multiplicative":
                limits = normal_limits(theta, phi * s2)
                adjusted_z = zi / math.sqrt(phi)
            else:
                limits = normal_limits(theta, s2 + tau2)
                adjusted_z = (proportion - theta) / math.sqrt(s2 + tau2)
            rows.append({
                "proportion": f(proportion),
                "zScore": f(zi),
                "adjustedZScore": f(adjusted_z),
                "limits95": limits["95"],
                "limits998": limits["99.8"],
                "position": position(proportion, limits),
            })
        adjustments[adjustment] = {"adjusted": bool(adjusted), "areas": rows}
    return {
        "label": label,
        "counts": [int(c) for c in counts],
        "denominators": [int(n) for n in denominators],
        "target": target,
        "expected": {
            "target": f(theta),
            "dispersionRatio": f(phi),
            "betweenAreaVariance": f(tau2),
            **adjustments,
        },
    }


def main():
    rng = np.random.default_rng(20240802)
    grid = []
    for theta in [0.02, 0.1, 0.37, 0.5, 0.93]:
        for n in [1, 2, 3, 5, 10, 37, 100, 250, 1000, 5000, 20000, 100000, 1000000]:
            limits = exact_limits(n, theta)
            grid.append({
                "target": theta, "denominator": n,
                "limits95": limits["95"], "limits998": limits["99.8"],
            })

    cases = []
    denominators = rng.integers(40, 600, size=12)
    rates = np.full(12, 0.37)
    rates[3], rates[8] = 0.55, 0.2
    cases.append(funnel_case(
        "12 areas around 37%, one high and one low, overall target",
        rng.binomial(denominators, rates), denominators))

    denominators = rng.integers(25, 900, size=30)
    rates = rng.beta(27, 73, size=30)
    cases.append(funnel_case(
        "30 overdispersed areas, national target 25%",
        rng.binomial(denominators, rates), denominators, target=0.25))

    denominators = np.array([120, 80, 300, 45, 210, 150, 95, 400])
    counts = np.round(denominators * 0.3 + np.array([1, -1, 2, 0, -2, 1, 0, -1]))
    cases.append(funnel_case(
        "8 areas closer to 30% than chance allows", counts, denominators, target=0.3))

    cases.append(funnel_case(
        "small denominators with counts of 0 and n, overall target",
        [0, 2, 0, 9, 3, 1], [1, 2, 5, 9, 20, 3]))

    content = {"generator": GENERATOR, "limits": grid, "cases": cases}
    path = FIXTURES / "funnel.json"
    path.write_text(json.dumps(content, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
