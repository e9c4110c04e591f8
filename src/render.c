/*
 * render.c - the actor graph as a Graphviz graph, laid out and rendered
 * by the Graphviz libraries; DOT read back for checks.
 *
 * Consumes a graph (graph.h) and the caller's labels, sizes, clusters and
 * notes; produces DOT, SVG, PNG or PDF bytes. The safety rules of
 * render.h live here: generated node ids, cleaned label and tooltip
 * text, every other attribute from the tables below. The only user of
 * cgraph.h and gvc.h.
 */
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polgraph/render.h"
#include "polgraph/strmap.h"
#include "polgraph/text.h"

#define FONT          "Helvetica"
#define LABEL_MAX     80   /* bytes of a node label */
#define TOOLTIP_MAX   2000 /* bytes of a tooltip */
#define NOTE_MAX      1500 /* bytes of the caller's notes in a tooltip */
#define LEGEND_TYPES  16   /* relation types in the legend at most */
#define GRAPHVIZ_FAIL "Graphviz failed"

/* ---- styles: every attribute value that is not text comes from here ---- */

struct actor_style {
	const char *type, *shape, *fill, *style;
};

static const struct actor_style actor_styles[] = {
	{ "person", "ellipse", "#cfe2ff", "filled" },
	{ "country", "box", "#ffd8a8", "filled,rounded" },
	{ "organization", "hexagon", "#d3f9d8", "filled" },
	{ "group", "octagon", "#eebefa", "filled" },
	{ "location", "house", "#e9ecef", "filled" },
};
static const struct actor_style unknown_actor = { "", "ellipse", "#ffffff",
	                                          "filled,dashed" };

struct relation_style {
	const char *type, *color, *style, *arrowhead;
	bool thin; /* light, thin lines: co-mentions */
};

static const struct relation_style relation_styles[] = {
	{ "meets-with", "#6741d9", "solid", "none", false },
	{ "supports", "#2b8a3e", "solid", "normal", false },
	{ "criticizes", "#e8590c", "solid", "vee", false },
	{ "sanctions-imposed-by", "#c92a2a", "bold", "tee", false },
	{ "sanctions-lifted-by", "#2f9e44", "dashed", "tee", false },
	{ "ambassador-of", "#1971c2", "dashed", "empty", false },
	{ "holds-position", "#495057", "dotted", "odot", false },
	{ "comention", "#adb5bd", "solid", "none", true },
};
static const struct relation_style unknown_relation = { "", "#212529", "solid",
	                                                "normal", false };

static const char *const layouts[] = {
	"dot", "neato", "fdp", "sfdp", "circo", "twopi",
};

static const struct actor_style *actor_style(const char *type)
{
	for (size_t i = 0; i < sizeof(actor_styles) / sizeof(*actor_styles);
	     i++)
		if (strcmp(actor_styles[i].type, type) == 0)
			return &actor_styles[i];
	return &unknown_actor;
}

static const struct relation_style *relation_style(const char *type)
{
	for (size_t i = 0;
	     i < sizeof(relation_styles) / sizeof(*relation_styles); i++)
		if (strcmp(relation_styles[i].type, type) == 0)
			return &relation_styles[i];
	return &unknown_relation;
}

static const char *const format_names[] = { "dot", "svg", "png", "pdf" };

bool polgraph_render_format_parse(const char *name,
                                  enum polgraph_render_format *format)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(*format_names);
	     i++)
		if (strcmp(format_names[i], name) == 0) {
			*format = (enum polgraph_render_format)i;
			return true;
		}
	return false;
}

const char *polgraph_render_format_name(enum polgraph_render_format format)
{
	return (size_t)format < sizeof(format_names) / sizeof(*format_names)
	               ? format_names[format]
	               : NULL;
}

bool polgraph_render_format_of_path(const char *path,
                                    enum polgraph_render_format *format)
{
	const char *dot = strrchr(path, '.');

	return dot && !strchr(dot, '/') &&
	       polgraph_render_format_parse(dot + 1, format);
}

bool polgraph_render_layout_known(const char *name)
{
	for (size_t i = 0; i < sizeof(layouts) / sizeof(*layouts); i++)
		if (strcmp(layouts[i], name) == 0)
			return true;
	return false;
}

const char *polgraph_render_auto_layout(size_t vertex_count, size_t edge_count)
{
	return vertex_count <= POLGRAPH_RENDER_DOT_LIMIT &&
	                       edge_count <= POLGRAPH_RENDER_DOT_EDGE_LIMIT
	               ? "dot"
	               : "sfdp";
}

/* ---- cleaning text ---- */

/* Bytes of the UTF-8 character starting with byte c (valid input). */
static size_t char_length(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	return 2;
}

/* The replacement of the character at text for kind, or NULL if none. */
static const char *escape(char c, enum polgraph_render_text kind)
{
	if (c == '\\')
		return kind == POLGRAPH_RENDER_LABEL
		               ? "\\\\"
		               : "\xE2\xA7\xB5"; /* U+29F5 */
	if (c == '\n')
		return kind == POLGRAPH_RENDER_LABEL ? " " : "\\n";
	return NULL;
}

void polgraph_render_clean(const char *text, enum polgraph_render_text kind,
                           size_t max_bytes, struct polgraph_buf *out)
{
	static const char ellipsis[] = "\xE2\x80\xA6";
	struct polgraph_buf clean = { 0 };
	size_t total = 0, limit = SIZE_MAX, written = 0;

	polgraph_text_sanitize(text ? text : "", text ? strlen(text) : 0,
	                       &clean);
	for (size_t pos = 0; pos < clean.len; pos++) {
		const char *replacement = escape(clean.data[pos], kind);

		total += replacement ? strlen(replacement) : 1;
	}
	if (max_bytes && total > max_bytes)
		limit = max_bytes > sizeof(ellipsis) - 1
		                ? max_bytes - (sizeof(ellipsis) - 1)
		                : 0;
	if (limit == SIZE_MAX) {
		/* It all fits: the runs between escaped characters as they
		   are (escape never matches a byte inside a UTF-8 sequence). */
		size_t start = 0;

		for (size_t pos = 0; pos < clean.len; pos++) {
			const char *replacement = escape(clean.data[pos], kind);

			if (!replacement)
				continue;
			polgraph_buf_append(out, clean.data + start,
			                    pos - start);
			polgraph_buf_puts(out, replacement);
			start = pos + 1;
		}
		polgraph_buf_append(out, clean.data + start, clean.len - start);
	}
	for (size_t pos = 0; limit != SIZE_MAX && pos < clean.len;) {
		size_t n = char_length((unsigned char)clean.data[pos]);
		const char *replacement = escape(clean.data[pos], kind);
		size_t piece_len = replacement ? strlen(replacement) : n;

		if (written + piece_len > limit)
			break;
		polgraph_buf_append(
			out, replacement ? replacement : clean.data + pos,
			piece_len);
		written += piece_len;
		pos += n;
	}
	if (limit != SIZE_MAX)
		polgraph_buf_puts(out, ellipsis);
	polgraph_buf_release(&clean);
}

/* ---- Graphviz messages ---- */

/* The last message Graphviz reported; Graphviz state is global anyway. */
static char graphviz_message[256];

static int on_graphviz_message(char *message)
{
	size_t len = strlen(message);

	while (len && (message[len - 1] == '\n' || message[len - 1] == ' '))
		len--;
	if (len >= sizeof(graphviz_message))
		len = sizeof(graphviz_message) - 1;
	memcpy(graphviz_message, message, len);
	graphviz_message[len] = '\0';
	return 0;
}

static void quiet_graphviz(void)
{
	graphviz_message[0] = '\0';
	agseterrf(on_graphviz_message);
	agseterr(AGERR);
}

static enum polgraph_status graphviz_fail(struct polgraph_error *err,
                                          const char *what)
{
	return polgraph_error_set(err, POLGRAPH_ERROR, "%s%s%s", what,
	                          graphviz_message[0] ? ": " : "",
	                          graphviz_message);
}

/* ---- building the Graphviz graph ---- */

/* Declared attributes: each set with agxset, never by name. */
struct attributes {
	Agsym_t *node_label, *node_tooltip, *shape, *node_style, *fillcolor,
		*fontsize, *width, *height;
	Agsym_t *edge_tooltip, *edge_color, *edge_style, *arrowhead, *dir,
		*penwidth;
	Agsym_t *graph_label, *graph_style, *graph_color;
};

struct drawing {
	const struct polgraph_graph *graph;
	const struct polgraph_render_options *options;
	Agraph_t *root;
	Agnode_t **nodes;
	struct attributes attrs;
	struct polgraph_buf text, value; /* raw text; cleaned value */
	double size_min, size_max;
};

/* agattr and friends take char * in 2.42; our strings are constant. */
#define MUTABLE(s) ((char *)(uintptr_t)(s))

static Agsym_t *declare(Agraph_t *root, int kind, const char *name,
                        const char *fallback)
{
	return agattr(root, kind, MUTABLE(name), MUTABLE(fallback));
}

static void set(void *object, Agsym_t *symbol, const char *value)
{
	agxset(object, symbol, MUTABLE(value));
}

/* Sets symbol of object to text cleaned for kind. */
static void set_text(struct drawing *drawing, void *object, Agsym_t *symbol,
                     const char *text, enum polgraph_render_text kind,
                     size_t max_bytes)
{
	polgraph_buf_reset(&drawing->value);
	polgraph_render_clean(text, kind, max_bytes, &drawing->value);
	set(object, symbol, drawing->value.data ? drawing->value.data : "");
}

static void set_number(void *object, Agsym_t *symbol, double value)
{
	char number[32];

	snprintf(number, sizeof(number), "%.2f", value);
	set(object, symbol, number);
}

static void declare_attributes(struct drawing *drawing, const char *layout,
                               bool directed)
{
	Agraph_t *root = drawing->root;
	struct attributes *attrs = &drawing->attrs;

	declare(root, AGRAPH, "layout", layout);
	declare(root, AGRAPH, "fontname", FONT);
	declare(root, AGRAPH, "fontsize", "12");
	declare(root, AGRAPH, "labelloc", "t");
	declare(root, AGRAPH, "outputorder", "edgesfirst");
	declare(root, AGRAPH, "bgcolor", "white");
	declare(root, AGRAPH, "pad", "0.3");
	if (strcmp(layout, "dot") == 0) {
		declare(root, AGRAPH, "rankdir", "LR");
		declare(root, AGRAPH, "nodesep", "0.3");
		declare(root, AGRAPH, "ranksep", "0.8");
	} else {
		declare(root, AGRAPH, "overlap", "prism");
		declare(root, AGRAPH, "sep", "+6");
		declare(root, AGRAPH, "splines", "false");
	}
	attrs->graph_label = declare(root, AGRAPH, "label", "");
	attrs->graph_style = declare(root, AGRAPH, "style", "");
	attrs->graph_color = declare(root, AGRAPH, "color", "black");

	declare(root, AGNODE, "fontname", FONT);
	attrs->fontsize = declare(root, AGNODE, "fontsize", "11");
	attrs->node_label = declare(root, AGNODE, "label", "");
	attrs->node_tooltip = declare(root, AGNODE, "tooltip", "");
	attrs->shape = declare(root, AGNODE, "shape", "ellipse");
	attrs->node_style = declare(root, AGNODE, "style", "filled");
	attrs->fillcolor = declare(root, AGNODE, "fillcolor", "#ffffff");
	declare(root, AGNODE, "color", "#495057");
	declare(root, AGNODE, "margin", "0.05,0.03");
	attrs->width = declare(root, AGNODE, "width", "0.75");
	attrs->height = declare(root, AGNODE, "height", "0.4");

	declare(root, AGEDGE, "fontname", FONT);
	attrs->edge_tooltip = declare(root, AGEDGE, "tooltip", "");
	attrs->edge_color = declare(root, AGEDGE, "color", "#212529");
	attrs->edge_style = declare(root, AGEDGE, "style", "solid");
	attrs->arrowhead = declare(root, AGEDGE, "arrowhead", "normal");
	attrs->dir =
		declare(root, AGEDGE, "dir", directed ? "forward" : "none");
	attrs->penwidth = declare(root, AGEDGE, "penwidth", "1");
	declare(root, AGEDGE, "arrowsize", "0.7");
}

static const char *vertex_label(const struct drawing *drawing, size_t index,
                                const struct polgraph_graph_vertex *vertex)
{
	const char *const *labels = drawing->options->labels;

	return labels && labels[index] ? labels[index] : vertex->name;
}

/* 0..1: where the vertex's size value sits between the smallest and
   largest. */
static double size_scale(const struct drawing *drawing, size_t index)
{
	double span = drawing->size_max - drawing->size_min;

	if (!drawing->options->sizes || !(span > 0))
		return 0;
	return (drawing->options->sizes[index] - drawing->size_min) / span;
}

static void add_nodes(struct drawing *drawing)
{
	const struct polgraph_render_options *options = drawing->options;
	size_t count = polgraph_graph_vertex_count(drawing->graph);
	struct attributes *attrs = &drawing->attrs;
	char id[32];

	for (size_t i = 0; i < count; i++) {
		struct polgraph_graph_vertex vertex;
		const struct actor_style *style;
		struct polgraph_buf *text = &drawing->text;
		Agnode_t *node;
		double scale;

		polgraph_graph_vertex(drawing->graph, i, &vertex);
		style = actor_style(vertex.type);
		snprintf(id, sizeof(id), "n%zu", i);
		node = agnode(drawing->root, id, 1);
		drawing->nodes[i] = node;
		set_text(drawing, node, attrs->node_label,
		         vertex_label(drawing, i, &vertex),
		         POLGRAPH_RENDER_LABEL, LABEL_MAX);
		set(node, attrs->shape, style->shape);
		set(node, attrs->node_style, style->style);
		set(node, attrs->fillcolor, style->fill);
		if (options->sizes) {
			scale = size_scale(drawing, i);
			set_number(node, attrs->fontsize, 10 + 14 * scale);
			set_number(node, attrs->width, 0.75 + 1.25 * scale);
			set_number(node, attrs->height, 0.4 + 0.6 * scale);
		}

		polgraph_buf_reset(text);
		polgraph_buf_printf(text, "%s\n%s (%s)\nmentions: %lld",
		                    vertex_label(drawing, i, &vertex),
		                    vertex.key,
		                    *vertex.type ? vertex.type : "unknown type",
		                    (long long)vertex.mentions);
		if (*vertex.first_seen)
			polgraph_buf_printf(text, ", seen %s to %s",
			                    vertex.first_seen,
			                    vertex.last_seen);
		if (options->sizes)
			polgraph_buf_printf(text, "\n%s: %.4g",
			                    options->size_name
			                            ? options->size_name
			                            : "size",
			                    options->sizes[i]);
		if (options->vertex_notes && options->vertex_notes[i]) {
			polgraph_buf_puts(text, "\n");
			polgraph_buf_append(
				text, options->vertex_notes[i],
				strnlen(options->vertex_notes[i], NOTE_MAX));
		}
		set_text(drawing, node, attrs->node_tooltip, text->data,
		         POLGRAPH_RENDER_TOOLTIP, TOOLTIP_MAX);
	}
}

static double edge_width(const struct relation_style *style, int64_t weight)
{
	double steps = weight > 1 ? log2((double)weight) : 0;

	if (style->thin)
		return fmin(0.5 + 0.3 * steps, 2);
	return fmin(1.2 + 1.2 * steps, 7);
}

static void add_edges(struct drawing *drawing)
{
	const struct polgraph_render_options *options = drawing->options;
	size_t count = polgraph_graph_edge_count(drawing->graph);
	bool directed = polgraph_graph_directed(drawing->graph);
	struct attributes *attrs = &drawing->attrs;

	for (size_t i = 0; i < count; i++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;
		const struct relation_style *style;
		struct polgraph_buf *text = &drawing->text;
		Agedge_t *arc;

		polgraph_graph_edge(drawing->graph, i, &edge);
		polgraph_graph_vertex(drawing->graph, edge.source, &source);
		polgraph_graph_vertex(drawing->graph, edge.target, &target);
		style = relation_style(edge.type);
		arc = agedge(drawing->root, drawing->nodes[edge.source],
		             drawing->nodes[edge.target], NULL, 1);
		set(arc, attrs->edge_color, style->color);
		set(arc, attrs->edge_style, style->style);
		set(arc, attrs->arrowhead, style->arrowhead);
		if (directed && edge.symmetric)
			set(arc, attrs->dir, "none");
		set_number(arc, attrs->penwidth,
		           edge_width(style, edge.weight));

		polgraph_buf_reset(text);
		polgraph_buf_printf(
			text, "%s %s %s\n%s: %lld article%s, %lld sentence%s",
			vertex_label(drawing, edge.source, &source),
			edge.symmetric ? "\xE2\x80\x94" : "\xE2\x86\x92",
			vertex_label(drawing, edge.target, &target), edge.type,
			(long long)edge.weight, edge.weight == 1 ? "" : "s",
			(long long)edge.sentences,
			edge.sentences == 1 ? "" : "s");
		if (*edge.first_date)
			polgraph_buf_printf(text, "\n%s to %s", edge.first_date,
			                    edge.last_date);
		if (options->edge_notes && options->edge_notes[i]) {
			polgraph_buf_puts(text, "\n");
			polgraph_buf_append(
				text, options->edge_notes[i],
				strnlen(options->edge_notes[i], NOTE_MAX));
		}
		set_text(drawing, arc, attrs->edge_tooltip, text->data,
		         POLGRAPH_RENDER_TOOLTIP, TOOLTIP_MAX);
	}
}

/* One cluster per cluster number, in order of first vertex. */
static void add_clusters(struct drawing *drawing)
{
	const int64_t *clusters = drawing->options->clusters;
	size_t count = polgraph_graph_vertex_count(drawing->graph);
	char name[48], label[48];

	if (!clusters)
		return;
	for (size_t i = 0; i < count; i++) {
		Agraph_t *cluster;

		if (clusters[i] < 0)
			continue;
		snprintf(name, sizeof(name), "cluster_c%lld",
		         (long long)clusters[i]);
		cluster = agsubg(drawing->root, name, 0);
		if (!cluster) {
			cluster = agsubg(drawing->root, name, 1);
			snprintf(label, sizeof(label), "community %lld",
			         (long long)clusters[i]);
			set(cluster, drawing->attrs.graph_label, label);
			set(cluster, drawing->attrs.graph_style,
			    "rounded,dashed");
			set(cluster, drawing->attrs.graph_color, "#868e96");
		}
		agsubnode(cluster, drawing->nodes[i], 1);
	}
}

/* The legend: the actor and relation types present, in table order. */
static void add_legend(struct drawing *drawing)
{
	const struct polgraph_graph *graph = drawing->graph;
	size_t vertex_count = polgraph_graph_vertex_count(graph);
	size_t edge_count = polgraph_graph_edge_count(graph);
	struct attributes *attrs = &drawing->attrs;
	const char *types[LEGEND_TYPES];
	size_t type_count = 0;
	Agraph_t *legend;
	Agnode_t *previous = NULL;
	char id[32];

	legend = agsubg(drawing->root, "cluster_legend", 1);
	set(legend, attrs->graph_label, "legend");
	set(legend, attrs->graph_style, "rounded");
	set(legend, attrs->graph_color, "#ced4da");
	for (size_t s = 0; s <= sizeof(actor_styles) / sizeof(*actor_styles);
	     s++) {
		const struct actor_style *style =
			s < sizeof(actor_styles) / sizeof(*actor_styles)
				? &actor_styles[s]
				: &unknown_actor;
		bool present = false;
		Agnode_t *node;

		for (size_t v = 0; v < vertex_count && !present; v++) {
			struct polgraph_graph_vertex vertex;

			polgraph_graph_vertex(graph, v, &vertex);
			present = actor_style(vertex.type) == style;
		}
		if (!present)
			continue;
		snprintf(id, sizeof(id), "legend_a%zu", s);
		node = agnode(legend, id, 1);
		set(node, attrs->node_label,
		    *style->type ? style->type : "other");
		set(node, attrs->shape, style->shape);
		set(node, attrs->node_style, style->style);
		set(node, attrs->fillcolor, style->fill);
		set(node, attrs->node_tooltip, "actor type");
		if (previous) {
			Agedge_t *link =
				agedge(legend, previous, node, NULL, 1);

			set(link, attrs->edge_style, "invis");
		}
		previous = node;
	}
	/* Relation types in order of first edge, at most LEGEND_TYPES. */
	for (size_t e = 0; e < edge_count && type_count < LEGEND_TYPES; e++) {
		struct polgraph_graph_edge edge;
		bool seen = false;

		polgraph_graph_edge(graph, e, &edge);
		for (size_t t = 0; t < type_count && !seen; t++)
			seen = strcmp(types[t], edge.type) == 0;
		if (!seen)
			types[type_count++] = edge.type;
	}
	for (size_t t = 0; t < type_count; t++) {
		const struct relation_style *style = relation_style(types[t]);
		Agnode_t *from, *to;
		Agedge_t *sample;

		snprintf(id, sizeof(id), "legend_r%zu", t);
		from = agnode(legend, id, 1);
		set(from, attrs->node_label, "");
		set(from, attrs->shape, "point");
		set(from, attrs->width, "0.05");
		set(from, attrs->height, "0.05");
		snprintf(id, sizeof(id), "legend_r%zut", t);
		to = agnode(legend, id, 1);
		set_text(drawing, to, attrs->node_label, types[t],
		         POLGRAPH_RENDER_LABEL, LABEL_MAX);
		set(to, attrs->shape, "plaintext");
		set(to, attrs->node_style, "solid");
		set(to, attrs->node_tooltip, "relation type");
		sample = agedge(legend, from, to, NULL, 1);
		set(sample, attrs->edge_color, style->color);
		set(sample, attrs->edge_style, style->style);
		set(sample, attrs->arrowhead, style->arrowhead);
		set(sample, attrs->dir, "forward");
		set_number(sample, attrs->penwidth, edge_width(style, 1));
		set(sample, attrs->edge_tooltip, "relation type");
		if (previous) {
			Agedge_t *link =
				agedge(legend, previous, from, NULL, 1);

			set(link, attrs->edge_style, "invis");
		}
		previous = from;
	}
}

/* ---- object ids in creation order ---- */

/*
 * cgraph's default id discipline makes a named object's id the address
 * of its interned name, and agwrite writes subgraphs in id order, so the
 * order of clusters in DOT output followed the heap: the same graph
 * came out in another order after other allocations (--labels orig, or
 * a Lua script before g:render). These ids count up in creation order
 * instead (even for named objects, odd for anonymous ones, as the
 * default's), which makes agwrite's order the order we create things in.
 */
struct ids {
	Agraph_t *root;                 /* whose string pool holds names */
	struct polgraph_strmap by_name; /* name -> index in names */
	char **names; /* id / 2 - 1 -> name, interned with agstrdup (agwrite
	                 reads the header of a reference string before it) */
	size_t count, capacity;
	IDTYPE anonymous; /* the last odd id handed out */
};

static void *ids_open(Agraph_t *graph, Agdisc_t *disc)
{
	struct ids *ids = polgraph_xcalloc(1, sizeof(*ids));

	(void)disc;
	ids->root = graph;
	return ids;
}

static long ids_map(void *state, int type, char *name, IDTYPE *id, int create)
{
	struct ids *ids = state;
	size_t index;

	(void)type;
	if (!name) {
		ids->anonymous = ids->anonymous ? ids->anonymous + 2 : 1;
		*id = ids->anonymous;
		return 1;
	}
	if (!polgraph_strmap_get(&ids->by_name, name, strlen(name), &index)) {
		if (!create)
			return 0;
		polgraph_xgrow((void **)&ids->names, &ids->capacity,
		               ids->count + 1, sizeof(*ids->names));
		index = ids->count++;
		ids->names[index] = agstrdup(ids->root, name);
		polgraph_strmap_put(&ids->by_name, ids->names[index], index);
	}
	*id = (IDTYPE)(index + 1) * 2;
	return 1;
}

/* Ids chosen by the caller are refused, as the default does. */
static long ids_alloc(void *state, int type, IDTYPE id)
{
	(void)state;
	(void)type;
	(void)id;
	return 0;
}

/* Names live until the graph's string pool is closed. */
static void ids_free(void *state, int type, IDTYPE id)
{
	(void)state;
	(void)type;
	(void)id;
}

static char *ids_print(void *state, int type, IDTYPE id)
{
	struct ids *ids = state;

	(void)type;
	if (id % 2 || id == 0 || id / 2 > ids->count)
		return NULL;
	return ids->names[id / 2 - 1];
}

static void ids_close(void *state)
{
	struct ids *ids = state;

	free(ids->names); /* the strings go with the pool, closed next */
	polgraph_strmap_release(&ids->by_name);
	free(ids);
}

static void ids_register(void *state, int type, void *object)
{
	(void)state;
	(void)type;
	(void)object;
}

static Agiddisc_t id_discipline = { ids_open,  ids_map,   ids_alloc,   ids_free,
	                            ids_print, ids_close, ids_register };
static Agdisc_t discipline = { &AgMemDisc, &id_discipline, &AgIoDisc };

/* Builds drawing->root from the graph. */
static void build(struct drawing *drawing, const char *layout)
{
	const struct polgraph_render_options *options = drawing->options;
	size_t count = polgraph_graph_vertex_count(drawing->graph);
	bool directed = polgraph_graph_directed(drawing->graph);

	drawing->root = agopen("polgraph", directed ? Agdirected : Agundirected,
	                       &discipline);
	declare_attributes(drawing, layout, directed);
	if (options->title)
		set_text(drawing, drawing->root, drawing->attrs.graph_label,
		         options->title, POLGRAPH_RENDER_LABEL, 0);
	drawing->nodes = polgraph_xcalloc(count + 1, sizeof(*drawing->nodes));
	if (options->sizes && count) {
		drawing->size_min = drawing->size_max = options->sizes[0];
		for (size_t i = 1; i < count; i++) {
			drawing->size_min =
				fmin(drawing->size_min, options->sizes[i]);
			drawing->size_max =
				fmax(drawing->size_max, options->sizes[i]);
		}
	}
	add_nodes(drawing);
	add_clusters(drawing);
	add_edges(drawing);
	if (options->legend)
		add_legend(drawing);
}

/* agwrite into out, through a memory stream. */
static enum polgraph_status write_dot(Agraph_t *root, struct polgraph_buf *out,
                                      struct polgraph_error *err)
{
	char *data = NULL;
	size_t len = 0;
	FILE *stream = open_memstream(&data, &len);
	enum polgraph_status status = POLGRAPH_OK;

	if (!stream)
		return polgraph_error_set(err, POLGRAPH_NOMEM,
		                          "cannot open a memory stream");
	if (agwrite(root, stream) != 0)
		status = graphviz_fail(err, "cannot write DOT");
	if (fclose(stream) != 0 && status == POLGRAPH_OK)
		status = polgraph_error_set(err, POLGRAPH_IO,
		                            "cannot write DOT");
	if (status == POLGRAPH_OK)
		status = polgraph_buf_append(out, data, len);
	free(data);
	return status;
}

/*
 * The Graphviz context, made on first use and kept for the life of the
 * process. Graphviz 2.42's pango plugin remembers the last font by a
 * pointer into the context's font table, so once a context was freed the
 * next render in the same process (g:render twice in one query) read
 * freed memory (valgrind: strcmp in libgvplugin_pango). What a context
 * holds Graphviz never frees completely anyway (tests/lsan.supp).
 */
static GVC_t *graphviz_context(void)
{
	static GVC_t *context;

	if (!context)
		context = gvContext();
	return context;
}

enum polgraph_status
polgraph_render(const struct polgraph_graph *graph,
                const struct polgraph_render_options *options,
                struct polgraph_buf *out, struct polgraph_error *err)
{
	static const char *const formats[] = { "dot", "svg", "png:cairo",
		                               "pdf:cairo" };
	struct drawing drawing = { .graph = graph, .options = options };
	enum polgraph_status status = POLGRAPH_OK;
	const char *layout = options->layout;
	GVC_t *context = NULL;
	bool laid_out = false;
	FILE *stream = NULL;
	char *data = NULL;
	size_t len = 0;

	if (!layout)
		layout = polgraph_render_auto_layout(
			polgraph_graph_vertex_count(graph),
			polgraph_graph_edge_count(graph));
	if (!polgraph_render_layout_known(layout))
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "unknown layout '%s'", layout);
	if ((size_t)options->format >= sizeof(formats) / sizeof(*formats))
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "unknown render format");
	quiet_graphviz();
	build(&drawing, layout);
	if (options->format == POLGRAPH_RENDER_DOT) {
		status = write_dot(drawing.root, out, err);
		goto out;
	}
	context = graphviz_context();
	if (!context) {
		status = graphviz_fail(err, "cannot start Graphviz");
		goto out;
	}
	if (gvLayout(context, drawing.root, layout) != 0) {
		status = graphviz_fail(err, "cannot lay out the graph");
		goto out;
	}
	laid_out = true;
	/* Through a memory stream, which grows its buffer geometrically:
	   gvRenderData grows its own a page at a time, a realloc (mremap of
	   the whole buffer) for nearly every write, about 0.5 s of a 57 MB
	   SVG. */
	stream = open_memstream(&data, &len);
	if (!stream) {
		status = polgraph_error_set(err, POLGRAPH_NOMEM,
		                            "cannot open a memory stream");
		goto out;
	}
	if (gvRender(context, drawing.root, formats[options->format], stream) !=
	    0)
		status = graphviz_fail(err, "cannot render the graph");
	if (fclose(stream) != 0 && status == POLGRAPH_OK)
		status = polgraph_error_set(err, POLGRAPH_NOMEM,
		                            "cannot render the graph");
	if (status == POLGRAPH_OK)
		status = polgraph_buf_append(out, data, len);
out:
	free(data);
	if (laid_out)
		gvFreeLayout(context, drawing.root);
	if (drawing.root)
		agclose(drawing.root);
	free(drawing.nodes);
	polgraph_buf_release(&drawing.text);
	polgraph_buf_release(&drawing.value);
	return status;
}

/* ---- reading DOT back ---- */

static void read_object(struct polgraph_dot *dot, void *object, int kind,
                        Agraph_t *root, struct polgraph_dot_object *into)
{
	Agsym_t *symbol = NULL;
	size_t count = 0;

	while ((symbol = agnxtattr(root, kind, symbol)))
		count++;
	into->attrs = polgraph_arena_alloc(&dot->arena,
	                                   (count + 1) * sizeof(*into->attrs));
	symbol = NULL;
	while ((symbol = agnxtattr(root, kind, symbol))) {
		struct polgraph_dot_attr *attr =
			&into->attrs[into->attr_count++];

		attr->name = polgraph_arena_strdup(&dot->arena, symbol->name);
		attr->value = polgraph_arena_strdup(&dot->arena,
		                                    agxget(object, symbol));
	}
}

static void read_graphs(struct polgraph_dot *dot, Agraph_t *graph,
                        Agraph_t *root, size_t *capacity)
{
	struct polgraph_dot_object *into;

	polgraph_arena_grow(&dot->arena, (void **)&dot->graphs, capacity,
	                    dot->graph_count + 1, sizeof(*dot->graphs));
	into = &dot->graphs[dot->graph_count++];
	memset(into, 0, sizeof(*into));
	into->name = polgraph_arena_strdup(&dot->arena, agnameof(graph));
	read_object(dot, graph, AGRAPH, root, into);
	for (Agraph_t *sub = agfstsubg(graph); sub; sub = agnxtsubg(sub))
		read_graphs(dot, sub, root, capacity);
}

enum polgraph_status polgraph_dot_parse(const char *text,
                                        struct polgraph_dot *dot,
                                        struct polgraph_error *err)
{
	size_t graph_capacity = 0, node_capacity = 0, edge_capacity = 0;
	Agraph_t *root;

	quiet_graphviz();
	root = agmemread(text);
	if (!root)
		return graphviz_fail(err, "not a DOT graph");
	dot->directed = agisdirected(root);
	read_graphs(dot, root, root, &graph_capacity);
	for (Agnode_t *node = agfstnode(root); node;
	     node = agnxtnode(root, node)) {
		struct polgraph_dot_object *into;

		polgraph_arena_grow(&dot->arena, (void **)&dot->nodes,
		                    &node_capacity, dot->node_count + 1,
		                    sizeof(*dot->nodes));
		into = &dot->nodes[dot->node_count++];
		memset(into, 0, sizeof(*into));
		into->name = polgraph_arena_strdup(&dot->arena, agnameof(node));
		read_object(dot, node, AGNODE, root, into);
	}
	for (Agnode_t *node = agfstnode(root); node;
	     node = agnxtnode(root, node))
		for (Agedge_t *edge = agfstout(root, node); edge;
		     edge = agnxtout(root, edge)) {
			struct polgraph_dot_object *into;

			polgraph_arena_grow(&dot->arena, (void **)&dot->edges,
			                    &edge_capacity, dot->edge_count + 1,
			                    sizeof(*dot->edges));
			into = &dot->edges[dot->edge_count++];
			memset(into, 0, sizeof(*into));
			into->tail = polgraph_arena_strdup(
				&dot->arena, agnameof(agtail(edge)));
			into->head = polgraph_arena_strdup(
				&dot->arena, agnameof(aghead(edge)));
			read_object(dot, edge, AGEDGE, root, into);
		}
	agclose(root);
	return POLGRAPH_OK;
}

void polgraph_dot_release(struct polgraph_dot *dot)
{
	polgraph_arena_release(&dot->arena);
	memset(dot, 0, sizeof(*dot));
}

const char *polgraph_dot_get(const struct polgraph_dot_object *object,
                             const char *name)
{
	for (size_t i = 0; i < object->attr_count; i++)
		if (strcmp(object->attrs[i].name, name) == 0)
			return object->attrs[i].value;
	return NULL;
}
