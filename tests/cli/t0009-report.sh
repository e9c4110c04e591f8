#!/usr/bin/env bash
# polgraph report on the sample corpus: the summary agrees with the
# database, the ranking is stable, the three formats, filters, and usage
# errors.
. "$(dirname "$0")/lib.sh"

polgraph -q ingest "$SRC/data/sample" 2>/dev/null

polgraph report --format json >r1.json
check_eq "report json: exit" $? 0
polgraph report --format json >r2.json
check_file "the same report twice is byte-identical" r1.json r2.json
check_eq "top actor by degree" "$(jq -r '.actors[0].key' r1.json)" "country:BLR"
check_eq "one node per stored actor" "$(jq .summary.nodes r1.json)" \
	"$(polgraph stats --format json | jq .actors)"
check_eq "edges per type add up" "$(jq '[.summary.edge_types[]] | add' r1.json)" \
	"$(jq .summary.edges r1.json)"
check_eq "pagerank sums to 1" "$(jq '[.actors[].pagerank] | add * 1e6 | round' r1.json)" 1000000
check_eq "betweenness method" "$(jq -r .summary.betweenness r1.json)" exact
check_eq "closeness method" "$(jq -r .summary.closeness r1.json)" exact
check_eq "ranks are by degree" \
	"$(jq '[.actors[].degree] | . == (sort | reverse)' r1.json)" true

polgraph report >t1.txt
polgraph report >t2.txt
check_file "text report is stable" t1.txt t2.txt
check_grep "text summary" '^nodes [0-9]+, edges [0-9]+ \(' t1.txt
check_grep "text method line" '^betweenness: exact; closeness: exact$' t1.txt
check_file "--sources changes nothing on a small graph" r1.json \
	<(polgraph report --format json --sources 4)
check_grep "text header" '^rank +key +type +in +out +degree' t1.txt
check_grep "text first row" '^ +1  country:BLR ' t1.txt

polgraph report --format csv --top 3 --metrics degree,pagerank >r.csv
check_eq "csv header" "$(head -n 1 r.csv)" "rank,key,type,name,degree,pagerank"
check_eq "csv rows" "$(wc -l <r.csv)" 4
check_eq "csv first row" "$(sed -n 2p r.csv | cut -d, -f1-3)" "1,country:BLR,country"

# Negated relations never enter the graph; meets-with is undirected.
want=$(sqlite3 test.db "SELECT count(DISTINCT min(source_id, target_id) || '-' ||
	max(source_id, target_id)) FROM relations
	WHERE type = 'meets-with' AND negated = 0 AND source_id <> target_id")
polgraph report --type meets-with --format json >m.json
check_eq "meets-with edges: one per pair, negated excluded" \
	"$(jq .summary.edges m.json)" "$want"
check_eq "meets-with only" "$(jq -c '.summary.edge_types | keys' m.json)" '["meets-with"]'
check_eq "symmetric only: undirected" "$(jq .summary.directed m.json)" false

polgraph report --type comention --window document --format json >d.json
polgraph report --type comention --window sentence --format json >s.json
check_eq "a wider window gives more co-mentions" \
	"$(jq "$(jq .summary.edges d.json) > .summary.edges" s.json)" true

polgraph report --since 2025-10-01 --until 2025-10-31 --format json >o.json
check_eq "dates narrow the graph" "$(jq ".summary.nodes < $(jq .summary.nodes r1.json)" o.json)" true
polgraph report --min-weight 2 --top 5 --sort pagerank --metrics pagerank,community --format json >w.json
check_eq "--top" "$(jq '.actors | length' w.json)" 5
check_eq "--metrics" "$(jq -c '.actors[0] | keys' w.json)" \
	'["community","key","mentions","name","pagerank","rank","type"]'
check_eq "--sort pagerank" "$(jq '[.actors[].pagerank] | . == (sort | reverse)' w.json)" true

# Community methods: both give a partition of every actor with modularity
# in [-0.5, 1]; Leiden is the default; --timings names every stage.
polgraph report --format json >leiden.json
polgraph report --community leiden --format json >leiden2.json
check_file "leiden is the default" leiden.json leiden2.json
polgraph report --community louvain --format json >louvain.json
for f in leiden louvain; do
	check_eq "$f: communities numbered 0..c-1" \
		"$(jq '[.actors[].community] | unique | . == [range(0; length)]' $f.json)" true
	check_eq "$f: count in summary" \
		"$(jq '([.actors[].community] | unique | length) == .summary.communities' $f.json)" true
	check_eq "$f: modularity in range" \
		"$(jq '.summary.modularity > 0 and .summary.modularity <= 1' $f.json)" true
done
polgraph report --timings --format json 2>timings.txt >/dev/null
check_eq "--timings stages" "$(awk '{print $3}' timings.txt | tr '\n' ' ')" \
	"graph summary pagerank closeness kcore community betweenness hub-authority eigenvector output "
check_status "bad community method" 2 polgraph report --community girvan
# --metrics computes only what it shows: the same values as a full run.
polgraph report --metrics pagerank,kcore --sort pagerank --format json >few.json
polgraph report --sort pagerank --format json >all.json
check_eq "--metrics: same pagerank and kcore as a full report" \
	"$(jq -c '[.actors[] | [.key, .pagerank, .kcore]]' few.json)" \
	"$(jq -c '[.actors[] | [.key, .pagerank, .kcore]]' all.json)"
check_eq "--metrics: same communities in the summary" \
	"$(jq .summary.communities few.json)" "$(jq .summary.communities all.json)"

check_status "bad window" 2 polgraph report --window fortnight
check_status "unknown metric" 2 polgraph report --sort fame
check_status "bad date" 2 polgraph report --since 1.10.2025
check_status "bad damping" 2 polgraph report --damping 1.5
check_status "bad sources" 2 polgraph report --sources 0
check_status "bad format" 2 polgraph report --format xml
check_status "missing database" 1 polgraph --db missing.db report

finish
