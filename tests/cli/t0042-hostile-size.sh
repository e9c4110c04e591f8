#!/usr/bin/env bash
# Size limits: a 50 MB single-line article, a 100 MB JSON line, many tiny
# articles. Over a limit the input is named with the limit and the option
# that raises it, memory stays bounded (the run is capped with ulimit -v),
# and the articles around it are still stored.
. "$(dirname "$0")/lib.sh"

sentence='Министр встретился с послом. The envoy met officials. '
python3 - "$sentence" <<'PY'
import sys
s = sys.argv[1]
n = 50 * 1024 * 1024 // len(s.encode()) + 1
with open("big50.txt", "w") as f:
    f.write(s * n)
with open("line100.jsonl", "w") as f:
    f.write('{"id":"first","text":"Before the long line."}\n')
    f.write('{"id":"huge","text":"' + "a" * (100 * 1024 * 1024) + '"}\n')
    f.write('{"id":"after","text":"After the long line."}\n')
with open("tiny.jsonl", "w") as f:
    for i in range(100000):
        f.write('{"id":"t%d","text":"Note %d."}\n' % (i, i))
PY
printf 'Small neighbour.\n' >small.txt

# 50 MB in one line, in a .txt file: refused whole under the default limit,
# in little memory (the file is not read past the limit).
with_memory_cap 600000 "$POLGRAPH" ingest big50.txt small.txt 2>err
check_eq "50 MB article: exit" $? 1
check_eq "50 MB article: message" "$(cat err)" "polgraph: error: big50.txt: article larger than 16 MiB (limit: --max-article-size)
ingested 1, skipped 0 duplicates, rejected 1"

# A 100 MB JSON line: read no further than the line limit, then skipped.
with_memory_cap 600000 "$POLGRAPH" ingest line100.jsonl 2>err
check_eq "100 MB line: exit" $? 1
check_eq "100 MB line: message" "$(cat err)" "polgraph: error: line100.jsonl:2: line longer than 32 MiB (limit: --max-line)
ingested 2, skipped 0 duplicates, rejected 1"
check_db "after the long line"

# The limits move with options and variables, and say so.
head -c 3000 big50.txt | iconv -c -f utf-8 -t utf-8 >three-k.txt
polgraph ingest --max-article-size 2K three-k.txt 2>err
check_eq "--max-article-size 2K" "$(cat err)" "polgraph: error: three-k.txt: article larger than 2048 bytes (limit: --max-article-size)
ingested 0, skipped 0 duplicates, rejected 1"
POLGRAPH_MAX_ARTICLE_SIZE=4K polgraph ingest three-k.txt 2>err
check_eq "POLGRAPH_MAX_ARTICLE_SIZE=4K" "$(cat err)" "ingested 1, skipped 0 duplicates, rejected 0"
printf '{"id":"j","text":"%s"}\n' "$(head -c 200 three-k.txt | iconv -c -f utf-8 -t utf-8 | tr -d '\n')" >j.jsonl
polgraph ingest --max-article-size 100 --max-line 1M j.jsonl 2>err
check_eq "JSON text over the article limit" "$(cat err)" "polgraph: error: j.jsonl:1: article larger than 100 bytes (limit: --max-article-size)
ingested 0, skipped 0 duplicates, rejected 1"
POLGRAPH_MAX_LINE=100 polgraph extract j.jsonl >/dev/null 2>err
check_eq "POLGRAPH_MAX_LINE=100" "$(cat err)" "polgraph: error: j.jsonl:1: line longer than 100 bytes (limit: --max-line)
extracted 0, rejected 1"
printf '{"id":"j","text":"%s"}\n' "$(head -c 200 three-k.txt | iconv -c -f utf-8 -t utf-8 | tr -d '\n')" | polgraph extract --max-line 64 - >/dev/null 2>err
check_eq "stdin line over the limit" "$(cat err)" "polgraph: error: <stdin>:1: line longer than 64 bytes (limit: --max-line)
extracted 0, rejected 1"
printf '{"text":"abcdefghijklmnopqrstuvwxyz0123456789"}\n' >47.jsonl
check_status "a 47-byte line (and its newline) fits --max-line 47" 0 polgraph extract --max-line 47 47.jsonl
check_status "but not --max-line 46" 1 polgraph extract --max-line 46 47.jsonl
check_status "bad size is a usage error" 2 polgraph ingest --max-line 12Q j.jsonl
check_status "zero size is a usage error" 2 polgraph ingest --max-article-size 0 j.jsonl

# 100 000 tiny articles, one file.
polgraph ingest tiny.jsonl 2>err
check_eq "100k tiny: summary" "$(cat err)" "ingested 100000, skipped 0 duplicates, rejected 0"
check_eq "100k tiny: counts" "$(sqlite3 "$POLGRAPH_DB" "SELECT count(*) FROM articles WHERE ext_id GLOB 't[0-9]*'")" 100000
check_db "after 100k tiny"

finish
