/*
 * graph_impl.h - the inside of struct polgraph_graph, shared by graph.c
 * and analyze.c only. Include <igraph.h> before this header (only those
 * two files may include it).
 */
#ifndef POLGRAPH_GRAPH_IMPL_H
#define POLGRAPH_GRAPH_IMPL_H

#include "polgraph/graph.h"
#include "polgraph/mem.h"
#include "polgraph/strmap.h"

struct graph_vertex {
	const char *key, *name, *type; /* in the graph's arena */
	int64_t mentions;
	const char *first_seen, *last_seen; /* "" when unknown */
};

struct graph_edge {
	size_t source, target;
	const char *type;
	bool symmetric;
	int64_t weight, sentences;
	const char *first_date, *last_date;  /* "" when unknown */
	int64_t last_article, last_sentence; /* the last row counted */
	/* keep_evidence: the first rows in evidence order (graph's arena) */
	struct polgraph_graph_evidence *evidence;
	size_t evidence_count, evidence_capacity;
	size_t evidence_forward; /* of them, rows in the edge's own direction
	                            (reversed rows of a symmetric relation
	                            type come after these) */
	int64_t rows;            /* store rows counted into the edge */
};

struct polgraph_graph {
	struct polgraph_arena arena; /* every string of the graph */
	struct graph_vertex *vertices;
	size_t vertex_count, vertex_capacity;
	struct polgraph_strmap vertex_index; /* key -> vertex */
	struct graph_edge *edges;
	size_t edge_count, edge_capacity;
	struct polgraph_strmap edge_index; /* "type\037src\037tgt" -> edge */
	bool directed;                     /* some edge is not symmetric */
	long keep_evidence; /* rows kept per edge (polgraph_graph_build) */
	/* while building: the kept rows' article ids and dates, one copy
	   each (value: index in strings) */
	struct polgraph_strmap string_index;
	const char **strings;
	size_t string_count, string_capacity;
	bool built; /* arcs and arc_* are valid */
	/*
	 * The analysis view: directed when `directed`, each symmetric edge
	 * as two arcs; otherwise undirected, one edge each.
	 */
	igraph_t arcs;
	igraph_vector_t arc_weight;   /* edge weight (articles) per arc */
	igraph_vector_int_t arc_edge; /* logical edge of each arc */
};

/* Sets err from the last igraph failure; returns POLGRAPH_ERROR. */
enum polgraph_status graph_igraph_fail(igraph_error_t code, const char *what,
                                       struct polgraph_error *err);

#endif
