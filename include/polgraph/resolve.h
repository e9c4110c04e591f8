/*
 * resolve.h - actor names to actor keys: a name, alias or key, in any
 * script, case or inflection, to the one stored actor it means.
 *
 * Consumes a name, the store (store.h) and the lexicon (actors.h, loaded
 * on first use); produces an actor key, or an error that lists the
 * candidates. The CLI's ACTOR arguments and the Lua pg.actor() both go
 * through here, so a name means the same actor everywhere.
 */
#ifndef POLGRAPH_RESOLVE_H
#define POLGRAPH_RESOLVE_H

#include "polgraph/status.h"
#include "polgraph/store.h"

struct polgraph_resolver;

/*
 * A resolver over store (borrowed; it must outlive the resolver). The
 * lexicon is read from data_dir (NULL: polgraph_default_data_dir()) the
 * first time a name is not an exact key. Free with polgraph_resolver_free.
 */
struct polgraph_resolver *polgraph_resolver_new(struct polgraph_store *store,
                                                const char *data_dir);
/* Accepts NULL. */
void polgraph_resolver_free(struct polgraph_resolver *resolver);

/*
 * Resolves name to an actor key in *key, owned by the resolver and valid
 * until it is freed. Tries, in order: an exact key in the store; the
 * lexicon (polgraph_actors_lookup: any alias, case or inflection); the
 * store's names and aliases (polgraph_store_find_actors: actors the
 * lexicon does not know). Fails with POLGRAPH_NOTFOUND "no actor matches
 * 'X'", POLGRAPH_INVALID "'X' is ambiguous: KEY (Name), ..." (up to 8
 * candidates), POLGRAPH_UTF8 for a name that is not UTF-8, or the status
 * of a lexicon or store failure; err says which. Cost: index lookups in
 * the store and a scan of the lexicon's aliases.
 */
enum polgraph_status polgraph_resolver_actor(struct polgraph_resolver *resolver,
                                             const char *name, const char **key,
                                             struct polgraph_error *err);

#endif
