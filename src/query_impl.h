/*
 * query_impl.h - what the files of the query module share: the state
 * behind a struct polgraph_query, the sandbox and limits
 * (query_sandbox.c), the graph objects (query_graph.c) and the helpers of
 * the pg module (query.c). Private to src/query*.c, the only users of Lua.
 */
#ifndef POLGRAPH_QUERY_IMPL_H
#define POLGRAPH_QUERY_IMPL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polgraph/analyze.h"
#include "polgraph/graph.h"
#include "polgraph/query.h"
#include "polgraph/resolve.h"
#include "polgraph/store.h"

/* lua.h's type, declared here so that only the .c files include Lua
 * (C11 allows the repeated typedef). */
typedef struct lua_State lua_State;

/* Instructions between two calls of the count hook. */
#define QUERY_HOOK_STEP 1000

struct polgraph_query {
	lua_State *L;
	struct polgraph_store *store;       /* borrowed */
	struct polgraph_resolver *resolver; /* actor names */
	struct polgraph_query_options options;
	size_t memory_used;                /* Lua heap plus charged graphs */
	bool memory_refused;               /* an allocation hit max_memory */
	uint64_t instructions;             /* counted in hook_step steps */
	int hook_step;                     /* instructions between hook calls */
	bool instructions_spent;           /* max_instructions reached */
	volatile sig_atomic_t interrupted; /* polgraph_query_interrupt */
};

/* ---- query_sandbox.c ---- */

/* The lua_Alloc of every query state; ud is the struct polgraph_query. */
void *query_alloc(void *ud, void *ptr, size_t old_size, size_t new_size);
/* Opens the standard libraries the options allow, with stubs for the
 * rest, and installs the count hook. */
void query_sandbox_open(struct polgraph_query *query);
/*
 * Counts bytes of C memory a Lua object holds (a graph) against
 * max_memory; raises "memory limit ..." (after one full collection) if
 * it does not fit. query_uncharge gives them back.
 */
void query_charge(lua_State *L, size_t bytes);
void query_uncharge(lua_State *L, size_t bytes);
/*
 * Raises "METHOD: cannot write 'PATH': ..." unless the query may write
 * a file of format (a format name, also its extension) at path: with
 * options->unsafe anything goes; in the sandbox path must be relative,
 * without a ".." component, in a directory that (symbolic links
 * resolved) is the current directory or below it, and end in
 * ".FORMAT" (".gv" also for dot). "-" (stdout) is always allowed.
 */
void query_check_write(lua_State *L, const char *method, const char *path,
                       const char *format);
/* The "memory limit of N MB exceeded" message. */
void query_memory_message(const struct polgraph_query *query, char *out,
                          size_t size);

/* ---- query.c ---- */

/*
 * A collector: C memory owned by a userdata whose __gc frees it, so a
 * Lua error cannot leak it. Store and graph callbacks copy rows into one
 * (they must not call Lua: a longjmp out of SQLite skips its cleanup).
 */
struct collector {
	struct polgraph_arena arena; /* rows and their strings */
	void **rows;
	size_t count, capacity;
};

/* Pushes an empty collector. */
struct collector *collector_push(lua_State *L);
/* Appends row (allocated in the collector's arena). No Lua calls. */
void collector_add(struct collector *collector, void *row);

struct polgraph_query *query_of(lua_State *L);

/* In the table on top of the stack: t[field] = s, or nothing if s is
 * NULL or empty (a nil field); t[field] = value. */
void query_set_string(lua_State *L, const char *field, const char *s);
void query_set_integer(lua_State *L, const char *field, int64_t value);
/* Resolves the actor at arg (a name, alias or key, or a table with a
 * key field) to its key; raises with the resolver's message. */
const char *query_actor_key(lua_State *L, int arg);
/*
 * Reads the graph filter of the options table at arg into *filter:
 * since, until, types, actor_types, lang, source, window, min_weight;
 * `type` is one relation type, or with type_is_actor_type one actor type.
 * Strings stay alive in the table; the lists' arrays are held by two
 * values pushed on the stack (userdata or nil), to keep until the filter
 * is no longer used. Raises on a malformed option.
 */
void query_graph_filter(lua_State *L, int arg, bool type_is_actor_type,
                        struct polgraph_graph_filter *filter);
/* Pushes a list of strings from the table at arg's field (or the field
 * itself if a string) as a NULL-terminated array kept alive by a userdata
 * pushed on the stack; returns it, or NULL (nothing pushed) if absent. */
const char **query_string_list(lua_State *L, int arg, const char *field);

/* ---- query_graph.c ---- */

/* Registers the graph metatable. */
void query_graph_open(lua_State *L);
/* pg.graph{...}: builds the store's graph. */
int query_graph_new(lua_State *L);
/*
 * Builds the graph of filter, pushes it as a graph object and returns it
 * with its analysis (computed now). Raises on failure.
 */
const struct polgraph_graph *
query_graph_build(lua_State *L, const struct polgraph_graph_filter *filter,
                  const struct polgraph_analysis **analysis);

#endif
