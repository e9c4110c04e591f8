#!/usr/bin/env bash
# --format csv of neighbors, path and evidence: the header lines, one row
# per JSON item, and RFC 4180 quoting of fields holding commas and double
# quotes (a sentence, an article source and an actor name of our own).
. "$(dirname "$0")/lib.sh"

# The shipped lexicon plus one person whose name has a comma and quotes.
mkdir -p data
cp -R "$SRC/data/actors" "$SRC/data/recognize" "$SRC/data/rules" data/
cat >data/actors/zz-test.jsonl <<'JSONL'
{"key": "person:jane-doe", "type": "person", "name": "Doe, Jane \"JD\"", "names": {"en": ["Jane Doe"]}}
JSONL
cat >quote.jsonl <<'JSONL'
{"id":"q-1","date":"2025-11-01","lang":"en","source":"Test, Wire","text":"Marco Rubio met Sergey Lavrov in Geneva, calling the talks \"useful\"."}
{"id":"q-2","date":"2025-11-02","lang":"en","source":"Test Wire","text":"Jane Doe met Sergey Lavrov in Geneva."}
JSONL
polgraph --data data -q ingest "$SRC/data/sample" 2>/dev/null
polgraph --data data -q ingest quote.jsonl
check_eq "ingest exit" $? 0

# csv_records FILE: the number of CSV records after the header (a quoted
# field may hold a newline: a record ends where the quotes balance).
csv_records() {
	awk '{ q += gsub(/"/, "\""); if (q % 2 == 0) { n++; q = 0 } }
		END { print n - 1 }' "$1"
}

# neighbors
polgraph neighbors Лукашенко --format csv >n.csv
check_eq "neighbors csv exit" $? 0
polgraph neighbors Лукашенко --format json >n.json
check_eq "neighbors csv header" "$(head -n 1 n.csv)" \
	"key,type,direction,weight,sentences,first,last,name"
check_eq "neighbors csv rows = json items" "$(csv_records n.csv)" \
	"$(jq '.neighbors | length' n.json)"
check_eq "neighbors csv keys = json keys" "$(tail -n +2 n.csv | cut -d, -f1-5)" \
	"$(jq -r '.neighbors[] | [.key, .type, .direction, .weight, .sentences] | join(",")' n.json)"
polgraph neighbors Lavrov --type meets-with --until 2025-11-30 --since 2025-11-01 --format csv >l.csv
check_file "neighbors csv quoting" - l.csv <<'CSV'
key,type,direction,weight,sentences,first,last,name
person:jane-doe,meets-with,both,1,1,2025-11-02,2025-11-02,"Doe, Jane ""JD"""
person:marco-rubio,meets-with,both,1,1,2025-11-01,2025-11-01,Marco Rubio
CSV

# evidence
polgraph evidence Lukashenko --type meets-with,comention --format csv >e.csv
check_eq "evidence csv exit" $? 0
polgraph evidence Lukashenko --type meets-with,comention --format json >e.json
check_eq "evidence csv header" "$(head -n 1 e.csv)" \
	"type,source,target,article,date,source_name,sentence"
check_eq "evidence csv rows = json items" "$(csv_records e.csv)" \
	"$(jq '.evidence | length' e.json)"
check_eq "evidence csv has rows" "$([ "$(csv_records e.csv)" -gt 10 ] && echo yes)" yes
polgraph evidence Rubio Lavrov --format csv >rl.csv
polgraph evidence Rubio Lavrov --format json >rl.json
check_eq "pair evidence csv rows = json items" "$(csv_records rl.csv)" \
	"$(jq '.evidence | length' rl.json)"
check_eq "evidence csv quoting" "$(grep -F ',q-1,' rl.csv)" \
	'meets-with,person:marco-rubio,person:sergey-lavrov,q-1,2025-11-01,"Test, Wire","Marco Rubio met Sergey Lavrov in Geneva, calling the talks ""useful""."'

# path: one row per evidence sentence, or one with empty evidence.
polgraph path 'Kaja Kallas' Lukashenko --format csv >p.csv
check_eq "path csv exit" $? 0
polgraph path 'Kaja Kallas' Lukashenko --format json >p.json
check_eq "path csv header" "$(head -n 1 p.csv)" \
	"hop,from,to,type,weight,article,date,evidence"
check_eq "path csv rows = json evidence items" "$(csv_records p.csv)" \
	"$(jq '[.edges[] | [(.evidence | length), 1] | max] | add' p.json)"
check_eq "path csv hops" "$(tail -n +2 p.csv | cut -d, -f1 | sort -u | wc -l)" \
	"$(jq .hops p.json)"
polgraph path Rubio Lavrov --since 2025-11-01 --type meets-with --format csv >q.csv
check_file "path csv quoting" - q.csv <<'CSV'
hop,from,to,type,weight,article,date,evidence
1,person:marco-rubio,person:sergey-lavrov,meets-with,1,q-1,2025-11-01,"Marco Rubio met Sergey Lavrov in Geneva, calling the talks ""useful""."
CSV

# Help and usage.
for command in neighbors path evidence; do
	polgraph "$command" --help >h.txt
	check_grep "$command --help: csv" '^  --format FMT .*json or csv' h.txt
done
polgraph neighbors Лукашенко --format xml >out 2>err
check_eq "bad format: exit" $? 2
check_grep "bad format: message" "unknown format 'xml' \(want text, json or csv\)" err

finish
