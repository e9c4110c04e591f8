#!/usr/bin/env bash
# examples.sh - regenerates graphs/examples/ from the sample corpus:
# diagrams (SVG; the README shows them) and the export formats.
#
#   scripts/examples.sh [BUILD_DIR]    # default build/
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
polgraph=$root/${1:-build}/polgraph
out=$root/graphs/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$polgraph" ] || { echo "examples: build first ($polgraph is missing)" >&2; exit 1; }

export POLGRAPH_DB=$tmp/sample.db
# relative paths: article ids must not depend on where the tree is
(cd "$root" && "$polgraph" -q ingest data/sample)
mkdir -p "$out"
"$polgraph" render --top 25 --title "Sample corpus: the 25 actors with the highest PageRank" \
	-o "$out/top25.svg"
"$polgraph" render --top 25 -o "$out/top25.dot"
"$polgraph" render --type meets-with,criticizes,supports,sanctions-imposed-by,sanctions-lifted-by \
	--labels ru --cluster community --title "Relations without co-mentions, Russian labels, communities" \
	-o "$out/relations-ru.svg"
"$polgraph" render --title "The whole sample graph (sfdp)" -o "$out/all.svg"
"$polgraph" render --ego Lukashenko --depth 1 --title "Lukashenko and his neighbours" \
	-o "$out/ego-lukashenko.svg"
"$polgraph" export --centrality -o "$out/sample.graphml"
"$polgraph" export --centrality -o "$out/sample.gexf"
"$polgraph" export --centrality -o "$out/sample.json"
"$polgraph" export --centrality -o "$out/sample.csv"
"$polgraph" report --top 30 --html "$out/report.html"
echo "examples: wrote $(ls "$out" | wc -l) files to graphs/examples/" >&2
