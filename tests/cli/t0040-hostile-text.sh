#!/usr/bin/env bash
# Hostile bytes in plain-text and JSON Lines articles: invalid, overlong
# and truncated UTF-8, CESU-8 surrogates, code points above U+10FFFF, raw
# NUL bytes, a BOM, CRLF line ends, control characters and mixed scripts.
# Each bad article is named by file:line:column and skipped; every good one
# is stored whole; the exit status is 1 while anything was rejected.
. "$(dirname "$0")/lib.sh"

mkdir in
printf 'Overlong \xc0\xaf slash.\n' >in/b01-overlong.txt
printf 'Overlong three \xe0\x80\xaf bytes.\n' >in/b02-overlong3.txt
printf 'CESU \xed\xa0\x80\xed\xb0\x80 pair.\n' >in/b03-cesu.txt
printf 'Lone \xed\xb0\x80 low.\n' >in/b04-lone-low.txt
printf 'Raw NUL \x00 inside.\n' >in/b05-nul.txt
printf 'Above \xf4\x90\x80\x80 U+10FFFF.\n' >in/b06-above.txt
printf 'Cut \xe2\x82\n' >in/b07-truncated.txt
printf 'Stray \x80 continuation.\n' >in/b08-stray.txt
printf '\xfe\xff not UTF-16.\n' >in/b09-utf16-bom.txt
printf '\xef\xbb\xbfBOM then Министр встретился с послом.\n' >in/g01-bom.txt
printf 'date 2025-01-02\r\nCRLF line one.\r\nМинистр встретился с послом.\r\n' >in/g02-crlf.txt
printf 'Control \x01\x02\x1b[31m chars \x7f here. Next sentence.\n' >in/g03-control.txt
printf 'Mixed: Путин met Macron in 北京 and שלום with مرحبا. Ελλάδα.\n' >in/g04-mixed.txt
printf 'Combining e\xcc\x81 and zero\xe2\x80\x8bwidth and RTL \xe2\x80\xae override.\n' >in/g05-combining.txt
{
	printf '\xef\xbb\xbf{"id":"j-bom","text":"BOM on the first line."}\r\n'
	printf '{"id":"j-bad","text":"raw \xff byte"}\n'
	printf '{"id":"j-nul","text":"raw \x00 NUL"}\n'
	printf '{"id":"j-cesu","text":"\xed\xa0\xbd\xed\xb8\x80"}\n'
	printf '{"id":"j-ctrl","text":"tab\\there \\u0001 \\u001b[0m and \\u007f."}\n'
	printf '{"id":"j-emoji","text":"Emoji \\ud83d\\ude00 and \xf0\x9f\x98\x80 ok."}\n'
	printf '{"id":"j-crlf","text":"CRLF\\r\\ninside."}\r\n'
} >in/j.jsonl

polgraph ingest in >out 2>err
check_eq "exit status" $? 1
check_eq "messages" "$(cat err)" "polgraph: error: in/b01-overlong.txt:1:10: invalid UTF-8
polgraph: error: in/b02-overlong3.txt:1:16: invalid UTF-8
polgraph: error: in/b03-cesu.txt:1:6: invalid UTF-8
polgraph: error: in/b04-lone-low.txt:1:6: invalid UTF-8
polgraph: error: in/b05-nul.txt:1:9: NUL byte
polgraph: error: in/b06-above.txt:1:7: invalid UTF-8
polgraph: error: in/b07-truncated.txt:1:5: invalid UTF-8
polgraph: error: in/b08-stray.txt:1:7: invalid UTF-8
polgraph: error: in/b09-utf16-bom.txt:1:1: invalid UTF-8
polgraph: error: in/j.jsonl:2:27: invalid UTF-8
polgraph: error: in/j.jsonl:3:27: NUL byte
polgraph: error: in/j.jsonl:4:24: invalid UTF-8
ingested 9, skipped 0 duplicates, rejected 12"
check_eq "good articles stored" "$(sqlite3 "$POLGRAPH_DB" 'SELECT ext_id FROM articles ORDER BY ext_id')" "in/g01-bom.txt
in/g02-crlf.txt
in/g03-control.txt
in/g04-mixed.txt
in/g05-combining.txt
j-bom
j-crlf
j-ctrl
j-emoji"
check_eq "BOM is not part of the text" \
	"$(sqlite3 "$POLGRAPH_DB" "SELECT substr(text, 1, 3) FROM articles WHERE ext_id = 'in/g01-bom.txt'")" "BOM"
check_eq "CRLF header still gives the date" \
	"$(sqlite3 "$POLGRAPH_DB" "SELECT date FROM articles WHERE ext_id = 'in/g02-crlf.txt'")" "2025-01-02"
check_eq "escaped surrogate pair decoded" \
	"$(sqlite3 "$POLGRAPH_DB" "SELECT hex(substr(text, 7, 1)) FROM articles WHERE ext_id = 'j-emoji'")" "F09F9880"
check_db "after hostile text"

# Everything stored extracts, shows and exports without a broken document.
check_status "show every article" 0 polgraph show in/g03-control.txt j-ctrl j-emoji
polgraph show j-ctrl | jq -e . >/dev/null
check_eq "show output is JSON" $? 0
check_status "export graphml" 0 polgraph export --format graphml -o g.graphml
check_eq "graphml well-formed" "$(xmllint --noout g.graphml 2>&1)" ""

# The same inputs through extract: same verdicts, no database.
polgraph extract in >ex.out 2>ex.err
check_eq "extract: exit" $? 1
check_eq "extract: one line per good article" "$(wc -l <ex.out)" 9
check_eq "extract: same rejections" "$(grep -c '^polgraph: error:' ex.err)" 12

finish
