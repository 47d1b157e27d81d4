#!/usr/bin/env python3
"""Attack benchmark systems, and the time scipy's HiGHS takes to bound every variable of them.

Writes two systems of about 500 hidden counts in the format of the DisclosureAttack fixtures
(variables and constraints, coefficients as exact fractions) into FOLDER:

- table-2way.json: a 25 x 20 table of counts with every cell hidden and its row and column
  totals published (500 variables, 45 equations);
- table-3way.json: areas (10) x age groups (5) x answers (10), every cell hidden and the three
  two-way tables published, as a report "--by area --by age" prints them (500 variables,
  200 equations).

Then times, for each system, the minimum and maximum of every variable with
scipy.optimize.linprog(method="highs") (1,000 linear programs) and with scipy.optimize.milp
(1,000 integer programs), one call per bound, and prints the wall times.

    python3 Scripts/benchmark/attack_bounds.py FOLDER
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp


def counts(rng, shape):
    return rng.poisson(rng.choice([1, 2, 4, 8], size=shape)).astype(int)


def two_way(rng):
    table = counts(rng, (25, 20))
    index = {(r, c): r * 20 + c for r in range(25) for c in range(20)}
    constraints = []
    for r in range(25):
        constraints.append(([index[(r, c)] for c in range(20)], int(table[r].sum())))
    for c in range(20):
        constraints.append(([index[(r, c)] for r in range(25)], int(table[:, c].sum())))
    return 500, constraints


def three_way(rng):
    areas, ages, answers = 10, 5, 10
    table = counts(rng, (areas, ages, answers))
    index = {}
    for a in range(areas):
        for g in range(ages):
            for k in range(answers):
                index[(a, g, k)] = len(index)
    constraints = []
    for a in range(areas):
        for k in range(answers):
            cells = [index[(a, g, k)] for g in range(ages)]
            constraints.append((cells, int(table[a, :, k].sum())))
    for g in range(ages):
        for k in range(answers):
            cells = [index[(a, g, k)] for a in range(areas)]
            constraints.append((cells, int(table[:, g, k].sum())))
    for a in range(areas):
        for g in range(ages):
            cells = [index[(a, g, k)] for k in range(answers)]
            constraints.append((cells, int(table[a, g, :].sum())))
    return len(index), constraints


def write(path, count, constraints):
    content = {
        "variables": [{"lower": "0", "upper": None, "integer": True}] * count,
        "constraints": [{"terms": [[j, "1"] for j in cells], "relation": "==", "rhs": str(total)}
                        for cells, total in constraints],
    }
    path.write_text(json.dumps(content) + "\n")


def time_highs(count, constraints):
    matrix = np.zeros((len(constraints), count))
    rhs = np.zeros(len(constraints))
    for i, (cells, total) in enumerate(constraints):
        matrix[i, cells] = 1
        rhs[i] = total
    start = time.perf_counter()
    for j in range(count):
        for sign in (1, -1):
            objective = np.zeros(count)
            objective[j] = sign
            result = linprog(objective, A_eq=matrix, b_eq=rhs, bounds=(0, None), method="highs")
            assert result.status == 0, result.message
    linear = time.perf_counter() - start
    start = time.perf_counter()
    equations = LinearConstraint(matrix, rhs, rhs)
    for j in range(count):
        for sign in (1, -1):
            objective = np.zeros(count)
            objective[j] = sign
            result = milp(objective, constraints=[equations], integrality=np.ones(count),
                          bounds=Bounds(0, np.inf))
            assert result.status == 0, result.message
    integer = time.perf_counter() - start
    return linear, integer


def main():
    folder = Path(sys.argv[1])
    rng = np.random.default_rng(18)
    for name, build in (("table-2way", two_way), ("table-3way", three_way)):
        count, constraints = build(rng)
        write(folder / f"{name}.json", count, constraints)
        linear, integer = time_highs(count, constraints)
        print(f"{name}: {count} variables, {len(constraints)} equations; HiGHS: "
              f"{2 * count} linprog {linear:.2f} s, {2 * count} milp {integer:.2f} s")


if __name__ == "__main__":
    main()
