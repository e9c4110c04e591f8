#!/usr/bin/env bash
# polgraph report --compare: September against October 2025 on the sample
# corpus; actors, edges and rank changes checked against the database and
# against the report of each period.
. "$(dirname "$0")/lib.sh"

polgraph -q ingest "$SRC/data/sample" 2>/dev/null
SEP=2025-09-01..2025-09-30
OCT=2025-10-01..2025-10-31

mentioned() { # since until: keys of the actors mentioned then, sorted
	sqlite3 test.db "SELECT DISTINCT x.key FROM mentions m
		JOIN actors x ON x.id = m.actor_id JOIN articles a ON a.id = m.article_id
		WHERE a.date BETWEEN '$1' AND '$2' ORDER BY x.key"
}
mentioned 2025-09-01 2025-09-30 >sep.keys
mentioned 2025-10-01 2025-10-31 >oct.keys

polgraph report --compare "$SEP" "$OCT" --format json >c.json
check_eq "compare json: exit" $? 0
check_eq "periods" "$(jq -c '[.periods[] | [.since, .until]]' c.json)" \
	'[["2025-09-01","2025-09-30"],["2025-10-01","2025-10-31"]]'
check_eq "period nodes = report of the period" "$(jq .periods[1].nodes c.json)" \
	"$(polgraph report --since 2025-10-01 --until 2025-10-31 --format json | jq .summary.nodes)"
check_eq "appeared = mentioned in October only" \
	"$(jq -r '.actors.appeared[].key' c.json)" "$(comm -13 sep.keys oct.keys)"
check_eq "vanished = mentioned in September only" \
	"$(jq -r '.actors.vanished[].key' c.json)" "$(comm -23 sep.keys oct.keys)"
check_eq "Germany appeared" \
	"$(jq -r '.actors.appeared[] | select(.key == "country:DEU") | .name' c.json)" Germany

# meets-with pairs (negated excluded), per period, "source target" in key order.
pairs() {
	sqlite3 -separator ' ' test.db "SELECT DISTINCT min(s.key, t.key), max(s.key, t.key)
		FROM relations r JOIN actors s ON s.id = r.source_id
		JOIN actors t ON t.id = r.target_id JOIN articles a ON a.id = r.article_id
		WHERE r.type = 'meets-with' AND r.negated = 0 AND s.id <> t.id
		AND a.date BETWEEN '$1' AND '$2' ORDER BY 1, 2"
}
pairs 2025-09-01 2025-09-30 >sep.pairs
pairs 2025-10-01 2025-10-31 >oct.pairs
polgraph report --compare "$SEP" "$OCT" --type meets-with --format json >m.json
check_eq "meets-with edges appeared" \
	"$(jq -r '.edges.appeared[] | "\(.source) \(.target)"' m.json | sort)" "$(comm -13 sep.pairs oct.pairs)"
check_eq "meets-with edges vanished" \
	"$(jq -r '.edges.vanished[] | "\(.source) \(.target)"' m.json | sort)" "$(comm -23 sep.pairs oct.pairs)"
check_grep "Kellogg meeting appeared" \
	'person:alexander-lukashenko person:keith-kellogg' <(jq -r '.edges.appeared[] | "\(.source) \(.target)"' m.json)

# Ranks: before/after are the PageRank ranks of each period's report.
rank() { # since until key
	polgraph report --since "$1" --until "$2" --sort pagerank --format json |
		jq --arg k "$3" '.actors[] | select(.key == $k) | .rank'
}
key=$(jq -r '.pagerank_rank.rises[0].key' c.json)
check_eq "top rise: rank before" "$(jq '.pagerank_rank.rises[0].before' c.json)" \
	"$(rank 2025-09-01 2025-09-30 "$key")"
check_eq "top rise: rank after" "$(jq '.pagerank_rank.rises[0].after' c.json)" \
	"$(rank 2025-10-01 2025-10-31 "$key")"
key=$(jq -r '.pagerank_rank.falls[0].key' c.json)
check_eq "top fall: rank after" "$(jq '.pagerank_rank.falls[0].after' c.json)" \
	"$(rank 2025-10-01 2025-10-31 "$key")"
check_eq "at most 10 rises, all rises" \
	"$(jq '.pagerank_rank.rises | length <= 10 and all(.after < .before)' c.json)" true
check_eq "falls are falls" "$(jq '.pagerank_rank.falls | all(.after > .before)' c.json)" true
check_eq "rises by size" \
	"$(jq '[.pagerank_rank.rises[] | .before - .after] | . == (sort | reverse)' c.json)" true

# Text and CSV carry the same facts.
polgraph report --compare "$SEP" "$OCT" >c.txt
check_grep "text periods" '^period 2: 2025-10-01\.\.2025-10-31, nodes [0-9]+, edges [0-9]+$' c.txt
check_grep "text appeared count" "^actors appeared \\($(jq '.actors.appeared | length' c.json)\\)$" c.txt
check_grep "text appeared actor" '^  country:DEU  Germany$' c.txt
polgraph report --compare "$SEP" "$OCT" --format csv >c.csv
check_eq "csv header" "$(head -n 1 c.csv)" "kind,change,key,target,type,name,before,after"
check_eq "csv appeared actors" "$(grep -c '^actor,appeared,' c.csv)" "$(jq '.actors.appeared | length' c.json)"
check_eq "csv vanished edges" "$(grep -c '^edge,vanished,' c.csv)" "$(jq '.edges.vanished | length' c.json)"
check_grep "csv rise row" "^rank,rise,$(jq -r '.pagerank_rank.rises[0] | "\(.key),,,\(.name),\(.before),\(.after)"' c.json)\$" c.csv

check_status "one period" 2 polgraph report --compare "$SEP"
check_status "bad period" 2 polgraph report --compare 2025-09-01 "$OCT"
check_status "reversed period" 2 polgraph report --compare 2025-09-30..2025-09-01 "$OCT"

finish
