#!/usr/bin/env bash
# Checks that a release build of `loneliness`, copied alone into an empty folder, still lists and
# shows the built-in instruments (they are compiled in), and that it does not link Foundation.
# Usage: Scripts/check-standalone-binary.sh [path/to/loneliness]   (default: .build/release/loneliness)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/release/loneliness}"
[ -x "$binary" ] || { echo "check-standalone-binary: no binary at $binary (build with: swift build -c release)" >&2; exit 1; }

folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
cp "$binary" "$folder/loneliness"
cd "$folder"

fail() { echo "check-standalone-binary: FAILED: $1" >&2; exit 1; }

./loneliness instruments > list.txt || fail "'loneliness instruments' exited $?"
for id in ons-loneliness wemwbs swemwbs ons4 djg6; do
  grep -q "^$id " list.txt || fail "'$id' is not listed"
done
./loneliness instruments show swemwbs > swemwbs.txt || fail "'instruments show swemwbs' exited $?"
grep -q "29 → 26.02" swemwbs.txt || fail "the SWEMWBS conversion table is missing from 'instruments show swemwbs'"
tr -s " \n" "  " < swemwbs.txt | grep -q "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008" || fail "the SWEMWBS licence notice is missing"

if ldd ./loneliness | grep -q 'libFoundation'; then
  fail "the binary links Foundation: $(ldd ./loneliness | grep libFoundation | tr -s ' ')"
fi
echo "check-standalone-binary: ok (built-ins listed and shown from a lone binary; no Foundation linked)"
