#!/usr/bin/env bash
# Hostile JSON Lines: what cJSON gets wrong on its own (\u0000 cuts a
# string, duplicate keys keep the first, lone surrogates, ids past 2^31),
# truncated records, 1M open brackets, duplicate ids with other text, and
# the depth limit's option and variable. Bad lines are named by file:line,
# good ones around them are all stored, the database stays whole.
. "$(dirname "$0")/lib.sh"

{
	printf '{"id":"ok1","text":"First good article. It has two sentences."}\n'
	printf '{"id":"nul","text":"cut here\\u0000 hidden text"}\n'
	printf '{"id":"dup-key","text":"shown","text":"hidden"}\n'
	printf '{"id":"hi","text":"lone \\ud800 high"}\n'
	printf '{"id":"lo","text":"lone \\uDC00 low"}\n'
	printf '{"id":"hi-hi","text":"\\ud800\\ud800"}\n'
	printf '{"id":"trunc","text":"cut off'
	printf '\n'
	printf '{"id":"trunc2",'
	printf '\n'
	printf '{"id":"esc","text":"escaped \\\\u0000 is just text"}\n'
	printf '{"id":4294967297,"text":"Numeric id past 2^31."}\n'
	printf '{"id":"arr","text":["not","a","string"]}\n'
	printf '["not an object"]\n'
	printf '{"id":"ok2","text":"Second good article."}\n'
} >a.jsonl
python3 -c 'import sys; sys.stdout.write("[" * 1000000 + "\n")' >>a.jsonl
python3 -c 'import sys; sys.stdout.write("{\"id\":\"deep\",\"text\":\"x\",\"n\":" + "[" * 65 + "]" * 65 + "}\n")' >>a.jsonl
printf '{"id":"ok3","text":"Third good article."}\n' >>a.jsonl

polgraph ingest a.jsonl >out 2>err
check_eq "exit status" $? 1
check_eq "messages" "$(cat err)" "polgraph: error: a.jsonl:2: \\u0000 (NUL) in a string at byte 29
polgraph: error: a.jsonl:3: duplicate field 'text'
polgraph: error: a.jsonl:4: lone UTF-16 surrogate \\ud800 at byte 25
polgraph: error: a.jsonl:5: lone UTF-16 surrogate \\uDC00 at byte 25
polgraph: error: a.jsonl:6: lone UTF-16 surrogate \\ud800 at byte 23
polgraph: error: a.jsonl:7: malformed JSON near byte 23
polgraph: error: a.jsonl:8: malformed JSON near byte 16
polgraph: error: a.jsonl:11: field 'text' must be a string
polgraph: error: a.jsonl:12: expected a JSON object
polgraph: error: a.jsonl:14: JSON nested deeper than 64 levels at byte 65 (limit: --max-json-depth)
polgraph: error: a.jsonl:15: JSON nested deeper than 64 levels at byte 92 (limit: --max-json-depth)
ingested 5, skipped 0 duplicates, rejected 11"
check_eq "stored" "$(sqlite3 "$POLGRAPH_DB" 'SELECT ext_id FROM articles ORDER BY id')" "ok1
esc
4294967297
ok2
ok3"
check_eq "escaped backslash-u0000 kept as text" \
	"$(sqlite3 "$POLGRAPH_DB" "SELECT text FROM articles WHERE ext_id = 'esc'")" 'escaped \u0000 is just text'
check_db "after hostile JSON"

# The depth limit is configurable, by option and by variable.
printf '{"id":"deep","text":"Nested extras are ignored.","n":%s%s}\n' \
	"$(printf '[%.0s' $(seq 70))" "$(printf ']%.0s' $(seq 70))" >deep.jsonl
polgraph ingest deep.jsonl 2>err
check_eq "depth 71 refused by default" "$(cat err)" "polgraph: error: deep.jsonl:1: JSON nested deeper than 64 levels at byte 117 (limit: --max-json-depth)
ingested 0, skipped 0 duplicates, rejected 1"
polgraph ingest --max-json-depth 100 deep.jsonl 2>err
check_eq "--max-json-depth 100 takes it" "$(cat err)" "ingested 1, skipped 0 duplicates, rejected 0"
POLGRAPH_MAX_JSON_DEPTH=2 polgraph extract deep.jsonl >/dev/null 2>err
check_eq "variable lowers it" "$(cat err)" "polgraph: error: deep.jsonl:1: JSON nested deeper than 2 levels at byte 55 (limit: --max-json-depth)
extracted 0, rejected 1"
check_status "bad depth is a usage error" 2 polgraph ingest --max-json-depth 0 deep.jsonl
check_status "bad variable is a usage error" 2 env POLGRAPH_MAX_JSON_DEPTH=x "$POLGRAPH" extract deep.jsonl

# Duplicate ids with different text: the first is kept, the second counted
# as a duplicate and never replaces it; the same text under a new id too.
printf '%s\n' '{"id":"same","text":"Original text of the article."}' \
	'{"id":"same","text":"Different text, same id."}' \
	'{"id":"other","text":"Original text of the article."}' >dups.jsonl
polgraph ingest dups.jsonl 2>err
check_eq "duplicates: summary" "$(cat err)" "ingested 1, skipped 2 duplicates, rejected 0"
check_eq "duplicates: first text kept" \
	"$(sqlite3 "$POLGRAPH_DB" "SELECT text FROM articles WHERE ext_id = 'same'")" "Original text of the article."
check_db "after duplicates"

finish
