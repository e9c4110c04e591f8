#!/usr/bin/env bash
# polgraph report --html in a browser: headless Chromium loads the page
# without console errors, and its DOM holds the graph (one svg with the
# drawn nodes) and the tables. A scratch page with a broken script shows
# the console check catches errors. Exit 77 (skipped) without chromium.
. "$(dirname "$0")/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: chromium not installed (Debian package chromium)"
	exit 77
fi

# browse PAGE: loads file://$T/PAGE once; the DOM goes to PAGE.dom, the
# browser log to PAGE.log. Chromium starts slowly, hence few launches.
browse() {
	HOME=$T timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$T/profile-$1" --no-first-run \
		--enable-logging=stderr --v=0 \
		--dump-dom "file://$T/$1" >"$1.dom" 2>"$1.log"
}
# console errors and uncaught exceptions in a browser log
console() { grep -E ':CONSOLE[^]]*\]|Uncaught' "$1" | cut -c1-300; }

(cd "$SRC" && polgraph -q ingest data/sample) 2>/dev/null
polgraph report --html page.html --top 20 --sort pagerank
check_eq "page written" $? 0

browse page.html
check_eq "chromium: exit" $? 0
check_eq "no console error" "$(console page.html.log)" ""
check_eq "the DOM has one svg" "$(grep -o '<svg' page.html.dom | wc -l)" 1
check_eq "with every node drawn" \
	"$(grep -o '<g id="node[0-9]*" class="node"' page.html.dom | wc -l)" \
	"$(grep -o '<g id="node[0-9]*" class="node"' page.html | wc -l)"
check_eq "and every edge" \
	"$(grep -o '<g id="edge[0-9]*" class="edge"' page.html.dom | wc -l)" \
	"$(grep -o '<g id="edge[0-9]*" class="edge"' page.html | wc -l)"
# the DOM as Chromium serialises it, read by libxml2's HTML parser (it
# complains of the tags it does not know; the tables it reads fine)
check_eq "the nodes inside the svg inside the graph section" \
	"$(xmllint --html --xpath 'count(//section[@id="graph"]/div/svg//g[@class="node"])' \
		page.html.dom 2>/dev/null)" \
	"$(grep -o '<g id="node[0-9]*" class="node"' page.html | wc -l)"
table_rows() {
	xmllint --html --xpath "count(//table[@id=\"$1\"]/tbody/tr)" page.html.dom 2>/dev/null
}
check_eq "the centrality table: 20 rows" "$(table_rows centrality-table)" 20
check_eq "the relations table" "$(table_rows relations-table)" \
	"$(xmllint --xpath 'count(//*[@id="relations-table"]/*[local-name()="tbody"]/*)' page.html)"
check_eq "first actor as report --format json" \
	"$(xmllint --html --xpath 'string(//table[@id="centrality-table"]/tbody/tr[1]/td[2]/span)' page.html.dom 2>/dev/null)" \
	"$(polgraph report --format json --top 1 --sort pagerank | jq -r '.actors[0].key')"

# the check must be able to fail: a broken script logs an uncaught error
cat >broken.html <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><title>broken</title></head>
<body><p>scratch</p><script>polgraph_no_such_function();</script></body></html>
HTML
browse broken.html
check_grep "a broken script is caught" 'Uncaught ReferenceError: polgraph_no_such_function' \
	<(console broken.html.log)

finish
