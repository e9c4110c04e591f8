-- ego-render.lua - the ego network of an actor in one month as a diagram:
-- everyone it is tied to in that month's articles, communities as
-- clusters, labels in the language the articles name each actor in, the
-- evidence in the tooltips; prints who is in it.
-- usage: polgraph query graphs/queries/ego-render.lua ACTOR [MONTH] [FILE]
--   MONTH  YYYY-MM (default 2025-10)
--   FILE   where to draw (default ego.svg); .svg, .png, .pdf or .dot picks
--          the format. The sandbox writes only below the current directory.
local usage = "usage: ego-render.lua ACTOR [MONTH] [FILE]"
local center = pg.actor(assert(arg[1], usage))
local month = arg[2] or "2025-10"
assert(month:match("^%d%d%d%d%-%d%d$"), usage)
local file = arg[3] or "ego.svg"

-- "-31" is a bound, not a date: every day of a month sorts before it
local g = pg.graph{since = month .. "-01", ["until"] = month .. "-31"}
local ego = g:subgraph{center = center, depth = 1}
local drawn = ego:render(file, {cluster = "community", labels = "orig",
                                title = center.name .. ", " .. month})
print(string.format("%s, %s: %d actor(s), %d edge(s) drawn in %s",
                    center.name, month, drawn.actors, drawn.edges,
                    table.concat(drawn.files, ", ")))

local rows = {}
for _, nb in ipairs(ego:neighbors(center)) do
	local via = {}
	for _, e in ipairs(nb.edges) do via[#via + 1] = e.type end
	rows[#rows + 1] = {key = nb.key, name = nb.name, weight = nb.weight, via = via}
end
pg.print_table(rows, {"key", "name", "weight", "via"})
