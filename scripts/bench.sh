#!/usr/bin/env bash
# bench.sh - speed and memory of the pipeline, printed, never asserted.
#
# Builds a corpus by repeating the sample corpus (data/sample/) N times
# with fresh ids, then times:
#   extract, full data            text + actor recognition (+ later stages)
#   extract, no lexicon or cues   the same pipeline with an empty data dir,
#                                 so the difference is what recognition costs
#   ingest into a new database    extraction plus SQLite storage
# Usage: scripts/bench.sh [N]     (default 200, i.e. 4800 articles)
#        scripts/bench.sh graph   only the 100k-actor / 1M-edge report
#                                 (BENCH_ACTORS, BENCH_EDGES to resize)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${POLGRAPH_BIN:-$root/build/polgraph}
[ -x "$bin" ] || { echo "bench: build first (scripts/test.sh or cmake --build build)" >&2; exit 1; }
copies=${1:-200}
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
# (20 on this graph, docs/report.md; BENCH_SOURCES="default 256 ..." to
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

# The sample articles as stored (one JSON line each), then N copies with
# new ids.
"$bin" --db "$work/sample.db" -q ingest "$root/data/sample"
sqlite3 -json "$work/sample.db" \
	'SELECT ext_id AS id, date, lang, title, source, url, text FROM articles' |
	jq -c '.[]' >"$work/one.jsonl"
for i in $(seq 1 "$copies"); do
	jq -c --arg n "$i" '.id = (.id + "#" + $n) | .text = (.text + "\n\n(" + $n + ")")' "$work/one.jsonl"
done >"$work/corpus.jsonl"
articles=$(wc -l <"$work/corpus.jsonl")
bytes=$(jq -r .text "$work/corpus.jsonl" | wc -c)
mkdir -p "$work/empty-data"

measure() { # label, command...
	local label=$1 start end seconds rss
	shift
	start=$(date +%s.%N)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/err" ||
			{ cat "$work/err" >&2; exit 1; }
		rss=$(tail -n 1 "$work/rss")
	else
		"$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
		rss=0
	fi
	end=$(date +%s.%N)
	seconds=$(echo "$end - $start" | bc -l)
	printf '%-34s %8.2f s %9.0f articles/s %7.2f MB/s %8.1f MB peak\n' \
		"$label" "$seconds" "$(echo "$articles / $seconds" | bc -l)" \
		"$(echo "$bytes / 1000000 / $seconds" | bc -l)" \
		"$(echo "$rss / 1024" | bc -l)"
}

echo "corpus: $articles articles, $(echo "$bytes / 1000000" | bc -l | cut -c1-5) MB of text ($copies x data/sample)"
measure "extract, full data" "$bin" extract "$work/corpus.jsonl"
measure "extract, no lexicon or cues" "$bin" --data "$work/empty-data" extract "$work/corpus.jsonl"
measure "ingest into a new database" "$bin" --db "$work/bench.db" -q ingest "$work/corpus.jsonl"
measure "lexicon load only (1 article)" "$bin" extract "$root/data/sample/txt/01-minsk-vilnius-border.txt"
# Graph analysis (docs/report.md): build from the store + every metric.
# The per-article columns are relative to the corpus size.
measure "report, sentence window" "$bin" --db "$work/bench.db" report
measure "report, document window, json" "$bin" --db "$work/bench.db" report --window document --format json
graph_bench
