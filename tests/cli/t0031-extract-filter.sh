#!/usr/bin/env bash
# extract is a streaming filter, which is what lets GNU parallel, Spark or
# Hadoop Streaming run it on pieces of a corpus: stdin gives what a file
# gives; the output for a concatenation is the concatenation of the
# outputs; it writes while its input is still coming (an endless input
# still yields the first results); --full adds text, origin and line.
. "$(dirname "$0")/lib.sh"

cp -r "$SRC/data/sample" sample
polgraph extract sample/articles.jsonl >file.out
check_eq "extract a file: exit" $? 0
polgraph extract <sample/articles.jsonl >stdin.out
check_eq "extract stdin: exit" $? 0
check_file "stdin gives what the file gives" file.out stdin.out
check_eq "one line per article" "$(wc -l <stdin.out)" "$(wc -l <sample/articles.jsonl)"

head -n 4 sample/articles.jsonl >part1.jsonl
tail -n +5 sample/articles.jsonl >part2.jsonl
{ polgraph extract <part1.jsonl && polgraph extract <part2.jsonl; } >parts.out
check_file "pieces extracted apart, concatenated == the whole" file.out parts.out

# An input that never ends: the first results still come out, and
# extract stops when its reader goes away.
timeout 60 bash -c 'while cat sample/articles.jsonl; do :; done |
	"$POLGRAPH" extract 2>/dev/null | head -n 10' >endless.out
check_eq "endless input: first results" "$(jq -r .id endless.out)" "$(jq -r .id file.out)"
check_file "endless input: same lines" file.out endless.out

polgraph extract --full sample/articles.jsonl >full.out
check_eq "extract --full: exit" $? 0
check_eq "--full adds text, origin, line at the end" \
	"$(head -n 1 full.out | jq -r 'keys_unsorted[-3:] | join(" ")')" "text origin line"
check_eq "--full: text is the article's" \
	"$(head -n 1 full.out | jq -r .text)" "$(head -n 1 sample/articles.jsonl | jq -r .text)"
check_eq "--full: bytes is the text's length" \
	"$(head -n 1 full.out | jq -r '.bytes == (.text | utf8bytelength)')" true
check_eq "--full: origin and lines" \
	"$(jq -r '"\(.origin):\(.line)"' full.out | head -n 3 | tr '\n' ' ')" \
	"sample/articles.jsonl:1 sample/articles.jsonl:2 sample/articles.jsonl:3 "
check_eq "--full: the rest is the plain line" \
	"$(jq -c 'del(.text, .origin, .line)' full.out)" "$(jq -c . file.out)"

finish
