/*
 * graph.h - the actor graph: built from the store with a filter, or from
 * an explicit edge list; the igraph module's input side.
 *
 * Consumes the store's graph rows (store.h) or caller edges; produces an
 * opaque graph with one vertex per actor and one edge per (source, target,
 * type), aggregated: weight = distinct articles supporting the edge,
 * sentences = distinct pieces of evidence, first and last article date.
 *
 * Symmetric types (meets-with, comention) are stored once, endpoints in
 * key order. For analysis (analyze.h) a graph whose edges are all
 * symmetric is an undirected graph; a graph with any directed edge is a
 * directed graph in which each symmetric edge becomes two opposite arcs.
 * Self-loops are dropped. igraph is used only here and in analyze.c.
 */
#ifndef POLGRAPH_GRAPH_H
#define POLGRAPH_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polgraph/mem.h"
#include "polgraph/status.h"
#include "polgraph/store.h"

struct polgraph_graph;

/*
 * Installs polgraph's igraph error and warning handlers (record the
 * message, never abort, never print). Idempotent; the builders call it,
 * and programs may call it once at start-up.
 */
void polgraph_graph_init(void);

/*
 * Checks that igraph errors come back as statuses rather than ending the
 * process (igraph's own default handler aborts): installs the handlers,
 * provokes one igraph error (an edge list of odd length) and returns what
 * came back: POLGRAPH_ERROR with err naming igraph's reason when all is
 * well. For tests and start-up checks.
 */
enum polgraph_status polgraph_graph_check_errors(struct polgraph_error *err);

/*
 * Builds the graph of the store under filter (a zeroed filter takes
 * everything; see store.h). Edges with fewer than filter->min_weight
 * articles are dropped; vertices are every actor mentioned in the
 * admitted articles, in key order. On success *graph is set; free it
 * with polgraph_graph_free. Cost: the store's two graph queries plus
 * O(rows) hashing.
 */
enum polgraph_status
polgraph_graph_build(struct polgraph_store *store,
                     const struct polgraph_graph_filter *filter,
                     struct polgraph_graph **graph, struct polgraph_error *err);

/* One edge for polgraph_graph_from_edges. */
struct polgraph_graph_edge_spec {
	const char *source; /* actor key */
	const char *target; /* actor key */
	const char *type;   /* relation type or "comention" */
	long weight;        /* articles; <= 0 counts as 1 */
};

/*
 * Builds a graph from an explicit edge list (tests, imports). Vertices
 * are the keys in order of first appearance (source before target), with
 * name = key and type "". Edges with the same (source, target, type) are
 * merged, weights added; symmetric types are merged regardless of order.
 */
enum polgraph_status
polgraph_graph_from_edges(const struct polgraph_graph_edge_spec *edges,
                          size_t count, struct polgraph_graph **graph,
                          struct polgraph_error *err);

/* Accepts NULL. */
void polgraph_graph_free(struct polgraph_graph *graph);

size_t polgraph_graph_vertex_count(const struct polgraph_graph *graph);
size_t polgraph_graph_edge_count(const struct polgraph_graph *graph);
/* True when some edge is directed (the analysis view is then directed). */
bool polgraph_graph_directed(const struct polgraph_graph *graph);

/* A vertex. Strings are owned by the graph. */
struct polgraph_graph_vertex {
	const char *key;
	const char *name;
	const char *type;       /* "" when unknown */
	int64_t mentions;       /* mentions in the admitted articles */
	const char *first_seen; /* "" when unknown */
	const char *last_seen;  /* "" when unknown */
};

/* An edge. Strings are owned by the graph. */
struct polgraph_graph_edge {
	size_t source, target; /* vertex indices; key order if symmetric */
	const char *type;
	bool symmetric;         /* meets-with, comention */
	int64_t weight;         /* distinct articles */
	int64_t sentences;      /* distinct pieces of evidence */
	const char *first_date; /* "" when unknown */
	const char *last_date;  /* "" when unknown */
};

/* Fills *vertex for index < vertex_count; false otherwise. */
bool polgraph_graph_vertex(const struct polgraph_graph *graph, size_t index,
                           struct polgraph_graph_vertex *vertex);
/* Fills *edge for index < edge_count; false otherwise. */
bool polgraph_graph_edge(const struct polgraph_graph *graph, size_t index,
                         struct polgraph_graph_edge *edge);
/* One store row of an edge kept by polgraph_graph_build. Strings are
   owned by the graph. */
struct polgraph_graph_evidence {
	int64_t article_id;  /* the article's rowid */
	int64_t sentence;    /* sentence index in the article */
	const char *article; /* article external id */
	const char *date;    /* article date, "" when unknown */
};

/*
 * The evidence polgraph_graph_build kept for edge index when
 * filter->keep_evidence was N > 0: in *rows (owned by the graph) the
 * first min(N, *total) of the edge's store rows in evidence order
 * (store.h: by type, source, target, article id, sentence), *count of
 * them, and in *total how many rows the edge has (what a pass over
 * polgraph_store_graph_edges under the same filter would count). Returns
 * N, or 0 (nothing set) when the graph keeps no evidence (from edges, or
 * built without keep_evidence) or index is out of range. Subgraphs and
 * ego graphs keep their edges' evidence.
 */
long polgraph_graph_edge_evidence(const struct polgraph_graph *graph,
                                  size_t index,
                                  const struct polgraph_graph_evidence **rows,
                                  size_t *count, int64_t *total);

/* Index of the vertex with this key, or -1. O(1). */
long polgraph_graph_find(const struct polgraph_graph *graph, const char *key);

/*
 * Writes the identity of an edge, "type\037source\037target" (actor
 * keys), into buf (reset first), endpoints in key order for symmetric
 * types as the graph stores them, so store rows (either order) and graph
 * edges meet on one key.
 */
void polgraph_graph_edge_key(struct polgraph_buf *buf, const char *type,
                             const char *source, const char *target);

/*
 * The ego graph of vertex center: the vertices within depth hops of it,
 * edges followed in either direction (undirected reachability; depth 0
 * is the vertex alone), with every edge of graph between two of them.
 * Vertices keep graph's order and attributes. On success *ego is set;
 * free it with polgraph_graph_free. POLGRAPH_INVALID for a bad center
 * or a negative depth. Cost: a breadth-first search plus O(V + E).
 */
enum polgraph_status polgraph_graph_ego(const struct polgraph_graph *graph,
                                        size_t center, long depth,
                                        struct polgraph_graph **ego,
                                        struct polgraph_error *err);

/*
 * The subgraph of graph with the vertices v for which keep_vertex[v] is
 * true (vertex_count entries) and the edges between two of them for
 * which keep_edge[e] is true (edge_count entries; NULL keeps them all).
 * Vertices keep graph's order and attributes, edges their weights and
 * dates. On success *sub is set; free it with polgraph_graph_free.
 * Cost: O(V + E).
 */
enum polgraph_status polgraph_graph_subgraph(const struct polgraph_graph *graph,
                                             const bool *keep_vertex,
                                             const bool *keep_edge,
                                             struct polgraph_graph **sub,
                                             struct polgraph_error *err);

/*
 * A shortest path from vertex from to vertex to, counted in hops over the
 * undirected view (edge direction and weight ignored). On success
 * *vertices (caller frees with free) holds the *count vertex indices from
 * from to to; *count is 0 when to is unreachable. POLGRAPH_INVALID for a
 * bad index. Cost: one breadth-first search, O(V + E).
 */
enum polgraph_status polgraph_graph_path(const struct polgraph_graph *graph,
                                         size_t from, size_t to,
                                         size_t **vertices, size_t *count,
                                         struct polgraph_error *err);

#endif
