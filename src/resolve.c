/*
 * resolve.c - actor names to actor keys (resolve.h): an exact key, then
 * the lexicon, then the store's own names and aliases.
 *
 * Consumes a name, the store and the lexicon (loaded on first use);
 * produces an actor key or an error listing the candidates.
 */
#include <stdlib.h>
#include <string.h>

#include "polgraph/actors.h"
#include "polgraph/mem.h"
#include "polgraph/pipeline.h"
#include "polgraph/resolve.h"
#include "polgraph/text.h"

/* Candidates listed in an "is ambiguous" message. */
#define SHOWN_CANDIDATES 8

struct polgraph_resolver {
	struct polgraph_store *store;   /* borrowed */
	char *data_dir;                 /* NULL: the default */
	struct polgraph_actors *actors; /* loaded on demand */
	struct polgraph_arena keys;     /* resolved keys */
};

/* Candidates found by a lookup. */
struct candidates {
	struct polgraph_buf list; /* "KEY (Name), ..." */
	char *first_key;
	size_t count;
};

static void add_candidate(struct candidates *candidates, const char *key,
                          const char *name)
{
	if (candidates->count == 0)
		candidates->first_key = polgraph_xstrdup(key);
	if (candidates->count < SHOWN_CANDIDATES)
		polgraph_buf_printf(&candidates->list, "%s%s (%s)",
		                    candidates->count ? ", " : "", key, name);
	candidates->count++;
}

static void candidates_release(struct candidates *candidates)
{
	polgraph_buf_release(&candidates->list);
	free(candidates->first_key);
	memset(candidates, 0, sizeof(*candidates));
}

/* Collects the store's matches. */
static enum polgraph_status on_actor(const struct polgraph_actor_row *row,
                                     void *ctx)
{
	add_candidate(ctx, row->key, row->name);
	return POLGRAPH_OK;
}

struct key_match {
	const char *key;
	bool found;
};

static enum polgraph_status on_key(const struct polgraph_actor_row *row,
                                   void *ctx)
{
	struct key_match *match = ctx;

	if (strcmp(row->key, match->key) == 0)
		match->found = true;
	return POLGRAPH_OK;
}

struct polgraph_resolver *polgraph_resolver_new(struct polgraph_store *store,
                                                const char *data_dir)
{
	struct polgraph_resolver *resolver;

	resolver = polgraph_xcalloc(1, sizeof(*resolver));
	resolver->store = store;
	resolver->data_dir = data_dir ? polgraph_xstrdup(data_dir) : NULL;
	return resolver;
}

void polgraph_resolver_free(struct polgraph_resolver *resolver)
{
	if (!resolver)
		return;
	polgraph_actors_free(resolver->actors);
	polgraph_arena_release(&resolver->keys);
	free(resolver->data_dir);
	free(resolver);
}

/* The lexicon's matches into candidates. */
static enum polgraph_status
lexicon_candidates(struct polgraph_resolver *resolver, const char *name,
                   struct candidates *candidates, struct polgraph_error *err)
{
	const struct polgraph_lexicon_entry *matches[SHOWN_CANDIDATES];
	size_t count;

	if (!resolver->actors) {
		resolver->actors = polgraph_actors_new(
			resolver->data_dir ? resolver->data_dir
					   : polgraph_default_data_dir(),
			NULL, err);
		if (!resolver->actors)
			return err && err->status != POLGRAPH_OK
			               ? err->status
			               : POLGRAPH_ERROR;
	}
	count = polgraph_actors_lookup(resolver->actors, name, matches,
	                               SHOWN_CANDIDATES);
	for (size_t i = 0; i < count && i < SHOWN_CANDIDATES; i++)
		add_candidate(candidates, matches[i]->key, matches[i]->name);
	candidates->count = count;
	return POLGRAPH_OK;
}

enum polgraph_status polgraph_resolver_actor(struct polgraph_resolver *resolver,
                                             const char *name, const char **key,
                                             struct polgraph_error *err)
{
	struct candidates candidates = { 0 };
	struct key_match exact = { .key = name };
	enum polgraph_status status;

	*key = NULL;
	if (!polgraph_text_utf8_valid(name, strlen(name), NULL))
		return polgraph_error_set(err, POLGRAPH_UTF8,
		                          "the actor name is not valid UTF-8");
	status = polgraph_store_find_actors(resolver->store, name, on_key,
	                                    &exact, err);
	if (status != POLGRAPH_OK)
		return status;
	if (exact.found) {
		*key = polgraph_arena_strdup(&resolver->keys, name);
		return POLGRAPH_OK;
	}
	status = lexicon_candidates(resolver, name, &candidates, err);
	if (status == POLGRAPH_OK && candidates.count == 0)
		status = polgraph_store_find_actors(resolver->store, name,
		                                    on_actor, &candidates, err);
	if (status != POLGRAPH_OK)
		goto out;
	if (candidates.count == 0) {
		status = polgraph_error_set(err, POLGRAPH_NOTFOUND,
		                            "no actor matches '%s'", name);
	} else if (candidates.count > 1) {
		status = polgraph_error_set(
			err, POLGRAPH_INVALID, "'%s' is ambiguous: %s%s", name,
			candidates.list.data,
			candidates.count > SHOWN_CANDIDATES ? ", ..." : "");
	} else {
		*key = polgraph_arena_strdup(&resolver->keys,
		                             candidates.first_key);
	}
out:
	candidates_release(&candidates);
	return status;
}
