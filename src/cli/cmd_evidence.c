/*
 * cmd_evidence.c - `polgraph evidence A [B]`: every sentence supporting an
 * edge of actor A (with B, if given) in the filtered graph.
 *
 * Consumes the filtered graph (graphopt.c) and the store's evidence rows;
 * produces one line (text: tab-separated; CSV: after a header) or one JSON
 * object per sentence, in the store's order: relations by type, source,
 * target, article, sentence; then co-mentions (only when --type names
 * comention).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct evidence {
	const char *actor, *other;    /* keys; other may be NULL */
	bool comention;               /* co-mention rows wanted */
	enum cli_table_format format; /* text, json or csv */
	struct polgraph_strmap edges; /* "type\037source\037target" in graph */
	struct polgraph_arena arena;  /* the keys of edges */
	struct polgraph_buf key, out;
	size_t count;
};

/* Text columns hold no tabs or newlines. */
static void put_field(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void write_opt_string(struct polgraph_buf *out, const char *s)
{
	if (s)
		polgraph_json_write_string(out, s);
	else
		polgraph_buf_puts(out, "null");
}

static enum polgraph_status on_row(const struct polgraph_graph_edge_row *row,
                                   void *ctx)
{
	struct evidence *evidence = ctx;
	const char *other;
	bool is_comention = strcmp(row->type, POLGRAPH_COMENTION) == 0;

	if (is_comention && !evidence->comention)
		return POLGRAPH_OK;
	if (strcmp(row->source, evidence->actor) == 0)
		other = row->target;
	else if (strcmp(row->target, evidence->actor) == 0)
		other = row->source;
	else
		return POLGRAPH_OK;
	if (evidence->other && strcmp(other, evidence->other) != 0)
		return POLGRAPH_OK;
	polgraph_graph_edge_key(&evidence->key, row->type, row->source,
	                        row->target);
	if (!polgraph_strmap_get(&evidence->edges, evidence->key.data,
	                         evidence->key.len, NULL))
		return POLGRAPH_OK; /* under --min-weight or outside --ego */
	if (evidence->format == CLI_TABLE_CSV) {
		cli_csv_field(row->type);
		putchar(',');
		cli_csv_field(row->source);
		putchar(',');
		cli_csv_field(row->target);
		putchar(',');
		cli_csv_field(row->article);
		putchar(',');
		cli_csv_field(row->date ? row->date : "");
		putchar(',');
		cli_csv_field(row->article_source ? row->article_source : "");
		putchar(',');
		cli_csv_field(row->sentence_text ? row->sentence_text : "");
		putchar('\n');
	} else if (evidence->format == CLI_TABLE_TEXT) {
		put_field(row->type);
		putchar('\t');
		put_field(row->source);
		putchar('\t');
		put_field(row->target);
		putchar('\t');
		put_field(row->article);
		putchar('\t');
		put_field(row->date ? row->date : "-");
		putchar('\t');
		put_field(row->article_source ? row->article_source : "-");
		putchar('\t');
		put_field(row->sentence_text);
		putchar('\n');
	} else {
		struct polgraph_buf *out = &evidence->out;

		polgraph_buf_puts(out, evidence->count ? ",{\"type\":"
		                                       : "{\"type\":");
		polgraph_json_write_string(out, row->type);
		polgraph_buf_puts(out, ",\"source\":");
		polgraph_json_write_string(out, row->source);
		polgraph_buf_puts(out, ",\"target\":");
		polgraph_json_write_string(out, row->target);
		polgraph_buf_puts(out, ",\"article\":");
		polgraph_json_write_string(out, row->article);
		polgraph_buf_puts(out, ",\"date\":");
		write_opt_string(out, row->date);
		polgraph_buf_puts(out, ",\"article_source\":");
		write_opt_string(out, row->article_source);
		polgraph_buf_printf(out, ",\"sentence_index\":%lld",
		                    (long long)row->sentence);
		polgraph_buf_puts(out, ",\"sentence\":");
		write_opt_string(out, row->sentence_text);
		polgraph_buf_puts(out, "}");
	}
	evidence->count++;
	return POLGRAPH_OK;
}

/* Indexes the edges of graph by type and endpoint keys. */
static void index_edges(struct evidence *evidence,
                        const struct polgraph_graph *graph)
{
	size_t edge_count = polgraph_graph_edge_count(graph);

	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(graph, e, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		polgraph_graph_edge_key(&evidence->key, edge.type, source.key,
		                        target.key);
		polgraph_strmap_put(&evidence->edges,
		                    polgraph_arena_strdup(&evidence->arena,
		                                          evidence->key.data),
		                    e);
	}
}

int cmd_evidence(struct cli *cli, int argc, char **argv)
{
	struct cli_graph_options graph_options;
	struct polgraph_store *store = NULL;
	struct polgraph_graph *graph = NULL;
	struct cli_resolver resolver = { .cli = cli };
	struct polgraph_error err = { 0 };
	struct evidence evidence = { 0 };
	struct polgraph_graph_filter filter;
	int result = CLI_FAIL;

	polgraph_graph_init();
	cli_graph_options_init(&graph_options);
	result = cli_graph_query_args("evidence", argc, argv, &graph_options,
	                              &evidence.format);
	if (result != -1)
		goto out;
	result = CLI_FAIL;
	if (argc - optind < 1 || argc - optind > 2) {
		result = cli_usage_error("evidence", "give one or two actors");
		goto out;
	}
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	resolver.store = store;
	if (cli_resolve_actor(&resolver, argv[optind], &evidence.actor) !=
	            CLI_OK ||
	    (argc - optind == 2 &&
	     cli_resolve_actor(&resolver, argv[optind + 1], &evidence.other) !=
	             CLI_OK) ||
	    cli_graph_build(&graph_options, &resolver, store, &graph) != CLI_OK)
		goto out;
	index_edges(&evidence, graph);
	for (size_t i = 0; graph_options.types && graph_options.types[i]; i++)
		if (strcmp(graph_options.types[i], POLGRAPH_COMENTION) == 0)
			evidence.comention = true;
	filter = graph_options.filter;
	filter.evidence = true;
	if (evidence.format == CLI_TABLE_CSV)
		puts("type,source,target,article,date,source_name,sentence");
	if (evidence.format == CLI_TABLE_JSON) {
		polgraph_buf_puts(&evidence.out, "{\"actor\":");
		polgraph_json_write_string(&evidence.out, evidence.actor);
		polgraph_buf_puts(&evidence.out, ",\"with\":");
		write_opt_string(&evidence.out, evidence.other);
		polgraph_buf_puts(&evidence.out, ",\"evidence\":[");
	}
	if (polgraph_store_graph_edges(store, &filter, on_row, &evidence,
	                               &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		goto out;
	}
	result = CLI_OK;
	if (evidence.format == CLI_TABLE_JSON) {
		polgraph_buf_puts(&evidence.out, "]}");
		if (!cli_print_line(&evidence.out))
			result = CLI_FAIL;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the evidence: %s", strerror(errno));
		result = CLI_FAIL;
	}
out:
	polgraph_buf_release(&evidence.out);
	polgraph_buf_release(&evidence.key);
	polgraph_strmap_release(&evidence.edges);
	polgraph_arena_release(&evidence.arena);
	polgraph_graph_free(graph);
	cli_resolver_release(&resolver);
	polgraph_store_close(store);
	cli_graph_options_release(&graph_options);
	return result;
}
