/*
 * test_graph.c - graph.c: induced subgraphs (polgraph_graph_subgraph) keep
 * the chosen vertices in order with their edges and attributes, and ego
 * graphs, now built on them, still cut the right vertices; graphs not
 * built from the store keep no evidence.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "polgraph/graph.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static const struct polgraph_graph_edge_spec edges[] = {
	{ "a", "b", "meets-with", 2 }, { "b", "c", "supports", 1 },
	{ "c", "d", "criticizes", 3 }, { "a", "c", "comention", 1 },
	{ "d", "a", "supports", 1 },
};

/* Vertex keys of graph joined with ',', edges as "s>t:type:w" after '|'. */
static void describe(const struct polgraph_graph *graph, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t v = 0; v < polgraph_graph_vertex_count(graph); v++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(graph, v, &vertex);
		used += (size_t)snprintf(out + used, size - used, "%s%s",
		                         v ? "," : "", vertex.key);
	}
	used += (size_t)snprintf(out + used, size - used, "|");
	for (size_t e = 0; e < polgraph_graph_edge_count(graph); e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(graph, e, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		used += (size_t)snprintf(out + used, size - used,
		                         "%s%s>%s:%s:%lld", e ? " " : "",
		                         source.key, target.key, edge.type,
		                         (long long)edge.weight);
	}
}

static void test_subgraph(void)
{
	static const struct {
		bool keep[4];
		const char *want;
	} rows[] = {
		{ { true, true, true, true },
		  "a,b,c,d|a>b:meets-with:2 b>c:supports:1 c>d:criticizes:3 "
		  "a>c:comention:1 d>a:supports:1" },
		{ { true, false, true, true },
		  "a,c,d|c>d:criticizes:3 a>c:comention:1 d>a:supports:1" },
		{ { false, true, false, true }, "b,d|" },
		{ { false, false, false, false }, "|" },
	};
	struct polgraph_graph *graph = NULL;
	struct polgraph_error err = { 0 };
	char got[512];

	CHECK_INT(polgraph_graph_from_edges(edges, COUNT(edges), &graph, &err),
	          POLGRAPH_OK, "from_edges");
	for (size_t i = 0; i < COUNT(rows); i++) {
		struct polgraph_graph *sub = NULL;

		CHECK_INT(polgraph_graph_subgraph(graph, rows[i].keep, NULL,
		                                  &sub, &err),
		          POLGRAPH_OK, "subgraph");
		if (!sub)
			continue;
		describe(sub, got, sizeof(got));
		CHECK_STR(got, rows[i].want, "subgraph");
		polgraph_graph_free(sub);
	}
	polgraph_graph_free(graph);
}

static void test_ego(void)
{
	struct polgraph_graph *graph = NULL, *ego = NULL;
	struct polgraph_error err = { 0 };
	char got[512];

	polgraph_graph_from_edges(edges, 3, &graph, &err); /* a-b-c-d chain */
	CHECK_INT(polgraph_graph_ego(graph, 0, 1, &ego, &err), POLGRAPH_OK,
	          "ego");
	describe(ego, got, sizeof(got));
	CHECK_STR(got, "a,b|a>b:meets-with:2", "ego of a, depth 1");
	polgraph_graph_free(ego);
	polgraph_graph_ego(graph, 3, 2, &ego, &err);
	describe(ego, got, sizeof(got));
	CHECK_STR(got, "b,c,d|b>c:supports:1 c>d:criticizes:3",
	          "ego of d, depth 2");
	polgraph_graph_free(ego);
	polgraph_graph_free(graph);
}

/* igraph's default error handler aborts: ours must hand the error back,
 * with igraph's reason, and leave the process running. */
static void test_igraph_errors(void)
{
	struct polgraph_error err = { 0 };

	CHECK_INT(polgraph_graph_check_errors(&err), POLGRAPH_ERROR,
	          "igraph error comes back");
	CHECK(strstr(err.message, "igraph error check: ") == err.message,
	      "igraph error message names the call");
	CHECK(strstr(err.message, "dd") != NULL,
	      "igraph error message has igraph's reason (odd edge list)");
	/* And again: the handler stays installed. */
	CHECK_INT(polgraph_graph_check_errors(&err), POLGRAPH_ERROR,
	          "igraph error comes back twice");
}

/* Only a graph built from the store with keep_evidence keeps evidence
 * (tests/cli/t0025 compares it with a pass over the store): one from an
 * edge list, and its subgraphs, say so by returning 0. */
static void test_no_kept_evidence(void)
{
	static const bool all[4] = { true, true, true, true };
	struct polgraph_graph *graph = NULL, *sub = NULL;
	const struct polgraph_graph_evidence *rows = NULL;
	struct polgraph_error err = { 0 };
	size_t count = 7;
	int64_t total = 7;

	polgraph_graph_from_edges(edges, COUNT(edges), &graph, &err);
	CHECK_INT(polgraph_graph_edge_evidence(graph, 0, &rows, &count, &total),
	          0, "from edges: no evidence kept");
	CHECK(rows == NULL && count == 7 && total == 7,
	      "nothing set without kept evidence");
	polgraph_graph_subgraph(graph, all, NULL, &sub, &err);
	CHECK_INT(polgraph_graph_edge_evidence(sub, 0, &rows, &count, &total),
	          0, "its subgraph: none either");
	polgraph_graph_free(sub);
	polgraph_graph_free(graph);
}

int main(void)
{
	test_igraph_errors();
	test_no_kept_evidence();
	test_subgraph();
	test_ego();
	return check_done();
}
