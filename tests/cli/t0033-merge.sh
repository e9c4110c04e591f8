#!/usr/bin/env bash
# merge: the stores of two halves of a corpus merge into the database one
# ingest of the whole makes (same rows, same ids, same report); overlapping
# shards are deduplicated; bad sources and outputs are refused with a
# message and leave nothing behind.
. "$(dirname "$0")/lib.sh"

cp -r "$SRC/data/sample" sample
# ingest walks sample/ as articles.jsonl, then txt/: the two halves.
polgraph -q --db whole.db ingest sample
polgraph -q --db half1.db ingest sample/articles.jsonl
polgraph -q --db half2.db ingest sample/txt
dump_db half1.db >half1.before
polgraph merge -o merged.db half1.db half2.db 2>merge.err
check_eq "merge halves: exit" $? 0
check_eq "merge halves: summary" "$(cat merge.err)" \
	"merged 2 stores: 24 articles, skipped 0 duplicates, 114 actors"
dump_db whole.db >whole.dump
dump_db merged.db >merged.dump
check_file "merged halves == one ingest of the whole" whole.dump merged.dump
polgraph --db whole.db report --format json >whole.report
polgraph --db merged.db report --format json >merged.report
check_file "merged halves: same report" whole.report merged.report
dump_db half1.db >half1.after
check_file "sources are not changed" half1.before half1.after

# Overlapping shards: the whole after half 1 adds only what is new.
polgraph merge -o overlap.db half1.db whole.db half2.db 2>overlap.err
check_eq "overlap: exit" $? 0
check_eq "overlap: summary" "$(cat overlap.err)" \
	"merged 3 stores: 24 articles, skipped 24 duplicates, 114 actors"
q='SELECT (SELECT group_concat(ext_id) FROM (SELECT ext_id FROM articles ORDER BY ext_id)),
	(SELECT group_concat(key) FROM (SELECT key FROM actors ORDER BY key)),
	(SELECT count(*) FROM aliases), (SELECT count(*) FROM mentions),
	(SELECT count(*) FROM relations), (SELECT count(*) FROM sentences)'
check_eq "overlap: same articles, actors and counts" "$(sqlite3 overlap.db "$q")" "$(sqlite3 whole.db "$q")"

# Refusals.
polgraph merge -o merged.db half1.db 2>err
check_eq "existing output: exit" $? 1
check_eq "existing output: message" "$(cat err)" "polgraph: error: 'merged.db' exists; use --force to replace it"
polgraph -q merge --force -o merged.db half2.db half1.db
check_eq "--force: exit" $? 0
check_eq "--force: replaced (half 2 first)" \
	"$(sqlite3 merged.db 'SELECT ext_id FROM articles WHERE id = 1')" \
	"$(sqlite3 half2.db 'SELECT ext_id FROM articles WHERE id = 1')"
polgraph merge --force -o half1.db half1.db half2.db 2>err
check_eq "output is a source: exit" $? 1
check_eq "output is a source: message" "$(cat err)" \
	"polgraph: error: cannot write 'half1.db': it is one of the stores to merge"
polgraph merge -o new.db half1.db nosuch.db 2>err
check_eq "missing source: exit" $? 1
check_eq "missing source: message" "$(cat err)" "polgraph: error: database 'nosuch.db' does not exist"
cp half2.db future.db
sqlite3 future.db 'PRAGMA user_version = 99'
polgraph merge -o new.db half1.db future.db 2>err
check_eq "newer source: exit" $? 1
check_eq "newer source: message" "$(cat err)" \
	"polgraph: error: database 'future.db' has schema version 99, newer than this polgraph (1)"
sqlite3 old.db 'CREATE TABLE t (x)'
polgraph merge -o new.db old.db 2>err
check_eq "older source: exit" $? 1
check_eq "older source: message" "$(cat err)" \
	"polgraph: error: database 'old.db' has schema version 0, older than this polgraph (1); open it for writing to upgrade it"
check_eq "failed merges leave no file" "$(ls new.db* 2>/dev/null)" ""
check_status "no output is a usage error" 2 polgraph merge half1.db
check_status "no sources is a usage error" 2 polgraph merge -o x.db

finish
