#!/usr/bin/env bash
# Files only where the user names them: every command runs with TMPDIR an
# empty directory, and afterwards it is still empty, and the working
# directory holds only the files the commands were told to write.
. "$(dirname "$0")/lib.sh"

mkdir tmp work
export TMPDIR=$T/tmp TMP=$T/tmp TEMP=$T/tmp
cd work || exit 1
cp -r "$SRC/data/sample" in
ls -A >../before

run() { "$POLGRAPH" "$@" >/dev/null 2>>../err || echo "failed: $*" >>../failed; }
run ingest in
run extract in
run stats
run articles
run report
run report --format json
run render -o g.svg
run render --format png -o g.png
run render --format dot -o g.dot
run export -o g.graphml
run export -o g.gexf
run export -o g.json
run export -o g.csv
run query "$SRC/graphs/queries/brokers.lua"
run sql "SELECT count(*) FROM articles"
run lexicon show Putin
# The sample holds a bad entry on purpose: exit 1, the file written.
"$POLGRAPH" lexicon import --format cameo "$SRC/tests/data/cameo-sample.txt" -o cameo.jsonl >/dev/null 2>&1
run neighbors Putin
run path Putin Macron
printf 'Putin met Macron.\n' | "$POLGRAPH" extract - >/dev/null 2>>../err
"$POLGRAPH" ingest in/nosuch.txt >/dev/null 2>&1 # a failing run too

check_eq "every command succeeded" "$(cat ../failed 2>/dev/null)" ""
check_eq "TMPDIR stays empty" "$(ls -A ../tmp)" ""
check_eq "only the files named" "$(ls -A | grep -vxF -f ../before | sort)" "cameo.jsonl
g-edges.csv
g-nodes.csv
g.dot
g.gexf
g.graphml
g.json
g.png
g.svg"
check_eq "no database journal left behind" "$(ls -A "$T" | grep -c 'test.db-')" 0

finish
