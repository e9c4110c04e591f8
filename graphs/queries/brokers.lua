-- brokers.lua - who sits between the others: betweenness centrality on the
-- graph of typed relations (co-mentions left out), with each broker's
-- community and the communities its neighbours belong to.
-- usage: polgraph query graphs/queries/brokers.lua [N] [SINCE] [UNTIL]
local n = tonumber(arg[1]) or 5
local types = {"meets-with", "criticizes", "supports", "sanctions-imposed-by",
               "sanctions-lifted-by", "ambassador-of", "holds-position"}
local g = pg.graph{types = types, since = arg[2], ["until"] = arg[3]}
local community = {}
for _, a in ipairs(g:centrality("community")) do community[a.key] = a.value end
local rows = {}
for _, a in ipairs(g:centrality("betweenness")) do
	if #rows == n or a.value == 0 then break end
	local bridged = {}
	for _, nb in ipairs(g:neighbors(a.key)) do bridged[community[nb.key]] = true end
	local count = 0
	for _ in pairs(bridged) do count = count + 1 end
	rows[#rows + 1] = {rank = a.rank, key = a.key, name = a.name,
	                   betweenness = string.format("%.1f", a.value),
	                   communities = count}
end
pg.print_table(rows, {"rank", "key", "name", "betweenness", "communities"})
