/*
 * query.h - scripted graph queries: Lua 5.4 scripts with a `polgraph`
 * module (also the global `pg`) over the store and the graph engine.
 *
 * Consumes a store opened read-only and a script; produces whatever the
 * script prints on stdout (print, io.write, pg.print_table), and the
 * files g:render and g:export write. The graph functions are the
 * library's own (graph.h, analyze.h, resolve.h, drawing.h), so a script
 * sees, draws and exports the graph the CLI commands do. Scripts run in a
 * sandbox unless options->unsafe: no process or environment access, no
 * file access but g:render and g:export writing the file named (a
 * relative path below the current directory, with its format's
 * extension), no bytecode, no C modules, and limits on instructions,
 * memory and (with polgraph_query_interrupt) CPU time. Lua is used only
 * by src/query*.c.
 * The API and the sandbox are documented in docs/queries.md.
 */
#ifndef POLGRAPH_QUERY_H
#define POLGRAPH_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polgraph/status.h"
#include "polgraph/store.h"

struct polgraph_query;

struct polgraph_query_options {
	const char *data_dir;      /* lexicon for actor names; NULL: default */
	bool unsafe;               /* every standard library, no sandbox */
	uint64_t max_instructions; /* Lua VM instructions; 0 = no limit */
	size_t max_memory;         /* bytes of Lua heap plus graphs; 0 = no
	                              limit */
};

/*
 * A Lua state over store (borrowed; must outlive the query), set up as
 * options say (copied; NULL = sandboxed, no limits). NULL on failure
 * with err. Free with polgraph_query_free.
 */
struct polgraph_query *
polgraph_query_new(struct polgraph_store *store,
                   const struct polgraph_query_options *options,
                   struct polgraph_error *err);

/* Closes the Lua state (freeing every graph it holds). Accepts NULL. */
void polgraph_query_free(struct polgraph_query *query);

/*
 * Runs the Lua source code[0..len) as a chunk named chunkname ("@path"
 * for a file, so messages read "path:LINE: ..."; "=name" otherwise),
 * with arg[0] = script and arg[1..] = args (also the chunk's `...`).
 * Text only: precompiled chunks are refused. Returns POLGRAPH_OK when the
 * script ends normally. Otherwise err holds the message:
 * POLGRAPH_INVALID for a syntax or runtime error ("path:LINE: message"),
 * POLGRAPH_TOOBIG when options->max_instructions or max_memory ended the
 * script ("instruction limit of N exceeded", "memory limit of N MB
 * exceeded", with the line where it stopped when known), and
 * POLGRAPH_INTERRUPTED after polgraph_query_interrupt.
 */
enum polgraph_status
polgraph_query_run(struct polgraph_query *query, const char *code, size_t len,
                   const char *chunkname, const char *script, char *const *args,
                   size_t arg_count, struct polgraph_error *err);

/*
 * Asks the running script to stop: it fails at its next Lua instruction
 * and polgraph_query_run returns POLGRAPH_INTERRUPTED. Async-signal-safe
 * (for a CPU-time signal handler). A script inside a long C function
 * (a pattern match, a graph algorithm) stops only when it returns, so a
 * caller enforcing a deadline needs a last resort of its own.
 */
void polgraph_query_interrupt(struct polgraph_query *query);

#endif
