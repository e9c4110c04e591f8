#!/usr/bin/env bash
# Golden extraction tests, jq.test style: for every input under
# tests/golden/extract/ (NAME.txt or NAME.jsonl), `polgraph extract NAME.*`
# run in that directory must print exactly NAME.expected. A mismatch prints
# `diff -u`. Regenerate with scripts/golden-update.sh, then review the diff.
set -u
: "${POLGRAPH:?set POLGRAPH to the polgraph binary}"
dir=$(cd "$(dirname "$0")/extract" && pwd)
cd "$dir" || exit 1
passed=0
failed=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for input in *.txt *.jsonl; do
	[ -e "$input" ] || continue
	expected=${input%.*}.expected
	if [ ! -f "$expected" ]; then
		echo "FAIL: $input has no $expected (run scripts/golden-update.sh)" >&2
		failed=$((failed + 1))
		continue
	fi
	POLGRAPH_DATA= "$POLGRAPH" extract "$input" >"$tmp" 2>&1
	if diff -u "$expected" "$tmp"; then
		passed=$((passed + 1))
	else
		echo "FAIL: $input" >&2
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
