/*
 * report_compare.c - `polgraph report --compare A..B C..D`: what changed
 * between two periods of the same filtered graph.
 *
 * Consumes the graph options of report (graphopt.c) and two date ranges;
 * builds and analyses the graph of each period and produces the actors
 * and edges that appeared or vanished and the biggest PageRank rank
 * changes, as text, JSON or CSV.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Rises and falls listed. */
#define COMPARE_TOP 10

struct period {
	char since[11], until[11];
	struct polgraph_graph *graph;
	struct polgraph_analysis analysis;
	size_t *rank;                 /* 1-based PageRank rank per vertex */
	struct polgraph_strmap edges; /* edge keys of the graph */
	struct polgraph_arena arena;  /* those keys */
};

struct change {
	size_t vertex;      /* in the second period */
	long before, after; /* ranks */
};

bool cli_parse_period(const char *value, char since[11], char until[11])
{
	const char *dots = strstr(value, "..");

	if (!dots || dots - value != 10 || strlen(dots + 2) != 10)
		return false;
	memcpy(since, value, 10);
	since[10] = '\0';
	memcpy(until, dots + 2, 11);
	return cli_parse_date(since) && cli_parse_date(until) &&
	       strcmp(since, until) <= 0;
}

static const struct polgraph_analysis *rank_analysis;
static const struct polgraph_graph *rank_graph;

static int compare_pagerank(const void *left, const void *right)
{
	size_t a = *(const size_t *)left, b = *(const size_t *)right;
	double value_a = rank_analysis->actors[a].pagerank;
	double value_b = rank_analysis->actors[b].pagerank;
	struct polgraph_graph_vertex vertex_a, vertex_b;

	if (value_a != value_b)
		return value_a > value_b ? -1 : 1;
	polgraph_graph_vertex(rank_graph, a, &vertex_a);
	polgraph_graph_vertex(rank_graph, b, &vertex_b);
	return strcmp(vertex_a.key, vertex_b.key);
}

static void index_period(struct period *period)
{
	size_t n = polgraph_graph_vertex_count(period->graph);
	size_t *order = polgraph_xcalloc(n + 1, sizeof(*order));
	size_t edge_count = polgraph_graph_edge_count(period->graph);
	struct polgraph_buf key = { 0 };

	period->rank = polgraph_xcalloc(n + 1, sizeof(*period->rank));
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	rank_analysis = &period->analysis;
	rank_graph = period->graph;
	qsort(order, n, sizeof(*order), compare_pagerank);
	for (size_t i = 0; i < n; i++)
		period->rank[order[i]] = i + 1;
	free(order);
	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(period->graph, e, &edge);
		polgraph_graph_vertex(period->graph, edge.source, &source);
		polgraph_graph_vertex(period->graph, edge.target, &target);
		polgraph_graph_edge_key(&key, edge.type, source.key,
		                        target.key);
		polgraph_strmap_put(
			&period->edges,
			polgraph_arena_strdup(&period->arena, key.data), e);
	}
	polgraph_buf_release(&key);
}

static void release_period(struct period *period)
{
	free(period->rank);
	polgraph_strmap_release(&period->edges);
	polgraph_arena_release(&period->arena);
	polgraph_analysis_release(&period->analysis);
	polgraph_graph_free(period->graph);
}

/* Biggest rises first (falls: biggest falls first), then key. */
static const struct polgraph_graph *change_graph;

static int compare_changes(const void *left, const void *right)
{
	const struct change *a = left, *b = right;
	long delta_a = labs(a->before - a->after);
	long delta_b = labs(b->before - b->after);
	struct polgraph_graph_vertex vertex_a, vertex_b;

	if (delta_a != delta_b)
		return delta_a > delta_b ? -1 : 1;
	polgraph_graph_vertex(change_graph, a->vertex, &vertex_a);
	polgraph_graph_vertex(change_graph, b->vertex, &vertex_b);
	return strcmp(vertex_a.key, vertex_b.key);
}

/* The output, one item at a time, in the chosen format. */
struct sink {
	enum cli_table_format format;
	struct polgraph_buf json;
	bool first; /* no item yet in the current JSON array */
};

static void open_list(struct sink *sink, const char *title, size_t count,
                      const char *json_name)
{
	if (sink->format == CLI_TABLE_TEXT)
		printf("%s (%zu)\n", title, count);
	else if (sink->format == CLI_TABLE_JSON)
		polgraph_buf_printf(&sink->json, "\"%s\":[", json_name);
	sink->first = true;
}

static void close_list(struct sink *sink, bool last_in_object)
{
	if (sink->format == CLI_TABLE_JSON)
		polgraph_buf_puts(&sink->json, last_in_object ? "]" : "],");
}

static void actor_item(struct sink *sink, const char *change,
                       const struct polgraph_graph_vertex *vertex)
{
	if (sink->format == CLI_TABLE_TEXT) {
		printf("  %s  %s\n", vertex->key, vertex->name);
	} else if (sink->format == CLI_TABLE_JSON) {
		polgraph_buf_puts(&sink->json,
		                  sink->first ? "{\"key\":" : ",{\"key\":");
		polgraph_json_write_string(&sink->json, vertex->key);
		polgraph_buf_puts(&sink->json, ",\"name\":");
		polgraph_json_write_string(&sink->json, vertex->name);
		polgraph_buf_puts(&sink->json, "}");
	} else {
		printf("actor,%s,", change);
		cli_csv_field(vertex->key);
		fputs(",,,", stdout);
		cli_csv_field(vertex->name);
		fputs(",,\n", stdout);
	}
	sink->first = false;
}

static void edge_item(struct sink *sink, const char *change,
                      const struct polgraph_graph *graph, size_t index)
{
	struct polgraph_graph_edge edge;
	struct polgraph_graph_vertex source, target;

	polgraph_graph_edge(graph, index, &edge);
	polgraph_graph_vertex(graph, edge.source, &source);
	polgraph_graph_vertex(graph, edge.target, &target);
	if (sink->format == CLI_TABLE_TEXT) {
		printf("  %s %s %s %s\n", source.key,
		       edge.symmetric ? "--" : "->", target.key, edge.type);
	} else if (sink->format == CLI_TABLE_JSON) {
		polgraph_buf_puts(&sink->json, sink->first ? "{\"source\":"
		                                           : ",{\"source\":");
		polgraph_json_write_string(&sink->json, source.key);
		polgraph_buf_puts(&sink->json, ",\"target\":");
		polgraph_json_write_string(&sink->json, target.key);
		polgraph_buf_puts(&sink->json, ",\"type\":");
		polgraph_json_write_string(&sink->json, edge.type);
		polgraph_buf_puts(&sink->json, "}");
	} else {
		printf("edge,%s,", change);
		cli_csv_field(source.key);
		putchar(',');
		cli_csv_field(target.key);
		putchar(',');
		cli_csv_field(edge.type);
		fputs(",,,\n", stdout);
	}
	sink->first = false;
}

static void rank_item(struct sink *sink, const char *change,
                      const struct polgraph_graph *graph,
                      const struct change *item)
{
	struct polgraph_graph_vertex vertex;

	polgraph_graph_vertex(graph, item->vertex, &vertex);
	if (sink->format == CLI_TABLE_TEXT) {
		printf("  %s  %ld -> %ld (%+ld)  %s\n", vertex.key,
		       item->before, item->after, item->before - item->after,
		       vertex.name);
	} else if (sink->format == CLI_TABLE_JSON) {
		polgraph_buf_puts(&sink->json,
		                  sink->first ? "{\"key\":" : ",{\"key\":");
		polgraph_json_write_string(&sink->json, vertex.key);
		polgraph_buf_puts(&sink->json, ",\"name\":");
		polgraph_json_write_string(&sink->json, vertex.name);
		polgraph_buf_printf(&sink->json,
		                    ",\"before\":%ld,\"after\":%ld}",
		                    item->before, item->after);
	} else {
		printf("rank,%s,", change);
		cli_csv_field(vertex.key);
		fputs(",,,", stdout);
		cli_csv_field(vertex.name);
		printf(",%ld,%ld\n", item->before, item->after);
	}
	sink->first = false;
}

/* Vertices of one period absent from the other, in key order. */
static void list_actors(struct sink *sink, const char *change,
                        const struct period *from, const struct period *other,
                        bool last)
{
	size_t n = polgraph_graph_vertex_count(from->graph), count = 0;
	struct polgraph_graph_vertex vertex;

	for (size_t i = 0; i < n; i++) {
		polgraph_graph_vertex(from->graph, i, &vertex);
		count += polgraph_graph_find(other->graph, vertex.key) < 0;
	}
	open_list(sink,
	          strcmp(change, "appeared") == 0 ? "actors appeared"
	                                          : "actors vanished",
	          count, change);
	for (size_t i = 0; i < n; i++) {
		polgraph_graph_vertex(from->graph, i, &vertex);
		if (polgraph_graph_find(other->graph, vertex.key) < 0)
			actor_item(sink, change, &vertex);
	}
	close_list(sink, last);
}

static void list_edges(struct sink *sink, const char *change,
                       const struct period *from, const struct period *other,
                       bool last)
{
	size_t edge_count = polgraph_graph_edge_count(from->graph), count = 0;
	bool *absent = polgraph_xcalloc(edge_count + 1, sizeof(*absent));
	struct polgraph_buf key = { 0 };

	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(from->graph, e, &edge);
		polgraph_graph_vertex(from->graph, edge.source, &source);
		polgraph_graph_vertex(from->graph, edge.target, &target);
		polgraph_graph_edge_key(&key, edge.type, source.key,
		                        target.key);
		absent[e] = !polgraph_strmap_get(&other->edges, key.data,
		                                 key.len, NULL);
		count += absent[e];
	}
	open_list(sink,
	          strcmp(change, "appeared") == 0 ? "edges appeared"
	                                          : "edges vanished",
	          count, change);
	for (size_t e = 0; e < edge_count; e++)
		if (absent[e])
			edge_item(sink, change, from->graph, e);
	close_list(sink, last);
	polgraph_buf_release(&key);
	free(absent);
}

static void list_ranks(struct sink *sink, const struct period *first,
                       const struct period *second)
{
	size_t n = polgraph_graph_vertex_count(second->graph);
	struct change *rises = polgraph_xcalloc(n + 1, sizeof(*rises));
	struct change *falls = polgraph_xcalloc(n + 1, sizeof(*falls));
	size_t rise_count = 0, fall_count = 0;
	struct polgraph_graph_vertex vertex;

	for (size_t i = 0; i < n; i++) {
		long before;
		struct change item;

		polgraph_graph_vertex(second->graph, i, &vertex);
		before = polgraph_graph_find(first->graph, vertex.key);
		if (before < 0)
			continue;
		item.vertex = i;
		item.before = (long)first->rank[before];
		item.after = (long)second->rank[i];
		if (item.after < item.before)
			rises[rise_count++] = item;
		else if (item.after > item.before)
			falls[fall_count++] = item;
	}
	change_graph = second->graph;
	qsort(rises, rise_count, sizeof(*rises), compare_changes);
	qsort(falls, fall_count, sizeof(*falls), compare_changes);
	rise_count = rise_count < COMPARE_TOP ? rise_count : COMPARE_TOP;
	fall_count = fall_count < COMPARE_TOP ? fall_count : COMPARE_TOP;
	open_list(sink, "pagerank rank rises", rise_count, "rises");
	for (size_t i = 0; i < rise_count; i++)
		rank_item(sink, "rise", second->graph, &rises[i]);
	close_list(sink, false);
	open_list(sink, "pagerank rank falls", fall_count, "falls");
	for (size_t i = 0; i < fall_count; i++)
		rank_item(sink, "fall", second->graph, &falls[i]);
	close_list(sink, true);
	free(rises);
	free(falls);
}

static void print_periods(struct sink *sink, const struct period *periods)
{
	for (int p = 0; p < 2; p++) {
		const struct polgraph_analysis *analysis = &periods[p].analysis;

		if (sink->format == CLI_TABLE_TEXT)
			printf("period %d: %s..%s, nodes %zu, edges %zu\n",
			       p + 1, periods[p].since, periods[p].until,
			       analysis->vertex_count, analysis->edge_count);
		else if (sink->format == CLI_TABLE_JSON)
			polgraph_buf_printf(
				&sink->json,
				"%s{\"since\":\"%s\",\"until\":\"%s\","
				"\"nodes\":%zu,\"edges\":%zu}",
				p ? "," : "{\"periods\":[", periods[p].since,
				periods[p].until, analysis->vertex_count,
				analysis->edge_count);
	}
	if (sink->format == CLI_TABLE_JSON)
		polgraph_buf_puts(&sink->json, "],");
	else if (sink->format == CLI_TABLE_CSV)
		puts("kind,change,key,target,type,name,before,after");
}

int cli_report_compare(struct cli_graph_options *options,
                       struct cli_resolver *resolver,
                       struct polgraph_store *store,
                       const struct polgraph_analyze_options *analyze,
                       const char *const ranges[2],
                       enum cli_table_format format)
{
	struct period periods[2];
	struct polgraph_error err = { 0 };
	struct sink sink = { .format = format };
	int result = CLI_FAIL;

	memset(periods, 0, sizeof(periods));
	for (int p = 0; p < 2; p++) {
		if (!cli_parse_period(ranges[p], periods[p].since,
		                      periods[p].until)) {
			result = cli_usage_error("report",
			                         "bad period '%s' (want "
			                         "YYYY-MM-DD..YYYY-MM-DD)",
			                         ranges[p]);
			goto out;
		}
		options->filter.since = periods[p].since;
		options->filter.until = periods[p].until;
		if (cli_graph_build(options, resolver, store,
		                    &periods[p].graph) != CLI_OK)
			goto out;
		if (polgraph_analyze(periods[p].graph, analyze,
		                     &periods[p].analysis,
		                     &err) != POLGRAPH_OK) {
			cli_error("%s", err.message);
			goto out;
		}
		index_period(&periods[p]);
	}
	print_periods(&sink, periods);
	if (format == CLI_TABLE_JSON)
		polgraph_buf_puts(&sink.json, "\"actors\":{");
	list_actors(&sink, "appeared", &periods[1], &periods[0], false);
	list_actors(&sink, "vanished", &periods[0], &periods[1], true);
	if (format == CLI_TABLE_JSON)
		polgraph_buf_puts(&sink.json, "},\"edges\":{");
	list_edges(&sink, "appeared", &periods[1], &periods[0], false);
	list_edges(&sink, "vanished", &periods[0], &periods[1], true);
	if (format == CLI_TABLE_JSON)
		polgraph_buf_puts(&sink.json, "},\"pagerank_rank\":{");
	list_ranks(&sink, &periods[0], &periods[1]);
	result = CLI_OK;
	if (format == CLI_TABLE_JSON) {
		polgraph_buf_puts(&sink.json, "}}");
		if (!cli_print_line(&sink.json))
			result = CLI_FAIL;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the comparison: %s", strerror(errno));
		result = CLI_FAIL;
	}
out:
	polgraph_buf_release(&sink.json);
	release_period(&periods[0]);
	release_period(&periods[1]);
	return result;
}
