#!/usr/bin/env bash
# g:render and g:export in queries: the same files as `polgraph render`
# and `polgraph export` with the same options (one engine, drawing.h),
# SVG that parses, the sandbox's rule for files (relative paths below the
# current directory, the format's extension; refused paths write
# nothing), whole-file writes, and errors with script:line.
. "$(dirname "$0")/lib.sh"

# relative paths: article ids (tooltips show them) must not depend on
# where the tree is checked out
(cd "$SRC" && polgraph -q ingest data/sample) 2>/dev/null
GOLDEN=$SRC/tests/golden/render
q() { polgraph query -e "$1"; }
xpath() { xmllint --xpath "$1" "$2" 2>/dev/null; }

# ---- render: the DOT of the CLI ----

q 'pg.graph{}:render("q-top15.dot", {top = 15})'
check_eq "g:render dot: exit" $? 0
check_file "g:render top 15 = the golden DOT of polgraph render" \
	"$GOLDEN/sample-top15.dot" q-top15.dot
check_eq "g:render to '-' writes stdout" \
	"$(q 'pg.graph{}:render("-", {format = "dot", top = 15})')" "$(cat "$GOLDEN/sample-top15.dot")"

q 'pg.graph{}:render("q-all.gv", {format = "dot", top = 20, size_by = "betweenness",
	labels = "orig", cluster = "community", layout = "neato", title = "All & <more>",
	legend = false, evidence = 1})'
polgraph render --format dot --top 20 --size-by betweenness --labels orig \
	--cluster community --layout neato --title "All & <more>" --no-legend \
	--evidence 1 -o c-all.dot
check_file "every render option as the CLI's" c-all.dot q-all.gv

q 'pg.graph{}:render("q-flat.dot", {size_by = "none", labels = "ru", cluster = "none"})'
polgraph render --size-by none --labels ru --cluster none -o c-flat.dot
check_file "size_by none, labels ru, the whole graph" c-flat.dot q-flat.dot

q 'local g = pg.graph{since = "2025-10-01", ["until"] = "2025-10-31",
		types = {"meets-with", "comention"}}
	g:subgraph{center = "Лукашенко", depth = 2}:render("q-ego.dot", {cluster = true})'
polgraph render --since 2025-10-01 --until 2025-10-31 -t meets-with,comention \
	--ego Lukashenka --depth 2 --cluster community -o c-ego.dot
check_file "filters and an ego subgraph as --ego: same DOT, same evidence" c-ego.dot q-ego.dot
check_grep "the ego DOT carries October's evidence" '• 2025-10-' q-ego.dot

check_eq "g:render returns what it drew" \
	"$(q 'print(pg.json(pg.graph{}:render("r.dot", {top = 12})))')" \
	'{"actors":12,"edges":'"$(polgraph render --top 12 -o - --format dot |
		grep -cE '^	n[0-9]+ -[->] n[0-9]+')"',"files":["r.dot"],"format":"dot"}'

# ---- render: SVG ----

q 'pg.graph{}:render("q.svg", {top = 25})'
check_eq "g:render svg parses as XML" "$(xmllint --noout q.svg 2>&1)" ""
polgraph render --top 25 -o c.svg
check_eq "as many nodes and edges as polgraph render's SVG" \
	"$(xpath 'concat(count(//*[@class="node"]), " ", count(//*[@class="edge"]))' q.svg)" \
	"$(xpath 'concat(count(//*[@class="node"]), " ", count(//*[@class="edge"]))' c.svg)"
check_eq "edge tooltips carry dated evidence" \
	"$(xpath 'count(//*[local-name()="g"][@class="edge"][.//@*[local-name()="title"][contains(., "• 20")]])' q.svg)" \
	"$(xpath 'count(//*[local-name()="g"][@class="edge"][.//@*[local-name()="title"][contains(., "• 20")]])' c.svg)"
q 'local g = pg.graph{} for i = 1, 3 do g:render("again.svg", {top = 25}) end'
check_file "rendering again in one query gives the same SVG" q.svg again.svg
q 'pg.graph{}:render("q.png", {top = 10})'
check_eq "PNG by extension" "$(head -c 8 q.png | od -An -tx1 | tr -d ' ')" 89504e470d0a1a0a

# ---- export: the files of the CLI ----

q 'local g = pg.graph{types = {"meets-with", "supports"}, since = "2025-10-01"}
	for _, f in ipairs{"q.graphml", "q.gexf", "q.json", "q.csv", "q.dot"} do
		g:export(f, {centrality = true})
	end'
check_eq "g:export: exit" $? 0
for format in graphml gexf json csv dot; do
	polgraph export --type meets-with,supports --since 2025-10-01 --centrality \
		--format $format -o c.$format
done
for file in .graphml .gexf .json -nodes.csv -edges.csv .dot; do
	if cmp -s "c$file" "q$file"; then ok; else fail "g:export q$file differs from polgraph export's"; fi
done
q 'pg.graph{}:export("plain.json")'
polgraph export -o plain-c.json
check_file "g:export without options = polgraph export" plain-c.json plain.json
check_eq "g:export names both CSV files" \
	"$(q 'print(table.concat(pg.graph{}:export("two.csv").files, " "))')" \
	"two-nodes.csv two-edges.csv"
check_eq "g:export of a subgraph: its actors only" \
	"$(q 'pg.graph{}:subgraph{actor_types = {"person"}}:export("-", {format = "json"})' |
		jq '[.nodes[].type] | unique')" '[
  "person"
]'

# ---- the sandbox: what may be written where ----

mkdir sub
ln -s /tmp outside
# refused NAME EXPECTED_MESSAGE CODE: exit 1, the message, nothing written.
refused() {
	local before after
	before=$(find . -newer test.db | sort)
	polgraph query -e "$3" >out 2>err
	check_eq "$1: exit" $? 1
	check_eq "$1: message" "$(cat err)" "polgraph: error: (command line):1: $2"
	after=$(find . -newer test.db | sort | grep -vxE '\./(out|err)')
	check_eq "$1: nothing written" "$after" "$(printf '%s\n' "$before" | grep -vxE '\./(out|err)')"
}
SANDBOX="the sandbox writes only below the current directory (a relative path without '..'; polgraph query --unsafe lifts this)"
refused "absolute path" "g:render: cannot write '$T/abs.svg': $SANDBOX" \
	"pg.graph{}:render('$T/abs.svg')"
refused "'..'" "g:export: cannot write '../up.json': $SANDBOX" \
	"pg.graph{}:export('../up.json')"
refused "'..' inside" "g:render: cannot write 'sub/../../up.svg': $SANDBOX" \
	"pg.graph{}:render('sub/../../up.svg')"
refused "a directory link out" \
	"g:render: cannot write 'outside/x.svg': its directory is outside the current directory (through a symbolic link); the sandbox writes only below it" \
	"pg.graph{}:render('outside/x.svg')"
refused "the store itself" \
	"g:export: cannot write 'test.db': in the sandbox a json file must end in .json" \
	"pg.graph{}:export('test.db', {format = 'json'})"
refused "a script" "g:render: cannot write 'x.lua': in the sandbox a svg file must end in .svg" \
	"pg.graph{}:render('x.lua')"
refused "format and extension disagree" \
	"g:render: cannot write 'x.svg': in the sandbox a png file must end in .png" \
	"pg.graph{}:render('x.svg', {format = 'png'})"
refused "no such directory" \
	"g:render: cannot write 'nodir/x.svg': No such file or directory" \
	"pg.graph{}:render('nodir/x.svg')"
check_eq "the link's target untouched" "$(ls /tmp/x.svg 2>/dev/null)" ""
q 'pg.graph{}:render("sub/in.dot", {top = 5})'
check_eq "a subdirectory is fine" $? 0
check_grep "sub/in.dot written" '^digraph polgraph' sub/in.dot
q 'print(pcall(function() pg.graph{}:render("/abs.svg") end))' >caught
check_grep "the refusal is an error pcall catches" '^false	.*g:render: cannot write' caught

mkdir unsafe
polgraph query --unsafe -e "pg.graph{}:render('$T/unsafe/abs.any', {format = 'dot', top = 15})"
check_eq "--unsafe: any path, any name" $? 0
check_file "--unsafe: the same DOT" "$GOLDEN/sample-top15.dot" unsafe/abs.any

# ---- whole files ----

printf 'old\n' >keep.dot
mkdir dir.dot
refused "a directory in the way" "g:render: cannot write 'dir.dot': Is a directory" \
	"pg.graph{}:render('dir.dot')"
check_eq "no temporary file left behind" "$(ls -A | grep -c '^\.')" 0
q 'pg.graph{}:render("keep.dot", {top = 15})'
check_file "an existing file is replaced whole" "$GOLDEN/sample-top15.dot" keep.dot

# ---- bad options: the script's line ----

cat >bad.lua <<'LUA'
local g = pg.graph{}
g:render("x.svg", {format = "gif"})
LUA
polgraph query bad.lua >out 2>err
check_eq "bad format: exit" $? 1
check_eq "bad format: script:line and message" "$(cat err)" \
	"polgraph: error: bad.lua:2: g:render: unknown format 'gif' (want dot, svg, png or pdf)"
bad() {
	polgraph query -e "$2" >out 2>err
	check_eq "$1: exit" $? 1
	check_eq "$1: message" "$(cat err)" "polgraph: error: (command line):1: $3"
}
bad "export format" 'pg.graph{}:export("x.xml", {format = "xml"})' \
	"g:export: unknown format 'xml' (want graphml, gexf, json, csv or dot)"
bad "export without a known extension" 'pg.graph{}:export("x.xml")' \
	"g:export: give format (no known extension in 'x.xml')"
bad "unknown option" 'pg.graph{}:render("x.svg", {sizeby = "pagerank"})' \
	"g:render: unknown option 'sizeby'"
bad "bad top" 'pg.graph{}:render("x.svg", {top = 0})' \
	"g:render: option 'top' must be an integer >= 1"
bad "bad metric" 'pg.graph{}:render("x.svg", {size_by = "fame"})' \
	"g:render: unknown metric 'fame'"
bad "bad labels" 'pg.graph{}:render("x.svg", {labels = "fr"})' \
	"g:render: unknown labels 'fr' (want en, ru or orig)"
bad "bad layout" 'pg.graph{}:render("x.svg", {layout = "magic"})' \
	"g:render: unknown layout 'magic' (want dot, neato, fdp, sfdp, circo or twopi)"
bad "bad legend" 'pg.graph{}:render("x.svg", {legend = "no"})' \
	"g:render: option 'legend' must be true or false"
bad "CSV to stdout" 'pg.graph{}:export("-", {format = "csv"})' \
	"g:export: CSV is two files: give a file name"
check_eq "none of them wrote a file" "$(ls x.* 2>/dev/null)" ""
finish
