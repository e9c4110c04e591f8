/*
 * analyze.h - per-actor centralities, k-cores, communities and a graph
 * summary, computed with igraph on a graph from graph.h.
 *
 * Consumes a struct polgraph_graph; produces a struct polgraph_analysis.
 * How a mixed graph is analysed (graph.h): if every edge is symmetric the
 * graph is undirected; otherwise it is directed and each symmetric edge
 * is two opposite arcs. Weights are article counts: PageRank, strength,
 * eigenvector, hub/authority and communities use them as tie strengths;
 * betweenness and closeness use 1/weight as the length of an edge.
 * Eigenvector centrality, k-cores and communities use the undirected view
 * (parallel edges of different types merged, weights added).
 * Same input and options, same output: every randomised stage reseeds.
 */
#ifndef POLGRAPH_ANALYZE_H
#define POLGRAPH_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polgraph/graph.h"
#include "polgraph/status.h"

/* X-macro of per-actor metrics: enum suffix, name. */
#define POLGRAPH_METRICS(_)                                                    \
	_(IN, "in")                                                            \
	_(OUT, "out")                                                          \
	_(DEGREE, "degree")                                                    \
	_(STRENGTH, "strength")                                                \
	_(PAGERANK, "pagerank")                                                \
	_(BETWEENNESS, "betweenness")                                          \
	_(CLOSENESS, "closeness")                                              \
	_(EIGENVECTOR, "eigenvector")                                          \
	_(HUB, "hub")                                                          \
	_(AUTHORITY, "authority")                                              \
	_(KCORE, "kcore")                                                      \
	_(COMMUNITY, "community")

enum polgraph_metric {
#define POLGRAPH_METRIC_ENUM(name, text) POLGRAPH_METRIC_##name,
	POLGRAPH_METRICS(POLGRAPH_METRIC_ENUM)
#undef POLGRAPH_METRIC_ENUM
		POLGRAPH_METRIC_COUNT
};

/* "pagerank"...; NULL outside the enum. */
const char *polgraph_metric_name(enum polgraph_metric metric);
/* Parses a metric name; false if unknown. */
bool polgraph_metric_parse(const char *name, enum polgraph_metric *metric);

/* Community detection, both maximising weighted modularity. */
enum polgraph_community {
	POLGRAPH_COMMUNITY_LEIDEN, /* igraph_community_leiden (default) */
	POLGRAPH_COMMUNITY_LOUVAIN /* igraph_community_multilevel */
};

struct polgraph_analyze_options {
	double damping;     /* PageRank damping; 0 = 0.85 */
	size_t exact_limit; /* vertices up to which betweenness and
	                       closeness are exact; 0 = 5000 */
	size_t sources;     /* sampled sources above it; 0 = 256, fewer
	                       on graphs over 85937 arcs (docs/report.md) */
	unsigned long seed; /* RNG seed (sample, ARPACK, communities); 0 = 42 */
	enum polgraph_community community; /* default Leiden */
	bool single_process; /* never fork a helper (see polgraph_analyze) */
	uint32_t metrics;    /* bit 1 << metric for each metric wanted; 0 =
	                        all. Others stay 0 (degrees, in, out and
	                        strength are always counted; the community
	                        bit also gives communities and modularity) */
	/* Called as each stage starts ("pagerank", "betweenness"...) and
	   once with NULL at the end; may be NULL. For progress and timings. */
	void (*stage)(void *context, const char *name);
	void *stage_context;
};

/* Metrics of one actor (vertex i of the graph). */
struct polgraph_actor_metrics {
	int64_t in, out, degree; /* incident edges; symmetric count in+out */
	double strength;         /* sum of incident edge weights */
	double pagerank;         /* sums to 1 over the graph */
	double betweenness;      /* raw pair counts, not normalised */
	double closeness;        /* normalised over reachable vertices; 0 if
	                            none is reachable */
	double eigenvector;      /* scaled, max 1 */
	double hub, authority;   /* scaled, max 1 */
	int64_t kcore;           /* coreness on the undirected view */
	int64_t community;       /* 0-based, numbered by first vertex */
};

/* Edges of one type. */
struct polgraph_type_count {
	const char *type; /* owned by the graph */
	size_t edges;
};

struct polgraph_analysis {
	size_t vertex_count;
	struct polgraph_actor_metrics *actors; /* vertex_count entries */
	size_t edge_count;
	struct polgraph_type_count *types; /* by type name */
	size_t type_count;
	bool directed;      /* the analysis view is directed */
	double density;     /* of the analysis view, no loops */
	size_t components;  /* weakly connected */
	size_t communities; /* Leiden or Louvain communities */
	double modularity;  /* of that partition, weighted */
	bool exact;         /* betweenness and closeness exact */
	size_t sources;     /* sampled sources when not exact, else 0 */
};

/*
 * Computes every metric of every vertex and the summary into *analysis
 * (release with polgraph_analysis_release, also after a failure).
 * Cost: betweenness and closeness are O(V E log V) when exact; the rest
 * are near linear. Above options->exact_limit vertices both are estimated
 * from k = options->sources distinct vertices drawn with the seeded RNG
 * (all of them when k >= V, which gives the exact values):
 *   betweenness: igraph_betweenness_subset from the k sources to every
 *     vertex, scaled by V / k (an unbiased estimate of the raw counts);
 *   closeness: the inverse mean distance from the vertex to the sampled
 *     sources it reaches (Eppstein-Wang), by Dijkstra from each source
 *     against the arcs; 0 when it reaches none.
 * Cost then O(k E log V). On those graphs betweenness, hub/authority and
 * eigenvector run in a forked child process (unless options->single_process),
 * whose values are used only if it succeeds; the caller must tolerate a fork
 * (no locks held by other threads that the child would need).
 */
enum polgraph_status
polgraph_analyze(const struct polgraph_graph *graph,
                 const struct polgraph_analyze_options *options,
                 struct polgraph_analysis *analysis,
                 struct polgraph_error *err);

/* Frees what polgraph_analyze allocated; accepts a zeroed analysis. */
void polgraph_analysis_release(struct polgraph_analysis *analysis);

/* The value of metric for actor, as a double (integers converted). */
double polgraph_metric_value(const struct polgraph_actor_metrics *actor,
                             enum polgraph_metric metric);

#endif
