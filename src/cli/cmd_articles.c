/*
 * cmd_articles.c - `polgraph articles`: one row per stored article.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct listing {
	bool json;
	struct polgraph_buf line;
};

/* TSV cells must not contain tabs or newlines. */
static void put_cell(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static enum polgraph_status print_row(const struct polgraph_article_row *row,
                                      void *ctx)
{
	struct listing *listing = ctx;
	struct polgraph_buf *line = &listing->line;

	if (!listing->json) {
		put_cell(row->id);
		printf("\t%s\t%s\t%zu\t%zu\t%zu\t", row->date ? row->date : "",
		       row->lang, row->sentence_count, row->mention_count,
		       row->relation_count);
		put_cell(row->title);
		putchar('\n');
		return ferror(stdout) ? POLGRAPH_IO : POLGRAPH_OK;
	}
	polgraph_buf_reset(line);
	polgraph_buf_puts(line, "{\"id\":");
	polgraph_json_write_string(line, row->id);
	polgraph_buf_puts(line, ",\"date\":");
	if (row->date)
		polgraph_json_write_string(line, row->date);
	else
		polgraph_buf_puts(line, "null");
	polgraph_buf_puts(line, ",\"lang\":");
	polgraph_json_write_string(line, row->lang);
	polgraph_buf_puts(line, ",\"title\":");
	if (row->title)
		polgraph_json_write_string(line, row->title);
	else
		polgraph_buf_puts(line, "null");
	polgraph_buf_puts(line, ",\"source\":");
	if (row->source)
		polgraph_json_write_string(line, row->source);
	else
		polgraph_buf_puts(line, "null");
	polgraph_buf_printf(line,
	                    ",\"sentences\":%zu,\"mentions\":%zu,"
	                    "\"relations\":%zu}",
	                    row->sentence_count, row->mention_count,
	                    row->relation_count);
	return cli_print_line(line) ? POLGRAPH_OK : POLGRAPH_IO;
}

int cmd_articles(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct polgraph_store *store = NULL;
	struct polgraph_error err = { 0 };
	struct listing listing = { 0 };
	int option, exit_status = CLI_OK;

	while ((option = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (option) {
		case 'h':
			return cli_help("articles");
		case 'F':
			if (strcmp(optarg, "json") == 0)
				listing.json = true;
			else if (strcmp(optarg, "tsv") != 0)
				return cli_usage_error("articles",
				                       "unknown format '%s' "
				                       "(want tsv or json)",
				                       optarg);
			break;
		default:
			return cli_bad_option("articles", option, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error("articles", "unexpected argument '%s'",
		                       argv[optind]);
	if (polgraph_store_open(cli->db_path, POLGRAPH_STORE_READONLY, &store,
	                        &err) != POLGRAPH_OK) {
		cli_error("%s", err.message);
		return CLI_FAIL;
	}
	if (!listing.json)
		puts("id\tdate\tlang\tsentences\tmentions\trelations\ttitle");
	if (polgraph_store_list_articles(store, print_row, &listing, &err) !=
	    POLGRAPH_OK) {
		cli_error("%s",
		          err.message[0] ? err.message : "cannot write output");
		exit_status = CLI_FAIL;
	}
	if (fflush(stdout) != 0) {
		cli_error("cannot write output: %m");
		exit_status = CLI_FAIL;
	}
	polgraph_buf_release(&listing.line);
	polgraph_store_close(store);
	return exit_status;
}
