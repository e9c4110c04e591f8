#!/usr/bin/env bash
# ingest --jobs N stores what --jobs 1 stores: the same rows under the same
# ids, on the sample corpus and on a bigger generated input with
# duplicates, and the same messages, in the same order, for bad input.
. "$(dirname "$0")/lib.sh"

cp -r "$SRC/data/sample" sample
polgraph --db one.db ingest --jobs 1 sample 2>err1
check_eq "sample, 1 job: exit" $? 0
polgraph --db four.db ingest --jobs 4 sample 2>err4
check_eq "sample, 4 jobs: exit" $? 0
check_file "sample: same summary" err1 err4
dump_db one.db >one.dump
dump_db four.db >four.dump
check_eq "sample: 24 articles" "$(sqlite3 four.db 'SELECT count(*) FROM articles')" 24
check_file "sample: same rows with 1 and 4 jobs" one.dump four.dump

# 20 copies of the sample with new ids and a marker in the text, then the
# first copy again (duplicate ids) and its first article under a new id
# (a duplicate by text): 505 articles, 480 new.
sqlite3 -json one.db \
	'SELECT ext_id AS id, date, lang, title, source, url, text FROM articles ORDER BY id' |
	jq -c '.[]' >base.jsonl
jq -c -n --slurpfile a base.jsonl \
	'range(1; 21) as $n | $a[] | .id = "\(.id)#\($n)" | .text = "\(.text)\n\n(\($n))"' >big.jsonl
head -n 24 big.jsonl >dups.jsonl
cat big.jsonl dups.jsonl >corpus.jsonl
head -n 1 big.jsonl | jq -c '.id = "renamed"' >>corpus.jsonl
polgraph --db big1.db ingest --jobs 1 corpus.jsonl 2>big1.err
check_eq "bigger input, 1 job: exit" $? 0
polgraph --db big4.db ingest --jobs 4 --batch 7 corpus.jsonl 2>big4.err
check_eq "bigger input, 4 jobs: exit" $? 0
check_eq "bigger input: summary" "$(cat big4.err)" "ingested 480, skipped 25 duplicates, rejected 0"
check_file "bigger input: same summary" big1.err big4.err
dump_db big1.db >big1.dump
dump_db big4.db >big4.dump
check_file "bigger input: same rows with 1 and 4 jobs" big1.dump big4.dump

# Bad lines among good ones, in a directory with a bad .txt file: the
# messages come in input order whatever the number of jobs.
mkdir in
head -n 30 big.jsonl >in/a.jsonl
{
	head -n 3 base.jsonl | jq -c '.id = "bad-" + .id'
	printf '{"id":"j2","text": "unterminated\n'
	printf '{"id":"j3","title":"no text"}\n'
	sed -n 4,6p base.jsonl | jq -c '.id = "bad-" + .id'
	printf '{"id":"j4","date":"2025-10-32","text":"Bad date."}\n'
	sed -n 7p base.jsonl | jq -c '.id = "bad-" + .id'
} >in/b.jsonl
printf 'line one\nbad \xff byte\n' >in/c.txt
printf 'The minister met the envoy.\n' >in/d.txt
polgraph --db bad1.db ingest --jobs 1 in >out1 2>bad1.err
check_eq "bad input, 1 job: exit" $? 1
polgraph --db bad3.db ingest --jobs 3 in >out3 2>bad3.err
check_eq "bad input, 3 jobs: exit" $? 1
check_eq "bad input: stdout is empty" "$(cat out1 out3)" ""
check_eq "bad input: messages" "$(cat bad3.err)" "polgraph: error: in/b.jsonl:4: malformed JSON near byte 21
polgraph: error: in/b.jsonl:5: missing required field 'text'
polgraph: error: in/b.jsonl:9 (article 'j4'): invalid date '2025-10-32' (want YYYY-MM-DD)
polgraph: error: in/c.txt:2:5: invalid UTF-8
ingested 38, skipped 0 duplicates, rejected 4"
check_file "bad input: same messages with 1 and 3 jobs" bad1.err bad3.err
dump_db bad1.db >bad1.dump
dump_db bad3.db >bad3.dump
check_file "bad input: same rows with 1 and 3 jobs" bad1.dump bad3.dump

check_status "--jobs 0 is a usage error" 2 polgraph ingest --jobs 0 sample
check_status "--jobs x is a usage error" 2 polgraph ingest --jobs x sample
check_status "--jobs 257 is a usage error" 2 polgraph ingest --jobs 257 sample

finish
