/*
 * query.c - scripted graph queries (query.h): the query's Lua state, the
 * run of one script, and the pg module's store functions and helpers
 * (pg.actor, pg.actors, pg.relations, pg.sql, pg.stats, pg.print_table,
 * pg.json). Graph objects are in query_graph.c, the sandbox and the
 * limits in query_sandbox.c.
 *
 * Consumes a read-only store and a Lua chunk; produces the script's
 * output on stdout, or an error message "chunk:LINE: message".
 *
 * Lua errors longjmp. Store and graph calls take C callbacks, and a
 * longjmp out of a callback would skip SQLite's cleanup, so callbacks
 * never touch Lua: they copy rows into a collector, a userdata whose
 * __gc frees it, and Lua tables are built after the call returns.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "polgraph/analyze.h"
#include "polgraph/graph.h"
#include "polgraph/json.h"
#include "polgraph/mem.h"
#include "query_impl.h"

#define COLLECTOR_META "polgraph.collector"

struct polgraph_query *query_of(lua_State *L)
{
	void *ud = NULL;

	lua_getallocf(L, &ud);
	return ud;
}

/* ---- collectors: C memory owned by a userdata ---- */

static int collector_gc(lua_State *L)
{
	struct collector *collector = luaL_checkudata(L, 1, COLLECTOR_META);

	free(collector->rows);
	polgraph_arena_release(&collector->arena);
	memset(collector, 0, sizeof(*collector));
	return 0;
}

struct collector *collector_push(lua_State *L)
{
	struct collector *collector =
		lua_newuserdatauv(L, sizeof(*collector), 0);

	memset(collector, 0, sizeof(*collector));
	luaL_setmetatable(L, COLLECTOR_META);
	return collector;
}

void collector_add(struct collector *collector, void *row)
{
	polgraph_xgrow((void **)&collector->rows, &collector->capacity,
	               collector->count + 1, sizeof(*collector->rows));
	collector->rows[collector->count++] = row;
}

static char *keep(struct collector *collector, const char *s)
{
	return s ? polgraph_arena_strdup(&collector->arena, s) : NULL;
}

/* ---- small helpers ---- */

void query_set_string(lua_State *L, const char *field, const char *s)
{
	if (!s || !*s)
		return;
	lua_pushstring(L, s);
	lua_setfield(L, -2, field);
}

void query_set_integer(lua_State *L, const char *field, int64_t value)
{
	lua_pushinteger(L, (lua_Integer)value);
	lua_setfield(L, -2, field);
}

/* Raises the message of a failed library call. */
static int raise_error(lua_State *L, const struct polgraph_error *err)
{
	return luaL_error(L, "%s", err->message);
}

/* The optional options table at arg (absent or nil: an empty one). */
static void check_options(lua_State *L, int arg)
{
	if (lua_isnoneornil(L, arg)) {
		lua_settop(L, arg);
		lua_newtable(L);
		lua_replace(L, arg);
	}
	luaL_checktype(L, arg, LUA_TTABLE);
}

/* The string field of the table at arg, or NULL. The string stays alive
 * in the table. */
static const char *string_field(lua_State *L, int arg, const char *field)
{
	const char *value = NULL;

	if (lua_getfield(L, arg, field) != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "option '%s' must be a string", field);
		value = lua_tostring(L, -1);
	}
	lua_pop(L, 1);
	return value;
}

static lua_Integer integer_field(lua_State *L, int arg, const char *field,
                                 lua_Integer fallback)
{
	lua_Integer value = fallback;
	int is_integer = 0;

	if (lua_getfield(L, arg, field) != LUA_TNIL) {
		value = lua_tointegerx(L, -1, &is_integer);
		if (!is_integer)
			luaL_error(L, "option '%s' must be an integer", field);
	}
	lua_pop(L, 1);
	return value;
}

static bool date_shaped(const char *s)
{
	static const char shape[] = "dddd-dd-dd";

	if (strlen(s) != 10)
		return false;
	for (size_t i = 0; i < 10; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9')
		                    : s[i] != shape[i])
			return false;
	return true;
}

const char **query_string_list(lua_State *L, int arg, const char *field)
{
	struct collector *collector;
	const char **list;
	lua_Integer count;

	arg = lua_absindex(L, arg);
	if (lua_getfield(L, arg, field) == LUA_TNIL) {
		lua_pop(L, 1);
		return NULL;
	}
	if (lua_type(L, -1) == LUA_TSTRING) { /* one name */
		collector = collector_push(L);
		list = polgraph_arena_alloc(&collector->arena,
		                            2 * sizeof(*list));
		list[0] = lua_tostring(L, -2); /* alive in the table */
		lua_remove(L, -2);
		return list;
	}
	if (lua_type(L, -1) != LUA_TTABLE)
		luaL_error(L, "option '%s' must be a string or a list", field);
	count = (lua_Integer)lua_rawlen(L, -1);
	collector = collector_push(L);
	list = polgraph_arena_alloc(&collector->arena,
	                            ((size_t)count + 1) * sizeof(*list));
	for (lua_Integer i = 1; i <= count; i++) {
		if (lua_rawgeti(L, -2, i) != LUA_TSTRING)
			luaL_error(L, "option '%s' must list strings", field);
		list[i - 1] = lua_tostring(L, -1);
		lua_pop(L, 1);
	}
	lua_remove(L, -2); /* the list stays alive in the options table */
	return list;
}

static void parse_window(lua_State *L, int arg,
                         struct polgraph_graph_filter *filter)
{
	int is_integer = 0;
	lua_Integer sentences;

	filter->window = POLGRAPH_WINDOW_SENTENCES;
	filter->window_sentences = 1;
	if (lua_getfield(L, arg, "window") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	sentences = lua_tointegerx(L, -1, &is_integer);
	if (is_integer && sentences >= 1) {
		filter->window_sentences = (long)sentences;
	} else if (lua_type(L, -1) == LUA_TSTRING &&
	           strcmp(lua_tostring(L, -1), "paragraph") == 0) {
		filter->window = POLGRAPH_WINDOW_PARAGRAPH;
	} else if (lua_type(L, -1) == LUA_TSTRING &&
	           strcmp(lua_tostring(L, -1), "document") == 0) {
		filter->window = POLGRAPH_WINDOW_DOCUMENT;
	} else if (!(lua_type(L, -1) == LUA_TSTRING &&
	             strcmp(lua_tostring(L, -1), "sentence") == 0)) {
		luaL_error(L,
		           "unknown window '%s' (want \"sentence\", N, "
		           "\"paragraph\" or \"document\")",
		           luaL_tolstring(L, -1, NULL));
	}
	lua_pop(L, 1);
}

void query_graph_filter(lua_State *L, int arg, bool type_is_actor_type,
                        struct polgraph_graph_filter *filter)
{
	const char *dates[2];

	memset(filter, 0, sizeof(*filter));
	filter->since = dates[0] = string_field(L, arg, "since");
	filter->until = dates[1] = string_field(L, arg, "until");
	for (int i = 0; i < 2; i++)
		if (dates[i] && !date_shaped(dates[i]))
			luaL_error(L, "bad date '%s' (want YYYY-MM-DD)",
			           dates[i]);
	filter->lang = string_field(L, arg, "lang");
	filter->source = string_field(L, arg, "source");
	parse_window(L, arg, filter);
	filter->min_weight = (long)integer_field(L, arg, "min_weight", 0);
	filter->types = query_string_list(L, arg, "types");
	if (!filter->types && !type_is_actor_type)
		filter->types = query_string_list(L, arg, "type");
	if (!filter->types)
		lua_pushnil(L);
	filter->actor_types = query_string_list(L, arg, "actor_types");
	if (!filter->actor_types && type_is_actor_type)
		filter->actor_types = query_string_list(L, arg, "type");
	if (!filter->actor_types)
		lua_pushnil(L);
}

const char *query_actor_key(lua_State *L, int arg)
{
	struct polgraph_query *query = query_of(L);
	struct polgraph_error err = { 0 };
	const char *name, *key;

	if (lua_type(L, arg) == LUA_TTABLE) {
		lua_getfield(L, arg, "key");
		name = lua_tostring(L, -1);
		lua_pop(L, 1); /* the key stays alive in the table */
		if (!name)
			luaL_argerror(L, arg, "an actor table without a key");
	} else {
		name = luaL_checkstring(L, arg);
	}
	if (polgraph_resolver_actor(query->resolver, name, &key, &err) !=
	    POLGRAPH_OK)
		raise_error(L, &err);
	return key;
}

/* ---- actors ---- */

struct actor_row {
	char *key, *name, *type, *first_seen, *last_seen;
	int64_t mentions;
	double score; /* the `by` metric */
};

static enum polgraph_status
collect_actor(const struct polgraph_graph_actor_row *row, void *ctx)
{
	struct collector *collector = ctx;
	struct actor_row *actor =
		polgraph_arena_alloc(&collector->arena, sizeof(*actor));

	actor->key = keep(collector, row->key);
	actor->name = keep(collector, row->name);
	actor->type = keep(collector, row->type);
	actor->first_seen = keep(collector, row->first_seen);
	actor->last_seen = keep(collector, row->last_seen);
	actor->mentions = row->mentions;
	collector_add(collector, actor);
	return POLGRAPH_OK;
}

static enum polgraph_status collect_alias(const char *surface, const char *lang,
                                          void *ctx)
{
	(void)lang;
	collector_add(ctx, keep(ctx, surface));
	return POLGRAPH_OK;
}

/* Pushes the table of one actor, with its aliases from the store. */
static void push_actor(lua_State *L, const struct actor_row *actor)
{
	struct polgraph_query *query = query_of(L);
	struct polgraph_error err = { 0 };
	struct collector *aliases = collector_push(L);

	if (polgraph_store_actor_aliases(query->store, actor->key,
	                                 collect_alias, aliases,
	                                 &err) != POLGRAPH_OK)
		raise_error(L, &err);
	lua_createtable(L, 0, 8);
	query_set_string(L, "key", actor->key);
	query_set_string(L, "name", actor->name);
	query_set_string(L, "type", actor->type);
	query_set_integer(L, "mentions", actor->mentions);
	query_set_string(L, "first_seen", actor->first_seen);
	query_set_string(L, "last_seen", actor->last_seen);
	lua_createtable(L, (int)aliases->count, 0);
	for (size_t i = 0; i < aliases->count; i++) {
		lua_pushstring(L, aliases->rows[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "aliases");
	lua_remove(L, -2); /* the aliases collector */
}

/* The actors of a filter, into a collector pushed on the stack. */
static struct collector *actor_rows(lua_State *L,
                                    const struct polgraph_graph_filter *filter)
{
	struct polgraph_query *query = query_of(L);
	struct polgraph_error err = { 0 };
	struct collector *actors = collector_push(L);

	if (polgraph_store_graph_actors(query->store, filter, collect_actor,
	                                actors, &err) != POLGRAPH_OK)
		raise_error(L, &err);
	return actors;
}

/* pg.actor(name): the actor a name, alias or key means. */
static int pg_actor(lua_State *L)
{
	struct polgraph_graph_filter filter = { 0 };
	const char *key = query_actor_key(L, 1);
	struct collector *actors = actor_rows(L, &filter);

	for (size_t i = 0; i < actors->count; i++) {
		const struct actor_row *actor = actors->rows[i];

		if (strcmp(actor->key, key) == 0) {
			push_actor(L, actor);
			return 1;
		}
	}
	return luaL_error(L, "actor '%s' has no mention", key);
}

static const char *sort_metric; /* for compare_actors */

static int compare_actors(const void *left, const void *right)
{
	const struct actor_row *a = *(const struct actor_row *const *)left;
	const struct actor_row *b = *(const struct actor_row *const *)right;

	if (sort_metric && a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (!sort_metric && a->mentions != b->mentions)
		return a->mentions > b->mentions ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* pg.actors{type=, top=, by=, <graph filter>}. */
static int pg_actors(lua_State *L)
{
	struct polgraph_graph_filter filter;
	enum polgraph_metric metric = POLGRAPH_METRIC_DEGREE;
	const char *by;
	struct collector *actors;
	lua_Integer top;

	check_options(L, 1);
	query_graph_filter(L, 1, true, &filter); /* pushes 2 */
	by = string_field(L, 1, "by");
	top = integer_field(L, 1, "top", 0);
	if (by && !polgraph_metric_parse(by, &metric))
		return luaL_error(L, "unknown metric '%s'", by);
	actors = actor_rows(L, &filter);
	if (by) {
		const struct polgraph_analysis *analysis;
		const struct polgraph_graph *graph;

		graph = query_graph_build(L, &filter, &analysis);
		for (size_t i = 0; i < actors->count; i++) {
			struct actor_row *actor = actors->rows[i];
			long vertex = polgraph_graph_find(graph, actor->key);

			actor->score =
				vertex < 0 ? 0
					   : polgraph_metric_value(
						     &analysis->actors[vertex],
						     metric);
		}
	}
	sort_metric = by;
	qsort(actors->rows, actors->count, sizeof(*actors->rows),
	      compare_actors);
	sort_metric = NULL;
	if (top > 0 && (size_t)top < actors->count)
		actors->count = (size_t)top;
	lua_createtable(L, (int)actors->count, 0);
	for (size_t i = 0; i < actors->count; i++) {
		const struct actor_row *actor = actors->rows[i];

		push_actor(L, actor);
		if (by) {
			lua_pushnumber(L, actor->score);
			lua_setfield(L, -2, by);
		}
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* ---- relations ---- */

struct relation_row {
	char *source, *target, *type, *article, *date, *span, *sentence_text,
		*article_source, *rule;
	int64_t sentence;
};

struct relation_collector {
	struct collector *rows;
	const char *actor; /* only relations of this key, or NULL */
};

static enum polgraph_status
collect_relation(const struct polgraph_graph_edge_row *row, void *ctx)
{
	struct relation_collector *relations = ctx;
	struct collector *collector = relations->rows;
	struct relation_row *relation;

	if (relations->actor && strcmp(row->source, relations->actor) != 0 &&
	    strcmp(row->target, relations->actor) != 0)
		return POLGRAPH_OK;
	relation = polgraph_arena_alloc(&collector->arena, sizeof(*relation));
	relation->source = keep(collector, row->source);
	relation->target = keep(collector, row->target);
	relation->type = keep(collector, row->type);
	relation->article = keep(collector, row->article);
	relation->date = keep(collector, row->date);
	relation->span = keep(collector, row->evidence);
	relation->sentence_text = keep(collector, row->sentence_text);
	relation->article_source = keep(collector, row->article_source);
	relation->rule = keep(collector, row->rule);
	relation->sentence = row->sentence;
	collector_add(collector, relation);
	return POLGRAPH_OK;
}

/* Pushes a table key -> name of the actors of filter's articles. */
static void push_names(lua_State *L, const struct polgraph_graph_filter *filter)
{
	struct polgraph_graph_filter all = *filter;
	struct collector *actors;

	all.actor_types = NULL;
	actors = actor_rows(L, &all);
	lua_createtable(L, 0, (int)actors->count);
	for (size_t i = 0; i < actors->count; i++) {
		const struct actor_row *actor = actors->rows[i];

		lua_pushstring(L, actor->name);
		lua_setfield(L, -2, actor->key);
	}
	lua_remove(L, -2);
}

/* Sets t[field] to names[key] (names at index names), else to key. */
static void set_name(lua_State *L, int names, const char *field,
                     const char *key)
{
	if (lua_getfield(L, names, key) == LUA_TNIL) {
		lua_pop(L, 1);
		lua_pushstring(L, key);
	}
	lua_setfield(L, -2, field);
}

/* pg.relations{type=, types=, actor=, <graph filter>}. */
static int pg_relations(lua_State *L)
{
	struct polgraph_query *query = query_of(L);
	struct relation_collector relations = { 0 };
	struct polgraph_graph_filter filter;
	struct polgraph_error err = { 0 };
	int names;

	check_options(L, 1);
	query_graph_filter(L, 1, false, &filter); /* pushes 2 */
	filter.no_comention = true;
	filter.evidence = true;
	if (lua_getfield(L, 1, "actor") != LUA_TNIL)
		relations.actor = query_actor_key(L, lua_gettop(L));
	lua_pop(L, 1);
	relations.rows = collector_push(L);
	if (polgraph_store_graph_edges(query->store, &filter, collect_relation,
	                               &relations, &err) != POLGRAPH_OK)
		return raise_error(L, &err);
	push_names(L, &filter);
	names = lua_gettop(L);
	lua_createtable(L, (int)relations.rows->count, 0);
	for (size_t i = 0; i < relations.rows->count; i++) {
		const struct relation_row *relation = relations.rows->rows[i];

		lua_createtable(L, 0, 12);
		query_set_string(L, "source", relation->source);
		set_name(L, names, "source_name", relation->source);
		query_set_string(L, "target", relation->target);
		set_name(L, names, "target_name", relation->target);
		query_set_string(L, "type", relation->type);
		query_set_string(L, "date", relation->date);
		query_set_string(L, "article", relation->article);
		query_set_string(L, "article_source", relation->article_source);
		query_set_integer(L, "sentence", relation->sentence);
		query_set_string(L, "evidence", relation->sentence_text);
		query_set_string(L, "span", relation->span);
		query_set_string(L, "rule", relation->rule);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* ---- SQL ---- */

struct sql_row {
	char **values;
	enum polgraph_sql_type *types;
};

struct sql_collector {
	struct collector *rows;
	size_t column_count;
	char **names;
};

static enum polgraph_status collect_sql(const struct polgraph_sql_row *row,
                                        void *ctx)
{
	struct sql_collector *sql = ctx;
	struct collector *collector = sql->rows;
	struct polgraph_arena *arena = &collector->arena;
	struct sql_row *copy;

	if (!row->values) {
		sql->column_count = row->column_count;
		sql->names = polgraph_arena_alloc(
			arena, (row->column_count + 1) * sizeof(*sql->names));
		for (size_t i = 0; i < row->column_count; i++)
			sql->names[i] = keep(collector, row->names[i]);
		return POLGRAPH_OK;
	}
	copy = polgraph_arena_alloc(arena, sizeof(*copy));
	copy->values = polgraph_arena_alloc(
		arena, (row->column_count + 1) * sizeof(*copy->values));
	copy->types = polgraph_arena_alloc(arena, (row->column_count + 1) *
	                                                  sizeof(*copy->types));
	for (size_t i = 0; i < row->column_count; i++) {
		copy->values[i] = keep(collector, row->values[i]);
		copy->types[i] = row->types[i];
	}
	collector_add(collector, copy);
	return POLGRAPH_OK;
}

/* pg.sql(statement): rows as tables by column name, and the names. */
static int pg_sql(lua_State *L)
{
	struct polgraph_query *query = query_of(L);
	struct sql_collector sql = { 0 };
	struct polgraph_error err = { 0 };
	const char *statement = luaL_checkstring(L, 1);

	sql.rows = collector_push(L);
	if (polgraph_store_sql(query->store, statement, collect_sql, &sql,
	                       &err) != POLGRAPH_OK)
		return raise_error(L, &err);
	lua_createtable(L, (int)sql.rows->count, 0);
	for (size_t r = 0; r < sql.rows->count; r++) {
		const struct sql_row *row = sql.rows->rows[r];

		lua_createtable(L, 0, (int)sql.column_count);
		for (size_t c = 0; c < sql.column_count; c++) {
			switch (row->types[c]) {
			case POLGRAPH_SQL_NULL:
				continue;
			case POLGRAPH_SQL_INTEGER:
				lua_pushinteger(
					L, (lua_Integer)strtoll(row->values[c],
				                                NULL, 10));
				break;
			case POLGRAPH_SQL_REAL:
				lua_pushnumber(L, strtod(row->values[c], NULL));
				break;
			default:
				lua_pushstring(L, row->values[c]);
				break;
			}
			lua_setfield(L, -2, sql.names[c]);
		}
		lua_rawseti(L, -2, (lua_Integer)r + 1);
	}
	lua_createtable(L, (int)sql.column_count, 0);
	for (size_t c = 0; c < sql.column_count; c++) {
		lua_pushstring(L, sql.names[c]);
		lua_rawseti(L, -2, (lua_Integer)c + 1);
	}
	return 2;
}

/* pg.stats(): what the store holds. */
static int pg_stats(lua_State *L)
{
	struct polgraph_store_stats stats;
	struct polgraph_error err = { 0 };

	if (polgraph_store_stats(query_of(L)->store, &stats, &err) !=
	    POLGRAPH_OK)
		return raise_error(L, &err);
	lua_createtable(L, 0, 9);
	query_set_integer(L, "articles", stats.articles);
	query_set_integer(L, "sentences", stats.sentences);
	query_set_integer(L, "actors", stats.actors);
	query_set_integer(L, "aliases", stats.aliases);
	query_set_integer(L, "mentions", stats.mentions);
	query_set_integer(L, "relations", stats.relations);
	query_set_string(L, "first_date", stats.first_date);
	query_set_string(L, "last_date", stats.last_date);
	query_set_integer(L, "schema_version", stats.schema_version);
	return 1;
}

/* ---- pg.print_table ---- */

/* Pushes the text of a cell: numbers, strings, booleans, lists joined. */
static void push_cell(lua_State *L, int index)
{
	index = lua_absindex(L, index);
	switch (lua_type(L, index)) {
	case LUA_TNIL:
		lua_pushliteral(L, "-");
		return;
	case LUA_TNUMBER:
		if (lua_isinteger(L, index)) {
			lua_pushfstring(L, "%I", lua_tointeger(L, index));
		} else {
			char number[32];

			snprintf(number, sizeof(number), "%.6g",
			         (double)lua_tonumber(L, index));
			lua_pushstring(L, number);
		}
		return;
	case LUA_TSTRING:
		lua_pushvalue(L, index);
		return;
	case LUA_TBOOLEAN:
		lua_pushstring(L, lua_toboolean(L, index) ? "true" : "false");
		return;
	case LUA_TTABLE: {
		luaL_Buffer buffer;
		lua_Integer count = (lua_Integer)lua_rawlen(L, index);

		luaL_buffinit(L, &buffer);
		for (lua_Integer i = 1; i <= count; i++) {
			if (i > 1)
				luaL_addstring(&buffer, ", ");
			lua_rawgeti(L, index, i);
			if (lua_type(L, -1) == LUA_TTABLE) {
				lua_pop(L, 1);
				lua_pushliteral(L, "{...}");
			} else {
				push_cell(L, -1);
				lua_remove(L, -2);
			}
			luaL_addvalue(&buffer);
		}
		luaL_pushresult(&buffer);
		return;
	}
	default:
		lua_pushstring(L, luaL_typename(L, index));
		return;
	}
}

/* Display width: UTF-8 code points. */
static size_t text_width(const char *s)
{
	size_t width = 0;

	for (; *s; s++)
		width += ((unsigned char)*s & 0xc0) != 0x80;
	return width;
}

static int compare_names(const void *left, const void *right)
{
	return strcmp(*(const char *const *)left, *(const char *const *)right);
}

/* Pushes the column list: given, or the sorted string keys of the rows. */
static void push_columns(lua_State *L, int rows, int options)
{
	struct collector *names;
	lua_Integer row_count = (lua_Integer)lua_rawlen(L, rows);

	if (lua_type(L, options) == LUA_TTABLE) {
		if (lua_getfield(L, options, "columns") == LUA_TTABLE)
			return;
		lua_pop(L, 1);
		if (lua_rawlen(L, options) > 0) {
			lua_pushvalue(L, options);
			return;
		}
	}
	lua_newtable(L); /* set of names */
	for (lua_Integer r = 1; r <= row_count; r++) {
		if (lua_rawgeti(L, rows, r) != LUA_TTABLE)
			luaL_error(L, "row %d is not a table", (int)r);
		for (lua_pushnil(L); lua_next(L, -2); lua_pop(L, 1))
			if (lua_type(L, -2) == LUA_TSTRING) {
				lua_pushvalue(L, -2);
				lua_pushboolean(L, 1);
				lua_rawset(L, -6);
			}
		lua_pop(L, 1);
	}
	names = collector_push(L);
	for (lua_pushnil(L); lua_next(L, -3); lua_pop(L, 1))
		collector_add(names, (void *)lua_tostring(L, -2));
	qsort(names->rows, names->count, sizeof(*names->rows), compare_names);
	lua_createtable(L, (int)names->count, 0);
	for (size_t i = 0; i < names->count; i++) {
		lua_pushstring(L, names->rows[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_replace(L, -3);
	lua_pop(L, 1);
}

/*
 * pg.print_table(rows [, columns | {columns = {...}}]): an aligned text
 * table on stdout, header first; numeric columns right-aligned, nil as
 * "-", floats with 6 significant digits, lists joined with ", ".
 */
static int pg_print_table(lua_State *L)
{
	lua_Integer row_count, column_count;
	size_t *widths;
	bool *numeric;
	int columns, cells;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	row_count = (lua_Integer)lua_rawlen(L, 1);
	push_columns(L, 1, 2);
	columns = lua_gettop(L);
	column_count = (lua_Integer)lua_rawlen(L, columns);
	widths = lua_newuserdatauv(
		L, ((size_t)column_count + 1) * (sizeof(*widths) + 1), 0);
	numeric = (bool *)(widths + column_count + 1);
	lua_createtable(L, (int)((row_count + 1) * column_count), 0);
	cells = lua_gettop(L);
	for (lua_Integer c = 1; c <= column_count; c++) {
		if (lua_rawgeti(L, columns, c) != LUA_TSTRING)
			return luaL_error(L, "column names must be strings");
		widths[c - 1] = text_width(lua_tostring(L, -1));
		numeric[c - 1] = row_count > 0;
		lua_rawseti(L, cells, c);
	}
	for (lua_Integer r = 1; r <= row_count; r++) {
		if (lua_rawgeti(L, 1, r) != LUA_TTABLE)
			return luaL_error(L, "row %d is not a table", (int)r);
		for (lua_Integer c = 1; c <= column_count; c++) {
			size_t width;
			int type;

			lua_rawgeti(L, columns, c);
			type = lua_rawget(L, -2);
			if (type != LUA_TNUMBER && type != LUA_TNIL)
				numeric[c - 1] = false;
			push_cell(L, -1);
			width = text_width(lua_tostring(L, -1));
			if (width > widths[c - 1])
				widths[c - 1] = width;
			lua_rawseti(L, cells, r * column_count + c);
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	for (lua_Integer r = 0; r <= row_count; r++) {
		luaL_Buffer line;
		size_t len;
		const char *text;

		luaL_buffinit(L, &line);
		for (lua_Integer c = 1; c <= column_count; c++) {
			size_t pad;

			lua_rawgeti(L, cells, r * column_count + c);
			text = lua_tostring(L, -1);
			pad = widths[c - 1] - text_width(text);
			lua_pop(L, 1);
			if (c > 1)
				luaL_addstring(&line, "  ");
			for (size_t i = 0; numeric[c - 1] && i < pad; i++)
				luaL_addchar(&line, ' ');
			luaL_addstring(&line, text);
			for (size_t i = 0;
			     !numeric[c - 1] && c < column_count && i < pad;
			     i++)
				luaL_addchar(&line, ' ');
		}
		luaL_pushresult(&line);
		text = lua_tolstring(L, -1, &len);
		while (len && text[len - 1] == ' ')
			len--;
		fwrite(text, 1, len, stdout);
		putchar('\n');
		lua_pop(L, 1);
	}
	return 0;
}

/* ---- pg.json ---- */

#define JSON_META      "polgraph.json"
#define JSON_MAX_DEPTH 100

struct json_writer {
	struct polgraph_buf out;
	struct polgraph_arena arena; /* key lists */
};

static int json_gc(lua_State *L)
{
	struct json_writer *writer = luaL_checkudata(L, 1, JSON_META);

	polgraph_buf_release(&writer->out);
	polgraph_arena_release(&writer->arena);
	return 0;
}

struct json_key {
	const char *text; /* as written */
	bool number;      /* the Lua key is a number */
	lua_Number value;
};

static int compare_keys(const void *left, const void *right)
{
	return strcmp(((const struct json_key *)left)->text,
	              ((const struct json_key *)right)->text);
}

static void json_value(lua_State *L, struct json_writer *writer, int index,
                       int depth);

static void json_number(lua_State *L, struct json_writer *writer, int index)
{
	lua_Number value = lua_tonumber(L, index);

	if (lua_isinteger(L, index))
		polgraph_buf_printf(&writer->out, "%lld",
		                    (long long)lua_tointeger(L, index));
	else if (value != value || value > 1e308 || value < -1e308)
		polgraph_buf_puts(&writer->out, "null");
	else
		polgraph_buf_printf(&writer->out, "%.14g", (double)value);
}

/* An array: keys exactly 1..n (n > 0), or the empty table. */
static bool json_is_array(lua_State *L, int index, size_t *count)
{
	size_t keys = 0;

	*count = lua_rawlen(L, index);
	for (lua_pushnil(L); lua_next(L, index); lua_pop(L, 1))
		keys++;
	return keys == *count;
}

static void json_object(lua_State *L, struct json_writer *writer, int index,
                        int depth)
{
	struct json_key *keys;
	size_t count = 0, capacity = 0;

	for (lua_pushnil(L); lua_next(L, index); lua_pop(L, 1))
		capacity++;
	keys = polgraph_arena_alloc(&writer->arena,
	                            (capacity + 1) * sizeof(*keys));
	for (lua_pushnil(L); lua_next(L, index); lua_pop(L, 1)) {
		struct json_key *key = &keys[count++];

		if (lua_type(L, -2) == LUA_TSTRING) {
			key->text = lua_tostring(L, -2);
		} else if (lua_type(L, -2) == LUA_TNUMBER) {
			key->number = true;
			key->value = lua_tonumber(L, -2);
			lua_pushvalue(L, -2);
			key->text = polgraph_arena_strdup(&writer->arena,
			                                  lua_tostring(L, -1));
			lua_pop(L, 1);
		} else {
			luaL_error(L, "pg.json: a %s key cannot be encoded",
			           luaL_typename(L, -2));
		}
	}
	qsort(keys, count, sizeof(*keys), compare_keys);
	polgraph_buf_puts(&writer->out, "{");
	for (size_t i = 0; i < count; i++) {
		if (i)
			polgraph_buf_puts(&writer->out, ",");
		polgraph_json_write_string(&writer->out, keys[i].text);
		polgraph_buf_puts(&writer->out, ":");
		if (keys[i].number)
			lua_pushnumber(L, keys[i].value);
		else
			lua_pushstring(L, keys[i].text);
		lua_rawget(L, index);
		json_value(L, writer, lua_gettop(L), depth + 1);
		lua_pop(L, 1);
	}
	polgraph_buf_puts(&writer->out, "}");
}

static void json_value(lua_State *L, struct json_writer *writer, int index,
                       int depth)
{
	size_t count;

	if (depth > JSON_MAX_DEPTH)
		luaL_error(L, "pg.json: nested deeper than %d (a cycle?)",
		           JSON_MAX_DEPTH);
	luaL_checkstack(L, 8, "pg.json");
	switch (lua_type(L, index)) {
	case LUA_TNIL:
		polgraph_buf_puts(&writer->out, "null");
		break;
	case LUA_TBOOLEAN:
		polgraph_buf_puts(&writer->out,
		                  lua_toboolean(L, index) ? "true" : "false");
		break;
	case LUA_TNUMBER:
		json_number(L, writer, index);
		break;
	case LUA_TSTRING:
		polgraph_json_write_string(&writer->out,
		                           lua_tostring(L, index));
		break;
	case LUA_TTABLE:
		if (!json_is_array(L, index, &count)) {
			json_object(L, writer, index, depth);
			break;
		}
		polgraph_buf_puts(&writer->out, "[");
		for (size_t i = 1; i <= count; i++) {
			if (i > 1)
				polgraph_buf_puts(&writer->out, ",");
			lua_rawgeti(L, index, (lua_Integer)i);
			json_value(L, writer, lua_gettop(L), depth + 1);
			lua_pop(L, 1);
		}
		polgraph_buf_puts(&writer->out, "]");
		break;
	default:
		luaL_error(L, "pg.json: a %s cannot be encoded",
		           luaL_typename(L, index));
	}
}

/*
 * pg.json(value): compact JSON text. Tables with keys 1..n (and the
 * empty table) are arrays; other tables objects with keys in byte order.
 */
static int pg_json(lua_State *L)
{
	struct json_writer *writer;

	lua_settop(L, 1);
	writer = lua_newuserdatauv(L, sizeof(*writer), 0);
	memset(writer, 0, sizeof(*writer));
	luaL_setmetatable(L, JSON_META);
	json_value(L, writer, 1, 0);
	lua_pushlstring(L, writer->out.data ? writer->out.data : "",
	                writer->out.len);
	return 1;
}

/* ---- the module, the state, the run ---- */

static const luaL_Reg pg_functions[] = {
	{ "actor", pg_actor },
	{ "actors", pg_actors },
	{ "relations", pg_relations },
	{ "graph", query_graph_new },
	{ "sql", pg_sql },
	{ "stats", pg_stats },
	{ "print_table", pg_print_table },
	{ "json", pg_json },
	{ NULL, NULL },
};

/* Runs in protection: the sandbox, the metatables, the module. */
static int set_up(lua_State *L)
{
	struct polgraph_query *query = query_of(L);

	query_sandbox_open(query);
	luaL_newmetatable(L, COLLECTOR_META);
	lua_pushcfunction(L, collector_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	luaL_newmetatable(L, JSON_META);
	lua_pushcfunction(L, json_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	query_graph_open(L);
	luaL_newlib(L, pg_functions);
	lua_pushstring(L, polgraph_version());
	lua_setfield(L, -2, "version");
	lua_pushvalue(L, -1);
	lua_setglobal(L, "pg");
	if (query->options.unsafe) {
		luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
		lua_pushvalue(L, -2);
		lua_setfield(L, -2, "polgraph");
		lua_pop(L, 1);
	}
	lua_setglobal(L, "polgraph");
	return 0;
}

struct polgraph_query *
polgraph_query_new(struct polgraph_store *store,
                   const struct polgraph_query_options *options,
                   struct polgraph_error *err)
{
	struct polgraph_query *query = polgraph_xcalloc(1, sizeof(*query));

	if (options)
		query->options = *options;
	if (query->options.data_dir)
		query->options.data_dir =
			polgraph_xstrdup(query->options.data_dir);
	query->store = store;
	query->resolver = polgraph_resolver_new(store, query->options.data_dir);
	query->L = lua_newstate(query_alloc, query);
	if (!query->L) {
		polgraph_error_set(err, POLGRAPH_NOMEM,
		                   "cannot create a Lua state: out of memory");
		goto fail;
	}
	lua_pushcfunction(query->L, set_up);
	if (lua_pcall(query->L, 0, 0, 0) != LUA_OK) {
		polgraph_error_set(err, POLGRAPH_NOMEM, "cannot set up Lua: %s",
		                   lua_tostring(query->L, -1));
		goto fail;
	}
	return query;
fail:
	polgraph_query_free(query);
	return NULL;
}

void polgraph_query_free(struct polgraph_query *query)
{
	if (!query)
		return;
	if (query->L)
		lua_close(query->L);
	polgraph_resolver_free(query->resolver);
	free((char *)query->options.data_dir);
	free(query);
}

struct run {
	const char *code, *chunkname, *script;
	size_t len;
	char *const *args;
	size_t arg_count;
};

/* Runs in protection: load (text only), arg, call. */
static int run_chunk(lua_State *L)
{
	const struct run *run = lua_touserdata(L, 1);

	if (luaL_loadbufferx(L, run->code, run->len, run->chunkname, "t") !=
	    LUA_OK)
		return lua_error(L);
	lua_createtable(L, (int)run->arg_count, 1);
	lua_pushstring(L, run->script);
	lua_rawseti(L, -2, 0);
	for (size_t i = 0; i < run->arg_count; i++) {
		lua_pushstring(L, run->args[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setglobal(L, "arg");
	luaL_checkstack(L, (int)run->arg_count + 1, "too many arguments");
	for (size_t i = 0; i < run->arg_count; i++)
		lua_pushstring(L, run->args[i]);
	lua_call(L, (int)run->arg_count, 0);
	return 0;
}

enum polgraph_status
polgraph_query_run(struct polgraph_query *query, const char *code, size_t len,
                   const char *chunkname, const char *script, char *const *args,
                   size_t arg_count, struct polgraph_error *err)
{
	struct run run = { code, chunkname, script, len, args, arg_count };
	lua_State *L = query->L;
	const char *message;
	char limit[96];
	int status;

	lua_settop(L, 0);
	lua_pushcfunction(L, run_chunk);
	lua_pushlightuserdata(L, &run);
	status = lua_pcall(L, 1, 0, 0);
	fflush(stdout);
	if (status == LUA_OK)
		return POLGRAPH_OK;
	message =
		lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER
			? lua_tostring(L, -1)
			: NULL;
	if (query->interrupted)
		return polgraph_error_set(err, POLGRAPH_INTERRUPTED,
		                          "the script was interrupted");
	if (query->instructions_spent) {
		snprintf(limit, sizeof(limit),
		         "instruction limit of %llu exceeded",
		         (unsigned long long)query->options.max_instructions);
		return polgraph_error_set(
			err, POLGRAPH_TOOBIG, "%s",
			message && strstr(message, limit) ? message : limit);
	}
	if (query->memory_refused &&
	    (status == LUA_ERRMEM ||
	     (message && (strstr(message, "not enough memory") ||
	                  strstr(message, "memory limit of"))))) {
		query_memory_message(query, limit, sizeof(limit));
		return polgraph_error_set(err, POLGRAPH_TOOBIG, "%s", limit);
	}
	if (!message)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "(error object is a %s value)",
		                          luaL_typename(L, -1));
	return polgraph_error_set(
		err, status == LUA_ERRMEM ? POLGRAPH_NOMEM : POLGRAPH_INVALID,
		"%s", message);
}
