/*
 * export.h - the actor graph in the formats other tools read: GraphML
 * (Gephi, Cytoscape, yEd, igraph, NetworkX), GEXF 1.3 with time
 * intervals (Gephi's timeline), node-link JSON (d3, NetworkX
 * node_link_graph) and CSV with neo4j-admin import headers.
 *
 * Consumes a graph (graph.h), optionally its analysis (analyze.h) and
 * per-actor aliases; produces the bytes of one file. Every node carries
 * key, name, type, mentions, first and last seen date, aliases and, when
 * an analysis is given, every metric; every edge its type, whether it is
 * symmetric, weight (articles), sentences (evidence count), first and last
 * date. Text goes through polgraph_text_sanitize, then the format's
 * escaping. Columns and attributes: docs/render.md.
 */
#ifndef POLGRAPH_EXPORT_H
#define POLGRAPH_EXPORT_H

#include "polgraph/analyze.h"
#include "polgraph/graph.h"
#include "polgraph/mem.h"
#include "polgraph/status.h"

enum polgraph_export_format {
	POLGRAPH_EXPORT_GRAPHML,
	POLGRAPH_EXPORT_GEXF,
	POLGRAPH_EXPORT_JSON,
	POLGRAPH_EXPORT_CSV_NODES, /* neo4j-admin nodes file */
	POLGRAPH_EXPORT_CSV_EDGES, /* neo4j-admin relationships file */
};

struct polgraph_export_options {
	const struct polgraph_analysis *analysis; /* of graph, or NULL */
	const char *const *aliases; /* per vertex, joined with ";", or NULL */
};

/*
 * Appends graph in format to out. Output is deterministic: vertices and
 * edges in graph order, attributes in a fixed order, numbers in fixed
 * formats. Returns POLGRAPH_OK, or the buffer's POLGRAPH_TOOBIG.
 */
enum polgraph_status
polgraph_export(const struct polgraph_graph *graph,
                enum polgraph_export_format format,
                const struct polgraph_export_options *options,
                struct polgraph_buf *out, struct polgraph_error *err);

/* Appends s sanitised and escaped for XML text and attribute values
   (& < > " ' and LF as character references). */
void polgraph_export_xml_text(struct polgraph_buf *out, const char *s);

#endif
