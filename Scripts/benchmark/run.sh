#!/usr/bin/env bash
# Import benchmark: generates an export of RESPONDENTS (default 1,000,000) respondents in a
# temporary folder, builds `loneliness` in release mode, and times reading and mapping it
# against pandas (read_csv plus a label-to-code dictionary per column) in the same run.
# Prints wall time, peak memory (maximum resident set size) and the ratio. Then times
# `loneliness score` on the same file (reading, scoring and writing every row with its scores).
#
#   Scripts/benchmark/run.sh [RESPONDENTS]
#
# Installs what it needs when missing: GNU time (apt-get) and pandas (pip).
set -euo pipefail

respondents="${1:-1000000}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time"; apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if ! python3 -c "import pandas" 2>/dev/null; then
  echo "installing pandas"; python3 -m pip install --quiet pandas
fi

echo "generating $respondents respondents"
python3 "$root/Scripts/benchmark/generate.py" "$work/export.csv" "$respondents"
size=$(stat -c %s "$work/export.csv")
echo "file: $((size / 1000000)) MB"

echo "building loneliness (release)"
(cd "$root" && swift build -c release --product loneliness >/dev/null)
binary="$root/.build/release/loneliness"

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null
  read -r seconds kilobytes < "$work/time.txt"
  echo "$label $seconds $kilobytes"
}

# Warm the page cache so both readers start from the same state.
cat "$work/export.csv" > /dev/null

read -r _ ours_seconds ours_kb < <(measure loneliness "$binary" inspect "$work/export.csv" \
  -i ons-loneliness -i wemwbs --format json)
read -r _ pandas_seconds pandas_kb < <(measure pandas python3 "$root/Scripts/benchmark/pandas_baseline.py" \
  "$work/export.csv")
read -r _ score_seconds score_kb < <(measure score "$binary" score "$work/export.csv" \
  -i ons-loneliness -i wemwbs -o "$work/scored.csv")

python3 - "$size" "$ours_seconds" "$ours_kb" "$pandas_seconds" "$pandas_kb" "$score_seconds" "$score_kb" <<'PY'
import sys
size, ours_s, ours_kb, pandas_s, pandas_kb, score_s, score_kb = (float(v) for v in sys.argv[1:])
print(f"{'':28}{'seconds':>10}{'peak MB':>10}")
print(f"{'loneliness inspect':28}{ours_s:>10.2f}{ours_kb / 1000:>10.0f}")
print(f"{'pandas read_csv + map':28}{pandas_s:>10.2f}{pandas_kb / 1000:>10.0f}")
print(f"speed-up: {pandas_s / ours_s:.2f}x (goal: at least 3x)")
print(f"peak memory: {ours_kb * 1000 / size * 100:.1f}% of the file's size (goal: under 50%)")
print(f"{'loneliness score -o FILE':28}{score_s:>10.2f}{score_kb / 1000:>10.0f}")
PY
