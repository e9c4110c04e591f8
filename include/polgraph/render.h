/*
 * render.h - diagrams of the actor graph through the Graphviz libraries
 * (cgraph builds the graph, gvc lays it out and renders it): DOT, SVG,
 * PNG and PDF. The only module that uses Graphviz.
 *
 * Consumes a graph (graph.h) and what the caller gathered about it:
 * labels, node sizes, clusters and tooltip notes (aliases, evidence);
 * produces the bytes of the diagram. Actors are styled by type (shape and
 * fill), edges by relation type (colour, line style, arrowhead; symmetric
 * types undirected; co-mentions light and thin), edge width by weight.
 *
 * Names and evidence are untrusted text, and Graphviz 2.42 is not safe
 * with arbitrary attribute values (docs/render.md). So node ids are
 * generated (n0, n1, ... in vertex order), text reaches Graphviz only as
 * label and tooltip values cleaned by polgraph_render_clean, every other
 * attribute name and value comes from this module's own tables and
 * number formats, no URL, href or image attribute is ever set, and no
 * label is HTML-like. DOT output is the graph before layout, in a stable
 * order, so it can be diffed.
 *
 * Graphviz aborts the process when it runs out of memory, and its layout
 * cost grows fast with size (dot: quadratic or worse; sfdp: near linear):
 * callers cut large graphs down first (see polgraph_render_auto_layout).
 * Not thread-safe: Graphviz keeps global state.
 */
#ifndef POLGRAPH_RENDER_H
#define POLGRAPH_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polgraph/graph.h"
#include "polgraph/mem.h"
#include "polgraph/status.h"

enum polgraph_render_format {
	POLGRAPH_RENDER_DOT, /* the graph before layout, Graphviz's DOT */
	POLGRAPH_RENDER_SVG,
	POLGRAPH_RENDER_PNG,
	POLGRAPH_RENDER_PDF,
};

/* "dot", "svg", "png", "pdf" -> *format; false if unknown. */
bool polgraph_render_format_parse(const char *name,
                                  enum polgraph_render_format *format);
/* "dot", "svg"...; NULL outside the enum. */
const char *polgraph_render_format_name(enum polgraph_render_format format);
/* The format named by path's extension (".svg"...); false if none. */
bool polgraph_render_format_of_path(const char *path,
                                    enum polgraph_render_format *format);

/* Is name a layout engine we allow (dot, neato, fdp, sfdp, circo, twopi)? */
bool polgraph_render_layout_known(const char *name);

/* Largest graph laid out with dot by default; sfdp above. dot's crossing
   minimisation grows fast with edges: 50 vertices and 944 edges took 5 s,
   1,536 edges 80 s (news co-mentions make small dense graphs). */
#define POLGRAPH_RENDER_DOT_LIMIT      100
#define POLGRAPH_RENDER_DOT_EDGE_LIMIT 600

/* The default engine for a graph of this size: "dot" or "sfdp". */
const char *polgraph_render_auto_layout(size_t vertex_count, size_t edge_count);

/*
 * What to draw besides the graph itself. Zero-initialise, then set what
 * you have; arrays are indexed like the graph's vertices or edges and
 * borrowed for the call. Text in them is untrusted and gets cleaned.
 */
struct polgraph_render_options {
	enum polgraph_render_format format;
	const char *layout; /* engine (polgraph_render_layout_known); NULL =
	                       polgraph_render_auto_layout */
	const char *title;  /* caption above the graph, or NULL */
	const char *const *labels;       /* node labels; NULL (or a NULL
	                                    entry) = the vertex name */
	const char *const *vertex_notes; /* extra node tooltip text, LF
	                                    between lines (aliases), or NULL */
	const char *const *edge_notes;   /* extra edge tooltip text
	                                    (evidence), or NULL */
	const double *sizes;     /* node size by this value (a centrality), or
	                            NULL for one size */
	const char *size_name;   /* what sizes hold ("pagerank"), for tooltips
	                            and the legend */
	const int64_t *clusters; /* cluster number of each vertex (community),
	                            or NULL for none; negative = no cluster */
	bool legend;             /* draw a legend of the types shown */
};

/*
 * Draws graph into out (appended) in options->format. On failure (an
 * unknown layout, a Graphviz error) returns POLGRAPH_INVALID or
 * POLGRAPH_ERROR with err saying why and out unchanged. Cost: building is
 * O(V + E); the layout is the engine's (see the file comment).
 */
enum polgraph_status
polgraph_render(const struct polgraph_graph *graph,
                const struct polgraph_render_options *options,
                struct polgraph_buf *out, struct polgraph_error *err);

/* Where a piece of text is going. */
enum polgraph_render_text {
	POLGRAPH_RENDER_LABEL,   /* one line: LF becomes a space */
	POLGRAPH_RENDER_TOOLTIP, /* LF becomes a line break */
};

/*
 * Appends text cleaned for a Graphviz label or tooltip value to out:
 * polgraph_text_sanitize (valid UTF-8, no control characters), then in a
 * label each backslash doubled (so "\N", "\G"... and a trailing "\" stay
 * literal in the drawing and in written DOT) and LF made a space; in a
 * tooltip each backslash replaced by U+29F5 (Graphviz 2.42 unescapes
 * node tooltips twice, so no escaping keeps one literal) and LF made the
 * escape "\n". Cut to at most max_bytes (0 = no cap) at a character
 * boundary, ending in "…" when cut.
 */
void polgraph_render_clean(const char *text, enum polgraph_render_text kind,
                           size_t max_bytes, struct polgraph_buf *out);

/* ---- reading DOT back, for tests and checks ---- */

struct polgraph_dot_attr {
	const char *name, *value;
};

/* A graph, subgraph, node or edge of a parsed DOT file. */
struct polgraph_dot_object {
	const char *name;        /* graph, subgraph or node name; edge: NULL */
	const char *tail, *head; /* edge endpoints (node names); else NULL */
	struct polgraph_dot_attr *attrs; /* every attribute declared for
	                                    its kind, with its value here */
	size_t attr_count;
};

struct polgraph_dot {
	bool directed;
	struct polgraph_dot_object *graphs; /* the root, then its subgraphs
	                                       depth first */
	size_t graph_count;
	struct polgraph_dot_object *nodes; /* in file order */
	size_t node_count;
	struct polgraph_dot_object *edges; /* by tail node, then file order */
	size_t edge_count;
	struct polgraph_arena arena; /* everything above */
};

/*
 * Parses DOT text with cgraph into *dot (zero-initialise; release with
 * polgraph_dot_release, also after a failure). POLGRAPH_INVALID with err
 * if the text is not one valid graph.
 */
enum polgraph_status polgraph_dot_parse(const char *text,
                                        struct polgraph_dot *dot,
                                        struct polgraph_error *err);
void polgraph_dot_release(struct polgraph_dot *dot);

/* The value of attribute name of object, or NULL if none is declared. */
const char *polgraph_dot_get(const struct polgraph_dot_object *object,
                             const char *name);

#endif
