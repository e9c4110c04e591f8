/*
 * cmd_path.c - `polgraph path A B`: a shortest chain of actors from A to
 * B, each hop with its relation type, weight and evidence sentences.
 *
 * Consumes the filtered graph (graphopt.c) and the store's evidence rows;
 * produces the path as text, JSON or CSV.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Evidence sentences printed per hop. */
#define HOP_EVIDENCE 3

struct sentence {
	char *article, *date, *source, *text; /* date, source may be NULL */
};

struct hop {
	size_t edge; /* the strongest edge between the two actors */
	struct sentence evidence[HOP_EVIDENCE];
	size_t evidence_count;
};

/* Evidence rows of the hops, matched by "type\037source\037target". */
struct collector {
	struct polgraph_strmap index; /* edge key -> hop */
	struct polgraph_arena arena;  /* the keys */
	struct hop *hops;
	struct polgraph_buf key;
};

static char *copy_or_null(const char *s)
{
	return s ? polgraph_xstrdup(s) : NULL;
}

static enum polgraph_status on_row(const struct polgraph_graph_edge_row *row,
                                   void *ctx)
{
	struct collector *collector = ctx;
	struct sentence *sentence;
	struct hop *hop;
	size_t index;

	polgraph_graph_edge_key(&collector->key, row->type, row->source,
	                        row->target);
	if (!polgraph_strmap_get(&collector->index, collector->key.data,
	                         collector->key.len, &index))
		return POLGRAPH_OK;
	hop = &collector->hops[index];
	if (hop->evidence_count == HOP_EVIDENCE)
		return POLGRAPH_OK;
	sentence = &hop->evidence[hop->evidence_count++];
	sentence->article = polgraph_xstrdup(row->article);
	sentence->date = copy_or_null(row->date);
	sentence->source = copy_or_null(row->article_source);
	sentence->text = copy_or_null(row->sentence_text);
	return POLGRAPH_OK;
}

/* The strongest edge between u and v: weight, then typed over
 * co-mention, then type name. */
static bool better_edge(const struct polgraph_graph_edge *candidate,
                        const struct polgraph_graph_edge *best)
{
	bool candidate_typed = strcmp(candidate->type, POLGRAPH_COMENTION);
	bool best_typed = strcmp(best->type, POLGRAPH_COMENTION);

	if (candidate->weight != best->weight)
		return candidate->weight > best->weight;
	if (candidate_typed != best_typed)
		return candidate_typed;
	return strcmp(candidate->type, best->type) < 0;
}

static void pick_edges(const struct polgraph_graph *graph,
                       const size_t *vertices, size_t count, struct hop *hops)
{
	size_t edge_count = polgraph_graph_edge_count(graph);

	for (size_t i = 0; i + 1 < count; i++) {
		struct polgraph_graph_edge edge, best = { 0 };
		bool found = false;

		for (size_t e = 0; e < edge_count; e++) {
			polgraph_graph_edge(graph, e, &edge);
			if (!((edge.source == vertices[i] &&
			       edge.target == vertices[i + 1]) ||
			      (edge.target == vertices[i] &&
			       edge.source == vertices[i + 1])))
				continue;
			if (!found || better_edge(&edge, &best)) {
				best = edge;
				hops[i].edge = e;
				found = true;
			}
		}
	}
}

static void write_opt_string(struct polgraph_buf *out, const char *s)
{
	if (s)
		polgraph_json_write_string(out, s);
	else
		polgraph_buf_puts(out, "null");
}

static bool print_json(const struct polgraph_graph *graph,
                       const size_t *vertices, size_t count,
                       const struct hop *hops)
{
	struct polgraph_buf out = { 0 };
	struct polgraph_graph_vertex vertex;
	struct polgraph_graph_edge edge;
	bool ok;

	polgraph_buf_printf(&out, "{\"hops\":%zu,\"path\":[", count - 1);
	for (size_t i = 0; i < count; i++) {
		polgraph_graph_vertex(graph, vertices[i], &vertex);
		polgraph_buf_puts(&out, i ? ",{\"key\":" : "{\"key\":");
		polgraph_json_write_string(&out, vertex.key);
		polgraph_buf_puts(&out, ",\"name\":");
		polgraph_json_write_string(&out, vertex.name);
		polgraph_buf_puts(&out, "}");
	}
	polgraph_buf_puts(&out, "],\"edges\":[");
	for (size_t i = 0; i + 1 < count; i++) {
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(graph, hops[i].edge, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		polgraph_buf_puts(&out, i ? ",{\"source\":" : "{\"source\":");
		polgraph_json_write_string(&out, source.key);
		polgraph_buf_puts(&out, ",\"target\":");
		polgraph_json_write_string(&out, target.key);
		polgraph_buf_puts(&out, ",\"type\":");
		polgraph_json_write_string(&out, edge.type);
		polgraph_buf_printf(&out,
		                    ",\"symmetric\":%s,\"weight\":%lld,"
		                    "\"sentences\":%lld,\"evidence\":[",
		                    edge.symmetric ? "true" : "false",
		                    (long long)edge.weight,
		                    (long long)edge.sentences);
		for (size_t s = 0; s < hops[i].evidence_count; s++) {
			const struct sentence *sentence = &hops[i].evidence[s];

			polgraph_buf_puts(&out, s ? ",{\"article\":"
			                          : "{\"article\":");
			polgraph_json_write_string(&out, sentence->article);
			polgraph_buf_puts(&out, ",\"date\":");
			write_opt_string(&out, sentence->date);
			polgraph_buf_puts(&out, ",\"source\":");
			write_opt_string(&out, sentence->source);
			polgraph_buf_puts(&out, ",\"sentence\":");
			write_opt_string(&out, sentence->text);
			polgraph_buf_puts(&out, "}");
		}
		polgraph_buf_puts(&out, "]}");
	}
	polgraph_buf_puts(&out, "]}");
	ok = cli_print_line(&out);
	polgraph_buf_release(&out);
	return ok;
}

/* One row per evidence sentence of each hop, or one with empty evidence. */
static void print_csv(const struct polgraph_graph *graph, size_t count,
                      const struct hop *hops)
{
	struct polgraph_graph_vertex source, target;
	struct polgraph_graph_edge edge;

	puts("hop,from,to,type,weight,article,date,evidence");
	for (size_t i = 0; i + 1 < count; i++) {
		size_t rows =
			hops[i].evidence_count ? hops[i].evidence_count : 1;

		polgraph_graph_edge(graph, hops[i].edge, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		for (size_t s = 0; s < rows; s++) {
			const struct sentence *sentence =
				hops[i].evidence_count ? &hops[i].evidence[s]
						       : NULL;

			printf("%zu,", i + 1);
			cli_csv_field(source.key);
			putchar(',');
			cli_csv_field(target.key);
			putchar(',');
			cli_csv_field(edge.type);
			printf(",%lld,", (long long)edge.weight);
			if (sentence) {
				cli_csv_field(sentence->article);
				putchar(',');
				cli_csv_field(sentence->date ? sentence->date
				                             : "");
				putchar(',');
				cli_csv_field(sentence->text ? sentence->text
				                             : "");
			} else {
				fputs(",,", stdout);
			}
			putchar('\n');
		}
	}
}

static void print_text(const struct polgraph_graph *graph,
                       const size_t *vertices, size_t count,
                       const struct hop *hops)
{
	struct polgraph_graph_vertex vertex, source, target;
	struct polgraph_graph_edge edge;

	printf("%zu hop%s\n", count - 1, count == 2 ? "" : "s");
	for (size_t i = 0; i < count; i++) {
		polgraph_graph_vertex(graph, vertices[i], &vertex);
		printf("%s (%s)\n", vertex.key, vertex.name);
		if (i + 1 == count)
			break;
		polgraph_graph_edge(graph, hops[i].edge, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		printf("  %s %s %s %s, weight %lld, sentences %lld\n",
		       source.key, edge.symmetric ? "--" : "->", target.key,
		       edge.type, (long long)edge.weight,
		       (long long)edge.sentences);
		for (size_t s = 0; s < hops[i].evidence_count; s++) {
			const struct sentence *sentence = &hops[i].evidence[s];

			printf("    %s  %s  %s\n",
			       sentence->date ? sentence->date : "-",
			       sentence->article,
			       sentence->text ? sentence->text : "");
		}
	}
}

int cmd_path(struct cli *cli, int argc, char **argv)
{
	struct cli_graph_options graph_options;
	struct polgraph_store *store = NULL;
	struct polgraph_graph *graph = NULL;
	struct cli_resolver resolver = { .cli = cli };
	struct polgraph_error err = { 0 };
	struct collector collector = { 0 };
	struct polgraph_graph_filter filter;
	size_t *vertices = NULL, count = 0;
	const char *from_key, *to_key;
	long from, to;
	enum cli_table_format format = CLI_TABLE_TEXT;
	int result = CLI_FAIL;

	polgraph_graph_init();
	cli_graph_options_init(&graph_options);
	result = cli_graph_query_args("path", argc, argv, &graph_options,
	                              &format);
	if (result != -1)
		goto out;
	result = CLI_FAIL;
	if (argc - optind != 2) {
		result = cli_usage_error("path", "give two actors");
		goto out;
	}
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	resolver.store = store;
	if (cli_resolve_actor(&resolver, argv[optind], &from_key) != CLI_OK ||
	    cli_resolve_actor(&resolver, argv[optind + 1], &to_key) != CLI_OK ||
	    cli_graph_build(&graph_options, &resolver, store, &graph) != CLI_OK)
		goto out;
	from = polgraph_graph_find(graph, from_key);
	to = polgraph_graph_find(graph, to_key);
	if (from >= 0 && to >= 0 &&
	    polgraph_graph_path(graph, (size_t)from, (size_t)to, &vertices,
	                        &count, &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	if (count == 0) {
		cli_error("no path between '%s' and '%s'", argv[optind],
		          argv[optind + 1]);
		goto out;
	}

	collector.hops = polgraph_xcalloc(count, sizeof(*collector.hops));
	pick_edges(graph, vertices, count, collector.hops);
	for (size_t i = 0; i + 1 < count; i++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(graph, collector.hops[i].edge, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		polgraph_graph_edge_key(&collector.key, edge.type, source.key,
		                        target.key);
		polgraph_strmap_put(&collector.index,
		                    polgraph_arena_strdup(&collector.arena,
		                                          collector.key.data),
		                    i);
	}
	filter = graph_options.filter;
	filter.evidence = true;
	if (polgraph_store_graph_edges(store, &filter, on_row, &collector,
	                               &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	result = CLI_OK;
	if (format == CLI_TABLE_JSON) {
		if (!print_json(graph, vertices, count, collector.hops))
			result = CLI_FAIL;
	} else if (format == CLI_TABLE_CSV) {
		print_csv(graph, count, collector.hops);
	} else {
		print_text(graph, vertices, count, collector.hops);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the path: %s", strerror(errno));
		result = CLI_FAIL;
	}
out:
	for (size_t i = 0; collector.hops && i < count; i++)
		for (size_t s = 0; s < collector.hops[i].evidence_count; s++) {
			struct sentence *sentence =
				&collector.hops[i].evidence[s];

			free(sentence->article);
			free(sentence->date);
			free(sentence->source);
			free(sentence->text);
		}
	free(collector.hops);
	polgraph_buf_release(&collector.key);
	polgraph_strmap_release(&collector.index);
	polgraph_arena_release(&collector.arena);
	free(vertices);
	polgraph_graph_free(graph);
	cli_resolver_release(&resolver);
	polgraph_store_close(store);
	cli_graph_options_release(&graph_options);
	return result;
}
