#!/usr/bin/env bash
# Hostile lexicon and rule files: each bad byte or JSON trap in a data file
# stops the run with the file:line and what is wrong (data files are the
# analyst's, so a bad one is an error, not a skip), and hostile actor names
# (quotes, backslashes, newlines, <script>, &, ]]>, DOT keywords) go
# through ingest, DOT, SVG and CSV without breaking a document.
. "$(dirname "$0")/lib.sh"

printf 'Zorgon met Quuxia in Paris.\n' >a.txt
entry='{"key": "person:zorgon", "type": "person", "name": "NAME", "names": {"en": ["Zorgon"]}}'

# lexicon LINE... : a data dir whose extra lexicon holds these lines.
lexicon() {
	rm -rf data
	mkdir data
	cp -r "$SRC/data/actors" "$SRC/data/recognize" "$SRC/data/rules" data/
	printf '%s\n' "$@" >data/actors/zz.jsonl
}

# bad_lexicon LABEL WANT_MESSAGE LINE...
bad_lexicon() {
	local label=$1 want=$2
	shift 2
	lexicon "$@"
	polgraph --data data extract a.txt >out 2>err
	check_eq "lexicon $label: exit" $? 1
	check_eq "lexicon $label: message" "$(head -n 1 err)" "polgraph: error: $want"
	check_eq "lexicon $label: no output" "$(cat out)" ""
}

bad_lexicon "invalid UTF-8" "data/actors/zz.jsonl:1: invalid UTF-8 at byte 54" \
	"${entry/NAME/Z$'\xff'}"
bad_lexicon "overlong UTF-8" "data/actors/zz.jsonl:1: invalid UTF-8 at byte 54" \
	"${entry/NAME/Z$'\xc0\xaf'}"
bad_lexicon "CESU-8" "data/actors/zz.jsonl:1: invalid UTF-8 at byte 54" \
	"${entry/NAME/Z$'\xed\xa0\x80'}"
bad_lexicon "escaped NUL" "data/actors/zz.jsonl:2: \\u0000 (NUL) in a string at byte 54" \
	"${entry/zorgon/ok}" "${entry/NAME/Z\\u0000}"
bad_lexicon "lone surrogate" "data/actors/zz.jsonl:1: lone UTF-16 surrogate \\udfff at byte 54" \
	"${entry/NAME/Z\\udfff}"
bad_lexicon "duplicate key" "data/actors/zz.jsonl:1: duplicate key 'key'" \
	"${entry/\"type\"/\"key\": \"person:other\", \"type\"}"
bad_lexicon "duplicate nested key" "data/actors/zz.jsonl:1: duplicate key 'en' in names" \
	"${entry/\]\}/], \"en\": [\"Other\"]\}}"
bad_lexicon "truncated" "data/actors/zz.jsonl:1: malformed JSON near byte 86" \
	"${entry%\}\}}"
bad_lexicon "deep nesting" "data/actors/zz.jsonl:1: JSON nested deeper than 64 levels at byte 65" \
	"$(printf '[%.0s' $(seq 200))"
printf '[%.0s' $(seq 1000000) >deep
bad_lexicon "1M brackets" "data/actors/zz.jsonl:1: JSON nested deeper than 64 levels at byte 65" \
	"$(cat deep)"

# A 50 MB line, a BOM, mixed scripts.
lexicon
{ head -c 50000000 /dev/zero | tr '\0' ' '; echo '{'; } >data/actors/zz.jsonl
with_memory_cap 600000 "$POLGRAPH" --data data extract a.txt >/dev/null 2>err
check_eq "lexicon 50 MB line" "$(cat err)" "polgraph: error: data/actors/zz.jsonl:1: malformed JSON near byte 50000002"
lexicon
printf '\xef\xbb\xbf%s\n' "${entry/NAME/Зоргон 北京 مرحبا Zörgön}" >data/actors/zz.jsonl
polgraph --data data extract a.txt >out 2>err
check_eq "lexicon with a BOM and mixed scripts: exit" $? 0
check_eq "lexicon with a BOM and mixed scripts: name" \
	"$(jq -r '.actors[] | select(.key == "person:zorgon") | .name' out)" "Зоргон 北京 مرحبا Zörgön"

# Raw NUL bytes cannot ride in a shell string: written with printf.
lexicon
printf '{"key": "person:z", "type": "person", "name": "Z\0", "names": {"en": ["Zorgon"]}}\n' >data/actors/zz.jsonl
polgraph --data data extract a.txt >/dev/null 2>err
check_eq "lexicon raw NUL" "$(cat err)" "polgraph: error: data/actors/zz.jsonl:1: NUL byte at byte 49"

# CRLF line ends and comments are fine; a control character in a name is
# kept and escaped on the way out.
lexicon
printf '// comment\r\n%s\r\n' "${entry/NAME/Zorgon\\u0007 the \\\"first\\\"}" >data/actors/zz.jsonl
polgraph --data data extract a.txt >out 2>err
check_eq "lexicon CRLF: exit" $? 0
check_eq "lexicon CRLF: name escaped in JSON" \
	"$(jq -r '.actors[] | select(.key == "person:zorgon") | .name' out | od -An -c | tr -s ' ')" \
	"$(printf 'Zorgon\a the "first"\n' | od -An -c | tr -s ' ')"

# Rule files: the same traps in a whole-file JSON document.
for case in utf8 nul dupkey deep truncated; do
	lexicon
	rules=data/rules/en.json
	case $case in
	utf8) sed -i '0,/"lang": "en"/s//"lang": "e\xffn"/' $rules ;;
	nul) sed -i '0,/"lang": "en"/s//"lang": "en\\u0000"/' $rules ;;
	dupkey) sed -i '0,/"lang": "en",/s//"lang": "en", "lang": "ru",/' $rules ;;
	deep) sed -i '0,/"lang": "en",/s//"lang": "en", "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],/' $rules ;;
	truncated) truncate -s 1000 $rules ;;
	esac
	polgraph --data data extract a.txt >out 2>err
	check_eq "rules $case: exit" $? 1
	check_grep "rules $case: names the file" "^polgraph: error: (.*/)?data/rules/en.json: " err
done
check_eq "rules: last message" "$(sed 's/^.*en.json: //' err)" "malformed JSON near byte 993"

# Hostile names all the way through: quotes, backslashes, a newline, a
# tab, <script>, &, ]]>, DOT keywords and DOT syntax, HTML-like labels.
lexicon
cat >data/actors/zz.jsonl <<'JSON'
{"key": "person:zorgon", "type": "person", "name": "strict digraph node edge subgraph -- -> { } [ ] ; = \"q\" \\ \n\t<script>alert(1)</script> & ]]> <<B>html</B>>", "names": {"en": ["Zorgon"]}}
{"key": "org:quux", "type": "organization", "name": "graph", "names": {"en": ["Quuxia"]}}
JSON
printf '{"id":"h1","date":"2025-10-01","text":"Zorgon met Quuxia in Paris. Zorgon criticized Quuxia."}\n' >h.jsonl
polgraph --data data ingest h.jsonl 2>err
check_eq "hostile names: ingest" "$(cat err)" "ingested 1, skipped 0 duplicates, rejected 0"
check_db "hostile names"
polgraph render --format dot -o h.dot
check_eq "hostile DOT: exit" $? 0
if command -v dot >/dev/null; then
	check_eq "hostile DOT parses" "$(dot -Tsvg h.dot -o h2.svg 2>&1)" ""
	check_eq "hostile SVG from our DOT is well-formed" "$(xmllint --noout h2.svg 2>&1)" ""
fi
check_eq "hostile DOT: keywords only inside quoted labels" \
	"$(grep -c 'label="strict digraph node edge subgraph -- -> { } \[ \] ; = \\"q\\" \\\\' h.dot)" 1
polgraph render --format svg -o h.svg
check_eq "hostile SVG is well-formed" "$(xmllint --noout h.svg 2>&1)" ""
check_eq "hostile SVG: no script element" \
	"$(xmllint --xpath 'count(//*[local-name()="script"])' h.svg)" 0
check_eq "hostile SVG: DOT keywords shown as text" \
	"$(xmllint --xpath 'count(//*[local-name()="text"][contains(., "strict digraph node edge")])' h.svg)" 1
polgraph export -o h.csv
sqlite3 hc.db ".import --csv h-nodes.csv nodes"
check_eq "hostile CSV: the name comes back" \
	"$(sqlite3 hc.db "SELECT \"name:string\" FROM nodes WHERE \"key:ID\" = 'person:zorgon'" | cut -c1-39)" \
	"strict digraph node edge subgraph -- ->"
for format in graphml gexf; do
	polgraph export -o "h.$format"
	check_eq "hostile $format is well-formed" "$(xmllint --noout "h.$format" 2>&1)" ""
done

# A rule whose relation type is hostile: types are free-form data, and go
# to edge labels, tooltips, the legend and every export.
lexicon
sed -i '0,/"type": *"meets-with"/s//"type": "meets<script>\\"\&]]> node\\n"/' data/rules/en.json
check_eq "hostile type: rule edited" "$(grep -c 'meets<script>' data/rules/en.json)" 1
printf 'Putin met Macron in Paris. Putin held talks with Macron.\n' >t.txt
POLGRAPH_DB=t.db polgraph --data data ingest t.txt 2>/dev/null
check_eq "hostile type: stored as given" \
	"$(sqlite3 t.db "SELECT DISTINCT type FROM relations WHERE type LIKE 'meets<%'" | od -c | head -n 2)" \
	"$(printf 'meets<script>"&]]> node\n\n' | od -c | head -n 2)"
POLGRAPH_DB=t.db polgraph render -o t.svg
check_eq "hostile type: SVG well-formed" "$(xmllint --noout t.svg 2>&1)" ""
check_eq "hostile type: no script element" \
	"$(xmllint --xpath 'count(//*[local-name()="script"])' t.svg)" 0
for format in graphml gexf; do
	POLGRAPH_DB=t.db polgraph export -o "t.$format"
	check_eq "hostile type: $format well-formed" "$(xmllint --noout "t.$format" 2>&1)" ""
done
POLGRAPH_DB=t.db polgraph export -o t.csv
sqlite3 tc.db ".import --csv t-edges.csv edges"
check_eq "hostile type: CSV comes back" \
	"$(sqlite3 tc.db "SELECT \"type:string\" FROM edges WHERE \"type:string\" LIKE 'meets<%'")" \
	'meets<script>"&]]> node '

finish
