-- ego.lua - an actor's neighbourhood: everyone within DEPTH hops, nearest
-- first, with the relation types that tie the direct neighbours to it.
-- usage: polgraph query graphs/queries/ego.lua ACTOR [DEPTH] [TYPES]
--   TYPES  comma-separated relation types and/or comention (default all)
local types
if arg[3] then
	types = {}
	for t in arg[3]:gmatch("[^,]+") do types[#types + 1] = t end
end
local g = pg.graph{types = types}
local center = pg.actor(assert(arg[1], "usage: ego.lua ACTOR [DEPTH] [TYPES]"))
local rows = {}
for _, nb in ipairs(g:neighbors(center, {depth = tonumber(arg[2]) or 1})) do
	local via = {}
	for _, e in ipairs(nb.edges or {}) do via[#via + 1] = e.type .. "/" .. e.direction end
	rows[#rows + 1] = {hops = nb.distance, key = nb.key, name = nb.name,
	                   weight = nb.weight, via = via}
end
print(center.name .. ": " .. #rows .. " actor(s)")
pg.print_table(rows, {"hops", "key", "name", "weight", "via"})
