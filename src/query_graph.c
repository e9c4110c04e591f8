/*
 * query_graph.c - graph objects of Lua queries: pg.graph{...} and the
 * methods g:actors, g:edges, g:size, g:neighbors, g:path, g:centrality,
 * g:communities, g:subgraph, g:summary, g:render and g:export.
 *
 * Consumes the store through the library's graph engine (graph.h), its
 * analysis (analyze.h) and drawings (drawing.h), the same calls the CLI
 * commands make; produces Lua tables, and the files g:render and g:export
 * write (only where query_check_write allows). A graph object owns its
 * struct polgraph_graph, analysis and a copy of the filter it was built
 * with (evidence for tooltips is read under it) and frees them in __gc;
 * its size is charged to the memory limit. A drawing under way lives in
 * a userdata too, so a Lua error frees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "polgraph/analyze.h"
#include "polgraph/drawing.h"
#include "polgraph/graph.h"
#include "polgraph/mem.h"
#include "query_impl.h"

#define GRAPH_META   "polgraph.graph"
#define DRAWING_META "polgraph.drawing"

/* Charged per vertex and per edge: the graph, its index and igraph's. */
#define VERTEX_BYTES 256
#define EDGE_BYTES   192

struct query_graph {
	struct polgraph_graph *graph;
	struct polgraph_analysis analysis;
	bool analyzed;
	size_t charged; /* bytes counted against the memory limit */
	struct polgraph_graph_filter filter; /* built with; strings in arena */
	struct polgraph_arena arena;
};

static struct query_graph *check_graph(lua_State *L, int arg)
{
	struct query_graph *graph = luaL_checkudata(L, arg, GRAPH_META);

	if (!graph->graph)
		luaL_argerror(L, arg, "the graph is not built");
	return graph;
}

static int graph_gc(lua_State *L)
{
	struct query_graph *graph = luaL_checkudata(L, 1, GRAPH_META);

	polgraph_analysis_release(&graph->analysis);
	polgraph_graph_free(graph->graph);
	polgraph_arena_release(&graph->arena);
	query_uncharge(L, graph->charged);
	memset(graph, 0, sizeof(*graph));
	return 0;
}

/* Pushes an empty graph object, to be filled (and freed by __gc). */
static struct query_graph *graph_push(lua_State *L)
{
	struct query_graph *graph = lua_newuserdatauv(L, sizeof(*graph), 0);

	memset(graph, 0, sizeof(*graph));
	luaL_setmetatable(L, GRAPH_META);
	return graph;
}

/* Charges a built graph to the memory limit (raises if over it). */
static void charge(lua_State *L, struct query_graph *graph)
{
	size_t bytes =
		polgraph_graph_vertex_count(graph->graph) * VERTEX_BYTES +
		polgraph_graph_edge_count(graph->graph) * EDGE_BYTES;

	query_charge(L, bytes);
	graph->charged = bytes;
}

static const char *copy_string(struct polgraph_arena *arena, const char *s)
{
	return s ? polgraph_arena_strdup(arena, s) : NULL;
}

static const char **copy_list(struct polgraph_arena *arena, const char **list)
{
	const char **copy;
	size_t count = 0;

	if (!list)
		return NULL;
	while (list[count])
		count++;
	copy = polgraph_arena_alloc(arena, (count + 1) * sizeof(*copy));
	for (size_t i = 0; i < count; i++)
		copy[i] = polgraph_arena_strdup(arena, list[i]);
	return copy;
}

/* Keeps a copy of filter in graph, for the evidence of drawings. */
static void keep_filter(struct query_graph *graph,
                        const struct polgraph_graph_filter *filter)
{
	struct polgraph_arena *arena = &graph->arena;

	graph->filter = *filter;
	graph->filter.since = copy_string(arena, filter->since);
	graph->filter.until = copy_string(arena, filter->until);
	graph->filter.lang = copy_string(arena, filter->lang);
	graph->filter.source = copy_string(arena, filter->source);
	graph->filter.types = copy_list(arena, filter->types);
	graph->filter.actor_types = copy_list(arena, filter->actor_types);
}

static const struct polgraph_analysis *analysis_of(lua_State *L,
                                                   struct query_graph *graph)
{
	struct polgraph_error err = { 0 };

	if (!graph->analyzed) {
		if (polgraph_analyze(graph->graph, NULL, &graph->analysis,
		                     &err) != POLGRAPH_OK)
			luaL_error(L, "%s", err.message);
		graph->analyzed = true;
	}
	return &graph->analysis;
}

const struct polgraph_graph *
query_graph_build(lua_State *L, const struct polgraph_graph_filter *filter,
                  const struct polgraph_analysis **analysis)
{
	struct polgraph_query *query = query_of(L);
	struct query_graph *graph = graph_push(L);
	struct polgraph_error err = { 0 };

	polgraph_graph_init();
	keep_filter(graph, filter);
	if (polgraph_graph_build(query->store, filter, &graph->graph, &err) !=
	    POLGRAPH_OK)
		luaL_error(L, "%s", err.message);
	charge(L, graph);
	if (analysis)
		*analysis = analysis_of(L, graph);
	return graph->graph;
}

/* pg.graph{since=, until=, types=, actor_types=, lang=, source=,
 * window=, min_weight=}. */
int query_graph_new(lua_State *L)
{
	struct polgraph_graph_filter filter;

	if (lua_isnoneornil(L, 1)) {
		lua_settop(L, 0);
		lua_newtable(L);
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	query_graph_filter(L, 1, false, &filter);
	query_graph_build(L, &filter, NULL);
	return 1;
}

/* ---- tables ---- */

/* Pushes {key, name, type, mentions, first_seen, last_seen}. */
static void push_vertex(lua_State *L, const struct polgraph_graph *graph,
                        size_t index)
{
	struct polgraph_graph_vertex vertex;

	polgraph_graph_vertex(graph, index, &vertex);
	lua_createtable(L, 0, 8);
	query_set_string(L, "key", vertex.key);
	query_set_string(L, "name", vertex.name);
	query_set_string(L, "type", vertex.type);
	query_set_integer(L, "mentions", vertex.mentions);
	query_set_string(L, "first_seen", vertex.first_seen);
	query_set_string(L, "last_seen", vertex.last_seen);
}

/* Pushes {source, source_name, target, target_name, type, symmetric,
 * weight, sentences, first, last}. */
static void push_edge(lua_State *L, const struct polgraph_graph *graph,
                      size_t index)
{
	struct polgraph_graph_vertex source, target;
	struct polgraph_graph_edge edge;

	polgraph_graph_edge(graph, index, &edge);
	polgraph_graph_vertex(graph, edge.source, &source);
	polgraph_graph_vertex(graph, edge.target, &target);
	lua_createtable(L, 0, 10);
	query_set_string(L, "source", source.key);
	query_set_string(L, "source_name", source.name);
	query_set_string(L, "target", target.key);
	query_set_string(L, "target_name", target.name);
	query_set_string(L, "type", edge.type);
	lua_pushboolean(L, edge.symmetric);
	lua_setfield(L, -2, "symmetric");
	query_set_integer(L, "weight", edge.weight);
	query_set_integer(L, "sentences", edge.sentences);
	query_set_string(L, "first", edge.first_date);
	query_set_string(L, "last", edge.last_date);
}

/* The vertex of the actor at arg (name, alias, key or actor table). */
static size_t vertex_of(lua_State *L, const struct polgraph_graph *graph,
                        int arg)
{
	const char *key = query_actor_key(L, arg);
	long vertex = polgraph_graph_find(graph, key);

	if (vertex < 0)
		luaL_error(L, "'%s' is not in the graph", key);
	return (size_t)vertex;
}

/* ---- methods ---- */

/* g:size(): vertex and edge counts. */
static int graph_size(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);

	lua_pushinteger(L,
	                (lua_Integer)polgraph_graph_vertex_count(graph->graph));
	lua_pushinteger(L,
	                (lua_Integer)polgraph_graph_edge_count(graph->graph));
	return 2;
}

/* g:actors(): every vertex, in key order. */
static int graph_actors(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	size_t count = polgraph_graph_vertex_count(graph->graph);

	lua_createtable(L, (int)count, 0);
	for (size_t v = 0; v < count; v++) {
		push_vertex(L, graph->graph, v);
		lua_rawseti(L, -2, (lua_Integer)v + 1);
	}
	return 1;
}

/* g:edges([a [, b]]): every edge, those of a, or those between a and b. */
static int graph_edges(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	size_t count = polgraph_graph_edge_count(graph->graph);
	long a = -1, b = -1;
	lua_Integer n = 0;

	if (!lua_isnoneornil(L, 2))
		a = (long)vertex_of(L, graph->graph, 2);
	if (!lua_isnoneornil(L, 3))
		b = (long)vertex_of(L, graph->graph, 3);
	lua_newtable(L);
	for (size_t e = 0; e < count; e++) {
		struct polgraph_graph_edge edge;

		polgraph_graph_edge(graph->graph, e, &edge);
		if (a >= 0 && edge.source != (size_t)a &&
		    edge.target != (size_t)a)
			continue;
		if (b >= 0 && edge.source != (size_t)b &&
		    edge.target != (size_t)b)
			continue;
		push_edge(L, graph->graph, e);
		lua_rawseti(L, -2, ++n);
	}
	return 1;
}

/* A neighbour found by g:neighbors. */
struct neighbor {
	size_t vertex;
	long distance;
	int64_t weight; /* sum of the weights of the edges to the center */
};

static int compare_neighbors(const void *left, const void *right)
{
	const struct neighbor *a = *(const struct neighbor *const *)left;
	const struct neighbor *b = *(const struct neighbor *const *)right;

	if (a->distance != b->distance)
		return a->distance < b->distance ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return a->vertex < b->vertex ? -1 : a->vertex > b->vertex;
}

/* Distances up to depth from center, by ego graphs of growing depth
 * (polgraph_graph_ego, the engine of --ego). distance[v] = -1 if
 * farther. */
static void distances(lua_State *L, const struct polgraph_graph *graph,
                      size_t center, long depth, long *distance)
{
	size_t count = polgraph_graph_vertex_count(graph);
	struct polgraph_error err = { 0 };

	for (size_t v = 0; v < count; v++)
		distance[v] = v == center ? 0 : -1;
	for (long d = 1; d <= depth; d++) {
		struct polgraph_graph *ego = NULL;
		size_t reached;
		bool grew = false;

		if (polgraph_graph_ego(graph, center, d, &ego, &err) !=
		    POLGRAPH_OK)
			luaL_error(L, "%s", err.message);
		reached = polgraph_graph_vertex_count(ego);
		for (size_t i = 0; i < reached; i++) {
			struct polgraph_graph_vertex vertex;
			long v;

			polgraph_graph_vertex(ego, i, &vertex);
			v = polgraph_graph_find(graph, vertex.key);
			if (v >= 0 && distance[v] < 0) {
				distance[v] = d;
				grew = true;
			}
		}
		polgraph_graph_free(ego);
		if (!grew)
			break;
	}
}

/* Pushes the list of edges between center and v, as push_edge with a
 * direction field (out, in, both). */
static void push_center_edges(lua_State *L, const struct polgraph_graph *graph,
                              size_t center, size_t v)
{
	size_t count = polgraph_graph_edge_count(graph);
	lua_Integer n = 0;

	lua_newtable(L);
	for (size_t e = 0; e < count; e++) {
		struct polgraph_graph_edge edge;

		polgraph_graph_edge(graph, e, &edge);
		if (!((edge.source == center && edge.target == v) ||
		      (edge.source == v && edge.target == center)))
			continue;
		push_edge(L, graph, e);
		lua_pushstring(L, edge.symmetric          ? "both"
		                  : edge.source == center ? "out"
		                                          : "in");
		lua_setfield(L, -2, "direction");
		lua_rawseti(L, -2, ++n);
	}
}

/*
 * g:neighbors(a [, {depth = 1}]): the actors within depth hops of a
 * (edges followed either way), nearest first, then by the weight of
 * their edges to a, then key. Each is an actor table with distance,
 * weight and, one hop away, edges (with direction).
 */
static int graph_neighbors(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	size_t center = vertex_of(L, graph->graph, 2);
	size_t count = polgraph_graph_vertex_count(graph->graph);
	size_t edge_count = polgraph_graph_edge_count(graph->graph);
	struct collector *found;
	struct neighbor *rows;
	long depth = 1, *distance;

	if (lua_type(L, 3) == LUA_TTABLE) {
		lua_getfield(L, 3, "depth");
		if (!lua_isnil(L, -1)) {
			int is_integer = 0;

			depth = (long)lua_tointegerx(L, -1, &is_integer);
			if (!is_integer || depth < 1)
				return luaL_error(L, "depth must be an "
				                     "integer >= 1");
		}
		lua_pop(L, 1);
	}
	found = collector_push(L);
	distance = polgraph_arena_alloc(&found->arena,
	                                (count + 1) * sizeof(*distance));
	rows = polgraph_arena_alloc(&found->arena, (count + 1) * sizeof(*rows));
	distances(L, graph->graph, center, depth, distance);
	for (size_t v = 0; v < count; v++) {
		if (v == center || distance[v] < 0)
			continue;
		rows[v].vertex = v;
		rows[v].distance = distance[v];
		collector_add(found, &rows[v]);
	}
	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;

		polgraph_graph_edge(graph->graph, e, &edge);
		if (edge.source == center && edge.target != center)
			rows[edge.target].weight += edge.weight;
		else if (edge.target == center && edge.source != center)
			rows[edge.source].weight += edge.weight;
	}
	qsort(found->rows, found->count, sizeof(*found->rows),
	      compare_neighbors);
	lua_createtable(L, (int)found->count, 0);
	for (size_t i = 0; i < found->count; i++) {
		const struct neighbor *row = found->rows[i];

		push_vertex(L, graph->graph, row->vertex);
		query_set_integer(L, "distance", row->distance);
		query_set_integer(L, "weight", row->weight);
		if (row->distance == 1) {
			push_center_edges(L, graph->graph, center, row->vertex);
			lua_setfield(L, -2, "edges");
		}
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* g:path(a, b): the actors of a shortest path (hops, direction
 * ignored) from a to b, or nil when there is none. */
static int graph_path(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	size_t from = vertex_of(L, graph->graph, 2);
	size_t to = vertex_of(L, graph->graph, 3);
	struct polgraph_error err = { 0 };
	struct collector *path = collector_push(L);
	size_t *vertices = NULL, count = 0;

	size_t *hops;

	if (polgraph_graph_path(graph->graph, from, to, &vertices, &count,
	                        &err) != POLGRAPH_OK)
		return luaL_error(L, "%s", err.message);
	/* Into the collector before anything can raise. */
	hops = polgraph_arena_alloc(&path->arena, (count + 1) * sizeof(*hops));
	if (count)
		memcpy(hops, vertices, count * sizeof(*hops));
	free(vertices);
	vertices = hops;
	if (count == 0) {
		lua_pushnil(L);
		return 1;
	}
	lua_createtable(L, (int)count, 0);
	for (size_t i = 0; i < count; i++) {
		push_vertex(L, graph->graph, vertices[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

struct ranked {
	size_t vertex;
	double value;
};

static int compare_ranked(const void *left, const void *right)
{
	const struct ranked *a = left, *b = right;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return a->vertex < b->vertex ? -1 : a->vertex > b->vertex;
}

/* g:centrality(metric): every actor with value and rank, highest first
 * (ties by key). Metrics as `polgraph report` (analyze.h). */
static int graph_centrality(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	const char *name = luaL_checkstring(L, 2);
	size_t count = polgraph_graph_vertex_count(graph->graph);
	const struct polgraph_analysis *analysis;
	enum polgraph_metric metric;
	struct ranked *ranked;

	if (!polgraph_metric_parse(name, &metric))
		return luaL_error(L, "unknown metric '%s'", name);
	analysis = analysis_of(L, graph);
	ranked = lua_newuserdatauv(L, (count + 1) * sizeof(*ranked), 0);
	for (size_t v = 0; v < count; v++) {
		ranked[v].vertex = v;
		ranked[v].value =
			polgraph_metric_value(&analysis->actors[v], metric);
	}
	qsort(ranked, count, sizeof(*ranked), compare_ranked);
	lua_createtable(L, (int)count, 0);
	for (size_t i = 0; i < count; i++) {
		push_vertex(L, graph->graph, ranked[i].vertex);
		if (metric == POLGRAPH_METRIC_KCORE ||
		    metric == POLGRAPH_METRIC_COMMUNITY ||
		    metric == POLGRAPH_METRIC_IN ||
		    metric == POLGRAPH_METRIC_OUT ||
		    metric == POLGRAPH_METRIC_DEGREE)
			lua_pushinteger(L, (lua_Integer)ranked[i].value);
		else
			lua_pushnumber(L, ranked[i].value);
		lua_setfield(L, -2, "value");
		query_set_integer(L, "rank", (int64_t)i + 1);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* g:communities(): {id, size, members} per Louvain community (ids as in
 * `polgraph report`, from 0), largest first, then id; and the
 * modularity. */
static int graph_communities(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	const struct polgraph_analysis *analysis = analysis_of(L, graph);
	size_t count = analysis->vertex_count;
	struct ranked *order;
	int list;

	/* order communities by size: value = size, vertex = id */
	order = lua_newuserdatauv(
		L, (analysis->communities + 1) * sizeof(*order), 0);
	for (size_t c = 0; c < analysis->communities; c++) {
		order[c].vertex = c;
		order[c].value = 0;
	}
	for (size_t v = 0; v < count; v++)
		order[analysis->actors[v].community].value += 1;
	qsort(order, analysis->communities, sizeof(*order), compare_ranked);
	lua_createtable(L, (int)analysis->communities, 0);
	list = lua_gettop(L);
	for (size_t c = 0; c < analysis->communities; c++) {
		lua_Integer n = 0;

		lua_createtable(L, 0, 3);
		query_set_integer(L, "id", (int64_t)order[c].vertex);
		query_set_integer(L, "size", (int64_t)order[c].value);
		lua_newtable(L);
		for (size_t v = 0; v < count; v++) {
			if ((size_t)analysis->actors[v].community !=
			    order[c].vertex)
				continue;
			push_vertex(L, graph->graph, v);
			lua_rawseti(L, -2, ++n);
		}
		lua_setfield(L, -2, "members");
		lua_rawseti(L, list, (lua_Integer)c + 1);
	}
	lua_pushnumber(L, analysis->modularity);
	return 2;
}

/* g:summary(): the graph-wide figures of `polgraph report`. */
static int graph_summary(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	const struct polgraph_analysis *analysis = analysis_of(L, graph);

	lua_createtable(L, 0, 7);
	query_set_integer(L, "actors", (int64_t)analysis->vertex_count);
	query_set_integer(L, "edges", (int64_t)analysis->edge_count);
	lua_pushboolean(L, analysis->directed);
	lua_setfield(L, -2, "directed");
	lua_pushnumber(L, analysis->density);
	lua_setfield(L, -2, "density");
	query_set_integer(L, "components", (int64_t)analysis->components);
	query_set_integer(L, "communities", (int64_t)analysis->communities);
	lua_pushnumber(L, analysis->modularity);
	lua_setfield(L, -2, "modularity");
	return 1;
}

/* Is name in the NULL-terminated list (NULL: every name is)? */
static bool in_list(const char **list, const char *name)
{
	if (!list)
		return true;
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/*
 * g:subgraph{actors=, center=, depth=, actor_types=, types=,
 * min_weight=}: the actors listed (names resolved), of those types,
 * within depth (default 1) hops of center, with the edges between them
 * of those types and weights. Each option narrows; none keeps all.
 */
static int graph_subgraph(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	size_t count = polgraph_graph_vertex_count(graph->graph);
	size_t edge_count = polgraph_graph_edge_count(graph->graph);
	struct polgraph_error err = { 0 };
	const char **types, **actor_types;
	struct query_graph *sub;
	struct collector *keep;
	bool *keep_vertex, *keep_edge;
	lua_Integer min_weight = 0, depth = 1;
	int is_integer = 0;

	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	keep = collector_push(L); /* 3 */
	keep_vertex = polgraph_arena_alloc(&keep->arena, count + 1);
	keep_edge = polgraph_arena_alloc(&keep->arena, edge_count + 1);
	for (size_t v = 0; v < count; v++)
		keep_vertex[v] = true;
	types = query_string_list(L, 2, "types");
	if (!types)
		lua_pushnil(L);
	actor_types = query_string_list(L, 2, "actor_types");
	if (!actor_types)
		lua_pushnil(L);
	if (lua_getfield(L, 2, "min_weight") != LUA_TNIL) {
		min_weight = lua_tointegerx(L, -1, &is_integer);
		if (!is_integer)
			return luaL_error(L, "min_weight must be an integer");
	}
	if (lua_getfield(L, 2, "depth") != LUA_TNIL) {
		depth = lua_tointegerx(L, -1, &is_integer);
		if (!is_integer || depth < 0)
			return luaL_error(L, "depth must be an integer >= 0");
	}
	lua_pop(L, 2);
	if (lua_getfield(L, 2, "actors") == LUA_TTABLE) {
		bool *listed = polgraph_arena_alloc(&keep->arena, count + 1);
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		int actors = lua_gettop(L);

		for (lua_Integer i = 1; i <= n; i++) {
			lua_rawgeti(L, actors, i);
			listed[vertex_of(L, graph->graph, lua_gettop(L))] =
				true;
			lua_pop(L, 1);
		}
		for (size_t v = 0; v < count; v++)
			keep_vertex[v] = keep_vertex[v] && listed[v];
	} else if (!lua_isnil(L, -1)) {
		return luaL_error(L, "actors must be a list");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, 2, "center") != LUA_TNIL) {
		long *distance = polgraph_arena_alloc(
			&keep->arena, (count + 1) * sizeof(*distance));

		distances(L, graph->graph,
		          vertex_of(L, graph->graph, lua_gettop(L)),
		          (long)depth, distance);
		for (size_t v = 0; v < count; v++)
			keep_vertex[v] = keep_vertex[v] && distance[v] >= 0;
	}
	lua_pop(L, 1);
	for (size_t v = 0; v < count; v++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(graph->graph, v, &vertex);
		keep_vertex[v] =
			keep_vertex[v] && in_list(actor_types, vertex.type);
	}
	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;

		polgraph_graph_edge(graph->graph, e, &edge);
		keep_edge[e] =
			in_list(types, edge.type) && edge.weight >= min_weight;
	}
	sub = graph_push(L);
	keep_filter(sub, &graph->filter);
	if (polgraph_graph_subgraph(graph->graph, keep_vertex, keep_edge,
	                            &sub->graph, &err) != POLGRAPH_OK)
		return luaL_error(L, "%s", err.message);
	charge(L, sub);
	return 1;
}

/* ---- g:render and g:export ---- */

/* A drawing under way and the bytes of its file, freed by __gc. */
struct query_drawing {
	struct polgraph_drawing drawing;
	struct polgraph_buf out;
	char *path; /* the file of an export part */
};

static int drawing_gc(lua_State *L)
{
	struct query_drawing *drawing = luaL_checkudata(L, 1, DRAWING_META);

	polgraph_drawing_release(&drawing->drawing);
	polgraph_buf_release(&drawing->out);
	free(drawing->path);
	drawing->path = NULL;
	return 0;
}

static struct query_drawing *drawing_push(lua_State *L)
{
	struct query_drawing *drawing =
		lua_newuserdatauv(L, sizeof(*drawing), 0);

	memset(drawing, 0, sizeof(*drawing));
	luaL_setmetatable(L, DRAWING_META);
	return drawing;
}

/* Raises unless every key of the options table at arg is in names. */
static void check_names(lua_State *L, int arg, const char *method,
                        const char *const *names)
{
	for (lua_pushnil(L); lua_next(L, arg); lua_pop(L, 1)) {
		const char *key;
		size_t i;

		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_error(L, "%s: options are named fields", method);
		key = lua_tostring(L, -2);
		for (i = 0; names[i] && strcmp(names[i], key) != 0; i++)
			;
		if (!names[i])
			luaL_error(L, "%s: unknown option '%s'", method, key);
	}
}

/* The string option field of the table at arg, or NULL; the string
 * stays alive in the table. */
static const char *option_string(lua_State *L, int arg, const char *method,
                                 const char *field)
{
	const char *value = NULL;

	if (lua_getfield(L, arg, field) != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "%s: option '%s' must be a string",
			           method, field);
		value = lua_tostring(L, -1);
	}
	lua_pop(L, 1);
	return value;
}

static long option_integer(lua_State *L, int arg, const char *method,
                           const char *field, long min, long fallback)
{
	long value = fallback;
	int is_integer = 0;

	if (lua_getfield(L, arg, field) != LUA_TNIL) {
		lua_Integer n = lua_tointegerx(L, -1, &is_integer);

		if (!is_integer || n < min || n > 1000000000)
			luaL_error(L,
			           "%s: option '%s' must be an integer >= %d",
			           method, field, (int)min);
		value = (long)n;
	}
	lua_pop(L, 1);
	return value;
}

static bool option_boolean(lua_State *L, int arg, const char *method,
                           const char *field, bool fallback)
{
	bool value = fallback;

	if (lua_getfield(L, arg, field) != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TBOOLEAN)
			luaL_error(L, "%s: option '%s' must be true or false",
			           method, field);
		value = lua_toboolean(L, -1);
	}
	lua_pop(L, 1);
	return value;
}

/* The options table at arg (absent or nil: an empty one). */
static void options_table(lua_State *L, int arg)
{
	lua_settop(L, arg);
	if (lua_isnil(L, arg)) {
		lua_newtable(L);
		lua_replace(L, arg);
	}
	luaL_checktype(L, arg, LUA_TTABLE);
}

/* The options of g:render at arg, as `polgraph render` reads them. */
static void render_options(lua_State *L, int arg, const char *path,
                           struct polgraph_drawing_options *options,
                           struct polgraph_drawing_style *style)
{
	static const char *const names[] = { "format", "top",     "size_by",
		                             "labels", "cluster", "layout",
		                             "title",  "legend",  "evidence",
		                             NULL };
	const char *method = "g:render", *value;

	check_names(L, arg, method, names);
	value = option_string(L, arg, method, "format");
	if (value && !polgraph_render_format_parse(value, &style->format))
		luaL_error(L,
		           "%s: unknown format '%s' (want dot, svg, png or "
		           "pdf)",
		           method, value);
	if (!value && !polgraph_render_format_of_path(path, &style->format))
		style->format = POLGRAPH_RENDER_SVG;
	options->top = option_integer(L, arg, method, "top", 1, 0);
	value = option_string(L, arg, method, "size_by");
	if (value && strcmp(value, "none") == 0) {
		style->size = false;
	} else if (value) {
		if (!polgraph_metric_parse(value, &options->size_by))
			luaL_error(L, "%s: unknown metric '%s'", method, value);
		options->rank_by = options->size_by;
	}
	value = option_string(L, arg, method, "labels");
	if (value && !polgraph_labels_parse(value, &options->labels))
		luaL_error(L, "%s: unknown labels '%s' (want en, ru or orig)",
		           method, value);
	if (lua_getfield(L, arg, "cluster") == LUA_TBOOLEAN)
		style->cluster = lua_toboolean(L, -1);
	else if (lua_type(L, -1) == LUA_TSTRING &&
	         strcmp(lua_tostring(L, -1), "community") == 0)
		style->cluster = true;
	else if (!(lua_isnil(L, -1) ||
	           (lua_type(L, -1) == LUA_TSTRING &&
	            strcmp(lua_tostring(L, -1), "none") == 0)))
		luaL_error(L,
		           "%s: unknown cluster '%s' (want \"community\" or "
		           "\"none\")",
		           method, luaL_tolstring(L, -1, NULL));
	lua_pop(L, 1);
	style->layout = option_string(L, arg, method, "layout");
	if (style->layout && !polgraph_render_layout_known(style->layout))
		luaL_error(L,
		           "%s: unknown layout '%s' (want dot, neato, fdp, "
		           "sfdp, circo or twopi)",
		           method, style->layout);
	style->title = option_string(L, arg, method, "title");
	style->legend = option_boolean(L, arg, method, "legend", true);
	options->evidence = option_integer(L, arg, method, "evidence", 0, 3);
}

/* Builds drawing from graph; raises "METHOD: message" on failure. */
static void build_drawing(lua_State *L, const char *method,
                          struct query_drawing *drawing,
                          const struct query_graph *graph,
                          struct polgraph_drawing_options *options)
{
	struct polgraph_query *query = query_of(L);
	struct polgraph_error err = { 0 };

	options->data_dir = query->options.data_dir;
	if (polgraph_drawing_build(&drawing->drawing, graph->graph,
	                           query->store, &graph->filter, options,
	                           &err) != POLGRAPH_OK)
		luaL_error(L, "%s: %s", method, err.message);
}

/* Writes drawing->out to path ("-": stdout) as a whole file; raises
 * "METHOD: cannot write ..." on failure. */
static void save(lua_State *L, const char *method,
                 struct query_drawing *drawing, const char *path)
{
	struct polgraph_error err = { 0 };
	const struct polgraph_buf *out = &drawing->out;

	if (strcmp(path, "-") == 0) {
		if (fwrite(out->data ? out->data : "", 1, out->len, stdout) !=
		            out->len ||
		    fflush(stdout) != 0)
			luaL_error(L, "%s: cannot write the output", method);
		return;
	}
	if (polgraph_drawing_save(path, out->data, out->len, &err) !=
	    POLGRAPH_OK)
		luaL_error(L, "%s: %s", method, err.message);
}

/* Pushes {format, actors, edges, files = {...}, cut_from}. */
static void push_written(lua_State *L, const struct query_drawing *drawing,
                         const char *format)
{
	const struct polgraph_drawing *d = &drawing->drawing;

	lua_createtable(L, 0, 5);
	lua_pushstring(L, format);
	lua_setfield(L, -2, "format");
	query_set_integer(L, "actors",
	                  (int64_t)polgraph_graph_vertex_count(d->graph));
	query_set_integer(L, "edges",
	                  (int64_t)polgraph_graph_edge_count(d->graph));
	if (d->cut_from)
		query_set_integer(L, "cut_from", (int64_t)d->cut_from);
	lua_newtable(L);
	lua_setfield(L, -2, "files");
}

/* Appends path to the files list of the table at the top. */
static void add_file(lua_State *L, const char *path)
{
	lua_getfield(L, -1, "files");
	lua_pushstring(L, path);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	lua_pop(L, 1);
}

/*
 * g:render(path [, {format=, top=, size_by=, labels=, cluster=, layout=,
 * title=, legend=, evidence=}]): the graph as a diagram, the file
 * `polgraph render` makes with the same options. Returns {format,
 * actors, edges, files, cut_from}.
 */
static int graph_render(lua_State *L)
{
	struct query_graph *graph = check_graph(L, 1);
	const char *path = luaL_checkstring(L, 2);
	struct polgraph_drawing_options options = {
		.analyze.metrics = 1u << POLGRAPH_METRIC_PAGERANK,
		.size_by = POLGRAPH_METRIC_PAGERANK,
		.rank_by = POLGRAPH_METRIC_PAGERANK,
		.evidence = 3,
	};
	struct polgraph_drawing_style style = {
		.format = POLGRAPH_RENDER_SVG,
		.size = true,
		.legend = true,
	};
	struct polgraph_error err = { 0 };
	struct query_drawing *drawing;
	const char *format;

	options_table(L, 3);
	render_options(L, 3, path, &options, &style);
	format = polgraph_render_format_name(style.format);
	query_check_write(L, "g:render", path, format);
	drawing = drawing_push(L);
	build_drawing(L, "g:render", drawing, graph, &options);
	if (polgraph_drawing_render(&drawing->drawing, &style, &drawing->out,
	                            &err) != POLGRAPH_OK)
		return luaL_error(L, "g:render: %s", err.message);
	save(L, "g:render", drawing, path);
	push_written(L, drawing, format);
	add_file(L, path);
	return 1;
}

/*
 * g:export(path [, {format=, centrality=}]): the graph as GraphML, GEXF,
 * node-link JSON, neo4j CSV (two files) or DOT, the files `polgraph
 * export` makes with the same options. Returns as g:render.
 */
static int graph_export(lua_State *L)
{
	static const char *const names[] = { "format", "centrality", NULL };
	static const char *const format_names[] = {
		[POLGRAPH_DRAWING_GRAPHML] = "graphml",
		[POLGRAPH_DRAWING_GEXF] = "gexf",
		[POLGRAPH_DRAWING_JSON] = "json",
		[POLGRAPH_DRAWING_CSV] = "csv",
		[POLGRAPH_DRAWING_DOT] = "dot",
	};
	struct query_graph *graph = check_graph(L, 1);
	const char *path = luaL_checkstring(L, 2);
	struct polgraph_drawing_options options = {
		.top = -1,
		.size_by = POLGRAPH_METRIC_PAGERANK,
		.rank_by = POLGRAPH_METRIC_PAGERANK,
	};
	enum polgraph_drawing_format format;
	struct query_drawing *drawing;
	const char *value;
	bool centrality;
	size_t parts;

	options_table(L, 3);
	check_names(L, 3, "g:export", names);
	value = option_string(L, 3, "g:export", "format");
	if (value && !polgraph_drawing_format_parse(value, &format))
		return luaL_error(L,
		                  "g:export: unknown format '%s' (want "
		                  "graphml, gexf, json, csv or dot)",
		                  value);
	if (!value && !polgraph_drawing_format_of_path(path, &format))
		return luaL_error(L,
		                  "g:export: give format (no known extension "
		                  "in '%s')",
		                  path);
	centrality = option_boolean(L, 3, "g:export", "centrality", false);
	parts = polgraph_drawing_export_parts(format);
	if (parts > 1 && strcmp(path, "-") == 0)
		return luaL_error(L, "g:export: CSV is two files: give a file "
		                     "name");
	query_check_write(L, "g:export", path, format_names[format]);
	drawing = drawing_push(L);
	build_drawing(L, "g:export", drawing, graph, &options);
	push_written(L, drawing, format_names[format]);
	for (size_t part = 0; part < parts; part++) {
		struct polgraph_error err = { 0 };

		free(drawing->path);
		drawing->path =
			polgraph_drawing_export_path(path, format, part);
		polgraph_buf_reset(&drawing->out);
		if (polgraph_drawing_export(&drawing->drawing, format, part,
		                            centrality, &drawing->out,
		                            &err) != POLGRAPH_OK)
			return luaL_error(L, "g:export: %s", err.message);
		save(L, "g:export", drawing, drawing->path);
		add_file(L, drawing->path);
	}
	return 1;
}

static int graph_tostring(lua_State *L)
{
	struct query_graph *graph = luaL_checkudata(L, 1, GRAPH_META);

	if (!graph->graph)
		lua_pushliteral(L, "graph (freed)");
	else
		lua_pushfstring(L, "graph: %d actors, %d edges",
		                (int)polgraph_graph_vertex_count(graph->graph),
		                (int)polgraph_graph_edge_count(graph->graph));
	return 1;
}

void query_graph_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "size", graph_size },
		{ "actors", graph_actors },
		{ "edges", graph_edges },
		{ "neighbors", graph_neighbors },
		{ "path", graph_path },
		{ "centrality", graph_centrality },
		{ "communities", graph_communities },
		{ "subgraph", graph_subgraph },
		{ "summary", graph_summary },
		{ "render", graph_render },
		{ "export", graph_export },
		{ NULL, NULL },
	};

	luaL_newmetatable(L, GRAPH_META);
	lua_pushcfunction(L, graph_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, graph_tostring);
	lua_setfield(L, -2, "__tostring");
	luaL_newlib(L, methods);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	luaL_newmetatable(L, DRAWING_META);
	lua_pushcfunction(L, drawing_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
}
