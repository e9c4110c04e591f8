#!/usr/bin/env bash
# golden-update.sh - regenerates tests/golden/extract/*.expected from the
# current build. Only run it when an output change is intended, then review
# `git diff tests/golden` before committing.
#   scripts/golden-update.sh [BUILD_DIR]     (default build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build}/polgraph
[ -x "$bin" ] || { echo "golden-update: no binary at $bin; build first" >&2; exit 1; }
cd "$root/tests/golden/extract"
for input in *.txt *.jsonl; do
	[ -e "$input" ] || continue
	POLGRAPH_DATA= "$bin" extract "$input" >"${input%.*}.expected" 2>&1 || true
	echo "updated ${input%.*}.expected"
done
git -C "$root" --no-pager diff --stat -- tests/golden || true
