#!/usr/bin/env bash
# test.sh - install what is missing, build in build/ with warnings as
# errors, and run every test through ctest. Exits non-zero on any failure.
#
#   scripts/test.sh                 # the whole suite
#   scripts/test.sh -R golden       # extra arguments go to ctest
#   POLGRAPH_SANITIZE=address,undefined scripts/test.sh   # in build-asan/
set -euo pipefail
POLGRAPH_ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=deps.sh
. "$POLGRAPH_ROOT/scripts/deps.sh"

polgraph_install_deps
dir=build
args=(-DPOLGRAPH_WERROR=ON)
if [ -n "${POLGRAPH_SANITIZE:-}" ]; then
	dir=build-sanitize
	args+=(-DPOLGRAPH_SANITIZE="$POLGRAPH_SANITIZE" -DCMAKE_BUILD_TYPE=Debug)
fi
polgraph_build "$dir" "${args[@]}"
cd "$POLGRAPH_ROOT/$dir"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"
