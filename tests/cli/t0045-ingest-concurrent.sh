#!/usr/bin/env bash
# Two `polgraph ingest` runs on one database at once, over overlapping
# inputs: both finish, nothing is stored twice, no "database is locked".
# Readers (stats, sql, report, query) running meanwhile see a consistent
# snapshot: whole articles only, counts that never go down.
. "$(dirname "$0")/lib.sh"

python3 - <<'PY'
for name, first in (("a", 0), ("b", 6000)):
    with open(name + ".jsonl", "w") as f:
        for i in range(first, first + 10000):
            f.write('{"id":"c%d","text":"Статья номер %d. Министр встретился '
                    'с послом. Macron criticized Putin on day %d."}\n' % (i, i, i))
PY

# The database exists before the race (readers of a missing one fail).
printf '{"id":"seed","text":"One. Two. Three."}\n' | polgraph -q ingest
polgraph ingest a.jsonl 2>a.err &
a=$!
polgraph ingest b.jsonl 2>b.err &
b=$!

# Readers while both write.
last=0
snapshots=0
while kill -0 "$a" 2>/dev/null || kill -0 "$b" 2>/dev/null; do
	stats=$(polgraph stats --format json 2>>readers.err) || { echo "stats failed" >>readers.err; continue; }
	articles=$(jq .articles <<<"$stats")
	sentences=$(jq .sentences <<<"$stats")
	[ "$sentences" = $((articles * 3)) ] || echo "stats: $articles articles, $sentences sentences" >>bad
	[ "$articles" -ge "$last" ] || echo "stats: count went down $last -> $articles" >>bad
	last=$articles
	polgraph sql "SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) <> 3" \
		2>>readers.err | tail -n 1 | tr -d ' ' | grep -qx 0 || echo "sql: partial article seen" >>bad
	polgraph report --format json >/dev/null 2>>readers.err || echo "report failed" >>bad
	polgraph query -e 'local s = pg.stats()
		local rows = pg.sql("SELECT count(*) AS n FROM articles a WHERE (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) <> 3")
		print(s.sentences == 3 * s.articles and rows[1].n == 0)' \
		2>>readers.err | grep -qx true || echo "query: partial state seen" >>bad
	snapshots=$((snapshots + 1))
done
wait "$a"
check_eq "first ingest: exit" $? 0
wait "$b"
check_eq "second ingest: exit" $? 0
echo "$snapshots reader snapshots"
check_eq "no reader saw a partial state" "$(cat bad 2>/dev/null)" ""
check_eq "readers: no errors" "$(cat readers.err)" ""
check_eq "no 'database is locked'" "$(cat a.err b.err | grep -c locked)" 0
check_eq "between them, every article once" \
	"$(cat a.err b.err | sed -n 's/^ingested \([0-9]*\), skipped \([0-9]*\) duplicates.*/\1 \2/p' |
		awk '{i += $1; d += $2} END {print i, d}')" "16000 4000"
check_eq "stored once each" \
	"$(sqlite3 "$POLGRAPH_DB" 'SELECT count(*), count(DISTINCT ext_id), count(DISTINCT fingerprint) FROM articles')" \
	"16001|16001|16001"
check_db "after concurrent ingests"

# Two runs of the same file: one stores, the other skips; no duplicates.
rm -f "$POLGRAPH_DB"*
polgraph ingest a.jsonl 2>c.err &
c=$!
polgraph ingest a.jsonl 2>d.err
check_eq "same file twice: second exit" $? 0
wait "$c"
check_eq "same file twice: first exit" $? 0
check_eq "same file twice: totals" \
	"$(cat c.err d.err | sed -n 's/^ingested \([0-9]*\), skipped \([0-9]*\) duplicates.*/\1 \2/p' |
		awk '{i += $1; d += $2} END {print i, d}')" "10000 10000"
check_eq "same file twice: stored once" "$(sqlite3 "$POLGRAPH_DB" 'SELECT count(*) FROM articles')" 10000

finish
