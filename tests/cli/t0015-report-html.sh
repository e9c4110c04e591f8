#!/usr/bin/env bash
# polgraph report --html: a page that parses as XML (polyglot HTML), one
# inline SVG without its XML declaration, the centrality table report
# --format json agrees with, relations with their evidence, the filters
# applied, and hostile names shown as text with no script or event
# attribute. Chromium loads the page in t0016.
. "$(dirname "$0")/lib.sh"

# relative paths: article ids (the page shows them) must not depend on
# where the tree is checked out
(cd "$SRC" && polgraph -q ingest data/sample) 2>/dev/null

# xpath EXPR FILE: the value of an XPath expression over the page parsed
# as XML (namespaces ignored through local-name()).
xpath() { xmllint --xpath "$1" "$2" 2>/dev/null; }
# el NAME: an XPath step matching an element of any namespace
el() { printf '*[local-name()="%s"]' "$1"; }
# the rows of the table with this id
rows() { printf '//%s[@id="%s"]/%s/%s' "$(el table)" "$1" "$(el tbody)" "$(el tr)"; }

polgraph report --html page.html --top 20 --sort pagerank >stdout.txt
check_eq "--html: exit" $? 0
check_eq "--html: nothing on stdout" "$(cat stdout.txt)" ""
check_eq "page parses as XML" "$(xmllint --noout page.html 2>&1)" ""
# (libxml2's HTML parser is no judge: it knows no HTML5 or SVG element
# and, in 2.9.14, misreads character references in long attribute values
# that cross its input buffers. Chromium parses the page in t0016.)
check_eq "one DOCTYPE, the page's" "$(grep -c '<!DOCTYPE' page.html)" 1
check_grep "HTML5 DOCTYPE first" '^<!DOCTYPE html>$' <(head -n 1 page.html)
check_eq "no XML declaration" "$(grep -c '<?xml' page.html)" 0
check_eq "exactly one svg" "$(xpath "count(//$(el svg))" page.html)" 1
check_eq "svg in the page's body" \
	"$(xpath "count(/$(el html)/$(el body)//$(el svg))" page.html)" 1
check_eq "nothing external: no src, no http link, no script" \
	"$(grep -cE '<script|src=|<link|href="(https?:)?//' page.html)" 0

# the drawing: render's top 50 by PageRank, legend and Graphviz titles
check_eq "50 actors and the legend drawn" \
	"$(xpath "count(//$(el g)[@class=\"node\"])" page.html)" \
	"$(polgraph render --top 50 --format dot -o - |
		grep -cE '^	+(n|legend_)[a-z0-9]+	\[')"
check_eq "Graphviz titles kept" \
	"$(xpath "count(//$(el svg)//$(el g)[@class=\"node\"]/$(el title))" page.html)" \
	"$(xpath "count(//$(el g)[@class=\"node\"])" page.html)"
check_grep "edge tooltips carry dated evidence" \
	'xlink:title="[^"]*&#10;• 2025&#45;09&#45;12 data/sample' page.html
check_grep "the page says how much is drawn" \
	'The 50 actors ranked highest by PageRank, of 114' page.html

# the centrality table
check_eq "centrality: --top 20 rows" \
	"$(xpath "count($(rows centrality-table))" page.html)" 20
check_eq "centrality: first actor as report --format json" \
	"$(xpath "string($(rows centrality-table)[1]/$(el td)[2]/$(el span))" page.html)" \
	"$(polgraph report --format json --top 1 --sort pagerank | jq -r '.actors[0].key')"
check_eq "centrality: 20th actor as report --format json" \
	"$(xpath "string($(rows centrality-table)[20]/$(el td)[2]/$(el span))" page.html)" \
	"$(polgraph report --format json --top 20 --sort pagerank | jq -r '.actors[19].key')"
check_eq "centrality: its PageRank as report --format csv" \
	"$(xpath "string($(rows centrality-table)[1]/$(el td)[8])" page.html)" \
	"$(polgraph report --format csv --top 1 --sort pagerank | sed -n 2p | cut -d, -f9)"
check_eq "centrality: a column per metric" \
	"$(xpath "count(//$(el table)[@id=\"centrality-table\"]/$(el thead)/$(el tr)/$(el th))" page.html)" 15
polgraph report --html metrics.html --metrics pagerank,community --sort community
check_eq "--metrics: its columns" \
	"$(xpath "//$(el table)[@id=\"centrality-table\"]/$(el thead)/$(el tr)/$(el th)/text()" metrics.html |
		tr '\n' ' ')" "rank actor type pagerank community "
check_eq "without --top: 100 rows" \
	"$(xpath "count($(rows centrality-table))" metrics.html)" 100
check_grep "without --top: the page says so" 'Set --top to list more' metrics.html
check_eq "--sort community: ascending" \
	"$(xpath "string($(rows centrality-table)[100]/$(el td)[5])" metrics.html)" \
	"$(polgraph report --format json --top 100 --sort community | jq -r '.actors[99].community')"

# relations and co-mentions
typed=$(polgraph report --format json |
	jq '[.summary.edge_types | to_entries[] | select(.key != "comention") | .value] | add')
check_eq "every typed relation listed" \
	"$(xpath "count($(rows relations-table))" page.html)" "$typed"
relation="$(rows relations-table)[$(el td)[2][starts-with(., \"sanctions-lifted-by\")]]"
relation="$relation[$(el td)[1]/$(el span)=\"country:BLR\"][$(el td)[3]/$(el span)=\"country:USA\"]"
check_eq "evidence of a known relation" \
	"$(xpath "string($relation/$(el td)[6])" page.html)" \
	"2025-09-12 Соединённые Штаты сняли санкции с национального авиаперевозчика Белоруссии — авиакомпании «Белавиа». data/sample/txt/02-belavia-sanctions-lifted.txt"
check_eq "dates of a known relation" \
	"$(xpath "string($relation/$(el td)[5])" page.html)" "2025-09-12"
check_eq "typed relations, strongest first" \
	"$(xpath "$(rows relations-table)/$(el td)[4]/text()" page.html | tr '\n' ' ')" \
	"$(xpath "$(rows relations-table)/$(el td)[4]/text()" page.html | sort -rn | tr '\n' ' ')"
check_eq "co-mentions: the 25 strongest" \
	"$(xpath "count($(rows comentions-table))" page.html)" 25
check_grep "co-mentions: the page says what is left out" \
	'The 25 strongest of 276 co-mentions.*the other 251 are left out' page.html
check_eq "at most 3 sentences per relation" \
	"$(xpath "count($(rows relations-table)/$(el td)[6]/$(el ul)[count($(el li)[not(starts-with(., '('))]) > 3])" page.html)" 0

# the filters applied
polgraph report --html f.html --since 2025-10-01 --until 2025-10-31 \
	--type meets-with,comention --actor-type person,country --lang en \
	--source "Northwind Wire" --window paragraph --min-weight 1 --ego Belarus \
	--depth 2
check_eq "filters: exit" $? 0
check_eq "filters: every one listed with its value" \
	"$(xpath "$(rows filters-table)" f.html | sed 's/<[^>]*>/ /g; s/  */ /g; s/^ //')" \
	"since 2025-10-01 
until 2025-10-31 
type meets-with, comention 
actor-type person, country 
lang en 
source Northwind Wire 
window paragraph 
min-weight 1 
ego Belarus 
depth 2 "
check_eq "filters: the ones set in bold" \
	"$(xpath "count($(rows filters-table)[@class=\"set\"])" f.html)" 9
check_eq "filters: none set" \
	"$(xpath "count($(rows filters-table)[@class=\"set\"])" page.html)" 0
polgraph report --html empty.html --since 2031-01-01
check_eq "empty graph: a page still" "$(xmllint --noout empty.html 2>&1)" ""
check_grep "empty graph: says so" 'No actor in the filtered graph' empty.html

polgraph report --html - --top 20 --sort pagerank >again.html
check_file "--html - writes stdout, the same page" page.html again.html

# Hostile names and evidence (as in t0013): quotes, backslashes,
# <script>, &, ]]>, a newline, a bell, javascript:, event attributes.
mkdir data
cp -r "$SRC/data/actors" "$SRC/data/recognize" "$SRC/data/rules" data/
cat >data/actors/zz-hostile.jsonl <<'JSON'
{"key": "person:zorgon", "type": "person", "name": "Zorgon \"the\" \\ <script>alert(1)</script> & ]]> \n javascript:alert(1) \\N \u0007 \\", "names": {"en": ["Zorgon"]}}
{"key": "org:quux", "type": "organization", "name": "\"; URL=\"javascript:alert(2)\" x=\"\\", "names": {"en": ["Quuxia"]}}
{"key": "org:onload", "type": "organization", "name": "<svg onload=alert(3)> <img src=x onerror=alert(4)>", "names": {"en": ["Onloadia"]}}
JSON
cat >hostile.jsonl <<'JSON'
{"id": "h1<b onmouseover=alert(7)>", "date": "2025-10-01", "lang": "en", "text": "Zorgon met Quuxia and Onloadia in Paris. Zorgon criticized Quuxia <script>alert(5)</script> & ]]> javascript:alert(6)."}
JSON
polgraph --db h.db --data data -q ingest hostile.jsonl
polgraph --db h.db --data data report --html h.html
check_eq "hostile: exit" $? 0
check_eq "hostile page parses as XML" "$(xmllint --noout h.html 2>&1)" ""
check_eq "hostile: no script element" "$(xpath "count(//$(el script))" h.html)" 0
check_eq "hostile: no on* attribute" \
	"$(xpath 'count(//@*[starts-with(local-name(), "on")])' h.html)" 0
check_eq "hostile: only our own links" \
	"$(xpath 'count(//@*[local-name()="href"][not(starts-with(., "#"))])' h.html)" 0
check_eq "hostile: one svg, no img" \
	"$(xpath "count(//$(el svg))+count(//$(el img))" h.html)" 1
check_eq "hostile: no element but ours and Graphviz's" \
	"$(grep -oE '<[a-zA-Z][a-zA-Z0-9:]*' h.html | tr -d '<' | sort -u |
		grep -cvxE 'html|head|meta|title|style|body|h1|h2|p|nav|a|section|table|thead|tbody|tr|th|td|span|ul|li|div|footer|svg|g|ellipse|path|polygon|polyline|text')" 0
check_eq "hostile name shown as text in the table" \
	"$(xpath "string($(rows centrality-table)/$(el td)[2][$(el span)=\"person:zorgon\"])" h.html)" \
	'Zorgon "the" \ <script>alert(1)</script> & ]]> 
 javascript:alert(1) \N   \ person:zorgon'
check_grep "hostile name escaped in the source" \
	'Zorgon &quot;the&quot; \\ &lt;script&gt;alert\(1\)&lt;/script&gt; &amp; ]]&gt;' h.html
check_grep "hostile evidence shown as text" \
	'Quuxia &lt;script&gt;alert\(5\)&lt;/script&gt; &amp; ]]&gt; javascript:alert\(6\)' h.html
check_grep "hostile article id escaped" \
	'<span class="article">h1&lt;b onmouseover=alert\(7\)&gt;</span>' h.html

check_status "--html with --format" 2 polgraph report --html x.html --format json
check_status "--html with --compare" 2 polgraph report --html x.html \
	--compare 2025-09-01..2025-09-30 2025-10-01..2025-10-31
check_status "--html without a file" 2 polgraph report --html
check_status "unwritable page" 1 polgraph report --html no/such/dir/x.html
check_status "missing database" 1 polgraph --db missing.db report --html x.html

finish
