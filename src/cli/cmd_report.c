/*
 * cmd_report.c - `polgraph report`: per-actor centralities and a graph
 * summary of the stored graph, as an aligned table, JSON or CSV, or with
 * --html a page with the drawing and the evidence too (report_html.c).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define REPORT_TEXT CLI_TABLE_TEXT
#define REPORT_JSON CLI_TABLE_JSON
#define REPORT_CSV  CLI_TABLE_CSV

struct report {
	struct cli_graph_options graph;
	struct polgraph_analyze_options options;
	enum cli_table_format format;
	bool has_format;           /* --format was given */
	const char *html;          /* --html FILE, or NULL */
	const char *compare[2];    /* --compare periods, or NULL */
	long top;                  /* 0 = every actor */
	enum polgraph_metric sort; /* descending, ties by key */
	enum polgraph_metric metrics[POLGRAPH_METRIC_COUNT];
	size_t metric_count;
	bool timings;       /* --timings: seconds per stage on stderr */
	bool metrics_given; /* --metrics: compute only those (and sort) */
};

/* ---- --timings ---- */

struct timings {
	const char *stage; /* running, or NULL */
	struct timespec started;
};

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Ends the running stage (printing its time) and starts the next. */
static void timing_stage(void *context, const char *name)
{
	struct timings *timings = context;

	if (timings->stage)
		fprintf(stderr, "polgraph report: %-14s %8.3f s\n",
		        timings->stage, seconds_since(&timings->started));
	timings->stage = name;
	clock_gettime(CLOCK_MONOTONIC, &timings->started);
}

static int parse_metrics(const char *value, struct report *report)
{
	char *copy = polgraph_xstrdup(value), *save = NULL;
	int result = -1;

	report->metric_count = 0;
	for (char *item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		enum polgraph_metric metric;

		if (!polgraph_metric_parse(item, &metric)) {
			result = cli_usage_error("report",
			                         "unknown metric '%s'", item);
			break;
		}
		if (report->metric_count < POLGRAPH_METRIC_COUNT)
			report->metrics[report->metric_count++] = metric;
	}
	if (result == -1 && report->metric_count == 0)
		result = cli_usage_error("report", "--metrics needs a metric");
	free(copy);
	return result;
}

/* Handles one option; -1 when fine, 0 if unknown, else an exit status. */
static int report_option(struct report *report, int option, const char *value)
{
	char *end;
	long sources;
	int handled = cli_graph_option("report", &report->graph, option, value);

	if (handled != 0)
		return handled;

	switch (option) {
	case 'n':
		if (!cli_parse_long(value, 0, &report->top))
			return cli_usage_error("report", "bad --top '%s'",
			                       value);
		return -1;
	case 'o':
		if (!polgraph_metric_parse(value, &report->sort))
			return cli_usage_error("report", "unknown metric '%s'",
			                       value);
		return -1;
	case 'M':
		report->metrics_given = true;
		return parse_metrics(value, report);
	case 'd':
		errno = 0;
		report->options.damping = strtod(value, &end);
		if (errno || end == value || *end ||
		    !(report->options.damping > 0 &&
		      report->options.damping < 1))
			return cli_usage_error("report",
			                       "bad --damping '%s' (want a "
			                       "number between 0 and 1)",
			                       value);
		return -1;
	case 'C':
		report->compare[0] = value;
		return -1;
	case 'T':
		report->timings = true;
		return -1;
	case 'L':
		if (strcmp(value, "leiden") == 0)
			report->options.community = POLGRAPH_COMMUNITY_LEIDEN;
		else if (strcmp(value, "louvain") == 0)
			report->options.community = POLGRAPH_COMMUNITY_LOUVAIN;
		else
			return cli_usage_error("report",
			                       "unknown community method '%s' "
			                       "(want leiden or louvain)",
			                       value);
		return -1;
	case 'K':
		if (!cli_parse_long(value, 1, &sources))
			return cli_usage_error("report", "bad --sources '%s'",
			                       value);
		report->options.sources = (size_t)sources;
		return -1;
	case 'F':
		if (strcmp(value, "text") == 0)
			report->format = REPORT_TEXT;
		else if (strcmp(value, "json") == 0)
			report->format = REPORT_JSON;
		else if (strcmp(value, "csv") == 0)
			report->format = REPORT_CSV;
		else
			return cli_usage_error("report",
			                       "unknown format '%s' (want "
			                       "text, json or csv)",
			                       value);
		report->has_format = true;
		return -1;
	case 'H':
		report->html = value;
		return -1;
	default:
		return 0;
	}
}

/* ---- ordering ---- */

static const struct polgraph_analysis *sort_analysis;
static const struct polgraph_graph *sort_graph;
static enum polgraph_metric sort_metric;

static int compare_rows(const void *left, const void *right)
{
	size_t a = *(const size_t *)left, b = *(const size_t *)right;
	double value_a =
		polgraph_metric_value(&sort_analysis->actors[a], sort_metric);
	double value_b =
		polgraph_metric_value(&sort_analysis->actors[b], sort_metric);
	struct polgraph_graph_vertex vertex_a, vertex_b;
	int direction = sort_metric == POLGRAPH_METRIC_COMMUNITY ? 1 : -1;

	if (value_a != value_b)
		return value_a < value_b ? -direction : direction;
	polgraph_graph_vertex(sort_graph, a, &vertex_a);
	polgraph_graph_vertex(sort_graph, b, &vertex_b);
	return strcmp(vertex_a.key, vertex_b.key);
}

/* ---- output ---- */

static bool metric_is_integer(enum polgraph_metric metric)
{
	return metric == POLGRAPH_METRIC_IN || metric == POLGRAPH_METRIC_OUT ||
	       metric == POLGRAPH_METRIC_DEGREE ||
	       metric == POLGRAPH_METRIC_KCORE ||
	       metric == POLGRAPH_METRIC_COMMUNITY;
}

void cli_format_metric(char *out, size_t size,
                       const struct polgraph_actor_metrics *actor,
                       enum polgraph_metric metric)
{
	double value = polgraph_metric_value(actor, metric);

	if (value == 0)
		value = 0; /* no "-0.0000" */
	if (metric_is_integer(metric))
		snprintf(out, size, "%lld", (long long)value);
	else if (metric == POLGRAPH_METRIC_STRENGTH ||
	         metric == POLGRAPH_METRIC_BETWEENNESS)
		snprintf(out, size, "%.2f", value);
	else
		snprintf(out, size, "%.4f", value);
}

static const char *method(const struct polgraph_analysis *analysis, char *out,
                          size_t size)
{
	if (analysis->exact)
		snprintf(out, size, "exact");
	else
		snprintf(out, size, "sampled from %zu sources",
		         analysis->sources);
	return out;
}

static void summary_text(const struct polgraph_analysis *analysis)
{
	char buffer[64];

	printf("nodes %zu, edges %zu", analysis->vertex_count,
	       analysis->edge_count);
	for (size_t i = 0; i < analysis->type_count; i++)
		printf("%s%s %zu", i ? ", " : " (", analysis->types[i].type,
		       analysis->types[i].edges);
	printf("%s\n", analysis->type_count ? ")" : "");
	printf("%s, density %.4f, components %zu, communities %zu, "
	       "modularity %.4f\n",
	       analysis->directed ? "directed" : "undirected",
	       analysis->density, analysis->components, analysis->communities,
	       analysis->modularity);
	method(analysis, buffer, sizeof(buffer));
	printf("betweenness: %s; closeness: %s\n\n", buffer, buffer);
}

static void print_text(const struct report *report,
                       const struct polgraph_graph *graph,
                       const struct polgraph_analysis *analysis,
                       const size_t *rows, size_t row_count)
{
	int key_width = 3, type_width = 4, widths[POLGRAPH_METRIC_COUNT];
	struct polgraph_graph_vertex vertex;
	char cell[64];

	summary_text(analysis);
	for (size_t m = 0; m < report->metric_count; m++)
		widths[m] =
			(int)strlen(polgraph_metric_name(report->metrics[m]));
	for (size_t r = 0; r < row_count; r++) {
		polgraph_graph_vertex(graph, rows[r], &vertex);
		if ((int)strlen(vertex.key) > key_width)
			key_width = (int)strlen(vertex.key);
		if ((int)strlen(vertex.type) > type_width)
			type_width = (int)strlen(vertex.type);
		for (size_t m = 0; m < report->metric_count; m++) {
			cli_format_metric(cell, sizeof(cell),
			                  &analysis->actors[rows[r]],
			                  report->metrics[m]);
			if ((int)strlen(cell) > widths[m])
				widths[m] = (int)strlen(cell);
		}
	}
	printf("%4s  %-*s  %-*s", "rank", key_width, "key", type_width, "type");
	for (size_t m = 0; m < report->metric_count; m++)
		printf("  %*s", widths[m],
		       polgraph_metric_name(report->metrics[m]));
	printf("  name\n");
	for (size_t r = 0; r < row_count; r++) {
		polgraph_graph_vertex(graph, rows[r], &vertex);
		printf("%4zu  %-*s  %-*s", r + 1, key_width, vertex.key,
		       type_width, vertex.type);
		for (size_t m = 0; m < report->metric_count; m++) {
			cli_format_metric(cell, sizeof(cell),
			                  &analysis->actors[rows[r]],
			                  report->metrics[m]);
			printf("  %*s", widths[m], cell);
		}
		printf("  %s\n", vertex.name);
	}
}

static void print_csv(const struct report *report,
                      const struct polgraph_graph *graph,
                      const struct polgraph_analysis *analysis,
                      const size_t *rows, size_t row_count)
{
	struct polgraph_graph_vertex vertex;
	char cell[64];

	fputs("rank,key,type,name", stdout);
	for (size_t m = 0; m < report->metric_count; m++)
		printf(",%s", polgraph_metric_name(report->metrics[m]));
	putchar('\n');
	for (size_t r = 0; r < row_count; r++) {
		polgraph_graph_vertex(graph, rows[r], &vertex);
		printf("%zu,", r + 1);
		cli_csv_field(vertex.key);
		putchar(',');
		cli_csv_field(vertex.type);
		putchar(',');
		cli_csv_field(vertex.name);
		for (size_t m = 0; m < report->metric_count; m++) {
			cli_format_metric(cell, sizeof(cell),
			                  &analysis->actors[rows[r]],
			                  report->metrics[m]);
			printf(",%s", cell);
		}
		putchar('\n');
	}
}

static void json_number(struct polgraph_buf *out, double value, bool integer)
{
	if (integer)
		polgraph_buf_printf(out, "%lld", (long long)value);
	else
		polgraph_buf_printf(out, "%.10g", value == 0 ? 0 : value);
}

static bool print_json(const struct report *report,
                       const struct polgraph_graph *graph,
                       const struct polgraph_analysis *analysis,
                       const size_t *rows, size_t row_count)
{
	struct polgraph_buf out = { 0 };
	struct polgraph_graph_vertex vertex;
	char buffer[64];
	bool ok;

	polgraph_buf_printf(&out, "{\"summary\":{\"nodes\":%zu,\"edges\":%zu",
	                    analysis->vertex_count, analysis->edge_count);
	polgraph_buf_puts(&out, ",\"edge_types\":{");
	for (size_t i = 0; i < analysis->type_count; i++) {
		if (i)
			polgraph_buf_puts(&out, ",");
		polgraph_json_write_string(&out, analysis->types[i].type);
		polgraph_buf_printf(&out, ":%zu", analysis->types[i].edges);
	}
	polgraph_buf_printf(&out, "},\"directed\":%s,\"density\":",
	                    analysis->directed ? "true" : "false");
	json_number(&out, analysis->density, false);
	polgraph_buf_printf(&out, ",\"components\":%zu,\"communities\":%zu",
	                    analysis->components, analysis->communities);
	polgraph_buf_puts(&out, ",\"modularity\":");
	json_number(&out, analysis->modularity, false);
	polgraph_buf_puts(&out, ",\"betweenness\":");
	polgraph_json_write_string(&out,
	                           method(analysis, buffer, sizeof(buffer)));
	polgraph_buf_puts(&out, ",\"closeness\":");
	polgraph_json_write_string(&out, buffer);
	polgraph_buf_puts(&out, ",\"sort\":");
	polgraph_json_write_string(&out, polgraph_metric_name(report->sort));
	polgraph_buf_puts(&out, "},\"actors\":[");
	for (size_t r = 0; r < row_count; r++) {
		polgraph_graph_vertex(graph, rows[r], &vertex);
		polgraph_buf_printf(
			&out, "%s{\"rank\":%zu,\"key\":", r ? "," : "", r + 1);
		polgraph_json_write_string(&out, vertex.key);
		polgraph_buf_puts(&out, ",\"name\":");
		polgraph_json_write_string(&out, vertex.name);
		polgraph_buf_puts(&out, ",\"type\":");
		polgraph_json_write_string(&out, vertex.type);
		polgraph_buf_printf(&out, ",\"mentions\":%lld",
		                    (long long)vertex.mentions);
		for (size_t m = 0; m < report->metric_count; m++) {
			enum polgraph_metric metric = report->metrics[m];

			polgraph_buf_printf(
				&out, ",\"%s\":", polgraph_metric_name(metric));
			json_number(&out,
			            polgraph_metric_value(
					    &analysis->actors[rows[r]], metric),
			            metric_is_integer(metric));
		}
		polgraph_buf_puts(&out, "}");
	}
	polgraph_buf_puts(&out, "]}");
	ok = cli_print_line(&out);
	polgraph_buf_release(&out);
	return ok;
}

/* The drawing of --html, with render's defaults: the top actors by
   PageRank, sized by it, three evidence sentences per edge tooltip. */
static int html_drawing(struct polgraph_drawing *drawing,
                        const struct polgraph_graph *graph, struct cli *cli,
                        struct polgraph_store *store,
                        const struct report *report)
{
	struct polgraph_drawing_options options = {
		.analyze = report->options,
		.size_by = POLGRAPH_METRIC_PAGERANK,
		.rank_by = POLGRAPH_METRIC_PAGERANK,
		.top = CLI_HTML_DRAWN,
		.evidence = CLI_HTML_EVIDENCE,
		.labels = POLGRAPH_LABELS_EN,
		.data_dir = cli->data_dir,
	};
	struct polgraph_error err = { 0 };

	if (polgraph_drawing_build(drawing, graph, store, &report->graph.filter,
	                           &options, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	return CLI_OK;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_GRAPH_LONG_OPTIONS,
		{ "top", required_argument, NULL, 'n' },
		{ "sort", required_argument, NULL, 'o' },
		{ "metrics", required_argument, NULL, 'M' },
		{ "damping", required_argument, NULL, 'd' },
		{ "sources", required_argument, NULL, 'K' },
		{ "compare", required_argument, NULL, 'C' },
		{ "community", required_argument, NULL, 'L' },
		{ "timings", no_argument, NULL, 'T' },
		{ "format", required_argument, NULL, 'F' },
		{ "html", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report report = { .sort = POLGRAPH_METRIC_DEGREE };
	struct polgraph_store *store = NULL;
	struct polgraph_graph *graph = NULL;
	struct cli_resolver resolver = { .cli = cli };
	struct polgraph_analysis analysis = { 0 };
	struct polgraph_drawing drawing = { 0 };
	const struct polgraph_graph *table_graph;
	const struct polgraph_analysis *table_analysis;
	struct polgraph_error err = { 0 };
	struct timings timings = { 0 };
	size_t *rows = NULL, row_count;
	bool capped = false;
	int option, result = CLI_FAIL;

	polgraph_graph_init();
	cli_graph_options_init(&report.graph);
	for (size_t m = 0; m < POLGRAPH_METRIC_COUNT; m++)
		report.metrics[report.metric_count++] = (enum polgraph_metric)m;
	while ((option = getopt_long(argc, argv, ":h" CLI_GRAPH_OPTSTRING "n:",
	                             options, NULL)) != -1) {
		int handled;

		if (option == 'h') {
			result = cli_help("report");
			goto out;
		}
		handled = report_option(&report, option, optarg);
		if (handled == 0) {
			result = cli_bad_option("report", option, argv);
			goto out;
		}
		if (handled != -1) {
			result = handled;
			goto out;
		}
	}
	if (report.compare[0] && optind < argc)
		report.compare[1] = argv[optind++];
	if (report.compare[0] && !report.compare[1]) {
		result = cli_usage_error("report",
		                         "--compare needs two periods");
		goto out;
	}
	if (optind < argc) {
		result = cli_usage_error("report", "unexpected argument '%s'",
		                         argv[optind]);
		goto out;
	}
	if (report.html && (report.compare[0] || report.has_format)) {
		result = cli_usage_error("report", "--html does not go with %s",
		                         report.compare[0] ? "--compare"
		                                           : "--format");
		goto out;
	}
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	resolver.store = store;
	if (report.compare[0]) {
		result = cli_report_compare(&report.graph, &resolver, store,
		                            &report.options, report.compare,
		                            report.format);
		goto out;
	}
	if (report.timings) {
		report.options.stage = timing_stage;
		report.options.stage_context = &timings;
		timing_stage(&timings, "graph");
	}
	/* the page's evidence (drawing and tables) is kept while building */
	if (report.html)
		report.graph.filter.keep_evidence = CLI_HTML_EVIDENCE;
	if (cli_graph_build(&report.graph, &resolver, store, &graph) != CLI_OK)
		goto out;
	if (report.metrics_given) {
		/* only the columns, the sort key and the summary's communities
		 */
		for (size_t m = 0; m < report.metric_count; m++)
			report.options.metrics |= 1u << report.metrics[m];
		report.options.metrics |=
			1u << report.sort | 1u << POLGRAPH_METRIC_COMMUNITY;
	}
	if (report.html) {
		/* the drawing analyses the whole graph; the table uses that */
		if (html_drawing(&drawing, graph, cli, store, &report) !=
		    CLI_OK)
			goto out;
		table_graph = drawing.full;
		table_analysis = &drawing.analysis;
	} else {
		if (polgraph_analyze(graph, &report.options, &analysis, &err) !=
		    POLGRAPH_OK) {
			cli_error("%s", err.message);
			goto out;
		}
		table_graph = graph;
		table_analysis = &analysis;
	}

	row_count = table_analysis->vertex_count;
	rows = polgraph_xcalloc(row_count + 1, sizeof(*rows));
	for (size_t i = 0; i < row_count; i++)
		rows[i] = i;
	sort_analysis = table_analysis;
	sort_graph = table_graph;
	sort_metric = report.sort;
	qsort(rows, row_count, sizeof(*rows), compare_rows);
	if (report.html && report.top == 0 && row_count > CLI_HTML_ROWS) {
		row_count = CLI_HTML_ROWS;
		capped = true;
	}
	if (report.top > 0 && (size_t)report.top < row_count)
		row_count = (size_t)report.top;

	if (report.html) {
		struct cli_report_page page = {
			.graph = &report.graph,
			.drawing = &drawing,
			.rows = rows,
			.row_count = row_count,
			.rows_capped = capped,
			.sort = report.sort,
			.metrics = report.metrics,
			.metric_count = report.metric_count,
			.community = report.options.community ==
			                             POLGRAPH_COMMUNITY_LOUVAIN
			                     ? "louvain"
			                     : "leiden",
		};

		result = cli_report_html(&page, store, report.html);
		goto done;
	}
	result = CLI_OK;
	if (report.format == REPORT_JSON) {
		if (!print_json(&report, graph, &analysis, rows, row_count))
			result = CLI_FAIL;
	} else if (report.format == REPORT_CSV) {
		print_csv(&report, graph, &analysis, rows, row_count);
	} else {
		print_text(&report, graph, &analysis, rows, row_count);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the report: %s", strerror(errno));
		result = CLI_FAIL;
	}
done:
	if (report.timings) {
		/* the drawing's labels and evidence count as output */
		timings.stage = report.html ? "drawing+page" : "output";
		timing_stage(&timings, NULL);
	}
out:
	free(rows);
	polgraph_drawing_release(&drawing);
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
	cli_resolver_release(&resolver);
	polgraph_store_close(store);
	cli_graph_options_release(&report.graph);
	return result;
}
