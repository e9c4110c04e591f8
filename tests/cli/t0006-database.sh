#!/usr/bin/env bash
# Database selection and schema checks: --db, $POLGRAPH_DB, the default
# ./polgraph.db, read-only commands on a missing database, and a database
# from a newer polgraph.
. "$(dirname "$0")/lib.sh"

printf 'One article. With two sentences.\n' >a.txt

unset POLGRAPH_DB
polgraph ingest a.txt 2>/dev/null
check_eq "default database is ./polgraph.db" "$(sqlite3 polgraph.db 'SELECT ext_id FROM articles')" "a.txt"

POLGRAPH_DB=env.db polgraph ingest a.txt 2>/dev/null
check_eq "\$POLGRAPH_DB" "$(sqlite3 env.db 'SELECT count(*) FROM articles')" 1

POLGRAPH_DB=env.db polgraph --db opt.db ingest a.txt 2>/dev/null
check_eq "--db wins over \$POLGRAPH_DB" "$(sqlite3 opt.db 'SELECT count(*) FROM articles')" 1

check_eq "WAL journal" "$(sqlite3 opt.db 'PRAGMA journal_mode')" "wal"
check_eq "schema version" "$(sqlite3 opt.db 'PRAGMA user_version')" \
	"$(polgraph --db opt.db stats --format json | jq .schema_version)"

polgraph --db missing.db stats >out 2>err
check_eq "stats on a missing database: exit" $? 1
check_eq "stats on a missing database: message" "$(cat err)" "polgraph: error: database 'missing.db' does not exist"
check_eq "read-only commands do not create it" "$([ -e missing.db ] && echo yes || echo no)" no

sqlite3 opt.db 'PRAGMA user_version = 99'
polgraph --db opt.db stats >out 2>err
check_eq "newer schema: exit" $? 1
check_grep "newer schema: message" "schema version 99, newer than this polgraph" err
polgraph --db opt.db ingest a.txt >out 2>err
check_eq "newer schema: ingest refuses" $? 1

printf 'this is not a database, just text that is long enough to matter\n%.0s' $(seq 1 50) >junk.db
polgraph --db junk.db stats >out 2>err
check_eq "not a database: exit" $? 1
check_grep "not a database: names the file" "junk.db" err

polgraph --db opt2.db ingest a.txt 2>/dev/null
polgraph --db opt2.db stats >stats.txt
check_eq "stats text" "$(head -n 2 stats.txt)" "articles   1
sentences  2"

finish
