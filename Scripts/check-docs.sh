#!/usr/bin/env bash
# Builds the API documentation with the toolchain's own DocC, no plugin: symbol graphs of the
# public library modules from `swift package dump-symbol-graph`, then `docc convert` of the
# LonelinessToolkit catalog (its overview and the app tutorial), failing on any documentation
# warning (a broken link, a reference to something that is not public).
#
# Usage: Scripts/check-docs.sh [OUTPUT_DIRECTORY]   (default .build/docs)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/docs}"
command -v docc >/dev/null 2>&1 || { echo "check-docs: FAIL: docc is not on PATH (it ships with the Swift toolchain)"; exit 1; }

swift package dump-symbol-graph --minimum-access-level public >/dev/null
graphs="$(swift build --show-bin-path)/../symbolgraph"
[ -d "$graphs" ] || graphs=".build/$(uname -m)-unknown-linux-gnu/symbolgraph"
selected="$(mktemp -d)"
trap 'rm -rf "$selected"' EXIT
# The modules an app reaches through `import LonelinessToolkit` (their extension files too).
for module in LonelinessToolkit SurveyCSV SurveyWorkbook SurveyInstruments SurveyCapture SurveyScoring \
  SurveyStatistics SurveyReports SurveyPipeline SurveyForms; do
  cp "$graphs"/"$module".symbols.json "$graphs"/"$module"@*.symbols.json "$selected"/ 2>/dev/null || true
  [ -f "$selected/$module.symbols.json" ] || { echo "check-docs: FAIL: no symbol graph for $module"; exit 1; }
done

rm -rf "$out"
docc convert Sources/LonelinessToolkit/LonelinessToolkit.docc \
  --additional-symbol-graph-dir "$selected" \
  --fallback-display-name LonelinessToolkit \
  --fallback-bundle-identifier org.loneliness.toolkit \
  --output-path "$out" \
  --warnings-as-errors
echo "check-docs: ok (documentation in $out, no warnings)"
