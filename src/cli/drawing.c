/*
 * drawing.c - what render and report --html draw besides the graph:
 * the graph cut to its top actors, node sizes, communities, labels in a
 * language, aliases and the first evidence sentences of each edge.
 *
 * Consumes a built graph (graphopt.c), the store and the lexicon;
 * produces a struct cli_drawing whose arrays line up with the drawn
 * graph's vertices and edges, ready for polgraph_render.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define ALIASES_SHOWN 12  /* aliases in a node tooltip */
#define SENTENCE_MAX  240 /* bytes of one evidence sentence in a tooltip */
#define LARGE_GRAPH   300 /* drawn actors when --top is not given */

/* ---- ranking ---- */

static const struct polgraph_analysis *rank_analysis;
static const struct polgraph_graph *rank_graph;
static enum polgraph_metric rank_metric;

/* Highest metric first, ties by key. */
static int compare_rank(const void *left, const void *right)
{
	size_t a = *(const size_t *)left, b = *(const size_t *)right;
	double value_a =
		polgraph_metric_value(&rank_analysis->actors[a], rank_metric);
	double value_b =
		polgraph_metric_value(&rank_analysis->actors[b], rank_metric);
	struct polgraph_graph_vertex vertex_a, vertex_b;

	if (value_a != value_b)
		return value_a > value_b ? -1 : 1;
	polgraph_graph_vertex(rank_graph, a, &vertex_a);
	polgraph_graph_vertex(rank_graph, b, &vertex_b);
	return strcmp(vertex_a.key, vertex_b.key);
}

size_t *cli_rank_actors(const struct polgraph_graph *graph,
                        const struct polgraph_analysis *analysis,
                        enum polgraph_metric metric)
{
	size_t count = polgraph_graph_vertex_count(graph);
	size_t *rows = polgraph_xcalloc(count + 1, sizeof(*rows));

	for (size_t i = 0; i < count; i++)
		rows[i] = i;
	rank_analysis = analysis;
	rank_graph = graph;
	rank_metric = metric;
	qsort(rows, count, sizeof(*rows), compare_rank);
	return rows;
}

/* Cuts drawing->full to its top actors into drawing->graph. */
static int cut(struct cli_drawing *drawing,
               const struct cli_drawing_options *options)
{
	size_t count = polgraph_graph_vertex_count(drawing->full);
	size_t top = options->top > 0 ? (size_t)options->top : 0;
	struct polgraph_error err = { 0 };
	size_t *ranked = NULL;
	bool *keep = NULL;
	int result = CLI_OK;

	if (options->top < 0)
		top = count; /* never cut */

	if (!top && count > LARGE_GRAPH) {
		top = LARGE_GRAPH;
		if (!options->quiet)
			cli_warning("drawing the top %d of %zu actors by %s "
			            "(set --top to change)",
			            LARGE_GRAPH, count,
			            polgraph_metric_name(options->rank_by));
	}
	drawing->full_index =
		polgraph_xcalloc(count + 1, sizeof(*drawing->full_index));
	if (!top || top >= count) {
		drawing->graph = drawing->full;
		for (size_t i = 0; i < count; i++)
			drawing->full_index[i] = i;
		return CLI_OK;
	}
	ranked = cli_rank_actors(drawing->full, &drawing->analysis,
	                         options->rank_by);
	keep = polgraph_xcalloc(count + 1, sizeof(*keep));
	for (size_t i = 0; i < top; i++)
		keep[ranked[i]] = true;
	if (polgraph_graph_subgraph(drawing->full, keep, NULL, &drawing->cut,
	                            &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		result = CLI_FAIL;
	} else {
		size_t kept = 0;

		drawing->graph = drawing->cut;
		for (size_t i = 0; i < count; i++)
			if (keep[i])
				drawing->full_index[kept++] = i;
	}
	free(keep);
	free(ranked);
	return result;
}

/* ---- labels and aliases ---- */

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
	struct cli_drawing *drawing;
	struct surfaces *per_vertex;
};

static enum polgraph_status on_surface(const struct polgraph_surface_row *row,
                                       void *ctx)
{
	struct surface_context *context = ctx;
	struct cli_drawing *drawing = context->drawing;
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

static int load_lexicon(struct cli *cli, struct polgraph_lexicon **lexicon)
{
	struct polgraph_error err = { 0 };
	char path[4096];

	snprintf(path, sizeof(path), "%s/actors",
	         cli->data_dir ? cli->data_dir : polgraph_default_data_dir());
	*lexicon = polgraph_lexicon_new();
	if (polgraph_lexicon_load_dir(*lexicon, path, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	return CLI_OK;
}

static int name_actors(struct cli_drawing *drawing, struct cli *cli,
                       struct polgraph_store *store,
                       const struct cli_drawing_options *options)
{
	size_t count = polgraph_graph_vertex_count(drawing->graph);
	struct surfaces *per_vertex =
		polgraph_xcalloc(count + 1, sizeof(*per_vertex));
	struct surface_context context = { drawing, per_vertex };
	struct polgraph_lexicon *lexicon = NULL;
	struct polgraph_error err = { 0 };
	struct polgraph_buf note = { 0 };
	int result = CLI_FAIL;

	if (polgraph_store_actor_surfaces(store, on_surface, &context, &err) !=
	    POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	if (options->labels != CLI_LABELS_EN &&
	    load_lexicon(cli, &lexicon) != CLI_OK)
		goto out;
	drawing->labels = polgraph_xcalloc(count + 1, sizeof(*drawing->labels));
	drawing->vertex_notes =
		polgraph_xcalloc(count + 1, sizeof(*drawing->vertex_notes));
	drawing->aliases =
		polgraph_xcalloc(count + 1, sizeof(*drawing->aliases));
	for (size_t v = 0; v < count; v++) {
		struct surfaces *list = &per_vertex[v];
		struct polgraph_graph_vertex vertex;
		const char *label = NULL;

		polgraph_graph_vertex(drawing->graph, v, &vertex);
		qsort(list->items, list->count, sizeof(*list->items),
		      compare_surfaces);
		if (options->labels != CLI_LABELS_EN) {
			const char *lang = options->labels == CLI_LABELS_RU
			                           ? "ru"
			                           : main_language(list);

			label = lexicon_name(
				polgraph_lexicon_find(lexicon, vertex.key),
				lang);
			if (!label)
				label = best_surface(list, lang);
		}
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
	result = CLI_OK;
out:
	for (size_t v = 0; v < count; v++)
		free(per_vertex[v].items);
	free(per_vertex);
	polgraph_buf_release(&note);
	polgraph_lexicon_free(lexicon);
	return result;
}

/* ---- evidence ---- */

struct evidence_context {
	struct cli_drawing *drawing;
	struct polgraph_strmap edges; /* edge key -> drawn edge */
	struct polgraph_buf key;
	long per_edge;
};

static enum polgraph_status
on_evidence(const struct polgraph_graph_edge_row *row, void *ctx)
{
	struct evidence_context *context = ctx;
	struct cli_drawing *drawing = context->drawing;
	struct cli_evidence *evidence;
	struct cli_evidence_row *item;
	size_t edge;

	polgraph_graph_edge_key(&context->key, row->type, row->source,
	                        row->target);
	if (!polgraph_strmap_get(&context->edges, context->key.data,
	                         context->key.len, &edge))
		return POLGRAPH_OK;
	evidence = &drawing->evidence[edge];
	evidence->total++;
	if ((long)evidence->count >= context->per_edge)
		return POLGRAPH_OK;
	if (!evidence->rows)
		evidence->rows = polgraph_arena_alloc(
			&drawing->arena,
			(size_t)context->per_edge * sizeof(*evidence->rows));
	item = &evidence->rows[evidence->count++];
	item->date = row->date
	                     ? polgraph_arena_strdup(&drawing->arena, row->date)
	                     : "";
	item->article = polgraph_arena_strdup(&drawing->arena, row->article);
	item->sentence = polgraph_arena_strdup(
		&drawing->arena, row->sentence_text ? row->sentence_text : "");
	return POLGRAPH_OK;
}

static int gather_evidence(struct cli_drawing *drawing,
                           struct polgraph_store *store,
                           const struct polgraph_graph_filter *graph_filter,
                           const struct cli_drawing_options *options)
{
	size_t count = polgraph_graph_edge_count(drawing->graph);
	struct evidence_context context = { .drawing = drawing,
		                            .per_edge = options->evidence };
	struct polgraph_graph_filter filter = *graph_filter;
	struct polgraph_error err = { 0 };
	struct polgraph_buf note = { 0 };
	int result = CLI_OK;

	drawing->evidence =
		polgraph_xcalloc(count + 1, sizeof(*drawing->evidence));
	drawing->edge_notes =
		polgraph_xcalloc(count + 1, sizeof(*drawing->edge_notes));
	if (options->evidence <= 0 || count == 0)
		return CLI_OK;
	for (size_t e = 0; e < count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(drawing->graph, e, &edge);
		polgraph_graph_vertex(drawing->graph, edge.source, &source);
		polgraph_graph_vertex(drawing->graph, edge.target, &target);
		polgraph_graph_edge_key(&context.key, edge.type, source.key,
		                        target.key);
		polgraph_strmap_put(&context.edges,
		                    polgraph_arena_strdup(&drawing->arena,
		                                          context.key.data),
		                    e);
	}
	filter.evidence = true;
	if (polgraph_store_graph_edges(store, &filter, on_evidence, &context,
	                               &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		result = CLI_FAIL;
		goto out;
	}
	for (size_t e = 0; e < count; e++) {
		const struct cli_evidence *evidence = &drawing->evidence[e];

		if (!evidence->count)
			continue;
		polgraph_buf_reset(&note);
		for (size_t i = 0; i < evidence->count; i++) {
			const struct cli_evidence_row *row = &evidence->rows[i];

			polgraph_buf_printf(
				&note, "%s\xE2\x80\xA2 %s%s%s: ", i ? "\n" : "",
				row->date, *row->date ? " " : "", row->article);
			polgraph_buf_append(
				&note, row->sentence,
				strnlen(row->sentence, SENTENCE_MAX));
			if (strlen(row->sentence) > SENTENCE_MAX)
				polgraph_buf_puts(&note, "\xE2\x80\xA6");
		}
		if (evidence->total > evidence->count)
			polgraph_buf_printf(&note, "\n(%zu more)",
			                    evidence->total - evidence->count);
		drawing->edge_notes[e] =
			polgraph_arena_strdup(&drawing->arena, note.data);
	}
out:
	polgraph_strmap_release(&context.edges);
	polgraph_buf_release(&context.key);
	polgraph_buf_release(&note);
	return result;
}

/* ---- the whole drawing ---- */

int cli_drawing_build(struct cli_drawing *drawing, struct cli *cli,
                      struct polgraph_store *store,
                      const struct polgraph_graph_filter *filter,
                      const struct cli_drawing_options *options)
{
	struct polgraph_error err = { 0 };
	size_t count;

	if (polgraph_analyze(drawing->full, &options->analyze,
	                     &drawing->analysis, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	if (cut(drawing, options) != CLI_OK)
		return CLI_FAIL;
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
	if (name_actors(drawing, cli, store, options) != CLI_OK)
		return CLI_FAIL;
	return gather_evidence(drawing, store, filter, options);
}

void cli_drawing_release(struct cli_drawing *drawing)
{
	polgraph_analysis_release(&drawing->analysis);
	polgraph_graph_free(drawing->cut);
	polgraph_graph_free(drawing->full);
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

bool cli_write_file(const char *path, const char *data, size_t len)
{
	bool to_stdout = strcmp(path, "-") == 0;
	FILE *file = to_stdout ? stdout : fopen(path, "wb");
	bool ok;

	if (!file) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return false;
	}
	ok = fwrite(data ? data : "", 1, len, file) == len;
	ok = (to_stdout ? fflush(file) : fclose(file)) == 0 && ok;
	if (!ok)
		cli_error("cannot write '%s': %s", path, strerror(errno));
	return ok;
}
