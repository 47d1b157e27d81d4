#!/usr/bin/env bash
# End-to-end checks of `loneliness capture` with the built binary, which `swift test` cannot run:
#   1. kill -9 captures at random moments (waiting for input, between answers, while saving) and
#      check that the file still parses, with every completed row whole;
#   2. run captures concurrently into one file, many times, and check that every row is whole,
#      present once, and not interleaved with another, also while they add a column to the header;
#   3. drive interactive sessions through a real pseudo-terminal (tmux): the prompts, a saved row,
#      and Ctrl-C abandoning with nothing saved, or a partial row with --keep-partial;
#   4. kill -9 captures while they add a column, and check that no temporary copy of the
#      respondents' data is left beside the file; send Ctrl-C in a capture's first milliseconds
#      and check that it exits 65 (abandoned), not 130, and that --to a FIFO is refused.
# Usage: Scripts/check-capture.sh   (from anywhere; builds the binary first; exits non-zero on
# the first failed check). KILL_ROUNDS and CONCURRENT_ROUNDS set how many rounds to run.
set -euo pipefail
trap "" PIPE # a write to a killed capture fails instead of ending this script

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v tmux >/dev/null 2>&1; then
  echo "installing tmux"
  if [ "$(id -u)" = 0 ]; then apt-get install -y tmux >/dev/null; else sudo apt-get install -y tmux >/dev/null; fi
fi

swift build --product loneliness >/dev/null
binary="$root/.build/debug/loneliness"
[ -x "$binary" ] || { echo "FAIL: $binary was not built"; exit 1; }

work="$(mktemp -d)"
trap 'tmux kill-session -t capture-check 2>/dev/null || true; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# A long value makes each row several kilobytes, so a torn or interleaved row would show.
note="$(printf 'n%.0s' $(seq 1 6000))"
columns=8 # respondent_id, captured_at, note, 4 ONS items, status

# Checks that FILE has the header once and then only whole rows: the right number of fields, a
# known status, the long note intact, and no respondent id twice.
check_rows() {
  local file="$1" label="$2"
  awk -F, -v columns="$columns" -v note="$note" '
    NR == 1 { if ($0 !~ /^respondent_id,captured_at,note,ons-loneliness\.companionship,/) { print "bad header"; bad = 1 }; next }
    {
      if (NF != columns) { print "line " NR ": " NF " fields"; bad = 1 }
      if ($NF != "complete" && $NF != "partial") { print "line " NR ": status " $NF; bad = 1 }
      if ($3 != note) { print "line " NR ": note damaged"; bad = 1 }
      if (seen[$1]++) { print "line " NR ": respondent " $1 " twice"; bad = 1 }
    }
    END { exit bad }
  ' "$file" || { fail "$label: $file has damaged rows"; return 1; }
}

# 1. kill -9 at random moments.
rounds="${KILL_ROUNDS:-40}"
file="$work/killed.csv"
saved=()
for round in $(seq 1 "$rounds"); do
  fifo="$work/answers-$round"
  mkfifo "$fifo"
  "$binary" capture -i ons-loneliness --to "$file" --respondent "K$round" --set "note=$note" \
    <"$fifo" >"$work/out-$round" 2>/dev/null &
  pid=$!
  exec 3>"$fifo"
  # Kill after 0 to ~0.2 s: sometimes while it waits for an answer, sometimes between answers or
  # while it saves, and sometimes not at all (it has finished).
  delay="0.$(printf '%03d' $((RANDOM % 200)))"
  (sleep "$delay"; kill -9 "$pid" 2>/dev/null || true) &
  killer=$!
  for answer in 1 2 3 4 y; do
    echo "$answer" >&3 2>/dev/null || break
    sleep "0.0$((RANDOM % 5))"
  done
  exec 3>&-
  status=0
  wait "$pid" 2>/dev/null || status=$?
  wait "$killer" 2>/dev/null || true
  rm -f "$fifo"
  if [ "$status" = 0 ]; then saved+=("K$round"); fi
done 2>/dev/null # the shell's "Killed" notices
if [ -f "$file" ]; then
  check_rows "$file" "kill -9" && pass "kill -9: $rounds captures killed at random moments; file parses, rows whole"
  for id in "${saved[@]}"; do
    grep -q "^$id," "$file" || fail "kill -9: $id reported success but its row is missing"
  done
  pass "kill -9: all ${#saved[@]} captures that reported success have their row"
else
  [ "${#saved[@]}" = 0 ] || fail "kill -9: captures reported success but no file exists"
fi

# 2. Concurrent captures into one file.
rounds="${CONCURRENT_ROUNDS:-25}"
file="$work/shared.csv"
for round in $(seq 1 "$rounds"); do
  pids=()
  for writer in a b c; do
    printf '1\n2\n3\n4\ny\n' | "$binary" capture -i ons-loneliness --to "$file" \
      --respondent "C$round$writer" --set "note=$note" >/dev/null 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || fail "concurrent: a capture failed in round $round"; done
done
expected=$((rounds * 3 + 1))
lines=$(wc -l <"$file")
[ "$lines" = "$expected" ] || fail "concurrent: $lines lines, expected $expected"
check_rows "$file" "concurrent" && pass "concurrent: $((rounds * 3)) captures, 3 at a time; every row whole, none interleaved"

# 2b. Concurrent captures that all add a column to an existing file: the first to take the lock
# renames a longer-headed file over the path; the others, waiting on the old file's lock, must
# notice and append to the new file, so no row is lost.
rounds="${GROWING_ROUNDS:-10}"
grown_ok=1
for round in $(seq 1 "$rounds"); do
  file="$work/growing-$round.csv"
  printf '1\n2\n3\n4\ny\n' | "$binary" capture -i ons-loneliness --to "$file" --respondent G0 \
    >/dev/null 2>&1 || fail "growing: the first capture failed in round $round"
  pids=()
  for writer in a b c d; do
    printf '1\n2\n3\n4\ny\n' | "$binary" capture -i ons-loneliness --to "$file" \
      --respondent "G$writer" --set "site=S$writer" >/dev/null 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || fail "growing: a capture failed in round $round"; done
  head -1 "$file" | grep -q ',status,site$' || { fail "growing: header not extended in round $round"; grown_ok=0; }
  for writer in 0 a b c d; do
    [ "$(grep -c "^G$writer," "$file")" = 1 ] || { fail "growing: row G$writer missing or repeated in round $round"; grown_ok=0; }
  done
  [ "$(wc -l <"$file")" = 6 ] || { fail "growing: $(wc -l <"$file") lines in round $round, expected 6"; grown_ok=0; }
done
[ "$grown_ok" = 1 ] && pass "growing: $rounds rounds of 4 captures at once adding a column; every row kept"

# 3. Interactive sessions through a pseudo-terminal.
session=capture-check
wait_for() { # PATTERN: wait up to 10 s for the pane to show PATTERN
  for _ in $(seq 1 100); do
    if tmux capture-pane -p -t "$session" -S -200 | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  echo "--- pane ---"; tmux capture-pane -p -t "$session" -S -200; echo "------------"
  return 1
}
start() { # ARGS...: run loneliness in a fresh 100x50 terminal, then print its exit code
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x 100 -y 50 \
    "cd '$work' && '$binary' $*; echo EXIT=\$?; sleep 60"
}
file="$work/tty.csv"

start capture -i ons-loneliness --to tty.csv --respondent T1
wait_for "Question 1 of 4 (ons-loneliness 1/4)" || fail "tty: no first question"
wait_for "Answer:" || fail "tty: no prompt"
tmux send-keys -t "$session" "2" Enter
wait_for "Question 2 of 4" || fail "tty: no second question"
tmux send-keys -t "$session" "sometimes" Enter
wait_for "hint: did you mean 'Some of the time'?" || fail "tty: no hint after an invalid answer"
tmux send-keys -t "$session" "some of the time" Enter
wait_for "Question 3 of 4" || fail "tty: no third question"
tmux send-keys -t "$session" "p" Enter
wait_for "Question 4 of 4" || fail "tty: no fourth question"
tmux send-keys -t "$session" "never" Enter
wait_for "Save these answers?" || fail "tty: no summary"
tmux send-keys -t "$session" "y" Enter
wait_for "EXIT=0" || fail "tty: did not exit 0"
pane="$(tmux capture-pane -p -t "$session" -S -200)"
for expected in "Respondent T1." "  How often do you feel that you lack companionship?" "  p  Prefer not to say" \
  "  3. How often do you feel isolated from others?" "Saved respondent T1 to tty.csv"; do
  grep -qF -- "$expected" <<<"$pane" || fail "tty: the pane lacks '$expected'"
done
grep -q '^T1,[0-9T:Z-]*,2,2,Prefer not to say,5,complete$' "$file" || fail "tty: row not as answered"
pass "tty: interactive session shows the prompts and saves the row"

start capture -i ons-loneliness --to tty.csv --respondent T2
wait_for "Question 1 of 4" || fail "tty ctrl-c: no first question"
tmux send-keys -t "$session" "1" Enter
wait_for "Question 2 of 4" || fail "tty ctrl-c: no second question"
tmux send-keys -t "$session" C-c
wait_for "Session abandoned (interrupted at question 2 of 4): nothing was saved to tty.csv." \
  || fail "tty ctrl-c: no abandonment message"
wait_for "EXIT=65" || fail "tty ctrl-c: did not exit 65"
grep -q '^T2,' "$file" && fail "tty ctrl-c: a row was saved"
pass "tty: Ctrl-C abandons the session and saves nothing"

start capture -i ons-loneliness --to tty.csv --respondent T3 --keep-partial
wait_for "Question 1 of 4" || fail "tty keep-partial: no first question"
tmux send-keys -t "$session" "3" Enter
wait_for "Question 2 of 4" || fail "tty keep-partial: no second question"
tmux send-keys -t "$session" C-c
wait_for "saved to tty.csv as a partial row" || fail "tty keep-partial: no partial message"
grep -q '^T3,[0-9T:Z-]*,3,,,,partial$' "$file" || fail "tty keep-partial: no partial row"
pass "tty: Ctrl-C with --keep-partial saves the answers so far as partial"

# 4a. kill -9 while adding a column: the temporary copy of the file (all respondents' answers)
# must not stay beside it. The copy has no name until it is complete, and a later capture removes
# any named copy whose process has died.
rounds="${ADDING_KILL_ROUNDS:-40}"
file="$work/adding.csv"
base="$work/adding-base.csv"
printf '1\n2\n3\n4\ny\n' | "$binary" capture -i ons-loneliness --to "$base" --respondent A0 \
  --set "note=$note" >/dev/null 2>&1 || fail "adding: the first capture failed"
for round in $(seq 1 "$rounds"); do
  # Each round starts from the file without the column, so every capture rewrites it to add it.
  cp "$base" "$file"
  printf '1\n2\n3\n4\ny\n' | "$binary" capture -i ons-loneliness --to "$file" --respondent "A$round" \
    --set "note=$note" --set "extra=x" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 150)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done 2>/dev/null
printf '1\n2\n3\n4\ny\n' | "$binary" capture -i ons-loneliness --to "$file" --respondent A-last \
  --set "note=$note" --set "extra=x" >/dev/null 2>&1 || fail "adding: the last capture failed"
left="$(find "$work" -maxdepth 1 -name 'adding.csv.tmp-*' | wc -l)"
[ "$left" = 0 ] && pass "adding: $rounds captures killed while adding columns; no temporary copy left" \
  || fail "adding: $left temporary copies of adding.csv left behind"

# 4b. Ctrl-C in a capture's first milliseconds abandons it (65), as documented, rather than
# killing it (130); before the program starts at all, the system's default still applies.
early_ok=1
for delay in 0.02 0.04 0.06 0.08; do
  for round in 1 2 3 4 5; do
    rm -f "$work/early.csv"
    ( sleep 5 ) | { "$binary" capture -i ons-loneliness --to "$work/early.csv" >/dev/null 2>&1 & pid=$!
      sleep "$delay"; kill -INT "$pid"; status=0; wait "$pid" || status=$?
      [ "$status" = 65 ] || { echo "Ctrl-C after ${delay}s: exit $status" >"$work/early-failed"; }; }
    if [ -f "$work/early-failed" ]; then fail "early ctrl-c: $(cat "$work/early-failed")"; rm -f "$work/early-failed"; early_ok=0; fi
    [ -f "$work/early.csv" ] && { fail "early ctrl-c: a file was written"; early_ok=0; }
  done
done
[ "$early_ok" = 1 ] && pass "early ctrl-c: 20 interrupts 20 to 80 ms after start all exit 65, nothing saved"

# 4c. --to a FIFO with no reader is refused at once instead of waiting for ever.
mkfifo "$work/pipe"
status=0
printf '1\n2\n3\n4\ny\n' | timeout 20 "$binary" capture -i ons-loneliness --to "$work/pipe" \
  >/dev/null 2>"$work/pipe-errors" || status=$?
[ "$status" = 73 ] && grep -q "is not a regular file" "$work/pipe-errors" \
  && pass "fifo: --to a FIFO is refused (exit 73)" || fail "fifo: --to a FIFO gave exit $status"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all capture checks passed"
