#!/usr/bin/env bash
# Workbook benchmark: reads the same respondents as CSV and as an Excel workbook in the same run
# and prints how much longer the workbook takes (goal: at most 3 times the CSV's time).
#
#   Scripts/benchmark/workbook.sh [RESPONDENTS] [RUNS]
#
# Generates RESPONDENTS (default 100,000) respondents with Scripts/benchmark/generate.py, writes
# them again as a workbook with Scripts/benchmark/generate_workbook.py (XlsxWriter: shared
# strings, the submission time as a date), builds `loneliness` in release mode, and times
# `loneliness inspect FILE -i ons-loneliness -i wemwbs --format json` on both, RUNS times each
# (default 7), alternating. Prints the median wall time, the median CPU time (user + system,
# all threads) and peak memory of each, and the ratios.
#
# Installs what it needs when missing: GNU time (apt-get) and XlsxWriter (pip).
set -euo pipefail

respondents="${1:-100000}"
runs="${2:-7}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time"; apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if ! python3 -c "import xlsxwriter" 2>/dev/null; then
  echo "installing XlsxWriter"; python3 -m pip install --quiet xlsxwriter
fi

echo "generating $respondents respondents"
python3 "$root/Scripts/benchmark/generate.py" "$work/export.csv" "$respondents"
python3 "$root/Scripts/benchmark/generate_workbook.py" "$work/export.csv" "$work/export.xlsx"
echo "CSV: $(( $(stat -c %s "$work/export.csv") / 1000000 )) MB; workbook: $(( $(stat -c %s "$work/export.xlsx") / 1000000 )) MB"

echo "building loneliness (release)"
(cd "$root" && swift build -c release --product loneliness >/dev/null)
binary="$root/.build/release/loneliness"

# Warm the page cache so both readers start from the same state.
cat "$work/export.csv" "$work/export.xlsx" > /dev/null

for run in $(seq "$runs"); do
  for kind in csv xlsx; do
    /usr/bin/time -f "$kind %e %U %S %M" -a -o "$work/times.txt" \
      "$binary" inspect "$work/export.$kind" -i ons-loneliness -i wemwbs --format json > /dev/null
  done
done

python3 - "$work/times.txt" <<'PY'
import statistics
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
def median(kind, pick):
    return statistics.median(pick(row) for row in rows if row[0] == kind)
wall = {kind: median(kind, lambda r: float(r[1])) for kind in ("csv", "xlsx")}
cpu = {kind: median(kind, lambda r: float(r[2]) + float(r[3])) for kind in ("csv", "xlsx")}
peak = {kind: median(kind, lambda r: int(r[4])) for kind in ("csv", "xlsx")}
print(f"{'':22}{'wall s':>10}{'CPU s':>10}{'peak MB':>10}")
for kind, label in (("csv", "inspect export.csv"), ("xlsx", "inspect export.xlsx")):
    print(f"{label:22}{wall[kind]:>10.2f}{cpu[kind]:>10.2f}{peak[kind] / 1000:>10.0f}")
print(f"workbook / CSV: {wall['xlsx'] / wall['csv']:.2f}x wall time, "
      f"{cpu['xlsx'] / cpu['csv']:.2f}x CPU time (goal: at most 3x)")
PY
