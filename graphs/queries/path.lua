-- path.lua - how two actors are connected: a shortest chain of actors and,
-- for each hop, the relations between the two.
-- usage: polgraph query graphs/queries/path.lua ACTOR ACTOR [TYPES]
local types
if arg[3] then
	types = {}
	for t in arg[3]:gmatch("[^,]+") do types[#types + 1] = t end
end
local g = pg.graph{types = types}
local path = g:path(assert(arg[1]), assert(arg[2], "usage: path.lua ACTOR ACTOR [TYPES]"))
if not path then
	print("no path")
	return
end
print(#path - 1 .. " hop(s)")
for i, a in ipairs(path) do
	print(a.key .. " (" .. a.name .. ")")
	if path[i + 1] then
		local links = {}
		for _, e in ipairs(g:edges(a, path[i + 1])) do
			links[#links + 1] = e.type .. " x" .. e.weight
		end
		table.sort(links)
		print("  " .. table.concat(links, ", "))
	end
end
