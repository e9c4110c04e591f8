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
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${POLGRAPH_BIN:-$root/build/polgraph}
[ -x "$bin" ] || { echo "bench: build first (scripts/test.sh or cmake --build build)" >&2; exit 1; }
copies=${1:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

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
