#!/usr/bin/env bash
# The example scripts of graphs/queries/ on the sample corpus, each against
# its expected output in tests/golden/queries/ (docs/queries.md shows
# them). After a deliberate change: POLGRAPH_GOLDEN_UPDATE=1 rewrites the
# expected files; review the diff.
. "$(dirname "$0")/lib.sh"

polgraph -q ingest "$SRC/data/sample" 2>/dev/null
Q=$SRC/graphs/queries
G=$SRC/tests/golden/queries

# NAME SCRIPT ARGS...: runs it, compares with $G/NAME.out, exit status 0.
example() {
	local name=$1
	shift
	polgraph query "$Q/$1" "${@:2}" >"$name.out" 2>"$name.err"
	check_eq "$name: exit status" $? 0
	check_eq "$name: stderr" "$(cat "$name.err")" ""
	if [ -n "${POLGRAPH_GOLDEN_UPDATE:-}" ]; then
		cp "$name.out" "$G/$name.out"
	fi
	check_file "$name: output" "$G/$name.out" "$name.out"
}

example top-actors top-actors.lua
example top-people-betweenness top-actors.lua 3 betweenness person
example who-met-lukashenko who-met.lua Лукашенко 2025-10-01
example brokers brokers.lua 5
example ego-lukashenko-meets ego.lua Lukashenka 1 meets-with
example ego-kellogg-2 ego.lua "Келлог" 2
example path-rubio-lukashenko path.lua Rubio Лукашенко
example path-none path.lua Rubio Лукашенко criticizes
example actor-json actor-json.lua Kellogg
example ego-render-lukashenko ego-render.lua Лукашенко 2025-10 ego.svg

# The diagram ego-render.lua drew is the one polgraph render draws.
check_eq "ego-render: SVG parses as XML" "$(xmllint --noout ego.svg 2>&1)" ""
polgraph query "$Q/ego-render.lua" Lukashenka 2025-10 ego.dot >/dev/null
polgraph render --since 2025-10-01 --until 2025-10-31 --ego Lukashenka \
	--cluster community --labels orig --title "Alexander Lukashenko, 2025-10" -o ego-cli.dot
check_file "ego-render: the DOT of polgraph render" ego-cli.dot ego.dot

# The JSON example is JSON and agrees with the store.
check_eq "actor-json: parses, key" "$(jq -r .key actor-json.out)" person:keith-kellogg
check_eq "actor-json: aliases are the store's" \
	"$(jq -r '.aliases[]' actor-json.out)" \
	"$(sqlite3 test.db "SELECT surface FROM aliases al JOIN actors ac ON ac.id = al.actor_id
		WHERE ac.key = 'person:keith-kellogg' ORDER BY CAST(surface AS BLOB)")"

# A script's own error: FILE:LINE and the message, exit status 1.
polgraph query "$Q/who-met.lua" >out 2>err
check_eq "missing argument: exit" $? 1
check_eq "missing argument: message" "$(cat err)" \
	"polgraph: error: $Q/who-met.lua:5: usage: who-met.lua ACTOR [SINCE] [UNTIL]"
polgraph query "$Q/who-met.lua" Nobodyski >out 2>err
check_eq "unknown actor: exit" $? 1
check_eq "unknown actor: message" "$(cat err)" \
	"polgraph: error: $Q/who-met.lua:5: no actor matches 'Nobodyski'"
finish
