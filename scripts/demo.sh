#!/usr/bin/env bash
# demo.sh - the whole pipeline on the sample corpus, from a fresh machine:
# installs what is missing, builds, ingests data/sample/ into a database,
# writes the extraction as JSON Lines, and prints where everything is.
#
#   scripts/demo.sh [OUTPUT_DIR]      (default demo/)
set -euo pipefail
POLGRAPH_ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=deps.sh
. "$POLGRAPH_ROOT/scripts/deps.sh"

polgraph_install_deps
polgraph_build build
bin=$POLGRAPH_ROOT/build/polgraph
out=${1:-$POLGRAPH_ROOT/demo}
mkdir -p "$out"
db=$out/polgraph.db
rm -f "$db" "$db-wal" "$db-shm"

echo "== ingest data/sample/ into $db"
(cd "$POLGRAPH_ROOT" && "$bin" --db "$db" ingest data/sample)

echo "== extract data/sample/ as JSON Lines"
(cd "$POLGRAPH_ROOT" && "$bin" extract data/sample) >"$out/extract.jsonl"

echo "== what the database holds"
"$bin" --db "$db" stats | tee "$out/stats.txt"
"$bin" --db "$db" articles >"$out/articles.tsv"

echo "== actors found most often (from the extraction)"
jq -r '.actors[] | "\(.key)\t\(.name)\t\(.mentions | length)"' "$out/extract.jsonl" |
	awk -F'\t' '{n[$1 "\t" $2] += $3} END {for (k in n) print n[k] "\t" k}' |
	sort -rn | head -n 12 | tee "$out/actors.tsv"

echo "== centrality report (top 10; full report in $out/report.txt, JSON in report.json)"
"$bin" --db "$db" report >"$out/report.txt"
"$bin" --db "$db" report --format json >"$out/report.json"
"$bin" --db "$db" report --top 10 --metrics degree,pagerank,betweenness,community

echo "== typed relations with their evidence"
jq -r '.id as $id | .relations[] | select(.rule != "lexicon.role") |
	"\(.type)\t\(.source) -> \(.target)\(if .negated then " (negated)" else "" end)\t\($id)"' \
	"$out/extract.jsonl" | tee "$out/relations.tsv" | head -n 20

first=$(cut -f1 "$out/articles.tsv" | sed -n 2p)
echo "== first article, sentence by sentence ($first)"
"$bin" --db "$db" show --text "$first" | head -n 8

cat <<MSG

outputs:
  database      $db
  extraction    $out/extract.jsonl   (one JSON object per article)
  article list  $out/articles.tsv
  actors        $out/actors.tsv     (mentions, key, name)
  relations     $out/relations.tsv  (type, source -> target, article)
  statistics    $out/stats.txt
  report        $out/report.txt      (centralities per actor; report.json)
try:
  $bin --db $db articles
  $bin --db $db show --text '$first'
  $bin extract data/sample/txt/01-*.txt | jq .
MSG
