/*
 * drawing.h - what a picture or an export of the actor graph carries
 * besides the graph itself: the graph cut to its top actors, node sizes
 * by a centrality, communities, labels in a language, aliases and the
 * first evidence sentences of each edge; and the files made of it.
 * `polgraph render`, `polgraph export` and the query module's g:render
 * and g:export all go through here, so a file made either way is the
 * same file.
 *
 * Consumes a built graph (graph.h), the store and the lexicon; produces
 * a struct polgraph_drawing whose arrays line up with the drawn graph's
 * vertices and edges, then the bytes of a diagram (render.h) or an
 * export file (export.h), and writes them as whole files.
 */
#ifndef POLGRAPH_DRAWING_H
#define POLGRAPH_DRAWING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polgraph/analyze.h"
#include "polgraph/graph.h"
#include "polgraph/mem.h"
#include "polgraph/render.h"
#include "polgraph/status.h"
#include "polgraph/store.h"

/* Actors drawn when options->top is 0 and the graph is larger. */
#define POLGRAPH_DRAWING_LARGE 300

/* The language of node labels. */
enum polgraph_labels {
	POLGRAPH_LABELS_EN,   /* the lexicon's English display name */
	POLGRAPH_LABELS_RU,   /* the Russian name, else the vertex name */
	POLGRAPH_LABELS_ORIG, /* the language most mentions are in */
};

/* "en", "ru", "orig" -> *labels; false if unknown. */
bool polgraph_labels_parse(const char *name, enum polgraph_labels *labels);

struct polgraph_drawing_options {
	struct polgraph_analyze_options analyze; /* with metrics != 0, only
	   those plus size_by, rank_by and community are computed */
	enum polgraph_metric size_by;            /* node size */
	enum polgraph_metric rank_by;            /* which actors top keeps */
	long top;      /* 0 = all, up to POLGRAPH_DRAWING_LARGE; < 0 = all */
	long evidence; /* sentences kept per edge */
	enum polgraph_labels labels;
	const char *data_dir; /* lexicon for labels ru and orig; NULL =
	                         polgraph_default_data_dir() */
};

struct polgraph_drawing_evidence_row {
	const char *date;    /* "" when unknown */
	const char *article; /* external id */
	const char *sentence;
};

/* The first sentences supporting one edge. */
struct polgraph_drawing_evidence {
	struct polgraph_drawing_evidence_row *rows; /* count entries */
	size_t count;
	size_t total; /* rows the store holds for the edge */
};

struct polgraph_drawing {
	const struct polgraph_graph *full;  /* drawn from; borrowed */
	const struct polgraph_graph *graph; /* what is drawn: full or cut */
	struct polgraph_graph *cut;         /* the top subgraph, or NULL */
	size_t cut_from; /* actors of full when top was 0 and the graph was
	                    cut to POLGRAPH_DRAWING_LARGE (callers may say
	                    so); else 0 */
	enum polgraph_metric size_by;      /* what sizes hold */
	struct polgraph_analysis analysis; /* of full */
	size_t *full_index;                /* drawn vertex -> vertex of full */
	double *sizes;                     /* per drawn vertex: size_by */
	int64_t *clusters;                 /* per drawn vertex: community */
	const char **labels;
	char **vertex_notes, **edge_notes; /* tooltip text, may be NULL */
	char **aliases; /* per drawn vertex, joined with ';', may be NULL */
	struct polgraph_drawing_evidence *evidence; /* per drawn edge */
	struct polgraph_arena arena;                /* strings of the above */
};

/*
 * Zero-initialise drawing, then build it from full (borrowed; must
 * outlive the drawing), built from store with filter: analyses full, cuts
 * it to options->top actors by options->rank_by (POLGRAPH_DRAWING_LARGE
 * when top is 0 and the graph is larger, noted in cut_from), and gathers
 * labels, aliases and up to options->evidence sentences per edge (store
 * rows under filter). Release with polgraph_drawing_release, also after a
 * failure. Cost: polgraph_analyze on full, one pass over the store's
 * surface forms and, with evidence, over its edge rows under filter.
 */
enum polgraph_status
polgraph_drawing_build(struct polgraph_drawing *drawing,
                       const struct polgraph_graph *full,
                       struct polgraph_store *store,
                       const struct polgraph_graph_filter *filter,
                       const struct polgraph_drawing_options *options,
                       struct polgraph_error *err);

/*
 * The first per_edge evidence rows (date, article, sentence) of each edge
 * e of graph with wanted[e] (NULL: every edge), from the store under
 * filter (the one graph was built with), and how many rows each has.
 * *evidence gets edge_count entries (caller frees; strings in arena).
 * Cost: when graph kept at least per_edge rows per edge while it was
 * built (filter->keep_evidence, graph.h), one sentence lookup per row
 * shown; otherwise one pass over the store's edge rows under filter in
 * evidence order (every relation and co-mention: seconds on a large
 * store).
 */
enum polgraph_status polgraph_drawing_evidence_gather(
	const struct polgraph_graph *graph, struct polgraph_store *store,
	const struct polgraph_graph_filter *filter, long per_edge,
	const bool *wanted, struct polgraph_arena *arena,
	struct polgraph_drawing_evidence **evidence,
	struct polgraph_error *err);

/* Frees what build allocated (not full); accepts a zeroed drawing. */
void polgraph_drawing_release(struct polgraph_drawing *drawing);

/* How to draw a built drawing (polgraph_drawing_render). */
struct polgraph_drawing_style {
	enum polgraph_render_format format;
	const char *layout; /* NULL = polgraph_render_auto_layout */
	const char *title;  /* or NULL */
	bool size;          /* node size by drawing->size_by */
	bool cluster;       /* communities as clusters */
	bool legend;
};

/* Appends the diagram of drawing to out (polgraph_render's errors). */
enum polgraph_status
polgraph_drawing_render(const struct polgraph_drawing *drawing,
                        const struct polgraph_drawing_style *style,
                        struct polgraph_buf *out, struct polgraph_error *err);

/* The file formats of `polgraph export` and g:export. */
enum polgraph_drawing_format {
	POLGRAPH_DRAWING_GRAPHML,
	POLGRAPH_DRAWING_GEXF,
	POLGRAPH_DRAWING_JSON,
	POLGRAPH_DRAWING_CSV, /* two files: nodes and edges */
	POLGRAPH_DRAWING_DOT, /* render.h's DOT, no tooltips of evidence */
};

/* "graphml", "gexf", "json", "csv", "dot" -> *format; false if unknown. */
bool polgraph_drawing_format_parse(const char *name,
                                   enum polgraph_drawing_format *format);
/* The format named by path's extension (".graphml"...); false if none. */
bool polgraph_drawing_format_of_path(const char *path,
                                     enum polgraph_drawing_format *format);

/* Files one export writes: 2 for CSV (nodes, edges), else 1. */
size_t polgraph_drawing_export_parts(enum polgraph_drawing_format format);

/*
 * The path of file part of an export to path: path itself, or for CSV
 * PATH-nodes.csv and PATH-edges.csv (a trailing ".csv" of path dropped).
 * Caller frees with free.
 */
char *polgraph_drawing_export_path(const char *path,
                                   enum polgraph_drawing_format format,
                                   size_t part);

/*
 * Appends file part (< polgraph_drawing_export_parts) of drawing's
 * graph in format to out: every attribute export.h writes, with the
 * aliases and, when centrality, every metric of the analysis (DOT: node
 * sizes by PageRank). POLGRAPH_OK, or the writer's error with err.
 */
enum polgraph_status
polgraph_drawing_export(const struct polgraph_drawing *drawing,
                        enum polgraph_drawing_format format, size_t part,
                        bool centrality, struct polgraph_buf *out,
                        struct polgraph_error *err);

/*
 * Writes data[0..len) to path as a whole: into a new temporary file
 * beside it (".NAME.XXXXXX", mode 0666 less the umask), renamed over path
 * once complete, so path holds its old content or all of the new, and a
 * failure leaves no file behind. A symbolic link at path is replaced,
 * not followed. POLGRAPH_IO with err ("cannot write 'path': ...").
 */
enum polgraph_status polgraph_drawing_save(const char *path, const char *data,
                                           size_t len,
                                           struct polgraph_error *err);

#endif
