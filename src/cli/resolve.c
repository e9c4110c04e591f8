/*
 * resolve.c - actor names on the command line: a name, alias or key, in
 * any script, case or inflection, to the one actor key it means.
 *
 * Consumes a name and the store; produces an actor key or prints the
 * error (no match, or the candidates of an ambiguous name). The work is
 * the library's (resolve.h), shared with the Lua queries.
 */
#include <stdio.h>

#include "cli.h"

int cli_resolve_actor(struct cli_resolver *resolver, const char *name,
                      const char **key)
{
	struct polgraph_error err = { 0 };

	if (!resolver->resolver)
		resolver->resolver = polgraph_resolver_new(
			resolver->store, resolver->cli->data_dir);
	if (polgraph_resolver_actor(resolver->resolver, name, key, &err) !=
	    POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	return CLI_OK;
}

void cli_resolver_release(struct cli_resolver *resolver)
{
	polgraph_resolver_free(resolver->resolver);
	resolver->resolver = NULL;
}
