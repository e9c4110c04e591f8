#!/usr/bin/env bash
# test.sh - the CI run: installs what is missing, then in turn
#   normal    build/ with warnings as errors, every ctest test;
#   sanitize  build-sanitize/ with ASan + UBSan (-fno-sanitize-recover=all),
#             every ctest test again;
#   fuzz      each libFuzzer target for POLGRAPH_FUZZ_SECONDS (default 15)
#             when clang is there (scripts/fuzz.sh);
#   valgrind  the golden extraction tests under memcheck on the normal
#             build: zero errors and zero leaks.
# Stops at the first stage that fails; prints each stage's time.
#
#   scripts/test.sh                 # every stage
#   scripts/test.sh -R golden       # normal stage only; arguments go to ctest
#   POLGRAPH_STAGES="normal valgrind" scripts/test.sh
#   POLGRAPH_SANITIZE=address,undefined scripts/test.sh   # that build only
set -euo pipefail
POLGRAPH_ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=deps.sh
. "$POLGRAPH_ROOT/scripts/deps.sh"

polgraph_install_deps
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2 # the machines are shared
export POLGRAPH_JOBS=${POLGRAPH_JOBS:-$jobs} # builds (deps.sh, fuzz.sh)
stages=${POLGRAPH_STAGES:-normal sanitize fuzz valgrind}
[ $# -gt 0 ] && stages=normal
if [ -n "${POLGRAPH_SANITIZE:-}" ]; then
	stages=sanitize
fi

stage_normal() {
	polgraph_build build -DPOLGRAPH_WERROR=ON
	(cd "$POLGRAPH_ROOT/build" && ctest --output-on-failure -j "$jobs" "$@")
}

stage_sanitize() {
	polgraph_build build-sanitize -DPOLGRAPH_WERROR=ON -DCMAKE_BUILD_TYPE=Debug \
		-DPOLGRAPH_SANITIZE="${POLGRAPH_SANITIZE:-address,undefined}"
	(cd "$POLGRAPH_ROOT/build-sanitize" &&
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
			UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
			ctest --output-on-failure -j "$jobs" "$@")
}

stage_fuzz() {
	if ! command -v clang >/dev/null; then
		echo "test.sh: fuzz: skipped, no clang" >&2
		return 0
	fi
	"$POLGRAPH_ROOT/scripts/fuzz.sh" "${POLGRAPH_FUZZ_SECONDS:-15}"
}

# The golden extraction tests with polgraph under memcheck: every run's
# log must say 0 errors, leaks counted as errors.
stage_valgrind() {
	local logs wrapper log bad=0
	polgraph_build build -DPOLGRAPH_WERROR=ON
	logs=$(mktemp -d)
	wrapper=$logs/polgraph
	cat >"$wrapper" <<-WRAP
		#!/bin/sh
		exec valgrind --log-file=$logs/memcheck.%p.log --leak-check=full \\
			--show-leak-kinds=definite,indirect,possible \\
			--errors-for-leak-kinds=definite,indirect,possible \\
			--error-exitcode=99 "$POLGRAPH_ROOT/build/polgraph" "\$@"
	WRAP
	chmod +x "$wrapper"
	POLGRAPH=$wrapper bash "$POLGRAPH_ROOT/tests/golden/run.sh" || bad=1
	for log in "$logs"/memcheck.*.log; do
		if ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
			cat "$log" >&2
			bad=1
		fi
	done
	echo "valgrind: $(ls "$logs"/memcheck.*.log | wc -l) runs checked"
	rm -rf "$logs"
	return $bad
}

for stage in $stages; do
	start=$(date +%s)
	echo "== test.sh: $stage" >&2
	"stage_$stage" "$@" || { echo "test.sh: stage $stage failed" >&2; exit 1; }
	echo "== test.sh: $stage passed in $(($(date +%s) - start)) s" >&2
done
