#!/usr/bin/env bash
# Disk full and read-only databases: a clear error naming the database,
# exit 1, the summary counting only what was committed, the database
# whole afterwards, and a later run on room enough completing the ingest.
# Disk full is a 1 MB tmpfs when mount works (root), else RLIMIT_FSIZE
# (ulimit -f, SIGXFSZ ignored so writes fail with EFBIG). Read-only is a
# read-only remount, else chmod (which root ignores).
. "$(dirname "$0")/lib.sh"

mounted=()
cleanup() {
	local dir
	for dir in "${mounted[@]}"; do umount "$dir" 2>/dev/null; done
	cd / && rm -rf "$T"
}
trap cleanup EXIT

python3 - <<'PY'
with open("in.jsonl", "w") as f:
    for i in range(3000):
        f.write('{"id":"c%d","text":"Статья номер %d. Министр встретился с послом. '
                'Macron criticized Putin on day %d."}\n' % (i, i, i))
PY

# can_mount: root, and not told otherwise (POLGRAPH_TEST_NO_MOUNT=1 tries
# the fallbacks as root).
can_mount() { [ "$(id -u)" = 0 ] && [ -z "${POLGRAPH_TEST_NO_MOUNT:-}" ]; }

# -- disk full --
mkdir full
how=fsize
if can_mount && mount -t tmpfs -o size=1m tmpfs full 2>/dev/null; then
	mounted+=("$T/full")
	how=tmpfs
fi
echo "disk full by $how"
if [ "$how" = tmpfs ]; then
	POLGRAPH_DB=full/t.db "$POLGRAPH" ingest in.jsonl 2>err
else
	(trap '' XFSZ && ulimit -f 1024 && POLGRAPH_DB=full/t.db exec "$POLGRAPH" ingest in.jsonl) 2>err
fi
check_eq "disk full: exit" $? 1
check_grep "disk full: names the database and the reason" \
	"^polgraph: error: cannot (commit to|store article '[^']*' in) 'full/t.db': (database or disk is full|disk I/O error)" err
stored=$(sqlite3 full/t.db 'SELECT count(*) FROM articles')
check_eq "disk full: summary counts what was committed" "$(tail -n 1 err)" \
	"ingested $stored, skipped 0 duplicates, rejected 0"
check_db "disk full" full/t.db
cp full/t.db roomy.db
[ -f full/t.db-wal ] && cp full/t.db-wal roomy.db-wal
POLGRAPH_DB=roomy.db polgraph ingest in.jsonl 2>err
check_eq "disk full, then room: completes" "$(cat err)" \
	"ingested $((3000 - stored)), skipped $stored duplicates, rejected 0"
check_db "after room" roomy.db

# -- read-only database --
POLGRAPH_DB=ro.db polgraph -q ingest in.jsonl
before=$(sqlite3 ro.db 'SELECT count(*) FROM articles')
printf '{"id":"new","text":"A new article that cannot be stored."}\n' >new.jsonl
mkdir rodir
cp ro.db rodir/
if can_mount && mount -t tmpfs -o size=8m tmpfs rodir 2>/dev/null; then
	mounted+=("$T/rodir")
	cp ro.db rodir/ && mount -o remount,ro rodir
	echo "read-only by remount"
elif [ "$(id -u)" != 0 ]; then
	chmod 444 rodir/ro.db
	chmod 555 rodir
	echo "read-only by chmod"
else
	echo "read-only: skipped (root without mount)"
	finish
fi
sum_before=$(md5sum <rodir/ro.db)
POLGRAPH_DB=rodir/ro.db "$POLGRAPH" ingest new.jsonl 2>err
check_eq "read-only: exit" $? 1
check_grep "read-only: says why" \
	"^polgraph: error: cannot open database 'rodir/ro.db': .*(read-only|readonly|Read-only|unable to open)" err
check_eq "read-only: file unchanged" "$(md5sum <rodir/ro.db)" "$sum_before"
check_eq "read-only: no journal left" "$(ls rodir)" "ro.db"
check_eq "read-only: nothing half-written" "$(sqlite3 "file:rodir/ro.db?immutable=1" 'SELECT count(*) FROM articles')" "$before"
chmod 755 rodir 2>/dev/null

finish
