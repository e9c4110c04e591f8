-- top-actors.lua - the most central actors.
-- usage: polgraph query graphs/queries/top-actors.lua [N] [METRIC] [TYPE]
--   N       how many (default 10)
--   METRIC  pagerank (default), betweenness, degree, strength, ... (docs/report.md)
--   TYPE    only actors of this type: person, country, organization, ...
local n = tonumber(arg[1]) or 10
local metric = arg[2] or "pagerank"
local actors = pg.actors{top = n, by = metric, type = arg[3]}
for i, a in ipairs(actors) do
	a.rank = i
	a[metric] = string.format("%.4f", a[metric])
end
pg.print_table(actors, {"rank", "key", "name", "type", "mentions", metric})
