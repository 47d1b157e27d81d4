#!/usr/bin/env bash
# Checks that every Swift file follows the project's formatting and documentation rules
# (.swift-format, the same configuration as shared/reference/swift-format.json), with the
# formatter that ships in the Swift toolchain. Fix with:
#   swift format format -i --parallel -r Sources Tests
set -euo pipefail
cd "$(dirname "$0")/.."
if ! swift format lint --strict --parallel -r Sources Tests; then
  echo "check-format: FAILED: run 'swift format format -i --parallel -r Sources Tests' and fix what remains" >&2
  exit 1
fi
echo "check-format: ok (swift format lint --strict: no findings)"
