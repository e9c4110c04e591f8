/*
 * cmd_render.c - `polgraph render -o FILE`: the filtered actor graph as a
 * diagram (DOT, SVG, PNG or PDF) through the render module.
 *
 * Consumes the store, the graph options (graphopt.c) and the drawing
 * options; produces one file through the drawing module (drawing.h), as
 * g:render does in queries. See docs/render.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
	OPT_SIZE_BY = 0x200,
	OPT_LABELS,
	OPT_CLUSTER,
	OPT_LAYOUT,
	OPT_NO_LEGEND,
	OPT_EVIDENCE,
	OPT_FORMAT,
	OPT_TITLE,
};

struct render {
	struct cli_graph_options graph;
	struct polgraph_drawing_options drawing;
	struct polgraph_drawing_style style;
	const char *output;
	bool has_format;
};

int cli_parse_labels(const char *command, const char *value,
                     enum polgraph_labels *labels)
{
	if (!polgraph_labels_parse(value, labels))
		return cli_usage_error(command,
		                       "unknown labels '%s' (want en, ru or "
		                       "orig)",
		                       value);
	return -1;
}

int cli_drawing_build(struct polgraph_drawing *drawing, struct cli *cli,
                      const struct polgraph_graph *graph,
                      struct polgraph_store *store,
                      const struct polgraph_graph_filter *filter,
                      struct polgraph_drawing_options *options)
{
	struct polgraph_error err = { 0 };
	enum polgraph_status status;

	options->data_dir = cli->data_dir;
	status = polgraph_drawing_build(drawing, graph, store, filter, options,
	                                &err);
	if (drawing->cut_from && !cli->quiet)
		cli_warning("drawing the top %d of %zu actors by %s "
		            "(set --top to change)",
		            POLGRAPH_DRAWING_LARGE, drawing->cut_from,
		            polgraph_metric_name(options->rank_by));
	if (status != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* One option; -1 when handled, 0 if unknown, else an exit status. */
static int render_option(struct render *render, int option, const char *value)
{
	int handled = cli_graph_option("render", &render->graph, option, value);

	if (handled != 0)
		return handled;
	switch (option) {
	case 'o':
		render->output = value;
		return -1;
	case OPT_FORMAT:
		if (!polgraph_render_format_parse(value, &render->style.format))
			return cli_usage_error("render",
			                       "unknown format '%s' (want dot, "
			                       "svg, png or pdf)",
			                       value);
		render->has_format = true;
		return -1;
	case 'n':
		if (!cli_parse_long(value, 1, &render->drawing.top))
			return cli_usage_error("render", "bad --top '%s'",
			                       value);
		return -1;
	case OPT_SIZE_BY:
		render->style.size = strcmp(value, "none") != 0;
		if (render->style.size &&
		    !polgraph_metric_parse(value, &render->drawing.size_by))
			return cli_usage_error("render", "unknown metric '%s'",
			                       value);
		if (render->style.size)
			render->drawing.rank_by = render->drawing.size_by;
		return -1;
	case OPT_LABELS:
		return cli_parse_labels("render", value,
		                        &render->drawing.labels);
	case OPT_CLUSTER:
		if (strcmp(value, "community") == 0)
			render->style.cluster = true;
		else if (strcmp(value, "none") == 0)
			render->style.cluster = false;
		else
			return cli_usage_error("render",
			                       "unknown --cluster '%s' (want "
			                       "community or none)",
			                       value);
		return -1;
	case OPT_LAYOUT:
		if (!polgraph_render_layout_known(value))
			return cli_usage_error("render",
			                       "unknown layout '%s' (want dot, "
			                       "neato, fdp, sfdp, circo or "
			                       "twopi)",
			                       value);
		render->style.layout = value;
		return -1;
	case OPT_NO_LEGEND:
		render->style.legend = false;
		return -1;
	case OPT_EVIDENCE:
		if (!cli_parse_long(value, 0, &render->drawing.evidence))
			return cli_usage_error("render", "bad --evidence '%s'",
			                       value);
		return -1;
	case OPT_TITLE:
		render->style.title = value;
		return -1;
	default:
		return 0;
	}
}

int cmd_render(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_GRAPH_LONG_OPTIONS,
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "top", required_argument, NULL, 'n' },
		{ "size-by", required_argument, NULL, OPT_SIZE_BY },
		{ "labels", required_argument, NULL, OPT_LABELS },
		{ "cluster", required_argument, NULL, OPT_CLUSTER },
		{ "layout", required_argument, NULL, OPT_LAYOUT },
		{ "no-legend", no_argument, NULL, OPT_NO_LEGEND },
		{ "evidence", required_argument, NULL, OPT_EVIDENCE },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct render render = {
		.drawing = { .size_by = POLGRAPH_METRIC_PAGERANK,
		             .rank_by = POLGRAPH_METRIC_PAGERANK,
		             /* only what the drawing needs: see drawing.h */
		             .analyze.metrics = 1u << POLGRAPH_METRIC_PAGERANK,
		             .evidence = 3 },
		.style = { .format = POLGRAPH_RENDER_SVG,
		           .size = true,
		           .legend = true },
	};
	struct polgraph_store *store = NULL;
	struct cli_resolver resolver = { .cli = cli };
	struct polgraph_graph *graph = NULL;
	struct polgraph_drawing drawing = { 0 };
	struct polgraph_error err = { 0 };
	struct polgraph_buf out = { 0 };
	int option, result = CLI_FAIL;

	polgraph_graph_init();
	cli_graph_options_init(&render.graph);
	while ((option = getopt_long(argc, argv,
	                             ":h" CLI_GRAPH_OPTSTRING "o:n:", options,
	                             NULL)) != -1) {
		int handled;

		if (option == 'h') {
			result = cli_help("render");
			goto out;
		}
		handled = render_option(&render, option, optarg);
		if (handled == 0) {
			result = cli_bad_option("render", option, argv);
			goto out;
		}
		if (handled != -1) {
			result = handled;
			goto out;
		}
	}
	if (optind < argc) {
		result = cli_usage_error("render", "unexpected argument '%s'",
		                         argv[optind]);
		goto out;
	}
	if (!render.output) {
		result = cli_usage_error("render", "give -o FILE");
		goto out;
	}
	if (!render.has_format && !polgraph_render_format_of_path(
					  render.output, &render.style.format))
		render.style.format = POLGRAPH_RENDER_SVG;
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	resolver.store = store;
	/* the tooltips' evidence is kept while the graph is built */
	render.graph.filter.keep_evidence = render.drawing.evidence;
	if (cli_graph_build(&render.graph, &resolver, store, &graph) !=
	            CLI_OK ||
	    cli_drawing_build(&drawing, cli, graph, store, &render.graph.filter,
	                      &render.drawing) != CLI_OK)
		goto out;
	if (polgraph_drawing_render(&drawing, &render.style, &out, &err) !=
	    POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	if (cli_write_file(render.output, out.data, out.len))
		result = CLI_OK;
out:
	polgraph_buf_release(&out);
	polgraph_drawing_release(&drawing);
	polgraph_graph_free(graph);
	cli_resolver_release(&resolver);
	polgraph_store_close(store);
	cli_graph_options_release(&render.graph);
	return result;
}
