#!/usr/bin/env bash
# Graph queries: actor names on the command line, --ego, neighbors, path
# and evidence, on the sample corpus and on a controlled chain of
# meets-with sentences (Rubio - Lavrov - Parolin - Sokolovskaya).
. "$(dirname "$0")/lib.sh"

polgraph -q ingest "$SRC/data/sample" 2>/dev/null
LUK=person:alexander-lukashenko

# Names: any alias, case or script, a key; unknown people from the store.
for name in Лукашенко лукашенко Lukashenka LUKASHENKO "$LUK"; do
	check_eq "'$name' resolves" \
		"$(polgraph neighbors "$name" --format json | jq -r .actor.key)" "$LUK"
done
for name in Соколовская "ирина викторовна соколовская" person:irina-sokolovskaya; do
	check_eq "unknown person '$name' resolves" \
		"$(polgraph neighbors "$name" --format json | jq -r .actor.key)" \
		person:irina-sokolovskaya
done
polgraph neighbors Nobodyski >out 2>err
check_eq "unknown name: exit" $? 1
check_eq "unknown name: message" "$(cat err)" "polgraph: error: no actor matches 'Nobodyski'"
mkdir -p data/actors
cat >data/actors/t.jsonl <<'JSONL'
{"key": "person:ivan-petrov", "type": "person", "name": "Ivan Petrov", "names": {"en": ["Ivan Petrov", "Petrov"]}}
{"key": "person:oleg-petrov", "type": "person", "name": "Oleg Petrov", "names": {"en": ["Oleg Petrov", "Petrov"]}}
JSONL
polgraph --data data neighbors Petrov >out 2>err
check_eq "ambiguous name: exit" $? 1
check_eq "ambiguous name: message" "$(cat err)" \
	"polgraph: error: 'Petrov' is ambiguous: person:ivan-petrov (Ivan Petrov), person:oleg-petrov (Oleg Petrov)"

# neighbors: exactly the actors one edge away (relations and co-mentions
# in one sentence), derived from the database.
want=$(sqlite3 test.db "
	WITH l AS (SELECT id FROM actors WHERE key = '$LUK'),
	rel AS (SELECT CASE WHEN r.source_id = (SELECT id FROM l) THEN r.target_id
		ELSE r.source_id END AS other FROM relations r
		WHERE r.negated = 0 AND r.source_id <> r.target_id
		AND (SELECT id FROM l) IN (r.source_id, r.target_id)),
	co AS (SELECT DISTINCT y.actor_id AS other FROM mentions x JOIN mentions y
		ON y.article_id = x.article_id AND y.sentence = x.sentence
		WHERE x.actor_id = (SELECT id FROM l) AND y.actor_id <> x.actor_id)
	SELECT key FROM actors WHERE id IN (SELECT other FROM rel UNION SELECT other FROM co)
	ORDER BY key")
polgraph neighbors Лукашенко --format json >n.json
check_eq "neighbors exit" $? 0
check_eq "neighbors of Lukashenko" "$(jq -r '[.neighbors[].key] | unique[]' n.json)" "$want"
check_eq "neighbors sorted by weight" \
	"$(jq '[.neighbors[].weight] | . == (sort | reverse)' n.json)" true
check_eq "holds-position is out" \
	"$(jq -r '.neighbors[] | select(.type == "holds-position" and .key == "country:BLR") | .direction' n.json)" out
want=$(sqlite3 test.db "SELECT count(DISTINCT a.ext_id) FROM relations r
	JOIN actors s ON s.id = r.source_id JOIN actors t ON t.id = r.target_id
	JOIN articles a ON a.id = r.article_id WHERE r.negated = 0
	AND r.type = 'meets-with' AND '$LUK' IN (s.key, t.key)
	AND 'person:keith-kellogg' IN (s.key, t.key)")
check_eq "meets-with weight = articles" \
	"$(jq '.neighbors[] | select(.type == "meets-with" and .key == "person:keith-kellogg") | .weight' n.json)" "$want"
polgraph neighbors Лукашенко >n.txt
check_grep "neighbors text header" '^key +type +dir +weight +sentences +first +last +name$' n.txt
check_eq "text rows = json rows" "$(($(wc -l <n.txt) - 1))" "$(jq '.neighbors | length' n.json)"

# --ego: at depth 1 the actor and its distinct neighbours.
degree=$(jq '[.neighbors[].key] | unique | length' n.json)
check_eq "ego depth 1: degree + 1 nodes" \
	"$(polgraph report --ego Лукашенко --depth 1 --format json | jq .summary.nodes)" "$((degree + 1))"
check_eq "ego depth 0: one node" \
	"$(polgraph report --ego Lukashenka --depth 0 --format json | jq .summary.nodes)" 1
check_eq "ego depth 2 is wider" \
	"$(polgraph report --ego Lukashenka --depth 2 --format json | jq ".summary.nodes > $((degree + 1))")" true
check_eq "ego on neighbors keeps the neighbours" \
	"$(polgraph neighbors Лукашенко --ego Лукашенко --format json | jq -c '[.neighbors[].key]')" \
	"$(jq -c '[.neighbors[].key]' n.json)"
check_status "bad depth" 2 polgraph report --ego Лукашенко --depth -1
check_status "unknown ego" 1 polgraph report --ego Nobodyski

# evidence for a pair: every non-negated relation sentence, either order.
want=$(sqlite3 test.db "SELECT count(*) FROM relations r
	JOIN actors s ON s.id = r.source_id JOIN actors t ON t.id = r.target_id
	WHERE r.negated = 0 AND '$LUK' IN (s.key, t.key)
	AND 'person:keith-kellogg' IN (s.key, t.key)")
polgraph evidence Lukashenko Kellogg >e.tsv
check_eq "evidence exit" $? 0
check_eq "evidence lines for a pair" "$(wc -l <e.tsv)" "$want"
check_eq "evidence columns" "$(awk -F'\t' '{print NF}' e.tsv | sort -u)" 7
check_grep "evidence sentence" $'^meets-with\tperson:alexander-lukashenko\tperson:keith-kellogg\t.*03-kellogg-minsk-talks.txt\t2025-10-03\t-\tLukashenko received Mr. Kellogg at the Palace of Independence' e.tsv
check_eq "evidence json agrees" \
	"$(polgraph evidence Lukashenko Kellogg --format json | jq '.evidence | length')" "$want"
want=$(sqlite3 test.db "SELECT count(*) FROM relations r
	JOIN actors s ON s.id = r.source_id JOIN actors t ON t.id = r.target_id
	WHERE r.negated = 0 AND s.id <> t.id AND '$LUK' IN (s.key, t.key)")
check_eq "evidence of one actor" "$(polgraph evidence Лукашенко | wc -l)" "$want"

# A controlled chain: path length, hops and evidence.
cat >chain.jsonl <<'JSONL'
{"id":"chain-1","date":"2025-11-01","lang":"en","source":"Test Wire","text":"Marco Rubio met Sergey Lavrov on Monday."}
{"id":"chain-2","date":"2025-11-02","lang":"en","source":"Test Wire","text":"Sergey Lavrov met Pietro Parolin on Tuesday."}
{"id":"chain-3","date":"2025-11-03","lang":"en","source":"Test Wire","text":"Pietro Parolin met Irina Sokolovskaya, an adviser, on Wednesday."}
JSONL
polgraph --db chain.db -q ingest chain.jsonl
polgraph --db chain.db path Rubio "Irina Sokolovskaya" --format json >p.json
check_eq "path exit" $? 0
check_eq "path hops" "$(jq .hops p.json)" 3
check_eq "path actors" "$(jq -r '[.path[].key] | join(" ")' p.json)" \
	"person:marco-rubio person:sergey-lavrov person:pietro-parolin person:irina-sokolovskaya"
check_eq "path edge types" "$(jq -r '[.edges[].type] | unique | join(",")' p.json)" meets-with
check_eq "path evidence" "$(jq -r '.edges[1].evidence[0] | [.article, .date, .source, .sentence] | join("|")' p.json)" \
	"chain-2|2025-11-02|Test Wire|Sergey Lavrov met Pietro Parolin on Tuesday."
polgraph --db chain.db path 'Марко Рубио' person:sergey-lavrov >p.txt
check_file "path text" - p.txt <<'TXT'
1 hop
person:marco-rubio (Marco Rubio)
  person:marco-rubio -- person:sergey-lavrov meets-with, weight 1, sentences 1
    2025-11-01  chain-1  Marco Rubio met Sergey Lavrov on Monday.
person:sergey-lavrov (Sergey Lavrov)
TXT
polgraph --db chain.db path Rubio "Irina Sokolovskaya" --until 2025-11-02 >out 2>err
check_eq "no path: exit" $? 1
check_eq "no path: message" "$(cat err)" \
	"polgraph: error: no path between 'Rubio' and 'Irina Sokolovskaya'"
check_eq "chain evidence" "$(polgraph --db chain.db evidence Parolin | cut -f1-5)" \
	"$(printf 'meets-with\tperson:pietro-parolin\tperson:irina-sokolovskaya\tchain-3\t2025-11-03\nmeets-with\tperson:sergey-lavrov\tperson:pietro-parolin\tchain-2\t2025-11-02')"
check_eq "chain neighbors" \
	"$(polgraph --db chain.db neighbors Lavrov --type meets-with | awk 'NR > 1 {print $1, $3, $4}')" \
	"$(printf 'person:marco-rubio both 1\nperson:pietro-parolin both 1')"

# Help and usage.
for command in neighbors path evidence; do
	polgraph "$command" --help >h.txt
	check_eq "$command --help: exit" $? 0
	check_grep "$command --help: usage" "^usage: polgraph \[--db PATH\] $command " h.txt
	check_grep "$command --help: filters" '^  --ego ACTOR' h.txt
done
check_status "neighbors without actor" 2 polgraph neighbors
check_status "path with one actor" 2 polgraph path Лукашенко
check_status "evidence with three actors" 2 polgraph evidence a b c
check_status "bad format" 2 polgraph neighbors Лукашенко --format xml

finish
