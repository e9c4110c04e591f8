#!/usr/bin/env bash
# The edge tooltips' evidence of `polgraph render`, kept while the graph
# is built (filter keep_evidence, graph.h), is what a pass over the
# store's edge rows in evidence order gives: g:render draws a graph built
# without kept evidence, so it takes that pass (drawing.c), and the two
# DOT files must be the same bytes under every filter that changes the
# rows: types, actor types, windows, dates, weights, ego subgraphs, the
# number of sentences shown, and symmetric relations stated both ways.
. "$(dirname "$0")/lib.sh"

(cd "$SRC" && polgraph -q ingest data/sample) 2>/dev/null
q() { polgraph query -e "$1"; }

# the sample has what the order of kept rows must get right
check_eq "meets-with stated both ways round" \
	"$(polgraph sql "SELECT count(*) > 0 FROM relations a JOIN relations b
		ON b.type = a.type AND b.source_id = a.target_id
		AND b.target_id = a.source_id WHERE a.type = 'meets-with'
		AND a.negated = 0 AND b.negated = 0" --format csv | tail -1)" 1

# same LUA-FILTER LUA-OPTIONS CLI-ARGS...: g:render's DOT = render's DOT
same() {
	local name=$1 filter=$2 options=$3
	shift 3
	rm -f q.dot c.dot
	q "pg.graph{$filter}:render(\"q.dot\", {$options})"
	polgraph render --format dot "$@" -o c.dot
	check_file "$name" q.dot c.dot
}

same "whole graph" "" "top = 1000" --top 1000
same "whole graph, 1 sentence" "" "top = 1000, evidence = 1" --top 1000 --evidence 1
same "whole graph, 8 sentences" "" "top = 1000, evidence = 8" --top 1000 --evidence 8
same "no evidence" "" "top = 1000, evidence = 0" --top 1000 --evidence 0
same "top 10" "" "top = 10" --top 10
same "meets-with only" 'types = {"meets-with"}' "evidence = 8" -t meets-with --evidence 8
same "co-mentions, paragraph" 'types = {"comention"}, window = "paragraph"' "evidence = 5" \
	-t comention --window paragraph --evidence 5
same "co-mentions, 3 sentences" 'window = "3"' "evidence = 5" --window 3 --evidence 5
same "co-mentions, document" 'window = "document"' "evidence = 4" --window document --evidence 4
same "people and countries" 'actor_types = {"person", "country"}' "" --actor-type person,country
same "since, min weight 2" 'since = "2025-10-01", min_weight = 2' "evidence = 6" \
	--since 2025-10-01 --min-weight 2 --evidence 6
q 'pg.graph{}:subgraph{center = "Лукашенко", depth = 1}:render("q.dot", {evidence = 5})'
polgraph render --format dot --ego Lukashenka --depth 1 --evidence 5 -o c.dot
check_file "ego graph" q.dot c.dot
check_grep "tooltips say how many rows are not shown" '(.* more)' c.dot

# Without actor types the graph's co-mentions come by actor rowid
# (store.h, ids_only), with them by key: naming every type there is must
# give the same graph, edge order and evidence.
all_types=$(polgraph sql "SELECT group_concat(DISTINCT type) FROM actors" --format csv |
	tail -1 | tr -d '"')
for window in sentence 2; do
	polgraph render --format dot --top 1000 --window $window --evidence 5 -o ids.dot
	polgraph render --format dot --top 1000 --window $window --evidence 5 \
		--actor-type "$all_types" -o keys.dot
	check_file "co-mentions by rowid = by key, window $window" keys.dot ids.dot
	# DOT lists edges by their tail node; exports in edge order
	polgraph export --format csv --window $window -o ids.csv
	polgraph export --format csv --window $window --actor-type "$all_types" -o keys.csv
	check_file "edge order by rowid = by key, window $window" \
		keys-edges.csv ids-edges.csv
done
finish
