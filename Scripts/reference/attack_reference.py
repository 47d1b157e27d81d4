#!/usr/bin/env python3
"""Reference values for the DisclosureAttack tests, from scipy's HiGHS solvers and Python's integers.

Writes Tests/DisclosureAttackTests/Fixtures/attack-reference.json with:

- "integers": big-integer arithmetic (sum, difference, product, truncating quotient and
  remainder, gcd) computed with Python's arbitrary-precision int;
- "rationals": exact fraction arithmetic, floor and ceiling, and decimal parsing with
  fractions.Fraction;
- "problems": a few hundred small linear systems (random, boxed, infeasible, unbounded,
  degenerate, free variables, mixed integer, contingency tables with published margins and hidden
  cells, rounded counts, percentages of hidden bases), each with the minimum and maximum of every
  variable and of one random objective, over the reals (scipy.optimize.linprog, method="highs")
  and over the integers (scipy.optimize.milp).

Coefficients are written as exact fractions ("47/200"); scipy receives them as floats. An integer
program's status is decided as follows: milp with a zero objective tells whether an integer point
exists; if one does and the relaxation is unbounded, the integer program is unbounded (for rational
data, Meyer 1974); otherwise milp's optimum. Run from the repository root:

    python3 Scripts/reference/attack_reference.py
"""

import json
import math
import platform
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

FIXTURE = (
    Path(__file__).resolve().parents[2]
    / "Tests"
    / "DisclosureAttackTests"
    / "Fixtures"
    / "attack-reference.json"
)

GENERATOR = {
    "script": "Scripts/reference/attack_reference.py",
    "python": platform.python_version(),
    "numpy": np.__version__,
    "scipy": scipy.__version__,
}


def text(value):
    """An exact fraction as text: "3" or "-47/200"."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


# ---------------------------------------------------------------------------------------------
# Arithmetic


def truncating_divmod(a, b):
    quotient = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        quotient = -quotient
    return quotient, a - quotient * b


def integer_cases(rng):
    cases = []
    for _ in range(150):
        a = rng.choice([-1, 1]) * rng.getrandbits(rng.choice([8, 40, 64, 65, 100, 200, 300]))
        b = rng.choice([-1, 1]) * rng.getrandbits(rng.choice([8, 33, 64, 96, 128, 190]))
        if rng.random() < 0.2:
            b = rng.choice([-1, 1]) * ((1 << rng.choice([32, 64, 96])) - rng.choice([0, 1]))
        if b == 0:
            b = 7
        quotient, remainder = truncating_divmod(a, b)
        cases.append({
            "a": str(a), "b": str(b), "sum": str(a + b), "difference": str(a - b),
            "product": str(a * b), "quotient": str(quotient), "remainder": str(remainder),
            "gcd": str(math.gcd(a, b)),
        })
    return cases


def rational_cases(rng):
    cases = []
    for _ in range(150):
        def fraction():
            bits = rng.choice([4, 20, 62, 63, 64, 80, 130])
            numerator = rng.choice([-1, 1]) * rng.getrandbits(bits)
            denominator = rng.getrandbits(rng.choice([2, 10, 62, 63, 64, 100])) + 1
            return Fraction(numerator, denominator)

        a, b = fraction(), fraction()
        case = {
            "a": text(a), "b": text(b), "sum": text(a + b), "difference": text(a - b),
            "product": text(a * b), "floor_a": text(math.floor(a)), "ceiling_a": text(math.ceil(a)),
            "less": a < b,
        }
        if b != 0:
            case["quotient"] = text(a / b)
        cases.append(case)
    return cases


DECIMALS = ["0", "-0", "12", "-12", "0.235", "23.5", "-1.5e-3", "1e5", "2.5E+2", "100.",
            ".5", "+7", "3/4", "-6/8", "12345678901234567890.0987654321", "1e-300",
            "0.1", "99.95", "47/200"]


def decimal_cases():
    return [{"text": t, "value": text(Fraction(t))} for t in DECIMALS]


# ---------------------------------------------------------------------------------------------
# Problems


def random_coefficient(rng, fractional):
    if fractional and rng.random() < 0.35:
        denominator = rng.choice([2, 3, 4, 5, 10, 200])
        numerator = rng.randint(-8, 8) or 1
        return Fraction(numerator, denominator)
    return Fraction(rng.choice([-3, -2, -1, -1, 1, 1, 1, 2, 3, 4]))


def random_problem(rng, kind):
    n = rng.randint(2, 6)
    m = rng.randint(1, 6)
    fractional = kind in ("random", "mixed", "free")
    variables = []
    for _ in range(n):
        lower = Fraction(0)
        upper = None
        if kind == "boxed" or rng.random() < 0.5:
            upper = Fraction(rng.randint(1, 12))
        if kind == "free" and rng.random() < 0.5:
            lower = None if rng.random() < 0.6 else Fraction(rng.randint(-6, 0))
            if upper is None and rng.random() < 0.5:
                upper = Fraction(rng.randint(-2, 8))
                if lower is not None and upper < lower:
                    upper = lower + 3
        integer = True if kind != "mixed" else rng.random() < 0.6
        variables.append({"lower": lower, "upper": upper, "integer": integer})
    constraints = []
    for _ in range(m):
        size = rng.randint(1, n)
        chosen = sorted(rng.sample(range(n), size))
        terms = [(j, random_coefficient(rng, fractional)) for j in chosen]
        relation = rng.choice(["<=", "<=", ">=", "=="])
        rhs = Fraction(rng.randint(-4, 20))
        if kind in ("boxed", "unbounded") and relation == "==" and rng.random() < 0.5:
            relation = "<="
        constraints.append({"terms": terms, "relation": relation, "rhs": rhs})
    if kind == "unbounded":
        for variable in variables:
            if rng.random() < 0.6:
                variable["upper"] = None
    return variables, constraints


def infeasible_problem(rng):
    """Contradictory constraints, or a system that is feasible over the reals only."""
    n = rng.randint(2, 4)
    variables = [{"lower": Fraction(0), "upper": Fraction(rng.randint(3, 9)), "integer": True}
                 for _ in range(n)]
    chosen = sorted(rng.sample(range(n), rng.randint(1, n)))
    if rng.random() < 0.5:
        total = rng.randint(2, 8)
        constraints = [
            {"terms": [(j, Fraction(1)) for j in chosen], "relation": "<=", "rhs": Fraction(total)},
            {"terms": [(j, Fraction(1)) for j in chosen], "relation": ">=",
             "rhs": Fraction(total + rng.randint(1, 3))},
        ]
    else:
        # 2 * (sum) == odd: feasible over the reals, not over the integers.
        constraints = [{"terms": [(j, Fraction(2)) for j in chosen], "relation": "==",
                        "rhs": Fraction(2 * rng.randint(0, 3) + 1)}]
    other = [j for j in range(n) if j not in chosen]
    if other:
        constraints.append({"terms": [(other[0], Fraction(1)), (chosen[0], Fraction(1))],
                            "relation": "<=", "rhs": Fraction(9)})
    return variables, constraints


def degenerate_problem(rng):
    """Many constraints tight at one integer point."""
    n = rng.randint(2, 5)
    point = [rng.randint(0, 4) for _ in range(n)]
    variables = [{"lower": Fraction(0), "upper": None, "integer": True} for _ in range(n)]
    constraints = []
    for _ in range(rng.randint(n, 2 * n + 2)):
        coefficients = [rng.choice([-1, 0, 1, 1, 2]) for _ in range(n)]
        if not any(coefficients):
            coefficients[0] = 1
        rhs = sum(c * p for c, p in zip(coefficients, point))
        terms = [(j, Fraction(c)) for j, c in enumerate(coefficients) if c]
        relation = rng.choice(["<=", "<=", ">="])
        constraints.append({"terms": terms, "relation": relation, "rhs": Fraction(rhs)})
    # Keep the region bounded from above by a sum constraint.
    constraints.append({"terms": [(j, Fraction(1)) for j in range(n)], "relation": "<=",
                        "rhs": Fraction(sum(point) + rng.randint(0, 3))})
    return variables, constraints


def contingency_problem(rng, variant):
    """A table of counts with its margins published and some cells hidden.

    Published cells are constants; hidden ones are variables. Every row total, column total and
    the grand total is an equation. Variants add rounded counts (to 5) or a percentage whose base
    is hidden.
    """
    rows, columns = rng.randint(2, 4), rng.randint(2, 5)
    table = [[rng.choice([0, 1, 2, 3, 4, 5, 8, 12, 15, 20]) for _ in range(columns)]
             for _ in range(rows)]
    cells = [(r, c) for r in range(rows) for c in range(columns)]
    hidden = set(rng.sample(cells, rng.randint(2, min(8, len(cells)))))
    index = {cell: i for i, cell in enumerate(sorted(hidden))}
    variables = [{"lower": Fraction(0), "upper": None, "integer": True} for _ in index]
    constraints = []

    def equation(cells_in_line, total):
        terms = [(index[cell], Fraction(1)) for cell in cells_in_line if cell in index]
        known = sum(table[r][c] for (r, c) in cells_in_line if (r, c) not in index)
        if terms:
            constraints.append({"terms": terms, "relation": "==", "rhs": Fraction(total - known)})

    for r in range(rows):
        if variant == "one-margin" and r == 0:
            continue
        equation([(r, c) for c in range(columns)], sum(table[r]))
    for c in range(columns):
        equation([(r, c) for r in range(rows)], sum(table[r][c] for r in range(rows)))
    if variant == "rounded":
        # One hidden cell also published rounded to 5 elsewhere: count in [R - 2, R + 2].
        cell = rng.choice(sorted(hidden))
        rounded = 5 * round(table[cell[0]][cell[1]] / 5)
        constraints.append({"terms": [(index[cell], Fraction(1))], "relation": ">=",
                            "rhs": Fraction(rounded) - Fraction(5, 2)})
        constraints.append({"terms": [(index[cell], Fraction(1))], "relation": "<=",
                            "rhs": Fraction(rounded) + Fraction(5, 2)})
    if variant == "percentage":
        # A percentage (whole number) of a hidden cell within its hidden row total as base: a new
        # variable for the base, equal to the row's sum.
        cell = rng.choice(sorted(hidden))
        r = cell[0]
        base = sum(table[r])
        if base > 0:
            base_index = len(variables)
            variables.append({"lower": Fraction(0), "upper": None, "integer": True})
            row_terms = [(index[(r, c)], Fraction(1)) for c in range(columns) if (r, c) in index]
            known = sum(table[r][c] for c in range(columns) if (r, c) not in index)
            constraints.append({"terms": row_terms + [(base_index, Fraction(-1))],
                                "relation": "==", "rhs": Fraction(-known)})
            percent = round(Fraction(100 * table[r][cell[1]], base))
            x = index[cell]
            constraints.append({"terms": [(x, Fraction(100)), (base_index, -(percent - Fraction(1, 2)))],
                                "relation": ">=", "rhs": Fraction(0)})
            constraints.append({"terms": [(x, Fraction(100)), (base_index, -(percent + Fraction(1, 2)))],
                                "relation": "<=", "rhs": Fraction(0)})
    return variables, constraints


def dense(variables, constraints):
    n = len(variables)
    matrix = np.zeros((len(constraints), n))
    lower = np.full(len(constraints), -np.inf)
    upper = np.full(len(constraints), np.inf)
    for i, constraint in enumerate(constraints):
        for j, coefficient in constraint["terms"]:
            matrix[i, j] += float(coefficient)
        rhs = float(constraint["rhs"])
        if constraint["relation"] in ("<=", "=="):
            upper[i] = rhs
        if constraint["relation"] in (">=", "=="):
            lower[i] = rhs
    return matrix, lower, upper


def solve(variables, constraints, objective, integer):
    """Minimum of objective (a dense vector): {"status": ..., "value": ...}."""
    matrix, row_lower, row_upper = dense(variables, constraints)
    lower = [(-np.inf if v["lower"] is None else float(v["lower"])) for v in variables]
    upper = [(np.inf if v["upper"] is None else float(v["upper"])) for v in variables]
    if not integer:
        a_ub, b_ub, a_eq, b_eq = [], [], [], []
        for i in range(len(constraints)):
            if row_lower[i] == row_upper[i]:
                a_eq.append(matrix[i]); b_eq.append(row_upper[i])
                continue
            if np.isfinite(row_upper[i]):
                a_ub.append(matrix[i]); b_ub.append(row_upper[i])
            if np.isfinite(row_lower[i]):
                a_ub.append(-matrix[i]); b_ub.append(-row_lower[i])
        result = linprog(
            objective, A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None,
            A_eq=np.array(a_eq) if a_eq else None, b_eq=b_eq or None,
            bounds=list(zip([None if not np.isfinite(x) else x for x in lower],
                            [None if not np.isfinite(x) else x for x in upper])),
            method="highs",
        )
        return status_of(result)
    integrality = np.array([1 if v["integer"] else 0 for v in variables])
    bounds = Bounds(lower, upper)
    linear = [LinearConstraint(matrix, row_lower, row_upper)] if constraints else []
    feasibility = milp(np.zeros(len(variables)), constraints=linear, integrality=integrality,
                       bounds=bounds)
    if feasibility.status == 2:
        return {"status": "infeasible"}
    if feasibility.status != 0:
        raise RuntimeError(f"milp feasibility: {feasibility.message}")
    relaxation = solve(variables, constraints, objective, integer=False)
    if relaxation["status"] == "unbounded":
        return {"status": "unbounded"}
    result = milp(objective, constraints=linear, integrality=integrality, bounds=bounds)
    return status_of(result)


def status_of(result):
    if result.status == 0:
        return {"status": "optimal", "value": float(result.fun)}
    if result.status == 2:
        return {"status": "infeasible"}
    if result.status == 3:
        return {"status": "unbounded"}
    raise RuntimeError(f"solver status {result.status}: {result.message}")


def problem_record(name, kind, variables, constraints, rng, objective_terms=None):
    n = len(variables)
    bounds = []
    for j in range(n):
        unit = np.zeros(n)
        unit[j] = 1
        bounds.append({
            "lp_min": solve(variables, constraints, unit, False),
            "lp_max": negate(solve(variables, constraints, -unit, False)),
            "ilp_min": solve(variables, constraints, unit, True),
            "ilp_max": negate(solve(variables, constraints, -unit, True)),
        })
    if objective_terms is None:
        objective_terms = [(j, Fraction(rng.randint(-3, 3))) for j in range(n)]
        objective_terms = [(j, c) for j, c in objective_terms if c != 0] or [(0, Fraction(1))]
    vector = np.zeros(n)
    for j, c in objective_terms:
        vector[j] = float(c)
    return {
        "name": name,
        "kind": kind,
        "variables": [{"lower": None if v["lower"] is None else text(v["lower"]),
                       "upper": None if v["upper"] is None else text(v["upper"]),
                       "integer": v["integer"]} for v in variables],
        "constraints": [{"terms": [[j, text(c)] for j, c in c_["terms"]],
                         "relation": c_["relation"], "rhs": text(c_["rhs"])} for c_ in constraints],
        "bounds": bounds,
        "objective": {
            "terms": [[j, text(c)] for j, c in objective_terms],
            "lp_min": solve(variables, constraints, vector, False),
            "ilp_min": solve(variables, constraints, vector, True),
        },
    }


def negate(outcome):
    if outcome["status"] == "optimal":
        return {"status": "optimal", "value": -outcome["value"] + 0.0}
    return outcome


def beale_problem():
    """Beale's example (1955), on which Dantzig's rule without an anti-cycling rule cycles."""
    variables = [{"lower": Fraction(0), "upper": None, "integer": False} for _ in range(4)]
    constraints = [
        {"terms": [(0, Fraction(1, 4)), (1, Fraction(-60)), (2, Fraction(-1, 25)), (3, Fraction(9))],
         "relation": "<=", "rhs": Fraction(0)},
        {"terms": [(0, Fraction(1, 2)), (1, Fraction(-90)), (2, Fraction(-1, 50)), (3, Fraction(3))],
         "relation": "<=", "rhs": Fraction(0)},
        {"terms": [(2, Fraction(1))], "relation": "<=", "rhs": Fraction(1)},
    ]
    objective = [(0, Fraction(-3, 4)), (1, Fraction(150)), (2, Fraction(-1, 50)), (3, Fraction(6))]
    return variables, constraints, objective


def problems(rng):
    plan = (
        [("random", 70), ("boxed", 30), ("mixed", 30), ("free", 25), ("unbounded", 25),
         ("infeasible", 20), ("degenerate", 30), ("contingency", 40),
         ("contingency-one-margin", 15), ("contingency-rounded", 15),
         ("contingency-percentage", 20)]
    )
    records = []
    for kind, count in plan:
        for number in range(count):
            if kind == "infeasible":
                variables, constraints = infeasible_problem(rng)
            elif kind == "degenerate":
                variables, constraints = degenerate_problem(rng)
            elif kind.startswith("contingency"):
                variant = kind.removeprefix("contingency").removeprefix("-") or "plain"
                variables, constraints = contingency_problem(rng, variant)
            else:
                variables, constraints = random_problem(rng, kind)
            records.append(problem_record(f"{kind}-{number}", kind, variables, constraints, rng))
    variables, constraints, objective = beale_problem()
    records.append(problem_record("beale", "classic", variables, constraints, rng, objective))
    return records


def main():
    rng = random.Random(18)
    content = {
        "generator": GENERATOR,
        "integers": integer_cases(rng),
        "rationals": rational_cases(rng),
        "decimals": decimal_cases(),
        "problems": problems(rng),
    }
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    with FIXTURE.open("w") as handle:
        handle.write("{\n")
        keys = list(content)
        for position, key in enumerate(keys):
            value = content[key]
            handle.write(f" {json.dumps(key)}: ")
            if isinstance(value, list):
                handle.write("[\n")
                handle.write(",\n".join("  " + json.dumps(item, separators=(",", ":")) for item in value))
                handle.write("\n ]")
            else:
                handle.write(json.dumps(value))
            handle.write(",\n" if position < len(keys) - 1 else "\n")
        handle.write("}\n")
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
