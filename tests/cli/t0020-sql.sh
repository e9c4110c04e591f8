#!/usr/bin/env bash
# polgraph sql: read-only SQL on the sample corpus, the convenience views,
# the three output formats, and every kind of write refused with the
# database byte for byte unchanged.
. "$(dirname "$0")/lib.sh"

polgraph -q ingest "$SRC/data/sample" 2>/dev/null

# Text: aligned columns, numbers right-aligned.
polgraph sql "SELECT key, name, mentions, first_seen FROM actor_stats
	ORDER BY mentions DESC, key LIMIT 4" >out
check_eq "text exit" $? 0
cat >expect <<'EOF2'
key          name           mentions  first_seen
country:BLR  Belarus              64  2025-09-12
country:USA  United States        37  2025-09-12
country:RUS  Russia               25  2025-09-22
country:UKR  Ukraine              21  2025-09-25
EOF2
check_file "text table" expect out

# The views agree with the tables they name.
check_eq "relations_named: every relation" \
	"$(polgraph sql --format json "SELECT * FROM relations_named" | jq length)" \
	"$(sqlite3 test.db "SELECT count(*) FROM relations")"
check_eq "relations_named: names resolved" \
	"$(polgraph sql --format csv "SELECT source, source_name, target_name, evidence
		FROM relations_named WHERE type = 'meets-with' ORDER BY id LIMIT 1")" \
	"$(printf '%s\n' source,source_name,target_name,evidence \
		'person:sergey-lavrov,Sergey Lavrov,Marco Rubio,Сергей Лавров в среду встретился с госсекретарём США Марко Рубио')"
check_eq "comention_pairs: strongest pair" \
	"$(polgraph sql --format csv "SELECT actor1, actor2, articles FROM comention_pairs
		ORDER BY articles DESC, actor1, actor2 LIMIT 1")" \
	"$(printf '%s\n' actor1,actor2,articles country:BLR,person:alexander-lukashenko,7)"
check_eq "mentions_named: every mention" \
	"$(polgraph sql --format csv "SELECT count(*) AS n FROM mentions_named" | tail -n 1)" \
	"$(sqlite3 test.db "SELECT count(*) FROM mentions")"

# JSON: numbers, strings and nulls typed.
check_eq "json types" \
	"$(polgraph sql --format json "SELECT 1 AS i, 0.5 AS r, 'x' AS t, NULL AS n" | jq -c .)" \
	'[{"i":1,"r":0.5,"t":"x","n":null}]'
check_eq "json empty result" \
	"$(polgraph sql --format json "SELECT key FROM actors WHERE 0" | jq -c .)" '[]'
check_eq "csv quoting" \
	"$(polgraph sql --format csv "SELECT 'a,b' AS x, 'say \"hi\"' AS y")" \
	"$(printf '%s\n' x,y '"a,b","say ""hi"""')"
check_eq "sql from stdin" \
	"$(echo "SELECT count(*) AS n FROM articles;" | polgraph sql --format csv - | tail -n 1)" 24
check_eq "read-only pragma allowed" \
	"$(polgraph sql --format csv "PRAGMA user_version" | tail -n 1)" 1

# Writes of every kind are refused, and the file does not change.
before=$(md5sum <test.db)
refuse() { # refuse SQL MESSAGE
	polgraph sql "$1" >out 2>err
	check_eq "refused: $1: exit" $? 1
	check_eq "refused: $1: message" "$(cat err)" "polgraph: error: SQL is read-only here: $2"
}
refuse "INSERT INTO actors (key, type, name) VALUES ('person:x', 'person', 'X')" \
	"INSERT into 'actors' refused"
refuse "UPDATE actors SET name = 'X'" "UPDATE of 'actors' refused"
refuse "DELETE FROM relations" "DELETE from 'relations' refused"
refuse "REPLACE INTO articles (id) VALUES (1)" "INSERT into 'articles' refused"
refuse "DROP TABLE articles" "schema change (CREATE, DROP) refused"
refuse "CREATE TABLE t (x)" "schema change (CREATE, DROP) refused"
refuse "CREATE TEMP TABLE t (x)" "schema change (CREATE, DROP) refused"
refuse "DROP VIEW relations_named" "schema change (CREATE, DROP) refused"
refuse "ALTER TABLE actors ADD COLUMN x" "ALTER TABLE of 'actors' refused"
refuse "ATTACH DATABASE 'evil.db' AS evil" "ATTACH of 'evil.db' refused"
refuse "DETACH temp" "DETACH of 'temp' refused"
refuse "PRAGMA user_version = 7" "PRAGMA 'user_version' refused"
refuse "PRAGMA query_only = OFF" "PRAGMA 'query_only' refused"
refuse "PRAGMA journal_mode = DELETE" "PRAGMA 'journal_mode' refused"
refuse "PRAGMA writable_schema = ON" "PRAGMA 'writable_schema' refused"
refuse "BEGIN" "transaction refused"
refuse "SAVEPOINT s" "savepoint 's' refused"
refuse "VACUUM" "a statement that writes is refused"
refuse "VACUUM INTO 'copy.db'" "a statement that writes is refused"
refuse "SELECT 1; DELETE FROM actors" "DELETE from 'actors' refused"
check_eq "no file attached or vacuumed into" "$(ls evil.db copy.db 2>/dev/null)" ""
check_eq "database unchanged" "$(md5sum <test.db)" "$before"
check_eq "rows unchanged" "$(sqlite3 test.db "SELECT count(*) FROM relations")" 149

polgraph sql "SELECT 1; SELECT 2" >out 2>err
check_eq "two statements: exit" $? 1
check_eq "two statements: message" "$(cat err)" \
	"polgraph: error: give one SQL statement, not several"
polgraph sql "SELEC 1" >out 2>err
check_eq "syntax error: exit" $? 1
check_eq "syntax error: message" "$(cat err)" \
	'polgraph: error: near "SELEC": syntax error'
check_status "no SQL: usage" 2 polgraph sql
check_status "bad format: usage" 2 polgraph sql --format xml "SELECT 1"
polgraph --db missing.db sql "SELECT 1" >out 2>err
check_eq "missing database: exit" $? 1
check_eq "missing database: message" "$(cat err)" \
	"polgraph: error: database 'missing.db' does not exist"
check_eq "missing database: not created" "$(ls missing.db 2>/dev/null)" ""
finish
