#!/usr/bin/env bash
# polgraph render: the DOT of the sample corpus against a golden file,
# SVG that parses as XML without script or event attributes, PNG and PDF
# signatures, labels, clusters, layouts, and hostile actor names.
. "$(dirname "$0")/lib.sh"

GOLDEN=$SRC/tests/golden/render
# relative paths: article ids (the golden DOT shows them) must not depend
# on where the tree is checked out
(cd "$SRC" && polgraph -q ingest data/sample) 2>/dev/null

# xpath EXPR FILE: the value of an XPath expression (namespaces ignored
# through local-name()).
xpath() { xmllint --xpath "$1" "$2" 2>/dev/null; }

polgraph render --top 15 -o top.dot
check_eq "render dot: exit" $? 0
check_file "top 15 DOT matches the golden file" "$GOLDEN/sample-top15.dot" top.dot
polgraph render --top 15 --format dot -o - >again.dot
check_file "DOT is stable, and -o - writes stdout" top.dot again.dot
check_grep "small graph: dot layout" '^		layout=dot,$' top.dot
check_eq "15 actor nodes" "$(grep -cE '^	n[0-9]+	\[' top.dot)" 15

polgraph render -o all.dot
check_grep "114 actors: sfdp layout" '^		layout=sfdp,$' all.dot
check_eq "every actor drawn" "$(grep -cE '^	n[0-9]+	\[' all.dot)" \
	"$(polgraph report --format json | jq .summary.nodes)"
polgraph render --layout neato --no-legend -o neato.dot
check_grep "--layout" '^		layout=neato,$' neato.dot
check_eq "--no-legend" "$(grep -c cluster_legend neato.dot)" 0
check_eq "legend by default" "$(grep -c 'subgraph cluster_legend' all.dot)" 1

polgraph render --top 20 --cluster community -o c.dot
check_eq "--cluster community" "$(grep -cE '^	subgraph cluster_c[0-9]+ \{' c.dot)" \
	"$(polgraph report --top 20 --sort pagerank --format json |
		jq '[.actors[].community] | unique | length')"
polgraph render --top 20 --cluster community --labels orig -o c-orig.dot
check_eq "cluster order is creation order, not the heap's" \
	"$(grep -E '^	subgraph' c-orig.dot)" "$(grep -E '^	subgraph' c.dot)"
check_eq "clusters in order of their first actor" \
	"$(awk -F'\t' '/^\tsubgraph cluster_c/ { split($2, w, " "); c = w[2] }
		/^\t\tn[0-9]+\t/ && c { print substr($3, 2), c; c = "" }' c.dot |
		sort -n | awk '{ print $2 }' | tr '\n' ' ')" \
	"$(grep -oE '^	subgraph cluster_c[0-9]+' c.dot | awk '{ print $2 }' | tr '\n' ' ')"
polgraph render --top 15 --labels ru -o ru.dot
check_grep "--labels ru: lexicon name" 'label=Беларусь,' ru.dot
polgraph render --top 15 --labels orig -o orig.dot
check_grep "--labels orig: Russian name of a Russian-reported actor" \
	'label="Александр Лукашенко",' orig.dot
check_grep "--labels orig: English name of an English-reported actor" \
	'label="Marco Rubio",' orig.dot
polgraph render --top 15 --size-by none -o flat.dot
check_eq "--size-by none: no sizes" "$(grep -cE 'fontsize=[0-9]+\.[0-9]{2}' flat.dot)" 0
check_eq "--size-by pagerank: 15 sizes" "$(grep -cE 'fontsize=[0-9]+\.[0-9]{2}' top.dot)" 15

polgraph render --top 25 -o top.svg
check_eq "SVG parses as XML" "$(xmllint --noout top.svg 2>&1)" ""
check_eq "25 actors and the legend in the SVG" \
	"$(xpath 'count(//*[local-name()="g"][@class="node"])' top.svg)" \
	"$(grep -cE '^	+(n|legend_)[a-z0-9]+	\[' <(polgraph render --top 25 -o -  --format dot))"
check_eq "every edge's tooltip carries dated evidence" \
	"$(xpath 'count(//*[local-name()="g"][@class="edge"][.//@*[local-name()="title"][contains(., "• 20")]])' top.svg)" \
	"$(xpath 'count(//*[local-name()="g"][@class="edge"][not(starts-with(*[local-name()="title"], "legend"))])' top.svg)"

polgraph render --top 10 -o top.png
check_eq "PNG signature" "$(head -c 8 top.png | od -An -tx1 | tr -d ' ')" 89504e470d0a1a0a
polgraph render --top 10 -o top.pdf
check_eq "PDF signature" "$(head -c 5 top.pdf)" "%PDF-"

# Hostile names: quotes, backslashes, <script>, &, ]]>, a newline, a bell,
# javascript: and \N, through a lexicon of our own.
mkdir data
cp -r "$SRC/data/actors" "$SRC/data/recognize" "$SRC/data/rules" data/
cat >data/actors/zz-hostile.jsonl <<'JSON'
{"key": "person:zorgon", "type": "person", "name": "Zorgon \"the\" \\ <script>alert(1)</script> & ]]> \n javascript:alert(1) \\N \u0007 \\", "names": {"en": ["Zorgon"]}}
{"key": "org:quux", "type": "organization", "name": "\"; URL=\"javascript:alert(2)\" x=\"\\", "names": {"en": ["Quuxia"]}}
{"key": "org:onload", "type": "organization", "name": "<svg onload=alert(3)> <img src=x onerror=alert(4)>", "names": {"en": ["Onloadia"]}}
JSON
cat >hostile.jsonl <<'JSON'
{"id": "h1", "date": "2025-10-01", "lang": "en", "text": "Zorgon met Quuxia and Onloadia in Paris. Zorgon criticized Quuxia <script>alert(5)</script> & ]]> javascript:alert(6)."}
JSON
polgraph --db h.db --data data -q ingest hostile.jsonl
polgraph --db h.db --data data render -o h.svg
check_eq "hostile: exit" $? 0
check_eq "hostile SVG parses as XML" "$(xmllint --noout h.svg 2>&1)" ""
check_eq "hostile: no script element" \
	"$(xpath 'count(//*[local-name()="script"])' h.svg)" 0
check_eq "hostile: no on* attribute" \
	"$(xpath 'count(//@*[starts-with(local-name(), "on")])' h.svg)" 0
check_eq "hostile: no link" \
	"$(xpath 'count(//@*[local-name()="href"])' h.svg)" 0
check_eq "hostile: no element but Graphviz's" \
	"$(grep -oE '<[a-zA-Z:]+' h.svg | tr -d '<' | sort -u |
		grep -cvxE 'a|ellipse|g|path|polygon|polyline|svg|text|title')" 0
check_eq "hostile name shown as text" \
	"$(xpath 'string(//*[local-name()="text"][starts-with(., "Zorgon")])' h.svg |
		sed 's/\xc2\xa0/ /g')" \
	'Zorgon "the" \ <script>alert(1)</script> & ]]>   javascript:alert(1) \N   \'
polgraph --db h.db --data data render -o h.dot
check_eq "hostile DOT: node ids generated" \
	"$(grep -oE '^	[^	 ]+	\[' h.dot | tr -d '\t[' | grep -v legend_ | sort | tr '\n' ' ')" \
	"n0 n1 n2 n3 "
check_eq "hostile DOT: no link attribute" "$(grep -cE '^	+(URL|href|image)=' h.dot)" 0

check_status "no -o" 2 polgraph render
check_status "bad format" 2 polgraph render -o x --format gif
check_status "bad layout" 2 polgraph render -o x --layout magic
check_status "bad size metric" 2 polgraph render -o x --size-by fame
check_status "bad labels" 2 polgraph render -o x --labels fr
check_status "bad top" 2 polgraph render -o x --top 0
check_status "unwritable output" 1 polgraph render -o no/such/dir/x.svg
check_status "missing database" 1 polgraph --db missing.db render -o x.svg

finish
