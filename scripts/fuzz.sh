#!/usr/bin/env bash
# fuzz.sh - builds the libFuzzer targets of tests/fuzz in build-fuzz/ (clang,
# ASan + UBSan) and runs each for SECONDS (default 60), one after another.
# New inputs go to build-fuzz/corpus/TARGET, seeded from tests/fuzz/corpus;
# a crash, leak or hang leaves its input in build-fuzz/artifacts/ and makes
# the script exit 1 after the remaining targets ran.
#
#   scripts/fuzz.sh                  # every target, 60 s each
#   scripts/fuzz.sh 600 jsonl rules  # two targets, 10 minutes each
#   POLGRAPH_FUZZ_JOBS=2 scripts/fuzz.sh 3600   # two workers per target
#
# Reproduce a finding: build-fuzz/tests/fuzz/fuzz_TARGET ARTIFACT
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(jsonl text extract lexicon rules cameo cliargs)
jobs=${POLGRAPH_FUZZ_JOBS:-1}

if ! command -v clang >/dev/null; then
	echo "polgraph: error: fuzzing needs clang (apt-get install clang libclang-rt-14-dev)" >&2
	exit 1
fi
build=$root/build-fuzz
CC=clang cmake -S "$root" -B "$build" -DPOLGRAPH_FUZZ=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null ||
	{ echo "polgraph: error: cmake configure failed" >&2; exit 1; }
cmake --build "$build" -j "${POLGRAPH_JOBS:-$(nproc 2>/dev/null || echo 2)}" >/dev/null ||
	{ echo "polgraph: error: fuzz build failed" >&2; exit 1; }

# The fuzzers write scratch files under TMPDIR: keep them out of the way.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp

parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
status=0
mkdir -p "$build/artifacts"
cd "$build" || exit 1 # libFuzzer's -jobs writes fuzz-N.log here
for target in "${targets[@]}"; do
	corpus=$build/corpus/$target
	mkdir -p "$corpus"
	log=$build/fuzz-$target.log
	"$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" \
		-timeout=20 -rss_limit_mb=2560 -max_len=65536 -close_fd_mask=3 \
		"${parallel[@]}" -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$target-" \
		"$corpus" "$root/tests/fuzz/corpus/$target" >"$log" 2>&1
	rc=$?
	[ "$jobs" -gt 1 ] && cat fuzz-[0-9]*.log >>"$log" 2>/dev/null && rm -f fuzz-[0-9]*.log
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s += $2} END {print s + 0}')
	if [ $rc -eq 0 ]; then
		echo "fuzz $target: ok, $runs runs in ${seconds}s, corpus $(ls "$corpus" | wc -l)"
	else
		echo "fuzz $target: FAILED (exit $rc), see $log:" >&2
		grep -m 20 -E 'ERROR|SUMMARY|check failed|Test unit written|==[0-9]+==' "$log" >&2
		status=1
	fi
done
exit $status
