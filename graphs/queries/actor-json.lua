-- actor-json.lua - one actor as JSON: its record, its direct neighbours and
-- its PageRank, for other tools (jq, a web page).
-- usage: polgraph query graphs/queries/actor-json.lua ACTOR
local actor = pg.actor(assert(arg[1], "usage: actor-json.lua ACTOR"))
local g = pg.graph{}
for _, a in ipairs(g:centrality("pagerank")) do
	if a.key == actor.key then
		actor.pagerank_rank = a.rank
	end
end
actor.neighbors = {}
for _, nb in ipairs(g:neighbors(actor)) do
	actor.neighbors[#actor.neighbors + 1] = {key = nb.key, name = nb.name, weight = nb.weight}
end
print(pg.json(actor))
