-- who-met.lua - whom an actor met, and when.
-- usage: polgraph query graphs/queries/who-met.lua ACTOR [SINCE] [UNTIL]
--   ACTOR  any name, alias or key ("Лукашенко", "Lukashenka", person:...)
--   SINCE, UNTIL  article dates, YYYY-MM-DD
local actor = pg.actor(assert(arg[1], "usage: who-met.lua ACTOR [SINCE] [UNTIL]"))
local meetings, seen = {}, {}
for _, r in ipairs(pg.relations{type = "meets-with", actor = actor,
                                  since = arg[2], ["until"] = arg[3]}) do
	local other = r.source == actor.key and r.target_name or r.source_name
	local id = r.date .. other .. r.evidence
	if not seen[id] then -- one line per sentence, either direction
		seen[id] = true
		meetings[#meetings + 1] = {date = r.date, met = other, evidence = r.evidence}
	end
end
table.sort(meetings, function(a, b)
	if a.date ~= b.date then return a.date < b.date end
	if a.met ~= b.met then return a.met < b.met end
	return a.evidence < b.evidence
end)
print(actor.name .. " met " .. #meetings .. " time(s)")
pg.print_table(meetings, {"date", "met", "evidence"})
