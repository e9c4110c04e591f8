#!/usr/bin/env bash
# polgraph lexicon: list, show, export, import (CAMEO) and add; help and
# usage errors for each subcommand. Everything that writes works in a copy
# of the data directory (--data), so the repository's data is never touched.
. "$(dirname "$0")/lib.sh"

SAMPLE=$SRC/tests/data/cameo-sample.txt

# ---- help and usage errors ----

polgraph lexicon --help >help.out 2>&1
check_eq "lexicon --help: exit" $? 0
check_grep "lexicon --help: usage" "^usage: polgraph .*lexicon SUBCOMMAND" help.out
polgraph help lexicon >help2.out
check_file "help lexicon == lexicon --help" help.out help2.out
for sub in list show export import add; do
	check_grep "lexicon --help lists $sub" "^  $sub( |$)" help.out
	polgraph lexicon "$sub" --help >sub.out 2>sub.err
	check_eq "lexicon $sub --help: exit" $? 0
	check_eq "lexicon $sub --help: stderr" "$(cat sub.err)" ""
	check_grep "lexicon $sub --help: usage" "^usage: polgraph .*lexicon $sub( |$)" sub.out
	polgraph lexicon "$sub" -h >sub-h.out
	check_file "lexicon $sub -h == --help" sub.out sub-h.out
done
check_grep "import help: where the output goes" "DIR/actors/" <(polgraph lexicon import --help)
check_grep "import help: countries merge" "merges" <(polgraph lexicon import --help)

usage_error() { # LABEL MESSAGE-REGEX USAGE-REGEX ARGS...
	local label=$1 message=$2 usage=$3
	shift 3
	polgraph "$@" >out 2>err
	check_eq "$label: exit" $? 2
	check_eq "$label: nothing on stdout" "$(cat out)" ""
	check_grep "$label: message" "^polgraph: error: $message$" err
	check_grep "$label: usage line" "^usage: polgraph .*$usage" err
}
usage_error "no subcommand" "no subcommand given" "lexicon SUBCOMMAND" lexicon
usage_error "unknown subcommand" "unknown subcommand 'frob'" "lexicon SUBCOMMAND" lexicon frob
usage_error "list: unknown option" "unknown option '--bogus'" "lexicon list" lexicon list --bogus
usage_error "list: bad type" "unknown type 'planet' \(want country, person, organization, location or group\)" \
	"lexicon list" lexicon list --type planet
usage_error "list: bad format" "unknown format 'xml' \(want tsv or json\)" "lexicon list" lexicon list --format xml
usage_error "export: no --format" "unknown option '--format'" "lexicon export" lexicon export --format json
usage_error "show: no name" "no name or key given" "lexicon show" lexicon show
usage_error "import: no format" "which format\? \(--format cameo\)" "lexicon import" lexicon import "$SAMPLE"
usage_error "import: other format" "unknown format 'tabari' \(want cameo\)" "lexicon import" \
	lexicon import --format tabari "$SAMPLE"
usage_error "import: no file" "no FILE given" "lexicon import" lexicon import --format cameo
usage_error "add: nothing" "--key, --type and --name are required" "lexicon add" lexicon add
usage_error "add: no alias" "at least one --alias is required" "lexicon add" \
	lexicon add --key person:x-y --type person --name 'X Y' --demonym en:Xian
usage_error "add: alias without a language" "--alias 'Zorblat' is not LANG:TEXT \(e.g. ru:Лукашенко\)" \
	"lexicon add" lexicon add --key person:x-y --type person --name 'X Y' --alias Zorblat
usage_error "add: key without a type" "key 'zorblat' is not TYPE:ID" "lexicon add" \
	lexicon add --key zorblat --type person --name 'X Y' --alias 'en:X Y'
usage_error "add: key of another type" "key 'country:ZZZ' is for a country, not a person" "lexicon add" \
	lexicon add --key country:ZZZ --type person --name 'X Y' --alias 'en:X Y'
usage_error "add: bad type" "unknown type 'planet' \(want country, person, organization, location or group\)" \
	"lexicon add" lexicon add --key person:x-y --type planet --name 'X Y' --alias 'en:X Y'

# ---- import --format cameo ----

polgraph lexicon import --format cameo "$SAMPLE" >cameo.jsonl 2>import.err
check_eq "import: exit 1 for the malformed record" $? 1
check_eq "import: summary" "$(tail -n 1 import.err)" "imported 7 entries (1 skipped)"
check_grep "import: the bad record by file and line" \
	"^polgraph: error: .*tests/data/cameo-sample.txt:38: no such date '990231'$" import.err
check_eq "import: one error" "$(grep -c 'error:' import.err)" 1
check_grep "import: a name the built-in org:UN has" \
	"^polgraph: warning: 'United Nations' of org:IGOUNO already names org:UN \(United Nations\)$" import.err
check_eq "import: exact entries" "$(jq -c . cameo.jsonl)" \
'{"key":"country:BLR","type":"country","name":"Belarus","names":{"en":["Belarus","Byelorussia","Belorussia","White Russia","Republic of Belarus"]}}
{"key":"person:viktar-hardzeyeu","type":"person","name":"Viktar Hardzeyeu","names":{"en":["Viktar Hardzeyeu","V. Hardzeyeu"]},"roles":[{"position":"legislature","of":"country:BLR","from":"1996-01-01","until":"2001-12-31"},{"position":"government","of":"country:BLR","from":"2002-01-15","until":"2009-11-30"},{"position":"elite","of":"country:BLR","from":"2009-12-01","until":"2015-06-30"}]}
{"key":"person:ales-marchanka","type":"person","name":"Ales Marchanka","names":{"en":["Ales Marchanka"]},"roles":[{"position":"opposition","of":"country:BLR","from":null,"until":null},{"position":"media","of":"country:BLR","from":null,"until":"2005-03-01"},{"position":"opposition","of":"country:BLR","from":"2005-03-01","until":null}]}
{"key":"person:iryna-kavalchuk","type":"person","name":"Iryna Kavalchuk","names":{"en":["Iryna Kavalchuk","Iryna Kovalchuk"]},"roles":[{"position":"government-military","of":"country:UKR","from":null,"until":null},{"position":"cameo-ukrqqq","of":"country:UKR","from":"2010-01-01","until":"2012-12-31"}]}
{"key":"org:IGOUNO","type":"organization","name":"United Nations","names":{"en":["United Nations","UN","U.N.","United Nations Organization"]}}
{"key":"person:marta-kowalska","type":"person","name":"Marta Kowalska","names":{"en":["Marta Kowalska"]},"roles":[{"position":"official","of":"org:IGOUNO","from":"2017-03-01","until":"2021-02-28"}]}
{"key":"org:NGOGBRHLH","type":"organization","name":"NHS Trust Alliance","names":{"en":["NHS Trust Alliance"]}}'
check_eq "import: dated roles" \
	"$(jq -r 'select(.key=="person:viktar-hardzeyeu") | .roles[] | "\(.position) \(.of) \(.from) \(.until)"' cameo.jsonl)" \
	"legislature country:BLR 1996-01-01 2001-12-31
government country:BLR 2002-01-15 2009-11-30
elite country:BLR 2009-12-01 2015-06-30"
check_eq "import: the malformed record is left out" "$(grep -c -i siarheyeu cameo.jsonl)" 0
check_eq "import: nothing after ---STOP---" "$(grep -c -i ignored cameo.jsonl)" 0

polgraph lexicon import --format cameo - <"$SAMPLE" >stdin.jsonl 2>/dev/null
check_eq "import from stdin: exit" $? 1
check_file "import from stdin == from the file" cameo.jsonl stdin.jsonl
polgraph -q lexicon import --format cameo "$SAMPLE" -o out.jsonl >stdout.txt 2>quiet.err
check_eq "import -o: exit" $? 1
check_file "import -o writes what stdout gets" cameo.jsonl out.jsonl
check_eq "import -o: stdout empty" "$(cat stdout.txt)" ""
check_eq "import -q: no summary" "$(grep -c imported quiet.err)" 0
check_eq "import -o: no temporary file left" "$(ls out.jsonl.tmp 2>/dev/null)" ""
printf 'BELARUS_ [BLR]\n+WHITE_RUSSIA_\n' >good.txt
polgraph lexicon import --format cameo good.txt >good.jsonl 2>good.err
check_eq "import of a clean file: exit" $? 0
check_eq "import of a clean file: summary" "$(cat good.err)" "imported 1 entry (0 skipped)"
polgraph lexicon import --format cameo missing.txt >out 2>err
check_eq "import of a missing file: exit" $? 1
check_eq "import of a missing file: message" "$(cat err)" \
	"polgraph: error: cannot open 'missing.txt': No such file or directory"

# ---- show ----

show_key() { polgraph lexicon show "$@" | sed -n 's/^key: //p'; }
check_eq "show лукашенко" "$(show_key лукашенко)" person:alexander-lukashenko
check_eq "show Lukashenka" "$(show_key Lukashenka)" person:alexander-lukashenko
check_eq "show words joined" "$(show_key Alexander Lukashenko)" person:alexander-lukashenko
check_eq "show Минска (inflected metonym)" "$(show_key Минска)" country:BLR
check_eq "show by key" "$(show_key country:BLR)" country:BLR
polgraph lexicon show Lukashenka >show.out
check_grep "show: type" "^type: person$" show.out
check_grep "show: name" "^name: Alexander Lukashenko$" show.out
check_grep "show: names by language" "^  ru: .*Лукашенко" show.out
check_grep "show: a role with its dates" "^  president of country:BLR \(Belarus\), since [0-9]{4}-[0-9]{2}-[0-9]{2}$" show.out
check_grep "show: where it comes from" "^source: .*/actors/people.jsonl:[0-9]+$" show.out
polgraph lexicon show Zorblatovich >out 2>err
check_eq "show unknown: exit" $? 1
check_eq "show unknown: message" "$(cat err)" "polgraph: error: no actor matches 'Zorblatovich'"
check_eq "show unknown: nothing on stdout" "$(cat out)" ""

# ---- list and export ----

polgraph lexicon list >list.tsv
check_eq "list: exit" $? 0
check_eq "list: header" "$(head -n 1 list.tsv)" "$(printf 'key\ttype\tname\taliases\troles')"
check_grep "list: a row" "^country:BLR	country	Belarus	[0-9]+	0$" list.tsv
countries=$(polgraph lexicon list --type country | wc -l)
check_eq "list --type country: 197 states and a header" "$([ "$countries" -ge 198 ] && echo yes)" yes
check_eq "list --type country: only countries" \
	"$(polgraph lexicon list --type country | tail -n +2 | cut -f 2 | sort -u)" country
polgraph lexicon export >export.jsonl
check_eq "export: exit" $? 0
check_eq "export: one line per entry" "$(wc -l <export.jsonl)" "$(($(wc -l <list.tsv) - 1))"
check_eq "export: JSON objects" "$(jq -c type export.jsonl | sort -u)" '"object"'
check_eq "export: the keys list gives" "$(jq -r .key export.jsonl)" "$(tail -n +2 list.tsv | cut -f 1)"
check_file "list --format json == export" export.jsonl <(polgraph lexicon list --format json)
check_eq "export --type person" "$(polgraph lexicon export --type person | jq -r .type | sort -u)" person

# ---- add, and import, into a copy of the data ----

cp -r "$SRC/data" data
printf 'Zorblat Quenn met Alexander Lukashenko in Minsk.\n' >a.txt
check_eq "before add: not found" \
	"$(polgraph --data data extract a.txt | jq -r '.actors[].key' | grep -c zorblat)" 0
polgraph --data data lexicon add --key person:zorblat-quenn --type person --name 'Zorblat Quenn' \
	--alias 'en:Zorblat Quenn' --alias 'ru:Зорблат Квенн' --belongs-to country:BLR >out 2>err
check_eq "add: exit" $? 0
check_eq "add: message" "$(cat err)" "added 'person:zorblat-quenn' to 'data/actors/local.jsonl'"
check_eq "add: nothing on stdout" "$(cat out)" ""
check_eq "add: the line" "$(tail -n 1 data/actors/local.jsonl | jq -c .)" \
	'{"key":"person:zorblat-quenn","type":"person","name":"Zorblat Quenn","names":{"en":["Zorblat Quenn"],"ru":["Зорблат Квенн"]},"belongs_to":"country:BLR"}'
check_eq "after add: extract finds it" \
	"$(polgraph --data data extract a.txt | jq -r '.actors[].key' | grep zorblat)" person:zorblat-quenn
check_eq "after add: show, inflected" "$(polgraph --data data lexicon show 'Зорблата Квенна' | sed -n 's/^key: //p')" \
	person:zorblat-quenn
polgraph lexicon show person:zorblat-quenn >out 2>&1
check_eq "the repository's data is untouched" $? 1

# A second actor with the same name: a warning, then an ambiguous name.
polgraph --data data lexicon add -k person:zorblat-quenn-jr -t person -n 'Zorblat Quenn Jr' \
	-a 'en:Zorblat Quenn' -a 'en:Zorblat Quenn Jr' >out 2>err
check_eq "add a namesake: exit" $? 0
check_grep "add a namesake: warning" \
	"^polgraph: warning: 'Zorblat Quenn' also names person:zorblat-quenn \(Zorblat Quenn\)$" err
polgraph --data data lexicon show zorblat quenn >out 2>err
check_eq "show ambiguous: exit" $? 1
check_eq "show ambiguous: message" "$(cat err)" \
	"polgraph: error: 'zorblat quenn' is ambiguous: person:zorblat-quenn (Zorblat Quenn), person:zorblat-quenn-jr (Zorblat Quenn Jr)"
check_eq "show ambiguous: nothing on stdout" "$(cat out)" ""

# A key may not change its type: the file would no longer load.
polgraph --data data lexicon add -k bloc:visegrad -t group -n Visegrad -a 'en:Visegrad Group' -f blocs.jsonl 2>/dev/null
check_eq "add to --file: exit" $? 0
polgraph --data data lexicon add -k bloc:visegrad -t organization -n Visegrad -a 'en:V4' -f blocs.jsonl >out 2>err
check_eq "add with another type: exit" $? 1
check_grep "add with another type: message" "^polgraph: error: 'bloc:visegrad' is a organization, but blocs.jsonl:1 says group$" err
check_eq "add with another type: file unchanged" "$(wc -l <blocs.jsonl)" 1

# The converted dictionary takes effect in DIR/actors/ and merges.
polgraph --data data lexicon import --format cameo "$SAMPLE" -o data/actors/zz-cameo.jsonl 2>/dev/null
check_eq "import into the data: exit" $? 1
polgraph --data data lexicon show 'White Russia' >show.out
check_grep "a CAMEO synonym merges into country:BLR" "^key: country:BLR$" show.out
check_grep "the built-in name stays" "^name: Belarus$" show.out
check_grep "the built-in names stay" "^  ru: Беларусь" show.out
polgraph --data data lexicon show Viktar Hardzeyeu >show.out
check_grep "a CAMEO person with dated roles" \
	"^  legislature of country:BLR \(Belarus\), 1996-01-01 to 2001-12-31$" show.out
check_grep "a CAMEO role until a date" "^  media of country:BLR \(Belarus\), until 2005-03-01$" \
	<(polgraph --data data lexicon show 'Ales Marchanka')
printf 'Viktar Hardzeyeu arrived in White Russia.\n' >b.txt
check_eq "extract finds the imported actors" \
	"$(polgraph --data data extract b.txt | jq -r '.actors[].key')" "country:BLR
person:viktar-hardzeyeu"

finish
