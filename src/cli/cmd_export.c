/*
 * cmd_export.c - `polgraph export --format F -o PATH`: the filtered actor
 * graph as GraphML, GEXF, node-link JSON, neo4j-admin CSV or DOT.
 *
 * Consumes the store and the graph options (graphopt.c); produces one
 * file, or two for CSV (PATH-nodes.csv and PATH-edges.csv). The writers
 * are the export and render modules'. See docs/render.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_FORMAT = 0x200, OPT_CENTRALITY };

enum format {
	FORMAT_GRAPHML,
	FORMAT_GEXF,
	FORMAT_JSON,
	FORMAT_CSV,
	FORMAT_DOT
};

static const char *const format_names[] = { "graphml", "gexf", "json", "csv",
	                                    "dot" };

static bool parse_format(const char *name, enum format *format)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(*format_names);
	     i++)
		if (strcmp(format_names[i], name) == 0) {
			*format = (enum format)i;
			return true;
		}
	return false;
}

/* The format named by the file's extension; false if none matches. */
static bool format_from_name(const char *path, enum format *format)
{
	const char *dot = strrchr(path, '.');

	return dot && !strchr(dot, '/') && parse_format(dot + 1, format);
}

/* PATH-nodes.csv or PATH-edges.csv, a trailing ".csv" of PATH dropped. */
static char *csv_path(const char *path, const char *part)
{
	size_t len = strlen(path);
	struct polgraph_buf name = { 0 };

	if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
		len -= 4;
	polgraph_buf_append(&name, path, len);
	polgraph_buf_printf(&name, "-%s.csv", part);
	return polgraph_buf_detach(&name, NULL);
}

static int write_csv(const struct cli_drawing *drawing,
                     const struct polgraph_export_options *options,
                     const char *path)
{
	static const char *const parts[] = { "nodes", "edges" };
	static const enum polgraph_export_format formats[] = {
		POLGRAPH_EXPORT_CSV_NODES, POLGRAPH_EXPORT_CSV_EDGES
	};
	int result = CLI_OK;

	for (size_t i = 0; i < 2 && result == CLI_OK; i++) {
		struct polgraph_buf out = { 0 };
		struct polgraph_error err = { 0 };
		char *name = csv_path(path, parts[i]);

		if (polgraph_export(drawing->graph, formats[i], options, &out,
		                    &err) != POLGRAPH_OK) {
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
	struct cli_drawing_options drawing_options = {
		.top = -1,
		.size_by = POLGRAPH_METRIC_PAGERANK,
		.rank_by = POLGRAPH_METRIC_PAGERANK,
	};
	struct polgraph_store *store = NULL;
	struct cli_resolver resolver = { .cli = cli };
	struct cli_drawing drawing = { 0 };
	struct polgraph_error err = { 0 };
	struct polgraph_buf out = { 0 };
	struct polgraph_export_options export_options = { 0 };
	const char *output = NULL;
	enum format format = FORMAT_GRAPHML;
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
			if (!parse_format(optarg, &format)) {
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
	if (!has_format && !format_from_name(output, &format)) {
		result = cli_usage_error("export",
		                         "give --format (no known extension "
		                         "in '%s')",
		                         output);
		goto out;
	}
	if (format == FORMAT_CSV && strcmp(output, "-") == 0) {
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
	if (cli_graph_build(&graph_options, &resolver, store, &drawing.full) !=
	            CLI_OK ||
	    cli_drawing_build(&drawing, cli, store, &graph_options.filter,
	                      &drawing_options) != CLI_OK)
		goto out;
	export_options.analysis = centrality ? &drawing.analysis : NULL;
	export_options.aliases = (const char *const *)drawing.aliases;

	if (format == FORMAT_CSV) {
		result = write_csv(&drawing, &export_options, output);
		goto out;
	}
	if (format == FORMAT_DOT) {
		struct polgraph_render_options draw = {
			.format = POLGRAPH_RENDER_DOT,
			.labels = drawing.labels,
			.vertex_notes =
				(const char *const *)drawing.vertex_notes,
			.sizes = centrality ? drawing.sizes : NULL,
			.size_name = "pagerank",
		};

		if (polgraph_render(drawing.graph, &draw, &out, &err) !=
		    POLGRAPH_OK) {
			cli_error("%s", err.message);
			goto out;
		}
	} else {
		static const enum polgraph_export_format formats[] = {
			POLGRAPH_EXPORT_GRAPHML, POLGRAPH_EXPORT_GEXF,
			POLGRAPH_EXPORT_JSON
		};

		if (polgraph_export(drawing.graph, formats[format],
		                    &export_options, &out,
		                    &err) != POLGRAPH_OK) {
			cli_error("%s", err.message);
			goto out;
		}
	}
	if (cli_write_file(output, out.data, out.len))
		result = CLI_OK;
out:
	polgraph_buf_release(&out);
	cli_drawing_release(&drawing);
	cli_resolver_release(&resolver);
	polgraph_store_close(store);
	cli_graph_options_release(&graph_options);
	return result;
}
