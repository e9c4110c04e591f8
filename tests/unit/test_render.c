/*
 * test_render.c - render.c: text cleaning for labels and tooltips, and a
 * graph of hostile names (quotes, a trailing backslash, <script>, &, ]]>,
 * newlines, javascript:, \N escapes, control characters, invalid UTF-8)
 * drawn as DOT that re-parses to the same graph with only allow-listed
 * attributes, and as SVG without script or links.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "polgraph/graph.h"
#include "polgraph/render.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void test_clean(void)
{
	static const struct {
		const char *input;
		enum polgraph_render_text kind;
		size_t max;
		const char *want;
	} rows[] = {
		{ "Минск", POLGRAPH_RENDER_LABEL, 0, "Минск" },
		{ "trailing\\", POLGRAPH_RENDER_LABEL, 0, "trailing\\\\" },
		{ "\\N \\G \\E \\T \\H \\L \\n \\l", POLGRAPH_RENDER_LABEL, 0,
		  "\\\\N \\\\G \\\\E \\\\T \\\\H \\\\L \\\\n \\\\l" },
		{ "a\"b", POLGRAPH_RENDER_LABEL, 0, "a\"b" },
		{ "two\nlines", POLGRAPH_RENDER_LABEL, 0, "two lines" },
		{ "two\nlines", POLGRAPH_RENDER_TOOLTIP, 0, "two\\nlines" },
		{ "back\\slash", POLGRAPH_RENDER_TOOLTIP, 0,
		  "back\xE2\xA7\xB5slash" },
		{ "bell\a\x1b[0m", POLGRAPH_RENDER_LABEL, 0, "bell  [0m" },
		{ "bad\xff", POLGRAPH_RENDER_LABEL, 0, "bad\xEF\xBF\xBD" },
		{ "<b>x</b>", POLGRAPH_RENDER_LABEL, 0, "<b>x</b>" },
		{ "abcdef", POLGRAPH_RENDER_LABEL, 6, "abcdef" },
		{ "abcdefg", POLGRAPH_RENDER_LABEL, 6, "abc\xE2\x80\xA6" },
		/* never half a character or half an escape */
		{ "абвгд", POLGRAPH_RENDER_LABEL, 8, "аб\xE2\x80\xA6" },
		{ "ab\\\\cd", POLGRAPH_RENDER_LABEL, 7, "ab\\\\\xE2\x80\xA6" },
		{ NULL, POLGRAPH_RENDER_LABEL, 0, "" },
	};

	for (size_t i = 0; i < COUNT(rows); i++) {
		struct polgraph_buf out = { 0 };

		polgraph_render_clean(rows[i].input, rows[i].kind, rows[i].max,
		                      &out);
		CHECK_STR(out.data ? out.data : "", rows[i].want,
		          rows[i].input ? rows[i].input : "(null)");
		polgraph_buf_release(&out);
	}
}

static const char *const hostile[] = {
	"Evil \"quoted\" \\",
	"<script>alert(1)</script>",
	"A & B ]]> C",
	"line1\nline2\r\n",
	"javascript:alert(1)",
	"\\N \\G \\E \\L",
	"\"; URL=\"javascript:alert(2)",
	"bad \xff\xfe utf-8 \x07 bell",
	"trailing backslash\\",
	"]]><svg onload=alert(3)>",
};

/* Every attribute name we may set; anything else is a failure. */
static const char *const allowed[] = {
	"label",   "tooltip",  "shape",    "style",       "fillcolor",
	"color",   "fontname", "fontsize", "width",       "height",
	"margin",  "penwidth", "dir",      "arrowhead",   "arrowsize",
	"layout",  "labelloc", "bgcolor",  "outputorder", "pad",
	"rankdir", "nodesep",  "ranksep",  "overlap",     "sep",
	"splines",
};

/* The node called name, or NULL. */
static const struct polgraph_dot_object *node(const struct polgraph_dot *dot,
                                              const char *name)
{
	for (size_t i = 0; i < dot->node_count; i++)
		if (strcmp(dot->nodes[i].name, name) == 0)
			return &dot->nodes[i];
	return NULL;
}

static bool is_allowed(const char *name)
{
	for (size_t i = 0; i < COUNT(allowed); i++)
		if (strcmp(allowed[i], name) == 0)
			return true;
	return false;
}

static void check_attributes(const struct polgraph_dot_object *objects,
                             size_t count, const char *what)
{
	for (size_t i = 0; i < count; i++)
		for (size_t a = 0; a < objects[i].attr_count; a++)
			CHECK(is_allowed(objects[i].attrs[a].name),
			      "%s %zu: attribute '%s' is not allowed", what, i,
			      objects[i].attrs[a].name);
}

static struct polgraph_graph *hostile_graph(void)
{
	static const char *const types[] = { "supports", "meets-with",
		                             "comention", "criticizes" };
	struct polgraph_graph_edge_spec edges[COUNT(hostile)];
	struct polgraph_graph *graph = NULL;
	struct polgraph_error err = { 0 };

	for (size_t i = 0; i < COUNT(hostile); i++) {
		edges[i].source = hostile[i];
		edges[i].target = hostile[(i + 1) % COUNT(hostile)];
		edges[i].type = types[i % COUNT(types)];
		edges[i].weight = (long)i + 1;
	}
	CHECK_INT(polgraph_graph_from_edges(edges, COUNT(edges), &graph, &err),
	          POLGRAPH_OK, "hostile graph");
	return graph;
}

static char *render(const struct polgraph_graph *graph,
                    const struct polgraph_render_options *options)
{
	struct polgraph_buf out = { 0 };
	struct polgraph_error err = { 0 };
	enum polgraph_status status;

	status = polgraph_render(graph, options, &out, &err);
	CHECK(status == POLGRAPH_OK, "render: %s", err.message);
	return polgraph_buf_detach(&out, NULL);
}

/* Is every backslash of s the start of "\\n"? */
static bool only_newline_escapes(const char *s)
{
	for (; *s; s++)
		if (*s == '\\' && *++s != 'n')
			return false;
	return true;
}

static void test_hostile_dot(void)
{
	struct polgraph_graph *graph = hostile_graph();
	const char *notes[COUNT(hostile)];
	struct polgraph_render_options options = {
		.format = POLGRAPH_RENDER_DOT,
		.layout = "dot",
		.title = "title \\ \"x\"\n<script>",
		.edge_notes = notes,
		.vertex_notes = notes,
	};
	struct polgraph_dot dot = { 0 };
	struct polgraph_error err = { 0 };
	char *text, *again;
	size_t vertex_count = polgraph_graph_vertex_count(graph);

	for (size_t i = 0; i < COUNT(hostile); i++)
		notes[i] = hostile[COUNT(hostile) - 1 - i];
	text = render(graph, &options);
	again = render(graph, &options);
	CHECK(text && again && strcmp(text, again) == 0,
	      "the same graph gives the same DOT");
	CHECK_INT(polgraph_dot_parse(text, &dot, &err), POLGRAPH_OK,
	          "the DOT re-parses");
	CHECK(dot.directed, "directed");
	CHECK_INT(dot.node_count, vertex_count, "node count");
	CHECK_INT(dot.edge_count, polgraph_graph_edge_count(graph),
	          "edge count");
	CHECK_INT(dot.graph_count, 1, "no subgraphs without legend");
	for (size_t i = 0; i < vertex_count; i++) {
		struct polgraph_graph_vertex vertex;
		struct polgraph_buf want = { 0 };
		const struct polgraph_dot_object *found;
		const char *tooltip;
		char id[32];

		snprintf(id, sizeof(id), "n%zu", i);
		found = node(&dot, id);
		CHECK(found != NULL, "generated node id %s", id);
		if (!found)
			continue;
		tooltip = polgraph_dot_get(found, "tooltip");
		polgraph_graph_vertex(graph, i, &vertex);
		polgraph_render_clean(vertex.name, POLGRAPH_RENDER_LABEL, 80,
		                      &want);
		CHECK_STR(polgraph_dot_get(found, "label"), want.data,
		          "label survives writing and reading");
		polgraph_buf_reset(&want);
		polgraph_render_clean(vertex.name, POLGRAPH_RENDER_TOOLTIP, 0,
		                      &want);
		CHECK(tooltip && strncmp(tooltip, want.data, want.len) == 0,
		      "tooltip of %s starts with the name: %s", id,
		      tooltip ? tooltip : "(none)");
		CHECK(tooltip && only_newline_escapes(tooltip),
		      "tooltip of %s holds no escape but \\n", id);
		polgraph_buf_release(&want);
	}
	for (size_t e = 0; e < polgraph_graph_edge_count(graph); e++) {
		struct polgraph_graph_edge edge;
		char tail[32], head[32];
		bool found = false;

		polgraph_graph_edge(graph, e, &edge);
		snprintf(tail, sizeof(tail), "n%zu", edge.source);
		snprintf(head, sizeof(head), "n%zu", edge.target);
		for (size_t d = 0; d < dot.edge_count && !found; d++)
			found = strcmp(dot.edges[d].tail, tail) == 0 &&
			        strcmp(dot.edges[d].head, head) == 0;
		CHECK(found, "edge %s -> %s re-parsed", tail, head);
	}
	check_attributes(dot.graphs, dot.graph_count, "graph");
	check_attributes(dot.nodes, dot.node_count, "node");
	check_attributes(dot.edges, dot.edge_count, "edge");
	polgraph_dot_release(&dot);
	free(text);
	free(again);
	polgraph_graph_free(graph);
}

static void test_legend_and_clusters(void)
{
	struct polgraph_graph *graph = hostile_graph();
	size_t count = polgraph_graph_vertex_count(graph);
	int64_t clusters[COUNT(hostile)];
	double sizes[COUNT(hostile)];
	struct polgraph_render_options options = {
		.format = POLGRAPH_RENDER_DOT,
		.clusters = clusters,
		.sizes = sizes,
		.size_name = "pagerank",
		.legend = true,
	};
	struct polgraph_dot dot = { 0 };
	struct polgraph_error err = { 0 };
	char *text;

	for (size_t i = 0; i < count; i++) {
		clusters[i] = (int64_t)(i % 3) - 1; /* -1: no cluster */
		sizes[i] = (double)i;
	}
	text = render(graph, &options);
	CHECK_INT(polgraph_dot_parse(text, &dot, &err), POLGRAPH_OK, "parse");
	/* root, cluster_c0, cluster_c1, cluster_legend */
	CHECK_INT(dot.graph_count, 4, "subgraphs");
	for (size_t i = 1; i < dot.graph_count; i++)
		CHECK(strncmp(dot.graphs[i].name, "cluster_", 8) == 0,
		      "subgraph %s is a cluster", dot.graphs[i].name);
	CHECK_STR(polgraph_dot_get(&dot.graphs[0], "layout"), "dot",
	          "auto layout of a small graph");
	CHECK_STR(polgraph_dot_get(node(&dot, "n0"), "fontsize"), "10.00",
	          "smallest size");
	CHECK_STR(polgraph_dot_get(node(&dot, "n9"), "fontsize"), "24.00",
	          "largest size");
	/* one legend node per actor type (all unknown here) and two per
	   relation type */
	CHECK_INT(dot.node_count, count + 1 + 2 * 4, "legend nodes");
	check_attributes(dot.graphs, dot.graph_count, "graph");
	check_attributes(dot.nodes, dot.node_count, "node");
	check_attributes(dot.edges, dot.edge_count, "edge");
	polgraph_dot_release(&dot);
	free(text);
	polgraph_graph_free(graph);
}

static void test_hostile_svg(void)
{
	struct polgraph_graph *graph = hostile_graph();
	struct polgraph_render_options options = {
		.format = POLGRAPH_RENDER_SVG,
		.legend = true,
	};
	char *svg = render(graph, &options);

	CHECK(svg && strncmp(svg, "<?xml", 5) == 0, "an SVG document");
	CHECK(svg && !strstr(svg, "<script"), "no script element");
	CHECK(svg && !strstr(svg, "href"), "no link");
	CHECK(svg && !strstr(svg, "onload=\""), "no event attribute");
	CHECK(svg && strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"),
	      "the name is shown, escaped");
	CHECK(svg && strstr(svg, "\\N \\G \\E \\L"), "escapes stay literal");
	free(svg);
	polgraph_graph_free(graph);
}

static void test_errors(void)
{
	struct polgraph_graph *graph = hostile_graph();
	struct polgraph_render_options options = { .format =
		                                           POLGRAPH_RENDER_SVG,
		                                   .layout = "nop" };
	struct polgraph_buf out = { 0 };
	struct polgraph_error err = { 0 };
	struct polgraph_dot dot = { 0 };
	enum polgraph_render_format format;

	CHECK_INT(polgraph_render(graph, &options, &out, &err),
	          POLGRAPH_INVALID, "unknown layout");
	CHECK_STR(err.message, "unknown layout 'nop'", "message");
	CHECK(out.len == 0, "nothing written");
	CHECK_INT(polgraph_dot_parse("digraph { a -> ", &dot, &err),
	          POLGRAPH_ERROR, "broken DOT");
	polgraph_dot_release(&dot);
	CHECK(polgraph_render_format_parse("pdf", &format) &&
	              format == POLGRAPH_RENDER_PDF,
	      "pdf");
	CHECK(!polgraph_render_format_parse("gif", &format), "gif");
	CHECK_STR(polgraph_render_auto_layout(100, 600), "dot", "100/600: dot");
	CHECK_STR(polgraph_render_auto_layout(101, 10), "sfdp", "101: sfdp");
	CHECK_STR(polgraph_render_auto_layout(50, 601), "sfdp",
	          "dense 50: sfdp");
	polgraph_buf_release(&out);
	polgraph_graph_free(graph);
}

int main(void)
{
	test_clean();
	test_hostile_dot();
	test_legend_and_clusters();
	test_hostile_svg();
	test_errors();
	return check_done();
}
