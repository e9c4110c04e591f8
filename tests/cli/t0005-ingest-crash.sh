#!/usr/bin/env bash
# Crash safety: SIGKILL at any moment leaves a consistent database (no
# article without its sentences, integrity check ok), and running the same
# ingest again completes it.
. "$(dirname "$0")/lib.sh"

n=4000
for i in $(seq 1 $n); do
	printf '{"id":"k%d","date":"2025-10-%02d","text":"Статья номер %d. Министр встретился с послом. The envoy met officials on day %d."}\n' \
		"$i" $((i % 28 + 1)) "$i" "$i"
done >big.jsonl

consistent() {
	check_eq "$1: integrity" "$(sqlite3 test.db 'PRAGMA integrity_check')" "ok"
	# Killed while the schema was being created: the file is there, its
	# transaction is not, and an empty database is a consistent one.
	if [ "$(sqlite3 test.db "SELECT count(*) FROM sqlite_master WHERE name = 'articles'")" = 0 ]; then
		ok
		return
	fi
	check_eq "$1: no article without all its sentences" \
		"$(sqlite3 test.db 'SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) <> 3')" 0
}

for delay in 0.05 0.2 0.4; do
	"$POLGRAPH" ingest --batch 50 big.jsonl 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -f test.db ] && consistent "killed after ${delay}s"
done

before=$(sqlite3 test.db 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
polgraph ingest big.jsonl 2>err
check_eq "rerun: exit" $? 0
check_eq "rerun completes it" "$(cat err)" "ingested $((n - before)), skipped $before duplicates, rejected 0"
check_eq "all articles stored once" "$(sqlite3 test.db 'SELECT count(*), count(DISTINCT ext_id) FROM articles')" "$n|$n"
consistent "after rerun"

# SIGINT stops cleanly: what was read is committed, the summary says so.
rm -f test.db*
"$POLGRAPH" ingest --batch 50 big.jsonl 2>int.err &
pid=$!
sleep 0.2
kill -INT "$pid"
wait "$pid"
status=$?
if [ "$status" -eq 130 ]; then
	check_grep "interrupted summary" "\(interrupted\)$" int.err
	stored=$(sqlite3 test.db 'SELECT count(*) FROM articles')
	check_grep "interrupt summary counts what was stored" "^ingested $stored," int.err
else
	# The ingest finished before the signal arrived.
	check_eq "uninterrupted run" "$status" 0
fi
consistent "after SIGINT"

finish
