#!/usr/bin/env bash
# The issue's acceptance case: a directory of .txt and .jsonl files with a
# malformed JSON line and an invalid UTF-8 file among them. Every good
# article is stored, every bad one named by file:line, exit 1; a second
# run stores nothing new.
. "$(dirname "$0")/lib.sh"

mkdir -p in/nested in/empty-dir
printf 'date 2025-10-01\nПосол встретился с министром. Переговоры продолжатся.\n' >in/a.txt
printf 'The minister met the envoy.\nThey agreed to talk again.\n' >in/nested/b.txt
printf 'line one\nline two\nbad \xff\xfe byte\n' >in/c-bad-utf8.txt
printf '   \n\n' >in/d-empty.txt
{
	printf '{"id":"j1","date":"2025-10-02","text":"First wire story. It has two sentences."}\n'
	printf '{"id":"j2","text": "unterminated\n'
	printf '\n'
	printf '{"id":"j3","title":"no text"}\n'
	printf '{"id":"j4","date":"2025-10-32","text":"Bad date."}\n'
	printf '{"id":"j5","lang":"ru","text":"Последняя новость дня."}\n'
} >in/e.jsonl
printf 'ignored: not an article file\n' >in/README.md

polgraph ingest in >out 2>err
check_eq "first run: exit status" $? 1
check_eq "first run: stdout is empty" "$(cat out)" ""
check_eq "first run: messages" "$(cat err)" "polgraph: error: in/c-bad-utf8.txt:3:5: invalid UTF-8
polgraph: error: in/d-empty.txt: empty article
polgraph: error: in/e.jsonl:2: malformed JSON near byte 21
polgraph: error: in/e.jsonl:4: missing required field 'text'
polgraph: error: in/e.jsonl:5 (article 'j4'): invalid date '2025-10-32' (want YYYY-MM-DD)
ingested 4, skipped 0 duplicates, rejected 5"

check_eq "stored ids in date order" "$(polgraph articles | cut -f1,2,3,4)" "id	date	lang	sentences
in/a.txt	2025-10-01	ru	2
j1	2025-10-02	en	2
in/nested/b.txt		en	2
j5		ru	1"

polgraph stats --format json >stats1
check_eq "stats after first run" "$(jq -c '[.articles,.sentences]' stats1)" "[4,7]"

polgraph ingest in >out 2>err2
check_eq "second run: exit status (still rejects)" $? 1
check_eq "second run: summary" "$(tail -n 1 err2)" "ingested 0, skipped 4 duplicates, rejected 5"
polgraph stats --format json >stats2
check_file "second run changes nothing" stats1 stats2

# Only the good files: exit 0.
polgraph ingest in/a.txt in/nested >out 2>err3
check_eq "good files only: exit status" $? 0
check_eq "good files only: summary" "$(cat err3)" "ingested 0, skipped 2 duplicates, rejected 0"

# The same text under another id is a duplicate (normalised: case, ё, spaces).
printf '{"id":"copy","text":"посол  ВСТРЕТИЛСЯ с министром.\\nПереговоры продолжатся."}\n' >copy.jsonl
polgraph ingest copy.jsonl 2>err4
check_eq "same normalised text is a duplicate" "$(cat err4)" "ingested 0, skipped 1 duplicates, rejected 0"

# A path that does not exist is named; the others still go in.
printf 'Fresh article.\n' >fresh.txt
polgraph ingest nosuch.txt fresh.txt 2>err5
check_eq "missing path: exit" $? 1
check_eq "missing path: messages" "$(cat err5)" "polgraph: error: cannot read 'nosuch.txt': No such file or directory
ingested 1, skipped 0 duplicates, rejected 1"

# --quiet drops the summary but not the errors.
polgraph -q ingest nosuch.txt 2>err6
check_eq "quiet: errors only" "$(cat err6)" "polgraph: error: cannot read 'nosuch.txt': No such file or directory"

finish
