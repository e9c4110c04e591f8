# lib.sh - sourced by every tests/cli/tNNNN-*.sh script.
#
# Gives each test a fresh directory ($T) as its working directory, a
# `polgraph` function that runs the binary under test, and checks that
# print what differs and count failures. The script ends with `finish`,
# which prints "N passed, N failed" and exits non-zero on any failure.
set -u
: "${POLGRAPH:?set POLGRAPH to the polgraph binary}"
: "${POLGRAPH_SOURCE_DIR:?set POLGRAPH_SOURCE_DIR to the source tree}"
SRC=$POLGRAPH_SOURCE_DIR
T=$(mktemp -d "${POLGRAPH_TEST_TMP:-/tmp}/$(basename "$0" .sh).XXXXXX" 2>/dev/null ||
	{ mkdir -p "${POLGRAPH_TEST_TMP:-/tmp}" && mktemp -d "${POLGRAPH_TEST_TMP:-/tmp}/$(basename "$0" .sh).XXXXXX"; })
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export POLGRAPH_DB=$T/test.db
unset POLGRAPH_DATA
passed=0
failed=0

polgraph() { "$POLGRAPH" "$@"; }

fail() {
	failed=$((failed + 1))
	echo "FAIL: $*" >&2
}

ok() { passed=$((passed + 1)); }

# check_eq LABEL ACTUAL EXPECTED
check_eq() {
	if [ "$2" = "$3" ]; then
		ok
	else
		fail "$1"
		diff -u <(printf '%s\n' "$3") <(printf '%s\n' "$2") | sed 's/^/    /' >&2
	fi
}

# check_file LABEL EXPECTED_FILE ACTUAL_FILE
check_file() {
	if diff -u "$2" "$3" >"$T/diff.out"; then
		ok
	else
		fail "$1"
		sed 's/^/    /' "$T/diff.out" >&2
	fi
}

# check_status LABEL WANT COMMAND... (runs the command, output discarded)
check_status() {
	local label=$1 want=$2 got
	shift 2
	"$@" >/dev/null 2>&1
	got=$?
	check_eq "$label: exit status" "$got" "$want"
}

# check_grep LABEL PATTERN FILE
check_grep() {
	if grep -qE -- "$2" "$3"; then
		ok
	else
		fail "$1: no line matching '$2' in $3"
		sed 's/^/    /' "$3" >&2
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

# check_db LABEL [DB]: the database passes SQLite's own checks and holds
# only whole articles: every article has sentences 0..n-1 inside its text,
# and every mention and relation points at one of them.
check_db() {
	local db=${2:-$POLGRAPH_DB}
	check_eq "$1: integrity_check" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"
	check_eq "$1: foreign_key_check" "$(sqlite3 "$db" 'PRAGMA foreign_key_check')" ""
	check_eq "$1: whole articles" "$(sqlite3 "$db" "
		SELECT count(*) FROM articles a
		WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)
		   OR (SELECT max(idx) + 1 - count(*) FROM sentences s
		       WHERE s.article_id = a.id) <> 0
		   OR (SELECT max(\"end\") FROM sentences s
		       WHERE s.article_id = a.id) > length(CAST(a.text AS BLOB))")" 0
	check_eq "$1: no orphan rows" "$(sqlite3 "$db" "
		SELECT (SELECT count(*) FROM mentions m WHERE NOT EXISTS
		        (SELECT 1 FROM sentences s WHERE s.article_id = m.article_id
		         AND s.idx = m.sentence))
		     + (SELECT count(*) FROM relations r WHERE NOT EXISTS
		        (SELECT 1 FROM sentences s WHERE s.article_id = r.article_id
		         AND s.idx = r.sentence))")" 0
}

# Is the binary under test built with a sanitizer? (ASan needs terabytes
# of address space, so address-space limits do not apply to it.)
sanitized() { ldd "$POLGRAPH" 2>/dev/null | grep -q 'libasan'; }

# with_memory_cap KB COMMAND...: runs COMMAND with its address space
# capped, unless the binary is sanitized.
with_memory_cap() {
	local kb=$1
	shift
	if sanitized; then
		"$@"
	else
		(ulimit -v "$kb" && "$@")
	fi
}

# dump_db DB: every stored row but articles.ingested_at (the clock), in id
# order, to compare two stores.
dump_db() {
	sqlite3 "$1" <<-'SQL'
		SELECT id, ext_id, fingerprint, date, lang, title, source, url,
		       text, origin, origin_line FROM articles ORDER BY id;
		SELECT * FROM sentences ORDER BY article_id, idx;
		SELECT * FROM actors ORDER BY id;
		SELECT * FROM aliases ORDER BY actor_id, surface;
		SELECT * FROM mentions ORDER BY id;
		SELECT * FROM relations ORDER BY id;
	SQL
}
