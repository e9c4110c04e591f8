/*
 * drawing.c - what render and export draw besides the graph (drawing.h):
 * the graph cut to its top actors, node sizes, communities, labels in a
 * language, aliases and the first evidence sentences of each edge; the
 * diagram or export file made of it, written as a whole file.
 *
 * Consumes a built graph, the store and the lexicon; produces a struct
 * polgraph_drawing whose arrays line up with the drawn graph's vertices
 * and edges, and the bytes render.h and export.h make of it. Shared by
 * the CLI's render and export and the query module's g:render and
 * g:export.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "polgraph/actors.h"
#include "polgraph/drawing.h"
#include "polgraph/export.h"
#include "polgraph/pipeline.h"
#include "polgraph/strmap.h"

#define ALIASES_SHOWN 12  /* aliases in a node tooltip */
#define SENTENCE_MAX  240 /* bytes of one evidence sentence in a tooltip */

/* ---- ranking ---- */

/* A vertex with the value it is ranked by. */
struct ranked {
	size_t vertex;
	double value;
	const char *key;
};

/* Highest value first, ties by key. */
static int compare_rank(const void *left, const void *right)
{
	const struct ranked *a = left, *b = right;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* Marks in keep the top vertices of full by metric. */
static void keep_top(const struct polgraph_graph *full,
                     const struct polgraph_analysis *analysis,
                     enum polgraph_metric metric, size_t top, bool *keep)
{
	size_t count = polgraph_graph_vertex_count(full);
	struct ranked *ranked = polgraph_xcalloc(count + 1, sizeof(*ranked));

	for (size_t v = 0; v < count; v++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(full, v, &vertex);
		ranked[v].vertex = v;
		ranked[v].value =
			polgraph_metric_value(&analysis->actors[v], metric);
		ranked[v].key = vertex.key;
	}
	qsort(ranked, count, sizeof(*ranked), compare_rank);
	for (size_t i = 0; i < top && i < count; i++)
		keep[ranked[i].vertex] = true;
	free(ranked);
}

/* Cuts drawing->full to its top actors into drawing->graph. */
static enum polgraph_status cut(struct polgraph_drawing *drawing,
                                const struct polgraph_drawing_options *options,
                                struct polgraph_error *err)
{
	size_t count = polgraph_graph_vertex_count(drawing->full);
	size_t top = options->top > 0 ? (size_t)options->top : 0;
	enum polgraph_status status;
	bool *keep = NULL;
	size_t kept = 0;

	if (options->top < 0)
		top = count; /* never cut */
	if (!top && count > POLGRAPH_DRAWING_LARGE) {
		top = POLGRAPH_DRAWING_LARGE;
		drawing->cut_from = count;
	}
	drawing->full_index =
		polgraph_xcalloc(count + 1, sizeof(*drawing->full_index));
	if (!top || top >= count) {
		drawing->graph = drawing->full;
		for (size_t i = 0; i < count; i++)
			drawing->full_index[i] = i;
		return POLGRAPH_OK;
	}
	keep = polgraph_xcalloc(count + 1, sizeof(*keep));
	keep_top(drawing->full, &drawing->analysis, options->rank_by, top,
	         keep);
	status = polgraph_graph_subgraph(drawing->full, keep, NULL,
	                                 &drawing->cut, err);
	if (status == POLGRAPH_OK) {
		drawing->graph = drawing->cut;
		for (size_t i = 0; i < count; i++)
			if (keep[i])
				drawing->full_index[kept++] = i;
	}
	free(keep);
	return status;
}

/* ---- labels and aliases ---- */

bool polgraph_labels_parse(const char *name, enum polgraph_labels *labels)
{
	static const char *const names[] = { "en", "ru", "orig" };

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(names[i], name) == 0) {
			*labels = (enum polgraph_labels)i;
			return true;
		}
	return false;
}

/* The surface forms of one drawn actor, best first. */
struct surfaces {
	struct surface {
		const char *text, *lang;
		int64_t mentions;
		bool is_name;
	} * items;
	size_t count, capacity;
};

struct surface_context {
	struct polgraph_drawing *drawing;
	struct surfaces *per_vertex;
};

static enum polgraph_status on_surface(const struct polgraph_surface_row *row,
                                       void *ctx)
{
	struct surface_context *context = ctx;
	struct polgraph_drawing *drawing = context->drawing;
	long vertex = polgraph_graph_find(drawing->graph, row->key);
	struct surfaces *list;
	struct surface *item;

	if (vertex < 0)
		return POLGRAPH_OK;
	list = &context->per_vertex[vertex];
	polgraph_xgrow((void **)&list->items, &list->capacity, list->count + 1,
	               sizeof(*list->items));
	item = &list->items[list->count++];
	item->text = polgraph_arena_strdup(&drawing->arena, row->surface);
	item->lang = row->lang
	                     ? polgraph_arena_strdup(&drawing->arena, row->lang)
	                     : "";
	item->mentions = row->mentions;
	item->is_name = row->is_name;
	return POLGRAPH_OK;
}

/* Names before demonyms and metonyms, then most mentioned, then text. */
static int compare_surfaces(const void *left, const void *right)
{
	const struct surface *a = left, *b = right;

	if (a->is_name != b->is_name)
		return a->is_name ? -1 : 1;
	if (a->mentions != b->mentions)
		return a->mentions > b->mentions ? -1 : 1;
	return strcmp(a->text, b->text);
}

/* The lexicon's first name of entry in lang, or NULL. */
static const char *lexicon_name(const struct polgraph_lexicon_entry *entry,
                                const char *lang)
{
	for (size_t i = 0; entry && i < entry->alias_count; i++)
		if (entry->aliases[i].kind == POLGRAPH_ALIAS_NAME &&
		    strcmp(entry->aliases[i].lang, lang) == 0)
			return entry->aliases[i].text;
	return NULL;
}

/* The best surface in lang ("" = any), or NULL. */
static const char *best_surface(const struct surfaces *list, const char *lang)
{
	for (size_t i = 0; i < list->count; i++)
		if (!*lang || strcmp(list->items[i].lang, lang) == 0)
			return list->items[i].text;
	return NULL;
}

/* The language most of the mentions are in ("" if none is known). */
static const char *main_language(const struct surfaces *list)
{
	const char *best = "";
	int64_t best_mentions = 0;

	for (size_t i = 0; i < list->count; i++) {
		int64_t mentions = 0;

		for (size_t j = 0; j < list->count; j++)
			if (strcmp(list->items[j].lang, list->items[i].lang) ==
			    0)
				mentions += list->items[j].mentions;
		if (mentions > best_mentions ||
		    (mentions == best_mentions &&
		     strcmp(list->items[i].lang, best) < 0)) {
			best = list->items[i].lang;
			best_mentions = mentions;
		}
	}
	return best;
}

static enum polgraph_status load_lexicon(const char *data_dir,
                                         struct polgraph_lexicon **lexicon,
                                         struct polgraph_error *err)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/actors",
	         data_dir ? data_dir : polgraph_default_data_dir());
	*lexicon = polgraph_lexicon_new();
	return polgraph_lexicon_load_dir(*lexicon, path, err);
}

/* The label of vertex v: a name in the language options ask for. */
static const char *label_of(const struct polgraph_drawing_options *options,
                            const struct polgraph_lexicon *lexicon,
                            const struct polgraph_graph_vertex *vertex,
                            const struct surfaces *list)
{
	const char *lang, *label;

	if (options->labels == POLGRAPH_LABELS_EN)
		return NULL;
	lang = options->labels == POLGRAPH_LABELS_RU ? "ru"
	                                             : main_language(list);
	label = lexicon_name(polgraph_lexicon_find(lexicon, vertex->key), lang);
	return label ? label : best_surface(list, lang);
}

static enum polgraph_status
name_actors(struct polgraph_drawing *drawing, struct polgraph_store *store,
            const struct polgraph_drawing_options *options,
            struct polgraph_error *err)
{
	size_t count = polgraph_graph_vertex_count(drawing->graph);
	struct surfaces *per_vertex =
		polgraph_xcalloc(count + 1, sizeof(*per_vertex));
	struct surface_context context = { drawing, per_vertex };
	struct polgraph_lexicon *lexicon = NULL;
	struct polgraph_buf note = { 0 };
	enum polgraph_status status;

	status =
		polgraph_store_actor_surfaces(store, on_surface, &context, err);
	if (status != POLGRAPH_OK)
		goto out;
	if (options->labels != POLGRAPH_LABELS_EN) {
		status = load_lexicon(options->data_dir, &lexicon, err);
		if (status != POLGRAPH_OK)
			goto out;
	}
	drawing->labels = polgraph_xcalloc(count + 1, sizeof(*drawing->labels));
	drawing->vertex_notes =
		polgraph_xcalloc(count + 1, sizeof(*drawing->vertex_notes));
	drawing->aliases =
		polgraph_xcalloc(count + 1, sizeof(*drawing->aliases));
	for (size_t v = 0; v < count; v++) {
		struct surfaces *list = &per_vertex[v];
		struct polgraph_graph_vertex vertex;
		const char *label;

		polgraph_graph_vertex(drawing->graph, v, &vertex);
		qsort(list->items, list->count, sizeof(*list->items),
		      compare_surfaces);
		label = label_of(options, lexicon, &vertex, list);
		drawing->labels[v] =
			label ? polgraph_arena_strdup(&drawing->arena, label)
			      : vertex.name;
		if (!list->count)
			continue;
		polgraph_buf_reset(&note);
		polgraph_buf_puts(&note, "aliases: ");
		for (size_t i = 0; i < list->count && i < ALIASES_SHOWN; i++)
			polgraph_buf_printf(&note, "%s%s", i ? ", " : "",
			                    list->items[i].text);
		if (list->count > ALIASES_SHOWN)
			polgraph_buf_printf(&note, " and %zu more",
			                    list->count - ALIASES_SHOWN);
		drawing->vertex_notes[v] =
			polgraph_arena_strdup(&drawing->arena, note.data);
		polgraph_buf_reset(&note);
		for (size_t i = 0; i < list->count; i++)
			polgraph_buf_printf(&note, "%s%s", i ? ";" : "",
			                    list->items[i].text);
		drawing->aliases[v] =
			polgraph_arena_strdup(&drawing->arena, note.data);
	}
out:
	for (size_t v = 0; v < count; v++)
		free(per_vertex[v].items);
	free(per_vertex);
	polgraph_buf_release(&note);
	polgraph_lexicon_free(lexicon);
	return status;
}

/* ---- evidence ---- */

struct evidence_context {
	struct polgraph_drawing_evidence *evidence; /* per edge of the graph */
	struct polgraph_store *store; /* sentence text of the rows kept */
	struct polgraph_buf text;
	struct polgraph_error *err;
	struct polgraph_arena *arena;
	struct polgraph_strmap edges; /* edge key -> wanted edge */
	struct polgraph_buf key;
	long per_edge;
	/* one copy of each string shown: "article id:sentence" of the
	   sentences read (value: index in strings + 1) and texts, article
	   ids and dates themselves (value: index in strings) */
	struct polgraph_strmap sentences, interned;
	const char **strings;
	size_t string_count, string_capacity;
};

/* The arena copy of s, one per distinct string. */
static const char *keep_string(struct evidence_context *context, const char *s)
{
	size_t index;

	if (!s || !*s)
		return "";
	if (polgraph_strmap_get(&context->interned, s, strlen(s), &index))
		return context->strings[index];
	polgraph_xgrow((void **)&context->strings, &context->string_capacity,
	               context->string_count + 1, sizeof(*context->strings));
	index = context->string_count++;
	context->strings[index] = polgraph_arena_strdup(context->arena, s);
	polgraph_strmap_put(&context->interned, context->strings[index], index);
	return context->strings[index];
}

/* The text of a sentence into *text (arena; "" if none), read from the
   store once per sentence: a sentence with several actors is the
   evidence of several edges. */
static enum polgraph_status sentence_of(struct evidence_context *context,
                                        int64_t article_id, int64_t sentence,
                                        const char **text)
{
	enum polgraph_status status;
	char key[48];
	size_t index;
	int len = snprintf(key, sizeof(key), "%lld:%lld", (long long)article_id,
	                   (long long)sentence);

	if (polgraph_strmap_get(&context->sentences, key, (size_t)len,
	                        &index)) {
		*text = context->strings[index];
		return POLGRAPH_OK;
	}
	status = polgraph_store_sentence_text(context->store, article_id,
	                                      sentence, &context->text,
	                                      context->err);
	*text = keep_string(context, context->text.data);
	if (status != POLGRAPH_OK)
		return status;
	polgraph_xgrow((void **)&context->strings, &context->string_capacity,
	               context->string_count + 1, sizeof(*context->strings));
	index = context->string_count++;
	context->strings[index] = *text;
	polgraph_strmap_put(&context->sentences,
	                    polgraph_arena_strdup(context->arena, key), index);
	return POLGRAPH_OK;
}

static enum polgraph_status
on_evidence(const struct polgraph_graph_edge_row *row, void *ctx)
{
	struct evidence_context *context = ctx;
	struct polgraph_drawing_evidence *evidence;
	struct polgraph_drawing_evidence_row *item;
	enum polgraph_status status;
	size_t edge;

	polgraph_graph_edge_key(&context->key, row->type, row->source,
	                        row->target);
	if (!polgraph_strmap_get(&context->edges, context->key.data,
	                         context->key.len, &edge))
		return POLGRAPH_OK;
	evidence = &context->evidence[edge];
	evidence->total++;
	if ((long)evidence->count >= context->per_edge)
		return POLGRAPH_OK;
	if (!evidence->rows)
		evidence->rows = polgraph_arena_alloc(
			context->arena,
			(size_t)context->per_edge * sizeof(*evidence->rows));
	item = &evidence->rows[evidence->count++];
	item->date = keep_string(context, row->date);
	item->article = keep_string(context, row->article);
	/* Only the kept rows' sentences are read (no_sentence_text). */
	status = sentence_of(context, row->article_id, row->sentence,
	                     &item->sentence);
	return status;
}

/*
 * The evidence graph kept while it was built (graph.h), with the kept
 * rows' sentences read from the store: the same rows and totals as a pass
 * over the store's edge rows, without the pass. False (nothing done) when
 * the graph kept fewer than per_edge rows per edge.
 */
static bool kept_evidence(struct evidence_context *context,
                          const struct polgraph_graph *graph,
                          const bool *wanted, enum polgraph_status *status)
{
	size_t count = polgraph_graph_edge_count(graph);
	size_t per_edge = (size_t)context->per_edge;

	*status = POLGRAPH_OK;
	for (size_t e = 0; e < count && *status == POLGRAPH_OK; e++) {
		struct polgraph_drawing_evidence *evidence =
			&context->evidence[e];
		const struct polgraph_graph_evidence *rows;
		size_t kept;
		int64_t total;

		if (polgraph_graph_edge_evidence(graph, e, &rows, &kept,
		                                 &total) < context->per_edge)
			return false; /* the same for every edge: e is 0 */
		if (wanted && !wanted[e])
			continue;
		evidence->total = (size_t)total;
		if (kept > per_edge)
			kept = per_edge;
		if (kept)
			evidence->rows = polgraph_arena_alloc(
				context->arena,
				per_edge * sizeof(*evidence->rows));
		for (size_t i = 0; i < kept && *status == POLGRAPH_OK; i++) {
			struct polgraph_drawing_evidence_row *item =
				&evidence->rows[evidence->count++];

			item->date = keep_string(context, rows[i].date);
			item->article = keep_string(context, rows[i].article);
			*status =
				sentence_of(context, rows[i].article_id,
			                    rows[i].sentence, &item->sentence);
		}
	}
	return true;
}

enum polgraph_status polgraph_drawing_evidence_gather(
	const struct polgraph_graph *graph, struct polgraph_store *store,
	const struct polgraph_graph_filter *graph_filter, long per_edge,
	const bool *wanted, struct polgraph_arena *arena,
	struct polgraph_drawing_evidence **evidence, struct polgraph_error *err)
{
	size_t count = polgraph_graph_edge_count(graph);
	struct evidence_context context = {
		.arena = arena, .store = store, .err = err, .per_edge = per_edge
	};
	struct polgraph_graph_filter filter = *graph_filter;
	enum polgraph_status status = POLGRAPH_OK;
	size_t wanted_count = 0;
	bool began;

	*evidence = context.evidence =
		polgraph_xcalloc(count + 1, sizeof(**evidence));
	if (per_edge <= 0)
		return POLGRAPH_OK;
	began = polgraph_store_read_begin(store);
	if (kept_evidence(&context, graph, wanted, &status))
		goto out;
	for (size_t e = 0; e < count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		if (wanted && !wanted[e])
			continue;
		polgraph_graph_edge(graph, e, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		polgraph_graph_edge_key(&context.key, edge.type, source.key,
		                        target.key);
		polgraph_strmap_put(
			&context.edges,
			polgraph_arena_strdup(arena, context.key.data), e);
		wanted_count++;
	}
	if (wanted_count) {
		filter.evidence = true;
		filter.no_sentence_text = true;
		status = polgraph_store_graph_edges(store, &filter, on_evidence,
		                                    &context, err);
	}
out:
	polgraph_store_read_end(store, began);
	polgraph_strmap_release(&context.edges);
	polgraph_strmap_release(&context.sentences);
	polgraph_strmap_release(&context.interned);
	free(context.strings);
	polgraph_buf_release(&context.key);
	polgraph_buf_release(&context.text);
	return status;
}

/* The tooltip text of one edge's evidence, into note (reset first). */
static void evidence_note(const struct polgraph_drawing_evidence *evidence,
                          struct polgraph_buf *note)
{
	polgraph_buf_reset(note);
	for (size_t i = 0; i < evidence->count; i++) {
		const struct polgraph_drawing_evidence_row *row =
			&evidence->rows[i];

		polgraph_buf_printf(
			note, "%s\xE2\x80\xA2 %s%s%s: ", i ? "\n" : "",
			row->date, *row->date ? " " : "", row->article);
		polgraph_buf_append(note, row->sentence,
		                    strnlen(row->sentence, SENTENCE_MAX));
		if (strlen(row->sentence) > SENTENCE_MAX)
			polgraph_buf_puts(note, "\xE2\x80\xA6");
	}
	if (evidence->total > evidence->count)
		polgraph_buf_printf(note, "\n(%zu more)",
		                    evidence->total - evidence->count);
}

static enum polgraph_status
gather_evidence(struct polgraph_drawing *drawing, struct polgraph_store *store,
                const struct polgraph_graph_filter *filter,
                const struct polgraph_drawing_options *options,
                struct polgraph_error *err)
{
	size_t count = polgraph_graph_edge_count(drawing->graph);
	struct polgraph_buf note = { 0 };
	enum polgraph_status status;

	drawing->edge_notes =
		polgraph_xcalloc(count + 1, sizeof(*drawing->edge_notes));
	status = polgraph_drawing_evidence_gather(
		drawing->graph, store, filter, count ? options->evidence : 0,
		NULL, &drawing->arena, &drawing->evidence, err);
	for (size_t e = 0; status == POLGRAPH_OK && e < count; e++) {
		if (!drawing->evidence[e].count)
			continue;
		evidence_note(&drawing->evidence[e], &note);
		drawing->edge_notes[e] =
			polgraph_arena_strdup(&drawing->arena, note.data);
	}
	polgraph_buf_release(&note);
	return status;
}

/* ---- the whole drawing ---- */

enum polgraph_status
polgraph_drawing_build(struct polgraph_drawing *drawing,
                       const struct polgraph_graph *full,
                       struct polgraph_store *store,
                       const struct polgraph_graph_filter *filter,
                       const struct polgraph_drawing_options *options,
                       struct polgraph_error *err)
{
	enum polgraph_status status;
	size_t count;
	struct polgraph_analyze_options analyze = options->analyze;

	/* A restricted analysis still has what drawing needs. */
	if (analyze.metrics)
		analyze.metrics |= 1u << options->size_by |
		                   1u << options->rank_by |
		                   1u << POLGRAPH_METRIC_COMMUNITY;
	drawing->full = full;
	drawing->size_by = options->size_by;
	status = polgraph_analyze(full, &analyze, &drawing->analysis, err);
	if (status == POLGRAPH_OK)
		status = cut(drawing, options, err);
	if (status != POLGRAPH_OK)
		return status;
	count = polgraph_graph_vertex_count(drawing->graph);
	drawing->sizes = polgraph_xcalloc(count + 1, sizeof(*drawing->sizes));
	drawing->clusters =
		polgraph_xcalloc(count + 1, sizeof(*drawing->clusters));
	for (size_t v = 0; v < count; v++) {
		const struct polgraph_actor_metrics *metrics =
			&drawing->analysis.actors[drawing->full_index[v]];

		drawing->sizes[v] =
			polgraph_metric_value(metrics, options->size_by);
		drawing->clusters[v] = metrics->community;
	}
	status = name_actors(drawing, store, options, err);
	if (status != POLGRAPH_OK)
		return status;
	return gather_evidence(drawing, store, filter, options, err);
}

void polgraph_drawing_release(struct polgraph_drawing *drawing)
{
	polgraph_analysis_release(&drawing->analysis);
	polgraph_graph_free(drawing->cut);
	free(drawing->full_index);
	free(drawing->sizes);
	free(drawing->clusters);
	free(drawing->labels);
	free(drawing->vertex_notes);
	free(drawing->aliases);
	free(drawing->edge_notes);
	free(drawing->evidence);
	polgraph_arena_release(&drawing->arena);
	memset(drawing, 0, sizeof(*drawing));
}

/* ---- files ---- */

enum polgraph_status
polgraph_drawing_render(const struct polgraph_drawing *drawing,
                        const struct polgraph_drawing_style *style,
                        struct polgraph_buf *out, struct polgraph_error *err)
{
	struct polgraph_render_options draw = {
		.format = style->format,
		.layout = style->layout,
		.title = style->title,
		.labels = drawing->labels,
		.vertex_notes = (const char *const *)drawing->vertex_notes,
		.edge_notes = (const char *const *)drawing->edge_notes,
		.sizes = style->size ? drawing->sizes : NULL,
		.size_name = polgraph_metric_name(drawing->size_by),
		.clusters = style->cluster ? drawing->clusters : NULL,
		.legend = style->legend,
	};

	return polgraph_render(drawing->graph, &draw, out, err);
}

static const char *const format_names[] = { "graphml", "gexf", "json", "csv",
	                                    "dot" };

bool polgraph_drawing_format_parse(const char *name,
                                   enum polgraph_drawing_format *format)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(*format_names);
	     i++)
		if (strcmp(format_names[i], name) == 0) {
			*format = (enum polgraph_drawing_format)i;
			return true;
		}
	return false;
}

bool polgraph_drawing_format_of_path(const char *path,
                                     enum polgraph_drawing_format *format)
{
	const char *dot = strrchr(path, '.');

	return dot && !strchr(dot, '/') &&
	       polgraph_drawing_format_parse(dot + 1, format);
}

size_t polgraph_drawing_export_parts(enum polgraph_drawing_format format)
{
	return format == POLGRAPH_DRAWING_CSV ? 2 : 1;
}

char *polgraph_drawing_export_path(const char *path,
                                   enum polgraph_drawing_format format,
                                   size_t part)
{
	size_t len = strlen(path);
	struct polgraph_buf name = { 0 };

	if (format != POLGRAPH_DRAWING_CSV)
		return polgraph_xstrdup(path);
	if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
		len -= 4;
	polgraph_buf_append(&name, path, len);
	polgraph_buf_printf(&name, "-%s.csv", part == 0 ? "nodes" : "edges");
	return polgraph_buf_detach(&name, NULL);
}

enum polgraph_status
polgraph_drawing_export(const struct polgraph_drawing *drawing,
                        enum polgraph_drawing_format format, size_t part,
                        bool centrality, struct polgraph_buf *out,
                        struct polgraph_error *err)
{
	static const enum polgraph_export_format writers[] = {
		[POLGRAPH_DRAWING_GRAPHML] = POLGRAPH_EXPORT_GRAPHML,
		[POLGRAPH_DRAWING_GEXF] = POLGRAPH_EXPORT_GEXF,
		[POLGRAPH_DRAWING_JSON] = POLGRAPH_EXPORT_JSON,
		[POLGRAPH_DRAWING_CSV] = POLGRAPH_EXPORT_CSV_NODES,
	};
	struct polgraph_export_options options = {
		.analysis = centrality ? &drawing->analysis : NULL,
		.aliases = (const char *const *)drawing->aliases,
	};

	if ((size_t)format >= sizeof(format_names) / sizeof(*format_names) ||
	    part >= polgraph_drawing_export_parts(format))
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "unknown export format");
	if (format == POLGRAPH_DRAWING_DOT) {
		struct polgraph_render_options draw = {
			.format = POLGRAPH_RENDER_DOT,
			.labels = drawing->labels,
			.vertex_notes =
				(const char *const *)drawing->vertex_notes,
			.sizes = centrality ? drawing->sizes : NULL,
			.size_name = "pagerank",
		};

		return polgraph_render(drawing->graph, &draw, out, err);
	}
	return polgraph_export(drawing->graph,
	                       format == POLGRAPH_DRAWING_CSV && part == 1
	                               ? POLGRAPH_EXPORT_CSV_EDGES
	                               : writers[format],
	                       &options, out, err);
}

/* Opens a new file beside path for writing (O_EXCL, 0666 less the
 * umask); its name into temp. -1 with errno on failure. */
static int open_temp(const char *path, struct polgraph_buf *temp)
{
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
	unsigned long seed =
		(unsigned long)getpid() ^ (unsigned long)time(NULL);

	for (int attempt = 0; attempt < 100; attempt++) {
		int fd;

		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		polgraph_buf_reset(temp);
		polgraph_buf_append(temp, path, dir_len);
		polgraph_buf_printf(temp, ".%s.%06lx", path + dir_len,
		                    (seed >> 20) & 0xfffffful);
		fd = open(temp->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		          0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

enum polgraph_status polgraph_drawing_save(const char *path, const char *data,
                                           size_t len,
                                           struct polgraph_error *err)
{
	struct polgraph_buf temp = { 0 };
	enum polgraph_status status = POLGRAPH_OK;
	size_t written = 0;
	int fd = open_temp(path, &temp);

	if (fd < 0) {
		status = polgraph_error_set(err, POLGRAPH_IO,
		                            "cannot write '%s': %s", path,
		                            strerror(errno));
		goto out;
	}
	while (written < len) {
		ssize_t n = write(fd, data + written, len - written);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			break;
		}
		written += (size_t)n;
	}
	if (written < len || close(fd) != 0 || rename(temp.data, path) != 0) {
		status = polgraph_error_set(err, POLGRAPH_IO,
		                            "cannot write '%s': %s", path,
		                            strerror(errno));
		if (written < len)
			close(fd);
		unlink(temp.data);
	}
out:
	polgraph_buf_release(&temp);
	return status;
}
