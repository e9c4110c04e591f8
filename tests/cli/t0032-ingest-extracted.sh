#!/usr/bin/env bash
# ingest --extracted stores the output of extract --full without running
# the pipeline: the database is the one a direct ingest makes. Bad lines
# are named by file and line; the rest is stored.
. "$(dirname "$0")/lib.sh"

cp -r "$SRC/data/sample" sample
polgraph --db direct.db ingest --jobs 1 sample 2>direct.err
check_eq "direct ingest: exit" $? 0

polgraph extract --full sample >full.jsonl
check_eq "extract --full: exit" $? 0
polgraph --db loaded.db ingest --extracted full.jsonl 2>loaded.err
check_eq "ingest --extracted: exit" $? 0
check_file "ingest --extracted: same summary" direct.err loaded.err
dump_db direct.db >direct.dump
dump_db loaded.db >loaded.dump
check_file "extract --full | ingest --extracted == ingest" direct.dump loaded.dump

# Through a pipe, as a cluster job's output would come.
polgraph extract --full sample | polgraph --db piped.db ingest -x 2>piped.err
check_eq "piped: exit" $? 0
dump_db piped.db >piped.dump
check_file "piped: same rows" direct.dump piped.dump
polgraph --db piped.db ingest -x full.jsonl 2>again.err
check_eq "again: all duplicates" "$(cat again.err)" "ingested 0, skipped 24 duplicates, rejected 0"

# The plain extract format has no text: every line is refused.
polgraph extract sample/articles.jsonl | head -n 2 >plain.jsonl
polgraph --db plain.db ingest --extracted plain.jsonl 2>plain.err
check_eq "plain extract lines: exit" $? 1
check_eq "plain extract lines: messages" "$(cat plain.err)" "polgraph: error: plain.jsonl:1: field 'text' is missing
polgraph: error: plain.jsonl:2: field 'text' is missing
ingested 0, skipped 0 duplicates, rejected 2"

# Bad lines among good ones.
{
	sed -n 1p full.jsonl
	printf 'not json\n'
	printf '\n'
	sed -n 2p full.jsonl | jq -c '.actors[0].mentions[0].kind = "pun"'
	sed -n 3p full.jsonl | jq -c '.bytes = 1'
	sed -n 4p full.jsonl | jq -c '.sentences[0].start = -1'
	sed -n 5p full.jsonl | jq -c '.actors[0].mentions[0].start = 100000'
	sed -n 6p full.jsonl | jq -c '.relations = {}'
	sed -n 7p full.jsonl
	printf '[1, 2]\n'
} >mixed.jsonl
id5=$(sed -n 5p full.jsonl | jq -r .id)
key5=$(sed -n 5p full.jsonl | jq -r '.actors[0].key')
polgraph --db mixed.db ingest --extracted mixed.jsonl nosuch.jsonl 2>mixed.err
check_eq "bad lines: exit" $? 1
check_eq "bad lines: messages" "$(cat mixed.err)" "polgraph: error: mixed.jsonl:2: malformed JSON near byte 1
polgraph: error: mixed.jsonl:4: actors[0].mentions[0]: field 'kind' is not a mention kind
polgraph: error: mixed.jsonl:5: field 'bytes' is 1 but the text has $(sed -n 3p full.jsonl | jq .bytes) bytes
polgraph: error: mixed.jsonl:6: sentences[0]: field 'start' must be a non-negative integer
polgraph: error: $id5: cannot store article '$id5': mention 0 of '$key5' has a bad span or sentence
polgraph: error: mixed.jsonl:8: field 'relations' must be an array
polgraph: error: mixed.jsonl:10: expected a JSON object
polgraph: error: cannot open 'nosuch.jsonl': No such file or directory
ingested 2, skipped 0 duplicates, rejected 8"
check_eq "bad lines: the good ones stored" \
	"$(sqlite3 mixed.db 'SELECT ext_id FROM articles ORDER BY id' | tr '\n' ' ')" \
	"$(sed -n '1p;7p' full.jsonl | jq -r .id | tr '\n' ' ')"

# The same checks as articles before cJSON sees a line: an escaped NUL
# would otherwise cut the text short without a word.
head -n 1 full.jsonl | jq -c '.text = "Minsk\u0000 and more"' >nul.jsonl
polgraph --db nul.db ingest --extracted nul.jsonl 2>nul.err
check_eq "escaped NUL: exit" $? 1
check_eq "escaped NUL: message" "$(head -n 1 nul.err | sed 's/ at byte [0-9]*$//')" \
	"polgraph: error: nul.jsonl:1: \\u0000 (NUL) in a string"

finish
