/*
 * test_analyze.c - graph.c and analyze.c on hand-made graphs whose
 * centralities are known by hand (graphs/fixtures/README.md): a star with
 * five leaves, two 4-cliques joined by a bridge, a chain of five and a
 * directed 3-cycle. Also: merging of edges, determinism.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "polgraph/analyze.h"
#include "polgraph/graph.h"

#define CHECK_NEAR(got, want, label)                                           \
	do {                                                                   \
		double check_got_ = (got), check_want_ = (want);               \
		CHECK(fabs(check_got_ - check_want_) < 1e-6,                   \
		      "%s: got %.9g, want %.9g", (label), check_got_,          \
		      check_want_);                                            \
	} while (0)

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Builds and analyses edges; NULL graph on failure (reported). */
static struct polgraph_graph *
analyse(const struct polgraph_graph_edge_spec *edges, size_t count,
        struct polgraph_analysis *analysis)
{
	struct polgraph_error err = { 0 };
	struct polgraph_graph *graph = NULL;

	if (polgraph_graph_from_edges(edges, count, &graph, &err) !=
	            POLGRAPH_OK ||
	    polgraph_analyze(graph, NULL, analysis, &err) != POLGRAPH_OK) {
		CHECK(0, "analyse: %s", err.message);
		polgraph_graph_free(graph);
		return NULL;
	}
	return graph;
}

static double pagerank_sum(const struct polgraph_analysis *analysis)
{
	double sum = 0;

	for (size_t i = 0; i < analysis->vertex_count; i++)
		sum += analysis->actors[i].pagerank;
	return sum;
}

/* Star: centre c, leaves l1..l5, co-mentions (undirected). */
static void test_star(void)
{
	static const struct polgraph_graph_edge_spec edges[] = {
		{ "c", "l1", "comention", 1 }, { "l2", "c", "comention", 1 },
		{ "c", "l3", "comention", 1 }, { "c", "l4", "comention", 1 },
		{ "c", "l5", "comention", 1 },
	};
	struct polgraph_analysis analysis;
	struct polgraph_graph *graph = analyse(edges, COUNT(edges), &analysis);
	/* PageRank by hand: c = .15/6 + .85 * 5 l, l = .15/6 + .85 c / 5 */
	double centre = (0.025 + 4.25 * 0.025) / (1 - 4.25 * 0.17);

	if (!graph)
		return;
	CHECK(!polgraph_graph_directed(graph), "star is undirected");
	CHECK_INT(polgraph_graph_vertex_count(graph), 6, "star vertices");
	CHECK_INT(polgraph_graph_edge_count(graph), 5, "star edges");
	CHECK_INT(polgraph_graph_find(graph, "c"), 0, "centre index");
	CHECK_INT(analysis.actors[0].degree, 5, "centre degree");
	CHECK_INT(analysis.actors[0].in, 5, "centre in (symmetric)");
	CHECK_INT(analysis.actors[0].out, 5, "centre out (symmetric)");
	CHECK_NEAR(analysis.actors[0].strength, 5, "centre strength");
	CHECK_NEAR(analysis.actors[0].betweenness, 10, "centre betweenness");
	CHECK_NEAR(analysis.actors[0].closeness, 1, "centre closeness");
	CHECK_NEAR(analysis.actors[0].pagerank, centre, "centre pagerank");
	CHECK_NEAR(analysis.actors[0].eigenvector, 1, "centre eigenvector");
	for (size_t i = 1; i < 6; i++) {
		CHECK_INT(analysis.actors[i].degree, 1, "leaf degree");
		CHECK_NEAR(analysis.actors[i].betweenness, 0,
		           "leaf betweenness");
		CHECK_NEAR(analysis.actors[i].closeness, 5.0 / 9,
		           "leaf closeness (1 + 4 * 2 = 9)");
		CHECK_NEAR(analysis.actors[i].pagerank, (1 - centre) / 5,
		           "leaf pagerank");
		CHECK_INT(analysis.actors[i].kcore, 1, "leaf k-core");
	}
	CHECK_NEAR(pagerank_sum(&analysis), 1, "star pagerank sum");
	CHECK_INT(analysis.components, 1, "star components");
	CHECK_NEAR(analysis.density, 5.0 / 15, "star density");
	CHECK(analysis.exact, "small graph: exact betweenness");
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
}

/* Two 4-cliques a0..a3 and b0..b3 joined by the bridge a3 - b0. */
static const struct polgraph_graph_edge_spec two_cliques[] = {
	{ "a0", "a1", "meets-with", 1 }, { "a0", "a2", "meets-with", 1 },
	{ "a0", "a3", "meets-with", 1 }, { "a1", "a2", "meets-with", 1 },
	{ "a1", "a3", "meets-with", 1 }, { "a2", "a3", "meets-with", 1 },
	{ "b0", "b1", "meets-with", 1 }, { "b0", "b2", "meets-with", 1 },
	{ "b0", "b3", "meets-with", 1 }, { "b1", "b2", "meets-with", 1 },
	{ "b1", "b3", "meets-with", 1 }, { "b2", "b3", "meets-with", 1 },
	{ "a3", "b0", "comention", 1 },
};

static void test_two_cliques(void)
{
	struct polgraph_analysis analysis;
	struct polgraph_graph *graph =
		analyse(two_cliques, COUNT(two_cliques), &analysis);
	static const double betweenness[] = { 0, 0, 0, 12, 12, 0, 0, 0 };

	if (!graph)
		return;
	CHECK_INT(analysis.vertex_count, 8, "cliques vertices");
	CHECK_INT(analysis.type_count, 2, "cliques edge types");
	CHECK_STR(analysis.types[0].type, "comention", "first type");
	CHECK_INT(analysis.types[0].edges, 1, "comention edges");
	CHECK_STR(analysis.types[1].type, "meets-with", "second type");
	CHECK_INT(analysis.types[1].edges, 12, "meets-with edges");
	for (size_t i = 0; i < 8; i++) {
		CHECK_NEAR(analysis.actors[i].betweenness, betweenness[i],
		           "clique betweenness");
		CHECK_INT(analysis.actors[i].kcore, 3, "clique k-core");
		CHECK_INT(analysis.actors[i].community, i < 4 ? 0 : 1,
		          "clique community");
		CHECK_INT(analysis.actors[i].degree, i == 3 || i == 4 ? 4 : 3,
		          "clique degree");
	}
	CHECK_INT(analysis.communities, 2, "two communities");
	/* m = 13; each side has 6.5 of the weight: 2 * (6/13 - (13/26)^2) */
	CHECK_NEAR(analysis.modularity, 2 * (6.0 / 13 - 0.25), "modularity");
	CHECK_NEAR(analysis.actors[0].pagerank, analysis.actors[7].pagerank,
	           "symmetric pagerank");
	CHECK_NEAR(analysis.actors[3].pagerank, analysis.actors[4].pagerank,
	           "symmetric bridge pagerank");
	CHECK_NEAR(pagerank_sum(&analysis), 1, "cliques pagerank sum");
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
}

/* Chain v0 - v1 - v2 - v3 - v4. */
static void test_chain(void)
{
	static const struct polgraph_graph_edge_spec edges[] = {
		{ "v0", "v1", "comention", 1 },
		{ "v1", "v2", "comention", 1 },
		{ "v2", "v3", "comention", 1 },
		{ "v3", "v4", "comention", 1 },
	};
	static const double betweenness[] = { 0, 3, 4, 3, 0 };
	/* normalised closeness: 4 / sum of distances */
	static const double closeness[] = { 4.0 / 10, 4.0 / 7, 4.0 / 6, 4.0 / 7,
		                            4.0 / 10 };
	struct polgraph_analysis analysis;
	struct polgraph_graph *graph = analyse(edges, COUNT(edges), &analysis);

	if (!graph)
		return;
	for (size_t i = 0; i < 5; i++) {
		CHECK_NEAR(analysis.actors[i].betweenness, betweenness[i],
		           "chain betweenness");
		CHECK_NEAR(analysis.actors[i].closeness, closeness[i],
		           "chain closeness");
		CHECK_INT(analysis.actors[i].kcore, 1, "chain k-core");
	}
	CHECK_NEAR(analysis.actors[0].pagerank, analysis.actors[4].pagerank,
	           "chain ends pagerank");
	CHECK_NEAR(analysis.actors[1].pagerank, analysis.actors[3].pagerank,
	           "chain inner pagerank");
	CHECK_NEAR(pagerank_sum(&analysis), 1, "chain pagerank sum");
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
}

/* Directed 3-cycle x -> y -> z -> x. */
static void test_cycle(void)
{
	static const struct polgraph_graph_edge_spec edges[] = {
		{ "x", "y", "supports", 1 },
		{ "y", "z", "supports", 1 },
		{ "z", "x", "supports", 1 },
	};
	struct polgraph_analysis analysis;
	struct polgraph_graph *graph = analyse(edges, COUNT(edges), &analysis);

	if (!graph)
		return;
	CHECK(polgraph_graph_directed(graph), "cycle is directed");
	CHECK(analysis.directed, "analysis is directed");
	for (size_t i = 0; i < 3; i++) {
		CHECK_INT(analysis.actors[i].in, 1, "cycle in");
		CHECK_INT(analysis.actors[i].out, 1, "cycle out");
		CHECK_INT(analysis.actors[i].degree, 2, "cycle degree");
		CHECK_NEAR(analysis.actors[i].pagerank, 1.0 / 3,
		           "cycle pagerank");
		CHECK_NEAR(analysis.actors[i].betweenness, 1,
		           "cycle betweenness");
		CHECK_NEAR(analysis.actors[i].closeness, 2.0 / 3,
		           "cycle closeness");
		CHECK_INT(analysis.actors[i].kcore, 2, "cycle k-core");
	}
	CHECK_NEAR(analysis.density, 3.0 / 6, "cycle density");
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
}

/* Mixed graph: a symmetric edge is two arcs; duplicates merge. */
static void test_merge(void)
{
	static const struct polgraph_graph_edge_spec edges[] = {
		{ "p", "q", "supports", 1 },   { "q", "p", "meets-with", 2 },
		{ "p", "q", "meets-with", 1 }, { "p", "p", "supports", 1 },
		{ "q", "r", "supports", 0 },
	};
	struct polgraph_analysis analysis;
	struct polgraph_graph *graph = analyse(edges, COUNT(edges), &analysis);
	struct polgraph_graph_edge edge;

	if (!graph)
		return;
	CHECK_INT(polgraph_graph_edge_count(graph), 3, "merged edges");
	CHECK(polgraph_graph_edge(graph, 1, &edge), "edge 1");
	CHECK_STR(edge.type, "meets-with", "edge 1 type");
	CHECK_INT(edge.source, 0, "symmetric source in key order");
	CHECK_INT(edge.weight, 3, "merged weight");
	CHECK(!polgraph_graph_edge(graph, 3, &edge), "no edge 3");
	CHECK_INT(analysis.actors[0].out, 2, "p out");
	CHECK_INT(analysis.actors[0].in, 1, "p in");
	CHECK_INT(analysis.actors[1].in, 2, "q in");
	CHECK_INT(analysis.actors[1].out, 2, "q out");
	CHECK_NEAR(analysis.actors[1].strength, 5, "q strength");
	CHECK_NEAR(pagerank_sum(&analysis), 1, "mixed pagerank sum");
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
}

static void test_deterministic(void)
{
	struct polgraph_analysis first, second;
	struct polgraph_graph *graph_one =
		analyse(two_cliques, COUNT(two_cliques), &first);
	struct polgraph_graph *graph_two =
		analyse(two_cliques, COUNT(two_cliques), &second);

	if (graph_one && graph_two)
		CHECK(memcmp(first.actors, second.actors,
		             first.vertex_count * sizeof(*first.actors)) == 0 &&
		              first.modularity == second.modularity,
		      "two runs give the same metrics");
	polgraph_analysis_release(&first);
	polgraph_analysis_release(&second);
	polgraph_graph_free(graph_one);
	polgraph_graph_free(graph_two);
}

/*
 * The sampled path (above exact_limit), forced on a small graph: k = n
 * sources give the exact values; a smaller k is deterministic.
 */
static void test_sampled(void)
{
	struct polgraph_analyze_options exact = { 0 }, all = { .exact_limit = 1,
		                                               .sources = 100 };
	struct polgraph_analyze_options some = { .exact_limit = 1,
		                                 .sources = 3 };
	struct polgraph_analysis want, got, again;
	struct polgraph_error err = { 0 };
	struct polgraph_graph *graph = NULL;

	for (int directed = 0; directed < 2; directed++) {
		struct polgraph_graph_edge_spec edges[COUNT(two_cliques) + 1];

		memcpy(edges, two_cliques, sizeof(two_cliques));
		/* a directed arc makes the analysis graph directed */
		edges[COUNT(two_cliques)] = (struct polgraph_graph_edge_spec){
			"a1", "b2", directed ? "supports" : "comention", 2
		};
		CHECK(polgraph_graph_from_edges(edges, COUNT(edges), &graph,
		                                &err) == POLGRAPH_OK,
		      "sampled graph: %s", err.message);
		CHECK(polgraph_analyze(graph, &exact, &want, &err) ==
		                      POLGRAPH_OK &&
		              polgraph_analyze(graph, &all, &got, &err) ==
		                      POLGRAPH_OK,
		      "sampled analysis: %s", err.message);
		CHECK(want.exact && !got.exact, "exact_limit forces sampling");
		CHECK_INT(got.sources, 8, "k capped at n");
		for (size_t i = 0; i < 8; i++) {
			CHECK_NEAR(got.actors[i].betweenness,
			           want.actors[i].betweenness,
			           "k = n betweenness is exact");
			CHECK_NEAR(got.actors[i].closeness,
			           want.actors[i].closeness,
			           "k = n closeness is exact");
			CHECK_NEAR(got.actors[i].pagerank,
			           want.actors[i].pagerank,
			           "sampling leaves pagerank alone");
		}
		polgraph_analysis_release(&got);
		CHECK(polgraph_analyze(graph, &some, &got, &err) ==
		                      POLGRAPH_OK &&
		              polgraph_analyze(graph, &some, &again, &err) ==
		                      POLGRAPH_OK,
		      "sampled analysis: %s", err.message);
		CHECK_INT(got.sources, 3, "k sources");
		CHECK(memcmp(got.actors, again.actors,
		             8 * sizeof(*got.actors)) == 0,
		      "same seed, same estimate");
		for (size_t i = 0; i < 8; i++)
			CHECK(got.actors[i].betweenness >= 0 &&
			              got.actors[i].closeness >= 0,
			      "estimates are not negative");
		polgraph_analysis_release(&want);
		polgraph_analysis_release(&got);
		polgraph_analysis_release(&again);
		polgraph_graph_free(graph);
		graph = NULL;
	}
}

static void test_metric_names(void)
{
	enum polgraph_metric metric;

	CHECK(polgraph_metric_parse("pagerank", &metric) &&
	              metric == POLGRAPH_METRIC_PAGERANK,
	      "parse pagerank");
	CHECK(!polgraph_metric_parse("fame", &metric), "unknown metric");
	CHECK_STR(polgraph_metric_name(POLGRAPH_METRIC_KCORE), "kcore",
	          "name of kcore");
	CHECK(polgraph_metric_name(POLGRAPH_METRIC_COUNT) == NULL,
	      "no name past the end");
}

static void test_empty(void)
{
	struct polgraph_error err = { 0 };
	struct polgraph_graph *graph = NULL;
	struct polgraph_analysis analysis;

	CHECK(polgraph_graph_from_edges(NULL, 0, &graph, &err) == POLGRAPH_OK,
	      "empty graph: %s", err.message);
	CHECK(polgraph_analyze(graph, NULL, &analysis, &err) == POLGRAPH_OK,
	      "empty analysis: %s", err.message);
	CHECK_INT(analysis.vertex_count, 0, "no vertices");
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
}

int main(void)
{
	test_star();
	test_two_cliques();
	test_chain();
	test_cycle();
	test_merge();
	test_deterministic();
	test_sampled();
	test_metric_names();
	test_empty();
	return check_done();
}
