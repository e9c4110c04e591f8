#!/usr/bin/env bash
# polgraph eval: scores the pipeline against a gold file (factRuEval
# format, code point offsets) - exact counts per token and per span, the
# type table, kept misses, fact pairs (Occupation, Meeting), rejected gold
# lines and usage errors.
. "$(dirname "$0")/lib.sh"

# Three sentences written for this test. The people and states are in the
# lexicon; "Азербайджан" is left out of the gold on purpose (a false
# positive), and the village "Мокрое" is in no lexicon (a false negative).
# Demonyms ("Белорусская делегация") name no entity and are not scored.
cat >gold.jsonl <<'EOF'
{"id": "s1", "text": "Путин встретился с Лукашенко в Минске.", "entities": [{"type": "Person", "start": 0, "end": 5, "text": "Путин"}, {"type": "Person", "start": 19, "end": 28, "text": "Лукашенко"}, {"type": "LocOrg", "start": 31, "end": 37, "text": "Минске"}], "facts": []}
{"id": "s2", "text": "Азербайджан направил людей в Москву.", "entities": [{"type": "LocOrg", "start": 29, "end": 35, "text": "Москву"}]}

{"id": "s3", "text": "Путин и Лукашенко прогулялись возле пруда Мокрое.", "entities": [{"type": "Person", "start": 0, "end": 5, "text": "Путин"}, {"type": "Person", "start": 8, "end": 17, "text": "Лукашенко"}, {"type": "Location", "start": 42, "end": 48, "text": "Мокрое"}]}
EOF

polgraph eval --format json gold.jsonl >out.json 2>err
check_eq "exit status" $? 0
check_eq "nothing on stderr" "$(cat err)" ""
check_eq "one JSON object" "$(jq -c type out.json)" '"object"'
check_eq "documents, entities, mentions" \
	"$(jq -c '[.documents, .rejected, .gold_entities, .predicted_mentions, .tokens]' out.json)" \
	"[3,0,7,7,18]"
check_eq "token PER tp/fp/fn" "$(jq -c '.token.PER | [.tp, .fp, .fn]' out.json)" "[4,0,0]"
check_eq "token LOC tp/fp/fn" "$(jq -c '.token.LOC | [.tp, .fp, .fn]' out.json)" "[2,1,1]"
check_eq "token ORG tp/fp/fn" "$(jq -c '.token.ORG | [.tp, .fp, .fn]' out.json)" "[0,0,0]"
check_eq "token micro" "$(jq -c '.token.micro | [.tp, .fp, .fn]' out.json)" "[6,1,1]"
check_eq "span PER and LOC" "$(jq -c '[.span.PER, .span.LOC | [.tp, .fp, .fn]]' out.json)" "[[4,0,0],[2,1,1]]"
check_eq "LOC precision, recall, f1" \
	"$(jq -c '.token.LOC | [.precision, .recall, .f1]' out.json)" "[0.6667,0.6667,0.6667]"
check_eq "no type table unless asked" "$(jq 'has("types")' out.json)" "false"

# Text: the table and the summary line.
polgraph eval gold.jsonl >out.txt 2>err
check_eq "text: exit status" $? 0
check_eq "text: header" "$(head -n 1 out.txt | tr -s ' ')" "metric type precision recall f1 tp fp fn"
check_eq "text: token LOC row" "$(grep '^token  *LOC ' out.txt | tr -s ' ')" "token LOC 0.667 0.667 0.667 2 1 1"
check_eq "text: span micro row" "$(grep '^span  *micro ' out.txt | tr -s ' ')" "span micro 0.857 0.857 0.857 6 1 1"
check_eq "text: summary" "$(tail -n 1 out.txt)" "documents 3, gold entities 7, predicted mentions 7"
check_eq "text: columns aligned" "$(head -n 9 out.txt | awk '{ print index($0, $3) }' | sort -u)" "16"

# --types: which of our types meet which gold types at exact spans.
polgraph eval --types --format json gold.jsonl >types.json
check_eq "types: persons" "$(jq -c '.types.Person | [.person, .none]' types.json)" "[4,0]"
check_eq "types: LocOrg as country" "$(jq -c '.types.LocOrg | [.country, .none]' types.json)" "[2,0]"
check_eq "types: Location missed" "$(jq -c '.types.Location.none' types.json)" "1"
check_eq "types: country without gold" "$(jq -c '.types.none.country' types.json)" "1"
polgraph eval --types gold.jsonl >types.txt
check_grep "types: text table" '^LocOrg +2 +0 +0 +0 +0 +0$' types.txt

# --errors: misses on stderr, stdout unchanged.
polgraph eval --errors 5 gold.jsonl >errors.txt 2>errors.err
check_eq "errors: exit status" $? 0
check_file "errors: stdout unchanged" out.txt errors.txt
check_eq "errors: misses" "$(cat errors.err)" "$(printf 'fp\tLOC\ts2\t0\t22\tАзербайджан\nfn\tLOC\ts3\t78\t90\tМокрое')"

# Bad gold lines are named by file and line and skipped; exit 1.
cp gold.jsonl bad.jsonl
cat >>bad.jsonl <<'EOF'
{"id": "b1", "text": "Путин в Минске.",
{"id": "b2", "entities": []}
{"id": "b3", "text": "Путин в Минске.", "entities": [{"type": "Person", "start": 0, "end": 16}]}
{"id": "b4", "text": "Путин в Минске.", "entities": [{"type": "Animal", "start": 0, "end": 5}]}
EOF
polgraph eval --format json bad.jsonl >bad.json 2>bad.err
check_eq "bad lines: exit status" $? 1
check_eq "bad lines: messages" "$(cat bad.err)" "polgraph: error: bad.jsonl:5: malformed JSON near byte 52
polgraph: error: bad.jsonl:6: missing required field 'text'
polgraph: error: bad.jsonl:7: entities.0: end 16 is past the end of the text (15 code points)
polgraph: error: bad.jsonl:8: entities.0: unknown type 'Animal'"
check_eq "bad lines: the good ones still scored" \
	"$(jq -c '[.documents, .rejected, .token.PER.tp, .token.LOC.tp]' bad.json)" "[3,4,4,2]"
polgraph eval bad.jsonl 2>/dev/null >bad.txt
check_eq "bad lines: text summary" "$(tail -n 1 bad.txt)" \
	"documents 3, gold entities 7, predicted mentions 7, rejected 4"

# stdin, and a gold line without id or lang.
printf '{"text": "Лукашенко прилетел в Минск."}\n' | polgraph eval --format json - >stdin.json
check_eq "stdin" "$(jq -c '[.documents, .predicted_mentions, .span.micro.fp]' stdin.json)" "[1,2,2]"
printf '{"text": "Лукашенко прилетел в Минск."}\n' | polgraph eval --errors 1 - 2>&1 >/dev/null | cut -f1,3 >stdin.err
check_eq "id defaults to FILE:LINE" "$(cat stdin.err)" "$(printf 'fp\t<stdin>:1')"

# Usage errors and help.
check_status "no gold file" 2 polgraph eval
check_status "two gold files" 2 polgraph eval gold.jsonl gold.jsonl
check_status "bad format" 2 polgraph eval --format xml gold.jsonl
check_status "bad --errors" 2 polgraph eval --errors many gold.jsonl
check_status "negative --errors" 2 polgraph eval --errors -1 gold.jsonl
check_status "unknown option" 2 polgraph eval --nope gold.jsonl
polgraph eval nosuch.jsonl >/dev/null 2>missing.err
check_eq "missing file: exit status" $? 1
check_eq "missing file: message" "$(cat missing.err)" \
	"polgraph: error: cannot open 'nosuch.jsonl': No such file or directory"
polgraph help >help.out
check_grep "help lists eval" "^  eval " help.out
polgraph eval -h >h.out
check_eq "eval -h: exit" $? 0
check_grep "eval -h shows usage" "^usage: polgraph eval" h.out

# Facts: Occupation and Meeting facts against relations, in a gold file of
# their own. With no relation rules, Лукашенко with Беларусь in an undated
# article is still a holds-position relation (rule lexicon.role): right in
# f1, where the gold has the Occupation; wrong in f2, which has no fact; not
# counted in f4, whose facts are not annotated (has_facts false). f3 has
# no has_facts but a fact, so it counts: its Meeting, not phrased as one,
# is missed, and its Occupation without Where gives no pair.
cat >facts.jsonl <<'EOF'
{"id": "f1", "has_facts": true, "text": "Президент Беларуси Лукашенко провёл совещание.", "entities": [{"id": "1", "type": "LocOrg", "start": 10, "end": 18, "text": "Беларуси", "cluster": "blr"}, {"id": "2", "type": "Person", "start": 19, "end": 28, "text": "Лукашенко", "cluster": "luk"}], "clusters": [{"id": "blr", "mentions": ["1"]}, {"id": "luk", "mentions": ["2"]}], "facts": [{"type": "Occupation", "args": {"Who": [{"kind": "entity", "cluster": "luk", "text": "Лукашенко Александр"}], "Position": [{"kind": "span", "start": 0, "end": 9, "text": "Президент"}], "Where": [{"kind": "entity", "cluster": "blr", "text": "Беларусь"}]}}]}
{"id": "f2", "has_facts": true, "text": "Лукашенко заявил, что Беларусь готова к диалогу.", "entities": [{"id": "1", "type": "Person", "start": 0, "end": 9, "text": "Лукашенко", "cluster": "luk"}, {"id": "2", "type": "LocOrg", "start": 22, "end": 30, "text": "Беларусь", "cluster": "blr"}], "facts": []}
{"id": "f3", "text": "Путин и Лукашенко прогулялись возле пруда.", "entities": [{"id": "1", "type": "Person", "start": 0, "end": 5, "text": "Путин", "cluster": "p"}, {"id": "2", "type": "Person", "start": 8, "end": 17, "text": "Лукашенко", "cluster": "l"}], "facts": [{"type": "Meeting", "args": {"Participant": [{"kind": "entity", "cluster": "p", "text": "Путин Владимир"}, {"kind": "entity", "cluster": "l", "text": "Лукашенко Александр"}]}}, {"type": "Occupation", "args": {"Who": [{"kind": "entity", "cluster": "p", "text": "Путин Владимир"}], "Position": [{"kind": "span", "start": 0, "end": 5, "text": "Путин"}]}}]}
{"id": "f4", "has_facts": false, "text": "Лукашенко вернулся в Беларусь.", "entities": [{"id": "1", "type": "Person", "start": 0, "end": 9, "text": "Лукашенко", "cluster": "luk"}, {"id": "2", "type": "LocOrg", "start": 21, "end": 29, "text": "Беларусь", "cluster": "blr"}], "facts": []}
EOF
polgraph eval --format json facts.jsonl >facts.json 2>facts.err
check_eq "facts: exit status" $? 0
check_eq "facts: nothing on stderr" "$(cat facts.err)" ""
check_eq "facts: documents with facts" "$(jq -c '[.documents, .fact_documents]' facts.json)" "[4,3]"
check_eq "facts: occupation" \
	"$(jq -c '.facts.occupation | [.tp, .fp, .fn, .precision, .recall, .f1]' facts.json)" "[1,1,0,0.5,1,0.6667]"
check_eq "facts: meeting" "$(jq -c '.facts.meeting | [.tp, .fp, .fn]' facts.json)" "[0,0,1]"
polgraph eval facts.jsonl >facts.txt
check_eq "facts: text occupation row" "$(grep '^fact  *occupation ' facts.txt | tr -s ' ')" \
	"fact occupation 0.500 1.000 0.667 1 1 0"
check_eq "facts: text meeting row" "$(grep '^fact  *meeting ' facts.txt | tr -s ' ')" \
	"fact meeting 0.000 0.000 0.000 0 0 1"
check_grep "facts: summary" ', documents with facts 3$' facts.txt
polgraph eval --errors 5 facts.jsonl 2>&1 >/dev/null | grep -E "$(printf '\t')(occupation|meeting)$(printf '\t')" >facts.misses
check_eq "facts: misses" "$(cat facts.misses)" \
	"$(printf 'fp\toccupation\tf2\tЛукашенко\tБеларусь\nfn\tmeeting\tf3\tПутин Владимир\tЛукашенко Александр')"
# Without annotated facts: no fact rows, zeros in JSON.
check_eq "no facts: no fact rows" "$(grep -c '^fact ' out.txt)" "0"
check_eq "no facts: JSON zeros" \
	"$(jq -c '[.fact_documents, .facts.occupation.tp, .facts.meeting.fp]' out.json)" "[0,0,0]"

finish
