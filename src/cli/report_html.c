/*
 * report_html.c - `polgraph report --html FILE`: one self-contained page
 * for a browser with the graph drawn (inline SVG), the filters applied,
 * the centrality table and the relations with their evidence.
 *
 * Consumes a built drawing (drawing.c: the filtered graph, its analysis
 * and the cut drawn), the table rows cmd_report.c chose and the store
 * (evidence of the relations listed); produces the bytes of the page.
 *
 * The page is polyglot markup: HTML5 that also parses as XML (every
 * element closed, attributes quoted, no entity but the five of XML), so
 * xmllint can check it. Every piece of text from the store (names, keys,
 * evidence, article ids, filter values) goes through
 * polgraph_export_xml_text: sanitised (valid UTF-8, no control
 * characters), then & < > " ' escaped. No script, no external resource;
 * the SVG is polgraph_render's with its XML declaration and DOCTYPE cut
 * off, Graphviz's titles and tooltips kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define RELATIONS_SHOWN  200 /* typed relations listed, strongest first */
#define COMENTIONS_SHOWN 25  /* co-mentions listed, strongest first */
#define EVIDENCE_SHOWN   CLI_HTML_EVIDENCE /* sentences per relation */
#define SENTENCE_MAX     600               /* bytes of one evidence sentence */

static const char style[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1em 2em;"
	"color:#212529;background:#fff}"
	"h1{font-size:1.6em;margin:.2em 0}"
	"h2{font-size:1.25em;margin:1.4em 0 .4em;border-bottom:1px solid "
	"#dee2e6}"
	"nav a{margin-right:1em}"
	"p.note{color:#495057;margin:.3em 0}"
	"table{border-collapse:collapse;margin:.4em 0}"
	"th,td{border:1px solid #dee2e6;padding:2px 6px;text-align:left;"
	"vertical-align:top}"
	"thead th{background:#f1f3f5;position:sticky;top:0}"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}"
	"tr.set th,tr.set td{font-weight:bold}"
	".key{color:#868e96;font-size:.85em}"
	".graph{overflow:auto;border:1px solid #dee2e6}"
	".graph svg{max-width:100%;height:auto;display:block}"
	"ul.evidence{margin:0;padding-left:1.1em}"
	"ul.evidence li{margin:.1em 0}"
	".date{color:#495057;white-space:nowrap}"
	".article{color:#868e96;font-size:.85em}"
	"footer{margin-top:2em;color:#868e96;font-size:.85em}";

/* ---- text ---- */

/* Untrusted text, escaped for an element or a quoted attribute. */
static void text(struct polgraph_buf *out, const char *s)
{
	polgraph_export_xml_text(out, s);
}

/* Like text, cut to at most max bytes at a character boundary, with "…". */
static void clipped(struct polgraph_buf *out, const char *s, size_t max)
{
	struct polgraph_buf clean = { 0 };
	size_t len;

	polgraph_text_sanitize(s, strlen(s), &clean);
	len = clean.len;
	if (len > max) {
		len = max;
		while (len > 0 &&
		       ((unsigned char)clean.data[len] & 0xC0) == 0x80)
			len--;
		clean.data[len] = '\0';
	}
	text(out, clean.data ? clean.data : "");
	if (len < clean.len)
		polgraph_buf_puts(out, "\xE2\x80\xA6");
	polgraph_buf_release(&clean);
}

/* An actor: its name, then its key in small print. */
static void actor(struct polgraph_buf *out, const struct polgraph_graph *graph,
                  size_t vertex_index)
{
	struct polgraph_graph_vertex vertex;

	polgraph_graph_vertex(graph, vertex_index, &vertex);
	text(out, vertex.name);
	polgraph_buf_puts(out, " <span class=\"key\">");
	text(out, vertex.key);
	polgraph_buf_puts(out, "</span>");
}

static void date_range(struct polgraph_buf *out, const char *first,
                       const char *last)
{
	polgraph_buf_puts(out, "<span class=\"date\">");
	text(out, first);
	if (strcmp(first, last) != 0) {
		polgraph_buf_puts(out, " to ");
		text(out, last);
	}
	polgraph_buf_puts(out, "</span>");
}

/* ---- sections ---- */

static void summary(struct polgraph_buf *out,
                    const struct polgraph_analysis *analysis,
                    const struct cli_report_page *page)
{
	polgraph_buf_printf(out, "<p class=\"note\">%zu actors, %zu edges",
	                    analysis->vertex_count, analysis->edge_count);
	for (size_t i = 0; i < analysis->type_count; i++) {
		polgraph_buf_puts(out, i ? ", " : " (");
		text(out, analysis->types[i].type);
		polgraph_buf_printf(out, " %zu", analysis->types[i].edges);
	}
	polgraph_buf_printf(out,
	                    "%s; %s, density %.4f, %zu component%s, %zu "
	                    "communit%s (%s), modularity %.4f; betweenness "
	                    "and closeness ",
	                    analysis->type_count ? ")" : "",
	                    analysis->directed ? "directed" : "undirected",
	                    analysis->density, analysis->components,
	                    analysis->components == 1 ? "" : "s",
	                    analysis->communities,
	                    analysis->communities == 1 ? "y" : "ies",
	                    page->community, analysis->modularity);
	if (analysis->exact)
		polgraph_buf_puts(out, "exact.</p>\n");
	else
		polgraph_buf_printf(out, "sampled from %zu sources.</p>\n",
		                    analysis->sources);
}

/* One row of the filter table; value NULL = not set, shown as unset. */
static void filter_row(struct polgraph_buf *out, const char *name,
                       const char *value, const char *unset)
{
	polgraph_buf_printf(out, "<tr%s><th>%s</th><td>",
	                    value ? " class=\"set\"" : "", name);
	text(out, value ? value : unset);
	polgraph_buf_puts(out, "</td></tr>\n");
}

static void list_row(struct polgraph_buf *out, const char *name,
                     const char **items)
{
	struct polgraph_buf joined = { 0 };

	for (size_t i = 0; items && items[i]; i++)
		polgraph_buf_printf(&joined, "%s%s", i ? ", " : "", items[i]);
	filter_row(out, name, items ? (joined.data ? joined.data : "") : NULL,
	           "all");
	polgraph_buf_release(&joined);
}

static void filters(struct polgraph_buf *out,
                    const struct cli_graph_options *options)
{
	const struct polgraph_graph_filter *filter = &options->filter;
	char buffer[64];

	polgraph_buf_puts(out,
	                  "<section id=\"filters\">\n<h2>Filters</h2>\n"
	                  "<p class=\"note\">The graph is built from the "
	                  "articles and edges these admit; filters set on the "
	                  "command line are in bold.</p>\n"
	                  "<table id=\"filters-table\">\n<tbody>\n");
	filter_row(out, "since", filter->since, "any date");
	filter_row(out, "until", filter->until, "any date");
	list_row(out, "type", filter->types);
	list_row(out, "actor-type", filter->actor_types);
	filter_row(out, "lang", filter->lang, "any");
	filter_row(out, "source", filter->source, "any");
	if (filter->window == POLGRAPH_WINDOW_PARAGRAPH)
		snprintf(buffer, sizeof(buffer), "paragraph");
	else if (filter->window == POLGRAPH_WINDOW_DOCUMENT)
		snprintf(buffer, sizeof(buffer), "document");
	else if (filter->window_sentences > 1)
		snprintf(buffer, sizeof(buffer), "%ld sentences",
		         filter->window_sentences);
	else
		snprintf(buffer, sizeof(buffer), "sentence");
	filter_row(out, "window",
	           strcmp(buffer, "sentence") != 0 ? buffer : NULL, "sentence");
	snprintf(buffer, sizeof(buffer), "%ld", filter->min_weight);
	filter_row(out, "min-weight", filter->min_weight > 1 ? buffer : NULL,
	           "1");
	filter_row(out, "ego", options->ego, "none");
	snprintf(buffer, sizeof(buffer), "%ld", options->depth);
	filter_row(out, "depth", options->ego ? buffer : NULL, "-");
	polgraph_buf_puts(out, "</tbody>\n</table>\n</section>\n");
}

/* The drawing as inline SVG: Graphviz's document from <svg on. */
static int graph_section(struct polgraph_buf *out,
                         const struct polgraph_drawing *drawing)
{
	size_t drawn = polgraph_graph_vertex_count(drawing->graph);
	size_t total = polgraph_graph_vertex_count(drawing->full);
	struct polgraph_render_options draw = {
		.format = POLGRAPH_RENDER_SVG,
		.labels = drawing->labels,
		.vertex_notes = (const char *const *)drawing->vertex_notes,
		.edge_notes = (const char *const *)drawing->edge_notes,
		.sizes = drawing->sizes,
		.size_name = polgraph_metric_name(POLGRAPH_METRIC_PAGERANK),
		.legend = true,
	};
	struct polgraph_error err = { 0 };
	struct polgraph_buf svg = { 0 };
	const char *start;
	size_t len;
	int result = CLI_FAIL;

	if (polgraph_render(drawing->graph, &draw, &svg, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	start = svg.data ? strstr(svg.data, "<svg") : NULL;
	if (!start) {
		cli_error("the SVG drawing has no <svg> element");
		goto out;
	}
	len = svg.len - (size_t)(start - svg.data);
	while (len > 0 && strchr(" \t\r\n", start[len - 1]))
		len--;
	polgraph_buf_puts(out, "<section id=\"graph\">\n<h2>Graph</h2>\n"
	                       "<p class=\"note\">");
	if (!total)
		polgraph_buf_puts(out, "No actor in the filtered graph.");
	else if (drawn < total)
		polgraph_buf_printf(
			out,
			"The %zu actors ranked highest by PageRank, "
			"of %zu, and the %zu edges between them.",
			drawn, total,
			polgraph_graph_edge_count(drawing->graph));
	else
		polgraph_buf_printf(out, "All %zu actors and %zu edges.", total,
		                    polgraph_graph_edge_count(drawing->graph));
	if (total)
		polgraph_buf_puts(out,
		                  " Node size: PageRank. Hover over a node "
		                  "for its key, type and aliases, over an "
		                  "edge for its dates and first evidence "
		                  "sentences.");
	polgraph_buf_puts(out, "</p>\n<div class=\"graph\">\n");
	polgraph_buf_append(out, start, len);
	polgraph_buf_puts(out, "\n</div>\n</section>\n");
	result = CLI_OK;
out:
	polgraph_buf_release(&svg);
	return result;
}

static void centrality(struct polgraph_buf *out,
                       const struct cli_report_page *page)
{
	const struct polgraph_drawing *drawing = page->drawing;
	size_t total = polgraph_graph_vertex_count(drawing->full);
	const char *sort = polgraph_metric_name(page->sort);
	const char *order = page->sort == POLGRAPH_METRIC_COMMUNITY
	                            ? " (ascending)"
	                            : ", highest first";
	char cell[64];

	polgraph_buf_puts(out, "<section id=\"centrality\">\n"
	                       "<h2>Centrality</h2>\n<p class=\"note\">");
	if (!total)
		polgraph_buf_puts(out, "No actor to rank.");
	else if (page->row_count < total)
		polgraph_buf_printf(out,
		                    "The first %zu of %zu actors by %s%s; ties "
		                    "by key.",
		                    page->row_count, total, sort, order);
	else
		polgraph_buf_printf(out, "All %zu actors by %s%s; ties by key.",
		                    total, sort, order);
	if (page->rows_capped)
		polgraph_buf_puts(out, " Set --top to list more.");
	if (total)
		polgraph_buf_puts(out, " See docs/report.md for what each "
		                       "metric means.");
	polgraph_buf_puts(out, "</p>\n");
	polgraph_buf_puts(out, "<table id=\"centrality-table\">\n<thead><tr>"
	                       "<th>rank</th><th>actor</th><th>type</th>");
	for (size_t m = 0; m < page->metric_count; m++)
		polgraph_buf_printf(out, "<th>%s</th>",
		                    polgraph_metric_name(page->metrics[m]));
	polgraph_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < page->row_count; r++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(drawing->full, page->rows[r], &vertex);
		polgraph_buf_printf(out, "<tr><td class=\"num\">%zu</td><td>",
		                    r + 1);
		actor(out, drawing->full, page->rows[r]);
		polgraph_buf_puts(out, "</td><td>");
		text(out, vertex.type);
		polgraph_buf_puts(out, "</td>");
		for (size_t m = 0; m < page->metric_count; m++) {
			cli_format_metric(
				cell, sizeof(cell),
				&drawing->analysis.actors[page->rows[r]],
				page->metrics[m]);
			polgraph_buf_printf(out, "<td class=\"num\">%s</td>",
			                    cell);
		}
		polgraph_buf_puts(out, "</tr>\n");
	}
	polgraph_buf_puts(out, "</tbody>\n</table>\n</section>\n");
}

/* ---- relations ---- */

static const struct polgraph_graph *order_graph;

/* Most articles first, then most sentences, then type and keys. */
static int compare_edges(const void *left, const void *right)
{
	size_t a = *(const size_t *)left, b = *(const size_t *)right;
	struct polgraph_graph_edge edge_a, edge_b;
	struct polgraph_graph_vertex vertex_a, vertex_b;
	int order;

	polgraph_graph_edge(order_graph, a, &edge_a);
	polgraph_graph_edge(order_graph, b, &edge_b);
	if (edge_a.weight != edge_b.weight)
		return edge_a.weight > edge_b.weight ? -1 : 1;
	if (edge_a.sentences != edge_b.sentences)
		return edge_a.sentences > edge_b.sentences ? -1 : 1;
	if ((order = strcmp(edge_a.type, edge_b.type)) != 0)
		return order;
	polgraph_graph_vertex(order_graph, edge_a.source, &vertex_a);
	polgraph_graph_vertex(order_graph, edge_b.source, &vertex_b);
	if ((order = strcmp(vertex_a.key, vertex_b.key)) != 0)
		return order;
	polgraph_graph_vertex(order_graph, edge_a.target, &vertex_a);
	polgraph_graph_vertex(order_graph, edge_b.target, &vertex_b);
	return strcmp(vertex_a.key, vertex_b.key);
}

/* The edges of one kind (typed relations, or co-mentions), in order. */
struct edge_list {
	size_t *edges;
	size_t count, shown;
};

static void evidence_cell(struct polgraph_buf *out,
                          const struct polgraph_drawing_evidence *evidence)
{
	polgraph_buf_puts(out, "<td><ul class=\"evidence\">");
	for (size_t i = 0; i < evidence->count; i++) {
		const struct polgraph_drawing_evidence_row *row =
			&evidence->rows[i];

		polgraph_buf_puts(out, "<li>");
		if (*row->date) {
			polgraph_buf_puts(out, "<span class=\"date\">");
			text(out, row->date);
			polgraph_buf_puts(out, "</span> ");
		}
		clipped(out, row->sentence, SENTENCE_MAX);
		polgraph_buf_puts(out, " <span class=\"article\">");
		text(out, row->article);
		polgraph_buf_puts(out, "</span></li>");
	}
	if (evidence->total > evidence->count)
		polgraph_buf_printf(out, "<li>(%zu more)</li>",
		                    evidence->total - evidence->count);
	polgraph_buf_puts(out, "</ul></td>");
}

static void edge_table(struct polgraph_buf *out, const char *id,
                       const struct polgraph_graph *graph,
                       const struct edge_list *list,
                       const struct polgraph_drawing_evidence *evidence)
{
	polgraph_buf_printf(out,
	                    "<table id=\"%s\">\n<thead><tr><th>source</th>"
	                    "<th>relation</th><th>target</th>"
	                    "<th>articles</th><th>dates</th>"
	                    "<th>evidence</th></tr></thead>\n<tbody>\n",
	                    id);
	for (size_t i = 0; i < list->shown; i++) {
		size_t e = list->edges[i];
		struct polgraph_graph_edge edge;

		polgraph_graph_edge(graph, e, &edge);
		polgraph_buf_puts(out, "<tr><td>");
		actor(out, graph, edge.source);
		polgraph_buf_puts(out, "</td><td>");
		text(out, edge.type);
		polgraph_buf_puts(out, edge.symmetric ? " \xE2\x80\x94"
		                                      : " \xE2\x86\x92");
		polgraph_buf_puts(out, "</td><td>");
		actor(out, graph, edge.target);
		polgraph_buf_printf(out, "</td><td class=\"num\">%lld</td><td>",
		                    (long long)edge.weight);
		date_range(out, edge.first_date, edge.last_date);
		polgraph_buf_puts(out, "</td>");
		evidence_cell(out, &evidence[e]);
		polgraph_buf_puts(out, "</tr>\n");
	}
	polgraph_buf_puts(out, "</tbody>\n</table>\n");
}

/* Splits the edges of graph into typed relations and co-mentions, each
   by strength, and marks the ones shown. */
static void pick_edges(const struct polgraph_graph *graph,
                       struct edge_list *relations,
                       struct edge_list *comentions, bool *wanted)
{
	size_t count = polgraph_graph_edge_count(graph);

	relations->edges = polgraph_xcalloc(count + 1, sizeof(size_t));
	comentions->edges = polgraph_xcalloc(count + 1, sizeof(size_t));
	for (size_t e = 0; e < count; e++) {
		struct polgraph_graph_edge edge;
		struct edge_list *list;

		polgraph_graph_edge(graph, e, &edge);
		list = strcmp(edge.type, POLGRAPH_COMENTION) == 0 ? comentions
		                                                  : relations;
		list->edges[list->count++] = e;
	}
	order_graph = graph;
	qsort(relations->edges, relations->count, sizeof(size_t),
	      compare_edges);
	qsort(comentions->edges, comentions->count, sizeof(size_t),
	      compare_edges);
	relations->shown = relations->count < RELATIONS_SHOWN ? relations->count
	                                                      : RELATIONS_SHOWN;
	comentions->shown = comentions->count < COMENTIONS_SHOWN
	                            ? comentions->count
	                            : COMENTIONS_SHOWN;
	for (size_t i = 0; i < relations->shown; i++)
		wanted[relations->edges[i]] = true;
	for (size_t i = 0; i < comentions->shown; i++)
		wanted[comentions->edges[i]] = true;
}

static int relations_sections(struct polgraph_buf *out,
                              const struct cli_report_page *page,
                              struct polgraph_store *store)
{
	const struct polgraph_graph *graph = page->drawing->full;
	size_t count = polgraph_graph_edge_count(graph);
	struct edge_list relations = { 0 }, comentions = { 0 };
	struct polgraph_drawing_evidence *evidence = NULL;
	struct polgraph_arena arena = { 0 };
	struct polgraph_error err = { 0 };
	bool *wanted = polgraph_xcalloc(count + 1, sizeof(*wanted));
	int result = CLI_FAIL;

	pick_edges(graph, &relations, &comentions, wanted);
	if (polgraph_drawing_evidence_gather(graph, store, &page->graph->filter,
	                                     EVIDENCE_SHOWN, wanted, &arena,
	                                     &evidence, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}

	polgraph_buf_puts(out, "<section id=\"relations\">\n"
	                       "<h2>Relations</h2>\n<p class=\"note\">");
	if (!relations.count)
		polgraph_buf_puts(out, "No typed relation in the filtered "
		                       "graph.");
	else if (relations.shown < relations.count)
		polgraph_buf_printf(out,
		                    "The %zu strongest of %zu typed relations, "
		                    "most articles first; the other %zu are "
		                    "left out.",
		                    relations.shown, relations.count,
		                    relations.count - relations.shown);
	else
		polgraph_buf_printf(out,
		                    "All %zu typed relations, most articles "
		                    "first.",
		                    relations.count);
	if (relations.count)
		polgraph_buf_printf(out,
		                    " Up to %d evidence sentences each, with "
		                    "the article date and id; \xE2\x86\x92 "
		                    "points from source to target, "
		                    "\xE2\x80\x94 marks a symmetric relation.",
		                    EVIDENCE_SHOWN);
	polgraph_buf_puts(out, "</p>\n");
	if (relations.shown)
		edge_table(out, "relations-table", graph, &relations, evidence);
	polgraph_buf_puts(out, "</section>\n<section id=\"comentions\">\n"
	                       "<h2>Co-mentions</h2>\n<p class=\"note\">");
	if (!comentions.count)
		polgraph_buf_puts(out, "No co-mention in the filtered graph.");
	else
		polgraph_buf_printf(out,
		                    "The %zu strongest of %zu co-mentions "
		                    "(actors named in the same window), most "
		                    "articles first, with up to %d sentences "
		                    "each",
		                    comentions.shown, comentions.count,
		                    EVIDENCE_SHOWN);
	if (comentions.shown < comentions.count)
		polgraph_buf_printf(out, "; the other %zu are left out",
		                    comentions.count - comentions.shown);
	polgraph_buf_puts(out, comentions.count ? ".</p>\n" : "</p>\n");
	if (comentions.shown)
		edge_table(out, "comentions-table", graph, &comentions,
		           evidence);
	polgraph_buf_puts(out, "</section>\n");
	result = CLI_OK;
out:
	free(evidence);
	polgraph_arena_release(&arena);
	free(wanted);
	free(relations.edges);
	free(comentions.edges);
	return result;
}

/* ---- the page ---- */

int cli_report_html(const struct cli_report_page *page,
                    struct polgraph_store *store, const char *path)
{
	struct polgraph_buf out = { 0 };
	int result = CLI_FAIL;

	polgraph_buf_printf(
		&out,
		"<!DOCTYPE html>\n"
		"<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
		"<head>\n<meta charset=\"utf-8\"/>\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\"/>\n"
		"<meta name=\"generator\" content=\"polgraph %s\"/>\n"
		"<title>polgraph report</title>\n<style>%s</style>\n"
		"</head>\n<body>\n<h1>polgraph report</h1>\n",
		POLGRAPH_VERSION, style);
	summary(&out, &page->drawing->analysis, page);
	polgraph_buf_puts(&out, "<nav><a href=\"#filters\">Filters</a>"
	                        "<a href=\"#graph\">Graph</a>"
	                        "<a href=\"#centrality\">Centrality</a>"
	                        "<a href=\"#relations\">Relations</a>"
	                        "<a href=\"#comentions\">Co-mentions</a>"
	                        "</nav>\n");
	filters(&out, page->graph);
	if (graph_section(&out, page->drawing) != CLI_OK)
		goto out;
	centrality(&out, page);
	if (relations_sections(&out, page, store) != CLI_OK)
		goto out;
	polgraph_buf_printf(&out,
	                    "<footer>Made by polgraph %s report --html."
	                    "</footer>\n</body>\n</html>\n",
	                    POLGRAPH_VERSION);
	if (cli_write_file(path, out.data, out.len))
		result = CLI_OK;
out:
	polgraph_buf_release(&out);
	return result;
}
