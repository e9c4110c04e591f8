/*
 * resolve.c - actor names on the command line: a name, alias or key, in
 * any script, case or inflection, to the one actor key it means.
 *
 * Consumes a name and the store (and the lexicon, loaded on first use);
 * produces an actor key or an error listing the candidates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Candidates listed in an "is ambiguous" message. */
#define SHOWN_CANDIDATES 8

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
	struct candidates *candidates = ctx;

	add_candidate(candidates, row->key, row->name);
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

/* Keeps a copy of key in the resolver; returns it. */
static const char *keep(struct cli_resolver *resolver, const char *key)
{
	resolver->keys = polgraph_xrealloc(resolver->keys,
	                                   (resolver->key_count + 1) *
	                                           sizeof(*resolver->keys));
	resolver->keys[resolver->key_count] = polgraph_xstrdup(key);
	return resolver->keys[resolver->key_count++];
}

/* The lexicon's matches into candidates; false (message printed) if the
 * lexicon cannot be loaded. */
static bool lexicon_candidates(struct cli_resolver *resolver, const char *name,
                               struct candidates *candidates)
{
	const struct polgraph_lexicon_entry *matches[SHOWN_CANDIDATES];
	struct polgraph_error err = { 0 };
	size_t count;

	if (!resolver->actors) {
		resolver->actors = polgraph_actors_new(
			resolver->cli->data_dir ? resolver->cli->data_dir
						: polgraph_default_data_dir(),
			NULL, &err);
		if (!resolver->actors) {
			cli_error("%s", err.message);
			return false;
		}
	}
	count = polgraph_actors_lookup(resolver->actors, name, matches,
	                               SHOWN_CANDIDATES);
	for (size_t i = 0; i < count && i < SHOWN_CANDIDATES; i++)
		add_candidate(candidates, matches[i]->key, matches[i]->name);
	candidates->count = count;
	return true;
}

int cli_resolve_actor(struct cli_resolver *resolver, const char *name,
                      const char **key)
{
	struct candidates candidates = { 0 };
	struct key_match exact = { .key = name };
	struct polgraph_error err = { 0 };
	int result = CLI_FAIL;

	*key = NULL;
	if (!polgraph_text_utf8_valid(name, strlen(name), NULL)) {
		cli_error("the actor name is not valid UTF-8");
		return CLI_FAIL;
	}
	if (polgraph_store_find_actors(resolver->store, name, on_key, &exact,
	                               &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	if (exact.found) {
		*key = keep(resolver, name);
		return CLI_OK;
	}
	if (!lexicon_candidates(resolver, name, &candidates))
		goto out;
	if (candidates.count == 0 &&
	    polgraph_store_find_actors(resolver->store, name, on_actor,
	                               &candidates, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	if (candidates.count == 0) {
		cli_error("no actor matches '%s'", name);
	} else if (candidates.count > 1) {
		cli_error("'%s' is ambiguous: %s%s", name, candidates.list.data,
		          candidates.count > SHOWN_CANDIDATES ? ", ..." : "");
	} else {
		*key = keep(resolver, candidates.first_key);
		result = CLI_OK;
	}
out:
	candidates_release(&candidates);
	return result;
}

void cli_resolver_release(struct cli_resolver *resolver)
{
	for (size_t i = 0; i < resolver->key_count; i++)
		free(resolver->keys[i]);
	free(resolver->keys);
	polgraph_actors_free(resolver->actors);
	resolver->keys = NULL;
	resolver->key_count = 0;
	resolver->actors = NULL;
}
