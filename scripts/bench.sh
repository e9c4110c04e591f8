#!/usr/bin/env bash
# bench.sh - speed and memory of the pipeline, printed, never asserted.
#
# Generates corpora with scripts/gen-corpus.py (seeded, Russian and
# English news-like articles of 2-4 KB) and, for each size, times:
#   floor: wc -w                  the same JSON Lines file
#   floor: read + tokenize        tests/bench/bench_tokenize: the reader
#                                 and polgraph_text_tokens alone
#   floor: + normalise + stem     the same, stemming every word
#   extract, empty data dir       no lexicon, cue lists or rules: text
#                                 stage, name heuristics and output, so
#                                 the difference is what the data costs
#   extract, full data            to /dev/null
#   ingest --jobs 1, --jobs 2     extraction plus SQLite storage, on one
#                                 thread, then two workers and the writer
#   report --timings, render      graph build + every metric, and
#                                 render --top 500 to SVG, on that database
# Each line gives wall and CPU (user + system) seconds, articles/s and
# MB/s of text (by CPU: the machine is shared, so wall time is noisy), peak
# RSS, and the CPU time as a multiple of the read + tokenize floor; then
# the issue 8 targets as ratios (the --jobs 2 speed-up is by wall time,
# so run it on a quiet machine).
# Usage: scripts/bench.sh [SIZE...]  sizes like 1k 10k 100k or a count
#                                    (default: 1k 10k)
#        scripts/bench.sh graph      only the 100k-actor / 1M-edge report
#                                    (BENCH_ACTORS, BENCH_EDGES to resize)
# BENCH_SEED (default 8) picks the corpus; corpora go to a temp dir.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${POLGRAPH_BIN:-$root/build/polgraph}
[ -x "$bin" ] || { echo "bench: build first (scripts/test.sh or cmake --build build)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---- graph analysis at scale (docs/report.md, "Large graphs") ----
# A store generated directly with sqlite3: BENCH_ACTORS actors (default
# 100k) and BENCH_EDGES relations (default 1M) in BENCH_EDGES / 100
# articles of 100 sentences, one relation per sentence. Edge i goes from
# actor i mod N (every actor has out-edges) to actor floor(N u^3), u
# uniform in [0, 1): in-degrees fall off as a power law (exponent about
# 2.5), a scale-free-ish graph with hubs at the low ids. Types: 40 %
# meets-with (symmetric), 30 % supports, 30 % criticizes, so the graph is
# directed. Each sentence mentions only the source actor, so there are
# no co-mentions: the graph has N vertices and (after merging repeated
# pairs) just under BENCH_EDGES edges. Everything else valid per
# src/schema.sql. Then `report --format json --timings` is timed: build +
# every metric, with betweenness and closeness sampled from the default k
# (16 on this graph, docs/report.md; BENCH_SOURCES="default 256 ..." to
# try others), with the seconds of each stage.
graph_bench() {
	local actors=${BENCH_ACTORS:-100000} edges=${BENCH_EDGES:-1000000}
	local db="$work/graph.db" start end seconds rss
	local articles=$(((edges + 99) / 100))

	rm -f "$db"
	: >"$work/empty.jsonl" # an empty ingest creates the schema
	"$bin" --db "$db" -q ingest "$work/empty.jsonl"
	start=$(date +%s.%N)
	sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $actors)
INSERT INTO actors (id, key, type, name)
	SELECT i + 1, 'person:bench-' || i, 'person', 'Bench Person ' || i FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $articles)
INSERT INTO articles (id, ext_id, fingerprint, date, lang, source, text)
	SELECT i + 1, 'bench-' || i, printf('%032x', i),
	       date('2025-01-01', '+' || (i % 365) || ' days'), 'en', 'Bench Wire',
	       'bench article' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $edges)
INSERT INTO sentences (article_id, idx, start, "end", paragraph)
	SELECT i / 100 + 1, i % 100, 0, 0, i % 100 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $edges)
INSERT INTO mentions (actor_id, article_id, sentence, start, "end", surface)
	SELECT i % $actors + 1, i / 100 + 1, i % 100, 0, 0, 'x' FROM n;
WITH RECURSIVE n(i, u) AS (
	SELECT 0, (abs(random()) % 1000000) / 1e6
	UNION ALL SELECT i + 1, (abs(random()) % 1000000) / 1e6 FROM n WHERE i + 1 < $edges),
e(i, s, t) AS (SELECT i, i % $actors, CAST($actors * u * u * u AS INTEGER) FROM n)
INSERT INTO relations (type, source_id, target_id, article_id, sentence, start, "end")
	SELECT CASE WHEN i % 10 < 4 THEN 'meets-with' WHEN i % 10 < 7 THEN 'supports'
	       ELSE 'criticizes' END,
	       s + 1, CASE WHEN t = s THEN (s + 1) % $actors ELSE t END + 1,
	       i / 100 + 1, i % 100, 0, 0 FROM e;
COMMIT;
SQL
	end=$(date +%s.%N)
	printf 'generated %d actors, %d relations in %.1f s\n' "$actors" "$edges" \
		"$(echo "$end - $start" | bc -l)"
	for sources in ${BENCH_SOURCES:-default}; do
		local flag=()
		[ "$sources" = default ] || flag=(--sources "$sources")
		start=$(date +%s.%N)
		/usr/bin/time -f '%M' -o "$work/rss" "$bin" --db "$db" report \
			--format json --timings "${flag[@]}" >"$work/graph.json" \
			2>"$work/err" || { cat "$work/err" >&2; exit 1; }
		end=$(date +%s.%N)
		seconds=$(echo "$end - $start" | bc -l)
		rss=$(tail -n 1 "$work/rss")
		sed -n 's/^polgraph report: /  stage /p' "$work/err"
		printf 'report --format json, k = %s: %d nodes, %d edges, betweenness %s\n' \
			"$sources" "$(jq .summary.nodes "$work/graph.json")" \
			"$(jq .summary.edges "$work/graph.json")" \
			"$(jq -r .summary.betweenness "$work/graph.json")"
		printf '%-34s %8.2f s %8.1f MB peak (target 10 s, 1024 MB)\n' \
			"report, k = $sources" "$seconds" "$(echo "$rss / 1024" | bc -l)"
	done
}

if [ "${1:-}" = graph ]; then
	graph_bench
	exit 0
fi

tokenize=${POLGRAPH_BENCH_TOKENIZE:-$(dirname "$bin")/tests/bench_tokenize}
[ -x "$tokenize" ] || { echo "bench: $tokenize missing (build the tests)" >&2; exit 1; }
mkdir -p "$work/empty-data"

# measure LABEL COMMAND...: runs it once with stdout to /dev/null and
# prints wall, CPU (user + system: an ingest's writes are system time),
# rate and peak RSS; the first call of a corpus (the tokenize floor) sets
# the reference for the ratio column. Leaves the seconds in $wall, $cpu.
measure() {
	local label=$1 user sys rss ratio
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
		{ cat "$work/err" >&2; exit 1; }
	read -r wall user sys rss <"$work/time"
	cpu=$(echo "$user + $sys" | bc -l)
	[ "$(echo "$cpu < 0.01" | bc)" = 1 ] && cpu=0.01
	[ -n "${floor:-}" ] || floor=$cpu
	ratio=$(echo "$cpu / $floor" | bc -l)
	printf '%-32s %7.2f %7.2f %9.0f %7.2f %7.1f %7.1fx\n' "$label" \
		"$wall" "$cpu" "$(echo "$articles / $cpu" | bc -l)" \
		"$(echo "$bytes / 1000000 / $cpu" | bc -l)" \
		"$(echo "$rss / 1024" | bc -l)" "$ratio"
}

# timed LABEL COMMAND...: wall and user seconds of a graph command.
timed() {
	local label=$1 wall user rss
	shift
	/usr/bin/time -f '%e %U %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
		{ cat "$work/err" >&2; exit 1; }
	read -r wall user rss <"$work/time"
	printf '%-32s %7.2f %7.2f %9s %7s %7.1f\n' "$label" "$wall" "$user" \
		"" "" "$(echo "$rss / 1024" | bc -l)"
}

corpus_bench() { # SIZE: 1k, 10k, 100k or a count
	local size=$1 count corpus db
	count=${size%k}
	[ "$count" = "$size" ] || count=$((count * 1000))
	corpus="$work/corpus-$size.jsonl"
	db="$work/bench-$size.db"
	python3 "$root/scripts/gen-corpus.py" -n "$count" --seed "${BENCH_SEED:-8}" >"$corpus"
	articles=$count
	bytes=$(jq -j .text "$corpus" | wc -c)
	floor=
	echo
	printf 'corpus %s: %d articles, %.1f MB of text, %.1f MB of JSON Lines (gen-corpus.py --seed %s)\n' \
		"$size" "$articles" "$(echo "$bytes / 1000000" | bc -l)" \
		"$(echo "$(wc -c <"$corpus") / 1000000" | bc -l)" "${BENCH_SEED:-8}"
	printf '%-32s %7s %7s %9s %7s %7s %8s\n' "" "wall s" "CPU s" "art/s" "MB/s" "RSS MB" "floor"
	measure "floor: read + tokenize" "$tokenize" "$corpus"
	measure "floor: + normalise + stem" "$tokenize" --stem "$corpus"
	stem_cpu=$cpu
	measure "wc -w" wc -w "$corpus"
	measure "extract, empty data dir" "$bin" --data "$work/empty-data" extract "$corpus"
	measure "extract, full data" "$bin" extract "$corpus"
	extract_cpu=$cpu
	measure "ingest --jobs 1" "$bin" --db "$db" -q ingest --jobs 1 "$corpus"
	ingest_cpu=$cpu ingest_wall=$wall
	rm -f "$db" "$db-wal" "$db-shm"
	measure "ingest --jobs 2" "$bin" --db "$db" -q ingest --jobs 2 "$corpus"
	printf 'targets (issue 8, one core unless said):\n'
	printf '  extract %.1f MB/s (>= 15); %.2fx the tokenize + stem floor (<= 3.5)\n' \
		"$(echo "$bytes / 1000000 / $extract_cpu" | bc -l)" \
		"$(echo "$extract_cpu / $stem_cpu" | bc -l)"
	printf '  ingest --jobs 1: %.2fx the CPU of extract (<= 1.5)\n' \
		"$(echo "$ingest_cpu / $extract_cpu" | bc -l)"
	printf '  ingest --jobs 2: %.2fx the rate of --jobs 1, by wall time (>= 1.7)\n' \
		"$(echo "$ingest_wall / $wall" | bc -l)"
	printf '%-32s %d bytes per article (%d bytes)\n' "database" \
		"$(($(stat -c %s "$db") / articles))" "$(stat -c %s "$db")"
	timed "report (build + metrics)" "$bin" --db "$db" report --timings
	sed -n 's/^polgraph report: /  stage /p' "$work/err"
	timed "render --top 500 to SVG" "$bin" --db "$db" render --top 500 -o "$work/graph.svg"
	rm -f "$corpus" "$db" "$db-wal" "$db-shm"
}

echo "polgraph bench: $bin on $(nproc) cores; wall and CPU (user + system) seconds, rates by CPU"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1k 10k)
for size in "${sizes[@]}"; do
	corpus_bench "$size"
done
