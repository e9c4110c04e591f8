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
	sort -rn | sed -n '1,12p' | tee "$out/actors.tsv"

echo "== centrality report (top 10; full report in $out/report.txt, JSON in report.json)"
"$bin" --db "$db" report >"$out/report.txt"
"$bin" --db "$db" report --format json >"$out/report.json"
"$bin" --db "$db" report --top 10 --metrics degree,pagerank,betweenness,community

echo "== diagrams and the HTML report"
"$bin" --db "$db" render --top 25 --title "polgraph demo: the 25 actors with the highest PageRank" \
	-o "$out/graph.svg"
"$bin" --db "$db" render --top 25 -o "$out/graph.dot"
"$bin" --db "$db" report --top 30 --html "$out/report.html"
"$bin" --db "$db" export --centrality -o "$out/graph.graphml"
ls -l "$out/graph.svg" "$out/report.html" "$out/graph.graphml" | awk '{print "  " $NF " (" $5 " bytes)"}'

echo "== a Lua query: who brokers between whom (graphs/queries/brokers.lua)"
"$bin" --db "$db" query "$POLGRAPH_ROOT/graphs/queries/brokers.lua" 5

echo "== typed relations with their evidence"
jq -r '.id as $id | .relations[] | select(.rule != "lexicon.role") |
	"\(.type)\t\(.source) -> \(.target)\(if .negated then " (negated)" else "" end)\t\($id)"' \
	"$out/extract.jsonl" | tee "$out/relations.tsv" | sed -n '1,20p'

first=$(cut -f1 "$out/articles.tsv" | sed -n 2p)
echo "== first article, sentence by sentence ($first)"
"$bin" --db "$db" show --text "$first" | sed -n '1,8p'

cat <<MSG

outputs:
  database      $db
  extraction    $out/extract.jsonl   (one JSON object per article)
  article list  $out/articles.tsv
  actors        $out/actors.tsv     (mentions, key, name)
  relations     $out/relations.tsv  (type, source -> target, article)
  statistics    $out/stats.txt
  report        $out/report.txt      (centralities per actor; report.json)
  diagram       $out/graph.svg       (hover for evidence; graph.dot the same graph)
  HTML report   $out/report.html     (open in a browser)
  GraphML       $out/graph.graphml   (Gephi, Cytoscape, NetworkX)
try:
  $bin --db $db articles
  $bin --db $db show --text '$first'
  $bin extract data/sample/txt/01-*.txt | jq .
MSG
