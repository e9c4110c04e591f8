/*
 * cmd_neighbors.c - `polgraph neighbors ACTOR`: the actors one edge away,
 * with relation type, direction, weight, sentences and dates.
 *
 * Consumes the filtered graph (graphopt.c); produces one row per
 * (neighbour, type), by weight, then key, then type, as text, JSON or CSV.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct neighbor {
	size_t vertex; /* the neighbour */
	size_t edge;   /* the edge to it */
	const char *direction;
};

static const struct polgraph_graph *sort_graph;

static int compare_neighbors(const void *left, const void *right)
{
	const struct neighbor *a = left, *b = right;
	struct polgraph_graph_edge edge_a, edge_b;
	struct polgraph_graph_vertex vertex_a, vertex_b;
	int order;

	polgraph_graph_edge(sort_graph, a->edge, &edge_a);
	polgraph_graph_edge(sort_graph, b->edge, &edge_b);
	if (edge_a.weight != edge_b.weight)
		return edge_a.weight > edge_b.weight ? -1 : 1;
	polgraph_graph_vertex(sort_graph, a->vertex, &vertex_a);
	polgraph_graph_vertex(sort_graph, b->vertex, &vertex_b);
	order = strcmp(vertex_a.key, vertex_b.key);
	return order ? order : strcmp(edge_a.type, edge_b.type);
}

static void print_text(const struct polgraph_graph *graph,
                       const struct neighbor *rows, size_t count)
{
	int key_width = 3, type_width = 4;
	struct polgraph_graph_vertex vertex;
	struct polgraph_graph_edge edge;

	for (size_t i = 0; i < count; i++) {
		polgraph_graph_vertex(graph, rows[i].vertex, &vertex);
		polgraph_graph_edge(graph, rows[i].edge, &edge);
		if ((int)strlen(vertex.key) > key_width)
			key_width = (int)strlen(vertex.key);
		if ((int)strlen(edge.type) > type_width)
			type_width = (int)strlen(edge.type);
	}
	printf("%-*s  %-*s  %-4s  %6s  %9s  %-10s  %-10s  name\n", key_width,
	       "key", type_width, "type", "dir", "weight", "sentences", "first",
	       "last");
	for (size_t i = 0; i < count; i++) {
		polgraph_graph_vertex(graph, rows[i].vertex, &vertex);
		polgraph_graph_edge(graph, rows[i].edge, &edge);
		printf("%-*s  %-*s  %-4s  %6lld  %9lld  %-10s  %-10s  %s\n",
		       key_width, vertex.key, type_width, edge.type,
		       rows[i].direction, (long long)edge.weight,
		       (long long)edge.sentences,
		       *edge.first_date ? edge.first_date : "-",
		       *edge.last_date ? edge.last_date : "-", vertex.name);
	}
}

static void print_csv(const struct polgraph_graph *graph,
                      const struct neighbor *rows, size_t count)
{
	struct polgraph_graph_vertex vertex;
	struct polgraph_graph_edge edge;

	puts("key,type,direction,weight,sentences,first,last,name");
	for (size_t i = 0; i < count; i++) {
		polgraph_graph_vertex(graph, rows[i].vertex, &vertex);
		polgraph_graph_edge(graph, rows[i].edge, &edge);
		cli_csv_field(vertex.key);
		putchar(',');
		cli_csv_field(edge.type);
		printf(",%s,%lld,%lld,", rows[i].direction,
		       (long long)edge.weight, (long long)edge.sentences);
		cli_csv_field(edge.first_date);
		putchar(',');
		cli_csv_field(edge.last_date);
		putchar(',');
		cli_csv_field(vertex.name);
		putchar('\n');
	}
}

static bool print_json(const struct polgraph_graph *graph, size_t center,
                       const struct neighbor *rows, size_t count)
{
	struct polgraph_buf out = { 0 };
	struct polgraph_graph_vertex vertex;
	struct polgraph_graph_edge edge;
	bool ok;

	polgraph_graph_vertex(graph, center, &vertex);
	polgraph_buf_puts(&out, "{\"actor\":{\"key\":");
	polgraph_json_write_string(&out, vertex.key);
	polgraph_buf_puts(&out, ",\"name\":");
	polgraph_json_write_string(&out, vertex.name);
	polgraph_buf_puts(&out, "},\"neighbors\":[");
	for (size_t i = 0; i < count; i++) {
		polgraph_graph_vertex(graph, rows[i].vertex, &vertex);
		polgraph_graph_edge(graph, rows[i].edge, &edge);
		polgraph_buf_puts(&out, i ? ",{\"key\":" : "{\"key\":");
		polgraph_json_write_string(&out, vertex.key);
		polgraph_buf_puts(&out, ",\"name\":");
		polgraph_json_write_string(&out, vertex.name);
		polgraph_buf_puts(&out, ",\"actor_type\":");
		polgraph_json_write_string(&out, vertex.type);
		polgraph_buf_puts(&out, ",\"type\":");
		polgraph_json_write_string(&out, edge.type);
		polgraph_buf_printf(&out,
		                    ",\"direction\":\"%s\",\"weight\":%lld,"
		                    "\"sentences\":%lld,\"first\":",
		                    rows[i].direction, (long long)edge.weight,
		                    (long long)edge.sentences);
		if (*edge.first_date)
			polgraph_json_write_string(&out, edge.first_date);
		else
			polgraph_buf_puts(&out, "null");
		polgraph_buf_puts(&out, ",\"last\":");
		if (*edge.last_date)
			polgraph_json_write_string(&out, edge.last_date);
		else
			polgraph_buf_puts(&out, "null");
		polgraph_buf_puts(&out, "}");
	}
	polgraph_buf_puts(&out, "]}");
	ok = cli_print_line(&out);
	polgraph_buf_release(&out);
	return ok;
}

int cmd_neighbors(struct cli *cli, int argc, char **argv)
{
	struct cli_graph_options graph_options;
	struct polgraph_store *store = NULL;
	struct polgraph_graph *graph = NULL;
	struct cli_resolver resolver = { .cli = cli };
	struct polgraph_error err = { 0 };
	struct neighbor *rows = NULL;
	size_t row_count = 0, edge_count;
	const char *key;
	enum cli_table_format format = CLI_TABLE_TEXT;
	long center;
	int result = CLI_FAIL;

	polgraph_graph_init();
	cli_graph_options_init(&graph_options);
	result = cli_graph_query_args("neighbors", argc, argv, &graph_options,
	                              &format);
	if (result != -1)
		goto out;
	result = CLI_FAIL;
	if (argc - optind != 1) {
		result = cli_usage_error("neighbors",
		                         argc - optind ? "give one actor"
		                                       : "no actor given");
		goto out;
	}
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	resolver.store = store;
	if (cli_resolve_actor(&resolver, argv[optind], &key) != CLI_OK ||
	    cli_graph_build(&graph_options, &resolver, store, &graph) != CLI_OK)
		goto out;
	center = polgraph_graph_find(graph, key);
	if (center < 0) {
		cli_error("'%s' is not in the graph (no mention under these "
		          "filters)",
		          key);
		goto out;
	}
	edge_count = polgraph_graph_edge_count(graph);
	rows = polgraph_xcalloc(edge_count + 1, sizeof(*rows));
	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;

		polgraph_graph_edge(graph, e, &edge);
		if (edge.source != (size_t)center &&
		    edge.target != (size_t)center)
			continue;
		rows[row_count].edge = e;
		rows[row_count].vertex = edge.source == (size_t)center
		                                 ? edge.target
		                                 : edge.source;
		rows[row_count].direction = edge.symmetric ? "both"
		                            : edge.source == (size_t)center
		                                    ? "out"
		                                    : "in";
		row_count++;
	}
	sort_graph = graph;
	qsort(rows, row_count, sizeof(*rows), compare_neighbors);
	result = CLI_OK;
	if (format == CLI_TABLE_JSON) {
		if (!print_json(graph, (size_t)center, rows, row_count))
			result = CLI_FAIL;
	} else if (format == CLI_TABLE_CSV) {
		print_csv(graph, rows, row_count);
	} else {
		print_text(graph, rows, row_count);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the neighbours: %s", strerror(errno));
		result = CLI_FAIL;
	}
out:
	free(rows);
	polgraph_graph_free(graph);
	cli_resolver_release(&resolver);
	polgraph_store_close(store);
	cli_graph_options_release(&graph_options);
	return result;
}
