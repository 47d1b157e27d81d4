#!/usr/bin/env bash
# Opens an HTML report in a real browser (Debian's chromium, headless) and checks that it renders:
# a screenshot that is a valid, non-blank PNG, and a print preview (PDF) with at least one page.
#
#   Scripts/check-html-report.sh [OUTPUT_DIRECTORY]
#
# Writes report.html, screenshot.png and print.pdf (and print-1.png, the first printed page,
# when pdftoppm is available) to OUTPUT_DIRECTORY (default .build/html-check) for a person to look
# at. Installs chromium (and fonts) with apt-get when it is missing, so run it as root on Debian
# or in CI.
#
# The report is the `loneliness report` command's HTML for the Kent example, broken down by
# district and age, with a multi-select tally.
set -euo pipefail

cd "$(dirname "$0")/.."
out_dir="${1:-.build/html-check}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
report="$out_dir/report.html"
screenshot="$out_dir/screenshot.png"
pdf="$out_dir/print.pdf"

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

if ! browser="$(find_browser)"; then
  echo "check-html-report: installing chromium (apt-get)" >&2
  command -v apt-get >/dev/null 2>&1 || fail "chromium is missing and apt-get is not available; install chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  browser="$(find_browser)" || fail "chromium did not install"
fi
# Text renders as boxes without any font; DejaVu is Debian's default.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
  command -v apt-get >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
fi

echo "check-html-report: building loneliness" >&2
swift build --product loneliness >/dev/null || fail "swift build --product loneliness failed"
binary="$(swift build --product loneliness --show-bin-path)/loneliness"

rm -f "$report" "$screenshot" "$pdf" "$out_dir/print-1.png"
kent="Examples/kent-esurvey"
echo "check-html-report: loneliness report on the Kent example, by district, as HTML" >&2
"$binary" report "$kent/export.csv" --instruments "$kent/kent-loneliness.json" -i kent-loneliness \
  --by "Which district do you live in?" --by "What is your age?" --multi "Which of these would help?" \
  --format html -o "$report" || fail "loneliness report failed"
[ -s "$report" ] || fail "no HTML report was written to $report"
grep -q "<svg" "$report" || fail "$report has no charts (no <svg> element)"

run_browser() {
  # A fresh profile per run; --no-sandbox because CI containers run as root.
  local profile
  profile="$(mktemp -d)"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$profile" "$@" >/dev/null 2>&1 || true
  rm -rf "$profile"
}

run_browser_dump() {
  # As run_browser, printing what chromium writes to standard output.
  local profile
  profile="$(mktemp -d)"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$profile" "$@" 2>/dev/null || true
  rm -rf "$profile"
}

echo "check-html-report: screenshot with $browser" >&2
run_browser --hide-scrollbars --screenshot="$screenshot" --window-size=1200,5000 "file://$report"
echo "check-html-report: print preview" >&2
run_browser --no-pdf-header-footer --print-to-pdf="$pdf" "file://$report"

python3 - "$screenshot" "$pdf" <<'PY'
import struct, sys, zlib

def fail(message):
    sys.exit("check-html-report: " + message)

png_path, pdf_path = sys.argv[1], sys.argv[2]
try:
    data = open(png_path, "rb").read()
except OSError:
    fail(f"chromium wrote no screenshot at {png_path}")
if data[:8] != b"\x89PNG\r\n\x1a\n":
    fail(f"{png_path} is not a PNG")
width, height, depth, colour_type = struct.unpack(">IIBB", data[16:26])
if depth != 8 or colour_type not in (2, 6):
    fail(f"unexpected PNG format (bit depth {depth}, colour type {colour_type})")
# Decompress the image data and count distinct colours on a sample of rows.
chunks, position = [], 8
while position < len(data):
    length, kind = struct.unpack(">I4s", data[position:position + 8])
    if kind == b"IDAT":
        chunks.append(data[position + 8:position + 8 + length])
    position += 12 + length
raw = zlib.decompress(b"".join(chunks))
channels = 3 if colour_type == 2 else 4
stride = width * channels + 1
colours, ink_rows, coloured = set(), 0, 0
previous = bytearray(stride - 1)
for row in range(height):
    line = raw[row * stride:(row + 1) * stride]
    kind, pixels = line[0], bytearray(line[1:])
    for i in range(len(pixels)):
        left = pixels[i - channels] if i >= channels else 0
        up = previous[i]
        up_left = previous[i - channels] if i >= channels else 0
        if kind == 1: pixels[i] = (pixels[i] + left) & 255
        elif kind == 2: pixels[i] = (pixels[i] + up) & 255
        elif kind == 3: pixels[i] = (pixels[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - up_left
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
            predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
            pixels[i] = (pixels[i] + predictor) & 255
    previous = pixels
    if row % 10 == 0:
        row_colours = {bytes(pixels[i:i + 3]) for i in range(0, len(pixels), channels)}
        # Chart fills are saturated colours; text and rules are grey.
        coloured += sum(1 for c in row_colours if max(c) - min(c) > 60)
        colours |= row_colours
        if len(row_colours) > 1:
            ink_rows += 1
if len(colours) < 8 or ink_rows < 20:
    fail(f"the screenshot looks blank ({len(colours)} colours, {ink_rows} sampled rows with content)")
if coloured < 20:
    fail(f"the screenshot shows no chart colours ({coloured}): did the SVG charts render?")
print(f"check-html-report: screenshot {width}x{height}, {len(colours)} colours, {ink_rows} sampled rows with content")

try:
    pdf = open(pdf_path, "rb").read()
except OSError:
    fail(f"chromium wrote no PDF at {pdf_path}")
pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
if not pdf.startswith(b"%PDF") or pages < 1:
    fail(f"{pdf_path} is not a PDF with pages")
print(f"check-html-report: print preview has {pages} pages")
PY

# Nothing may be wider than the window: a long source URL in a table once pushed columns off
# the page. The weighted residents' report cites the built-in instruments' long sources. A copy
# of the page gets a script (the report itself has none) that marks any element reaching past a
# 1000-pixel window; chromium prints the resulting DOM.
residents="$out_dir/residents.html"
"$binary" report Examples/residents-survey/survey.csv -i ons-loneliness -i ons4 --weight weight \
  --by age_band --format html -o "$residents" || fail "loneliness report (residents) failed"
probe="$out_dir/residents-probe.html"
python3 - "$residents" "$probe" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
script = """<script>
window.addEventListener("load", () => {
  const limit = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > limit + 1)
    .map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
  document.body.setAttribute("data-overflow", wide.length ? wide.slice(0, 5).join(" ") : "none");
});
</script>"""
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", script + "</body>"))
PY
dom="$(run_browser_dump --window-size=1000,800 --virtual-time-budget=5000 --dump-dom "file://$probe")"
overflow="$(printf '%s' "$dom" | grep -o 'data-overflow="[^"]*"' | head -n 1)"
[ -n "$overflow" ] || fail "the layout probe did not run in $probe"
[ "$overflow" = 'data-overflow="none"' ] || fail "content wider than the window in $residents: $overflow"
echo "check-html-report: weighted residents' report fits a 1000-pixel window"

if command -v pdftoppm >/dev/null 2>&1; then
  pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "$out_dir/print" && mv -f "$out_dir"/print-*1.png "$out_dir/print-1.png" 2>/dev/null || true
fi
echo "check-html-report: ok; look at $screenshot and $pdf"
