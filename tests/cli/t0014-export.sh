#!/usr/bin/env bash
# polgraph export: GraphML, GEXF, node-link JSON, neo4j CSV and DOT of the
# sample corpus read back with their own tools (xmllint, NetworkX, jq,
# sqlite3 .import) with the report's node and edge counts, and hostile
# names that survive every format escaped.
. "$(dirname "$0")/lib.sh"

polgraph -q ingest "$SRC/data/sample" 2>/dev/null
polgraph report --format json >r.json
nodes=$(jq .summary.nodes r.json)
edges=$(jq .summary.edges r.json)
xpath() { xmllint --xpath "$1" "$2" 2>/dev/null; }

polgraph export --centrality -o g.graphml
check_eq "graphml: exit" $? 0
check_eq "graphml is well-formed" "$(xmllint --noout g.graphml 2>&1)" ""
check_eq "graphml nodes" "$(xpath 'count(//*[local-name()="node"])' g.graphml)" "$nodes"
check_eq "graphml edges" "$(xpath 'count(//*[local-name()="edge"])' g.graphml)" "$edges"
check_eq "graphml keys: 7 node attributes, 12 metrics, 6 edge attributes" \
	"$(xpath 'count(//*[local-name()="key"])' g.graphml)" 25
check_eq "graphml pagerank of the top actor" \
	"$(xpath 'string(//*[local-name()="node"][@id="country:BLR"]/*[@key="v_pagerank"])' g.graphml | cut -c1-6)" \
	"$(jq -r '.actors[] | select(.key == "country:BLR") | .pagerank' r.json | cut -c1-6)"

polgraph export -o g.json
polgraph export -o g.gexf
check_eq "gexf is well-formed" "$(xmllint --noout g.gexf 2>&1)" ""
check_eq "gexf 1.3" "$(xpath 'string(/*/@version)' g.gexf)" 1.3
check_eq "gexf namespace" "$(xpath 'namespace-uri(/*)' g.gexf)" "http://gexf.net/1.3"
check_eq "gexf nodes" "$(xpath 'count(//*[local-name()="node"])' g.gexf)" "$nodes"
check_eq "gexf edges" "$(xpath 'count(//*[local-name()="edge"])' g.gexf)" "$edges"
check_eq "gexf: every dated edge has a time interval" \
	"$(xpath 'count(//*[local-name()="edge"][@start][@end])' g.gexf)" \
	"$(jq '[.links[] | select(.first_date != "")] | length' g.json)"
check_eq "gexf: some edges are dated (one sample article is not)" \
	"$(jq '[.links[] | select(.first_date != "")] | length > 300' g.json)" true
check_eq "gexf: dynamic graph with dates" \
	"$(xpath 'concat(//*[local-name()="graph"]/@mode, " ", //*[local-name()="graph"]/@timeformat)' g.gexf)" \
	"dynamic date"
check_eq "gexf: meets-with edges are undirected" \
	"$(xpath 'count(//*[local-name()="edge"][@kind="meets-with"][@type="undirected"])' g.gexf)" \
	"$(jq '.summary.edge_types["meets-with"]' r.json)"

check_eq "json nodes" "$(jq '.nodes | length' g.json)" "$nodes"
check_eq "json links" "$(jq '.links | length' g.json)" "$edges"
check_eq "json node-link keys" "$(jq -c '[.directed, .multigraph, (.graph | type)]' g.json)" \
	'[true,true,"object"]'
check_eq "json: every link's ends are nodes" \
	"$(jq '[.nodes[].id] as $ids | [.links[] | (.source, .target) | IN($ids[])] | all' g.json)" true
check_eq "json: weights add up to the report's strength" \
	"$(jq '[.links[].weight] | add' g.json)" \
	"$(polgraph export --format json -o - | jq '[.links[].weight] | add')"

polgraph export -o g.csv
check_eq "csv: two files" "$(ls g-nodes.csv g-edges.csv | wc -l)" 2
check_eq "csv nodes header" "$(head -n 1 g-nodes.csv)" \
	"key:ID,name:string,type:string,mentions:long,first_seen:date,last_seen:date,aliases:string[],:LABEL"
check_eq "csv edges header" "$(head -n 1 g-edges.csv)" \
	":START_ID,:END_ID,:TYPE,type:string,symmetric:boolean,weight:long,sentences:long,first_date:date,last_date:date"
sqlite3 import.db ".import --csv g-nodes.csv nodes" ".import --csv g-edges.csv edges"
check_eq "csv nodes load with sqlite3 .import" "$(sqlite3 import.db 'SELECT count(*) FROM nodes')" "$nodes"
check_eq "csv edges load with sqlite3 .import" "$(sqlite3 import.db 'SELECT count(*) FROM edges')" "$edges"
check_eq "csv: every edge end is a node" \
	"$(sqlite3 import.db 'SELECT count(*) FROM edges WHERE ":START_ID" NOT IN (SELECT "key:ID" FROM nodes) OR ":END_ID" NOT IN (SELECT "key:ID" FROM nodes)')" 0
check_eq "csv: neo4j relationship types" \
	"$(sqlite3 import.db 'SELECT DISTINCT ":TYPE" FROM edges ORDER BY 1' | tr '\n' ' ')" \
	"AMBASSADOR_OF COMENTION CRITICIZES HOLDS_POSITION MEETS_WITH SANCTIONS_IMPOSED_BY SANCTIONS_LIFTED_BY SUPPORTS "

polgraph export --format dot -o g.gv
check_eq "dot export" "$(head -n 1 g.gv)" "digraph polgraph {"

if python3 -c 'import networkx' 2>/dev/null; then
	check_eq "NetworkX reads the GraphML and the JSON" "$(python3 - <<'PY'
import json, networkx as nx
g = nx.read_graphml("g.graphml")
h = nx.node_link_graph(json.load(open("g.json")), edges="links")
print(g.number_of_nodes(), g.number_of_edges(), h.number_of_nodes(),
      h.number_of_edges(), g.nodes["country:BLR"]["type"],
      h.nodes["country:BLR"]["name"])
PY
)" "$nodes $edges $nodes $edges country Belarus"
else
	echo "note: python3 networkx not installed; NetworkX read-back not checked" >&2
fi

# Hostile names go through every format escaped.
mkdir data
cp -r "$SRC/data/actors" "$SRC/data/recognize" "$SRC/data/rules" data/
cat >data/actors/zz-hostile.jsonl <<'JSON'
{"key": "person:zorgon", "type": "person", "name": "Zorgon \"the\" \\ <script>alert(1)</script> & ]]> \n,x \u0007 '", "names": {"en": ["Zorgon"]}}
{"key": "org:quux", "type": "organization", "name": "\"; URL=\"javascript:alert(2)\" x=\"\\", "names": {"en": ["Quuxia"]}}
JSON
cat >hostile.jsonl <<'JSON'
{"id": "h1", "date": "2025-10-01", "lang": "en", "text": "Zorgon met Quuxia in Paris. Zorgon criticized Quuxia."}
JSON
polgraph --db h.db --data data -q ingest hostile.jsonl
want_zorgon=$(printf 'Zorgon "the" \\ <script>alert(1)</script> & ]]> \n,x   '"'")
for format in graphml gexf; do
	polgraph --db h.db export -o "h.$format"
	check_eq "hostile $format is well-formed" "$(xmllint --noout "h.$format" 2>&1)" ""
done
check_eq "hostile graphml: the name comes back" \
	"$(xpath 'string(//*[local-name()="node"][@id="person:zorgon"]/*[@key="v_name"])' h.graphml)" \
	"$want_zorgon"
check_eq "hostile gexf: the label comes back" \
	"$(xpath 'string(//*[local-name()="node"][@id="org:quux"]/@label)' h.gexf)" \
	'"; URL="javascript:alert(2)" x="\'
polgraph --db h.db export -o h.json
check_eq "hostile json: the name comes back" \
	"$(jq -r '.nodes[] | select(.id == "person:zorgon") | .name' h.json)" "$want_zorgon"
polgraph --db h.db export -o h.csv
sqlite3 hi.db ".import --csv h-nodes.csv nodes"
check_eq "hostile csv: one row per actor" "$(sqlite3 hi.db 'SELECT count(*) FROM nodes')" \
	"$(jq '.nodes | length' h.json)"
check_eq "hostile csv: the name comes back, newline as a space" \
	"$(sqlite3 hi.db "SELECT \"name:string\" FROM nodes WHERE \"key:ID\" = 'person:zorgon'")" \
	"$(printf '%s' "$want_zorgon" | tr '\n' ' ')"

check_status "no -o" 2 polgraph export --format json
check_status "no format" 2 polgraph export -o out.txt
check_status "bad format" 2 polgraph export -o x --format xls
check_status "csv to stdout" 2 polgraph export --format csv -o -
check_status "missing database" 1 polgraph --db missing.db export -o x.json

finish
