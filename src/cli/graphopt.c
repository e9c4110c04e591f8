/*
 * graphopt.c - the graph filter options every graph-reading command
 * shares (report, neighbors, path, evidence), and building the graph
 * they describe, including the --ego cut.
 *
 * Consumes command-line options; produces a struct polgraph_graph_filter
 * and a graph built from the store with it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

bool cli_parse_long(const char *value, long min, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(value, &end, 10);
	return errno == 0 && end != value && !*end && *out >= min;
}

/* Splits a copy of value at commas into a NULL-terminated array. */
static const char **split_list(char **copy, const char *value)
{
	const char **items;
	size_t count = 1, n = 0;
	char *save = NULL;

	free(*copy);
	*copy = polgraph_xstrdup(value);
	for (const char *p = value; *p; p++)
		count += *p == ',';
	items = polgraph_xcalloc(count + 1, sizeof(*items));
	for (char *item = strtok_r(*copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save))
		items[n++] = item;
	return items;
}

bool cli_parse_date(const char *value)
{
	static const char shape[] = "dddd-dd-dd";

	if (strlen(value) != 10)
		return false;
	for (size_t i = 0; i < 10; i++)
		if (shape[i] == 'd' ? (value[i] < '0' || value[i] > '9')
		                    : value[i] != shape[i])
			return false;
	return true;
}

static int parse_window(const char *command, const char *value,
                        struct polgraph_graph_filter *filter)
{
	long sentences;

	if (strcmp(value, "sentence") == 0) {
		filter->window = POLGRAPH_WINDOW_SENTENCES;
		filter->window_sentences = 1;
	} else if (strcmp(value, "paragraph") == 0) {
		filter->window = POLGRAPH_WINDOW_PARAGRAPH;
	} else if (strcmp(value, "document") == 0) {
		filter->window = POLGRAPH_WINDOW_DOCUMENT;
	} else if (cli_parse_long(value, 1, &sentences)) {
		filter->window = POLGRAPH_WINDOW_SENTENCES;
		filter->window_sentences = sentences;
	} else {
		return cli_usage_error(command,
		                       "unknown window '%s' (want sentence, "
		                       "N, paragraph or document)",
		                       value);
	}
	return -1;
}

void cli_csv_field(const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

void cli_graph_options_init(struct cli_graph_options *options)
{
	memset(options, 0, sizeof(*options));
	options->filter.window_sentences = 1;
	options->depth = 1;
}

int cli_graph_option(const char *command, struct cli_graph_options *options,
                     int option, const char *value)
{
	switch (option) {
	case CLI_OPT_SINCE:
	case CLI_OPT_UNTIL:
		if (!cli_parse_date(value))
			return cli_usage_error(
				command, "bad date '%s' (want YYYY-MM-DD)",
				value);
		if (option == CLI_OPT_SINCE)
			options->filter.since = value;
		else
			options->filter.until = value;
		return -1;
	case 't':
		free(options->types);
		options->types = split_list(&options->lists[0], value);
		options->filter.types = options->types;
		options->has_types = true;
		return -1;
	case CLI_OPT_ACTOR_TYPE:
		free(options->actor_types);
		options->actor_types = split_list(&options->lists[1], value);
		options->filter.actor_types = options->actor_types;
		return -1;
	case 'l':
		options->filter.lang = value;
		return -1;
	case 's':
		options->filter.source = value;
		return -1;
	case 'w':
		return parse_window(command, value, &options->filter);
	case CLI_OPT_MIN_WEIGHT:
		if (!cli_parse_long(value, 0, &options->filter.min_weight))
			return cli_usage_error(command, "bad --min-weight '%s'",
			                       value);
		return -1;
	case CLI_OPT_EGO:
		if (!*value)
			return cli_usage_error(command, "--ego needs an actor");
		options->ego = value;
		return -1;
	case CLI_OPT_DEPTH:
		if (!cli_parse_long(value, 0, &options->depth))
			return cli_usage_error(command, "bad --depth '%s'",
			                       value);
		return -1;
	default:
		return 0;
	}
}

int cli_graph_build(struct cli_graph_options *options,
                    struct cli_resolver *resolver, struct polgraph_store *store,
                    struct polgraph_graph **graph)
{
	struct polgraph_graph *full = NULL;
	struct polgraph_error err = { 0 };
	const char *center_key;
	long center;

	*graph = NULL;
	if (polgraph_graph_build(store, &options->filter, &full, &err) !=
	    POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	if (!options->ego) {
		*graph = full;
		return CLI_OK;
	}
	if (cli_resolve_actor(resolver, options->ego, &center_key) != CLI_OK)
		goto fail;
	center = polgraph_graph_find(full, center_key);
	if (center < 0) {
		cli_error("'%s' is not in the graph (no mention under these "
		          "filters)",
		          center_key);
		goto fail;
	}
	if (polgraph_graph_ego(full, (size_t)center, options->depth, graph,
	                       &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto fail;
	}
	polgraph_graph_free(full);
	return CLI_OK;
fail:
	polgraph_graph_free(full);
	return CLI_FAIL;
}

void cli_graph_options_release(struct cli_graph_options *options)
{
	free(options->types);
	free(options->actor_types);
	free(options->lists[0]);
	free(options->lists[1]);
	options->types = options->actor_types = NULL;
	options->lists[0] = options->lists[1] = NULL;
}

/*
 * The argument loop of a graph query command with --format text|json|csv
 * and the shared graph options: -h prints help. Returns -1 when the
 * options are parsed (optind at the first operand), or the exit status to
 * return.
 */
int cli_graph_query_args(const char *command, int argc, char **argv,
                         struct cli_graph_options *graph_options,
                         enum cli_table_format *format)
{
	static const struct option options[] = {
		CLI_GRAPH_LONG_OPTIONS,
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int option;

	while ((option = getopt_long(argc, argv, ":h" CLI_GRAPH_OPTSTRING,
	                             options, NULL)) != -1) {
		int handled;

		if (option == 'h')
			return cli_help(command);
		if (option == 'F') {
			if (strcmp(optarg, "text") == 0)
				*format = CLI_TABLE_TEXT;
			else if (strcmp(optarg, "json") == 0)
				*format = CLI_TABLE_JSON;
			else if (strcmp(optarg, "csv") == 0)
				*format = CLI_TABLE_CSV;
			else
				return cli_usage_error(
					command,
					"unknown format '%s' (want text, "
					"json or csv)",
					optarg);
			continue;
		}
		handled = cli_graph_option(command, graph_options, option,
		                           optarg);
		if (handled == 0)
			return cli_bad_option(command, option, argv);
		if (handled != -1)
			return handled;
	}
	return -1;
}
