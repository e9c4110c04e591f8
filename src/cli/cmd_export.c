/*
 * cmd_export.c - `polgraph export --format F -o PATH`: the filtered actor
 * graph as GraphML, GEXF, node-link JSON, neo4j-admin CSV or DOT.
 *
 * Consumes the store and the graph options (graphopt.c); produces one
 * file, or two for CSV (PATH-nodes.csv and PATH-edges.csv). The files
 * are the drawing module's (drawing.h), as for g:export in queries. See
 * docs/render.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_FORMAT = 0x200, OPT_CENTRALITY };

/* Writes each file of the export of drawing in format to path. */
static int write_export(const struct polgraph_drawing *drawing,
                        enum polgraph_drawing_format format, bool centrality,
                        const char *path)
{
	size_t parts = polgraph_drawing_export_parts(format);
	int result = CLI_OK;

	for (size_t part = 0; part < parts && result == CLI_OK; part++) {
		struct polgraph_buf out = { 0 };
		struct polgraph_error err = { 0 };
		char *name = polgraph_drawing_export_path(path, format, part);

		if (polgraph_drawing_export(drawing, format, part, centrality,
		                            &out, &err) != POLGRAPH_OK) {
			cli_error("%s", err.message);
			result = CLI_FAIL;
		} else if (!cli_write_file(name, out.data, out.len)) {
			result = CLI_FAIL;
		}
		free(name);
		polgraph_buf_release(&out);
	}
	return result;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_GRAPH_LONG_OPTIONS,
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "centrality", no_argument, NULL, OPT_CENTRALITY },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_graph_options graph_options;
	struct polgraph_drawing_options drawing_options = {
		.top = -1,
		.size_by = POLGRAPH_METRIC_PAGERANK,
		.rank_by = POLGRAPH_METRIC_PAGERANK,
	};
	struct polgraph_store *store = NULL;
	struct cli_resolver resolver = { .cli = cli };
	struct polgraph_graph *graph = NULL;
	struct polgraph_drawing drawing = { 0 };
	struct polgraph_error err = { 0 };
	const char *output = NULL;
	enum polgraph_drawing_format format = POLGRAPH_DRAWING_GRAPHML;
	bool has_format = false, centrality = false;
	int option, result = CLI_FAIL;

	polgraph_graph_init();
	cli_graph_options_init(&graph_options);
	while ((option = getopt_long(argc, argv, ":h" CLI_GRAPH_OPTSTRING "o:",
	                             options, NULL)) != -1) {
		int handled;

		switch (option) {
		case 'h':
			result = cli_help("export");
			goto out;
		case 'o':
			output = optarg;
			continue;
		case OPT_FORMAT:
			if (!polgraph_drawing_format_parse(optarg, &format)) {
				result = cli_usage_error(
					"export",
					"unknown format '%s' (want graphml, "
					"gexf, json, csv or dot)",
					optarg);
				goto out;
			}
			has_format = true;
			continue;
		case OPT_CENTRALITY:
			centrality = true;
			continue;
		}
		handled = cli_graph_option("export", &graph_options, option,
		                           optarg);
		if (handled == 0) {
			result = cli_bad_option("export", option, argv);
			goto out;
		}
		if (handled != -1) {
			result = handled;
			goto out;
		}
	}
	if (optind < argc) {
		result = cli_usage_error("export", "unexpected argument '%s'",
		                         argv[optind]);
		goto out;
	}
	if (!output) {
		result = cli_usage_error("export", "give -o PATH");
		goto out;
	}
	if (!has_format && !polgraph_drawing_format_of_path(output, &format)) {
		result = cli_usage_error("export",
		                         "give --format (no known extension "
		                         "in '%s')",
		                         output);
		goto out;
	}
	if (polgraph_drawing_export_parts(format) > 1 &&
	    strcmp(output, "-") == 0) {
		result = cli_usage_error("export",
		                         "CSV is two files: give -o PATH");
		goto out;
	}
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	resolver.store = store;
	if (cli_graph_build(&graph_options, &resolver, store, &graph) !=
	            CLI_OK ||
	    cli_drawing_build(&drawing, cli, graph, store,
	                      &graph_options.filter,
	                      &drawing_options) != CLI_OK)
		goto out;
	result = write_export(&drawing, format, centrality, output);
out:
	polgraph_drawing_release(&drawing);
	polgraph_graph_free(graph);
	cli_resolver_release(&resolver);
	polgraph_store_close(store);
	cli_graph_options_release(&graph_options);
	return result;
}
