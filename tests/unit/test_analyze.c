/*
 * test_analyze.c - graph.c and analyze.c on the hand-made graphs of
 * graphs/fixtures/ (graphs/README.md), whose centralities are known by
 * hand: every NAME.tsv there is read into polgraph_graph_from_edges,
 * analysed, and checked against each value of NAME.expected.json.
 * The fixtures are the only copy of those graphs; the sampling and
 * determinism checks read two-cliques-bridge.tsv too. Also: merging of
 * edges, metric names, the empty graph.
 */
#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "polgraph/analyze.h"
#include "polgraph/graph.h"
#include "polgraph/json.h"
#include "polgraph/mem.h"

#ifndef POLGRAPH_TEST_FIXTURES
#error "POLGRAPH_TEST_FIXTURES must name graphs/fixtures (tests/CMakeLists.txt)"
#endif

#define TOLERANCE 1e-9

#define CHECK_NEAR(got, want, label)                                           \
	do {                                                                   \
		double check_got_ = (got), check_want_ = (want);               \
		CHECK(fabs(check_got_ - check_want_) <= TOLERANCE,             \
		      "%s: got %.17g, want %.17g", (label), check_got_,        \
		      check_want_);                                            \
	} while (0)

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* The fixtures the issue asks for; more may sit beside them. */
static const char *const required_fixtures[] = {
	"star",
	"two-cliques-bridge",
	"chain",
	"directed-cycle",
};

/* ---- reading fixtures ---- */

/* POLGRAPH_TEST_FIXTURES "/" name suffix, in buf. */
static const char *fixture_path(char *buf, size_t size, const char *name,
                                const char *suffix)
{
	snprintf(buf, size, "%s/%s%s", POLGRAPH_TEST_FIXTURES, name, suffix);
	return buf;
}

/* The whole file, NUL-terminated (caller frees); NULL if unreadable. */
static char *read_text(const char *path, size_t *len)
{
	FILE *file = fopen(path, "rb");
	char *text = NULL;
	size_t used = 0, capacity = 0, got;

	if (!file)
		return NULL;
	do {
		polgraph_xgrow((void **)&text, &capacity, used + 4097, 1);
		got = fread(text + used, 1, capacity - used - 1, file);
		used += got;
	} while (got > 0);
	if (ferror(file)) {
		free(text);
		text = NULL;
	} else {
		text[used] = '\0';
		*len = used;
	}
	fclose(file);
	return text;
}

/* An edge list; the specs point into text. */
struct edge_list {
	char *text;
	struct polgraph_graph_edge_spec *edges;
	size_t count;
};

static void edge_list_free(struct edge_list *list)
{
	free(list->text);
	free(list->edges);
	memset(list, 0, sizeof(*list));
}

/*
 * Reads "source<TAB>target<TAB>type[<TAB>weight]" lines; blank lines and
 * lines starting with '#' are skipped. Reports and returns false on a
 * malformed line.
 */
static bool load_edges(const char *path, struct edge_list *list)
{
	size_t len = 0, capacity = 0, line_number = 0;
	char *line, *next;

	memset(list, 0, sizeof(*list));
	list->text = read_text(path, &len);
	CHECK(list->text != NULL, "cannot read %s", path);
	if (!list->text)
		return false;
	for (line = list->text; line && *line; line = next) {
		char *fields[5] = { 0 };
		size_t field_count = 0;
		char *end;
		long weight = 1;

		line_number++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		end = line + strlen(line);
		if (end > line && end[-1] == '\r')
			*--end = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		for (char *field = line; field && field_count < COUNT(fields);
		     field_count++) {
			fields[field_count] = field;
			field = strchr(field, '\t');
			if (field)
				*field++ = '\0';
		}
		if (field_count == 4) {
			weight = strtol(fields[3], &end, 10);
			if (*fields[3] == '\0' || *end != '\0' || weight <= 0)
				field_count = 0;
		}
		if ((field_count != 3 && field_count != 4) ||
		    *fields[0] == '\0' || *fields[1] == '\0' ||
		    *fields[2] == '\0') {
			CHECK(0,
			      "%s:%zu: want source<TAB>target<TAB>type"
			      "[<TAB>weight > 0]",
			      path, line_number);
			edge_list_free(list);
			return false;
		}
		polgraph_xgrow((void **)&list->edges, &capacity,
		               list->count + 1, sizeof(*list->edges));
		list->edges[list->count++] =
			(struct polgraph_graph_edge_spec){ fields[0], fields[1],
			                                   fields[2], weight };
	}
	return true;
}

/* One expected number and why it is so. */
struct value {
	bool set;
	double value;
	char *why;
};

struct strings {
	char **items;
	size_t count;
};

/* Actors that share their expected values. */
struct group {
	struct strings keys;
	struct value metrics[POLGRAPH_METRIC_COUNT];
};

/* Graph-wide values, "summary.NAME" in the expected file. */
enum summary_field {
	SUMMARY_VERTICES,
	SUMMARY_EDGES,
	SUMMARY_DIRECTED,
	SUMMARY_DENSITY,
	SUMMARY_COMPONENTS,
	SUMMARY_EXACT,
	SUMMARY_COMMUNITIES,
	SUMMARY_MODULARITY,
	SUMMARY_COUNT
};

static const char *const summary_names[SUMMARY_COUNT] = {
	"vertices",   "edges", "directed",    "density",
	"components", "exact", "communities", "modularity",
};

static double summary_value(const struct polgraph_analysis *analysis,
                            enum summary_field field)
{
	switch (field) {
	case SUMMARY_VERTICES:
		return (double)analysis->vertex_count;
	case SUMMARY_EDGES:
		return (double)analysis->edge_count;
	case SUMMARY_DIRECTED:
		return analysis->directed;
	case SUMMARY_DENSITY:
		return analysis->density;
	case SUMMARY_COMPONENTS:
		return (double)analysis->components;
	case SUMMARY_EXACT:
		return analysis->exact;
	case SUMMARY_COMMUNITIES:
		return (double)analysis->communities;
	case SUMMARY_MODULARITY:
		return analysis->modularity;
	case SUMMARY_COUNT:
		break;
	}
	return NAN;
}

/* Edges of one type, "summary.types.value.TYPE". */
struct type_value {
	char *type;
	double edges;
};

/* NAME.expected.json, as read by expected_visit. */
struct expected {
	char *name;
	struct value summary[SUMMARY_COUNT];
	struct type_value *types;
	size_t type_count;
	struct value types_why; /* set when summary.types is given */
	struct group *groups;
	size_t group_count;
	struct strings *communities;
	size_t community_count;
	struct value communities_why; /* set when communities is given */
	struct polgraph_error err;
};

static void strings_free(struct strings *strings)
{
	for (size_t i = 0; i < strings->count; i++)
		free(strings->items[i]);
	free(strings->items);
}

static void expected_free(struct expected *expected)
{
	free(expected->name);
	for (size_t i = 0; i < SUMMARY_COUNT; i++)
		free(expected->summary[i].why);
	for (size_t i = 0; i < expected->type_count; i++)
		free(expected->types[i].type);
	free(expected->types);
	free(expected->types_why.why);
	for (size_t i = 0; i < expected->group_count; i++) {
		strings_free(&expected->groups[i].keys);
		for (size_t m = 0; m < POLGRAPH_METRIC_COUNT; m++)
			free(expected->groups[i].metrics[m].why);
	}
	free(expected->groups);
	for (size_t i = 0; i < expected->community_count; i++)
		strings_free(&expected->communities[i]);
	free(expected->communities);
	free(expected->communities_why.why);
	memset(expected, 0, sizeof(*expected));
}

/* Makes (*array)[index] exist, zeroing new elements; false if index is
 * not a plain decimal. */
static bool element(void **array, size_t *count, const char *index, size_t size,
                    size_t *at)
{
	char *end;
	unsigned long n = strtoul(index, &end, 10);

	if (*index < '0' || *index > '9' || *end != '\0' || n > 100000)
		return false;
	if (n >= *count) {
		*array = polgraph_xrealloc(*array, (n + 1) * size);
		memset((char *)*array + *count * size, 0,
		       (n + 1 - *count) * size);
		*count = n + 1;
	}
	*at = n;
	return true;
}

static bool add_string(struct strings *strings, const char *index,
                       const char *value)
{
	size_t at;

	if (!value || !element((void **)&strings->items, &strings->count, index,
	                       sizeof(*strings->items), &at))
		return false;
	free(strings->items[at]);
	strings->items[at] = polgraph_xstrdup(value);
	return true;
}

/* Sets *target from "value" or "why" (what) and the JSON scalar text. */
static bool set_value(struct value *target, const char *what, const char *text)
{
	char *end;

	if (!text)
		return false;
	if (strcmp(what, "why") == 0) {
		free(target->why);
		target->why = polgraph_xstrdup(text);
		return true;
	}
	if (strcmp(what, "value") != 0)
		return false;
	target->set = true;
	if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
		target->value = text[0] == 't';
		return true;
	}
	target->value = strtod(text, &end);
	return *text != '\0' && *end == '\0';
}

/* Splits path at '.' into at most max parts, in buf; returns the count. */
static size_t split_path(const char *path, char *buf, size_t size, char **parts,
                         size_t max)
{
	size_t count = 0;

	snprintf(buf, size, "%s", path);
	for (char *part = buf; part && count < max; count++) {
		parts[count] = part;
		part = strchr(part, '.');
		if (part)
			*part++ = '\0';
	}
	return count;
}

/* Visitor for polgraph_json_walk over NAME.expected.json. */
static enum polgraph_status expected_visit(void *ctx, const char *path,
                                           const char *text)
{
	struct expected *expected = ctx;
	char buf[256], *part[6];
	size_t parts = split_path(path, buf, sizeof(buf), part, COUNT(part));
	bool ok = false;
	size_t at;

	if (parts == 1 && strcmp(part[0], "name") == 0 && text) {
		free(expected->name);
		expected->name = polgraph_xstrdup(text);
		ok = true;
	} else if (parts == 1 && strcmp(part[0], "about") == 0) {
		ok = text != NULL;
	} else if (parts >= 3 && strcmp(part[0], "summary") == 0 &&
	           strcmp(part[1], "types") == 0) {
		if (parts == 3 && strcmp(part[2], "why") == 0) {
			ok = set_value(&expected->types_why, "why", text);
		} else if (parts == 4 && strcmp(part[2], "value") == 0 &&
		           text) {
			struct type_value *type;
			char *end;

			expected->types_why.set = true;
			expected->types = polgraph_xrealloc(
				expected->types,
				(expected->type_count + 1) * sizeof(*type));
			type = &expected->types[expected->type_count++];
			type->type = polgraph_xstrdup(part[3]);
			type->edges = strtod(text, &end);
			ok = *text != '\0' && *end == '\0';
		}
	} else if (parts == 3 && strcmp(part[0], "summary") == 0) {
		for (size_t i = 0; i < SUMMARY_COUNT; i++)
			if (strcmp(part[1], summary_names[i]) == 0)
				ok = set_value(&expected->summary[i], part[2],
				               text);
	} else if (parts == 4 && strcmp(part[0], "actors") == 0 &&
	           element((void **)&expected->groups, &expected->group_count,
	                   part[1], sizeof(*expected->groups), &at)) {
		struct group *group = &expected->groups[at];
		enum polgraph_metric metric;

		if (strcmp(part[2], "keys") == 0)
			ok = add_string(&group->keys, part[3], text);
		else if (polgraph_metric_parse(part[2], &metric) &&
		         metric != POLGRAPH_METRIC_COMMUNITY)
			ok = set_value(&group->metrics[metric], part[3], text);
	} else if (parts == 2 && strcmp(part[0], "communities") == 0) {
		ok = strcmp(part[1], "why") == 0 &&
		     set_value(&expected->communities_why, "why", text);
	} else if (parts == 4 && strcmp(part[0], "communities") == 0 &&
	           strcmp(part[1], "value") == 0 &&
	           element((void **)&expected->communities,
	                   &expected->community_count, part[2],
	                   sizeof(*expected->communities), &at)) {
		expected->communities_why.set = true;
		ok = add_string(&expected->communities[at], part[3], text);
	}
	if (ok)
		return POLGRAPH_OK;
	return polgraph_error_set(&expected->err, POLGRAPH_INVALID,
	                          "unexpected %s = %s (see graphs/README.md)",
	                          path, text ? text : "null");
}

/* Every given value must say why. */
static void check_why(const char *file, const char *what,
                      const struct value *value)
{
	if (value->set)
		CHECK(value->why && *value->why, "%s: %s has no \"why\"", file,
		      what);
}

static bool load_expected(const char *path, struct expected *expected)
{
	struct polgraph_error err = { 0 };
	size_t len = 0;
	char *text = read_text(path, &len);
	enum polgraph_status status;

	memset(expected, 0, sizeof(*expected));
	CHECK(text != NULL, "cannot read %s", path);
	if (!text)
		return false;
	status = polgraph_json_walk(text, len, expected_visit, expected, &err);
	free(text);
	CHECK(status == POLGRAPH_OK, "%s: %s", path,
	      expected->err.status != POLGRAPH_OK ? expected->err.message
	                                          : err.message);
	if (status != POLGRAPH_OK)
		return false;
	for (size_t i = 0; i < SUMMARY_COUNT; i++)
		check_why(path, summary_names[i], &expected->summary[i]);
	check_why(path, "summary.types", &expected->types_why);
	check_why(path, "communities", &expected->communities_why);
	for (size_t i = 0; i < expected->group_count; i++) {
		CHECK(expected->groups[i].keys.count > 0,
		      "%s: actors.%zu has no keys", path, i);
		for (size_t m = 0; m < POLGRAPH_METRIC_COUNT; m++)
			check_why(path, polgraph_metric_name(m),
			          &expected->groups[i].metrics[m]);
	}
	return true;
}

/* ---- checking a fixture ---- */

/* Builds and analyses edges; NULL graph on failure (reported). */
static struct polgraph_graph *
analyse(const struct edge_list *list,
        const struct polgraph_analyze_options *options,
        struct polgraph_analysis *analysis)
{
	struct polgraph_error err = { 0 };
	struct polgraph_graph *graph = NULL;

	memset(analysis, 0, sizeof(*analysis));
	if (polgraph_graph_from_edges(list->edges, list->count, &graph, &err) !=
	            POLGRAPH_OK ||
	    polgraph_analyze(graph, options, analysis, &err) != POLGRAPH_OK) {
		CHECK(0, "analyse: %s", err.message);
		polgraph_graph_free(graph);
		return NULL;
	}
	return graph;
}

static void check_value(const char *fixture, const char *key, const char *what,
                        double got, const struct value *want)
{
	CHECK(fabs(got - want->value) <= TOLERANCE,
	      "%s: %s %s: got %.17g, want %.17g (%s)", fixture, key, what, got,
	      want->value, want->why ? want->why : "");
}

/*
 * Vertex index of every key of keys, marking it in seen; reports keys
 * that are unknown or already seen. Returns false on any.
 */
static bool find_keys(const char *fixture, const char *what,
                      const struct polgraph_graph *graph,
                      const struct strings *keys, bool *seen, long *index)
{
	bool ok = true;

	for (size_t k = 0; k < keys->count; k++) {
		const char *key = keys->items[k] ? keys->items[k] : "(null)";

		index[k] = keys->items[k]
		                   ? polgraph_graph_find(graph, keys->items[k])
		                   : -1;
		CHECK(index[k] >= 0, "%s: %s: no vertex %s", fixture, what,
		      key);
		if (index[k] < 0) {
			ok = false;
			continue;
		}
		CHECK(!seen[index[k]], "%s: %s: %s listed twice", fixture, what,
		      key);
		ok = ok && !seen[index[k]];
		seen[index[k]] = true;
	}
	return ok;
}

/* Every vertex must have been seen. */
static void check_covered(const char *fixture, const char *what,
                          const struct polgraph_graph *graph, const bool *seen,
                          size_t count)
{
	for (size_t v = 0; v < count; v++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(graph, v, &vertex);
		CHECK(seen[v], "%s: %s: vertex %s is missing", fixture, what,
		      vertex.key);
	}
}

static void check_actors(const char *fixture, const struct expected *expected,
                         const struct polgraph_graph *graph,
                         const struct polgraph_analysis *analysis)
{
	size_t n = analysis->vertex_count;
	bool *seen = polgraph_xcalloc(n + 1, sizeof(*seen));

	for (size_t g = 0; g < expected->group_count; g++) {
		const struct group *group = &expected->groups[g];
		long *index =
			polgraph_xcalloc(group->keys.count + 1, sizeof(*index));

		find_keys(fixture, "actors", graph, &group->keys, seen, index);
		for (size_t k = 0; k < group->keys.count; k++) {
			const struct polgraph_actor_metrics *actor;

			if (index[k] < 0)
				continue;
			actor = &analysis->actors[index[k]];
			for (size_t m = 0; m < POLGRAPH_METRIC_COUNT; m++)
				if (group->metrics[m].set)
					check_value(
						fixture, group->keys.items[k],
						polgraph_metric_name(m),
						polgraph_metric_value(actor, m),
						&group->metrics[m]);
		}
		free(index);
	}
	check_covered(fixture, "actors", graph, seen, n);
	free(seen);
}

/* The expected groups must be exactly the Louvain partition. */
static void check_communities(const char *fixture,
                              const struct expected *expected,
                              const struct polgraph_graph *graph,
                              const struct polgraph_analysis *analysis)
{
	size_t n = analysis->vertex_count;
	bool *seen = polgraph_xcalloc(n + 1, sizeof(*seen));
	int64_t *first =
		polgraph_xcalloc(expected->community_count + 1, sizeof(*first));

	CHECK(analysis->communities == expected->community_count,
	      "%s: %zu communities, want %zu (%s)", fixture,
	      analysis->communities, expected->community_count,
	      expected->communities_why.why);
	for (size_t c = 0; c < expected->community_count; c++) {
		const struct strings *keys = &expected->communities[c];
		long *index = polgraph_xcalloc(keys->count + 1, sizeof(*index));

		first[c] = -1;
		if (find_keys(fixture, "communities", graph, keys, seen,
		              index) &&
		    keys->count > 0) {
			first[c] = analysis->actors[index[0]].community;
			for (size_t k = 1; k < keys->count; k++)
				CHECK(analysis->actors[index[k]].community ==
				              first[c],
				      "%s: %s is not with %s (%s)", fixture,
				      keys->items[k], keys->items[0],
				      expected->communities_why.why);
			for (size_t d = 0; d < c; d++)
				CHECK(first[d] != first[c],
				      "%s: %s and %s share a community (%s)",
				      fixture,
				      expected->communities[d].items[0],
				      keys->items[0],
				      expected->communities_why.why);
		}
		free(index);
	}
	check_covered(fixture, "communities", graph, seen, n);
	free(first);
	free(seen);
}

static void check_summary(const char *fixture, const struct expected *expected,
                          const struct polgraph_analysis *analysis)
{
	for (size_t i = 0; i < SUMMARY_COUNT; i++)
		if (expected->summary[i].set)
			check_value(fixture, "summary", summary_names[i],
			            summary_value(analysis, i),
			            &expected->summary[i]);
	if (!expected->types_why.set)
		return;
	CHECK(analysis->type_count == expected->type_count,
	      "%s: %zu edge types, want %zu", fixture, analysis->type_count,
	      expected->type_count);
	for (size_t t = 0; t < expected->type_count; t++) {
		const struct type_value *want = &expected->types[t];
		struct value value = { true, want->edges,
			               expected->types_why.why };
		size_t i = 0;

		while (i < analysis->type_count &&
		       strcmp(analysis->types[i].type, want->type) != 0)
			i++;
		CHECK(i < analysis->type_count, "%s: no edges of type %s",
		      fixture, want->type);
		if (i < analysis->type_count)
			check_value(fixture, "edges of type", want->type,
			            (double)analysis->types[i].edges, &value);
	}
}

/* Checks graphs/fixtures/NAME.tsv against NAME.expected.json. */
static void check_fixture(const char *name)
{
	char path[512];
	struct edge_list list;
	struct expected expected;
	struct polgraph_analysis analysis;
	struct polgraph_graph *graph;
	double sum = 0;

	if (!load_edges(fixture_path(path, sizeof(path), name, ".tsv"), &list))
		return;
	if (!load_expected(
		    fixture_path(path, sizeof(path), name, ".expected.json"),
		    &expected)) {
		expected_free(&expected);
		edge_list_free(&list);
		return;
	}
	CHECK_STR(expected.name, name, "fixture name");
	graph = analyse(&list, NULL, &analysis);
	if (graph) {
		check_summary(name, &expected, &analysis);
		check_actors(name, &expected, graph, &analysis);
		if (expected.communities_why.set)
			check_communities(name, &expected, graph, &analysis);
		for (size_t i = 0; i < analysis.vertex_count; i++)
			sum += analysis.actors[i].pagerank;
		if (analysis.vertex_count > 0)
			CHECK_NEAR(sum, 1, "pagerank sums to 1");
	}
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
	expected_free(&expected);
	edge_list_free(&list);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.tsv in graphs/fixtures, in name order. */
static void test_fixtures(void)
{
	DIR *dir = opendir(POLGRAPH_TEST_FIXTURES);
	char **names = NULL;
	size_t count = 0, capacity = 0;
	struct dirent *entry;

	CHECK(dir != NULL, "cannot open %s", POLGRAPH_TEST_FIXTURES);
	if (!dir)
		return;
	while ((entry = readdir(dir))) {
		size_t len = strlen(entry->d_name);

		if (len > 4 && strcmp(entry->d_name + len - 4, ".tsv") == 0) {
			polgraph_xgrow((void **)&names, &capacity, count + 1,
			               sizeof(*names));
			names[count++] =
				polgraph_xstrndup(entry->d_name, len - 4);
		}
	}
	closedir(dir);
	qsort(names, count, sizeof(*names), compare_names);
	for (size_t r = 0; r < COUNT(required_fixtures); r++) {
		size_t i = 0;

		while (i < count && strcmp(names[i], required_fixtures[r]) != 0)
			i++;
		CHECK(i < count, "fixture %s.tsv is missing",
		      required_fixtures[r]);
	}
	for (size_t i = 0; i < count; i++) {
		check_fixture(names[i]);
		free(names[i]);
	}
	free(names);
}

/* ---- checks beyond the fixtures ---- */

/* Mixed graph: a symmetric edge is two arcs; duplicates merge. */
static void test_merge(void)
{
	static struct polgraph_graph_edge_spec edges[] = {
		{ "p", "q", "supports", 1 },   { "q", "p", "meets-with", 2 },
		{ "p", "q", "meets-with", 1 }, { "p", "p", "supports", 1 },
		{ "q", "r", "supports", 0 },
	};
	struct edge_list list = { NULL, edges, COUNT(edges) };
	struct polgraph_analysis analysis;
	struct polgraph_graph *graph = analyse(&list, NULL, &analysis);
	struct polgraph_graph_edge edge;
	double sum = 0;

	if (!graph)
		return;
	CHECK_INT(polgraph_graph_edge_count(graph), 3, "merged edges");
	CHECK(polgraph_graph_edge(graph, 1, &edge), "edge 1");
	CHECK_STR(edge.type, "meets-with", "edge 1 type");
	CHECK_INT(edge.source, 0, "symmetric source in key order");
	CHECK_INT(edge.weight, 3, "merged weight");
	CHECK(!polgraph_graph_edge(graph, 3, &edge), "no edge 3");
	CHECK_INT(analysis.actors[0].out, 2, "p out");
	CHECK_INT(analysis.actors[0].in, 1, "p in");
	CHECK_INT(analysis.actors[1].in, 2, "q in");
	CHECK_INT(analysis.actors[1].out, 2, "q out");
	CHECK_NEAR(analysis.actors[1].strength, 5, "q strength");
	for (size_t i = 0; i < analysis.vertex_count; i++)
		sum += analysis.actors[i].pagerank;
	CHECK_NEAR(sum, 1, "mixed pagerank sum");
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
}

static void test_deterministic(void)
{
	char path[512];
	struct edge_list list;
	struct polgraph_analysis first, second;
	struct polgraph_graph *graph_one, *graph_two;

	if (!load_edges(fixture_path(path, sizeof(path), "two-cliques-bridge",
	                             ".tsv"),
	                &list))
		return;
	graph_one = analyse(&list, NULL, &first);
	graph_two = analyse(&list, NULL, &second);
	if (graph_one && graph_two)
		CHECK(memcmp(first.actors, second.actors,
		             first.vertex_count * sizeof(*first.actors)) == 0 &&
		              first.modularity == second.modularity,
		      "two runs give the same metrics");
	polgraph_analysis_release(&first);
	polgraph_analysis_release(&second);
	polgraph_graph_free(graph_one);
	polgraph_graph_free(graph_two);
	edge_list_free(&list);
}

/*
 * The sampled path (above exact_limit), forced on a small graph: k = n
 * sources give the exact values; a smaller k is deterministic.
 */
static void test_sampled(void)
{
	struct polgraph_analyze_options exact = { 0 }, all = { .exact_limit = 1,
		                                               .sources = 100 };
	struct polgraph_analyze_options some = { .exact_limit = 1,
		                                 .sources = 3 };
	struct polgraph_analysis want, got, again;
	char path[512];
	struct edge_list cliques;

	if (!load_edges(fixture_path(path, sizeof(path), "two-cliques-bridge",
	                             ".tsv"),
	                &cliques))
		return;
	for (int directed = 0; directed < 2; directed++) {
		struct edge_list list = { NULL, NULL, cliques.count + 1 };
		struct polgraph_graph *graph, *graph_all, *graph_again;
		size_t n;

		list.edges = polgraph_xcalloc(list.count, sizeof(*list.edges));
		memcpy(list.edges, cliques.edges,
		       cliques.count * sizeof(*list.edges));
		/* a directed arc makes the analysis graph directed */
		list.edges[cliques.count] = (struct polgraph_graph_edge_spec){
			"a1", "b2", directed ? "supports" : "comention", 2
		};
		graph = analyse(&list, &exact, &want);
		graph_all = analyse(&list, &all, &got);
		n = want.vertex_count;
		if (graph && graph_all) {
			CHECK(want.exact && !got.exact,
			      "exact_limit forces sampling");
			CHECK_INT(got.sources, n, "k capped at n");
			for (size_t i = 0; i < n; i++) {
				CHECK_NEAR(got.actors[i].betweenness,
				           want.actors[i].betweenness,
				           "k = n betweenness is exact");
				CHECK_NEAR(got.actors[i].closeness,
				           want.actors[i].closeness,
				           "k = n closeness is exact");
				CHECK_NEAR(got.actors[i].pagerank,
				           want.actors[i].pagerank,
				           "sampling leaves pagerank alone");
			}
		}
		polgraph_analysis_release(&got);
		polgraph_graph_free(graph_all);
		graph_all = analyse(&list, &some, &got);
		graph_again = analyse(&list, &some, &again);
		if (graph_all && graph_again) {
			CHECK_INT(got.sources, 3, "k sources");
			CHECK(memcmp(got.actors, again.actors,
			             n * sizeof(*got.actors)) == 0,
			      "same seed, same estimate");
			for (size_t i = 0; i < n; i++)
				CHECK(got.actors[i].betweenness >= 0 &&
				              got.actors[i].closeness >= 0,
				      "estimates are not negative");
		}
		polgraph_analysis_release(&want);
		polgraph_analysis_release(&got);
		polgraph_analysis_release(&again);
		polgraph_graph_free(graph);
		polgraph_graph_free(graph_all);
		polgraph_graph_free(graph_again);
		free(list.edges);
	}
	edge_list_free(&cliques);
}

/*
 * On the sampled path betweenness and hub/authority come from a forked
 * helper process: the values must equal those computed in one process.
 */
static void test_helper_process(void)
{
	struct polgraph_analyze_options forked = { .exact_limit = 1,
		                                   .sources = 4 };
	struct polgraph_analyze_options single = { .exact_limit = 1,
		                                   .sources = 4,
		                                   .single_process = true };
	struct polgraph_analysis one, two;
	struct polgraph_graph *graph_one, *graph_two;
	struct edge_list list;
	char path[512];

	if (!load_edges(fixture_path(path, sizeof(path), "two-cliques-bridge",
	                             ".tsv"),
	                &list))
		return;
	graph_one = analyse(&list, &forked, &one);
	graph_two = analyse(&list, &single, &two);
	if (graph_one && graph_two) {
		CHECK(memcmp(one.actors, two.actors,
		             one.vertex_count * sizeof(*one.actors)) == 0,
		      "helper process and single process agree");
		CHECK(one.actors[0].hub > 0 || one.actors[1].hub > 0,
		      "hub scores arrived from the helper");
	}
	polgraph_analysis_release(&one);
	polgraph_analysis_release(&two);
	polgraph_graph_free(graph_one);
	polgraph_graph_free(graph_two);
	edge_list_free(&list);
}

/* Leiden (default) and Louvain both split the two cliques at the bridge;
 * a graph without edges leaves every actor alone. */
static void test_community_methods(void)
{
	struct polgraph_analyze_options louvain = {
		.community = POLGRAPH_COMMUNITY_LOUVAIN
	};
	struct polgraph_error err = { 0 };
	struct polgraph_analysis leiden_result, louvain_result, alone;
	struct polgraph_graph *graph_one, *graph_two, *lonely = NULL;
	struct edge_list list;
	char path[512];

	if (!load_edges(fixture_path(path, sizeof(path), "two-cliques-bridge",
	                             ".tsv"),
	                &list))
		return;
	graph_one = analyse(&list, NULL, &leiden_result);
	graph_two = analyse(&list, &louvain, &louvain_result);
	if (graph_one && graph_two) {
		CHECK_INT(leiden_result.communities, 2, "leiden: two");
		CHECK_INT(louvain_result.communities, 2, "louvain: two");
		for (size_t i = 0; i < leiden_result.vertex_count; i++)
			CHECK_INT(leiden_result.actors[i].community,
			          louvain_result.actors[i].community,
			          "same partition");
	}
	/* an ego network of depth 0: one actor, no edge (Leiden hung) */
	if (graph_one &&
	    polgraph_graph_ego(graph_one, 0, 0, &lonely, &err) == POLGRAPH_OK) {
		CHECK(polgraph_analyze(lonely, NULL, &alone, &err) ==
		              POLGRAPH_OK,
		      "analysis: %s", err.message);
		CHECK_INT(alone.vertex_count, 1, "one actor");
		CHECK_INT(alone.communities, 1, "alone in its community");
		polgraph_analysis_release(&alone);
	} else {
		CHECK(false, "ego of depth 0: %s", err.message);
	}
	polgraph_analysis_release(&leiden_result);
	polgraph_analysis_release(&louvain_result);
	polgraph_graph_free(graph_one);
	polgraph_graph_free(graph_two);
	polgraph_graph_free(lonely);
	edge_list_free(&list);
}

static void test_metric_names(void)
{
	enum polgraph_metric metric;

	CHECK(polgraph_metric_parse("pagerank", &metric) &&
	              metric == POLGRAPH_METRIC_PAGERANK,
	      "parse pagerank");
	CHECK(!polgraph_metric_parse("fame", &metric), "unknown metric");
	CHECK_STR(polgraph_metric_name(POLGRAPH_METRIC_KCORE), "kcore",
	          "name of kcore");
	CHECK(polgraph_metric_name(POLGRAPH_METRIC_COUNT) == NULL,
	      "no name past the end");
}

static void test_empty(void)
{
	struct polgraph_error err = { 0 };
	struct polgraph_graph *graph = NULL;
	struct polgraph_analysis analysis;

	CHECK(polgraph_graph_from_edges(NULL, 0, &graph, &err) == POLGRAPH_OK,
	      "empty graph: %s", err.message);
	CHECK(polgraph_analyze(graph, NULL, &analysis, &err) == POLGRAPH_OK,
	      "empty analysis: %s", err.message);
	CHECK_INT(analysis.vertex_count, 0, "no vertices");
	polgraph_analysis_release(&analysis);
	polgraph_graph_free(graph);
}

/* Subgraphs: kept vertices in order with their edges, edges dropped
 * by keep_edge, attributes carried over. */
static void test_subgraph(void)
{
	static const struct polgraph_graph_edge_spec edges[] = {
		{ "a", "b", "meets-with", 2 },
		{ "b", "c", "criticizes", 3 },
		{ "c", "d", "meets-with", 1 },
		{ "a", "c", "comention", 1 },
	};
	static const bool keep_vertex[] = { true, false, true, true };
	static const bool keep_edge[] = { true, true, false, true };
	struct polgraph_error err = { 0 };
	struct polgraph_graph *graph = NULL, *sub = NULL;
	struct polgraph_graph_vertex vertex;
	struct polgraph_graph_edge edge;

	CHECK(polgraph_graph_from_edges(edges, 4, &graph, &err) == POLGRAPH_OK,
	      "subgraph source: %s", err.message);
	CHECK(polgraph_graph_subgraph(graph, keep_vertex, NULL, &sub, &err) ==
	              POLGRAPH_OK,
	      "subgraph: %s", err.message);
	CHECK_INT(polgraph_graph_vertex_count(sub), 3, "subgraph vertices");
	CHECK_INT(polgraph_graph_edge_count(sub), 2, "subgraph edges a-c, c-d");
	polgraph_graph_vertex(sub, 1, &vertex);
	CHECK_STR(vertex.key, "c", "second kept vertex");
	polgraph_graph_free(sub);
	sub = NULL;
	CHECK(polgraph_graph_subgraph(graph, keep_vertex, keep_edge, &sub,
	                              &err) == POLGRAPH_OK,
	      "subgraph without c-d: %s", err.message);
	CHECK_INT(polgraph_graph_edge_count(sub), 1, "edge c-d dropped");
	polgraph_graph_edge(sub, 0, &edge);
	CHECK_STR(edge.type, "comention", "the kept edge");
	CHECK_INT(edge.weight, 1, "its weight");
	CHECK(!polgraph_graph_directed(sub), "no directed edge left");
	polgraph_graph_free(sub);
	polgraph_graph_free(graph);
}

int main(void)
{
	test_fixtures();
	test_merge();
	test_deterministic();
	test_sampled();
	test_helper_process();
	test_community_methods();
	test_metric_names();
	test_empty();
	test_subgraph();
	return check_done();
}
