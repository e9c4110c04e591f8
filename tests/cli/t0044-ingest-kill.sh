#!/usr/bin/env bash
# SIGKILL at random points: `polgraph ingest` is killed at KILLS points
# (default 50) spread over its run by seeded random delays, every fifth on a
# fresh database (so schema creation is hit too). After every kill the
# database passes SQLite's checks and holds only whole articles: each one
# stored has exactly the sentences, mentions and relations a clean run
# gives it. Re-running the ingest then completes it with exact counts.
#   POLGRAPH_KILL_SEED=N  another seed    POLGRAPH_KILLS=N  more points
. "$(dirname "$0")/lib.sh"

seed=${POLGRAPH_KILL_SEED:-9}
kills=${POLGRAPH_KILLS:-50}
RANDOM=$seed
echo "kill test: seed $seed, $kills kill points"

n=500
python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1])
with open("big.jsonl", "w") as f:
    for i in range(n):
        f.write('{"id":"k%d","date":"2025-10-%02d","text":"Статья номер %d. '
                'Министр встретился с послом. The envoy met officials on day %d. '
                'Macron criticized Putin. Merkel met Biden in Berlin."}\n'
                % (i, i % 28 + 1, i, i))
PY

# Start-up (loading the lexicon, before the database is touched) is timed
# alone, so the kills land in the ingest itself.
printf '{"id":"one","text":"One article."}\n' >one.jsonl
start=$(date +%s%N)
POLGRAPH_DB=startup.db polgraph ingest one.jsonl 2>/dev/null
startup_ms=$((($(date +%s%N) - start) / 1000000))

# What a clean run stores, per article: the reference.
start=$(date +%s%N)
POLGRAPH_DB=ref.db polgraph ingest --batch 50 big.jsonl 2>/dev/null
clean_ms=$((($(date +%s%N) - start) / 1000000))
echo "clean run: ${clean_ms} ms, start-up ${startup_ms} ms"
signature() {
	echo "SELECT a.ext_id, s.n, m.n, r.n FROM $1.articles a
	LEFT JOIN (SELECT article_id, count(*) n FROM $1.sentences GROUP BY 1) s ON s.article_id = a.id
	LEFT JOIN (SELECT article_id, count(*) n FROM $1.mentions GROUP BY 1) m ON m.article_id = a.id
	LEFT JOIN (SELECT article_id, count(*) n FROM $1.relations GROUP BY 1) r ON r.article_id = a.id"
}
totals="SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),
	(SELECT count(*) FROM mentions), (SELECT count(*) FROM relations)"
want_totals=$(sqlite3 ref.db "$totals")
check_eq "reference has every article" "$(sqlite3 ref.db 'SELECT count(*) FROM articles')" $n

# Until $kills kills have found a database to check (at most twice as
# many tries): one try in ten anywhere from the start, the others after
# start-up.
survived=0
i=0
while [ "$survived" -lt "$kills" ] && [ "$i" -lt $((2 * kills)) ]; do
	i=$((i + 1))
	[ $((i % 5)) -eq 1 ] && rm -f test.db test.db-wal test.db-shm
	if [ $((i % 10)) -eq 3 ]; then
		delay_ms=$((RANDOM % (clean_ms + 50)))
	else
		delay_ms=$((startup_ms + RANDOM % (clean_ms - startup_ms + 50)))
	fi
	"$POLGRAPH" ingest --batch 50 big.jsonl 2>/dev/null &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -f test.db ] || continue
	if [ "$(sqlite3 test.db "SELECT count(*) FROM sqlite_master WHERE name = 'articles'")" = 0 ]; then
		# Killed while creating the schema: an empty database is whole.
		check_eq "kill $i: integrity_check" "$(sqlite3 test.db 'PRAGMA integrity_check')" ok
	else
		check_db "kill $i (${delay_ms} ms)" test.db
		check_eq "kill $i: every stored article is whole" \
			"$(sqlite3 test.db "ATTACH 'ref.db' AS ref; $(signature main) EXCEPT $(signature ref)")" ""
	fi
	survived=$((survived + 1))
done
echo "survived $survived kill points"
check_eq "kill points checked" "$survived" "$kills"

before=$(sqlite3 test.db 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
polgraph ingest big.jsonl 2>err
check_eq "rerun: exit" $? 0
check_eq "rerun completes it" "$(cat err)" "ingested $((n - before)), skipped $before duplicates, rejected 0"
check_eq "rerun: exact totals" "$(sqlite3 test.db "$totals")" "$want_totals"
check_eq "rerun: same articles as a clean run" \
	"$(sqlite3 test.db "ATTACH 'ref.db' AS ref; $(signature main) EXCEPT $(signature ref); $(signature ref) EXCEPT $(signature main)")" ""
check_db "after rerun" test.db

finish
