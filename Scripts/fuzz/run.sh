#!/usr/bin/env bash
# Fuzzes every reader of untrusted bytes with libFuzzer, for a bounded time each, and fails on
# any crash, failed check, leak, out-of-memory or slow input.
#
# Usage: Scripts/fuzz/run.sh [TARGET...]   (from anywhere; default: every target)
# Settings, from the environment:
#   FUZZ_SECONDS   how long each target runs (default 60)
#   FUZZ_PARALLEL  how many targets run at once (default 2, one per core of the CI machine)
#   FUZZ_RSS_MB    memory limit of a fuzzing process in MB (-rss_limit_mb; default 2048)
#   FUZZ_TIMEOUT   seconds one input may take (-timeout; default 10)
#   FUZZ_WORK      where the build, the grown corpus and the findings go (default .build/fuzz)
#
# The targets are the functions in Sources/SurveyFuzzing; each starts from its committed seed
# corpus in Tests/SurveyFuzzingTests/Corpus/TARGET (which `swift test` replays) and from the
# corpus grown by earlier runs in $FUZZ_WORK/corpus/TARGET, which is where new inputs go: the
# committed corpus is never written. A crashing or slow input is written to
# $FUZZ_WORK/findings/TARGET/ and its path printed; replay it with
#   swift run loneliness-fuzz --target=TARGET FILE
# and, once fixed, commit it to the target's corpus folder as a regression test.
#
# How the fuzzer is built, and why:
# - One executable target, `loneliness-fuzz`, serves both uses. A plain `swift build` compiles
#   it without libFuzzer, as a replayer (so a fresh clone needs only the toolchain and the
#   normal build is barely slower); this script builds it with `-DFUZZING`, where its `main`
#   hands the arguments to libFuzzer's LLVMFuzzerRunDriver. SwiftPM executables always have
#   their own `main`, so libFuzzer's `main` is not used.
# - `-sanitize=fuzzer,address` is passed to every module with -Xswiftc, so the coverage that
#   guides libFuzzer comes from the readers themselves, and AddressSanitizer checks them. A
#   separate scratch path keeps these objects apart from the normal build.
# - The release configuration runs several times faster than debug; Swift's overflow and
#   bounds checks stay on in it, so a trap is still a crash.
# - The link uses the toolchain's lld: gold stops with an internal error
#   (dwarf_reader.cc, format_file_lineno) on this link.
# - SWIFT_BACKTRACE=enable=no: the Swift backtracer would otherwise take over a crash and wait,
#   instead of letting libFuzzer record the input.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

seconds="${FUZZ_SECONDS:-60}"
parallel="${FUZZ_PARALLEL:-2}"
rss_mb="${FUZZ_RSS_MB:-2048}"
timeout="${FUZZ_TIMEOUT:-10}"
work="${FUZZ_WORK:-$root/.build/fuzz}"
seeds="$root/Tests/SurveyFuzzingTests/Corpus"
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=(csv-reader json-reader instrument-decoder answer-matching export-importer workbook-reader
    capture-export margins-reader)
fi

started=$SECONDS
echo "building the fuzzers (release, -sanitize=fuzzer,address)"
swift build -c release --product loneliness-fuzz --scratch-path "$work/build" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld 2>&1 \
  | grep -v -e '^\[' -e "ld.lld: warning" || true
binary="$work/build/release/loneliness-fuzz"
[ -x "$binary" ] || { echo "FAIL: $binary was not built"; exit 1; }
echo "built in $((SECONDS - started)) s"

export SWIFT_BACKTRACE=enable=no
# Leaks are findings (the driver builds the data kept for the whole run before fuzzing, outside
# leak checking). Allocation stacks are kept 10 frames deep (30 by default): the readers allocate a lot, and
# recording deep stacks costs a third of the speed. Replay a reproducer with a larger
# ASAN_OPTIONS=malloc_context_size for a deeper stack.
export ASAN_OPTIONS="detect_leaks=1:malloc_context_size=10"

# Runs one target; its output goes to $work/logs/TARGET.log.
fuzz() {
  local target="$1"
  [ -d "$seeds/$target" ] || { echo "FAIL: no seed corpus $seeds/$target"; return 1; }
  mkdir -p "$work/corpus/$target" "$work/findings/$target" "$work/logs"
  "$binary" --target="$target" \
    -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -malloc_limit_mb="$rss_mb" \
    -timeout="$timeout" -print_final_stats=1 \
    -artifact_prefix="$work/findings/$target/" \
    "$work/corpus/$target" "$seeds/$target" >"$work/logs/$target.log" 2>&1
}

# Run the targets, at most $parallel at a time.
declare -A pids
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  echo "fuzzing $target for $seconds s"
  fuzz "$target" &
  pids[$target]=$!
done

failed=0
printf '%-20s %12s %10s %8s  %s\n' target executions "execs/s" corpus result
for target in "${targets[@]}"; do
  status=0
  wait "${pids[$target]}" || status=$?
  log="$work/logs/$target.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  units=$(find "$work/corpus/$target" -type f | wc -l)
  if [ "$status" = 0 ]; then
    result="ok"
  else
    failed=1
    kind=$(grep -m1 -o -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z-]+( [a-z-]+)?' "$log" || true)
    artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
    result="FAIL (exit $status${kind:+: $kind})${artifact:+ reproducer: $artifact}"
  fi
  printf '%-20s %12s %10s %8s  %s\n' "$target" "${runs:-?}" "${speed:-?}" "$units" "$result"
done

if [ "$failed" != 0 ]; then
  echo
  for target in "${targets[@]}"; do
    log="$work/logs/$target.log"
    if grep -q -E 'ERROR: |Test unit written' "$log"; then
      echo "== $target ($log)"
      grep -E -A40 'ERROR: |fuzz check failed|Fatal error' "$log" | head -60
    fi
  done
  echo "FAIL: fuzzing found a problem; the reproducers are listed above (findings: $work/findings)"
  exit 1
fi
echo "fuzzing passed: ${#targets[@]} targets, $seconds s each, $((SECONDS - started)) s in all"
