#!/usr/bin/env bash
# Report benchmark (issue 13): generates an export of RESPONDENTS (default 1,000,000)
# respondents in DISTRICTS (default 10) districts with `generate.py` (fixed seed, 22 label
# columns), builds `loneliness` in release mode, and times in the same run:
#   loneliness report FILE -i ons-loneliness -i wemwbs --by District --format json
# against DuckDB (THREADS threads, default 2) and pandas working out the same tallies
# (`report_baseline.py`). Prints wall time, peak memory (maximum resident set size) and ratios.
#
#   Scripts/benchmark/report.sh [RESPONDENTS] [DISTRICTS] [THREADS]
#   SKIP_BASELINES=1 Scripts/benchmark/report.sh ...   # loneliness only (the scaling table)
#   EARLIER=PATH Scripts/benchmark/report.sh ...        # also time another build of loneliness
#
# Installs what it needs when missing: GNU time (apt-get), duckdb and pandas (pip).
set -euo pipefail

respondents="${1:-1000000}"
districts="${2:-10}"
threads="${3:-2}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time"; apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if [ -z "${SKIP_BASELINES:-}" ]; then
  python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb
  python3 -c "import pandas" 2>/dev/null || python3 -m pip install --quiet pandas
fi

echo "generating $respondents respondents in $districts districts"
python3 "$root/Scripts/benchmark/generate.py" "$work/export.csv" "$respondents" "$districts"
size=$(stat -c %s "$work/export.csv")
echo "file: $((size / 1000000)) MB"

echo "building loneliness (release)"
(cd "$root" && swift build -c release --product loneliness >/dev/null)
binary="$root/.build/release/loneliness"

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" > "$work/$label.out"
  read -r seconds kilobytes user system < "$work/time.txt"
  echo "$label $seconds $kilobytes $user $system"
}

# Warm the page cache so every reader starts from the same state.
cat "$work/export.csv" > /dev/null

results=()
max_groups=()
if [ "$districts" -gt 200 ]; then max_groups=(--max-groups "$districts"); fi
results+=("$(measure loneliness "$binary" report "$work/export.csv" \
  -i ons-loneliness -i wemwbs --by District --format json "${max_groups[@]}")")
if [ -n "${EARLIER:-}" ]; then
  results+=("$(measure earlier "$EARLIER" report "$work/export.csv" \
    -i ons-loneliness -i wemwbs --by District --format json "${max_groups[@]}")")
  cmp -s "$work/loneliness.out" "$work/earlier.out" || echo "note: the two builds' reports differ"
fi
if [ -z "${SKIP_BASELINES:-}" ]; then
  results+=("$(measure duckdb python3 "$root/Scripts/benchmark/report_baseline.py" duckdb \
    "$work/export.csv" "$threads")")
  results+=("$(measure pandas python3 "$root/Scripts/benchmark/report_baseline.py" pandas \
    "$work/export.csv")")
fi

python3 - "$size" "${results[@]}" <<'PY'
import sys
size = int(sys.argv[1])
rows = [line.split() for line in sys.argv[2:]]
print(f"{'':12}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}{'vs loneliness':>15}")
ours = float(rows[0][1])
for label, seconds, kilobytes, user, system in rows:
    ratio = float(seconds) / ours
    print(f"{label:12}{float(seconds):>9.2f}{float(user) + float(system):>9.2f}"
          f"{int(kilobytes) / 1000:>9.0f}{ratio:>14.2f}x")
print(f"file: {size / 1e6:.0f} MB; goal: loneliness at least 2x faster than DuckDB,"
      " at most 100 MB, 0.5 s")
PY
