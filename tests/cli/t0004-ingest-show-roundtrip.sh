#!/usr/bin/env bash
# `ingest` stores exactly what `extract` reports: for every article of the
# sample corpus, `show ID` prints the line `extract` printed.
. "$(dirname "$0")/lib.sh"

cp -r "$SRC/data/sample" sample
polgraph extract sample >extracted.jsonl
check_eq "extract sample: exit" $? 0
n=$(wc -l <extracted.jsonl)
check_eq "sample has at least 20 articles" "$([ "$n" -ge 20 ] && echo yes)" yes
check_eq "sample has Russian and English" "$(jq -r .lang extracted.jsonl | sort -u | tr '\n' ' ')" "en ru "

polgraph ingest sample 2>err
check_eq "ingest sample: exit" $? 0
check_eq "ingest sample: summary" "$(cat err)" "ingested $n, skipped 0 duplicates, rejected 0"

jq -r .id extracted.jsonl >ids
# shellcheck disable=SC2046
polgraph show $(cat ids) >shown.jsonl
check_eq "show: exit" $? 0
check_file "show == extract, article by article" extracted.jsonl shown.jsonl

polgraph show nosuch >out 2>err
check_eq "show unknown id: exit" $? 1
check_grep "show unknown id: message" "^polgraph: error: .*nosuch" err

polgraph show --text "$(head -n 1 ids)" >text.out
check_eq "show --text: first line is a header" "$(head -c 2 text.out)" "# "

finish
