#!/usr/bin/env bash
# Weighted breakdown benchmark: a weighted survey of RESPONDENTS (default 20,000) answering the
# ONS direct loneliness question (five answers) in GROUPS (default 90) areas, broken down by
# area: `loneliness report
# --weight --by` (every estimate of the breakdown and its Rao-Scott test) against R's
# `survey::svychisq(~area + answer, design)` alone, in the same run. Prints the wall times, the
# ratio and both tests' F and p, which must agree.
#
#   Scripts/benchmark/weighted_breakdown.sh [RESPONDENTS] [GROUPS]
#
# Installs what it needs when missing: GNU time, R and its survey package (apt-get).
set -euo pipefail

respondents="${1:-20000}"
groups="${2:-90}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/time ] || ! command -v Rscript >/dev/null 2>&1; then
  echo "installing GNU time, R and r-cran-survey"
  apt-get update -qq && apt-get install -y -qq time r-base-core r-cran-survey >/dev/null
fi

python3 - "$work/survey.csv" "$respondents" "$groups" <<'PY'
import random, sys
path, count, groups = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20261123)
with open(path, "w") as out:
  answers = ["Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never"]
  out.write("id,area,weight,How often do you feel lonely?\n")
  for i in range(count):
    area = rng.randrange(groups)
    shares = [7 + area % 3, 20, 25, 28, 20 - area % 3]
    answer = rng.choices(answers, weights=shares)[0]
    out.write("R%d,A%03d,%.4f,%s\n" % (i, area, rng.lognormvariate(0, 0.5), answer))
PY
echo "$respondents respondents in $groups areas"

(cd "$root" && swift build -c release --product loneliness >/dev/null)
binary="$root/.build/release/loneliness"

/usr/bin/time -f "%e" -o "$work/ours.time" "$binary" report "$work/survey.csv" -i ons-loneliness \
  --weight weight --by area --format json -o "$work/report.json" 2>/dev/null
python3 - "$work/report.json" <<'PY' > "$work/ours.txt"
import json, sys
report = json.load(open(sys.argv[1]))
measure = next(m for m in report["measures"] if m["measure"] == "ons-loneliness.lonely")
test = measure["breakdowns"][-1]["test"]
print("F %.4f p %.10g" % (test["f"], test["p_value"]))
PY

cat > "$work/peer.R" <<'R'
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], check.names = FALSE)
names(d)[4] <- "answer"
d$area <- factor(d$area); d$answer <- factor(d$answer)
started <- proc.time()[["elapsed"]]
test <- svychisq(~area + answer, svydesign(ids = ~1, weights = ~weight, data = d))
cat(sprintf("F %.4f p %.10g\nseconds %.3f\n", test$statistic, test$p.value,
  proc.time()[["elapsed"]] - started))
R
Rscript "$work/peer.R" "$work/survey.csv" > "$work/peer.txt"

ours=$(cat "$work/ours.time")
peer=$(grep seconds "$work/peer.txt" | cut -d' ' -f2)
echo "loneliness report --weight --by (whole command): ${ours} s; $(cat "$work/ours.txt")"
echo "R svychisq (the test alone, after reading):       ${peer} s; $(head -1 "$work/peer.txt")"
python3 -c "print('ratio (R / loneliness): %.1fx' % (float('$peer') / float('$ours')))"
