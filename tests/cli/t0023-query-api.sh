#!/usr/bin/env bash
# The pg module against the store and the CLI commands: the same actors,
# relations, neighbours, paths and centralities, whichever way asked.
. "$(dirname "$0")/lib.sh"

polgraph -q ingest "$SRC/data/sample" 2>/dev/null
LUK=person:alexander-lukashenko
q() { polgraph query -e "$1"; }

for name in Лукашенко лукашенко Lukashenka LUKASHENKO "$LUK"; do
	check_eq "pg.actor('$name')" "$(q "print(pg.actor('$name').key)")" "$LUK"
done
check_eq "pg.actor: fields" \
	"$(q "print(pg.json(pg.actor('Лукашенко')))" | jq -c '{name, type, mentions, first_seen, last_seen}')" \
	"$(sqlite3 -json test.db "SELECT name, type, mentions, first_seen, last_seen
		FROM (SELECT ac.name, ac.type, count(*) AS mentions, min(a.date) AS first_seen,
		max(a.date) AS last_seen FROM mentions m JOIN actors ac ON ac.id = m.actor_id
		JOIN articles a ON a.id = m.article_id WHERE ac.key = '$LUK')" | jq -c '.[0]')"
check_eq "pg.actors: every actor mentioned, by mentions" \
	"$(q 'for _, a in ipairs(pg.actors()) do print(a.key, a.mentions) end' | head -n 3)" \
	"$(sqlite3 -separator "$(printf '\t')" test.db "SELECT ac.key, count(*) AS n FROM mentions m
		JOIN actors ac ON ac.id = m.actor_id GROUP BY ac.id ORDER BY n DESC, ac.key LIMIT 3")"
check_eq "pg.actors{type=}" \
	"$(q 'local n = 0 for _, a in ipairs(pg.actors{type = "country"}) do
		assert(a.type == "country") n = n + 1 end print(n)')" \
	"$(sqlite3 test.db "SELECT count(DISTINCT actor_id) FROM mentions m JOIN actors ac
		ON ac.id = m.actor_id WHERE ac.type = 'country'")"
check_eq "pg.actors{by=pagerank} = report's order" \
	"$(q 'for _, a in ipairs(pg.actors{by = "pagerank", top = 5}) do print(a.key) end')" \
	"$(polgraph report --sort pagerank --format json | jq -r '.actors[:5][].key')"
check_eq "pg.relations: non-negated relations of a type" \
	"$(q 'print(#pg.relations{type = "meets-with"})')" \
	"$(sqlite3 test.db "SELECT count(*) FROM relations WHERE type = 'meets-with' AND negated = 0")"
check_eq "pg.relations{actor=, since=}" \
	"$(q 'print(#pg.relations{actor = "Лукашенко", since = "2025-10-01"})')" \
	"$(sqlite3 test.db "SELECT count(*) FROM relations r JOIN articles a ON a.id = r.article_id
		WHERE r.negated = 0 AND a.date >= '2025-10-01' AND (SELECT id FROM actors
		WHERE key = '$LUK') IN (r.source_id, r.target_id)")"
check_eq "pg.relations: fields" \
	"$(q 'local r = pg.relations{type = "criticizes"}[1]
		print(pg.json({r.source ~= nil, r.target_name ~= nil, r.date ~= nil,
		r.article ~= nil, r.evidence ~= nil, r.span ~= nil, r.rule ~= nil}))')" \
	'[true,true,true,true,true,true,true]'
check_eq "g:neighbors = polgraph neighbors" \
	"$(q 'for _, n in ipairs(pg.graph{}:neighbors("Лукашенко")) do print(n.key) end' | sort)" \
	"$(polgraph neighbors Лукашенко --format json | jq -r '[.neighbors[].key] | unique[]')"
check_eq "g:neighbors depth 2 = --ego --depth 2" \
	"$(q 'print(#pg.graph{}:neighbors("Лукашенко", {depth = 2}) + 1)')" \
	"$(polgraph report --ego Лукашенко --depth 2 --format json | jq '.actors | length')"
check_eq "g:path = polgraph path" \
	"$(q 'for _, a in ipairs(pg.graph{}:path("Rubio", "Лукашенко")) do print(a.key) end')" \
	"$(polgraph path Rubio Лукашенко --format json | jq -r '.path[].key')"
check_eq "g:centrality = report" \
	"$(q 'for _, a in ipairs(pg.graph{}:centrality("betweenness")) do
		print(a.key, string.format("%.3f", a.value)) end' | head -n 5)" \
	"$(polgraph report --sort betweenness --format json |
		jq -r '.actors[:5][] | "\(.key)\t\(.betweenness * 1000 | round / 1000 | tostring)"' |
		awk -F'\t' '{ printf "%s\t%.3f\n", $1, $2 }')"
check_eq "g:communities: every actor once" \
	"$(q 'local g = pg.graph{} local n = 0
		for _, c in ipairs(g:communities()) do n = n + #c.members end
		print(n == g:size())')" true
check_eq "g:subgraph{types=, center=}: the ego's actors, edges of the types" \
	"$(q 'local s = pg.graph{}:subgraph{center = "Лукашенко", types = {"meets-with"}}
		print(s:size())')" \
	"$(printf '%s\t6' $(($(polgraph neighbors Лукашенко --format json |
		jq '[.neighbors[].key] | unique | length') + 1)))"
check_eq "g:subgraph{actors=}" \
	"$(q 'print(pg.graph{}:subgraph{actors = {"Лукашенко", "Putin", "Rubio"}}:size())')" \
	"$(printf '3\t3')"
check_eq "pg.graph{types=} = report --type" \
	"$(q 'print(select(2, pg.graph{types = {"criticizes"}}:size()))')" \
	"$(polgraph report --type criticizes --format json | jq '.summary.edges')"
check_eq "pg.sql" \
	"$(q 'local rows, cols = pg.sql("SELECT count(*) AS n, 1.5 AS x FROM articles")
		print(rows[1].n, rows[1].x, math.type(rows[1].n), cols[1], cols[2])')" \
	"$(printf '24\t1.5\tinteger\tn\tx')"
polgraph query -e 'pg.sql("DELETE FROM actors")' >out 2>err
check_eq "pg.sql is read-only: exit" $? 1
check_eq "pg.sql is read-only: message" "$(cat err)" \
	"polgraph: error: (command line):1: SQL is read-only here: DELETE from 'actors' refused"
check_eq "pg.json" \
	"$(q 'print(pg.json({b = {1, 2.5, "x\"y"}, a = true, c = {}, d = {[1] = 1, [3] = 3}}))')" \
	'{"a":true,"b":[1,2.5,"x\"y"],"c":[],"d":{"1":1,"3":3}}'
polgraph query -e 'local t = {} t.t = t print(pg.json(t))' >out 2>err
check_eq "pg.json: cycle" "$(cat err)" \
	"polgraph: error: (command line):1: pg.json: nested deeper than 100 (a cycle?)"
check_eq "pg.print_table" \
	"$(q 'pg.print_table({{a = "x", n = 10}, {a = "ёжик", n = 2.5}, {n = true}})')" \
	"$(printf '%s\n' 'a     n' 'x     10' 'ёжик  2.5' '-     true')"
check_eq "arg and ..." "$(polgraph query -e 'print(arg[0], arg[1], select("#", ...), ...)' x y)" \
	"$(printf -- '-e\tx\t2\tx\ty')"
polgraph query -e 'pg.graph{}:neighbors("Nobodyski")' >out 2>err
check_eq "unknown actor: message" "$(cat err)" \
	"polgraph: error: (command line):1: no actor matches 'Nobodyski'"
polgraph query -e 'pg.graph{since = "October"}' >out 2>err
check_eq "bad date: message" "$(cat err)" \
	"polgraph: error: (command line):1: bad date 'October' (want YYYY-MM-DD)"
printf 'print(1)\nlocal x = ' >syntax.lua
polgraph query syntax.lua >out 2>err
check_eq "syntax error: exit" $? 1
check_eq "syntax error: message" "$(cat err)" \
	"polgraph: error: syntax.lua:2: unexpected symbol near <eof>"
check_status "no script: usage" 2 polgraph query
polgraph query missing.lua >out 2>err
check_eq "missing script" "$(cat err)" \
	"polgraph: error: cannot read 'missing.lua': No such file or directory"
finish
