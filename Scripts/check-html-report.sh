#!/usr/bin/env bash
# Opens the HTML report of every example in a real browser (Debian's chromium, headless) and
# checks it as a reader would see it, on screen, on a phone and on paper:
#
#   Scripts/check-html-report.sh [OUTPUT_DIRECTORY]
#
# - prints each page to A4 and counts the pages (pdfinfo): the Kent example with its breakdowns
#   must fit 12 pages, the weighted residents' survey 20; and fails when the printed layout is
#   wider than the paper, since Chromium would then shrink the whole print to fit;
# - screenshots each page at windows 1280 and 420 pixels wide, and fails on anything wider than
#   the window (a table may scroll within its own box, but not its caption or other text),
#   anything cut off (by a box that hides what overflows it, or chart text past the chart's
#   edge), chart text under 10 pixels, text below WCAG AA contrast (4.5:1, or 3:1 for large
#   text) or chart marks below 3:1 against the page, all measured in the browser from the
#   computed styles (Scripts/pages/check_pages.py).
#
# Writes each page (NAME.html), its print (NAME.pdf, NAME-print-1.png), its screenshots
# (NAME-1280-1.png, NAME-420-1.png, … in tiles of 12,000 pixels) and summary.json to
# OUTPUT_DIRECTORY (default .build/html-check) for a person to look at. Installs chromium, its
# driver, fonts and poppler-utils with apt-get, and selenium with pip, when they are missing,
# so run it as root on Debian or in CI.
set -euo pipefail

cd "$(dirname "$0")/.."
out_dir="${1:-.build/html-check}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

fail() {
  echo "check-html-report: $*" >&2
  exit 1
}

find_browser() {
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || fail "$* missing and apt-get is not available; install them"
  echo "check-html-report: installing $* (apt-get)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

browser="$(find_browser)" || { apt_install chromium fonts-dejavu-core; browser="$(find_browser)" || fail "chromium did not install"; }
command -v chromedriver >/dev/null 2>&1 || apt_install chromium-driver
command -v pdfinfo >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils
# Text renders as boxes without any font; DejaVu is Debian's default.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
  apt_install fonts-dejavu-core
fi
if ! python3 -c "import selenium" >/dev/null 2>&1; then
  echo "check-html-report: installing selenium (pip)" >&2
  python3 -m pip install -q selenium >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages selenium >/dev/null \
    || fail "selenium did not install"
fi

echo "check-html-report: building loneliness" >&2
swift build --product loneliness >/dev/null || fail "swift build --product loneliness failed"
binary="$(swift build --product loneliness --show-bin-path)/loneliness"

rm -f "$out_dir"/*.html "$out_dir"/*.pdf "$out_dir"/*.png "$out_dir/summary.json"
# The examples' own commands (Examples/*/README.md), as HTML.
kent="Examples/kent-esurvey"
"$binary" report "$kent/export.csv" --instruments "$kent/kent-loneliness.json" \
  --by "Which district do you live in?" --by "What is your age?" --multi "Which of these would help?" \
  --format html -o "$out_dir/kent.html" || fail "loneliness report (Kent) failed"
"$binary" report Examples/residents-survey/survey.csv -i ons-loneliness -i ons4 --weight weight \
  --by age_band --format html -o "$out_dir/residents.html" || fail "loneliness report (residents) failed"
"$binary" compare Examples/cohort-comparison/combined.csv -i ons-loneliness -i ons4 --cohort group \
  --reference comparison --format html -o "$out_dir/cohort-comparison.html" || fail "loneliness compare failed"
"$binary" change Examples/provider-outcomes/outcomes-long.csv -i ons-loneliness -i swemwbs --id client_id \
  --wave wave --baseline baseline --followup "12 weeks" --format html \
  -o "$out_dir/provider-outcomes.html" 2>/dev/null || fail "loneliness change failed"
"$binary" report Examples/platform-exports/microsoft-forms.xlsx --format html \
  -o "$out_dir/platform-exports.html" || fail "loneliness report (platform export) failed"
for page in "$out_dir"/*.html; do
  grep -q "<svg" "$page" || fail "$page has no charts (no <svg> element)"
done

echo "check-html-report: printing and screenshotting with $browser" >&2
CHROMIUM="$browser" CHROMEDRIVER="$(command -v chromedriver)" python3 Scripts/pages/check_pages.py "$out_dir" \
  "kent=$out_dir/kent.html:12" \
  "residents=$out_dir/residents.html:20" \
  "cohort-comparison=$out_dir/cohort-comparison.html" \
  "provider-outcomes=$out_dir/provider-outcomes.html" \
  "platform-exports=$out_dir/platform-exports.html" \
  || fail "see the failures above; the pages, prints and screenshots are in $out_dir"
echo "check-html-report: ok; look at the screenshots and prints in $out_dir"
