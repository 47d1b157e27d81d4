#!/usr/bin/env bash
# End-to-end check of `loneliness form` in a real browser, and of `capture --merge` on what the
# form downloads, which `swift test` cannot do:
#   1. writes the offline form (ons-loneliness, swemwbs, ons4, --set worker=AB), a --one-page
#      form, and a form from an instrument whose text is markup and script;
#   2. drives them in headless Chromium through WebDriver (Scripts/forms/drive_form.py): 20
#      responses by clicks and keystrokes (some with the keyboard alone), back and change on the
#      way, a reload half-way, a download compared with the answers given, every input labelled,
#      nothing fetched, the hostile text shown as text; screenshots at 768 and 420 pixels wide;
#   3. merges the download into a capture file twice (the second adds nothing), and at the same
#      time as another merge and a capture (every row once), then reports the file;
#   4. prints the paper questionnaire (--print) to PDF.
#
#   Scripts/check-forms.sh [OUTPUT_DIRECTORY]
#
# Screenshots, the forms, the download and the PDF go to OUTPUT_DIRECTORY (default
# .build/forms-check) for a person to look at; their paths are printed. Installs chromium,
# chromium-driver (apt-get) and selenium (pip) when they are missing: run it as root on Debian or
# in CI.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out_dir="${1:-.build/forms-check}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

fail() {
  echo "check-forms: FAIL: $*" >&2
  exit 1
}

install_packages() {
  command -v apt-get >/dev/null 2>&1 || fail "$* missing and apt-get is not available"
  if [ -z "${apt_updated:-}" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v chromium >/dev/null 2>&1 || { echo "check-forms: installing chromium" >&2; install_packages chromium fonts-dejavu-core; }
command -v chromedriver >/dev/null 2>&1 || { echo "check-forms: installing chromium-driver" >&2; install_packages chromium-driver; }
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
  install_packages fonts-dejavu-core
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "check-forms: installing selenium (pip)" >&2
  python3 -m pip install -q selenium 2>/dev/null || python3 -m pip install -q --break-system-packages selenium
fi
export CHROMIUM="$(command -v chromium)" CHROMEDRIVER="$(command -v chromedriver)"
# Selenium must use the installed driver, never look for one on the network.
export SE_OFFLINE=true

echo "check-forms: building loneliness" >&2
swift build --product loneliness >/dev/null || fail "swift build --product loneliness failed"
binary="$(swift build --product loneliness --show-bin-path)/loneliness"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The forms.
form="$out_dir/visit-form.html"
one_page="$out_dir/drop-in-form.html"
hostile="$out_dir/hostile-form.html"
paper="$out_dir/questionnaire.html"
"$binary" form -i ons-loneliness -i swemwbs -i ons4 --set worker=AB -o "$form" 2>/dev/null \
  || fail "loneliness form failed"
"$binary" form -i ons-loneliness -i swemwbs -i ons4 --set worker=AB --one-page -o "$one_page" \
  2>/dev/null || fail "loneliness form --one-page failed"
"$binary" form -i ons-loneliness -i swemwbs -i ons4 --set worker=AB --print -o "$paper" \
  2>/dev/null || fail "loneliness form --print failed"
grep -Eq '<(script|link|img|iframe)[^>]* (src|href)=' "$form" && fail "$form refers to another file"
grep -Eq 'https?://' "$form" && fail "$form names a web address"

mkdir -p "$work/hostile"
cat >"$work/hostile/hostile.json" <<'JSON'
{
  "format": 1,
  "id": "hostile",
  "version": "1",
  "title": "Hostile </title><script>window.injected = true; alert('title')</script>",
  "introduction": { "text": "<!-- an unclosed comment, & an ampersand, <b>bold?</b>" },
  "licence": { "notice": "\"quoted\" 'notice' </style><script>window.injected = true</script>" },
  "scales": [
    {
      "id": "answers",
      "options": [
        { "code": 1, "label": "</script><script>window.injected = true; alert('label')</script>" },
        { "code": 2, "label": "Two \" onclick=\"window.injected = true" }
      ],
      "missingAnswers": [{ "label": "'); window.injected = true; ('" }]
    }
  ],
  "items": [
    { "id": "q", "wording": "<img src=x onerror=\"window.injected = true\"> How are you?", "scale": "answers" }
  ]
}
JSON
"$binary" form --instruments "$work/hostile" -i hostile --set '</script>=<script>' \
  -o "$hostile" 2>/dev/null || fail "loneliness form for the hostile instrument failed"

# 2. The browser.
echo "check-forms: driving the form in headless chromium" >&2
python3 Scripts/forms/drive_form.py "$form" "$one_page" "$hostile" \
  Sources/SurveyInstruments/Instruments "$out_dir" | tee "$work/driver.log"
downloads=($(sed -n 's/^DOWNLOADED //p' "$work/driver.log"))
[ "${#downloads[@]}" = 2 ] || fail "expected two downloads, found ${#downloads[@]}"
export_file="${downloads[0]}"
one_page_file="${downloads[1]}"

# 3. Merging and reporting.
visits="$out_dir/visits.csv"
rm -f "$visits"
"$binary" capture --merge "$export_file" --to "$visits" >"$work/merge1" \
  || fail "the first merge failed: $(cat "$work/merge1")"
grep -q ": 20 rows added.$" "$work/merge1" || fail "the first merge did not add 20 rows: $(head -1 "$work/merge1")"
# The toolkit's CSV writer writes the merged rows again: byte for byte what the form downloaded.
cmp -s "$export_file" "$visits" || fail "the capture file's bytes differ from the download's"
"$binary" capture --merge "$export_file" --to "$visits" >"$work/merge2" || fail "the second merge failed"
grep -q ": 0 rows added, 20 skipped (20 already in " "$work/merge2" \
  || fail "merging again did not skip every row: $(head -1 "$work/merge2")"
python3 - "$visits" "$out_dir/expected.csv" <<'PY' || fail "the capture file differs from the answers given"
import csv, sys
visits = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
expected = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
assert visits[0] == expected[0], (visits[0], expected[0])
assert len(visits) == len(expected), (len(visits), len(expected))
for got, want in zip(visits[1:], expected[1:]):
    assert [got[0]] + got[2:] == [want[0]] + want[2:], (got, want)
PY
echo "check-forms: merged 20 rows, byte for byte as downloaded; merging again added none"

# Two merges and a capture at once into one file: the lock makes every row appear once.
shared="$work/shared.csv"
for round in 1 2 3 4 5; do
  rm -f "$shared"
  "$binary" capture --merge "$export_file" --to "$shared" >/dev/null & first=$!
  "$binary" capture --merge "$export_file" --to "$shared" >/dev/null & second=$!
  printf '1\n2\n3\n1\n1\n2\n3\n4\n5\n1\n2\n0\n10\n5\n5\ny\n' | "$binary" capture \
    -i ons-loneliness -i swemwbs -i ons4 --set worker=AB --to "$shared" --respondent "C$round" \
    >/dev/null 2>&1 & third=$!
  wait "$first" || fail "a concurrent merge failed"
  wait "$second" || fail "a concurrent merge failed"
  wait "$third" || fail "a capture beside the merges failed"
  [ "$(wc -l <"$shared")" = 22 ] || fail "concurrent merges: $(wc -l <"$shared") lines, expected 22"
  [ "$(cut -d, -f1 "$shared" | sort | uniq -d | wc -l)" = 0 ] || fail "concurrent merges: a row twice"
done
echo "check-forms: 5 rounds of two merges and a capture at once: every row once"

"$binary" capture --merge "$one_page_file" --to "$visits" >"$work/merge3" || fail "merging the one-page download failed"
grep -q ": 2 rows added.$" "$work/merge3" || fail "the one-page download did not add 2 rows"
"$binary" report "$visits" -o "$out_dir/report.txt" || fail "loneliness report on the merged file failed"
grep -q "; 22 rows read\." "$out_dir/report.txt" \
  || fail "the report does not count 22 rows: $(grep -i rows "$out_dir/report.txt" | head -3)"
echo "check-forms: loneliness report reads the merged file: 22 respondents"

# 4. Paper.
profile="$(mktemp -d)"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$out_dir/questionnaire.pdf" \
  "file://$paper" >/dev/null 2>&1 || true
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --user-data-dir="$profile" --hide-scrollbars --window-size=768,2600 \
  --screenshot="$out_dir/768-paper.png" "file://$paper" >/dev/null 2>&1 || true
rm -rf "$profile"
pages="$(python3 -c "import sys; d=open(sys.argv[1],'rb').read(); print(d.count(b'/Type /Page') - d.count(b'/Type /Pages'))" "$out_dir/questionnaire.pdf" 2>/dev/null || echo 0)"
[ "$pages" -ge 1 ] || fail "the paper questionnaire did not print"
echo "check-forms: the paper questionnaire prints on $pages pages"

echo "check-forms: look at these screenshots:"
sed -n 's/^SCREENSHOT /  /p' "$work/driver.log"
echo "  $out_dir/768-paper.png"
echo "  $out_dir/questionnaire.pdf"
echo "check-forms: ok"
