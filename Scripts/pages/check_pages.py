#!/usr/bin/env python3
"""Opens HTML reports in headless Chromium and checks them as a reader would see them.

    check_pages.py OUTPUT_DIRECTORY NAME=PAGE.html[:MAX_PAGES] ...

For each page:

- prints it to A4 (210 x 297 mm, through the DevTools protocol), counts the pages with
  pdfinfo, fails when there are more than MAX_PAGES, and renders the first printed page to PNG;
- at a window 1280 and 420 pixels wide, takes a full-page screenshot (in tiles of at most
  12,000 pixels) and fails on:
  - anything wider than the window (the page scrolls sideways; a table or chart that scrolls
    within its own box is fine, but not its caption or any other text that is not a cell),
  - SVG text drawn under 10 pixels (font size times the SVG's scale), or running past the
    edge of its chart (where it is cut off),
  - a negative number written with a hyphen rather than a minus sign (outside code),
  - text whose colour has less than 4.5:1 contrast with what is behind it (3:1 for large
    text), in HTML and in charts (behind chart text: its halo, the shape under it, or the page),
  - a chart mark (bar, segment, dot, legend swatch) that carries data in a colour with less
    than 3:1 contrast with the page, unless its outline has 3:1 (WCAG 1.4.11).

Contrast is the WCAG 2 ratio, computed here from the browser's computed styles. Writes
NAME.pdf, NAME-print-1.png, NAME-1280-N.png and NAME-420-N.png to OUTPUT_DIRECTORY, prints a
line per page and width, and exits 1 on any failure.

Needs selenium (pip) and chromium with its driver and poppler-utils (apt); the shell script
that runs this installs them.
"""
import base64
import json
import os
import struct
import subprocess
import sys
import zlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

WIDTHS = (1280, 420)
SMALLEST_SVG_TEXT = 10.0
TILE = 12000

# Runs in the page and returns what it measured. Every number is computed from the computed
# styles and geometry the browser uses to draw the page.
PROBE = r"""
const result = {overflow: [], clipped: [], hyphens: [], smallText: [], lowContrast: [], weakMarks: [],
  smallestSvgText: null, lowestTextContrast: null, lowestMarkContrast: null,
  scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};

function parse(colour) {
  const m = colour && colour.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const parts = m[1].split(/[ ,\/]+/).filter(s => s.length).map(Number);
  return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
}
function hex(text) {
  const m = text && text.trim().match(/^#([0-9a-f]{6})$/i);
  if (!m) return null;
  const v = parseInt(m[1], 16);
  return {r: v >> 16, g: (v >> 8) & 255, b: v & 255, a: 1};
}
function luminance(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function contrast(a, b) {
  const x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
function blend(top, bottom) {
  const a = top.a;
  return {r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a),
    b: top.b * a + bottom.b * (1 - a), a: 1};
}
const white = {r: 255, g: 255, b: 255, a: 1};
function pageBackground(element) {
  const layers = [];
  for (let e = element; e && e.nodeType === 1; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
  }
  let colour = white;
  for (let i = layers.length - 1; i >= 0; i--) colour = blend(layers[i], colour);
  return colour;
}
function visible(e) {
  if (!e.getClientRects().length) return false;
  const s = getComputedStyle(e);
  return s.visibility !== "hidden" && s.display !== "none" && parseFloat(s.opacity) > 0;
}
function describe(e) {
  const text = (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return e.tagName.toLowerCase() + (e.getAttribute("class") ? "." + e.getAttribute("class").replace(/ /g, ".") : "")
    + (text ? ` "${text}"` : "");
}
// The colour an SVG paint (fill or stroke) shows: a colour, or a pattern's ground colour.
function paint(value) {
  if (!value || value === "none") return null;
  const url = value.match(/url\("?#([^")]+)"?\)/);
  if (url) {
    const pattern = document.getElementById(url[1]);
    const ground = pattern && pattern.querySelector("rect");
    return ground ? (hex(ground.getAttribute("fill")) || parse(getComputedStyle(ground).fill)) : null;
  }
  return parse(value);
}
function note(list, item) { if (list.length < 12) list.push(item); }

// 1. Nothing wider than the window: the page must not scroll sideways, and nothing may be cut
// off by a box that hides what overflows it.
if (result.scrollWidth > result.width + 1) {
  const scrolls = e => { for (; e; e = e.parentElement) {
    const o = getComputedStyle(e).overflowX; if (o === "auto" || o === "scroll") return true; }
    return false; };
  for (const e of document.querySelectorAll("body *")) {
    if (visible(e) && e.getBoundingClientRect().right > result.width + 1 && !scrolls(e.parentElement)) {
      note(result.overflow, describe(e));
    }
  }
  if (!result.overflow.length) result.overflow.push("the page is " + result.scrollWidth + " pixels wide");
}
// A box that hides what overflows it (charts aside, checked below) must have nothing to hide.
for (const e of document.querySelectorAll("body *")) {
  const o = getComputedStyle(e).overflowX;
  if ((o === "hidden" || o === "clip") && !e.closest("svg") && visible(e)
      && e.scrollWidth > e.clientWidth + 1) {
    note(result.overflow, describe(e) + " cuts off " + (e.scrollWidth - e.clientWidth) + " px");
  }
}
// Inside a table that scrolls within its own box only the table's cells may run past the window:
// a caption, heading or paragraph laid out wider than the window is cut off until the reader
// scrolls the table sideways.
for (const e of document.querySelectorAll(
    "caption, figcaption, h1, h2, h3, h4, p, li, dt, dd, .footnote")) {
  if (visible(e) && e.getBoundingClientRect().right > result.width + 1) {
    const right = Math.round(e.getBoundingClientRect().right);
    note(result.overflow, describe(e) + " reaches " + right + " px");
  }
}

// 2. Chart text size, and 3. its contrast.
for (const t of document.querySelectorAll("svg text")) {
  if (!visible(t) || !t.textContent.trim()) continue;
  const svg = t.ownerSVGElement;
  const scale = svg.getScreenCTM() ? svg.getScreenCTM().a : 1;
  const size = parseFloat(getComputedStyle(t).fontSize) * scale;
  if (result.smallestSvgText === null || size < result.smallestSvgText) result.smallestSvgText = size;
  if (size < %SMALLEST%) note(result.smallText, describe(t) + " at " + size.toFixed(1) + " px");
  // Text that runs past the edge of its chart is cut off there.
  const r = t.getBoundingClientRect(), frame = svg.getBoundingClientRect();
  if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1
      || r.bottom > frame.bottom + 1) {
    note(result.clipped, describe(t));
  }
  const style = getComputedStyle(t);
  const fill = paint(style.fill);
  if (!fill) continue;
  let behind = null;
  const halo = parseFloat(style.strokeWidth) >= 2 && style.paintOrder.startsWith("stroke") ? paint(style.stroke) : null;
  if (halo) behind = halo;
  if (!behind) {
    // The last shape drawn before the text whose box holds the text's middle lies under it.
    const box = t.getBBox();
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    const shapes = [...svg.querySelectorAll("rect, circle")].filter(s => !s.closest("defs")
      && (t.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_PRECEDING));
    for (let i = shapes.length - 1; i >= 0 && !behind; i--) {
      const b = shapes[i].getBBox();
      if (x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height) {
        behind = paint(getComputedStyle(shapes[i]).fill);
      }
    }
  }
  if (!behind) behind = pageBackground(svg);
  const ratio = contrast(fill, behind);
  if (result.lowestTextContrast === null || ratio < result.lowestTextContrast) result.lowestTextContrast = ratio;
  if (ratio < 4.5) note(result.lowContrast, describe(t) + " " + ratio.toFixed(2) + ":1");
}

// 3. Contrast of HTML text.
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const e = node.parentElement;
  if (!node.textContent.trim() || !e || seen.has(e) || e.closest("svg")) continue;
  seen.add(e);
  if (!visible(e)) continue;
  const style = getComputedStyle(e);
  const colour = parse(style.color);
  if (!colour) continue;
  const background = pageBackground(e);
  const ratio = contrast(blend(colour, background), background);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight) >= 700);
  if (result.lowestTextContrast === null || ratio < result.lowestTextContrast) result.lowestTextContrast = ratio;
  if (ratio < (large ? 3 : 4.5)) note(result.lowContrast, describe(e) + " " + ratio.toFixed(2) + ":1");
}

// Negative numbers take a minus sign, not a hyphen (code aside).
const hyphenWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = hyphenWalker.nextNode(); node; node = hyphenWalker.nextNode()) {
  const e = node.parentElement;
  if (!e || e.closest("code, title, desc, style") || !/(^|[\s(\[])-\d/.test(node.textContent)) continue;
  if (visible(e)) note(result.hyphens, describe(e));
}

// 4. Chart marks that carry data: 3:1 with the page, by their fill or their outline.
const marks = document.querySelectorAll(
  "svg rect.segment, svg circle.dot, svg rect.hidden-mark, svg g.legend rect, svg g.legend circle");
for (const m of marks) {
  if (!visible(m)) continue;
  const style = getComputedStyle(m);
  const background = pageBackground(m.ownerSVGElement);
  const fill = paint(style.fill);
  const stroke = parseFloat(style.strokeWidth) >= 1 ? paint(style.stroke) : null;
  const ratio = Math.max(fill ? contrast(fill, background) : 1, stroke ? contrast(stroke, background) : 1);
  if (result.lowestMarkContrast === null || ratio < result.lowestMarkContrast) result.lowestMarkContrast = ratio;
  if (ratio < 3) note(result.weakMarks, describe(m) + " " + ratio.toFixed(2) + ":1");
}
return result;
""".replace("%SMALLEST%", str(SMALLEST_SVG_TEXT))


def png_has_content(path):
    """Whether a PNG decodes and shows more than one colour on its sampled rows."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    width, height, depth, colour_type = struct.unpack(">IIBB", data[16:26])
    if depth != 8 or colour_type not in (2, 6):
        return False
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"IDAT":
            chunks.append(data[position + 8:position + 8 + length])
        position += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    channels = 3 if colour_type == 2 else 4
    stride = width * channels + 1
    previous = bytearray(stride - 1)
    colours = set()
    for row in range(min(height, 800)):
        line = raw[row * stride:(row + 1) * stride]
        kind, pixels = line[0], bytearray(line[1:])
        for i in range(len(pixels)):
            left = pixels[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                pixels[i] = (pixels[i] + left) & 255
            elif kind == 2:
                pixels[i] = (pixels[i] + up) & 255
            elif kind == 3:
                pixels[i] = (pixels[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pixels[i] = (pixels[i] + (left if pa <= pb and pa <= pc else (up if pb <= pc else up_left))) & 255
        previous = pixels
        if row % 25 == 0:
            colours |= {bytes(pixels[i:i + 3]) for i in range(0, len(pixels), channels)}
    return len(colours) >= 8


# The width of A4 less the print style's 13 mm side margins, in CSS pixels (96 to the inch).
PRINT_WIDTH = round((210 - 2 * 13) / 25.4 * 96)


def main():
    out_dir = sys.argv[1]
    pages = []
    for argument in sys.argv[2:]:
        name, _, rest = argument.partition("=")
        path, _, limit = rest.partition(":")
        pages.append((name, os.path.abspath(path), int(limit) if limit else None))

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--force-device-scale-factor=1", "--force-color-profile=srgb"):
        options.add_argument(flag)
    driver = webdriver.Chrome(
        service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    failures = []
    summary = []
    try:
        for name, path, limit in pages:
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            driver.get("file://" + path)
            pdf = driver.execute_cdp_cmd("Page.printToPDF", {
                "paperWidth": 210 / 25.4, "paperHeight": 297 / 25.4, "printBackground": True})
            pdf_path = os.path.join(out_dir, name + ".pdf")
            with open(pdf_path, "wb") as file:
                file.write(base64.b64decode(pdf["data"]))
            info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, check=True).stdout
            count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                            pdf_path, os.path.join(out_dir, name + "-print-1")], check=True)
            line = f"{name}: {count} A4 page{'s' if count != 1 else ''}"
            # Chromium shrinks the whole print to fit anything wider than the paper, which would
            # meet a page limit with smaller type rather than a shorter report: measure the
            # printed layout's width (A4 less the 13 mm side margins) and fail on any overflow.
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": PRINT_WIDTH, "height": 1100, "deviceScaleFactor": 1, "mobile": False})
            printed_width = driver.execute_script(
                "return document.documentElement.scrollWidth")
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            if printed_width > PRINT_WIDTH:
                failures.append(
                    f"{name}: the printed layout is {printed_width} px wide, more than the "
                    f"{PRINT_WIDTH} px of an A4 page, so Chromium shrinks the print to fit")
            if limit is not None:
                line += f" (at most {limit})"
                if count > limit:
                    failures.append(f"{name}: prints to {count} A4 pages, more than {limit}")
            summary.append(line)
            for width in WIDTHS:
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                    "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
                measured = driver.execute_script(PROBE)
                height = driver.execute_script("return document.documentElement.scrollHeight")
                tiles = 0
                for top in range(0, height, TILE):
                    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                        "captureBeyondViewport": True,
                        "clip": {"x": 0, "y": top, "width": width, "height": min(TILE, height - top), "scale": 1}})
                    tiles += 1
                    tile_path = os.path.join(out_dir, f"{name}-{width}-{tiles}.png")
                    with open(tile_path, "wb") as file:
                        file.write(base64.b64decode(shot["data"]))
                    if tiles == 1 and width == WIDTHS[0] and not png_has_content(tile_path):
                        failures.append(f"{name} at {width} px: the screenshot {tile_path} looks blank")
                where = f"{name} at {width} px"
                if measured["overflow"]:
                    failures.append(f"{where}: wider than the window: " + "; ".join(measured["overflow"]))
                if measured["hyphens"]:
                    failures.append(f"{where}: a hyphen where a negative number needs a minus sign: "
                                    + "; ".join(measured["hyphens"]))
                if measured["clipped"]:
                    failures.append(f"{where}: chart text cut off at the chart's edge: "
                                    + "; ".join(measured["clipped"]))
                if measured["smallText"]:
                    failures.append(f"{where}: chart text under {SMALLEST_SVG_TEXT:g} px: "
                                    + "; ".join(measured["smallText"]))
                if measured["lowContrast"]:
                    failures.append(f"{where}: text below WCAG AA contrast: " + "; ".join(measured["lowContrast"]))
                if measured["weakMarks"]:
                    failures.append(f"{where}: chart marks below 3:1 contrast: " + "; ".join(measured["weakMarks"]))
                smallest = measured["smallestSvgText"]
                summary.append(
                    f"  {width} px: {measured['scrollWidth']} px wide, {height} px tall ({tiles} screenshot"
                    f"{'s' if tiles != 1 else ''}); smallest chart text "
                    + (f"{smallest:.1f} px" if smallest is not None else "none")
                    + f"; lowest text contrast {measured['lowestTextContrast'] or 0:.2f}:1"
                    + (f"; lowest chart mark contrast {measured['lowestMarkContrast']:.2f}:1"
                       if measured["lowestMarkContrast"] is not None else ""))
    finally:
        driver.quit()
    for line in summary:
        print("check-html-report: " + line)
    with open(os.path.join(out_dir, "summary.json"), "w") as file:
        json.dump({"summary": summary, "failures": failures}, file, indent=2)
    for failure in failures:
        print("check-html-report: FAIL " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
