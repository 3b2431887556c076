#!/usr/bin/env bash
# Checks the pages (README.md and Docs/*.md) against the code: fails when a page names a
# file, a Swift symbol, a `lesson6` or `lesson6-bench` command or option, or a
# `swift test --filter` name that does not exist, or shows a ```swift block that is not
# real code. Each problem is printed as PAGE:LINE: what is wrong.
#
# The checks are the test suites DocsReferenceTests and DocsCodeTests
# (Tests/LessonsTests/), which CI runs with all the others; this runs just them.
#
#   scripts/check-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests >/dev/null || { echo "check-docs: the build failed (run 'swift build --build-tests')" >&2; exit 1; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if swift test --skip-build --filter 'DocsReferenceTests|DocsCodeTests' >"$log" 2>&1; then
    echo "check-docs: every file, symbol, command, option and test filter the pages name exists"
else
    grep -E '^(↳ )?[A-Za-z./-]+\.md:[0-9]+: ' "$log" | sed 's/^↳ //' | sort -u >&2 || true
    grep -E 'Test run with' "$log" >&2 || tail -n 20 "$log" >&2
    exit 1
fi
