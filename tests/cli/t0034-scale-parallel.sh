#!/usr/bin/env bash
# The worked GNU parallel example of docs/scale.md, run: a corpus split in
# shards, extracted by parallel jobs (extract --full, output in shard
# order) and loaded with ingest --extracted; and the same shards ingested
# into one store each and merged. Both give the database one ingest of the
# whole gives. Without GNU parallel the same jobs run under xargs -P, and
# the test says so.
. "$(dirname "$0")/lib.sh"

# The example's commands run as written: polgraph on PATH.
PATH=$(dirname "$POLGRAPH"):$PATH
export PATH

# A corpus: 6 copies of the sample with new ids, one JSON article a line.
cp -r "$SRC/data/sample" sample
polgraph -q --db sample.db ingest sample
sqlite3 -json sample.db \
	'SELECT ext_id AS id, date, lang, title, source, url, text FROM articles ORDER BY id' |
	jq -c '.[]' >base.jsonl
jq -c -n --slurpfile a base.jsonl \
	'range(1; 7) as $n | $a[] | .id = "\(.id)#\($n)" | .text = "\(.text)\n\n(\($n))"' >corpus.jsonl

# ---- the example (docs/scale.md, "GNU parallel") ----
mkdir shards
split -n l/4 -d --additional-suffix=.jsonl corpus.jsonl shards/part-
if command -v parallel >/dev/null 2>&1; then
	echo "running the example under GNU parallel"
	parallel --will-cite -j 2 --keep-order polgraph extract --full {} \
		::: shards/*.jsonl >extracted.jsonl
	parallel --will-cite -j 2 polgraph -q --db {.}.db ingest --jobs 1 {} \
		::: shards/*.jsonl
else
	echo "GNU parallel is not installed: running the example under xargs -P 2"
	printf '%s\n' shards/*.jsonl |
		xargs -P 2 -I {} sh -c '"$POLGRAPH" extract --full "$1" >"$1.out"' sh {}
	cat shards/*.jsonl.out >extracted.jsonl
	printf '%s\n' shards/*.jsonl |
		xargs -P 2 -I {} sh -c '"$POLGRAPH" -q --db "${1%.jsonl}.db" ingest --jobs 1 "$1"' sh {}
fi
polgraph -q --db loaded.db ingest --extracted extracted.jsonl
polgraph -q merge -o merged.db shards/part-*.db
# ----

check_eq "4 shards" "$(ls shards/*.jsonl | wc -l)" 4
check_eq "every article extracted" "$(wc -l <extracted.jsonl)" "$(wc -l <corpus.jsonl)"
polgraph -q --db whole.db ingest --jobs 1 shards
check_eq "direct ingest of the shards: exit" $? 0
dump_db whole.db >whole.dump
dump_db loaded.db >loaded.dump
dump_db merged.db >merged.dump
check_eq "the whole has 144 articles" "$(sqlite3 whole.db 'SELECT count(*) FROM articles')" 144
check_file "parallel extract + ingest --extracted == ingest" whole.dump loaded.dump
check_file "parallel ingest into shards + merge == ingest" whole.dump merged.dump

finish
