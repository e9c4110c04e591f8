/*
 * graph.c - builds the actor graph (graph.h) from the store's graph rows
 * or an explicit edge list, and its igraph analysis view.
 *
 * Consumes polgraph_store_graph_actors/_edges rows; produces a struct
 * polgraph_graph (graph_impl.h) with aggregated edges and an igraph_t in
 * which symmetric edges are two arcs when the graph has directed edges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "graph_impl.h"
#include "polgraph/relations.h"

/* ---- igraph errors ---- */

static char igraph_last_reason[256];

/* Records the reason and frees igraph's temporaries; never aborts. */
static void on_igraph_error(const char *reason, const char *file, int line,
                            igraph_error_t code)
{
	snprintf(igraph_last_reason, sizeof(igraph_last_reason), "%s",
	         reason ? reason : "");
	igraph_error_handler_ignore(reason, file, line, code);
}

/* The library never prints: warnings (non-convergence...) are dropped. */
static void on_igraph_warning(const char *reason, const char *file, int line)
{
	(void)reason;
	(void)file;
	(void)line;
}

void polgraph_graph_init(void)
{
	static bool installed;

	if (installed)
		return;
	igraph_set_error_handler(on_igraph_error);
	igraph_set_warning_handler(on_igraph_warning);
	installed = true;
}

enum polgraph_status polgraph_graph_check_errors(struct polgraph_error *err)
{
	igraph_vector_int_t ends;
	igraph_t graph;
	igraph_error_t code;

	polgraph_graph_init();
	code = igraph_vector_int_init(&ends, 3);
	if (code != IGRAPH_SUCCESS)
		return graph_igraph_fail(code, "igraph error check", err);
	code = igraph_create(&graph, &ends, 0, IGRAPH_DIRECTED);
	igraph_vector_int_destroy(&ends);
	if (code == IGRAPH_SUCCESS) {
		igraph_destroy(&graph);
		return polgraph_error_set(err, POLGRAPH_OK,
		                          "igraph accepted an odd edge list");
	}
	return graph_igraph_fail(code, "igraph error check", err);
}

enum polgraph_status graph_igraph_fail(igraph_error_t code, const char *what,
                                       struct polgraph_error *err)
{
	return polgraph_error_set(
		err, code == IGRAPH_ENOMEM ? POLGRAPH_NOMEM : POLGRAPH_ERROR,
		"%s: %s%s%s", what, igraph_strerror(code),
		igraph_last_reason[0] ? ": " : "", igraph_last_reason);
}

/* ---- building ---- */

static struct polgraph_graph *graph_new(void)
{
	polgraph_graph_init();
	return polgraph_xcalloc(1, sizeof(struct polgraph_graph));
}

static const char *copy_or_empty(struct polgraph_graph *graph, const char *s)
{
	return polgraph_arena_strdup(&graph->arena, s ? s : "");
}

/* Adds a vertex unless its key is present; returns its index. */
static size_t add_vertex(struct polgraph_graph *graph, const char *key,
                         const char *name, const char *type)
{
	struct graph_vertex *vertex;
	size_t index;

	if (polgraph_strmap_get(&graph->vertex_index, key, strlen(key), &index))
		return index;
	polgraph_xgrow((void **)&graph->vertices, &graph->vertex_capacity,
	               graph->vertex_count + 1, sizeof(*graph->vertices));
	index = graph->vertex_count++;
	vertex = &graph->vertices[index];
	memset(vertex, 0, sizeof(*vertex));
	vertex->key = copy_or_empty(graph, key);
	vertex->name = copy_or_empty(graph, name ? name : key);
	vertex->type = copy_or_empty(graph, type);
	vertex->first_seen = vertex->last_seen = "";
	polgraph_strmap_put(&graph->vertex_index, vertex->key, index);
	return index;
}

static bool type_symmetric(const char *type)
{
	return strcmp(type, POLGRAPH_COMENTION) == 0 ||
	       polgraph_relation_symmetric(type);
}

void polgraph_graph_edge_key(struct polgraph_buf *buf, const char *type,
                             const char *source, const char *target)
{
	if (type_symmetric(type) && strcmp(source, target) > 0) {
		const char *swap = source;

		source = target;
		target = swap;
	}
	polgraph_buf_reset(buf);
	polgraph_buf_printf(buf, "%s\037%s\037%s", type, source, target);
}

/* Writes the decimal digits of value at out; returns the end. */
static char *put_number(char *out, unsigned long long value)
{
	char digits[24];
	size_t count = 0;

	do
		digits[count++] = (char)('0' + value % 10);
	while ((value /= 10) != 0);
	while (count)
		*out++ = digits[--count];
	return out;
}

/*
 * The lookup key "type US source US target" in buffer (US = \037);
 * returns its length, 0 when it does not fit. Built by hand: this runs
 * once per relation row, millions of times on a large store.
 */
static size_t edge_key(char *buffer, size_t size, const char *type,
                       size_t source, size_t target)
{
	size_t type_len = strlen(type);
	char *at;

	if (type_len + 2 * 24 + 3 > size)
		return 0;
	memcpy(buffer, type, type_len);
	at = buffer + type_len;
	*at++ = '\037';
	at = put_number(at, source);
	*at++ = '\037';
	at = put_number(at, target);
	*at = '\0';
	return (size_t)(at - buffer);
}

/*
 * Finds or adds the edge (source, target, type); symmetric edges have
 * their endpoints in key order. Returns the edge index.
 */
static size_t add_edge(struct polgraph_graph *graph, size_t source,
                       size_t target, const char *type)
{
	bool symmetric = type_symmetric(type);
	struct graph_edge *edge;
	const char *key;
	char buffer[128];
	size_t index, len;

	if (symmetric && strcmp(graph->vertices[source].key,
	                        graph->vertices[target].key) > 0) {
		size_t swap = source;

		source = target;
		target = swap;
	}
	len = edge_key(buffer, sizeof(buffer), type, source, target);
	if (len && polgraph_strmap_get(&graph->edge_index, buffer, len, &index))
		return index;
	key = len ? polgraph_arena_strdup(&graph->arena, buffer)
	          : polgraph_arena_printf(&graph->arena, "%s\037%zu\037%zu",
	                                  type, source, target);
	polgraph_xgrow((void **)&graph->edges, &graph->edge_capacity,
	               graph->edge_count + 1, sizeof(*graph->edges));
	index = graph->edge_count++;
	edge = &graph->edges[index];
	memset(edge, 0, sizeof(*edge));
	edge->source = source;
	edge->target = target;
	edge->type = polgraph_arena_strdup(&graph->arena, type);
	edge->symmetric = symmetric;
	edge->first_date = edge->last_date = "";
	if (!symmetric)
		graph->directed = true;
	polgraph_strmap_put(&graph->edge_index, key, index);
	return index;
}

/* Drops edges under min_weight and builds the igraph view. */
static enum polgraph_status finish(struct polgraph_graph *graph,
                                   long min_weight, struct polgraph_error *err)
{
	igraph_vector_int_t ends;
	igraph_integer_t arc_count = 0, arc = 0;
	igraph_error_t code;
	size_t kept = 0;

	for (size_t i = 0; i < graph->edge_count; i++)
		if (graph->edges[i].weight >= min_weight)
			graph->edges[kept++] = graph->edges[i];
	graph->edge_count = kept;
	polgraph_strmap_release(&graph->edge_index);
	polgraph_strmap_release(&graph->string_index);
	free(graph->strings);
	graph->strings = NULL;
	graph->string_count = graph->string_capacity = 0;
	graph->directed = false;
	for (size_t i = 0; i < kept; i++)
		if (!graph->edges[i].symmetric)
			graph->directed = true;
	for (size_t i = 0; i < kept; i++)
		arc_count +=
			graph->directed && graph->edges[i].symmetric ? 2 : 1;

	code = igraph_vector_int_init(&ends, 2 * arc_count);
	if (code != IGRAPH_SUCCESS)
		return graph_igraph_fail(code, "cannot build the graph", err);
	code = igraph_vector_init(&graph->arc_weight, arc_count);
	if (code != IGRAPH_SUCCESS) {
		igraph_vector_int_destroy(&ends);
		return graph_igraph_fail(code, "cannot build the graph", err);
	}
	code = igraph_vector_int_init(&graph->arc_edge, arc_count);
	if (code != IGRAPH_SUCCESS) {
		igraph_vector_destroy(&graph->arc_weight);
		igraph_vector_int_destroy(&ends);
		return graph_igraph_fail(code, "cannot build the graph", err);
	}
	for (size_t i = 0; i < kept; i++) {
		const struct graph_edge *edge = &graph->edges[i];
		int copies = graph->directed && edge->symmetric ? 2 : 1;

		for (int copy = 0; copy < copies; copy++, arc++) {
			VECTOR(ends)
			[2 * arc] = (igraph_integer_t)(copy ? edge->target
			                                    : edge->source);
			VECTOR(ends)
			[2 * arc + 1] = (igraph_integer_t)(copy ? edge->source
			                                        : edge->target);
			VECTOR(graph->arc_weight)[arc] = (double)edge->weight;
			VECTOR(graph->arc_edge)[arc] = (igraph_integer_t)i;
		}
	}
	code = igraph_create(&graph->arcs, &ends,
	                     (igraph_integer_t)graph->vertex_count,
	                     graph->directed);
	igraph_vector_int_destroy(&ends);
	if (code != IGRAPH_SUCCESS) {
		igraph_vector_int_destroy(&graph->arc_edge);
		igraph_vector_destroy(&graph->arc_weight);
		return graph_igraph_fail(code, "cannot build the graph", err);
	}
	graph->built = true;
	return POLGRAPH_OK;
}

/* Keeps the earliest and latest non-empty date. */
static void widen_dates(struct polgraph_graph *graph, const char **first,
                        const char **last, const char *date)
{
	if (!date || !*date)
		return;
	if (!**first || strcmp(date, *first) < 0)
		*first = polgraph_arena_strdup(&graph->arena, date);
	if (!**last || strcmp(date, *last) > 0)
		*last = polgraph_arena_strdup(&graph->arena, date);
}

/* State of polgraph_graph_build while rows stream in. */
/* Actor rowids above this are looked up by key instead of by array. */
#define BUILDER_MAX_ROWID (1 << 26)

struct builder {
	struct polgraph_graph *graph;
	size_t *vertex_of; /* actor rowid -> vertex + 1, 0 = none */
	size_t vertex_of_capacity;
	bool every_rowid;       /* every vertex is in vertex_of */
	bool comention_seen;    /* a co-mention row came (after relations) */
	size_t comention_start; /* the first edge a co-mention row made */
};

/* An edge with its endpoints' keys, for sorting. */
struct keyed_edge {
	const char *source, *target;
	struct graph_edge edge;
};

static int compare_keyed_edges(const void *left, const void *right)
{
	const struct keyed_edge *a = left, *b = right;
	int order = strcmp(a->source, b->source);

	return order ? order : strcmp(a->target, b->target);
}

/*
 * Puts the edges co-mention rows made in the order of their keys, the
 * order keyed co-mention rows make them in: ids_only rows come by actor
 * rowid (store.h), and the edge order is what DOT output and ties in
 * rankings follow. Co-mention edges are one type and each pair once, so
 * the keys never tie. The edge index is stale afterwards (finish drops
 * it).
 */
static void sort_comention_edges(struct builder *builder)
{
	struct polgraph_graph *graph = builder->graph;
	size_t start = builder->comention_start;
	size_t count = graph->edge_count - start;
	struct keyed_edge *keyed;

	if (!builder->comention_seen || count < 2)
		return;
	keyed = polgraph_xcalloc(count, sizeof(*keyed));
	for (size_t i = 0; i < count; i++) {
		keyed[i].edge = graph->edges[start + i];
		keyed[i].source = graph->vertices[keyed[i].edge.source].key;
		keyed[i].target = graph->vertices[keyed[i].edge.target].key;
	}
	qsort(keyed, count, sizeof(*keyed), compare_keyed_edges);
	for (size_t i = 0; i < count; i++)
		graph->edges[start + i] = keyed[i].edge;
	free(keyed);
}

/* The vertex of an actor by rowid (fast) or key; false if not in graph. */
static bool find_vertex(const struct builder *builder, int64_t rowid,
                        const char *key, size_t *index)
{
	if (rowid > 0 && rowid < BUILDER_MAX_ROWID) {
		if ((size_t)rowid >= builder->vertex_of_capacity ||
		    !builder->vertex_of[rowid])
			return false;
		*index = builder->vertex_of[rowid] - 1;
		return true;
	}
	if (!key) /* ids_only: every vertex was in vertex_of, so not one */
		return false;
	return polgraph_strmap_get(&builder->graph->vertex_index, key,
	                           strlen(key), index);
}

static enum polgraph_status on_actor(const struct polgraph_graph_actor_row *row,
                                     void *ctx)
{
	struct builder *builder = ctx;
	struct polgraph_graph *graph = builder->graph;
	size_t index = add_vertex(graph, row->key, row->name, row->type);
	struct graph_vertex *vertex = &graph->vertices[index];

	if (row->actor_id > 0 && row->actor_id < BUILDER_MAX_ROWID) {
		size_t old = builder->vertex_of_capacity;

		polgraph_xgrow((void **)&builder->vertex_of,
		               &builder->vertex_of_capacity,
		               (size_t)row->actor_id + 1,
		               sizeof(*builder->vertex_of));
		memset(builder->vertex_of + old, 0,
		       (builder->vertex_of_capacity - old) *
		               sizeof(*builder->vertex_of));
		builder->vertex_of[row->actor_id] = index + 1;
	} else {
		builder->every_rowid = false;
	}

	vertex->mentions = row->mentions;
	widen_dates(graph, &vertex->first_seen, &vertex->last_seen,
	            row->first_seen);
	widen_dates(graph, &vertex->first_seen, &vertex->last_seen,
	            row->last_seen);
	return POLGRAPH_OK;
}

/* The graph's one copy of s ("" for NULL), for strings many kept
   evidence rows share. */
static const char *intern(struct polgraph_graph *graph, const char *s)
{
	size_t index;

	if (!s || !*s)
		return "";
	if (polgraph_strmap_get(&graph->string_index, s, strlen(s), &index))
		return graph->strings[index];
	polgraph_xgrow((void **)&graph->strings, &graph->string_capacity,
	               graph->string_count + 1, sizeof(*graph->strings));
	index = graph->string_count++;
	graph->strings[index] = polgraph_arena_strdup(&graph->arena, s);
	polgraph_strmap_put(&graph->string_index, graph->strings[index], index);
	return graph->strings[index];
}

/* Where a row (article, sentence) sorts against a kept row of the same
   direction: store.h's evidence order within one edge. */
static int compare_evidence(const struct polgraph_graph_evidence *kept,
                            const char *article, int64_t sentence)
{
	int order = strcmp(kept->article, article);

	if (order)
		return order;
	return (kept->sentence > sentence) - (kept->sentence < sentence);
}

/*
 * Counts row into edge's evidence and keeps it if it is among the first
 * graph->keep_evidence in evidence order: by source and target key (so a
 * symmetric relation's rows in the edge's own direction, forward, come
 * first), then article id and sentence. Rows tied on all of these differ
 * in nothing a reader sees.
 */
static void keep_evidence(struct polgraph_graph *graph, struct graph_edge *edge,
                          const struct polgraph_graph_edge_row *row,
                          bool forward)
{
	size_t keep = (size_t)graph->keep_evidence;
	const char *article = row->article ? row->article : "";
	size_t first = forward ? 0 : edge->evidence_forward;
	size_t at = forward ? edge->evidence_forward : edge->evidence_count;
	struct polgraph_graph_evidence *slot;

	edge->rows++;
	while (at > first && compare_evidence(&edge->evidence[at - 1], article,
	                                      row->sentence) > 0)
		at--;
	if (at >= keep)
		return;
	if (edge->evidence_count == keep) { /* the last kept row drops out */
		edge->evidence_count--;
		if (edge->evidence_forward > edge->evidence_count)
			edge->evidence_forward--;
	}
	if (edge->evidence_count == edge->evidence_capacity) {
		/* arena memory: grows by doubling, at most twice the rows */
		size_t capacity = edge->evidence_capacity
		                          ? 2 * edge->evidence_capacity
		                          : 4;
		struct polgraph_graph_evidence *grown;

		if (capacity > keep)
			capacity = keep;
		grown = polgraph_arena_alloc(&graph->arena,
		                             capacity * sizeof(*grown));
		if (edge->evidence_count)
			memcpy(grown, edge->evidence,
			       edge->evidence_count * sizeof(*grown));
		edge->evidence = grown;
		edge->evidence_capacity = capacity;
	}
	slot = &edge->evidence[at];
	memmove(slot + 1, slot, (edge->evidence_count - at) * sizeof(*slot));
	slot->article_id = row->article_id;
	slot->sentence = row->sentence;
	slot->article = intern(graph, article);
	slot->date = intern(graph, row->date);
	edge->evidence_count++;
	if (forward)
		edge->evidence_forward++;
}

/*
 * Counts a row into its edge. Rows of one edge arrive in (article,
 * sentence) order (store.h), so a row starts a new article or a new
 * sentence exactly when it differs from the last one counted. (The
 * symmetric types are an exception only in evidence order, which
 * polgraph_graph_build never asks for.)
 */
static enum polgraph_status on_edge(const struct polgraph_graph_edge_row *row,
                                    void *ctx)
{
	struct builder *builder = ctx;
	struct polgraph_graph *graph = builder->graph;
	size_t source, target, index;
	struct graph_edge *edge;

	if (!find_vertex(builder, row->source_id, row->source, &source) ||
	    !find_vertex(builder, row->target_id, row->target, &target) ||
	    source == target)
		return POLGRAPH_OK;
	if (!builder->comention_seen &&
	    strcmp(row->type, POLGRAPH_COMENTION) == 0) {
		builder->comention_seen = true;
		builder->comention_start = graph->edge_count;
	}
	index = add_edge(graph, source, target, row->type); /* may move edges */
	edge = &graph->edges[index];
	if (edge->weight == 0 || row->article_id != edge->last_article) {
		edge->weight++;
		edge->sentences++;
	} else if (row->sentence != edge->last_sentence) {
		edge->sentences++;
	}
	edge->last_article = row->article_id;
	edge->last_sentence = row->sentence;
	widen_dates(graph, &edge->first_date, &edge->last_date, row->date);
	/* co-mention rows are all in key order (sk < tk) in evidence order,
	   whichever way round an ids_only row came */
	if (graph->keep_evidence > 0)
		keep_evidence(graph, edge, row,
		              source == edge->source ||
		                      strcmp(row->type, POLGRAPH_COMENTION) ==
		                              0);
	return POLGRAPH_OK;
}

enum polgraph_status
polgraph_graph_build(struct polgraph_store *store,
                     const struct polgraph_graph_filter *filter,
                     struct polgraph_graph **graph, struct polgraph_error *err)
{
	struct builder builder = { 0 };
	struct polgraph_graph_filter rows = *filter;
	enum polgraph_status status;

	rows.evidence = false; /* the row order on_edge relies on */
	builder.graph = graph_new();
	builder.graph->keep_evidence =
		filter->keep_evidence > 0 ? filter->keep_evidence : 0;
	builder.every_rowid = true;
	status = polgraph_store_graph_actors(store, &rows, on_actor, &builder,
	                                     err);
	/* Relations by rowid alone when every vertex can be found so. */
	rows.ids_only = builder.every_rowid;
	if (status == POLGRAPH_OK)
		status = polgraph_store_graph_edges(store, &rows, on_edge,
		                                    &builder, err);
	free(builder.vertex_of);
	if (status == POLGRAPH_OK)
		sort_comention_edges(&builder);
	if (status == POLGRAPH_OK)
		status = finish(builder.graph, filter->min_weight, err);
	if (status != POLGRAPH_OK) {
		polgraph_graph_free(builder.graph);
		builder.graph = NULL;
	}
	*graph = builder.graph;
	return status;
}

enum polgraph_status
polgraph_graph_from_edges(const struct polgraph_graph_edge_spec *edges,
                          size_t count, struct polgraph_graph **graph,
                          struct polgraph_error *err)
{
	struct polgraph_graph *built = graph_new();
	enum polgraph_status status = POLGRAPH_OK;

	for (size_t i = 0; i < count; i++) {
		size_t source, target, index;

		if (!edges[i].source || !edges[i].target || !edges[i].type) {
			status =
				polgraph_error_set(err, POLGRAPH_INVALID,
			                           "edge %zu lacks an endpoint "
			                           "or a type",
			                           i);
			goto out;
		}
		source = add_vertex(built, edges[i].source, NULL, NULL);
		target = add_vertex(built, edges[i].target, NULL, NULL);
		if (source == target)
			continue;
		index = add_edge(built, source, target, edges[i].type);
		built->edges[index].weight +=
			edges[i].weight > 0 ? edges[i].weight : 1;
		built->edges[index].sentences +=
			edges[i].weight > 0 ? edges[i].weight : 1;
	}
	status = finish(built, 0, err);
out:
	if (status != POLGRAPH_OK) {
		polgraph_graph_free(built);
		built = NULL;
	}
	*graph = built;
	return status;
}

void polgraph_graph_free(struct polgraph_graph *graph)
{
	if (!graph)
		return;
	if (graph->built) {
		igraph_destroy(&graph->arcs);
		igraph_vector_destroy(&graph->arc_weight);
		igraph_vector_int_destroy(&graph->arc_edge);
	}
	polgraph_strmap_release(&graph->edge_index);
	polgraph_strmap_release(&graph->vertex_index);
	polgraph_strmap_release(&graph->string_index);
	free(graph->strings);
	free(graph->edges);
	free(graph->vertices);
	polgraph_arena_release(&graph->arena);
	free(graph);
}

/* ---- accessors ---- */

size_t polgraph_graph_vertex_count(const struct polgraph_graph *graph)
{
	return graph->vertex_count;
}

size_t polgraph_graph_edge_count(const struct polgraph_graph *graph)
{
	return graph->edge_count;
}

bool polgraph_graph_directed(const struct polgraph_graph *graph)
{
	return graph->directed;
}

bool polgraph_graph_vertex(const struct polgraph_graph *graph, size_t index,
                           struct polgraph_graph_vertex *vertex)
{
	const struct graph_vertex *from;

	if (index >= graph->vertex_count)
		return false;
	from = &graph->vertices[index];
	*vertex = (struct polgraph_graph_vertex){
		.key = from->key,
		.name = from->name,
		.type = from->type,
		.mentions = from->mentions,
		.first_seen = from->first_seen,
		.last_seen = from->last_seen,
	};
	return true;
}

bool polgraph_graph_edge(const struct polgraph_graph *graph, size_t index,
                         struct polgraph_graph_edge *edge)
{
	const struct graph_edge *from;

	if (index >= graph->edge_count)
		return false;
	from = &graph->edges[index];
	*edge = (struct polgraph_graph_edge){
		.source = from->source,
		.target = from->target,
		.type = from->type,
		.symmetric = from->symmetric,
		.weight = from->weight,
		.sentences = from->sentences,
		.first_date = from->first_date,
		.last_date = from->last_date,
	};
	return true;
}

long polgraph_graph_find(const struct polgraph_graph *graph, const char *key)
{
	size_t index;

	if (!polgraph_strmap_get(&graph->vertex_index, key, strlen(key),
	                         &index))
		return -1;
	return (long)index;
}

long polgraph_graph_edge_evidence(const struct polgraph_graph *graph,
                                  size_t index,
                                  const struct polgraph_graph_evidence **rows,
                                  size_t *count, int64_t *total)
{
	const struct graph_edge *edge;

	if (graph->keep_evidence <= 0 || index >= graph->edge_count)
		return 0;
	edge = &graph->edges[index];
	*rows = edge->evidence;
	*count = edge->evidence_count;
	*total = edge->rows;
	return graph->keep_evidence;
}

/* ---- ego graphs and paths ---- */

/* Copies from's kept evidence into to, an edge of built. */
static void copy_evidence(struct polgraph_graph *built, struct graph_edge *to,
                          const struct graph_edge *from)
{
	to->rows = from->rows;
	to->evidence_forward = from->evidence_forward;
	to->evidence_count = to->evidence_capacity = from->evidence_count;
	if (!from->evidence_count)
		return;
	to->evidence = polgraph_arena_alloc(
		&built->arena, from->evidence_count * sizeof(*to->evidence));
	for (size_t i = 0; i < from->evidence_count; i++) {
		to->evidence[i] = from->evidence[i];
		to->evidence[i].article =
			intern(built, from->evidence[i].article);
		to->evidence[i].date = intern(built, from->evidence[i].date);
	}
}

enum polgraph_status polgraph_graph_subgraph(const struct polgraph_graph *graph,
                                             const bool *keep_vertex,
                                             const bool *keep_edge,
                                             struct polgraph_graph **sub,
                                             struct polgraph_error *err)
{
	enum polgraph_status status;
	struct polgraph_graph *built = NULL;
	size_t *new_index = NULL;

	*sub = NULL;
	if (!graph->built)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "the graph is not built");
	new_index =
		polgraph_xcalloc(graph->vertex_count + 1, sizeof(*new_index));
	built = graph_new();
	for (size_t v = 0; v < graph->vertex_count; v++) {
		const struct graph_vertex *from = &graph->vertices[v];
		struct graph_vertex *to;

		if (!keep_vertex[v])
			continue;
		new_index[v] =
			add_vertex(built, from->key, from->name, from->type);
		to = &built->vertices[new_index[v]];
		to->mentions = from->mentions;
		to->first_seen = copy_or_empty(built, from->first_seen);
		to->last_seen = copy_or_empty(built, from->last_seen);
	}
	for (size_t e = 0; e < graph->edge_count; e++) {
		const struct graph_edge *from = &graph->edges[e];
		struct graph_edge *to;
		size_t index;

		if (!keep_vertex[from->source] || !keep_vertex[from->target] ||
		    (keep_edge && !keep_edge[e]))
			continue;
		index = add_edge(built, new_index[from->source],
		                 new_index[from->target], from->type);
		to = &built->edges[index]; /* add_edge may move the array */
		to->weight = from->weight;
		to->sentences = from->sentences;
		to->first_date = copy_or_empty(built, from->first_date);
		to->last_date = copy_or_empty(built, from->last_date);
		copy_evidence(built, to, from);
	}
	built->keep_evidence = graph->keep_evidence;
	status = finish(built, 0, err);
	free(new_index);
	if (status != POLGRAPH_OK) {
		polgraph_graph_free(built);
		built = NULL;
	}
	*sub = built;
	return status;
}

enum polgraph_status polgraph_graph_ego(const struct polgraph_graph *graph,
                                        size_t center, long depth,
                                        struct polgraph_graph **ego,
                                        struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	igraph_vector_int_list_t reached;
	igraph_vector_int_t *members;
	bool *inside = NULL;
	igraph_error_t code;

	*ego = NULL;
	if (center >= graph->vertex_count || depth < 0 || !graph->built)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "bad ego center or depth");
	code = igraph_vector_int_list_init(&reached, 0);
	if (code != IGRAPH_SUCCESS)
		return graph_igraph_fail(code, "cannot find the ego graph",
		                         err);
	code = igraph_neighborhood(&graph->arcs, &reached,
	                           igraph_vss_1((igraph_integer_t)center),
	                           (igraph_integer_t)depth, IGRAPH_ALL, 0);
	if (code != IGRAPH_SUCCESS) {
		status = graph_igraph_fail(code, "cannot find the ego graph",
		                           err);
		goto out;
	}
	members = igraph_vector_int_list_get_ptr(&reached, 0);
	inside = polgraph_xcalloc(graph->vertex_count + 1, sizeof(*inside));
	for (igraph_integer_t i = 0; i < igraph_vector_int_size(members); i++)
		inside[VECTOR(*members)[i]] = true;
	status = polgraph_graph_subgraph(graph, inside, NULL, ego, err);
out:
	igraph_vector_int_list_destroy(&reached);
	free(inside);
	return status;
}

enum polgraph_status polgraph_graph_path(const struct polgraph_graph *graph,
                                         size_t from, size_t to,
                                         size_t **vertices, size_t *count,
                                         struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	igraph_vector_int_t path;
	igraph_error_t code;
	igraph_integer_t length;

	*vertices = NULL;
	*count = 0;
	if (from >= graph->vertex_count || to >= graph->vertex_count ||
	    !graph->built)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "bad path endpoint");
	code = igraph_vector_int_init(&path, 0);
	if (code != IGRAPH_SUCCESS)
		return graph_igraph_fail(code, "cannot find a path", err);
	code = igraph_get_shortest_path(&graph->arcs, &path, NULL,
	                                (igraph_integer_t)from,
	                                (igraph_integer_t)to, IGRAPH_ALL);
	if (code != IGRAPH_SUCCESS) {
		status = graph_igraph_fail(code, "cannot find a path", err);
		goto out;
	}
	length = igraph_vector_int_size(&path);
	*vertices = polgraph_xcalloc((size_t)length + 1, sizeof(**vertices));
	for (igraph_integer_t i = 0; i < length; i++)
		(*vertices)[i] = (size_t)VECTOR(path)[i];
	*count = (size_t)length;
out:
	igraph_vector_int_destroy(&path);
	return status;
}
