#!/usr/bin/env bash
# Attack benchmark: the bounds of every hidden count of two systems of 500 cells (a 25 x 20
# table with its margins; a 10 x 5 x 10 table with its three two-way tables), by the
# DisclosureAttack test library (exact arithmetic, warm starts, propagation first) against
# scipy's HiGHS (one linprog or milp call per bound), in the same run. Prints the wall times and
# the work counters.
#
#   Scripts/benchmark/attack_bounds.sh
#
# Installs scipy (pip) when missing. The HiGHS part takes a few minutes on a busy machine.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! python3 -c "import scipy" 2>/dev/null; then
  echo "installing scipy"; python3 -m pip install --quiet scipy numpy
fi

echo "HiGHS (scipy):"
python3 "$root/Scripts/benchmark/attack_bounds.py" "$work"

echo "DisclosureAttack (release):"
cd "$root"
ATTACK_BENCHMARK="$work" swift test -c release --filter AttackSpeedTests 2>&1 \
  | grep "attack speed:" | sed 's/^attack speed: /  /'
